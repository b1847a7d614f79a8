"""Chinese glosses for English function words (and a few abbreviations and ordinals) that
CC-CEDICT cannot give backwards.

CC-CEDICT defines Chinese words in English, so closed-class English words (pronouns,
conjunctions, prepositions, old-fashioned function words) rarely appear as a definition of
their own: ``nor``, ``upon`` or ``whom`` find nothing.  This short table, written for
Yingdu from general knowledge of English (not from any word list), fills them in for the
pip-only lexicon; the word lists and ECDICT, when present, still come first.
"""

from __future__ import annotations

CORE_GLOSSES: dict[str, list[tuple[str, str]]] = {
    "nor": [("conj", "也不，也没有")],
    "neither": [("conj", "也不"), ("pron", "两者都不")],
    "either": [("conj", "或者"), ("pron", "两者之一")],
    "upon": [("prep", "在…上，一…就")],
    "whom": [("pron", "谁，哪个人")],
    "whose": [("pron", "谁的，哪个人的")],
    "whoever": [("pron", "无论谁")],
    "whatever": [("pron", "无论什么")],
    "whichever": [("pron", "无论哪个")],
    "amongst": [("prep", "在…之中")],
    "among": [("prep", "在…之中")],
    "amid": [("prep", "在…之中")],
    "amidst": [("prep", "在…之中")],
    "whilst": [("conj", "当…时，而")],
    "while": [("conj", "当…时，而")],
    "thither": [("adv", "到那里")],
    "hither": [("adv", "到这里")],
    "thence": [("adv", "从那里，因此")],
    "hence": [("adv", "因此，从此")],
    "whence": [("adv", "从哪里")],
    "thus": [("adv", "因此，这样")],
    "thereby": [("adv", "从而，因此")],
    "therefore": [("adv", "因此，所以")],
    "wherein": [("adv", "在其中")],
    "whereby": [("adv", "借此")],
    "whereas": [("conj", "然而，鉴于")],
    "hereafter": [("adv", "此后，今后")],
    "nay": [("adv", "不，甚至")],
    "aye": [("adv", "是，赞成")],
    "ere": [("prep", "在…之前")],
    "unto": [("prep", "到，向")],
    "themselves": [("pron", "他们自己")],
    "ourselves": [("pron", "我们自己")],
    "yourselves": [("pron", "你们自己")],
    "yourself": [("pron", "你自己")],
    "himself": [("pron", "他自己")],
    "herself": [("pron", "她自己")],
    "itself": [("pron", "它自己")],
    "myself": [("pron", "我自己")],
    "theirs": [("pron", "他们的")],
    "ours": [("pron", "我们的")],
    "yours": [("pron", "你的，你们的")],
    "hers": [("pron", "她的")],
    "mine": [("pron", "我的"), ("n", "矿，矿井")],
    "thy": [("pron", "你的")],
    "thee": [("pron", "你")],
    "thou": [("pron", "你")],
    "ye": [("pron", "你们")],
    "mere": [("adj", "仅仅的，只不过")],
    "merely": [("adv", "仅仅，只不过")],
    "toward": [("prep", "朝，向")],
    "towards": [("prep", "朝，向")],
    "beside": [("prep", "在…旁边")],
    "besides": [("adv", "此外，而且")],
    "despite": [("prep", "尽管")],
    "unless": [("conj", "除非")],
    "whether": [("conj", "是否")],
    "although": [("conj", "虽然，尽管")],
    "though": [("conj", "虽然，尽管")],
    "lest": [("conj", "以免")],
    "till": [("conj", "直到")],
    "until": [("conj", "直到")],
    "behalf": [("n", "代表，利益")],
    "ought": [("v", "应该，应当")],
    "could": [("v", "能，可以，可能")],
    "would": [("v", "会，将，愿意")],
    "might": [("v", "可能，也许")],
    "into": [("prep", "进入，到…里，成为")],
    "whoso": [("pron", "无论谁")],
    "fro": [("adv", "往，回（to and fro 来回）")],
    "ha": [("int", "哈（表示惊讶、得意或笑声）")],
    "tut": [("int", "啧（表示不满或不耐烦）")],
    "onto": [("prep", "到…上")],
    # abbreviations written with a capital in a text (Dr. Watson, St. James, Co.)
    "dr": [("n", "医生，博士")],
    "st": [("n", "圣，街")],
    "co": [("n", "公司")],
    "ft": [("n", "英尺")],
}
# Ordinal numbers: CC-CEDICT defines 第六 as "sixth" only in longer definitions.
_ORDINALS = [
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
]
_CHINESE_NUMBERS = "四五六七八九十"
CORE_GLOSSES.update(
    {
        ordinal: [("num", "第" + number)]
        for ordinal, number in zip(_ORDINALS, [*_CHINESE_NUMBERS, "十一", "十二"], strict=True)
    }
)
