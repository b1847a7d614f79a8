"""Composition list (filterable by grade and language) and composition pages."""

from yingdu.core.listing import get_published, render_detail, render_list
from yingdu.core.pagecache import cached_page
from yingdu.grades import current_code

from .models import Composition, Grade, Language


@cached_page
def index(request):
    items = Composition.objects.published()
    grade = current_code(request.GET.get("grade"))  # saved links may carry g1 … g12
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
