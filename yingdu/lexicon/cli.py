"""Command-line interface: ``lexicon build|fetch-ecdict|show`` and ``annotate``.

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
from functools import partial
from pathlib import Path

from yingdu import config

from .bands import BAND_LABELS, LEVELS
from .paths import default_lexicon_path, default_sources, shared_lexicon_dir


def register(subparsers, after_build: Callable[[bool], int] | None = None) -> None:
    """Add the ``lexicon`` and ``annotate`` commands to an argparse sub-parsers object;
    ``after_build(inline)`` (an exit code) runs as the last step of a build that wrote a
    lexicon, ``inline`` true when the site's follow-up is to run in the command (--inline)."""
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
    if after_build:
        _add_inline_option(build)

    fetch = lex_sub.add_parser(
        "fetch-ecdict", help="download the full ECDICT dictionary, then rebuild the lexicon"
    )
    fetch.add_argument("--url", help="download from here (default $YINGDU_ECDICT_URL)")
    fetch.add_argument("--sha256", help="expected SHA-256 (default $YINGDU_ECDICT_SHA256)")
    fetch.add_argument("--dest", type=Path, help="folder for ecdict.csv (default: see docs)")
    fetch.add_argument("--out", type=Path, help="lexicon output path")
    fetch.add_argument("--no-build", action="store_true", help="only download and check")
    fetch.add_argument(
        "--if-missing", action="store_true", help="do nothing when ecdict.csv is already there"
    )
    fetch.set_defaults(func=functools.partial(cmd_fetch_ecdict, after_build=after_build))
    if after_build:
        _add_inline_option(fetch)

    show = lex_sub.add_parser("show", help="print lexicon entries (batch: JSON Lines)")
    show.add_argument(
        "words", nargs="+", metavar="WORD", help="words, or - for one a line on stdin"
    )
    show.add_argument("--json", action="store_true", help="print one JSON object a line")
    show.add_argument("--lexicon", type=Path, help="lexicon path")
    show.set_defaults(func=cmd_show)

    annotate = subparsers.add_parser("annotate", help="annotate an English text")
    annotate.add_argument("file", help="text file, or - for stdin")
    annotate.add_argument("--level", choices=LEVELS, required=True)
    annotate.add_argument("--format", choices=("json", "text"), default="json")
    annotate.add_argument("--lexicon", type=Path, help="lexicon path")
    annotate.set_defaults(func=cmd_annotate)


def _add_inline_option(parser) -> None:
    parser.add_argument(
        "--inline", action="store_true",
        help="re-annotate the items and rebuild the search index here, with a progress bar, "
        "instead of queuing them as a background job for `yingdu worker`",
    )  # fmt: skip


def _console():
    from rich.console import Console

    return Console(stderr=True)


