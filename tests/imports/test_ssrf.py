"""`yingdu import` refuses loopback sources (issue 10, defect 4) unless the operator allows
the host by name in YINGDU_IMPORT_ALLOW_HOSTS; nothing is saved from a refused source."""

import json
from urllib.parse import quote, urlsplit

import pytest
from django.test import override_settings

from yingdu.cli import main
from yingdu.news.models import NewsArticle

pytestmark = [pytest.mark.django_db, pytest.mark.attack]


def import_json(capsys, *sources):
    code = main(["import", "--json", *sources])
    return code, [json.loads(line) for line in capsys.readouterr().out.splitlines()]


@override_settings(IMPORT_ALLOW_HOSTS=[], IMPORT_TIMEOUT_SECONDS=0.5)
def test_command_refuses_loopback_sources(capsys, server):
    port = urlsplit(server).port
    page = "news_international.html"
    sources = [f"http://{host}:{port}/{page}" for host in ("127.0.0.1", "[::1]", "localhost")]
    sources.append(f"http://2130706433:{port}/{page}")
    code, rows = import_json(capsys, *sources)
    assert code == 1
    assert [row["error"] for row in rows] == ["blocked: private address"] * 4
    assert not NewsArticle.objects.exists()


@override_settings(IMPORT_ALLOW_HOSTS=["127.0.0.1"], IMPORT_TIMEOUT_SECONDS=0.5)
def test_allowed_server_cannot_redirect_or_link_to_loopback(capsys, server):
    port = urlsplit(server).port
    admin = quote(f"http://localhost:{port}/admin/login/", safe="")
    code, rows = import_json(capsys, f"{server}/to?url={admin}", f"{server}/feed-to-loopback.xml")
    assert code == 1
    assert [row["error"] for row in rows] == ["blocked: private address"] * 3
    assert not NewsArticle.objects.exists()


@override_settings(IMPORT_ALLOW_HOSTS=["localhost"], IMPORT_TIMEOUT_SECONDS=0.5)
def test_allow_list_lets_the_named_host_through(capsys, server):
    port = urlsplit(server).port
    code, [row] = import_json(capsys, f"http://localhost:{port}/news_international.html")
    assert code == 0 and row["status"] == "created"
