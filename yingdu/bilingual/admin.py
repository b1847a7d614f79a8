"""Admin for bilingual articles with their paragraph pairs inline."""

from django.contrib import admin

from yingdu.core.admin import ItemAdmin

from .models import BilingualArticle, ParagraphPair


class PairInline(admin.StackedInline):
    model = ParagraphPair
    extra = 1


@admin.register(BilingualArticle)
class BilingualArticleAdmin(ItemAdmin):
    list_display = ["title", "title_zh", "category", "status", "published_at", "view_count"]
    list_filter = ["category", *ItemAdmin.list_filter]
    search_fields = ["title", "title_zh", "slug", "pairs__en", "pairs__zh"]
    inlines = [PairInline]
