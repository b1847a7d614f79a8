"""Fixtures for saving imports: the fixture folder, a local HTTP server, an importer."""

import pytest

from tests.importparse.conftest import fixtures_dir, server  # noqa: F401  (shared fixtures)
from yingdu.importparse.fetch import Limits


@pytest.fixture
def limits():
    return Limits(
        timeout=0.5, max_bytes=200 * 1024, max_redirects=3, allow_hosts=frozenset({"127.0.0.1"})
    )
