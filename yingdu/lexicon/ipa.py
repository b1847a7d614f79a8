"""IPA helpers: clean up the phonetics of hand-made word lists and convert CMUdict ARPAbet."""

from __future__ import annotations

import re

# Look-alike characters found in hand-converted lists and ECDICT, mapped to real IPA.
_FIXES = str.maketrans(
    {
        "ә": "ə",  # Cyrillic schwa
        "Ә": "ə",
        "ӛ": "ɜ",
        "ˊ": "ˈ",
        "`": "ˈ",
        "'": "ˈ",
        "’": "ˈ",
        "ʹ": "ˈ",
        ":": "ː",
        "：": "ː",
        "g": "ɡ",
        "ε": "ɛ",
        "α": "ɑ",
        "Ʒ": "ʒ",
        "ʤ": "dʒ",
        "ʧ": "tʃ",
        ",": "ˌ",
        "［": "",
        "］": "",
        "[": "",
        "]": "",
        "/": "",
    }
)
_SPACES = re.compile(r"\s+")


def clean_ipa(raw: str | None) -> str:
    """Normalize a phonetic transcription from a list or ECDICT; '' when nothing usable."""
    if not raw:
        return ""
    first = re.split(r"[,;；]\s+|\s+or\s+", raw.strip(" [［/"), maxsplit=1)[0]
    text = _SPACES.sub(" ", first.translate(_FIXES)).strip(" ;；,ˌ")
    if not text or not any(ch.isalpha() for ch in text):
        return ""
    return text


_ARPA = {
    "AA": "ɑ",
    "AE": "æ",
    "AH": "ʌ",
    "AO": "ɔ",
    "AW": "aʊ",
    "AY": "aɪ",
    "B": "b",
    "CH": "tʃ",
    "D": "d",
    "DH": "ð",
    "EH": "ɛ",
    "ER": "ɝ",
    "EY": "eɪ",
    "F": "f",
    "G": "ɡ",
    "HH": "h",
    "IH": "ɪ",
    "IY": "i",
    "JH": "dʒ",
    "K": "k",
    "L": "l",
    "M": "m",
    "N": "n",
    "NG": "ŋ",
    "OW": "oʊ",
    "OY": "ɔɪ",
    "P": "p",
    "R": "r",
    "S": "s",
    "SH": "ʃ",
    "T": "t",
    "TH": "θ",
    "UH": "ʊ",
    "UW": "u",
    "V": "v",
    "W": "w",
    "Y": "j",
    "Z": "z",
    "ZH": "ʒ",
}
_UNSTRESSED = {"AH": "ə", "ER": "ɚ"}
# Consonant clusters that may begin an English syllable (maximal onset for stress marks).
_ONSETS = {
    tuple(x.split())
    for x in [
        "s t r",
        "s p r",
        "s k r",
        "s p l",
        "s k w",
        "p l",
        "p r",
        "b l",
        "b r",
        "t r",
        "d r",
        "k l",
        "k r",
        "ɡ l",
        "ɡ r",
        "f l",
        "f r",
        "θ r",
        "ʃ r",
        "s p",
        "s t",
        "s k",
        "s m",
        "s n",
        "s w",
        "s l",
        "t w",
        "d w",
        "k w",
        "ɡ w",
        "θ w",
        "p j",
        "b j",
        "k j",
        "m j",
        "f j",
        "v j",
        "h j",
    ]
}


def _onset_length(consonants: list[str]) -> int:
    for size in (3, 2):
        if len(consonants) >= size and tuple(consonants[-size:]) in _ONSETS:
            return size
    return 1 if consonants else 0


def arpabet_to_ipa(phones: list[str]) -> str:
    """Convert one CMUdict pronunciation (e.g. ``['AH0', 'B', 'AE1', 'N']``) to US IPA."""
    out: list[str] = []
    pending: list[str] = []  # consonants since the last vowel
    for phone in phones:
        base, stress = phone.rstrip("012"), phone[len(phone.rstrip("012")) :]
        if base not in _ARPA:
            continue
        if not stress:
            pending.append(_ARPA[base])
            continue
        symbol = _UNSTRESSED.get(base, _ARPA[base]) if stress == "0" else _ARPA[base]
        mark = {"1": "ˈ", "2": "ˌ"}.get(stress, "")
        onset = _onset_length(pending) if mark else 0
        split = len(pending) - onset
        out.extend(pending[:split])
        out.append(mark)
        out.extend(pending[split:])
        out.append(symbol)
        pending = []
    out.extend(pending)
    text = "".join(out)
    # One-syllable words need no stress mark.
    if text.count("ˈ") == 1 and "ˌ" not in text and _vowel_count(phones) == 1:
        text = text.replace("ˈ", "")
    return text


def _vowel_count(phones: list[str]) -> int:
    return sum(1 for p in phones if p[-1:].isdigit())
