"""Chinese glosses written by hand for words no pip-installed source glosses well.

CC-CEDICT defines Chinese words in English, so some English words never appear as a
definition of their own: closed-class words (``nor``, ``upon``, ``whom``, modals, ordinal
numbers), words CC-CEDICT names only inside longer phrases (``decade``, ``fridge``) and
curriculum phrases it does not list.  ``data/core_glosses.tsv`` holds glosses written for
Yingdu from the developers' own knowledge of English and Chinese (not copied from any
dictionary file nor from the curriculum lists' meanings: the lists' headwords only told which
words lacked a gloss).  They come first in the pip-only lexicon; the word lists and ECDICT,
when present, still win over them.
"""

from __future__ import annotations

from pathlib import Path

TABLE = Path(__file__).with_name("data") / "core_glosses.tsv"


def read_core_glosses(path: Path = TABLE) -> dict[str, list[tuple[str, str]]]:
    """word or phrase -> [(pos, gloss), …] in file order; '#' lines are comments."""
    table: dict[str, list[tuple[str, str]]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or not fields[0] or not fields[2]:
            raise ValueError(f"{path.name}:{number}: expected word<TAB>pos<TAB>gloss")
        word, pos, gloss = fields
        table.setdefault(word, []).append((pos, gloss))
    return table


CORE_GLOSSES: dict[str, list[tuple[str, str]]] = read_core_glosses()
