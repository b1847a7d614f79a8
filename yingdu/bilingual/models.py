"""Bilingual articles: ordered (English, Chinese) paragraph pairs, with a Chinese title
beside the English one. Features such as notes on translating titles are the same kind,
told apart by their category and tags."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from yingdu.core.models import Item
from yingdu.core.sanitize import clean_html


class Category(models.TextChoices):
    NEWS = "news", _("Bilingual news")
    FEATURE = "feature", _("Bilingual feature")
    TRANSLATION = "translation", _("Translation notes")


class BilingualArticle(Item):
    title_zh = models.CharField(_("Chinese title"), max_length=300, blank=True)
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.NEWS
    )
    source = models.CharField(_("source"), max_length=100, blank=True)

    detail_url_name = "bilingual:detail"
    list_prefix = "双语:"

    class Meta(Item.Meta):
        verbose_name = _("bilingual article")
        verbose_name_plural = _("bilingual articles")

    @property
    def is_english(self) -> bool:
        return True

    def reading_texts(self) -> dict[str, str]:
        return {f"pair{p.pk}": clean_html(p.en) for p in self.pairs.all()}


class ParagraphPair(models.Model):
    article = models.ForeignKey(BilingualArticle, related_name="pairs", on_delete=models.CASCADE)
    item_field = "article"  # yingdu.core.rows
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    en = models.TextField(_("English"))
    zh = models.TextField(_("Chinese"))

    class Meta:
        verbose_name = _("paragraph pair")
        verbose_name_plural = _("paragraph pairs")
        ordering = ["position", "id"]

    def __str__(self):
        return self.en[:60]

    def safe_en(self):
        from django.utils.safestring import mark_safe

        return mark_safe(clean_html(self.en))  # noqa: S308 (nh3-cleaned)

    def safe_zh(self):
        from django.utils.safestring import mark_safe

        return mark_safe(clean_html(self.zh))  # noqa: S308 (nh3-cleaned)
