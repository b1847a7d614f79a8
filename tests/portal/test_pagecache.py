"""Cached pages never outlive an edit, and logged-in editors never get a cached page."""

import pytest
from django.contrib.auth.models import User


@pytest.mark.django_db
def test_saving_an_item_refreshes_cached_pages(client, news):
    assert news[0].title in client.get("/").content.decode()
    news[0].title = "Renamed headline about kites"
    news[0].save()
    assert "Renamed headline about kites" in client.get("/").content.decode()


@pytest.mark.django_db
def test_unpublishing_removes_the_item_from_cached_pages(client, news):
    url = news[0].get_absolute_url()
    assert client.get(url).status_code == 200
    news[0].status = "draft"
    news[0].save()
    assert client.get(url).status_code == 404
    assert news[0].title not in client.get("/news/international/").content.decode()


@pytest.mark.django_db
def test_cached_hits_still_count_views(client, news):
    url = news[0].get_absolute_url()
    for _ in range(4):
        client.get(url)
    news[0].refresh_from_db()
    assert news[0].view_count == 4


@pytest.mark.django_db
def test_logged_in_users_bypass_the_cache(client, news):
    client.get("/")
    User.objects.create_user("reader", password="a-long-test-password")
    client.login(username="reader", password="a-long-test-password")
    assert "reader" in client.get("/").content.decode()


@pytest.mark.django_db
def test_cached_hits_keep_the_security_headers(client, news):
    first = client.get("/")
    second = client.get("/")
    assert first.content == second.content
    for response in (first, second):
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
