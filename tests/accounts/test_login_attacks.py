"""Attacks on log-in (issue 10, defects 2 and 3): the admin's form is throttled like the
site's, both share one counter per IP address and user name, and filling the page cache
does not lift a lock."""

import pytest
from django.contrib.auth.models import User

from yingdu.accounts import throttle

pytestmark = [pytest.mark.django_db, pytest.mark.attack]

PASSWORD = "a-long-test-password"


@pytest.fixture
def staff(db):
    return User.objects.create_user("editor_wang", password=PASSWORD, is_staff=True)


def admin_login(client, password, username="editor_wang"):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def site_login(client, password, username="editor_wang"):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_85_wrong_admin_passwords_then_the_right_one_is_refused(client, staff):
    statuses = [admin_login(client, f"guess-{n}").status_code for n in range(85)]
    limit = throttle.max_failures()
    assert statuses[: limit - 1] == [200] * (limit - 1)
    assert set(statuses[limit - 1 :]) == {429}
    refused = admin_login(client, PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "分钟" in refused.content.decode() or "minutes" in refused.content.decode()


def test_the_admin_still_signs_in_below_the_limit(client, staff):
    for n in range(throttle.max_failures() - 1):
        admin_login(client, f"guess-{n}")
    response = admin_login(client, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_site_and_admin_forms_share_one_counter(client, staff):
    for n in range(throttle.max_failures() - 2):
        site_login(client, f"guess-{n}")
    admin_login(client, "guess-a")
    assert admin_login(client, "guess-b").status_code == 429
    assert site_login(client, PASSWORD).status_code == 429
    assert admin_login(client, PASSWORD).status_code == 429


def test_2500_distinct_list_urls_do_not_evict_the_lock(client, staff, news):
    for n in range(throttle.max_failures()):
        site_login(client, f"guess-{n}")
    client.cookies.clear()  # anonymous again: every list page below is stored in the page cache
    for n in range(2500):
        assert client.get(f"/news/international/?utm={n}").status_code == 200
    assert site_login(client, PASSWORD).status_code == 429
    assert admin_login(client, PASSWORD).status_code == 429
