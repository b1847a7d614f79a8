"""Teaching resources in search: title, description, extracted file text, facet filters,
and only once published."""

import pytest
from django.utils import timezone

from yingdu.resources.models import Edition, Resource
from yingdu.search.service import run_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(db):
    return Edition.objects.get_or_create(name="人教版", defaults={"slug": "renjiao"})[0]


def resource(edition, **fields):
    values = {
        "title": "Unit 3 My weekend 课件", "description": "五年级上册第三单元课件",
        "type": "courseware", "grade": "p5", "volume": "first", "edition": edition,
        "status": "published", "published_at": timezone.now(),
        "text": "Students practise the simple past: played, visited, watched.",
    }  # fmt: skip
    values.update(fields)
    return Resource.objects.create(**values)


def test_found_by_title_description_and_file_text(edition):
    item = resource(edition)
    for query in ["课件", "第三单元", "visited", "visit"]:
        assert [hit.url for hit in run_search(query).hits] == [item.get_absolute_url()], query


def test_pending_and_rejected_resources_are_not_found(edition):
    resource(edition, status="pending", title="Pending lesson 教案")
    resource(edition, status="rejected", title="Rejected lesson 教案")
    assert run_search("教案").total == 0


def test_resource_facets_filter(edition, client):
    resource(edition)
    resource(edition, title="Unit 3 课件 for grade six", grade="p6", volume="second")
    assert run_search("课件", {"kind": "resources", "grade": "p5"}).total == 1
    assert run_search("课件", {"grade": "p6", "volume": "second"}).total == 1
    assert run_search("课件", {"edition": "renjiao", "resource_type": "courseware"}).total == 2
    assert run_search("课件", {"resource_type": "test_paper"}).total == 0
    query = {"q": "课件", "kind": "resources", "grade": "p5"}
    html = client.get("/search/", query).content.decode()
    assert "五年级" in html and 'aria-current="true">五年级' in html
    assert "不限" in html
