"""News articles: English news in two sections (international, domestic) and Chinese news.

An English article keeps its dateline as printed ("BEIJING, April 21 --"): the place and the
date text separately, so that pages can print it and imports can fill it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from yingdu.core.models import Item
from yingdu.core.sanitize import keyed_paragraphs, safe_paragraphs, split_paragraphs


class Section(models.TextChoices):
    INTERNATIONAL = "international", _("International English news")
    DOMESTIC = "domestic", _("China English news")
    ZH = "zh", _("Chinese news")


SECTION_PREFIX = {
    Section.INTERNATIONAL: "国际英语资讯:",
    Section.DOMESTIC: "国内英语资讯:",
    Section.ZH: "",
}

SECTION_URL = {
    Section.INTERNATIONAL: "news:international_detail",
    Section.DOMESTIC: "news:domestic_detail",
    Section.ZH: "news:zh_detail",
}


class NewsArticle(Item):
    section = models.CharField(_("section"), max_length=20, choices=Section.choices, db_index=True)
    dateline_place = models.CharField(_("dateline place"), max_length=80, blank=True)
    dateline_date = models.CharField(
        _("dateline date"), max_length=40, blank=True, help_text=_("As printed, e.g. April 21")
    )
    source = models.CharField(_("source"), max_length=100, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(
        _("body"), help_text=_("Paragraphs separated by a blank line; simple inline HTML allowed.")
    )

    class Meta(Item.Meta):
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        indexes = [models.Index(fields=["section", "status", "-published_at"])]

    @property
    def detail_url_name(self):
        return SECTION_URL[self.section]

    @property
    def list_prefix(self):
        return SECTION_PREFIX[self.section]

    @property
    def is_english(self) -> bool:
        return self.section != Section.ZH

    @property
    def dateline(self) -> str:
        """'BEIJING, April 21 --' as printed, or '' when the article has none."""
        if not self.dateline_place:
            return ""
        date = f", {self.dateline_date}" if self.dateline_date else ""
        return f"{self.dateline_place}{date} --"

    @property
    def body_has_dateline(self) -> bool:
        return bool(self.dateline_place) and self.body.lstrip().startswith(self.dateline_place)

    def paragraphs(self) -> list[str]:
        return split_paragraphs(self.body)

    def safe_paragraphs(self):
        return safe_paragraphs(self.body)

    def reading_texts(self) -> dict[str, str]:
        return keyed_paragraphs(self.body) if self.is_english else {}

    def body_parts(self):
        """(key, safe HTML) per paragraph, for templates that show reading aids."""
        return list(zip(keyed_paragraphs(self.body), self.safe_paragraphs(), strict=True))

    def same_section(self):
        return NewsArticle.objects.published().filter(section=self.section)
