"""Imports, the Django app: saves what `yingdu.importparse` parsed as portal items, with dedup,
the admin import form and the `yingdu import` command (see docs/import.md)."""
