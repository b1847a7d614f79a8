"""Where a word sits in the sentence it was added from (plain Python, no Django).

The browser sends the sentence around the tapped word; the notebook stores it with the
position of the word so pages and exports can mark it. The word is found as the form that
was tapped, else as any form whose lemma is the card's lemma, else as a phrase.
"""

import re

WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")


def clean(text: str) -> str:
    """One line: whitespace runs become one space."""
    return " ".join((text or "").split())


def locate(sentence: str, lemma: str, form: str = "", lemma_of=None) -> tuple[int, int] | None:
    """(start, end) of the word in `sentence`, or None. `lemma_of(word)` gives a form's
    lemma (the lexicon's), used when neither the form nor the lemma itself is there."""
    for wanted in (form, lemma):
        wanted = clean(wanted)
        if not wanted:
            continue
        pattern = r"(?<![A-Za-z])" + re.escape(wanted) + r"(?![A-Za-z])"
        found = re.search(pattern, sentence, re.IGNORECASE)
        if found:
            return found.span()
    if lemma_of is not None and " " not in lemma:
        for match in WORD.finditer(sentence):
            if lemma_of(match.group()) == lemma:
                return match.span()
    return None


def parts(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(before, the word, after): pages and exports mark the middle one."""
    return text[:start], text[start:end], text[end:]


def window(sentence: str, span: tuple[int, int], limit: int) -> tuple[str, tuple[int, int]]:
    """The sentence cut to at most `limit` characters around the word (span moved along)."""
    if len(sentence) <= limit:
        return sentence, span
    start, end = span
    room = max(0, limit - (end - start))
    left = max(0, min(start - room // 2, len(sentence) - limit))
    cut = sentence[left : left + limit]
    return cut, (start - left, end - left)
