"""What belongs to one account, across apps: a registry the data export and account deletion
iterate over, so a new app that stores per-user rows cannot be forgotten by either.

Each app that keeps rows for a user registers a section in its AppConfig.ready():

    owned.register("notebook", export=export_cards, delete=delete_cards)

`export(user)` returns JSON-ready data (lists and dicts of str/int/float/bool/None);
`delete(user)` removes every row of that section and returns how many it removed.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    export: Callable[[object], object]
    delete: Callable[[object], int]


_SECTIONS: dict[str, Section] = {}


def register(key: str, *, export: Callable, delete: Callable) -> None:
    _SECTIONS[key] = Section(key, export, delete)


def sections() -> list[Section]:
    return sorted(_SECTIONS.values(), key=lambda section: section.key)


def export_all(user) -> dict[str, object]:
    return {section.key: section.export(user) for section in sections()}


def delete_all(user) -> dict[str, int]:
    """Every registered section's rows for `user`; the caller deletes the user afterwards."""
    return {section.key: section.delete(user) for section in sections()}
