"""Command-line interface: ``lexicon build``, ``lexicon show`` and ``annotate``.

The ``yingdu`` console script calls :func:`register` on its argparse sub-parsers, giving the
site's follow-up of a build (re-annotate items, reindex search) as ``after_build``, and then
``args.func(args)`` (an int exit code).  ``python -m yingdu.lexicon.cli …`` runs the same
commands standalone, without a follow-up, through :func:`main`.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from yingdu import config

from .bands import BAND_LABELS, LEVELS
from .paths import default_lexicon_path, find_ecdict, shared_lexicon_dir


def register(subparsers, after_build: Callable[[], int] | None = None) -> None:
    """Add the ``lexicon`` and ``annotate`` commands to an argparse sub-parsers object;
    ``after_build`` (an exit code) runs as the last step of a build that wrote a lexicon."""
    lexicon = subparsers.add_parser("lexicon", help="build or inspect the word lexicon")
    lex_sub = lexicon.add_subparsers(dest="lexicon_command", required=True)

    build = lex_sub.add_parser("build", help="build the lexicon database")
    build.add_argument("--wordlists", type=Path, help="folder with primary.txt … kaoyan.txt")
    build.add_argument("--ecdict", type=Path, help="ECDICT CSV file")
    build.add_argument("--out", type=Path, help="output path (default $YINGDU_LEXICON_PATH)")
    build.add_argument(
        "--if-missing", action="store_true", help="do nothing when the lexicon already exists"
    )
    build.set_defaults(func=functools.partial(cmd_build, after_build=after_build))

    show = lex_sub.add_parser("show", help="print one lexicon entry")
    show.add_argument("word")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.add_argument("--lexicon", type=Path, help="lexicon path")
    show.set_defaults(func=cmd_show)

    annotate = subparsers.add_parser("annotate", help="annotate an English text")
    annotate.add_argument("file", help="text file, or - for stdin")
    annotate.add_argument("--level", choices=LEVELS, required=True)
    annotate.add_argument("--format", choices=("json", "text"), default="json")
    annotate.add_argument("--lexicon", type=Path, help="lexicon path")
    annotate.set_defaults(func=cmd_annotate)


def _console():
    from rich.console import Console

    return Console(stderr=True)


def cmd_build(args: argparse.Namespace, after_build: Callable[[], int] | None = None) -> int:
    """Build the lexicon with a progress bar, print a summary table, then `after_build`."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from .build import build_lexicon

    target = args.out or default_lexicon_path()
    if args.if_missing and Path(target).exists():
        _console().print(f"lexicon already built at {target}")
        return 0
    wordlists, ecdict = args.wordlists, args.ecdict
    if wordlists is None and ecdict is None:
        folder = shared_lexicon_dir()
        wordlists, ecdict = folder, folder and find_ecdict(folder)
    console = _console()
    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed:,}"))
    with Progress(*columns, TimeElapsedColumn(), console=console, transient=True) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        summary = build_lexicon(target, wordlists, ecdict, progress=progress)
    _print_summary(summary)
    return after_build() if after_build else 0


