"""Every band colour keeps WCAG AA contrast (4.5:1) at every level (issue 17): the text of a
highlighted word on its band's background, the band's own colour (Word Bank, popover and
notebook labels) on white, on the page and on its background, and the difficulty badges.
The colours are read from the stylesheets, so a new or changed colour is checked too."""

import re
from pathlib import Path

import pytest

from yingdu.lexicon.bands import band_rank

STATIC = Path(__file__).resolve().parents[2] / "yingdu" / "static" / "yingdu"
AA = 4.5
HEX = r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b"


def css(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def site_colour(name: str) -> str:
    return re.search(rf"--{name}:\s*({HEX})", css("site.css")).group(1)


def band_colours() -> dict[int, tuple[str, str]]:
    rules = re.findall(
        rf"\.b(\d) \{{ --band-bg: ({HEX}); --band-fg: ({HEX}); \}}", css("reading.css")
    )
    return {int(rank): (bg, fg) for rank, bg, fg in rules}


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    if len(colour) == 4:  # #fff
        colour = "#" + "".join(c * 2 for c in colour[1:])
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula_matches_wcag():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_every_band_above_primary_has_colours():
    ranks = {band_rank(b) for b in ("junior", "senior", "cet4", "cet6", "kaoyan", "beyond")}
    assert set(band_colours()) == ranks


@pytest.mark.parametrize("rank", sorted(band_colours()))
def test_band_colours_keep_aa_contrast(rank):
    bg, fg = band_colours()[rank]
    pairs = {
        "text on the highlight": (site_colour("ink"), bg),
        "a link on the highlight": (site_colour("link"), bg),
        "band label on a card": (fg, site_colour("card")),
        "band label on the page": (fg, site_colour("bg")),
        "band colour on its highlight": (fg, bg),
    }
    low = {what: round(contrast(*p), 2) for what, p in pairs.items() if contrast(*p) < AA}
    assert not low, f"band b{rank} below {AA}:1: {low}"


def test_difficulty_badges_keep_aa_contrast():
    badges = re.findall(rf"\.badge\.([\w-]+) \{{ background: ({HEX}); color: ({HEX}); \}}",
                        css("reading.css"))  # fmt: skip
    assert len(badges) == 4
    low = {name: round(contrast(bg, fg), 2) for name, bg, fg in badges if contrast(bg, fg) < AA}
    assert not low, f"badges below {AA}:1: {low}"
