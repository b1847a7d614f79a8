"""Chinese characters (汉字), defined once: the CJK Unified Ideographs, Extension A,
the compatibility ideographs and Extensions B–H. Plain Python; used by the lexicon, the
annotator, search analysis, the import parser and composition lengths."""

import re

# For building character classes: f"[{HAN_RANGES}]", f"[^\\W_{HAN_RANGES}]" …
HAN_RANGES = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN = re.compile(f"[{HAN_RANGES}]")


def count_han(text: str) -> int:
    """The number of Chinese characters in a text (how Chinese compositions are counted)."""
    return len(HAN.findall(text or ""))
