"""The two admin import forms: a page or feed URL, and pasted text, each with a kind."""

from django import forms
from django.utils.translation import gettext_lazy as _

from yingdu.core import kinds


def kind_choices() -> list[tuple]:
    """Detect from the page, or any importable kind of the registry (yingdu.core.kinds)."""
    return [("auto", _("Detect from the page"))] + [
        (kind.key, kind.label) for kind in kinds.importable()
    ]


MAX_PASTE_CHARS = 200_000


class UrlImportForm(forms.Form):
    url = forms.URLField(
        label=_("Page or feed URL"), max_length=2000, assume_scheme="https",
        widget=forms.URLInput(attrs={"size": 80, "placeholder": "https://"}),
    )  # fmt: skip
    kind = forms.ChoiceField(label=_("Kind"), choices=kind_choices, initial="auto")

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(_("Only http and https URLs can be imported."))
        return url


class PasteImportForm(forms.Form):
    text = forms.CharField(
        label=_("Text copied from a page"),
        max_length=MAX_PASTE_CHARS,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 90}),
        help_text=_(
            "Menus, filter rows, share bars, related-article lists and copyright lines around "
            "the article are dropped."
        ),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=kind_choices, initial="auto")
