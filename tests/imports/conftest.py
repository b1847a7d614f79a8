"""Fixtures for saving imports: the fixture folder, a local HTTP server, an importer."""

import pytest

from tests.importer.httpserver import FIXTURES, fixture_server
from yingdu.importer.fetch import Limits


@pytest.fixture(scope="session")
def fixtures_dir():
    return FIXTURES


@pytest.fixture(scope="session")
def server():
    with fixture_server() as base:
        yield base


@pytest.fixture
def limits():
    return Limits(timeout=0.5, max_bytes=200 * 1024, max_redirects=3)
