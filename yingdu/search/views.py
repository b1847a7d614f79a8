"""The results page at /search/?q=…: hits of every kind with snippets, counts per kind,
filters by kind and by the facets a kind offers (resources: 类型, 年级, 册别, 版本),
pagination. Never a 500 for any query string. Kinds, labels and facets come from the
registry (yingdu.core.kinds); an old spelling (?kind=composition) redirects to the key."""

from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from yingdu.core import kinds
from yingdu.grades import current_code

from .service import run_search

FACETS = ("kind", "resource_type", "grade", "volume", "edition")


def page_number(raw) -> int:
    try:
        return min(max(int(raw), 1), 10_000)
    except (TypeError, ValueError):
        return 1


def facet_rows(kind, query: str, filters: dict) -> list[tuple]:
    """Facet rows (name, label, [(value, label, url, current)]) of a kind's results, each
    starting with 不限, as links that keep the query and the other choices."""
    if kind is None or kind.search_facets is None:
        return []
    out = []
    for name, label, choices in kind.search_facets():
        others = {k: v for k, v in filters.items() if v and k != name}
        base = {"q": query, **others, "kind": kind.key}
        values = [("", _("Any"), "?" + urlencode(base), not filters.get(name))]
        values += [
            (value, text, "?" + urlencode({**base, name: value}), filters.get(name) == value)
            for value, text in choices
        ]
        out.append((name, label, values))
    return out


def old_spelling_redirect(request):
    """A redirect to the same search with the canonical kind key, or None."""
    raw = request.GET.get("kind", "")
    key = kinds.canonical(raw)
    if not key or key == raw:
        return None
    params = request.GET.copy()
    params["kind"] = key
    return redirect(f"{request.path}?{params.urlencode()}", permanent=True)


def results(request):
    moved = old_spelling_redirect(request)
    if moved is not None:
        return moved
    query = request.GET.get("q", "")
    filters = {name: request.GET.get(name, "")[:50] for name in FACETS}
    filters["grade"] = current_code(filters["grade"]) or filters["grade"]  # g1 … g12 links
    filters["grade"] = current_code(filters["grade"]) or filters["grade"]  # g1 … g12 links
    found = run_search(query, filters, page_number(request.GET.get("page")))
    plus = "+" if found.capped else ""  # counts stopped at the cap: lower bounds
    labels = {kind.key: kind.label for kind in kinds.all_kinds()}
    counts = [(k, labels[k], f"{n:,}{plus}") for k, n in found.counts.items() if k in labels]
    for hit in found.hits:
        hit.label = labels.get(hit.kind, hit.kind)
    kind = kinds.get(filters["kind"])
    return render(
        request,
        "search/results.html",
        {
            "found": found,
            "kinds": counts,
            "kind": kind.key if kind else "",
            "all_count": f"{found.total:,}{plus}",
            "page_query": urlencode({"q": found.query, **{k: v for k, v in filters.items() if v}}),
            "facets": facet_rows(kind, found.query, filters),
        },
    )
