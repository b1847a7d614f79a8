"""The results page at /search/?q=…: hits of every kind with snippets, counts per kind,
filters by kind and resource facets, pagination. Never a 500 for any query string."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from yingdu.grades import current_code

from .service import KIND_ORDER, run_search

KIND_LABELS = {
    "news": _("English news"),
    "zh_news": _("Chinese news"),
    "daily": _("Daily term"),
    "bilingual": _("Bilingual"),
    "composition": _("Compositions"),
    "resource": _("Teaching resources"),
}
FACETS = ("kind", "resource_type", "grade", "volume", "edition")


def page_number(raw) -> int:
    try:
        return min(max(int(raw), 1), 10_000)
    except (TypeError, ValueError):
        return 1


def resource_facets(query: str, filters: dict) -> list[tuple]:
    """Facet rows (name, label, [(value, label, url, current)]) for resource results,
    each starting with 不限, as links that keep the query and the other choices."""
    from yingdu.resources.models import Edition, ResourceType, Volume
    from yingdu.resources.models import Grade as ResourceGrade

    rows = [
        ("resource_type", _("Type"), ResourceType.choices),
        ("grade", _("Grade"), ResourceGrade.choices),
        ("volume", _("Volume"), Volume.choices),
        ("edition", _("Edition"), list(Edition.objects.values_list("slug", "name"))),
    ]
    out = []
    for name, label, choices in rows:
        others = {k: v for k, v in filters.items() if v and k != name}
        base = {"q": query, **others, "kind": "resource"}
        values = [("", _("Any"), "?" + urlencode(base), not filters.get(name))]
        values += [
            (value, text, "?" + urlencode({**base, name: value}), filters.get(name) == value)
            for value, text in choices
        ]
        out.append((name, label, values))
    return out


def results(request):
    query = request.GET.get("q", "")
    filters = {name: request.GET.get(name, "")[:50] for name in FACETS}
    filters["grade"] = current_code(filters["grade"]) or filters["grade"]  # g1 … g12 links
    found = run_search(query, filters, page_number(request.GET.get("page")))
    plus = "+" if found.capped else ""  # counts stopped at the cap: lower bounds
    kinds = [
        (k, KIND_LABELS[k], f"{found.counts[k]:,}{plus}") for k in KIND_ORDER if k in found.counts
    ]
    for hit in found.hits:
        hit.label = KIND_LABELS.get(hit.kind, hit.kind)
    return render(
        request,
        "search/results.html",
        {
            "found": found,
            "kinds": kinds,
            "kind": filters["kind"] if filters["kind"] in KIND_LABELS else "",
            "all_count": f"{found.total:,}{plus}",
            "page_query": urlencode({"q": found.query, **{k: v for k, v in filters.items() if v}}),
            "facets": resource_facets(found.query, filters)
            if filters["kind"] == "resource"
            else [],
        },
    )
