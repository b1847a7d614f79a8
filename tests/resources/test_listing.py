"""The faceted list: one row per facet starting with 不限, counts for the other facets'
choices, plain shareable links, unknown values ignored, sorting and pagination."""

import re
from collections import Counter

import pytest
from django.utils import timezone

from yingdu.resources.facets import facet_counts
from yingdu.resources.models import Edition, Resource

from .conftest import make_resource

pytestmark = pytest.mark.django_db


def test_facet_counts_leave_out_each_facets_own_choice():
    combos = [
        ("courseware", "p5", "first", 1, 3),
        ("courseware", "p5", "second", 1, 2),
        ("courseware", "p4", "first", 2, 4),
        ("test_paper", "p5", "first", 1, 5),
    ]
    counts, total = facet_counts(combos, {"type": "courseware", "grade": "p5"})
    assert total == 5
    assert counts["type"] == Counter({"courseware": 5, "test_paper": 5})  # grade=p5 only
    assert counts["grade"] == Counter({"p5": 5, "p4": 4})  # type=courseware only
    assert counts["volume"] == Counter({"first": 3, "second": 2})
    assert counts["edition"] == Counter({1: 5})
    counts, total = facet_counts(combos, {})
    assert total == 14 and counts["type"]["courseware"] == 9


@pytest.fixture
def library(renjiao):
    waiyan = Edition.objects.get(slug="waiyan")
    now = timezone.now()
    rows = [
        ("courseware", "p5", "first", renjiao, 3),
        ("courseware", "p5", "second", renjiao, 2),
        ("courseware", "p4", "first", waiyan, 1),
        ("test_paper", "p5", "first", renjiao, 4),
        ("lesson_plan", "j1", "full", waiyan, 2),
    ]
    n = 0
    for type_, grade, volume, edition, count in rows:
        for _ in range(count):
            when = now - timezone.timedelta(hours=n)
            make_resource(edition, n, type=type_, grade=grade, volume=volume,
                          published_at=when, download_count=n % 5)  # fmt: skip
            n += 1
    make_resource(renjiao, 99, status="pending", title="Pending one")
    make_resource(renjiao, 98, status="rejected", title="Rejected one")
    return n


def facet_links(html: str, facet: str) -> dict[str, tuple[str, int, bool]]:
    """label -> (href, count, current) for one facet row."""
    row = re.search(rf'<nav class="facet"[^>]*data-facet="{facet}">(.*?)</nav>', html, re.S)
    links = {}
    for attrs, label, count in re.findall(
        r'<a (href="[^"]*"[^>]*)>([^<]+)<span class="count">(\d+)</span></a>', row.group(1)
    ):
        href = re.search(r'href="([^"]*)"', attrs).group(1).replace("&amp;", "&")
        links[label.strip()] = (href, int(count), "aria-current" in attrs)
    return links


def test_unfiltered_list_shows_published_only_with_counts(client, library):
    html = client.get("/resources/").content.decode()
    assert "Pending one" not in html and "Rejected one" not in html
    types = facet_links(html, "type")
    first = next(iter(types.values()))
    assert first == ("/resources/", library, True)  # 不限 first, current, total count
    assert [v[1] for v in types.values()][1:4] == [2, 6, 4]  # lesson plan, courseware, test
    assert list(facet_links(html, "volume").values())[1][0] == "/resources/?volume=first"


def test_choices_narrow_the_list_and_the_other_rows(client, library):
    response = client.get("/resources/?type=courseware&grade=p5&volume=first")
    html = response.content.decode()
    assert len(response.context["items"]) == 3
    types = facet_links(html, "type")
    current = [label for label, (_, _, cur) in types.items() if cur]
    assert len(current) == 1 and types[current[0]][1] == 3
    # Counts beside type values use grade=p5 & volume=first: courseware 3, test paper 4.
    assert sorted(v[1] for v in types.values() if v[1]) == [3, 4, 7]
    # Each link keeps the other choices and changes only its own facet.
    grades = facet_links(html, "grade")
    any_grade = next(iter(grades.values()))
    assert any_grade[0] == "/resources/?type=courseware&volume=first"
    assert any(
        h == "/resources/?type=courseware&grade=p4&volume=first" for h, _, _ in grades.values()
    )
    editions = facet_links(html, "edition")
    assert any(h.endswith("&edition=renjiao") and c == 3 for h, c, _ in editions.values())


