"""Text analysis shared by indexing and querying, for both search backends (plain Python).

* Chinese runs are segmented with rjieba (jieba's dictionary, Rust: about 19x faster than
  pure-Python jieba on this machine, same segmentation): search mode when indexing, so that
  中华人民共和国 is indexed with 中华, 人民, 共和国…; plain mode for queries, so that
  人民共和国 asks for 人民 AND 共和国, both of which the index holds.
* Latin words are case-folded, NFKC-normalized (full-width letters) and lemmatized with the
  reading aids' lemmatizer (the lexicon's word forms, simplemma otherwise), so "studies"
  finds "study".
* A plain-mode query word may itself be a dictionary word that search mode splits when
  indexing (人民共和国 is one word to jieba, but inside 中华人民共和国 only 人民 and 共和国 are
  indexed), so each Chinese query word matches either itself or the pieces that cover it:
  人民共和国 OR (人民 AND 共和国).
* A query becomes groups of plain terms — letters, digits and Han characters only — so no
  FTS syntax (quotes, *, NEAR, AND, column filters) can ever reach the engine.
"""

import re
import unicodedata
from functools import lru_cache

import rjieba
import simplemma

from yingdu.text import HAN, HAN_RANGES

MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12
RUN = re.compile(rf"[{HAN_RANGES}]+|[^\W_{HAN_RANGES}]+(?:['’][^\W_{HAN_RANGES}]+)*", re.UNICODE)
IS_HAN = HAN
WORD_CHARS = re.compile(rf"[^\W_]|[{HAN_RANGES}]")

_lexicon_provider = None


def use_lexicon(provider) -> None:
    """Lemmatize with `provider()`'s lexicon (the site passes a function returning its built
    lexicon or None); without one, simplemma alone."""
    global _lexicon_provider
    _lexicon_provider = provider
    lemma.cache_clear()


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    lexicon = _lexicon_provider() if _lexicon_provider else None
    if lexicon is not None:
        found = lexicon.lemma_of(word)
        if found and " " not in found:
            return found.lower()
    if word.isascii() and word.isalpha():
        return simplemma.lemmatize(word, lang="en").lower()
    return word


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").casefold()


def _terms(text: str, segment) -> list[str]:
    terms = []
    for run in RUN.findall(normalize(text)):
        if IS_HAN.match(run):
            terms.extend(w for w in segment(run) if w.strip())
        else:
            terms.append(lemma(run))
    return [t for t in terms if WORD_CHARS.search(t)]


def index_terms(text: str) -> str:
    """The space-separated terms stored in the index for a document's text."""
    return " ".join(_terms(text, rjieba.cut_for_search))


def facet_token(column: str, value: str) -> str:
    """An index term for a filter value, e.g. _grade_j1. Query terms never contain '_',
    so a reader can never type one; the FTS5 table treats '_' as a token character."""
    return f"_{column}_" + "".join(ch for ch in normalize(value) if ch.isalnum())


def facet_tokens(facets: dict) -> str:
    return " ".join(facet_token(k, v) for k, v in facets.items() if v)


def clean_query(raw: str) -> str:
    """Drop control characters and cut overlong queries; never raises."""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in str(raw or ""))
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def query_terms(raw: str) -> list[str]:
    """Distinct plain terms of a query, in order (plain mode for Chinese)."""
    seen: dict[str, None] = {}
    for term in _terms(clean_query(raw), rjieba.cut):
        seen.setdefault(term, None)
    return list(seen)[:MAX_QUERY_TERMS]


def covering_pieces(word: str) -> list[str]:
    """Search-mode pieces of a Chinese word that cover it end to end, longest first from the
    left (人民共和国 -> [人民, 共和国]); [] when the word has no such cover."""
    pieces = {p for p in rjieba.cut_for_search(word) if p != word and len(p) > 1}
    cover, at = [], 0
    while at < len(word):
        fits = [p for p in pieces if word.startswith(p, at)]
        if not fits:
            return []
        best = max(fits, key=len)
        cover.append(best)
        at += len(best)
    return cover


Query = list[list[list[str]]]  # AND of groups; a group is an OR of alternatives (AND of terms)


def parse_query(raw: str) -> Query:
    """The query as groups: every group must match, through any of its alternatives."""
    groups = []
    for term in query_terms(raw):
        alternatives = [[term]]
        if IS_HAN.match(term) and len(term) > 2:
            cover = covering_pieces(term)
            if cover:
                alternatives.append(cover)
        groups.append(alternatives)
    return groups


def highlight_terms(query: Query) -> list[str]:
    return list(dict.fromkeys(t for group in query for alt in group for t in alt))
