"""Rows that belong to an item (bilingual paragraph pairs, daily-term examples): saving or
deleting one changes its item, so reading aids and the search index follow the item.

A row model names its item's foreign key in `item_field`.
"""


def item_of_row(instance):
    """The item a row belongs to, or None when `instance` is not such a row."""
    field = getattr(type(instance), "item_field", None)
    return getattr(instance, field, None) if field else None
