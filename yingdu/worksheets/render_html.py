"""The worksheet as HTML: printable (blanks as lines, the answer key on its own page) and
interactive (a field per blank, checked at once by static/yingdu/worksheet.js, which reads the
answers from data attributes).  ``worksheet_html`` is the fragment the site puts in its page;
``standalone_html`` a whole document with the stylesheet and script inlined, for a file."""

from __future__ import annotations

from html import escape
from pathlib import Path

from . import layout

STATIC = Path(__file__).resolve().parents[1] / "static" / "yingdu"


def worksheet_html(worksheet: dict, interactive: bool = True) -> str:
    parts = [
        f'<article class="worksheet" data-interactive="{int(interactive)}">',
        _header(worksheet),
    ]
    for index, section in enumerate(worksheet["sections"]):
        parts.append(_section(index, section, worksheet["seed"], interactive))
    if interactive:
        parts.append(
            '<p class="ws-score" aria-live="polite"><button type="button" class="ws-check">'
            '检查答案</button> <span class="ws-result"></span></p>'
        )
    parts.append(_key(worksheet))
    parts.append("</article>")
    return "\n".join(parts)


def standalone_html(worksheet: dict) -> str:
    css = (STATIC / "worksheet.css").read_text(encoding="utf-8")
    js = (STATIC / "worksheet.js").read_text(encoding="utf-8")
    return (
        '<!doctype html>\n<html lang="zh-Hans"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(worksheet.get('title') or '练习')}</title><style>{css}</style></head>"
        f"<body>{worksheet_html(worksheet)}<script>{js}</script></body></html>\n"
    )


def _header(worksheet: dict) -> str:
    fields = "".join(f"<span>{name}：<u></u></span>" for name in layout.STUDENT_FIELDS)
    return (
        f'<header class="ws-header"><h1>{escape(worksheet.get("title") or "英语练习")}</h1>'
        f'<p class="ws-meta">{escape(layout.subtitle(worksheet))}</p>'
        f'<p class="ws-fields">{fields}</p></header>'
    )


def _section(index: int, section: dict, seed, interactive: bool) -> str:
    kind = section["type"]
    out = [
        f'<section class="ws-section" data-type="{kind}">',
        f"<h2>{escape(layout.heading(index, section))}</h2>",
        f'<p class="ws-instructions">{escape(layout.instructions(section))}</p>',
    ]
    answers = {item["n"]: item for item in section["items"]}
    if "passage" in section:
        for paragraph in layout.paragraphs(section["passage"]):
            body = "".join(_piece(p, kind, answers, interactive) for p in layout.pieces(paragraph))
            out.append(f'<p class="ws-passage">{body}</p>')
    lines = layout.option_lines(section)
    if lines:
        out.append('<ol class="ws-options">' + "".join(f"<li>{escape(x)}</li>" for x in lines))
        out.append("</ol>")
    if kind == "vocab":
        out.append(_vocab(section, seed, interactive))
    out.append("</section>")
    return "\n".join(out)


def _piece(piece, kind: str, answers: dict, interactive: bool) -> str:
    if piece[0] == "text":
        return escape(piece[1])
    n, hint = piece[1], piece[2]
    hint_html = f" ({escape(hint)})" if hint else ""
    if not interactive:
        return f'<span class="ws-blank">{n}</span>{hint_html}'
    item = answers[n]
    label = f"第 {n} 空"
    if kind in ("cloze", "seven"):
        letters = "ABCD" if kind == "cloze" else "ABCDEFG"
        options = "".join(f'<option value="{x}">{x}</option>' for x in letters)
        field = (
            f'<select class="ws-field" aria-label="{label}" data-answer="{item["answer"]}">'
            f'<option value="">{n}</option>{options}</select>'
        )
    else:
        field = (
            f'<input class="ws-field" aria-label="{label}" placeholder="{n}" autocomplete="off"'
            f' autocapitalize="off" spellcheck="false" data-answer="{escape(item["answer"])}">'
        )
    return field + hint_html


def _vocab(section: dict, seed, interactive: bool) -> str:
    glosses = layout.vocab_glosses(section, seed)
    letters = layout.vocab_match_answer(section, seed)
    gloss_list = "".join(
        f"<li>{layout.LETTERS[i]}. {escape(g)}</li>" for i, g in enumerate(glosses)
    )
    match, spell = [], []
    for item, letter in zip(section["items"], letters, strict=True):
        word, n = escape(item["word"]), item["n"]
        if interactive:
            choices = "".join(
                f'<option value="{layout.LETTERS[i]}">{layout.LETTERS[i]}</option>'
                for i in range(len(glosses))
            )
            match.append(
                f'<li>{word} <select class="ws-field" aria-label="{word} 的释义" '
                f'data-answer="{letter}"><option value=""></option>{choices}</select></li>'
            )
            spell.append(
                f'<li>{escape(item["gloss"])} <input class="ws-field" aria-label="第 {n} 词拼写" '
                f'placeholder="{escape(item["answer"][0])}…" autocomplete="off" '
                f'autocapitalize="off" spellcheck="false" data-answer="{escape(item["answer"])}">'
                "</li>"
            )
        else:
            match.append(f"<li>{word} ____</li>")
            spell.append(f"<li>{escape(layout.spelling_prompt(item))}</li>")
    return (
        '<div class="ws-vocab"><h3>词义配对</h3><ol class="ws-glosses" type="A">'
        f'{gloss_list}</ol><ol class="ws-match">{"".join(match)}</ol>'
        f'<h3>根据释义和首字母写单词</h3><ol class="ws-spell">{"".join(spell)}</ol></div>'
    )


def _key(worksheet: dict) -> str:
    out = [f'<section class="ws-key"><h2>{layout.KEY_TITLE}</h2>']
    for index, section in enumerate(worksheet["sections"]):
        lines = layout.key_lines(section, worksheet["seed"])
        out.append(f"<h3>{escape(layout.heading(index, section))}</h3><ol>")
        out.extend(f"<li>{escape(line)}</li>" for line in lines)
        out.append("</ol>")
    out.append("</section>")
    return "\n".join(out)
