"""Imports of web pages, feeds and pasted text into portal items (see docs/import.md)."""
