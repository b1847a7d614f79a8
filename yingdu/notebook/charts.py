"""Charts of the progress page, drawn on the server as inline SVG (no script, no CDN).

Colours are the band colours' CSS classes (b0 … b6 in reading.css, fill set in
notebook.css), so the charts follow the site's palette; every bar has a <title> for
screen readers and hovering.
"""

import datetime as dt
from collections.abc import Mapping
from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from yingdu.lexicon import BAND_LABELS, BANDS

DAYS = 90
WIDTH, HEIGHT, AXIS = 720, 180, 24


def reviews_per_day(counts: Mapping[dt.date, int], today: dt.date, days: int = DAYS) -> str:
    """Bars of reviews per day for the `days` days up to `today`."""
    dates = [today - dt.timedelta(days=days - 1 - n) for n in range(days)]
    top = max([counts.get(day, 0) for day in dates] + [1])
    slot = WIDTH / days
    bars = []
    for n, day in enumerate(dates):
        value = counts.get(day, 0)
        height = round((HEIGHT - AXIS) * value / top, 1)
        label = escape(_("%(date)s: %(n)d reviews") % {"date": day.isoformat(), "n": value})
        bars.append(
            f'<rect class="bar" x="{n * slot:.1f}" y="{HEIGHT - AXIS - height}" '
            f'width="{max(slot - 1, 1):.1f}" height="{height}"><title>{label}</title></rect>'
        )
    axis = (
        f'<text x="0" y="{HEIGHT - 6}">{dates[0].isoformat()}</text>'
        f'<text x="{WIDTH}" y="{HEIGHT - 6}" text-anchor="end">{today.isoformat()}</text>'
        f'<text x="{WIDTH}" y="12" text-anchor="end">{top}</text>'
    )
    title = escape(_("Reviews per day, last %(n)d days") % {"n": days})
    return _svg("chart-reviews", title, "".join(bars) + axis, HEIGHT)


def words_per_band(counts: Mapping[str, int]) -> str:
    """Horizontal bars of words per band (band code -> count), in band order. The caller
    adds whatever it counts (notebook cards, known words) into the one mapping."""
    row, label_width = 26, 60
    top = max([counts.get(code, 0) for code in BANDS] + [1])
    parts = []
    for n, code in enumerate(BANDS):
        value = counts.get(code, 0)
        width = round((WIDTH - label_width - 60) * value / top, 1)
        y = n * row
        parts.append(
            f'<text x="0" y="{y + 17}">{escape(BAND_LABELS[code])}</text>'
            f'<rect class="b{n}" x="{label_width}" y="{y + 4}" width="{width}" height="18">'
            f"<title>{escape(BAND_LABELS[code])}: {value}</title></rect>"
            f'<text x="{label_width + width + 6}" y="{y + 17}">{value}</text>'
        )
    title = escape(_("Words per band"))
    return _svg("chart-bands", title, "".join(parts), row * len(BANDS))


def _svg(css: str, title: str, body: str, height: int) -> str:
    return mark_safe(  # noqa: S308 - every text above is escaped
        f'<svg class="chart {css}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{title}</title>{body}</svg>'
    )
