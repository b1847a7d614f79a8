"""Bilingual article list and pages with the English / 中文 / 对照 switch."""

from yingdu.core.listing import get_published, render_detail, render_list
from yingdu.core.pagecache import cached_page

from .models import BilingualArticle, Category

VIEW_MODES = ("both", "en", "zh")


@cached_page
def index(request):
    articles = BilingualArticle.objects.published()
    category = request.GET.get("category")
    if category in Category.values:
        articles = articles.filter(category=category)
    else:
        category = None
    return render_list(
        request,
        articles,
        "bilingual/list.html",
        categories=Category.choices,
        category=category,
    )


@cached_page
def detail(request, slug):
    item = get_published(BilingualArticle.objects.prefetch_related("pairs"), slug)
    mode = request.GET.get("view")
    return render_detail(
        request,
        item,
        "bilingual/detail.html",
        mode=mode if mode in VIEW_MODES else "both",
    )
