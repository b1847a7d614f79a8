"""Fixtures for the plain-Python importer: the fixture folder and a local HTTP server."""

import pytest

from .httpserver import FIXTURES, fixture_server


@pytest.fixture(scope="session")
def fixtures_dir():
    return FIXTURES


@pytest.fixture(scope="session")
def server():
    with fixture_server() as base:
        yield base
