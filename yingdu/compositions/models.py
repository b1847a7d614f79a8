"""Student compositions (作文) in Chinese or English, by grade, with a computed length.

Authors are usually children. The public sees only `public_author`: the display name the
editor chose, or an initial (王同学); the full name is shown only when consent is
recorded (and, for authors under 14, the guardian's consent: PIPL). See docs/privacy.md.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from yingdu.core.grades import Grade, grade_label
from yingdu.core.models import Item
from yingdu.core.sanitize import keyed_paragraphs, safe_paragraphs, split_paragraphs
from yingdu.text import HAN, count_han


class Language(models.TextChoices):
    ZH = "zh", _("Chinese")
    EN = "en", _("English")


ENGLISH_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")


def text_length(text: str, language: str) -> int:
    """Characters (汉字) for Chinese, words for English: the way teachers count them."""
    if language == Language.ZH:
        return count_han(text)
    return len(ENGLISH_WORD.findall(text or ""))


def name_parts(full_name: str) -> list[str]:
    """The parts of a name that identify a person: the whole name, and the given name
    (王小明 -> 小明; Lily Wang -> Lily)."""
    name = " ".join(full_name.split())
    if not name:
        return []
    words = name.split(" ")
    given = name[1:] if HAN.match(name[0]) and len(words) == 1 else " ".join(words[:-1])
    return [p for p in (name, given) if len(p) >= 2 or (p and HAN.match(p))]


def reveals_name(text: str, full_name: str) -> bool:
    squashed = "".join((text or "").split()).casefold()
    return any("".join(p.split()).casefold() in squashed for p in name_parts(full_name))


def default_display_name(full_name: str) -> str:
    """王小明 -> 王同学; Lily Wang -> 'Student W' (W同学); no name -> 同学."""
    words = full_name.split()
    if not words:
        return str(_("A student"))
    initial = words[0][0] if HAN.match(words[0][0]) else words[-1][0].upper()
    return str(_("Student %(initial)s") % {"initial": initial})


class Composition(Item):
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ZH
    )
    author_name = models.CharField(
        _("author's full name (private)"),
        max_length=50,
        blank=True,
        help_text=_("Never shown, indexed or exported unless consent is recorded below."),
    )
    display_name = models.CharField(
        _("display name"),
        max_length=50,
        blank=True,
        help_text=_("Shown as the author. Empty: the surname's initial, e.g. 王同学."),
    )
    author_under_14 = models.BooleanField(
        _("author under 14"),
        default=True,
        help_text=_("Then the guardian's consent is needed before the full name is shown."),
    )
    consent_at = models.DateField(
        _("consent to show the name given on"),
        null=True,
        blank=True,
        help_text=_("Date the author agreed that their full name may be shown."),
    )
    guardian_consent_at = models.DateField(_("guardian's consent given on"), null=True, blank=True)
    grade = models.CharField(_("grade"), max_length=10, choices=Grade.choices, db_index=True)
    body = models.TextField(_("body"), help_text=_("Paragraphs separated by a blank line."))
    length = models.PositiveIntegerField(_("length"), default=0, editable=False)

    detail_url_name = "compositions:detail"
    list_prefix = "作文:"

    class Meta(Item.Meta):
        verbose_name = _("composition")
        verbose_name_plural = _("compositions")

    def save(self, *args, **kwargs):
        self.length = text_length(self.body, self.language)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.consent_at and self.author_under_14 and not self.guardian_consent_at:
            errors["guardian_consent_at"] = _(
                "The author is under 14: record the guardian's consent as well."
            )
        if reveals_name(self.display_name, self.author_name) and not self.name_may_be_shown:
            errors["display_name"] = _(
                "This display name contains the author's name: record consent first."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def name_may_be_shown(self) -> bool:
        """Consent recorded (and the guardian's too for an author under 14)."""
        guardian_ok = not self.author_under_14 or self.guardian_consent_at is not None
        return self.consent_at is not None and guardian_ok

    @property
    def public_author(self) -> str:
        """What the public sees as the author: never the name without consent."""
        chosen = self.display_name.strip()
        if chosen and (self.name_may_be_shown or not reveals_name(chosen, self.author_name)):
            return chosen
        return default_display_name(self.author_name)

    @property
    def grade_label(self):
        return grade_label(self.grade)

    @property
    def is_english(self) -> bool:
        return self.language == Language.EN

    @property
    def length_label(self) -> str:
        unit = _("characters") if self.language == Language.ZH else _("words")
        return f"{self.length} {unit}"

    def paragraphs(self):
        return split_paragraphs(self.body)

    def safe_paragraphs(self):
        return safe_paragraphs(self.body)

    def reading_texts(self) -> dict[str, str]:
        return keyed_paragraphs(self.body) if self.is_english else {}

    def pinyin_texts(self) -> dict[str, str]:
        if self.is_english:
            return {}
        return {f"p{n}": p for n, p in enumerate(split_paragraphs(self.body))}

    def body_parts(self):
        return list(zip(keyed_paragraphs(self.body), self.safe_paragraphs(), strict=True))

    def ruby_paragraphs(self):
        """Paragraphs with pinyin ruby when computed, else the plain paragraphs."""
        ruby = self.reading.get("ruby", {})
        keys = [f"p{n}" for n in range(len(self.paragraphs()))]
        plain = self.safe_paragraphs()
        return [mark_safe(ruby[k]) if k in ruby else p for k, p in zip(keys, plain, strict=True)]  # noqa: S308
