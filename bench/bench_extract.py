"""Extraction benchmark: token precision, recall and F1 of `yingdu import`'s extraction (the
importparse pipeline: trafilatura, then Yingdu's blocks, line filters and portal rules)
beside trafilatura alone, on an evaluation set of pages with reference texts, in one run.

The evaluation set is a folder, given by --eval-dir or YINGDU_EXTRACT_EVAL_DIR (default:
the small set written for Yingdu in tests/fixtures/extract_eval/), in either layout:

* NAME.html (or NAME.html.gz) and NAME.txt, the reference text of the page's article;
* the layout of the article-extraction-benchmark (ground-truth.json mapping NAME to
  {"articleBody": …}, and html/NAME.html.gz).

Scores are bags of tokens (lower-cased words and numbers, single Chinese characters):
precision = shared tokens / extracted tokens, recall = shared tokens / reference tokens,
per page, then averaged over pages (an empty output scores 0). Pages that `yingdu import`
refuses as in a language the site does not teach are counted and left out of both
systems' scores (refusing them is the intended result); other refusals score 0.

Run by hand:

    .venv/bin/python bench/bench_extract.py [--eval-dir DIR] [--worst N]
"""

import argparse
import gzip
import json
import os
import re
import sys
import unicodedata
from collections import Counter
from html import unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from yingdu.text import HAN_RANGES  # noqa: E402 (needs the path above)

TEXT_ONLY = ("with_metadata", "include_links")  # they would add metadata and URLs to text
OWN_SET = ROOT / "tests" / "fixtures" / "extract_eval"
TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
CHARACTER = re.compile(f"([{HAN_RANGES}\u3040-\u30ff])")  # Chinese characters and kana


def tokens(text: str) -> list[str]:
    """Words and numbers; each Chinese (or Japanese) character is a token of its own."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    out: list[str] = []
    for word in TOKEN.findall(text):
        if CHARACTER.search(word):
            out.extend(piece for piece in CHARACTER.split(word) if piece)
        else:
            out.append(word)
    return out


def scores(predicted: str, reference: str) -> tuple[float, float, float]:
    got, want = Counter(tokens(predicted)), Counter(tokens(reference))
    if not got or not want:
        return (1.0, 1.0, 1.0) if not got and not want else (0.0, 0.0, 0.0)
    shared = sum((got & want).values())
    precision, recall = shared / sum(got.values()), shared / sum(want.values())
    f1 = 2 * precision * recall / (precision + recall) if shared else 0.0
    return precision, recall, f1


def read_text(path: Path) -> str:
    data = path.read_bytes()
    return (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8", "replace")


def evaluation_set(folder: Path) -> list[tuple[str, bytes, str]]:
    """(name, page bytes, reference text) of every page of the set, sorted by name."""
    truth = folder / "ground-truth.json"
    if truth.exists():  # article-extraction-benchmark layout
        pages = json.loads(truth.read_text(encoding="utf-8"))
        return [
            (name, gzip.decompress((folder / "html" / f"{name}.html.gz").read_bytes()),
             entry.get("articleBody") or "")
            for name, entry in sorted(pages.items())
        ]  # fmt: skip
    out = []
    for reference in sorted(folder.glob("*.txt")):
        name = reference.stem
        page = next((folder / f"{name}{s}" for s in (".html", ".html.gz") if
                     (folder / f"{name}{s}").exists()), None)  # fmt: skip
        if page is None:
            continue
        data = page.read_bytes()
        out.append((name, gzip.decompress(data) if page.suffix == ".gz" else data,
                    reference.read_text(encoding="utf-8")))  # fmt: skip
    return out


def yingdu_text(html: str, name: str) -> tuple[str, str]:
    """(extracted text, refusal message or '') of the importparse pipeline."""
    from yingdu.importparse import SourceError, fingerprint, parse_html
    from yingdu.importparse.document import plain

    try:
        item = parse_html(html, name)
    except SourceError as exc:
        return "", str(exc)
    texts = (unescape(plain(text)) for text in fingerprint.parsed_parts(item))  # as saved
    return "\n".join(texts), ""


def trafilatura_text(html: str, **options) -> str:
    import trafilatura

    return trafilatura.extract(html, **options) or ""


def systems():
    from yingdu.importparse.extract import TRAFILATURA_OPTIONS

    own = {k: v for k, v in TRAFILATURA_OPTIONS.items() if k not in TEXT_ONLY}
    return {
        "yingdu import": None,
        "trafilatura alone (defaults)": {},
        "trafilatura alone (yingdu's options)": own,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--eval-dir", type=Path, default=Path(os.environ.get("YINGDU_EXTRACT_EVAL_DIR") or OWN_SET)
    )
    parser.add_argument(
        "--worst",
        type=int,
        default=0,
        help="list the N pages where yingdu import's recall is furthest "
        "below trafilatura's (defaults)",
    )
    args = parser.parse_args(argv)  # fmt: skip

    from yingdu.importparse.decode import decode_bytes

    pages = evaluation_set(args.eval_dir)
    if not pages:
        print(f"no evaluation pages in {args.eval_dir}", file=sys.stderr)
        return 1
    results = {system: [] for system in systems()}
    untaught, refusals = [], []
    for name, data, reference in pages:
        html = decode_bytes(data)
        text, refusal = yingdu_text(html, name)
        if refusal.startswith("language not taught"):
            untaught.append(f"{name}: {refusal}")
            continue
        if refusal:
            refusals.append(f"{name}: {refusal}")
        for system, options in systems().items():
            output = text if options is None else trafilatura_text(html, **options)
            results[system].append((name, scores(output, reference)))
    print(f"evaluation set: {args.eval_dir} ({len(pages)} pages)")
    print(f"{'system':38} {'precision':>9} {'recall':>7} {'F1':>7}")
    for system, rows in results.items():
        means = [sum(row[1][k] for row in rows) / len(rows) for k in range(3)]
        print(f"{system:38} {means[0]:9.3f} {means[1]:7.3f} {means[2]:7.3f}")
    print(f"scored pages: {len(results['yingdu import'])}; left out as not taught: "
          f"{len(untaught)}; other refusals by yingdu import: {len(refusals)}")  # fmt: skip
    for line in untaught + refusals:
        print(f"  {line}")
    if args.worst:
        print(f"the {args.worst} pages where yingdu import's recall is furthest below:")
        ours, theirs = results["yingdu import"], results["trafilatura alone (defaults)"]
        gaps = sorted(zip(ours, theirs, strict=True), key=lambda p: p[0][1][1] - p[1][1][1])
        for (name, (p, r, _)), (_, (tp, tr, _)) in gaps[: args.worst]:
            print(f"  yingdu P {p:.3f} R {r:.3f}  trafilatura P {tp:.3f} R {tr:.3f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
