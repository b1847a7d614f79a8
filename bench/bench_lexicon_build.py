"""Benchmark: a lexicon build with a full-size ECDICT CSV (wall time and peak RSS).

Run by hand (no asserts)::

    [YINGDU_LEXICON_DIR=/path/to/lists] python bench/bench_lexicon_build.py \
        [--rows 770000] [--keep FILE] [--csv FILE] [--profile]

The real ECDICT cannot be fetched here, so the script first GENERATES a CSV in its exact
format (word, phonetic, definition, translation, pos, collins, oxford, tag, bnc, frq,
exchange, detail, audio) with the real file's shape: ~770,000 rows, ~60 MB; wordfreq's
commonest words with exam tags, exchange forms and frequency ranks; synthetic rare words;
rows that are only an inflected form ("X的过去式"); capitalised names; multi-word rows
(most of them untagged technical terms); translation lines with part-of-speech prefixes
and literal ``\\n`` escapes, ``[网络]`` and ``[医]`` lines; English definitions on a third
of the rows.

Each build runs in a fresh child process (so its peak RSS is its own), once with the
curriculum word lists in YINGDU_LEXICON_DIR (when set) and once without.  ``--profile``
writes a cProfile of the build with the lists to ``bench-lexicon-build.prof``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COLUMNS = (
    "word phonetic definition translation pos collins oxford tag bnc frq exchange detail audio"
)
TAGS = ["zk", "gk", "cet4", "cet6", "ky", "toefl", "ielts", "gre"]
SYLLABLES = [c + v for c in "bcdfghlmnprstvz" for v in "aeiou"] + [
    *("an", "er", "in", "on", "tion", "ment", "ness", "ous", "ive", "ity", "ly", "ing", "ism")
]
HANZI = "".join(chr(code) for code in range(0x4E00, 0x4E00 + 3000, 3))  # 1,000 ideographs
POS_PREFIXES = ["n.", "v.", "vt.", "vi.", "a.", "adj.", "adv.", "prep.", ""]
DOMAINS = ["[医]", "[化]", "[计]", "[经]", "[法]", "[电]", "[网络]"]


def _zh(rng: random.Random, low: int = 2, high: int = 4) -> str:
    return "".join(rng.choice(HANZI) for _ in range(rng.randint(low, high)))


def _translation(rng: random.Random, lines: int) -> str:
    out = []
    for _ in range(lines):
        senses = "；".join(_zh(rng) for _ in range(rng.randint(1, 4)))
        out.append(f"{rng.choice(POS_PREFIXES)} {senses}".strip())
    if rng.random() < 0.3:
        out.append(f"{rng.choice(DOMAINS)} {_zh(rng)}；{_zh(rng)}")
    return "\\n".join(out)


def _phonetic(word: str) -> str:
    return "ˈ" + word.replace("th", "θ").replace("sh", "ʃ").replace("a", "æ")


def _definition(rng: random.Random, words: list[str]) -> str:
    return "n. " + " ".join(rng.choice(words) for _ in range(rng.randint(4, 12)))


def _synthetic_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5)))


def _common_words(limit: int) -> list[str]:
    try:
        import wordfreq
    except ImportError:  # pragma: no cover
        return []
    return [w for w in wordfreq.top_n_list("en", limit * 2) if w.isalpha()][:limit]


def _word_rows(rng: random.Random, word: str, rank: int, vocab: list[str]):
    """The row of a common word plus the rows of its inflected forms."""
    tags = (
        " ".join(t for i, t in enumerate(TAGS) if rng.random() < 0.5 - i * 0.04)
        if rank < 15000
        else ""
    )
    exchange, forms = "", []
    if rng.random() < 0.5:
        forms = [word + "s", word + "ed", word + "ing"]
        exchange = f"p:{forms[1]}/d:{forms[1]}/i:{forms[2]}/3:{forms[0]}"
    elif rng.random() < 0.5:
        forms = [word + "s"]
        exchange = f"s:{forms[0]}"
    yield [word, _phonetic(word), _definition(rng, vocab) if rng.random() < 0.6 else "",
           _translation(rng, rng.randint(1, 3)), "n:60/v:40" if forms else "",
           str(rng.randint(0, 5)), "1" if rank < 3000 else "", tags, str(rank + 3),
           str(rank + 1), exchange, "", ""]  # fmt: skip
    for form in forms:
        marker = rng.choice(["的过去式", "的复数", "的现在分词", "的第三人称单数"])
        yield [form, "", "", f"v. {_zh(rng)}（{word}{marker}）", "", "", "", "", "0", "0",
               f"0:{word}/1:p", "", ""]  # fmt: skip


def _rare_row(rng: random.Random, vocab: list[str], synthetic: list[str]) -> list[str]:
    kind = rng.random()
    if kind < 0.50:  # multi-word rows, mostly technical terms
        parts = [
            rng.choice(vocab if rng.random() < 0.6 else synthetic) for _ in range(rng.randint(2, 4))
        ]
        word = " ".join(parts)
        translation = f"{rng.choice(DOMAINS)} {_zh(rng, 3, 8)}"
        frq = str(rng.randint(1, 60000)) if rng.random() < 0.03 else "0"
        return [word, "", "", translation, "", "", "", "", "0", frq, "", "", ""]
    word = rng.choice(synthetic) + rng.choice(["", "", "", "s", "ed", "ic", "ity"])
    if kind < 0.65:  # capitalised names
        name = word.capitalize()
        return [
            name,
            "",
            "",
            f"n. ({name})人名；(英){_zh(rng)}",
            "",
            "",
            "",
            "",
            "0",
            "0",
            "",
            "",
            "",
        ]
    if kind < 0.70:  # hyphenated
        word = f"{word}-{rng.choice(synthetic)}"
    definition = _definition(rng, vocab) if rng.random() < 0.25 else ""
    return [word, _phonetic(word) if rng.random() < 0.4 else "", definition,
            _translation(rng, rng.randint(1, 2)), "", "", "", "", "0", "0", "", "", ""]  # fmt: skip


def generate_csv(path: Path, rows: int, seed: int = 11) -> int:
    """Write an ECDICT-shaped CSV of about ``rows`` rows; return the number written."""
    rng = random.Random(seed)
    vocab = _common_words(60000) or [_synthetic_word(rng) for _ in range(60000)]
    synthetic = [_synthetic_word(rng) for _ in range(400000)]
    written = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS.split())
        for rank, word in enumerate(vocab):
            for row in _word_rows(rng, word, rank, vocab):
                writer.writerow(row)
                written += 1
        while written < rows:
            writer.writerow(_rare_row(rng, vocab, synthetic))
            written += 1
    return written


CHILD = """
import json, resource, sys, time
from yingdu.lexicon.build import build_lexicon
out, lists, ecdict, profile = sys.argv[1:5]
started = time.perf_counter()
if profile:
    import cProfile
    cProfile.run("summary = build_lexicon(out, lists or None, ecdict)", profile)
