"""Check: the annotator's outputs are byte for byte those of another version of the code.

For work on the annotator's speed, which must not change what a reader sees.  It annotates
the demo content and the corpus books (YINGDU_CORPUS_DIR) with each lexicon given, every level,
and digests everything the site and the API take from an annotation: the stored JSON, the raw
tokens and expressions, per-level difficulty, the annotated HTML with Word Bank and senses
(the way yingdu.aids.service does it), the reading profile placement coverage counts, the
worksheet passages, chunked annotation and the part-of-speech test set.  Each output is
serialised to JSON and hashed; the digests are written to a file, and a second run with
``--against`` that file names every output that differs::

    PYTHONPATH=/path/to/old/checkout python bench/check_annotate_output.py \
        --lexicon A.sqlite3 --lexicon B.sqlite3 --write /tmp/before.json
    python bench/check_annotate_output.py --lexicon A.sqlite3 --lexicon B.sqlite3 \
        --against /tmp/before.json

Exit status 1 when an output differs or is missing.  Needs Django settings only to import the
aids service (a throw-away key and data folder; no database is used).
"""

from __future__ import annotations

import argparse
import atexit
import hashlib
import html
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "yingdu" / "demo" / "content.json"
POS_CASES = ROOT / "tests" / "reading" / "pos_cases.tsv"
PARAGRAPHS_PER_PAGE = 60  # corpus paragraphs rendered together, as one item's texts
PAGES_PER_BOOK = 20
CHUNK_CHARS = 7000  # annotate_chunks: chunks of about this size, cut before a space


def digest(value) -> str:
    blob = json.dumps(value, ensure_ascii=False, default=sorted).encode()
    return hashlib.sha256(blob).hexdigest()


def demo_items() -> Iterator[tuple[str, dict[str, str]]]:
    """(name, {path: html}) for every demo item: its strings, plain ones wrapped in <p>."""
    content = json.loads(DEMO.read_text(encoding="utf-8"))
    for kind, items in content.items():
        for n, item in enumerate(items):
            texts = {
                path: value if value.lstrip().startswith("<") else f"<p>{html.escape(value)}</p>"
                for path, value in _strings(item, "")
            }
            yield f"demo/{kind}/{item.get('key', n)}", texts


def _strings(value, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _strings(inner, f"{path}/{i}")
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _strings(inner, f"{path}/{key}")


def books(corpus: Path) -> list[tuple[str, str]]:
    return [
        (path.name, path.read_text(encoding="utf-8", errors="replace"))
        for path in sorted(corpus.glob("*.txt"))
    ]


def book_pages(name: str, text: str) -> Iterator[tuple[str, dict[str, str]]]:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    for page in range(PAGES_PER_BOOK):
        part = paragraphs[page * PARAGRAPHS_PER_PAGE : (page + 1) * PARAGRAPHS_PER_PAGE]
        if part:
            texts = {str(i): f"<p>{html.escape(p)}</p>" for i, p in enumerate(part)}
            yield f"corpus/{name}/page{page}", texts


def chunks_of(text: str) -> list[str]:
    chunks, start = [], 0
    while start < len(text):
        cut = text.find(" ", start + CHUNK_CHARS)
        end = len(text) if cut < 0 else cut
        chunks.append(text[start:end])
        start = end
    return chunks


def outputs(lexicon_path: str, corpus: Path) -> Iterator[tuple[str, object]]:
    from yingdu.aids.markup import plain_text, split_html
    from yingdu.aids.service import annotate_texts
    from yingdu.lexicon import LEVELS, load_lexicon
    from yingdu.reading import annotate, annotate_chunks, per_level, to_json
    from yingdu.reading.posguess import score_cases
    from yingdu.reading.wordbank import senses_in_context
    from yingdu.worksheets.passage import read_passage

    lexicon = load_lexicon(lexicon_path)
    pages = [*demo_items()]
    for name, text in books(corpus):
        pages += book_pages(name, text)
    for name, texts in pages:
        yield f"{name}/html", annotate_texts(texts, lexicon)
        plains = [plain_text(split_html(h)) for h in texts.values()]
        yield f"{name}/passages", [read_passage(p, lexicon) for p in plains]
    for name, text in books(corpus):
        for level in LEVELS:
            result = annotate(text, level, lexicon)
            yield f"{name}/{level}/json", to_json(result)
            yield f"{name}/{level}/raw", [result.raw_tokens, result.mwes]
            yield f"{name}/{level}/named", [list(t._asdict().values()) for t in result.tokens]
        base = annotate(text, LEVELS[0], lexicon)
        yield f"{name}/per_level", per_level(base)
        bank = [dict(entry) for entry in base.word_bank]
        yield f"{name}/senses", [senses_in_context(text, base.raw_tokens, bank, lexicon), bank]
        chunked = annotate_chunks(chunks_of(text), "cet4", lexicon)
        yield f"{name}/chunks", [to_json(chunked), chunked.mwes, chunked.raw_tokens]
    yield "pos_cases", score_cases(POS_CASES, lexicon)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lexicon", action="append", required=True, help="repeat for each")
    parser.add_argument("--corpus", default=os.environ.get("YINGDU_CORPUS_DIR"))
    parser.add_argument("--write", help="write the digests to this file")
    parser.add_argument("--against", help="compare with the digests in this file")
    args = parser.parse_args()
    if not args.corpus:
        print("set YINGDU_CORPUS_DIR (or --corpus) to the folder of corpus books")
        return 2
    # settings only to import the aids service: a throw-away key and data folder, no database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yingdu.settings")
    os.environ.setdefault("SECRET_KEY", "check-annotate-output-only-" + "z" * 40)
    os.environ["YINGDU_DATA_DIR"] = data_dir = tempfile.mkdtemp(prefix="yingdu-check-")
    atexit.register(shutil.rmtree, data_dir, ignore_errors=True)
    import django

    django.setup()
    import yingdu

    print(f"code: {Path(yingdu.__file__).parent}")  # PYTHONPATH chooses the checkout
    digests = {}
    for number, path in enumerate(args.lexicon):
        for name, value in outputs(path, Path(args.corpus)):
            digests[f"lexicon{number}/{name}"] = digest(value)
    print(f"{len(digests)} outputs from {len(args.lexicon)} lexicons")
    if args.write:
        Path(args.write).write_text(json.dumps(digests, indent=0), encoding="utf-8")
    if args.against:
        before = json.loads(Path(args.against).read_text(encoding="utf-8"))
        differ = [name for name in before if digests.get(name) != before[name]]
        extra = [name for name in digests if name not in before]
        print(f"compared with {args.against}: {len(differ)} differ, {len(extra)} new")
        for name in differ:
            print("  differs:", name)
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
