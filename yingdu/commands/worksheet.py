"""`yingdu worksheet FILE|-`: make a worksheet (完形填空, 语法填空, 七选五, 词汇) from an English
text and write it as JSON, HTML, DOCX or PDF (docs/worksheets.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

FORMATS = ("json", "html", "docx", "pdf")


def register(subparsers) -> None:
    from yingdu.worksheets.generate import TYPES

    parser = subparsers.add_parser(
        "worksheet", help="make a worksheet (cloze, grammar fill, 七选五, vocabulary) of a text"
    )
    parser.add_argument("file", help="an English text file (UTF-8), or - for standard input")
    parser.add_argument("--level", required=True, help="primary … kaoyan (or 小学 … 考研)")
    parser.add_argument("--types", default=",".join(TYPES), help="comma-separated: %(default)s")
    parser.add_argument("--seed", type=int, default=0, help="another seed, another worksheet")
    parser.add_argument(
        "--pool", action="append", default=[],
        help="texts for 七选五 distractors (default: the site's English items)",
    )  # fmt: skip
    parser.add_argument("--blanks", type=int, default=None, help="number of cloze blanks")
    parser.add_argument("--title", default="", help="title (default: the file name)")
    parser.add_argument("--source", default="", help="where the text comes from")
    parser.add_argument(
        "--format", default="json", help="json, html, docx or pdf, or several: pdf,docx,html"
    )
    parser.add_argument(
        "-o", "--output", help="output file (several formats: its name with each suffix)"
    )
    parser.add_argument("--lexicon", help="lexicon file (default: YINGDU_LEXICON_PATH)")
    parser.set_defaults(func=cmd_worksheet)


def cmd_worksheet(args) -> int:
    from yingdu.lexicon.store import LexiconError, load_lexicon
    from yingdu.worksheets.generate import WorksheetError, generate, level_code, parse_types

    try:
        text = _read(args.file)
        pool = [_read(name) for name in args.pool]
    except OSError as exc:
        return _fail(f"无法读取文件：{exc}")
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    if not formats or any(f not in FORMATS for f in formats):
        return _fail(f"--format 只能是 {', '.join(FORMATS)}（可用逗号分隔多个）")
    if not args.output and (len(formats) > 1 or {"docx", "pdf"} & set(formats)):
        return _fail("DOCX、PDF 或多种格式需要 -o 输出文件")
    try:
        level, types = level_code(args.level), parse_types(args.types)
    except WorksheetError as exc:
        return _fail(str(exc))
    if not pool and "seven" in types:
        pool = _site_texts()
    try:
        lexicon = load_lexicon(args.lexicon)
        title = args.title or (Path(args.file).stem if args.file != "-" else "")
        worksheet = generate(
            text, level, types=types, seed=args.seed, title=title,
            source=args.source, pool=pool, blanks=args.blanks, lexicon=lexicon,
        )  # fmt: skip
    except (WorksheetError, LexiconError) as exc:
        return _fail(str(exc))
    failed = 0
    for fmt in formats:
        target = args.output
        if target and len(formats) > 1:
            target = str(Path(target).with_suffix(f".{fmt}"))
        failed |= _write(worksheet, fmt, target)
    return failed


def _site_texts() -> list[str]:
    """The site's English texts for the 七选五 distractors, when its database is there."""
    from yingdu.commands.runtime import database_ready

    if not database_ready():
        return []
    from yingdu.practice.service import pool_texts

    return pool_texts()


def _read(name: str) -> str:
    if name == "-":
        return sys.stdin.buffer.read().decode("utf-8", errors="replace")
    return Path(name).read_bytes().decode("utf-8", errors="replace")


def _write(worksheet: dict, fmt: str, output: str | None) -> int:
    if fmt == "json":
        data = (json.dumps(worksheet, ensure_ascii=False, indent=2) + "\n").encode()
    else:
        from yingdu.worksheets import render

        try:
            data = render.render(worksheet, fmt)
        except render.RenderError as exc:
            return _fail(str(exc))
    if output:
        try:
            Path(output).write_bytes(data)
        except OSError as exc:
            return _fail(f"无法写入 {output}：{exc}")
        print(f"{fmt}: {output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def _fail(message: str) -> int:
    print(f"yingdu worksheet: {message}", file=sys.stderr)
    return 2
