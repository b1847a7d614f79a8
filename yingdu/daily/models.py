"""每日一词: one Chinese term a day with its English rendering, explanation and examples."""

from html import escape

from django.db import models
from django.utils.translation import gettext_lazy as _

from yingdu.core.models import Item
from yingdu.core.sanitize import safe_paragraphs


class DailyTerm(Item):
    title = models.CharField(_("title"), max_length=300, blank=True)
    term_zh = models.CharField(_("Chinese term"), max_length=100)
    term_en = models.CharField(_("English rendering"), max_length=200)
    date = models.DateField(
        _("date"),
        unique=True,
        error_messages={"unique": _("There is already a daily term for this date.")},
    )
    explanation = models.TextField(_("explanation (Chinese)"), blank=True)
    related = models.ManyToManyField(
        "self", verbose_name=_("related terms"), blank=True, symmetrical=True
    )

    detail_url_name = "daily:detail"
    list_prefix = "每日一词∣"

    class Meta(Item.Meta):
        verbose_name = _("daily term")
        verbose_name_plural = _("daily terms")
        ordering = ["-date"]

    def save(self, *args, **kwargs):
        if not self.title:
            self.title = f"{self.term_zh} {self.term_en}"
        super().save(*args, **kwargs)

    def slug_source(self) -> str:
        return self.term_en or self.term_zh

    def safe_explanation(self):
        return safe_paragraphs(self.explanation)

    @property
    def is_english(self) -> bool:
        return True

    def reading_texts(self) -> dict[str, str]:
        texts = {"term": escape(self.term_en)}
        texts.update({f"ex{ex.pk}": escape(ex.en) for ex in self.examples.all()})
        return texts


class Example(models.Model):
    term = models.ForeignKey(DailyTerm, related_name="examples", on_delete=models.CASCADE)
    item_field = "term"  # yingdu.core.rows
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    en = models.TextField(_("English"))
    zh = models.TextField(_("Chinese"), blank=True)

    class Meta:
        verbose_name = _("example sentence")
        verbose_name_plural = _("example sentences")
        ordering = ["position", "id"]

    def __str__(self):
        return self.en[:60]
