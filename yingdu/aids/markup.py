"""Turn an annotated text into HTML: every word above 小学 becomes a tappable span.

Works on the nh3-cleaned HTML of a paragraph: its text nodes are joined into one plain
string for the annotator, and the tokens are wrapped back into those text nodes, so inline
formatting (<strong>, <em>, links) survives. Plain Python, no Django.
"""

from html import escape
from html.parser import HTMLParser

from yingdu.lexicon.bands import band_rank


class _Pieces(HTMLParser):
    """Split HTML into ('tag', raw) and ('text', unescaped) pieces."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.pieces.append(("tag", self.get_starttag_text()))

    def handle_startendtag(self, tag, attrs):
        self.pieces.append(("tag", self.get_starttag_text()))

    def handle_endtag(self, tag):
        self.pieces.append(("tag", f"</{tag}>"))

    def handle_data(self, data):
        self.pieces.append(("text", data))


def split_html(html: str) -> list[tuple[str, str]]:
    parser = _Pieces()
    parser.feed(html or "")
    parser.close()
    return parser.pieces


def plain_text(pieces: list[tuple[str, str]]) -> str:
    return "".join(text for kind, text in pieces if kind == "text")


def word_span(text: str, band: str, index: int | None, sense: int | None = None) -> str:
    rank = band_rank(band)
    # reading.js makes the words above the reader's level focusable buttons (tab order)
    attrs = f' data-g="{index}"' if index is not None else ""
    if index is not None and sense is not None:
        attrs += f' data-s="{sense}"'  # the glossary entry's sense for this sentence
    return f'<span class="w b{rank}"{attrs}>{escape(text)}</span>'


def render(pieces, tokens, base: int, glossary_index: dict[str, int], senses=None) -> str:
    """HTML for one text: `tokens` are reading Tokens with offsets from `base`; `senses`
    maps a token's start to the sense of its glossary entry that fits its sentence."""
    senses = senses or {}
    out: list[str] = []
    position = base  # offset of the current text piece in the joined plain text
    queue = [t for t in tokens if t.band and band_rank(t.band) > 0]
    k = 0
    for kind, text in pieces:
        if kind == "tag":
            out.append(text)
            continue
        end_of_piece = position + len(text)
        cursor = position
        while k < len(queue) and queue[k].start < end_of_piece:
            token = queue[k]
            start, end = token.start, token.end
            k += 1
            if start < cursor or end > end_of_piece:
                continue  # a token across a tag boundary stays plain text
            out.append(escape(text[cursor - position : start - position]))
            out.append(word_span(text[start - position : end - position], token.band,
                                 glossary_index.get(token.lemma), senses.get(start)))  # fmt: skip
            cursor = end
        out.append(escape(text[cursor - position :]))
        position = end_of_piece
    return "".join(out)
