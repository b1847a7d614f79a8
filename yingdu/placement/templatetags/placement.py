"""Coverage notes, "你认识约 N% 的词", on item pages and on every list row of English items:
{% coverage_note item %} for an item (exact on its page for a learner, estimated from the
stored difficulty on list rows), {% rows_coverage rows %} then {% row_note row %} for rows
that are not items (search hits, 适合你读 rows: one query per page at most). For visitors
(whose pages are cached for everyone) the figures of every level go in data-by-level and
coverage.js shows the one of the chosen level; a learner's come from their cached reader."""

from django import template

from yingdu.placement import coverage, profiles, readers
from yingdu.placement.models import ItemProfile

register = template.Library()


def note(request, levels, learner_share) -> dict:
    """The note's context: `levels` the coverage of a reader of each level (for visitors),
    `learner_share(reader)` the signed-in learner's (None: no note)."""
    if request is None:
        return {"show": False}
    if not request.user.is_authenticated:
        shown = levels[coverage.LEVELS.index(readers.default_level())]
        return {"show": True, "percent": coverage.percent(shown),
                "by_level": " ".join(str(coverage.percent(c)) for c in levels)}  # fmt: skip
    share = learner_share(readers.for_request(request))
    return {"show": share is not None, "percent": coverage.percent(share), "by_level": ""}


ROW_NOTE = "coverage_row_note"  # the attribute rows_coverage gives each row


@register.inclusion_tag("placement/coverage_note.html", takes_context=True)
def coverage_note(context, item):
    given = getattr(item, ROW_NOTE, None)
    if given is not None:
        return given
    tokens = coverage.band_tokens_of(getattr(item, "difficulty", None) or [])
    if tokens is None:
        return {"show": False}

    def share(reader):
        if "reading" not in item.get_deferred_fields():
            profile = (item.reading or {}).get("profile")
            if profile:
                return coverage.exact(profile, reader)[0]
        return coverage.estimate(tokens, reader.shares)

    return note(context.get("request"), coverage.by_level(tokens), share)


@register.simple_tag(takes_context=True)
def rows_coverage(context, rows) -> str:
    """Work out the notes of a page's rows (items, ItemProfiles, search hits) together,
    before they are shown: for a learner their exact figure from each item's stored word
    counts, for visitors the figures of every level; one query at most. Rows that are not
    English items get no note."""
    request = context.get("request")
    if request is None:
        return ""
    learner = request.user.is_authenticated
    wanted = [row for row in rows if learner or not has_level_figures(row)]
    found = profiles.rows_at([row_url(row) for row in wanted], with_lemmas=learner)
    for row in wanted:
        profile = found.get(profiles.site_path(row_url(row)))
        setattr(row, ROW_NOTE, profile_note(request, profile) if profile else {"show": False})
    return ""


def row_url(row) -> str:
    return row.url if hasattr(row, "url") else row.get_absolute_url()


def has_level_figures(row) -> bool:
    """Whether a visitor's note needs no query: an item with its difficulty loaded, or an
    ItemProfile."""
    return isinstance(row, ItemProfile) or hasattr(row, "difficulty")


def profile_note(request, profile: ItemProfile) -> dict:
    def share(reader):
        if "lemmas" not in profile.get_deferred_fields() and profile.lemmas:
            return coverage.known_share(profile.lemmas, profile.words, reader)
        return coverage.estimate(profile.band_tokens, reader.shares)  # not refreshed yet

    return note(request, profile.level_coverages, share)


@register.inclusion_tag("placement/coverage_note.html", takes_context=True)
def row_note(context, row):
    """The note of a row that is not an item (after rows_coverage)."""
    given = getattr(row, ROW_NOTE, None)
    if given is None and isinstance(row, ItemProfile):
        given = profile_note(context.get("request"), row)
    return given or {"show": False}


HOME_BOX_ITEMS = 5


@register.inclusion_tag("placement/home_box.html", takes_context=True)
def suggested_box(context):
    """The home page's 适合你读 box: for a learner from their words, for visitors (the page
    is cached for all of them) from the default level."""
    request = context.get("request")
    if request is not None and request.user.is_authenticated:
        reader = readers.for_request(request)
    else:
        reader = coverage.level_reader(readers.default_level())
    rows = profiles.ranked(reader, None, HOME_BOX_ITEMS)
    return {
        "rows": rows,
        "learner": reader is not None and bool(request and request.user.is_authenticated),
    }