def cmd_build(args: argparse.Namespace, after_build: Callable[[bool], int] | None = None) -> int:
    """Build the lexicon with a progress bar, print a summary table, then `after_build`."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from .build import build_lexicon

    target = args.out or default_lexicon_path()
    if args.if_missing and Path(target).exists():
        _console().print(f"lexicon already built at {target}")
        return 0
    wordlists, ecdict = args.wordlists, args.ecdict
    if wordlists is None and ecdict is None:
        wordlists, ecdict = default_sources()
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
    return after_build(getattr(args, "inline", False)) if after_build else 0


def cmd_fetch_ecdict(
    args: argparse.Namespace, after_build: Callable[[bool], int] | None = None
) -> int:
    """Download ECDICT with a progress bar, check it, install it, then rebuild the lexicon."""
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    from .fetch import CSV_NAME, FetchError, fetch_ecdict, fetch_settings, source_dir

    console = _console()
    say = partial(console.print, soft_wrap=True)  # long URLs and digests stay copyable
    present = Path(args.dest or source_dir()) / CSV_NAME
    if args.if_missing and present.exists():
        say(f"ECDICT already downloaded at {present}")
        return 0
    columns = (TextColumn("ECDICT"), BarColumn(), DownloadColumn(), TransferSpeedColumn())
    try:
        settings = fetch_settings(args.url, args.sha256)
        say(f"Downloading {settings.url}")
        with Progress(*columns, TimeRemainingColumn(), console=console, transient=True) as bar:
            task = bar.add_task("download", total=None)

            def progress(done: int, total: int | None) -> None:
                bar.update(task, completed=done, total=total)

            fetched = fetch_ecdict(settings, args.dest, progress)
    except FetchError as exc:
        say(f"[red]ECDICT not installed: {exc}[/red]")
        return 1
    say(f"Saved {fetched.path} ({fetched.downloaded_bytes:,} bytes downloaded)")
    if fetched.pinned:
        say(f"SHA-256 {fetched.sha256} matches YINGDU_ECDICT_SHA256.")
    else:
        say(
            f"[yellow]SHA-256 {fetched.sha256}: no checksum is pinned. Check it and pin it "
            f"with YINGDU_ECDICT_SHA256={fetched.sha256} so later downloads are verified.[/yellow]"
        )
    if args.no_build:
        return 0
    build = argparse.Namespace(
        wordlists=shared_lexicon_dir(), ecdict=fetched.path, out=args.out, if_missing=False,
        inline=getattr(args, "inline", False),
    )  # fmt: skip
    return cmd_build(build, after_build)  # then re-annotate the items and reindex search


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
    """Print the entries of words (or their lemmas): JSON Lines with --json, else text.

    With --json the exit code is 0 even for unknown words (their line carries an error);
    the text output exits 1 when a word is not in the lexicon, as it always did.
    """
    lexicon = _load(args.lexicon)
    if lexicon is None:
        return 2
    missing = 0
    encode = json.JSONEncoder(ensure_ascii=False).encode
    interactive = sys.stdin.isatty()  # answer each typed word at once
    # Buffered even under PYTHONUNBUFFERED: one write per word would cost a system call each.
    with open(sys.stdout.fileno(), "wb", buffering=1 << 16, closefd=False) as out:
        for word in _show_words(args.words):
            entry = lexicon.lookup(word)
            missing += entry is None
            if args.json:
                out.write(encode(show_record(word, entry)).encode("utf-8") + b"\n")
            elif entry is None:
                out.write(f"{word}: {NOT_IN_LEXICON}\n".encode())
            else:
                out.write(_entry_text(entry.to_dict(), word).encode("utf-8"))
            if interactive:
                out.flush()
    return 1 if missing and not args.json else 0


NOT_IN_LEXICON = "not in the lexicon"


def _show_words(words: list[str]):
    """The words of the command line, ``-`` standing for one word a line on stdin."""
    for word in words:
        if word != "-":
            yield word
            continue
        with open(sys.stdin.fileno(), encoding="utf-8", errors="replace", closefd=False) as stdin:
            yield from (line.strip() for line in stdin if line.strip())


def show_record(word: str, entry) -> dict:
    """The JSON Lines record of ``lexicon show --json`` for one looked-up word."""
    if entry is None:
        return {"word": word, "error": NOT_IN_LEXICON}
    return {
        "word": word,
        "lemma": entry.lemma,
        "band": entry.band,
        "band_source": entry.band_source,
        "ipa": entry.ipa,
        "glosses": [list(g) for g in entry.glosses],
    }


def _entry_text(data: dict, word: str = "") -> str:
    asked = f"{word} → " if word and word.lower() != data["lemma"] else ""
    lines = [
        f"{asked}{data['headword']}  [{data['band']} {data['band_label']}] ({data['band_source']})"
    ]
    ipa = [f"{land} /{data[key]}/" for land, key in (("UK", "ipa_uk"), ("US", "ipa_us"))
           if data[key]]  # fmt: skip
    if ipa:
        lines.append("  " + "  ".join(ipa))
    lines += [f"  {pos + '.' if pos else ''} {gloss}" for pos, gloss in data["glosses"]]
    if source := _gloss_source(data.get("sources") or {}):
        lines.append(f"  gloss from {source}")
    if data["forms"]:
        lines.append("  forms: " + ", ".join(data["forms"]))
    return "\n".join(lines) + "\n"


def _gloss_source(sources: dict) -> str:
    """Where the glosses come from, and through what (derived (-an <- italy), wordnet
    (synonym calm)): what an operator looking into a wrong gloss needs first."""
    source = sources.get("glosses", "")
    via = sources.get("gloss_via") or sources.get("gloss_rule")
    return f"{source} ({via})" if source and via else source


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
