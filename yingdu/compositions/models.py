"""Student compositions (作文) in Chinese or English, by grade, with a computed length."""

import re

from django.db import models
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from yingdu.core.models import Item
from yingdu.core.sanitize import keyed_paragraphs, safe_paragraphs, split_paragraphs


class Language(models.TextChoices):
    ZH = "zh", _("Chinese")
    EN = "en", _("English")


class Grade(models.TextChoices):
    G1 = "g1", _("Grade 1")
    G2 = "g2", _("Grade 2")
    G3 = "g3", _("Grade 3")
    G4 = "g4", _("Grade 4")
    G5 = "g5", _("Grade 5")
    G6 = "g6", _("Grade 6")
    J1 = "j1", _("Junior 1")
    J2 = "j2", _("Junior 2")
    J3 = "j3", _("Junior 3")
    S1 = "s1", _("Senior 1")
    S2 = "s2", _("Senior 2")
    S3 = "s3", _("Senior 3")
    COLLEGE = "college", _("College")


HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
ENGLISH_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")


def text_length(text: str, language: str) -> int:
    """Characters (汉字) for Chinese, words for English: the way teachers count them."""
    if language == Language.ZH:
        return len(HAN.findall(text or ""))
    return len(ENGLISH_WORD.findall(text or ""))


class Composition(Item):
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ZH
    )
    author_name = models.CharField(_("author (display name)"), max_length=50)
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
