"""The one registry of content kinds: every feature that iterates over kinds reads it.

Each feature app registers its kinds in `AppConfig.ready()` with `register(Kind(...))`
(see `yingdu/<app>/content.py`). Navigation, the home page, the page-cache signals,
reading aids, duplicate detection, search (indexing, counts, labels, the kind filter), the
import choices, the CLI `--kind` options and demo loading all iterate over `all_kinds()`,
so adding a kind never means editing a list elsewhere (docs/contributing.md).

The canonical keys are the app labels and URL segments: news, zh_news, daily, bilingual,
compositions, resources. Older spellings users may have saved (`daily_term`,
`composition`, `resource` …) are a kind's `aliases`; `canonical()` maps them.

One model may hold several kinds (`NewsArticle` holds English news and Chinese news): a
kind's `where` says which of the model's rows are its own ({"section": ("zh",)}), and a
kind may have several `sections` (its navigation entries: 国际 and 国内 English news).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured

MAX_SEARCH_NUMBER = 7  # the SQLite index keeps a kind's number in a rowid's low 3 bits


@dataclass(frozen=True, eq=False)
class Section:
    """One navigation entry and home-page block: a list page of some of a kind's items."""

    key: str
    label: object  # gettext_lazy text
    list_url: str  # URL name of the list page, e.g. "news:international"
    where: Mapping[str, tuple] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class Kind:
    """What the site needs to know about one kind of content."""

    key: str  # canonical spelling: CLI --kind, JSON output, ?kind= in URLs, demo content
    model: type
    label: object  # gettext_lazy text, e.g. _("Compositions") -> 作文
    list_url: str  # URL name of its (first) list page
    order: int  # position in navigation, the home page and search listings
    search_number: int  # 1…7, fixed forever: stored in the SQLite index (search migrations)
    english: bool = False  # carries English text: its model gets reading aids
    where: Mapping[str, tuple] = field(default_factory=dict)  # its rows of a shared model
    sections: tuple[Section, ...] = ()  # navigation entries; default: one, the kind itself
    aliases: tuple[str, ...] = ()  # older spellings still accepted
    home: bool = True  # a block of its latest items on the home page
    # search: item -> {"title", "text", facet columns…}; facets() -> rows for the result page
    describe: Callable[[object], dict] | None = None
    search_facets: Callable[[], list] | None = None
    # import: (Parsed, common fields) -> saved item; the texts a saved item is fingerprinted by
    build: Callable[[object, dict], object] | None = None
    fingerprint_parts: Callable[[object], list[str]] | None = None
    # demo content.json entry (and common fields) -> saved item, or None when already there
    demo_item: Callable[[dict, dict], object] | None = None

    @property
    def nav_sections(self) -> tuple[Section, ...]:
        return self.sections or (Section(self.key, self.label, self.list_url, self.where),)

    def holds(self, item) -> bool:
        """True when `item` is one of this kind's items."""
        return type(item) is self.model and all(
            getattr(item, name) in values for name, values in self.where.items()
        )

    def queryset(self, where: Mapping[str, tuple] | None = None):
        rows = self.model._default_manager.all()
        return rows.filter(**{f"{k}__in": v for k, v in (where or self.where).items()})

    def published(self, where: Mapping[str, tuple] | None = None):
        rows = self.model.objects.published()
        return rows.filter(**{f"{k}__in": v for k, v in (where or self.where).items()})


_registry: dict[str, Kind] = {}


def register(*kinds: Kind) -> None:
    """Add kinds (from an app's `ready()`); registering a key again replaces it."""
    for kind in kinds:
        _check(kind)
        _registry[kind.key] = kind


def _check(kind: Kind) -> None:
    if not 1 <= kind.search_number <= MAX_SEARCH_NUMBER:
        raise ImproperlyConfigured(f"kind {kind.key}: search_number must be 1…7")
    for other in _registry.values():
        if other.key == kind.key:
            continue
        if other.search_number == kind.search_number:
            raise ImproperlyConfigured(f"kinds {other.key} and {kind.key} share a search number")
        spellings = {kind.key, *kind.aliases} & {other.key, *other.aliases}
        if spellings:
            raise ImproperlyConfigured(f"kinds {other.key} and {kind.key} share {spellings}")


def all_kinds() -> list[Kind]:
    return sorted(_registry.values(), key=lambda kind: kind.order)


def all_keys() -> list[str]:
    return [kind.key for kind in all_kinds()]


def canonical(spelling: str | None) -> str | None:
    """The canonical key of a key or an old spelling; None when no kind is called that."""
    spelling = (spelling or "").strip().lower()
    for kind in _registry.values():
        if spelling == kind.key or spelling in kind.aliases:
            return kind.key
    return None


def get(spelling: str | None) -> Kind | None:
    key = canonical(spelling)
    return _registry[key] if key else None


def kind_of(item) -> Kind | None:
    return next((kind for kind in all_kinds() if kind.holds(item)), None)


def of_model(model) -> list[Kind]:
    return [kind for kind in all_kinds() if kind.model is model]


def by_search_number(number: int) -> Kind | None:
    return next((kind for kind in _registry.values() if kind.search_number == number), None)


def models_of(kinds: list[Kind]) -> list[type]:
    """The distinct models of some kinds, in kind order."""
    return list(dict.fromkeys(kind.model for kind in kinds))


def searchable() -> list[Kind]:
    return [kind for kind in all_kinds() if kind.describe is not None]


def importable() -> list[Kind]:
    return [kind for kind in all_kinds() if kind.build is not None]


def app_labels() -> set[str]:
    return {kind.model._meta.app_label for kind in _registry.values()}


class UnknownKind(ValueError):
    """A --kind or ?kind= value that names no registered kind."""


def choose(spelling: str, among: list[Kind] | None = None) -> Kind:
    """The kind a user named (old spellings accepted), or UnknownKind listing the choices."""
    among = all_kinds() if among is None else among
    kind = get(spelling)
    if kind is None or kind not in among:
        names = ", ".join(k.key for k in among)
        raise UnknownKind(f"unknown kind {spelling!r}: choose from {names}")
    return kind
