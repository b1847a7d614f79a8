"""Fixtures for the reading tests (plain pytest, no Django needed)."""

from tests.lexicon.fixtures import (  # noqa: F401
    full_build,
    full_lexicon,
    pip_build,
    sample_build,
    sample_lexicon,
)