else:
    summary = build_lexicon(out, lists or None, ecdict)
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": time.perf_counter() - started,
                  "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
                  "entries": summary["entries"], "mwes": summary["mwes"],
                  "forms": summary["forms"], "ecdict": summary["sources"].get("ecdict")}))
"""


def run_build(csv_path: Path, lists: Path | None, out: Path, profile: str = "") -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    argv = [sys.executable, "-c", CHILD, str(out), str(lists or ""), str(csv_path), profile]
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=770_000)
    parser.add_argument("--csv", type=Path, help="use this ECDICT CSV instead of generating one")
    parser.add_argument("--keep", type=Path, help="write the generated CSV here and keep it")
    parser.add_argument("--profile", action="store_true", help="cProfile the build with lists")
    args = parser.parse_args()
    lists_value = os.environ.get("YINGDU_LEXICON_DIR")
    lists = Path(lists_value) if lists_value and Path(lists_value).is_dir() else None
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = args.csv or args.keep or Path(tmp) / "ecdict.csv"
        if not args.csv:
            started = time.perf_counter()
            rows = generate_csv(csv_path, args.rows)
            size = csv_path.stat().st_size / 1e6
            print(
                f"generated {rows:,} rows, {size:.1f} MB in {time.perf_counter() - started:.1f} s"
            )
        configs = (
            [("with word lists", lists), ("without word lists", None)]
            if lists
            else [("without word lists (YINGDU_LEXICON_DIR unset)", None)]
        )
        for label, folder in configs:
            profile = "bench-lexicon-build.prof" if args.profile and folder is lists else ""
            result = run_build(csv_path, folder, Path(tmp) / "lexicon.sqlite3", profile)
            print(
                f"{label:<24} wall {result['seconds']:6.1f} s  CPU {result['cpu']:6.1f} s  "
                f"peak RSS {result['rss_mb']:6.0f} MB  "
                f"ecdict rows {result['ecdict']:,}  entries {result['entries']:,}  "
                f"forms {result['forms']:,}  mwes {result['mwes']:,}"
            )


if __name__ == "__main__":
    main()
