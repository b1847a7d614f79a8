"""Princeton WordNet 3.0 as a bridge to Chinese glosses and as a source of word forms.

WordNet is English only, so it gives no Chinese by itself.  What it knows is which English
words mean the same thing (a *synset*: composure = calm = equanimity), which words are
derived from which (absence -> absent, satisfaction -> satisfy), what kind of thing a word
and the irregular forms (wives -> wife, shook -> shake).  A word that
CC-CEDICT cannot gloss backwards is glossed here through a word of its synset, a related
word that CC-CEDICT does gloss well (fastidious -> fussy -> 挑剔).

**Why WordNet, and why from Debian.**  PyPI carries no usable copy of its data: ``wn`` and
``nltk`` download it at run time, ``wordnet-lookup`` ships a word list only, ``cyg`` and
``oewn-core`` are readers without data.  Debian's ``wordnet-base`` installs the database
files in ``/usr/share/wordnet`` under the WordNet 3.0 licence (use, copy, modify and
distribute for any purpose, keeping Princeton's notice).  The build reads them when they are
there (``YINGDU_WORDNET_DIR`` names another folder, e.g. a Homebrew install) and works as
before without them.  Nothing of WordNet is copied into Yingdu; the built lexicon records
``wordnet`` as the source of the glosses it bridged.

The files are read as the WordNet documentation (wndb(5)) describes them: ``index.POS``
lines ``lemma pos synset_cnt p_cnt [ptr…] sense_cnt tagsense_cnt offset…`` (senses in
order of frequency), ``data.POS`` lines at byte ``offset``: ``offset lex_filenum ss_type
w_cnt(hex) word lex_id … p_cnt ptr… | gloss`` with pointers ``symbol offset pos
source/target``, and ``POS.exc`` lines ``form base…``.  Only the lines needed are read
(index lines of the wanted words, synsets by seeking to their offset).
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DIR = Path("/usr/share/wordnet")
WORDNET_DIR_VARIABLE = "YINGDU_WORDNET_DIR"
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
GLOSS_POS = {"n": "n", "v": "v", "a": "adj", "s": "adj", "r": "adv"}
_SYNTACTIC_MARKER = re.compile(r"\((?:a|p|ip)\)$")

Glosses = list[tuple[str, str]]
# A neighbour's Chinese: (score, glosses) from CC-CEDICT (lower is better), or None.
GlossOf = Callable[[str], "tuple[float, Glosses] | None"]


def wordnet_dir() -> Path | None:
    """The WordNet database folder (``YINGDU_WORDNET_DIR``, else Debian's), None if absent."""
    folder = Path(os.environ.get(WORDNET_DIR_VARIABLE) or DEFAULT_DIR)
    return folder if (folder / "index.noun").is_file() else None


@dataclass(frozen=True)
class Synset:
    pos: str  # n v a s r
    words: tuple[str, ...]  # lowercase, spaces for underscores
    pointers: tuple[tuple[str, int, str, int, int], ...]  # symbol, offset, pos, source, target
    proper: frozenset[str] = frozenset()  # the words written with a capital (Irish, Anne)


@dataclass(frozen=True)
class Sense:
    pos: str  # n v a r (the index file's part of speech)
    rank: int  # 0 for the most frequent sense of the word in this part of speech
    tagged: int  # how many of the word's senses in this part of speech are corpus-tagged
    offset: int


class WordNet:
    """Index lines for a set of words, synsets on demand, and the exception lists."""

    def __init__(self, folder: Path | str, words: Iterable[str]) -> None:
        self.folder = Path(folder)
        self.senses: dict[str, list[Sense]] = {}
        self.read_index(words)
        self.exceptions = _read_exceptions(self.folder)
        self._files: dict[str, object] = {}
        self._synsets: dict[tuple[str, int], Synset] = {}

    def read_index(self, words: Iterable[str]) -> None:
        """Read the index lines of ``words`` not read yet."""
        wanted = {w.replace(" ", "_") for w in words if w not in self.senses}
        for word in wanted:
            self.senses.setdefault(word.replace("_", " "), [])
        for word, senses in _read_index(self.folder, wanted).items():
            self.senses[word] = senses

    def close(self) -> None:
        for handle in self._files.values():
            handle.close()

    def synset(self, pos: str, offset: int) -> Synset:
        key = ("a" if pos == "s" else pos, offset)
        if key not in self._synsets:
            handle = self._files.get(key[0])
            if handle is None:  # kept open for many seeks; close() closes it
                path = self.folder / f"data.{POS_FILES[key[0]]}"
                handle = self._files[key[0]] = open(path, "rb")  # noqa: SIM115
            handle.seek(offset)
            self._synsets[key] = parse_data_line(handle.readline().decode("utf-8", "replace"))
        return self._synsets[key]


def _read_index(folder: Path, wanted: set[str]) -> dict[str, list[Sense]]:
    senses: dict[str, list[Sense]] = {}
    for name in POS_FILES.values():
        path = folder / f"index.{name}"
        if not path.is_file():
            continue
        with open(path, encoding="utf-8", errors="replace") as lines:
            for line in lines:
                lemma = line.split(" ", 1)[0]
                if line.startswith(" ") or lemma not in wanted:
                    continue
                senses.setdefault(lemma.replace("_", " "), []).extend(parse_index_line(line))
    return senses


def parse_index_line(line: str) -> list[Sense]:
    """The senses of one ``index.POS`` line, most frequent first."""
    fields = line.split()
    pos, pointer_count = fields[1], int(fields[3])
    rest = fields[4 + pointer_count :]
    sense_count, tagged = int(rest[0]), int(rest[1])
    offsets = [int(o) for o in rest[2 : 2 + sense_count]]
    return [Sense(pos, rank, tagged, offset) for rank, offset in enumerate(offsets)]


def parse_data_line(line: str) -> Synset:
    """One ``data.POS`` line: its words and pointers (the gloss after ``|`` is not needed)."""
    fields = line.split(" | ", 1)[0].split()
    pos, count = fields[2], int(fields[3], 16)
    written = [_SYNTACTIC_MARKER.sub("", fields[4 + 2 * i]).replace("_", " ") for i in range(count)]
    words = tuple(word.lower() for word in written)
    proper = frozenset(word.lower() for word in written if word[:1].isupper())
    at = 4 + 2 * count
    pointer_count = int(fields[at])
    pointers = []
    for i in range(pointer_count):
        symbol, offset, ppos, st = fields[at + 1 + 4 * i : at + 5 + 4 * i]
        pointers.append((symbol, int(offset), ppos, int(st[:2], 16), int(st[2:], 16)))
    return Synset(pos, words, tuple(pointers), proper)


def _read_exceptions(folder: Path) -> dict[str, list[tuple[str, str]]]:
    """Irregular noun or verb form -> [(pos, base)] (``wives wife``, ``shook shake``), single
    words only; comparatives (better -> good) are not the same meaning."""
    out: dict[str, list[tuple[str, str]]] = {}
    for pos in ("n", "v"):
        name = POS_FILES[pos]
        path = folder / f"{name}.exc"
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            form, *bases = line.split()
            if bases and "_" not in form:
                for base in bases:
                    if base != form and (pos, base) not in out.setdefault(form, []):
                        out[form].append((pos, base))
    return out


_WORD = re.compile(r"[a-z][a-z'-]*[a-z]")


def wordnet_lemmas(folder: Path | str | None = None) -> set[str]:
    """Every single-word lemma of letters (and inner hyphens or apostrophes) of the index
    files (empty without WordNet)."""
    folder = Path(folder) if folder else wordnet_dir()
    lemmas: set[str] = set()
    for name in POS_FILES.values() if folder else ():
        path = folder / f"index.{name}"
        if path.is_file():
            with open(path, encoding="utf-8", errors="replace") as lines:
                lemmas.update(
                    lemma for line in lines if _WORD.fullmatch(lemma := line.split(" ", 1)[0])
                )
    return lemmas


def wordnet_names(words: Iterable[str], folder: Path | str | None = None) -> set[str]:
    """The ``words`` WordNet writes with a capital in every synset: names and proper
    adjectives (Anne, Clark, Irish), not words to learn."""
    folder = Path(folder) if folder else wordnet_dir()
    if folder is None:
        return set()
    wn = WordNet(folder, words)
    try:
        return {
            word
            for word, senses in wn.senses.items()
            if senses and all(word in wn.synset(s.pos, s.offset).proper for s in senses)
        }
    finally:
        wn.close()


def wordnet_forms(folder: Path | str | None = None) -> dict[str, list[str]]:
    """Irregular noun and verb form -> lemmas from WordNet's exception lists ({} without
    WordNet)."""
    folder = Path(folder) if folder else wordnet_dir()
    if folder is None:
        return {}
    return {
        form: [base for _pos, base in bases] for form, bases in _read_exceptions(folder).items()
    }


# -- the bridge to Chinese -------------------------------------------------------------
# Score of a Chinese candidate reached through WordNet (lower is better), added up from:
# the kind of neighbour it came through, the word's sense it belongs to, and the
# neighbour's own CC-CEDICT score.  Set by hand on the corpus misses, checked in aggregate
# with bench/bench_lexicon.py (no per-word choice looks at the curriculum lists).
NEIGHBOUR_TIER = {"synonym": 0.0, "related": 1.0, "similar": 2.5, "kind": 1.0}
SENSE_RANK_WEIGHT = 1.2  # per sense after the word's most frequent one (at most 5)
OTHER_POS_PENALTY = 2.5  # a sense in a part of speech that is not the word's main one
NEIGHBOUR_SCORE_WEIGHT = 0.3  # x the neighbour's CC-CEDICT score
ITEM_WEIGHT = 1.0  # per item before it in the neighbour's gloss
VERB_FOR_NOUN_PENALTY = 0.5  # a noun sense glossed by a neighbour's verb gloss (追求 pursuit)
NEIGHBOUR_RANK_WEIGHT = 1.0  # per sense of the neighbour before the one shared (at most 4)
NEIGHBOUR_OTHER_POS = 1.0
# x log2 of the neighbour's number of senses: a word of many senses (plain, time, find) is
# glossed for the one CC-CEDICT puts first, seldom the one shared
NEIGHBOUR_SENSES_WEIGHT = 0.6  # the shared sense is not in the neighbour's main part of speech
# A word of one or two senses (most rare words: composure, fastidious) has no other sense
# for a neighbour's gloss to be about
FEW_SENSES = 2
FEW_SENSES_BONUS = 1.0
AGREEMENT_BONUS = 1.0  # per further neighbour offering the same Chinese (at most 2)
# The best candidate must score at most this, by the kind of neighbour it came through
# (derivations are the most reliable: figures in docs/lexicon.md).
MAX_SCORE = {"synonym": 3.5, "related": 4.5, "similar": 3.0, "kind": 2.5}
# A noun no other neighbour glosses may be glossed as a kind of its hypernym (hansom ->
# carriage: 一种马车), second pass only, and only through a hypernym whose shared synset
# is that word's usual sense (the penalties above) and a word of at most this many senses.
KIND_MAX_SENSES = 2
KIND_PREFIX = "一种"
# A hypernym with this many direct hyponyms or more is too general to say what a word is
# (person: 402, so misogamist is not 一种有人; shrub: 304, so catclaw is 一种灌木).
KIND_MAX_HYPONYMS = 400
WITHIN = 1.5  # items kept: within this of the best
MIN_LETTERS = 3  # shorter strings are abbreviations or letters in a text (Co, U, E, K)
_AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ee")
_ITEM_SPLIT = re.compile(r"[，,；;]")
_LATIN = re.compile(r"[A-Za-z…]")


def _neighbours(
    wn: WordNet, word: str, sense: Sense, kinds: bool = False
) -> list[tuple[str, str, str, int]]:
    """(tier, neighbour word, its synset's pos, synset offset) for one sense of ``word``;
    with ``kinds`` only the words of a noun sense's hypernyms."""
    synset = wn.synset(sense.pos, sense.offset)
    index = synset.words.index(word) + 1 if word in synset.words else 0
    if kinds:
        if sense.pos != "n" or word in synset.proper:  # AARP, FDA, Tao: names
            return []
        offsets = [(p, o) for sym, o, p, _s, _t in synset.pointers if sym == "@"]
        return [  # not "@i" (instance): an instance of a kind is a name (Landau, physicist)
            ("kind", other, pos, offset)
            for pos, offset in offsets
            if _hyponym_count(wn.synset(pos, offset)) < KIND_MAX_HYPONYMS
            for other in wn.synset(pos, offset).words
            if " " not in other
        ]
    out = [("synonym", other, synset.pos, sense.offset) for other in synset.words if other != word]
    for symbol, offset, pos, source, target in synset.pointers:
        if symbol in ("+", "\\") and source in (0, index) and target:
            related = wn.synset(pos, offset).words[target - 1]
            if " " not in related:  # sympathetic -> "sympathetic nervous system" is no base
                out.append(("related", related, pos, offset))
        elif symbol == "&":
            out += [("similar", other, pos, offset) for other in wn.synset(pos, offset).words]
    return out


def _hyponym_count(synset: Synset) -> int:
    return sum(1 for pointer in synset.pointers if pointer[0] == "~")


def _neighbour_penalty(wn: WordNet, neighbour: str, pos: str, offset: int) -> float:
    """How far the shared synset is from the neighbour's usual sense: CC-CEDICT's gloss of
    a word is that of its usual sense (following -> 以下, not 追逐)."""
    senses = wn.senses.get(neighbour)
    if not senses:
        return NEIGHBOUR_RANK_WEIGHT  # a phrase WordNet has no index line for: one sense
    pos = "a" if pos == "s" else pos
    rank = next((s.rank for s in senses if s.pos == pos and s.offset == offset), 4)
    other_pos = NEIGHBOUR_OTHER_POS if _main_pos(senses) != pos else 0.0
    polysemy = NEIGHBOUR_SENSES_WEIGHT * math.log2(len(senses))
    return NEIGHBOUR_RANK_WEIGHT * min(rank, 4) + other_pos + polysemy


def _items_for(glosses: Glosses, want: str) -> list[tuple[str, float]]:
    """(item, penalty) of the neighbour's gloss group that fits part of speech ``want``."""
    # CC-CEDICT's "n" group holds capitalised senses (brands, names): not for a neighbour
    groups = {"v": ("v",), "n": ("",), "adj": ("adj", ""), "adv": ("adv", "", "adj")}[want]
    chosen, penalty = "", 0.0
    for kind in groups:
        chosen = next((g for p, g in glosses if p == kind), "")
        if chosen:
            break
    if not chosen and want == "n":
        chosen = next((g for p, g in glosses if p == "v"), "")
        penalty = VERB_FOR_NOUN_PENALTY
    items = [i.strip() for i in _ITEM_SPLIT.split(chosen) if i.strip()]
    items = [i for i in items if not _LATIN.search(i)]
    return [(item, penalty + ITEM_WEIGHT * n) for n, item in enumerate(items[:3])]


def _strip_de(item: str) -> str:
    return item[:-1] if item.endswith(("的", "地")) and len(item) > 1 else item


def _convert(word: str, item: str, tier: str, to_pos: str, from_pos: str) -> str | None:
    """The neighbour's Chinese item as a gloss of the word's part of speech (None: no way)."""
    if tier == "kind":
        return KIND_PREFIX + _strip_de(item) if to_pos == "n" else None
    if tier != "related":
        return item
    if to_pos == "n" and from_pos == "v" and word.endswith(_AGENT_SUFFIXES):
        return None  # reasoner <- reason: the one who does it, not the doing
    if to_pos == from_pos:
        return None  # tobacconist <- tobacco, martyrdom <- martyr: not the same thing
    if to_pos == "n":
        return _strip_de(item)  # absence <- absent, satisfaction <- satisfy (not agents)
    if to_pos == "adj" and from_pos == "v" and word.endswith(("able", "ible")):
        return "可" + _strip_de(item) + "的"  # believable <- believe: 可相信的
    if to_pos == "adj":
        return _strip_de(item) + "的"  # barometric <- barometer
    if to_pos == "adv" and from_pos == "adj":
        return _strip_de(item) + "地"  # imperturbably <- imperturbable
    return None  # a verb from a noun or adjective is not transparent


def _main_pos(senses: list[Sense]) -> str:
    tagged: dict[str, tuple[int, int]] = {}
    for sense in senses:
        tagged[sense.pos] = (sense.tagged, tagged.get(sense.pos, (0, 0))[1] + 1)
    return max(tagged, key=lambda pos: (*tagged[pos], -"nvar".index(pos)))


def bridge_glosses(
    wn: WordNet, word: str, gloss_of: GlossOf, kinds: bool = False
) -> tuple[str, Glosses] | None:
    """(how, glosses) for ``word`` through its WordNet neighbours; None when none is good.
    ``kinds``: through the hypernyms of a noun of few senses instead (the second pass)."""
    senses = wn.senses.get(word)
    if not senses or len(word) < MIN_LETTERS:
        return None
    if kinds and len(senses) > KIND_MAX_SENSES:
        return None
    main = _main_pos(senses)
    few = FEW_SENSES_BONUS if len(senses) <= FEW_SENSES else 0.0
    scored: dict[tuple[str, str], list] = {}  # (pos, chinese) -> [best score, how, sources]
    for sense in senses:
        to_pos = GLOSS_POS[sense.pos]
        base = SENSE_RANK_WEIGHT * min(sense.rank, 5)
        base += (0.0 if sense.pos == main else OTHER_POS_PENALTY) - few
        for tier, neighbour, npos, offset in _neighbours(wn, word, sense, kinds):
            found = gloss_of(neighbour) if neighbour != word else None
            if not found:
                continue
            away = _neighbour_penalty(wn, neighbour, npos, offset)
            base_n = base + away
            from_pos = GLOSS_POS[npos]
            want = to_pos if tier != "related" else from_pos
            for item, penalty in _items_for(found[1], want):
                chinese = _convert(word, item, tier, to_pos, from_pos)
                if not chinese:
                    continue
                score = base_n + NEIGHBOUR_TIER[tier] + penalty
                score += NEIGHBOUR_SCORE_WEIGHT * found[0]
                slot = scored.setdefault((to_pos, chinese), [score, "", set()])
                if score <= slot[0]:
                    slot[0], slot[1] = score, f"{tier} {neighbour}"
                slot[2].add(neighbour)
    return _best_groups(scored)


def _best_groups(scored: dict) -> tuple[str, Glosses] | None:
    """The best candidates grouped by part of speech (at most three each, two groups)."""
    ranked = sorted(
        (score - AGREEMENT_BONUS * min(len(sources) - 1, 2), how, pos, chinese)
        for (pos, chinese), (score, how, sources) in scored.items()
    )
    if not ranked:
        return None
    top, how = ranked[0][0], ranked[0][1]
    if top > MAX_SCORE[how.split()[0]]:
        return None
    groups: dict[str, list[str]] = {}
    for score, _how, pos, chinese in ranked:
        if score - top > WITHIN:
            continue
        bucket = groups.setdefault(pos, [])
        if chinese not in bucket and len(bucket) < 3:
            bucket.append(chinese)
    return how, [(pos, "，".join(items)) for pos, items in groups.items()][:2]


def _through_kinds(wn: WordNet, spellings: dict, out: dict, gloss_of: GlossOf) -> dict:
    """The second pass: nouns the neighbours leave without a gloss, as a kind of their
    hypernym (hansom -> carriage -> 一种马车)."""
    left = {word: variants for word, variants in spellings.items() if word not in out}
    wn.read_index(
        {
            n[1]
            for variants in left.values()
            for variant in variants
            for sense in wn.senses.get(variant, ())
            for n in _neighbours(wn, variant, sense, kinds=True)
        }
    )
    found = {}
    for word, variants in sorted(left.items()):
        for variant in variants:
            result = bridge_glosses(wn, variant, gloss_of, kinds=True)
            if result:  # the best item only: the hypernym's other items drift (fur: 都市)
                how, glosses = result
                found[word] = how, [(glosses[0][0], _ITEM_SPLIT.split(glosses[0][1])[0])]
                break
    return found


def wordnet_spellings(word: str) -> list[str]:
    """How WordNet may spell ``word``: as written, without accents (dénouement ->
    denouement, née -> nee), without or with a space for a hyphen (grown-up -> grownup)."""
    plain = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    out = [word, plain] if plain != word and plain.isascii() else [word]
    if "-" in word:
        out += [v for w in list(out) for v in (w.replace("-", ""), w.replace("-", " "))]
    return list(dict.fromkeys(out))


def wordnet_glosses(
    words: Iterable[str], gloss_of: GlossOf, folder: Path | str | None = None
) -> dict[str, tuple[str, Glosses]]:
    """word -> (how, glosses) for the ``words`` WordNet can bridge to a Chinese gloss.

    ``gloss_of(word)`` gives a neighbour's (score, glosses) when a dictionary glosses it
    well.  {} without WordNet.  Irregular forms are not glossed here: the build maps them to
    their lemma (:func:`wordnet_forms`), whose gloss they show.
    """
    folder = Path(folder) if folder else wordnet_dir()
    if folder is None:
        return {}
    spellings = {word: wordnet_spellings(word) for word in words}
    wn = WordNet(folder, {v for variants in spellings.values() for v in variants})
    out: dict[str, tuple[str, Glosses]] = {}
    try:
        wn.read_index(
            {
                n[1]
                for word, senses in list(wn.senses.items())
                for sense in senses
                for n in _neighbours(wn, word, sense)
            }
        )
        for word, variants in sorted(spellings.items()):
            for variant in variants:
                result = bridge_glosses(wn, variant, gloss_of)
                if result:
                    out[word] = result
                    break
        out.update(_through_kinds(wn, spellings, out, gloss_of))
    finally:
        wn.close()
    return out
