"""The two search engines behind one small interface, chosen by the database in use:
`count_by_kind(query, filters, now)` and `ranked(query, filters, now, offset, limit)`.

Both take the parsed query of yingdu.search.analysis (groups of plain terms) and render it
in their own syntax with every term quoted, so user input never becomes engine syntax.
Filters (kind and resource facets) are index terms too (`_grade_j1`…), so filtering is an
intersection inside the engine rather than a join.

Ranking: bm25 (SQLite FTS5) or ts_rank (PostgreSQL) over the RANK_WINDOW most recently
indexed matches (entry ids follow publication order). Scoring every match of a very common
word costs about 2 µs a match, which at a million documents is far beyond a page's time
budget; within the window the ranking is exact. Counts per kind are exact up to
SEARCH_COUNT_CAP (10,000) and shown as "10,000+" beyond, for the same reason.
"""

from django.conf import settings
from django.db import connection

from yingdu.core import kinds

from .analysis import Query, facet_token

FILTER_COLUMNS = ("kind", "resource_type", "grade", "volume", "edition")


def rank_window() -> int:
    return settings.SEARCH_RANK_WINDOW


def count_cap() -> int:
    """Matches are counted exactly up to this many (shown as "10,000+" beyond)."""
    return settings.SEARCH_COUNT_CAP


def with_filters(query: Query, filters: dict) -> Query:
    """The query plus one single-term group per filter value."""
    extra = [[[facet_token(c, filters[c])]] for c in FILTER_COLUMNS if filters.get(c)]
    return [*query, *extra]


def fts5_match(query: Query) -> str:
    """FTS5 MATCH text: every term a quoted string (internal quotes doubled)."""

    def quoted(term: str) -> str:
        return '"' + term.replace('"', '""') + '"'

    def alternative(terms):
        inner = " AND ".join(quoted(t) for t in terms)
        return f"({inner})" if len(terms) > 1 else inner

    groups = []
    for group in query:
        alts = [alternative(a) for a in group]
        groups.append(f"({' OR '.join(alts)})" if len(alts) > 1 else alts[0])
    return " AND ".join(groups)


def tsquery(query: Query) -> str:
    """tsquery text with quoted lexemes ('' and \\ escaped), taken literally by ::tsquery."""

    def quoted(term: str) -> str:
        return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"

    def alternative(terms):
        inner = " & ".join(quoted(t) for t in terms)
        return f"({inner})" if len(terms) > 1 else inner

    return " & ".join("(" + " | ".join(alternative(a) for a in group) + ")" for group in query)


def _rows(sql: str, params: list):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# -- SQLite FTS5 ------------------------------------------------------------------------
# search_fts is contentless; its rowid is entry id * 8 + the kind's search number
# (yingdu.core.kinds; the triggers of migration 0003 spell out the same numbers).


def search_number(key: str) -> int:
    kind = kinds.get(key)
    return kind.search_number if kind else 0


def _future_rowids(now) -> list[int]:
    """FTS rowids of entries whose publication time is still ahead (rare: scheduled)."""
    rows = _rows("SELECT id, kind FROM search_searchentry WHERE published_at > %s", [now])
    return [int(i) * 8 + search_number(kind) for i, kind in rows]


def _sqlite_counts(query: Query, filters: dict, now) -> tuple[dict[str, int], bool]:
    match = fts5_match(with_filters(query, filters))
    future = _future_rowids(now)
    not_yet = f"AND rowid NOT IN ({','.join(map(str, future))})" if future else ""
    sql = (
        "SELECT rowid & 7, count(*) FROM (SELECT rowid FROM search_fts "
        f"WHERE search_fts MATCH %s {not_yet} LIMIT %s) GROUP BY 1"
    )
    rows = _rows(sql, [match, count_cap()])
    counts = {getattr(kinds.by_search_number(n), "key", "other"): c for n, c in rows}
    return counts, sum(counts.values()) >= count_cap()


def _sqlite_ranked(query: Query, filters: dict, now, offset: int, limit: int):
    future = _future_rowids(now)
    not_yet = f"AND rowid NOT IN ({','.join(map(str, future))})" if future else ""
    sql = (
        "SELECT rowid >> 3, score FROM (SELECT rowid, rank AS score FROM search_fts "
        f"WHERE search_fts MATCH %s {not_yet} ORDER BY rowid DESC LIMIT %s) "
        "ORDER BY score, rowid DESC LIMIT %s OFFSET %s"
    )
    params = [fts5_match(with_filters(query, filters)), rank_window(), limit, offset]
    return [(row[0], -row[1]) for row in _rows(sql, params)]


# -- PostgreSQL -------------------------------------------------------------------------


def _postgres_counts(query: Query, filters: dict, now) -> tuple[dict[str, int], bool]:
    sql = (
        "SELECT kind, count(*) FROM (SELECT kind FROM search_searchentry "
        "WHERE vector @@ %s::tsquery AND published_at <= %s LIMIT %s) capped GROUP BY kind"
    )
    counts = dict(_rows(sql, [tsquery(with_filters(query, filters)), now, count_cap()]))
    return counts, sum(counts.values()) >= count_cap()


def _postgres_ranked(query: Query, filters: dict, now, offset: int, limit: int):
    text = tsquery(with_filters(query, filters))
    sql = (
        "SELECT e.id, ts_rank(e.vector, %s::tsquery) AS score FROM (SELECT id FROM "
        "search_searchentry WHERE vector @@ %s::tsquery AND published_at <= %s "
        "ORDER BY id DESC LIMIT %s) w JOIN search_searchentry e ON e.id = w.id "
        "ORDER BY score DESC, e.id DESC LIMIT %s OFFSET %s"
    )
    rows = _rows(sql, [text, text, now, rank_window(), limit, offset])
    return [(row[0], float(row[1])) for row in rows]


# -- the interface ----------------------------------------------------------------------


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def count_by_kind(query: Query, filters: dict, now) -> tuple[dict[str, int], bool]:
    """How many published entries match, per kind, and whether the count stopped at the
    cap (then every number is a lower bound, shown as "N+")."""
    if not query:
        return {}, False
    return (_postgres_counts if _postgres() else _sqlite_counts)(query, filters, now)


def ranked(query: Query, filters: dict, now, offset: int = 0, limit: int = 20):
    """[(entry id, score)] best first, within the ranking window."""
    if not query or offset >= rank_window():
        return []
    engine = _postgres_ranked if _postgres() else _sqlite_ranked
    return engine(query, filters, now, offset, limit)


def backend_name() -> str:
    return "postgresql" if _postgres() else "sqlite-fts5"