def test_edition_filter_by_slug(client, library):
    response = client.get("/resources/?edition=waiyan")
    assert len(response.context["items"]) == 3


def test_unknown_values_are_ignored(client, library):
    for query in ["?type=video", "?grade=p9&volume=", "?edition=nope", "?sort=random&page=x",
                  "?type[]=1", "?page=99999", "?type=courseware%00"]:  # fmt: skip
        response = client.get("/resources/" + query)
        assert response.status_code == 200, query
    assert len(client.get("/resources/?type=video&grade=p5").context["items"]) == 9


def test_rows_show_type_grade_volume_edition_size_downloads(client, renjiao):
    make_resource(renjiao, 0, title="Colours", unit="Unit 3", size=2 * 1024 * 1024,
                  download_count=7)  # fmt: skip
    html = client.get("/en/resources/").content.decode()
    row = re.search(r'<ul class="item-list res-list">(.*?)</ul>', html, re.S).group(1)
    for text in ["Colours", "Courseware", "Grade 5", "First volume", "人教版", "Unit 3",
                 "2.0\xa0MB", "7 downloads"]:  # fmt: skip
        assert text in row, text


def test_sort_by_downloads(client, renjiao):
    now = timezone.now()
    make_resource(renjiao, 0, title="Old popular", download_count=50,
                  published_at=now - timezone.timedelta(days=3))  # fmt: skip
    make_resource(renjiao, 1, title="New quiet", download_count=1, published_at=now)
    newest = client.get("/resources/").context["items"]
    popular = client.get("/resources/?sort=downloads").context["items"]
    assert [r.title for r in newest] == ["New quiet", "Old popular"]
    assert [r.title for r in popular] == ["Old popular", "New quiet"]
    html = client.get("/resources/?type=courseware&sort=downloads").content.decode()
    assert 'href="/resources/?type=courseware&amp;sort=downloads" aria-current' in html
    assert "/resources/?grade=p5&amp;type=courseware" not in html  # facet order is fixed


def test_pagination_keeps_the_filters(client, renjiao):
    for n in range(45):
        make_resource(renjiao, n, published_at=timezone.now() - timezone.timedelta(minutes=n))
    response = client.get("/resources/?type=courseware&page=3")
    assert len(response.context["items"]) == 5
    assert response.context["page"].paginator.num_pages == 3
    html = client.get("/resources/?type=courseware").content.decode()
    assert 'href="?type=courseware&amp;page=2"' in html


def test_list_queries_do_not_grow_with_the_library(client, renjiao, django_assert_max_num_queries):
    for n in range(30):
        make_resource(renjiao, n)
    with django_assert_max_num_queries(4):  # editions, facet combinations, one page (+ save)
        client.get("/resources/?grade=p5")


def test_anonymous_list_is_cached_and_refreshed_by_a_publish(client, renjiao, editor):
    item = make_resource(renjiao, 0, status="pending", title="Soon published")
    assert "Soon published" not in client.get("/resources/").content.decode()
    item.publish(editor)
    assert "Soon published" in client.get("/resources/").content.decode()


def test_signed_in_users_see_their_role_links(client, renjiao, teacher, editor):
    client.force_login(teacher)
    html = client.get("/resources/").content.decode()
    assert "/resources/mine/" in html and "/resources/review/" not in html
    client.force_login(editor)
    assert "/resources/review/" in client.get("/resources/").content.decode()


def test_item_page_shows_metadata_files_preview_and_related(client, published_pdf, renjiao):
    make_resource(renjiao, 5, title="Sister courseware")
    make_resource(renjiao, 6, title="Other grade", grade="s1")
    response = client.get(published_pdf.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "五年级上册 Unit 1 课件.pdf" in html and "人教版" in html and "Unit 1" in html
    stored = published_pdf.files.get()
    assert f"/resources/{published_pdf.slug}/files/{stored.pk}/preview.png" in html
    assert f"/resources/{published_pdf.slug}/files/{stored.pk}/download/" in html
    assert "Sister courseware" in html and "Other grade" not in html
    assert Resource.objects.count() == 3


@pytest.mark.django_db
def test_old_grade_codes_in_saved_links_select_the_same_grade(client, renjiao):
    make_resource(renjiao, 1, title="Fifth grade", grade="p5")
    make_resource(renjiao, 2, title="Senior one", grade="s1")
    titles = [r.title for r in client.get("/resources/?grade=g5").context["items"]]
    assert titles == ["Fifth grade"]
