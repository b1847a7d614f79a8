"""Benchmark: lexicon quality for the default (pip-only) install and the install with the lists.

Run by hand (no asserts)::

    YINGDU_LEXICON_DIR=/path/to/lists YINGDU_CORPUS_DIR=/path/to/corpus \
        python bench/bench_lexicon.py [--lexicon LABEL=PATH ...]

Without ``--lexicon`` both lexicons are built with the current code into a temporary folder
(``default``: no word lists, the pip sources only; ``lists``: the lists and the first
``ecdict*.csv`` of YINGDU_LEXICON_DIR), and the build time is printed.  With
``--full-ecdict PATH`` (the CSV ``yingdu lexicon fetch-ecdict`` downloads), a third one is
built as ``make run`` builds it: the pip sources and that full ECDICT.  For each lexicon:

* headwords glossed: share of the shipped band table's words and phrases
  (yingdu/lexicon/data/curriculum_bands.tsv) found in the lexicon with a gloss;
* bands: share of curriculum headwords whose band is the lowest list band (``= band``) and
  at most that band (``<= band``: a transparent derivation may take its base's lower band);
* glossed: share of Word Bank entries with a Chinese gloss when the first 200,000 characters
  of each book in YINGDU_CORPUS_DIR are annotated, per level;
* agreement: share of glossed-list headwords whose first gloss shares a two-character word
  with the list's meaning, and the share with no gloss at all;
* POS: the score on tests/reading/pos_cases.* when that test set exists, else ``n/a``.

The lists' meanings are read only to measure.  Targets for the default install: bands 100%,
glossed >= 98%, agreement >= 80%.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from yingdu.lexicon import LEVELS, build_lexicon, load_lexicon  # noqa: E402
from yingdu.lexicon.curriculum import read_band_table  # noqa: E402
from yingdu.lexicon.quality import (  # noqa: E402
    band_agreement,
    corpus_texts,
    gloss_agreement,
    glossed_share,
    headwords_glossed,
    list_bands,
    list_meanings,
)

POS_CASES = sorted((ROOT / "tests" / "reading").glob("pos_cases.*"))


def build_both(folder: Path, lists: Path | None, full_ecdict: Path | None) -> dict[str, Path]:
    out = {}
    started = time.perf_counter()
    build_lexicon(folder / "default.sqlite3")
    print(f"built default in {time.perf_counter() - started:.1f} s")
    out["default"] = folder / "default.sqlite3"
    if full_ecdict:  # what `make run` builds after `lexicon fetch-ecdict`
        started = time.perf_counter()
        build_lexicon(folder / "make-run.sqlite3", None, full_ecdict)
        print(f"built make run (pip + full ECDICT) in {time.perf_counter() - started:.1f} s")
        out["make run (pip + full ECDICT)"] = folder / "make-run.sqlite3"
    if lists:
        ecdict = sorted(lists.glob("ecdict*.csv"))
        started = time.perf_counter()
        build_lexicon(folder / "lists.sqlite3", lists, ecdict[0] if ecdict else None)
        print(f"built lists in {time.perf_counter() - started:.1f} s")
        out["lists"] = folder / "lists.sqlite3"
    return out


def pos_score(lexicon) -> str:
    """The annotator's score on the part-of-speech test set (yingdu.reading.posguess)."""
    if not POS_CASES:
        return "n/a"
    from yingdu.reading.posguess import score_cases

    scored = score_cases(POS_CASES[0], lexicon)
    return f"{scored['share']:6.1%} ({scored['right']}/{scored['cases']})"


def report(label: str, path: Path, lists: Path | None, corpus: Path | None) -> None:
    started = time.perf_counter()
    lexicon = load_lexicon(path)
    print(f"\n== {label}: {path} (loaded in {time.perf_counter() - started:.2f} s)")
    headwords = headwords_glossed(lexicon, read_band_table())
    print(f"headwords glossed {headwords}   missing e.g. {', '.join(headwords.misses[:8])}")
    if lists:
        same, at_most = band_agreement(lexicon, list_bands(lists))
        print(f"bands        = list band {same}   <= list band {at_most}")
        agree, none = gloss_agreement(lexicon, list_meanings(lists))
        print(f"agreement    {agree}   no gloss {none}")
        print(f"  disagreeing e.g. {', '.join(agree.misses[:12])}")
    if corpus:
        texts = corpus_texts(corpus)
        for level in LEVELS:
            share = glossed_share(lexicon, texts, level)
            missing = ", ".join(list(dict.fromkeys(share.misses))[:8])
            print(f"glossed {level:8s} {share}   missing e.g. {missing}")
    print(f"POS test set {pos_score(lexicon)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lexicon", action="append", default=[], metavar="LABEL=PATH")
    parser.add_argument(
        "--full-ecdict", type=Path, help="the CSV `yingdu lexicon fetch-ecdict` downloads"
    )
    args = parser.parse_args()
    lists = os.environ.get("YINGDU_LEXICON_DIR")
    lists = Path(lists) if lists and Path(lists).is_dir() else None
    corpus = os.environ.get("YINGDU_CORPUS_DIR")
    corpus = Path(corpus) if corpus and Path(corpus).is_dir() else None
    if not lists:
        print("YINGDU_LEXICON_DIR unset: no band or agreement figures")
    if not corpus:
        print("YINGDU_CORPUS_DIR unset: no glossed-share figures")
    with tempfile.TemporaryDirectory() as tmp:
        if args.lexicon:
            paths = dict(item.split("=", 1) for item in args.lexicon)
        else:
            paths = build_both(Path(tmp), lists, args.full_ecdict)
        for label, path in paths.items():
            report(label, Path(path), lists, corpus)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