def _print_summary(summary: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    bands = Table(title=f"Lexicon {summary['path']} ({summary['seconds']} s)")
    bands.add_column("band")
    bands.add_column("", justify="left")
    bands.add_column("entries", justify="right")
    for code, count in summary["bands"].items():
        bands.add_row(code, BAND_LABELS[code], f"{count:,}")
    bands.add_row("total", "", f"{summary['entries']:,}")
    console.print(bands)
    sources = Table(title="Sources")
    sources.add_column("source")
    sources.add_column("count", justify="right")
    for name, value in summary["sources"].items():
        shown = value if isinstance(value, int) else sum(value.values())
        sources.add_row(name, f"{shown:,}")
    for name, value in summary["band_sources"].items():
        sources.add_row(f"band from {name}", f"{value:,}")
    for name in ("glossed", "with_ipa", "forms", "mwes"):
        sources.add_row(name, f"{summary[name]:,}")
    for name, reason in summary["unavailable"].items():
        sources.add_row(f"{name} (skipped)", reason[:60])
    console.print(sources)


def _load(path: Path | None):
    from .store import LexiconError, load_lexicon

    try:
        return load_lexicon(path)
    except LexiconError as exc:
        _console().print(f"[red]{exc}[/red]")
        return None


def cmd_show(args: argparse.Namespace) -> int:
    """Print the entry of a word (or its lemma)."""
    lexicon = _load(args.lexicon)
    if lexicon is None:
        return 2
    entry = lexicon.lookup(args.word)
    if entry is None:
        _console().print(f"{args.word!r} is not in the lexicon")
        return 1
    data = entry.to_dict()
    if args.json:
        _write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    _write(_entry_text(data))
    return 0


def _entry_text(data: dict) -> str:
    lines = [f"{data['headword']}  [{data['band']} {data['band_label']}] ({data['band_source']})"]
    if data["ipa_uk"] or data["ipa_us"]:
        lines.append(f"  UK /{data['ipa_uk']}/  US /{data['ipa_us']}/")
    lines += [f"  {pos + '.' if pos else ''} {gloss}" for pos, gloss in data["glosses"]]
    if data["forms"]:
        lines.append("  forms: " + ", ".join(data["forms"]))
    return "\n".join(lines) + "\n"


def _write(text: str) -> None:
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def cmd_annotate(args: argparse.Namespace) -> int:
    """Annotate a file or stdin chunk by chunk (bounded memory), print JSON or text."""
    from yingdu.reading import Annotator

    from .store import LexiconError

    lexicon = _load(args.lexicon)
    if lexicon is None:
        return 2
    try:
        annotator = Annotator(args.level, lexicon)
    except LexiconError as exc:  # pragma: no cover
        _console().print(f"[red]{exc}[/red]")
        return 2
    try:
        stream = _open_input(args.file)
    except OSError as exc:
        _console().print(f"[red]cannot read {args.file}: {exc}[/red]")
        return 2
    with stream, tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        _annotate_stream(annotator, stream, spool if args.format == "json" else None)
        result = annotator.result()
        if args.format == "json":
            _write_json(result, spool)
        else:
            _write(_result_text(result))
    return 0


def _open_input(name: str):
    if name == "-":
        return open(
            sys.stdin.fileno(), encoding="utf-8", errors="replace", newline="", closefd=False
        )
    return open(name, encoding="utf-8", errors="replace", newline="")


def _annotate_stream(annotator, stream, spool) -> None:
    from yingdu.reading import token_json
    from yingdu.reading.stream import iter_chunks

    offset = 0
    first = True
    for chunk in iter_chunks(stream):
        tokens = annotator.feed(chunk, offset)
        offset += len(chunk)
        if spool is None:
            continue
        for token in tokens:
            spool.write(("" if first else ",") + json.dumps(token_json(token), ensure_ascii=False))
            first = False


def _write_json(result, spool) -> None:
    from yingdu.reading import to_json

    head = to_json(result)
    head.pop("tokens")
    text = json.dumps(head, ensure_ascii=False)
    out = sys.stdout.buffer
    out.write(text[:-1].encode("utf-8") + b', "tokens": [')
    spool.seek(0)
    while block := spool.read(1 << 16):
        out.write(block.encode("utf-8"))
    out.write(b"]}\n")
    out.flush()


def _result_text(result) -> str:
    lines = [
        f"level {result.level} ({BAND_LABELS[result.level]}): {result.grade}",
        f"words {result.words:,}, distinct lemmas {result.distinct_lemmas:,}, "
        f"above level {result.above_level_ratio:.1%} of running words "
        f"({result.distinct_above_ratio:.1%} of lemmas), about {result.reading_minutes} min",
        "",
        f"Word Bank ({len(result.word_bank)}):",
    ]
    for item in result.word_bank:
        ipa = f"/{item['ipa']}/ " if item["ipa"] else ""
        pos = f"{item['pos']}. " if item["pos"] else ""
        lines.append(f"  {item['word']:<18} {item['band']:<7} {ipa}{pos}{item['gloss']}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Standalone entry point: ``python -m yingdu.lexicon.cli lexicon build`` etc."""
    parser = argparse.ArgumentParser(prog="yingdu", description="Yingdu lexicon tools")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    try:
        config.load()
    except config.ConfigError as error:
        print(f"yingdu: configuration error: {error}", file=sys.stderr)
        return 2
    return args.func(args)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    raise SystemExit(main())
