"""Composition list (filterable by grade and language) and composition pages."""

from yingdu.core.listing import get_published, render_detail, render_list
from yingdu.core.pagecache import cached_page

from .models import Composition, Grade, Language


@cached_page
def index(request):
    items = Composition.objects.published()
    grade = request.GET.get("grade")
    grade = grade if grade in Grade.values else None
    language = request.GET.get("lang")
    language = language if language in Language.values else None
    if grade:
        items = items.filter(grade=grade)
    if language:
        items = items.filter(language=language)
    return render_list(
        request,
        items,
        "compositions/list.html",
        grades=Grade.choices,
        grade=grade,
        languages=Language.choices,
        language=language,
    )


@cached_page
def detail(request, slug):
    item = get_published(Composition.objects, slug)
    return render_detail(request, item, "compositions/detail.html")
