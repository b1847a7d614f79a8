"""The teacher's pages cost a fixed number of queries, whatever the class's size: the class
page (dashboard), an assignment's report, the pre-teach list (page and API). Each page is
counted for a small class, then again after more students, assignments, reading records,
notebook cards and known words are added: the counts must not move."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.classes.conftest import client_for, due_in
from tests.learners.conftest import make_learner
from yingdu.classes import service
from yingdu.learners.models import KnownWord
from yingdu.notebook.models import Card

LEMMAS = ("flood", "village", "crop", "embankment", "compensation", "reluctant")


def teacher_pages(school_class, item_url, report_of) -> dict[str, str]:
    pk = school_class.pk
    return {
        "class page": reverse("classes:detail", args=[pk]),
        "class page, every assignment": reverse("classes:detail", args=[pk]) + "?all=1",
        "assignment report": reverse("classes:report", args=[pk, report_of.pk]),
        "pre-teach page": reverse("classes:words", args=[pk]) + f"?url={item_url}",
        "pre-teach API": f"/api/classes/{pk}/words?url={item_url}",
    }


def query_counts(client, pages: dict[str, str]) -> dict[str, int]:
    counts = {}
    for name, url in pages.items():
        client.get(url)  # the first request of a process may fill caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(queries)
    return counts


def grow(school_class, article, students: int, assignments: int) -> None:
    """More students, each reading every assignment with lookups, cards and known words."""
    url = article.get_absolute_url()
    made = [
        service.assign(school_class, url, "senior", due_in(n), worksheet_types=["vocab"])
        for n in range(assignments)
    ]
    start = len(service.members(school_class))
    for n in range(start, start + students):
        student = make_learner(f"grown_{n}", display_name=f"{n}号")
        service.add_student(school_class, student)
        KnownWord.objects.bulk_create([KnownWord(user=student, lemma=w) for w in LEMMAS[:3]])
        Card.objects.bulk_create([Card(user=student, lemma=w, band="cet4") for w in LEMMAS[3:]])
        for assignment in made:
            service.record_reading(student, assignment, 60, list(LEMMAS[:2]))
            service.submit_worksheet(student, assignment, ["x"] * 3)


@pytest.mark.django_db
def test_teacher_pages_cost_the_same_queries_for_a_bigger_class(school_class, teacher, article):
    url = article.get_absolute_url()
    sheet = service.assign(school_class, url, "senior", due_in(), worksheet_types=["vocab"])
    client = client_for(teacher)
    pages = teacher_pages(school_class, url, sheet)
    small = query_counts(client, pages)
    grow(school_class, article, students=6, assignments=4)
    assert query_counts(client, pages) == small
    assert max(small.values()) <= 20, small
