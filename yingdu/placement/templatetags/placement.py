"""{% coverage_note item %}: "你认识约 N% 的词" for an item, exact on an item page for a
learner, estimated from the stored difficulty on list rows. For visitors (whose pages are
cached for everyone) the numbers of every level go in data-by-level and coverage.js shows
the one of the chosen level."""

from django import template

from yingdu.placement import coverage, profiles, readers

register = template.Library()


@register.inclusion_tag("placement/coverage_note.html", takes_context=True)
def coverage_note(context, item):
    request = context.get("request")
    tokens = coverage.band_tokens_of(getattr(item, "difficulty", None) or [])
    if request is None or tokens is None:
        return {"show": False}
    if not request.user.is_authenticated:
        levels = coverage.by_level(tokens)
        default = readers.default_level()
        shown = levels[coverage.LEVELS.index(default)]
        return {"show": True, "percent": coverage.percent(shown),
                "by_level": " ".join(str(coverage.percent(c)) for c in levels)}  # fmt: skip
    reader = readers.for_request(request)
    share = None
    if "reading" not in item.get_deferred_fields():
        profile = (item.reading or {}).get("profile")
        share = coverage.exact(profile, reader)[0] if profile else None
    if share is None:
        share = coverage.estimate(tokens, reader.shares)
    return {"show": share is not None, "percent": coverage.percent(share), "by_level": ""}


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
    for row in rows:
        row.percent = coverage.percent(row.coverage)
    return {
        "rows": rows,
        "learner": reader is not None and bool(request and request.user.is_authenticated),
    }
