"""A composition's author (usually a child) is shown only by a display name or an initial;
the full name needs recorded consent (and the guardian's for authors under 14) to appear,
and is never indexed or put in cached pages."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from yingdu.compositions.models import Composition
from yingdu.search.models import SearchEntry

FULL_NAME = "王小明"
PAGES = ["/", "/compositions/", "/en/compositions/", "/compositions/?grade=p3"]


def published_composition(**fields) -> Composition:
    defaults = {
        "title": "我的压岁钱", "slug": "my-lucky-money", "author_name": FULL_NAME, "grade": "p3",
        "language": "zh", "body": "过年的时候，我收到了好多压岁钱。", "status": "published",
        "published_at": timezone.now(),
    }  # fmt: skip
    defaults.update(fields)
    return Composition.objects.create(**defaults)


def pages_of(client, item) -> dict[str, str]:
    urls = [*PAGES, item.get_absolute_url(), "/search/?q=压岁钱"]
    return {url: client.get(url).content.decode() for url in urls}


@pytest.mark.django_db
def test_without_consent_the_name_appears_nowhere(client):
    item = published_composition()
    pages = pages_of(client, item)
    assert all(FULL_NAME not in html and "小明" not in html for html in pages.values())
    assert "王同学 · 三年级" in pages["/compositions/"]
    assert "王同学" in pages[item.get_absolute_url()]
    assert "Student 王 · Grade 3" in pages["/en/compositions/"]
    assert item.title in pages["/search/?q=压岁钱"]  # found, without the name
    by_name = client.get("/search/", {"q": FULL_NAME}).content.decode()
    assert item.title not in by_name  # the name is not a way to find it
    entry = SearchEntry.objects.get(object_id=item.pk, kind="compositions")
    assert "小明" not in f"{entry.title} {entry.text} {entry.terms}"


@pytest.mark.django_db
def test_a_display_name_that_reveals_the_name_is_not_shown_without_consent(client):
    item = published_composition(display_name="小明同学")
    assert item.public_author == "王同学"
    with pytest.raises(ValidationError) as raised:
        item.full_clean()
    assert "display_name" in raised.value.message_dict


@pytest.mark.django_db
def test_a_chosen_pseudonym_is_shown(client):
    published_composition(display_name="小作家")
    assert "小作家 · 三年级" in client.get("/compositions/").content.decode()


@pytest.mark.django_db
def test_consent_shows_the_full_name(client):
    item = published_composition(
        display_name=FULL_NAME, consent_at=dt.date(2026, 9, 1),
        guardian_consent_at=dt.date(2026, 9, 1),
    )  # fmt: skip
    item.full_clean()
    pages = pages_of(client, item)
    assert f"{FULL_NAME} · 三年级" in pages["/compositions/"]
    assert FULL_NAME in pages[item.get_absolute_url()]


@pytest.mark.django_db
def test_an_author_under_14_needs_the_guardians_consent(client):
    item = published_composition(display_name=FULL_NAME, consent_at=dt.date(2026, 9, 1))
    with pytest.raises(ValidationError) as raised:
        item.full_clean()
    assert set(raised.value.message_dict) == {"guardian_consent_at", "display_name"}
    assert FULL_NAME not in client.get("/compositions/").content.decode()  # saved anyway: hidden

    item.author_under_14 = False
    item.save()
    item.full_clean()
    assert FULL_NAME in client.get("/compositions/").content.decode()


@pytest.mark.parametrize(
    "full_name, shown",
    [("王小明", "王同学"), ("欧阳娜娜", "欧同学"), ("Lily Wang", "W同学"), ("", "同学")],
)
def test_default_display_names(full_name, shown):
    from django.utils import translation

    from yingdu.compositions.models import default_display_name

    with translation.override("zh-hans"):
        assert default_display_name(full_name) == shown


@pytest.mark.django_db
def test_admin_form_refuses_a_name_without_consent(admin_client):
    item = published_composition()
    url = f"/admin/compositions/composition/{item.pk}/change/"
    form = {
        "title": item.title, "slug": item.slug, "language": "zh", "grade": "p3",
        "body": item.body, "author_name": FULL_NAME, "display_name": FULL_NAME,
        "author_under_14": "on", "status": "published",
        "published_at_0": "2026-11-01", "published_at_1": "10:00:00",
    }  # fmt: skip
    response = admin_client.post(url, form)
    assert response.status_code == 200  # the form again, with the error
    assert "该显示名包含作者姓名：请先记录同意。" in response.content.decode()
    item.refresh_from_db()
    assert item.display_name == ""

    consent = {"consent_at": "2026-09-01", "guardian_consent_at": "2026-09-02"}
    assert admin_client.post(url, {**form, **consent}).status_code == 302
    item.refresh_from_db()
    assert (item.display_name, item.public_author) == (FULL_NAME, FULL_NAME)


@pytest.mark.django_db
def test_the_upgrade_removes_names_from_existing_search_entries(client):
    """Entries indexed before authors' privacy began with the full name (migration 0005)."""
    import importlib

    from django.apps import apps

    from yingdu.search.analysis import index_terms

    item = published_composition()
    entry = SearchEntry.objects.get(kind="compositions", object_id=item.pk)
    old_text = f"{FULL_NAME} {item.body}"
    SearchEntry.objects.filter(pk=entry.pk).update(
        text=old_text,
        grade="",
        terms=f"{index_terms(item.title + ' ' + old_text)} _kind_compositions",
    )
    assert item.title in client.get("/search/", {"q": FULL_NAME}).content.decode()  # leaking

    migration = importlib.import_module(
        "yingdu.compositions.migrations.0005_forget_names_in_search"
    )
    migration.forget_names(apps, None)
    entry.refresh_from_db()
    assert "小明" not in f"{entry.text} {entry.terms}" and entry.grade == "p3"
    assert item.title not in client.get("/search/", {"q": FULL_NAME}).content.decode()
    found = client.get("/search/", {"q": "压岁钱", "grade": "p3"}).content.decode()
    assert item.title in found
