"""语法填空: ten blanks, most of them a word whose form must change with its base word as the
hint (studies ← study, was repaired ← repair, more careful ← careful, gently ← gentle), two or
three function words without a hint (articles, prepositions, conjunctions, relative words)."""

from __future__ import annotations

from yingdu.lexicon.store import Lexicon

from .passage import Passage, Word, entry_pos, gloss_of, inflection_of, spread, word_pos, word_set

INSTRUCTIONS = "阅读下面短文，在空白处填入 1 个适当的单词或括号内单词的正确形式。"
BLANKS = 10

FUNCTION_WORDS = {
    "冠词": word_set("a an the"),
    "介词": word_set("in on at for with from by of into about through during among"),
    "连词": word_set("and but because although though while unless if so or"),
    "关系词": word_set("who which whose whom where"),
}
_FUNCTION_RULE = {word: rule for rule, words in FUNCTION_WORDS.items() for word in words}
_BE = word_set("be is are was were been being am")
_HAVE = word_set("have has had")
_LY_BASES = ((2, ""), (3, "y"), (1, "e"), (4, ""), (1, ""))  # cut, add: happily -> happy …


def make_grammar(passage: Passage, level: int, lexicon: Lexicon, rng) -> dict:
    """The grammar-fill section of ``passage``."""
    by_index = {word.index: word for word in passage.words}
    hinted, function = [], []
    for word in passage.words:
        if word.sentence == 0:
            continue
        low = word.text.lower()
        if low in _FUNCTION_RULE and not _sentence_start(passage, word):
            function.append((word, word, None, _FUNCTION_RULE[low]))
        elif word.band <= level + 1 and (blank := _hinted(word, passage, by_index, lexicon)):
            hinted.append(blank)
    chosen: set[str] = set()

    def make(blank):
        key = blank[1].text.lower()
        if key in chosen:
            return None
        chosen.add(key)
        return blank

    def position(blank):
        return blank[0].index, blank[1].index

    function_count = 3 if len(hinted) >= 10 else 2
    picked = spread(hinted, BLANKS - function_count, rng, position, make)
    taken = [position(b) for b in picked]
    free = [b for b in function if all(abs(b[0].index - t[0]) >= 3 for t in taken)]
    picked += spread(free, BLANKS - len(picked), rng, position, make)
    picked.sort(key=lambda b: b[0].index)
    items, spans = [], []
    for n, (first, last, hint, rule) in enumerate(picked, 1):
        answer = passage.text[first.start : last.end]
        items.append(
            {"n": n, "hint": hint, "answer": answer, "explanation": _explain(rule, hint, lexicon)}
        )
        spans.append((first.start, last.end, f"___{n}___" + (f" ({hint})" if hint else "")))
    return {"instructions": INSTRUCTIONS, "spans": spans, "items": items}


def _sentence_start(passage: Passage, word: Word) -> bool:
    return passage.sentences[word.sentence][0] == word.start


def _hinted(word: Word, passage: Passage, by_index: dict, lexicon: Lexicon):
    """(first word, last word, hint, rule) when ``word`` is a changed form of a base word."""
    low = word.text.lower()
    if low in _BE or low in _HAVE or not word.text.islower():
        return None
    previous = by_index.get(word.index - 1)
    joined = previous is not None and passage.text[previous.end : word.start] == " "
    tag = inflection_of(low, word.lemma)
    pos = word_pos(word, lexicon)
    if tag != "base" and pos in ("n", "v", "adj"):
        both = {"n", "v"} <= set(entry_pos(lexicon, word.lemma))
        rule = _form_rule(tag, pos, previous.text.lower() if joined else "", both)
        if joined and previous.text.lower() in _BE | _HAVE and tag in ("ed", "irregular"):
            return previous, word, word.lemma, rule
        return word, word, word.lemma, rule
    if tag == "base" and pos == "adj" and joined and previous.text.lower() in ("more", "most"):
        return previous, word, word.lemma, "比较级" if previous.text.lower() == "more" else "最高级"
    if tag == "base" and pos == "adv" and low.endswith("ly"):
        base = adverb_base(low, lexicon)
        if base:
            return word, word, base, "副词（形容词 + ly）"
    return None


def _form_rule(tag: str, pos: str, before: str, noun_or_verb: bool) -> str:
    if before in _BE and tag in ("ed", "irregular"):
        return "被动语态：be + 过去分词"
    if before in _HAVE and tag in ("ed", "irregular"):
        return "完成时：have + 过去分词"
    if tag == "s" and noun_or_verb:
        return "名词复数或一般现在时第三人称单数（据句子判断）"
    if tag == "irregular":
        return "名词复数（不规则变化）" if pos == "n" else "不规则变化的动词或形容词形式"
    if pos == "n":
        return "名词复数"
    rules = {
        "s": "一般现在时，第三人称单数",
        "ed": "过去式或过去分词",
        "ing": "动词 -ing 形式",
        "er": "比较级",
        "est": "最高级",
    }
    return rules[tag]


def adverb_base(adverb: str, lexicon: Lexicon) -> str | None:
    """The adjective an -ly adverb is made from (gently -> gentle, happily -> happy)."""
    for cut, add in _LY_BASES:
        base = adverb[:-cut] + add
        known = len(base) >= 3 and lexicon.surface.get(base, ("",))[0] == base
        if known and "adj" in entry_pos(lexicon, base):
            return base
    return None


def _explain(rule: str, hint: str | None, lexicon: Lexicon) -> str:
    if hint is None:
        return rule
    gloss = gloss_of(lexicon, hint)
    return f"{rule}；{hint}：{gloss}" if gloss else rule


def is_form_of(answer: str, hint: str, lexicon: Lexicon) -> bool:
    """Whether ``answer`` (one or two words) is a changed form of ``hint``: its last word's lemma
    is the hint, or it is the hint's -ly adverb, and it differs from the hint."""
    last = answer.split()[-1].lower()
    if answer.lower() == hint.lower():
        return False
    readings = {lemma for lemma, _ in lexicon.ambiguous.get(last, ())}
    entry = lexicon.lookup(hint)
    return (
        lexicon.lemma_of(last) == hint
        or hint in readings
        or (entry is not None and entry.lemma == hint and last in entry.forms)
        or adverb_base(last, lexicon) == hint
        or last == hint
    )
