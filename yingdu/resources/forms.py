"""Upload and edit forms: metadata, tags, and files checked by content before any write."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from . import filecheck
from .models import Resource, ResourceFile, ResourceStatus

MB = 1024 * 1024

MESSAGES = {
    "extension": _(
        "“.%(ext)s” files are not accepted. Accepted: doc, docx, ppt, pptx, xls, xlsx, pdf, "
        "zip, mp3, mp4, jpg, png."
    ),
    "empty": _("The file is empty."),
    "mismatch": _(
        "The content of this file is not a real .%(ext)s file (its type does not match its "
        "extension), so it was refused."
    ),
    "damaged": _("The file is damaged and cannot be opened."),
    "zip_entries": _("The archive holds more than %(limit)s files."),
    "zip_expanded": _("The archive would expand to more than %(limit)s."),
    "zip_path": _("The archive contains an unsafe path (%(name)s)."),
    "zip_encrypted": _("Encrypted archives cannot be checked and are not accepted."),
}


def upload_max_bytes() -> int:
    return settings.RESOURCE_UPLOAD_MAX_BYTES


def limits() -> filecheck.Limits:
    return filecheck.Limits(
        zip_max_entries=settings.RESOURCE_ZIP_MAX_ENTRIES,
        zip_max_expanded=settings.RESOURCE_ZIP_MAX_EXPANDED_BYTES,
    )


def split_tags(text: str) -> list[str]:
    for separator in "，、;；":
        text = text.replace(separator, ",")
    names = [" ".join(part.split())[:50] for part in text.split(",")]
    return list(dict.fromkeys(name for name in names if name))[:10]


@dataclass
class CheckedFile:
    upload: object  # Django UploadedFile (in memory or a temporary file)
    kind: str
    sha256: str
    name: str  # sanitized display name

    @property
    def source(self):
        """A path for parsers when the upload is on disk, else the file object."""
        path = getattr(self.upload, "temporary_file_path", None)
        return path() if path else self.upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            data = [d for d in data if d]
            if not data and self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data or self.required else []


class ResourceForm(forms.ModelForm):
    tags_text = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=300,
        help_text=_("Separated by commas, e.g. 阅读, Unit 1"),
    )

    class Meta:
        model = Resource
        fields = ["title", "type", "grade", "volume", "edition", "unit", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["tags_text"].initial = ", ".join(t.name for t in self.instance.tags.all())

    def clean_tags_text(self):
        return split_tags(self.cleaned_data.get("tags_text", ""))


class UploadForm(ResourceForm):
    files = MultipleFileField(
        label=_("Files"),
        help_text=_("doc, docx, ppt, pptx, xls, xlsx, pdf, zip, mp3, mp4, jpg or png"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.checked: list[CheckedFile] = []
        self.duplicates: list[Resource] = []
        accept = ",".join(f".{ext}" for ext in filecheck.ALLOWED)
        self.fields["files"].widget.attrs["accept"] = accept

    def clean_files(self):
        uploads = self.cleaned_data.get("files") or []
        most = settings.RESOURCE_UPLOAD_MAX_FILES
        if len(uploads) > most:
            raise ValidationError(
                _("At most %(n)s files per resource."), code="too_many", params={"n": most}
            )
        errors, checked, seen = [], [], set()
        for upload in uploads:
            try:
                kind = filecheck.check_file(upload, upload.name, limits())
            except filecheck.FileRejected as rejected:
                params = dict(rejected.params)
                if "limit" in params and rejected.code == "zip_expanded":
                    params["limit"] = filesizeformat(params["limit"])
                message = MESSAGES[rejected.code] % params
                params = {"file": upload.name, "message": message}
                errors.append(
                    ValidationError("%(file)s: %(message)s", code=rejected.code, params=params)
                )
                continue
            digest = filecheck.sha256_of(upload)
            if digest in seen:
                continue  # the same file twice in one upload: keep it once
            seen.add(digest)
            name = filecheck.display_name(upload.name, kind)
            checked.append(CheckedFile(upload, kind, digest, name))
        if errors:
            raise ValidationError(errors)
        self.duplicates = self.find_duplicates([c.sha256 for c in checked])
        if self.duplicates:
            raise ValidationError(
                _("This file has already been uploaded; see the existing resource below."),
                code="duplicate",
            )
        self.checked = checked
        return uploads

    @staticmethod
    def find_duplicates(digests: list[str]) -> list[Resource]:
        ids = (
            ResourceFile.objects.filter(sha256__in=digests)
            .exclude(resource__status=ResourceStatus.REJECTED)
            .values_list("resource_id", flat=True)
        )
        return list(Resource.objects.filter(pk__in=list(ids)).order_by("pk"))


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
