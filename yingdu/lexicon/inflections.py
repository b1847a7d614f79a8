"""Rule-based inflection handling: a few core irregular forms and suffix-stripping candidates.

Used at build time (so the form table covers ``be``/``have``/``do`` even without ECDICT) and
at run time as the first fallback for forms the lexicon does not list.
"""

from __future__ import annotations

from collections.abc import Iterator

CORE_IRREGULARS: dict[str, str] = {
    "am": "be",
    "is": "be",
    "are": "be",
    "was": "be",
    "were": "be",
    "been": "be",
    "being": "be",
    "has": "have",
    "had": "have",
    "having": "have",
    "does": "do",
    "did": "do",
    "done": "do",
    "doing": "do",
    "went": "go",
    "gone": "go",
    "goes": "go",
    "children": "child",
    "men": "man",
    "women": "woman",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "people": "person",
    "an": "a",
    "better": "good",
    "best": "good",
    "worse": "bad",
    "worst": "bad",
}
# Irregular comparisons and verbs, "base form form …" ('/' between alternatives): which
# words are inflections of which, for the headword rule (headwords.py).  Archaic forms (bare
# for bore, span for spun) are left out on purpose: those spellings are words of their own.
_IRREGULAR = """
good better best; well better best; bad worse worst; ill worse worst; far farther/further
farthest/furthest; little less least; many more most; much more most;
arise arose arisen; awake awoke awoken; be was/were been; bear bore borne; beat beat
beaten; become became; begin began begun; bend bent; bet bet; bind bound; bite bit bitten;
bleed bled; blow blew blown; break broke broken; breed bred; bring brought; build built;
burn burnt; burst burst; buy bought; catch caught; choose chose chosen; cling clung; come
came; cost cost; creep crept; cut cut; deal dealt; die dying; dig dug; do did done; draw drew drawn;
dream dreamt; drink drank drunk; drive drove driven; eat ate eaten; fall fell fallen; feed
fed; feel felt; fight fought; find found; flee fled; fling flung; fly flew flown; forbid
forbade forbidden; forecast forecast; forget forgot forgotten; forgive forgave forgiven;
freeze froze frozen; get got gotten; give gave given; go went gone; grind ground; grow grew
grown; hang hung; have had; hear heard; hide hid hidden; hit hit; hold held; hurt hurt;
keep kept; kneel knelt; know knew known; lay laid; lead led; lean leant; leap leapt; learn
learnt; leave left; lend lent; let let; lie lay lain lying; light lit; lose lost; make made; mean
meant; meet met; mistake mistook mistaken; overcome overcame; pay paid; prove proven; put
put; quit quit; read read; ride rode ridden; ring rang rung; rise rose risen; run ran; say
said; see saw seen; seek sought; sell sold; send sent; set set; shake shook shaken; shed
shed; shine shone; shoot shot; show showed shown; shrink shrank shrunk; shut shut; sing sang
sung; sink sank sunk; sit sat; sleep slept; slide slid; smell smelt; speak spoke spoken;
speed sped; spell spelt; spend spent; spill spilt; spin spun; spit spat; split split;
spoil spoilt; spread spread; spring sprang sprung; stand stood; steal stole stolen; stick
stuck; sting stung; stink stank stunk; strike struck stricken; strive strove striven;
swear swore sworn; sweep swept; swell swelled swollen; swim swam swum; swing swung; take
took taken; teach taught; tie tying; tear tore torn; tell told; think thought; throw threw thrown;
tread trod trodden; understand understood; undertake undertook undertaken; upset upset;
wake woke woken; wear wore worn; weave wove woven; weep wept; win won; wind wound; withdraw
withdrew withdrawn; write wrote written
"""


def _irregular_table(text: str) -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for entry in text.split(";"):
        base, *forms = entry.split()
        for form in {f for group in forms for f in group.split("/")} - {base}:
            table.setdefault(form, set()).add(base)
    return {form: frozenset(bases) for form, bases in table.items()}


IRREGULAR_FORMS = _irregular_table(_IRREGULAR)  # form -> the words it is a form of


def irregular_lemmas(form: str) -> frozenset[str]:
    """The words ``form`` is an irregular form of (worse -> bad, ill; saw -> see)."""
    core = CORE_IRREGULARS.get(form)
    found = IRREGULAR_FORMS.get(form, frozenset())
    return found | {core} if core else found


# Words the surface table should never treat as forms of something else.
KEEP_AS_IS = frozenset({"people", "news", "data", "means", "series", "species", "us", "its"})

_VOWELS = set("aeiou")


def suffix_candidates(word: str) -> Iterator[str]:
    """Possible lemmas of a regular inflected form, most likely first (may yield non-words)."""
    w = word
    n = len(w)
    if n > 4 and w.endswith("ies"):
        yield w[:-3] + "y"
    if n > 3 and w.endswith("es"):
        yield w[:-2]
    if n > 2 and w.endswith("s") and not w.endswith("ss"):
        yield w[:-1]
    if n > 4 and w.endswith("ied"):
        yield w[:-3] + "y"
    if n > 3 and w.endswith("ed"):
        yield from _stem_variants(w[:-2])
    if n > 4 and w.endswith("ing"):
        yield from _stem_variants(w[:-3])
    if n > 4 and w.endswith("ier"):
        yield w[:-3] + "y"
    if n > 5 and w.endswith("iest"):
        yield w[:-4] + "y"
    if n > 3 and w.endswith("er"):
        yield from _stem_variants(w[:-2])
    if n > 4 and w.endswith("est"):
        yield from _stem_variants(w[:-3])
    if n > 3 and w.endswith("ly"):
        yield w[:-2]


def _stem_variants(stem: str) -> Iterator[str]:
    yield stem
    yield stem + "e"
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
        yield stem[:-1]
