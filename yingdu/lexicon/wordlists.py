"""Parsers for the curriculum word lists (primary.txt … kaoyan.txt).

Two formats exist: *plain* (one word or phrase per line) and *glossed*
(``word [IPA] pos. 中文释义``).  Both are noisy (BOMs, letter headings, header lines,
duplicates, odd phonetic characters, ``a (an)``, ``businessman (pl. businessmen)``,
``abide … vi.(abode,abided)``, ``toward(s)``, numbered homographs ``boom 1``, two entries glued
on one line, ``|| phrase 释义`` sub-entries); every parser skips what it cannot read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from yingdu.text import HAN, HAN_RANGES

from .bands import BANDS
from .glosses import has_cjk, split_pos_glosses
from .ipa import clean_ipa

WORDLIST_FILES = {band: f"{band}.txt" for band in BANDS if band != "beyond"}

_POS_WORD = r"(?:n|v|vt|vi|a|adj|ad|adv|prep|conj|pron|art|num|int|interj|aux|abbr)\."
_WORD = r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’.\-]*"
_HEAD = re.compile(
    rf"^({_WORD}(?:[ \t]+(?!{_POS_WORD})(?![b-z]\b)[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’\-]*+(?![^\x00-\x7f]))*)"
)
_HOMOGRAPH = re.compile(r"^\s*\d+\s*")
_BRACKET_IPA = re.compile(r"[\[［]([^\]］]*)[\]］]")
_SLASH_IPA = re.compile(r"^\s*/([^/]{1,40})/")
_BARE_IPA = re.compile(r"^\s*([^\s\[/(（]*[ˈˌːəәɪʊæʌɔɒʃʒθðŋɜɑɛ][^\s/]*)\s*/?")
_PAREN = re.compile(r"[(（]([^()（）]*)[)）]")
_GLUED = re.compile(rf"(?<=[{HAN_RANGES}）)])(?=[a-z][a-z'\-]* ?\[)")
_VARIANT = re.compile(r"^([A-Za-z]+)\(([a-z]+)\)$")
_FORM = re.compile(r"^[a-z][a-z'’\-]*$")
_PREPOSITIONS = frozenset(
    [
        "to",
        "by",
        "with",
        "for",
        "of",
        "on",
        "in",
        "at",
        "from",
        "about",
        "into",
        "upon",
        "over",
        "out",
        "up",
        "off",
        "down",
        "sb",
        "sth",
        "one",
    ]
)


@dataclass
class WordlistEntry:
    """One parsed line of a curriculum list."""

    headword: str
    band: str
    ipa: str = ""
    glosses: list[tuple[str, str]] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    phrases: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)


def clean_line(line: str) -> str:
    """Drop BOMs, non-breaking and full-width spaces, and surrounding whitespace."""
    return line.replace("\ufeff", "").replace("\xa0", " ").replace("\u3000", " ").strip()


def is_heading(line: str) -> bool:
    """Letter headings ("A") and header lines without any Latin word ("(共 4615 词)")."""
    if re.fullmatch(r"[A-HJ-Z]", line):
        return True
    return not re.match(r"[A-Za-z]", line)


def normalize_headword(raw: str) -> tuple[str, list[str]]:
    """Return (headword, variants) for a raw head like ``toward(s)``, ``Mr.`` or ``boom 1``."""
    head = re.sub(r"\s+", " ", raw.replace("’", "'")).strip(" .") if raw.count(".") == 1 else raw
    head = re.sub(r"\s+\d+$", "", head.strip())
    match = _VARIANT.match(head)
    if match:
        base, extra = match.groups()
        return base, [base + extra]
    plain = unicodedata.normalize("NFKD", head).encode("ascii", "ignore").decode()
    return head, ([plain] if plain != head and plain else [])


def parse_plain_line(line: str, band: str) -> WordlistEntry | None:
    """Parse a line of a plain list: one word or phrase, nothing else."""
    line = clean_line(line)
    if not line or is_heading(line) or has_cjk(line):
        return None
    match = _VARIANT.match(line) or _HEAD.match(line)
    if not match:
        return None
    head, variants = normalize_headword(match.group(0))
    return WordlistEntry(head, band, variants=variants) if head else None


def _forms_from_parens(text: str, head: str) -> list[str]:
    """Irregular forms written in parentheses: ``(took, taken)``, ``(pl. men)``, ``(an)``."""
    forms: list[str] = []
    for content in _PAREN.findall(text):
        if has_cjk(content) or "=" in content:
            continue
        content = re.sub(r"^\s*pl\.\s*", "", content)
        for item in re.split(r"[,，/;]", content):
            item = item.strip().replace("’", "'")
            if _FORM.match(item) and item not in _PREPOSITIONS and item != head.lower():
                forms.append(item)
    return forms


def _take_ipa(rest: str) -> tuple[str, str]:
    """Find the phonetic part after the headword; return (ipa, rest without it)."""
    for pattern in (_SLASH_IPA, _BRACKET_IPA, _BARE_IPA):
        match = pattern.search(rest) if pattern is _BRACKET_IPA else pattern.match(rest)
        if match and (pattern is not _BRACKET_IPA or not has_cjk(rest[: match.start()])):
            return clean_ipa(match.group(1)), rest[: match.start()] + " " + rest[match.end() :]
    return "", rest


def _parse_phrase(segment: str) -> tuple[str, list[tuple[str, str]]] | None:
    """``attribute to把…归于`` -> ("attribute to", [("", "把…归于")])."""
    match = re.match(r"\s*([A-Za-z][A-Za-z'\- ]*[A-Za-z])", segment)
    if not match or " " not in match.group(1):
        return None
    glosses = split_pos_glosses(segment[match.end() :])
    return match.group(1).strip(), glosses


def parse_glossed_line(line: str, band: str) -> list[WordlistEntry]:
    """Parse a ``word [IPA] pos. 释义`` line (possibly two glued entries) into entries."""
    line = clean_line(line)
    if not line or is_heading(line):
        return []
    out = []
    for part in _GLUED.split(line):
        entry = _parse_glossed_entry(part, band)
        if entry:
            out.append(entry)
    return out


def _parse_glossed_entry(line: str, band: str) -> WordlistEntry | None:
    main, *subs = line.split("||")
    match = _HEAD.match(main.strip())
    if not match:
        return None
    raw_head = match.group(1)
    head, variants = normalize_headword(raw_head.split("/")[0])
    rest = _HOMOGRAPH.sub(" ", main.strip()[match.end() :])
    variants += [v for v in raw_head.split("/")[1:] if re.fullmatch(r"[A-Za-z.]+", v)]
    before_gloss = HAN.split(rest, maxsplit=1)[0]
    forms = _forms_from_parens(before_gloss, head)
    rest = re.sub(r"^\s*=\s*[A-Za-z]+", " ", rest)
    rest = re.sub(r"^\s*([(（][^()（）]*[)）]\s*)+", " ", rest)
    ipa, rest = _take_ipa(rest)
    rest = re.sub(r"^\s*([(（][^()（）]*[)）]\s*)+", " ", rest)
    glosses = split_pos_glosses(rest)
    phrases = [p for p in (_parse_phrase(s) for s in subs) if p]
    return WordlistEntry(head, band, ipa, glosses, forms, variants, phrases)


def detect_glossed(lines: Iterable[str]) -> bool:
    """A list is *glossed* when at least 30% of its non-empty lines contain Chinese."""
    lines = [line for line in lines if line.strip()]
    if not lines:
        return False
    return sum(1 for line in lines if has_cjk(line)) >= 0.3 * len(lines)


def parse_wordlist_text(text: str, band: str) -> Iterator[WordlistEntry]:
    """Parse the whole text of one list, choosing the parser by format."""
    lines = text.splitlines()
    if detect_glossed(lines):
        for line in lines:
            yield from parse_glossed_line(line, band)
    else:
        for line in lines:
            entry = parse_plain_line(line, band)
            if entry:
                yield entry


def read_text(path: Path) -> str:
    """Read a list file as UTF-8 (BOM tolerated), falling back to GB18030."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def load_wordlists(folder: Path | str) -> Iterator[WordlistEntry]:
    """Yield entries of every list file present in ``folder`` (missing files are skipped)."""
    folder = Path(folder)
    for band, name in WORDLIST_FILES.items():
        path = folder / name
        if path.is_file():
            yield from parse_wordlist_text(read_text(path), band)
