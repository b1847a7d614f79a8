"""One search call for the page, the CLI and the API: parse, filter, rank, cut snippets."""

from dataclasses import dataclass, field

from django.utils import timezone

from yingdu.core import kinds

from .analysis import clean_query, highlight_terms, parse_query
from .backends import FILTER_COLUMNS, count_by_kind, rank_window, ranked
from .models import SearchEntry
from .snippets import snippet

PER_PAGE = 20


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    snippet: str
    score: float


@dataclass
class Results:
    query: str
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    page: int = 1
    pages: int = 0
    capped: bool = False  # some count reached SEARCH_COUNT_CAP: show it as "N+"


def clean_filters(raw: dict) -> dict:
    """Only known filter columns with short plain values; anything else is ignored."""
    filters = {}
    for column in FILTER_COLUMNS:
        value = str(raw.get(column) or "").strip()
        if value and len(value) <= 50 and value.replace("_", "").isalnum():
            filters[column] = value
    return filters


def run_search(raw_query: str, raw_filters: dict | None = None, page: int = 1) -> Results:
    query_text = clean_query(raw_query)
    query = parse_query(query_text)
    results = Results(query=query_text, page=page)
    if not query:
        return results
    filters, now = clean_filters(raw_filters or {}), timezone.now()
    kind = filters.pop("kind", None)
    kind = kinds.canonical(kind) or kind  # old spellings (?kind=composition) still work
    counts, capped = count_by_kind(query, filters, now)  # per kind: the kind filter aside
    total = counts.get(kind, 0) if kind else sum(counts.values())
    if kind:
        filters["kind"] = kind
    page = max(1, page)
    best = ranked(query, filters, now, (page - 1) * PER_PAGE, PER_PAGE)
    entries = SearchEntry.objects.in_bulk([entry_id for entry_id, _ in best])
    terms = highlight_terms(query)
    results.hits = [
        Hit(e.kind, e.title, e.url, snippet(e.text, terms), round(score, 4))
        for entry_id, score in best
        if (e := entries.get(entry_id)) is not None
    ]
    results.total = total
    results.counts = {k: counts[k] for k in kinds.all_keys() if counts.get(k)}
    results.pages = (min(total, rank_window()) + PER_PAGE - 1) // PER_PAGE
    results.capped = capped
    return results
