"""A learner's notebook activity (adding a word, rating a card) commits without waiting for
the disk on PostgreSQL, as the embedded SQLite mode commits everything (core/quickcommit.py),
and is still one transaction: a card, its sentence and the study day together."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from yingdu.notebook import service
from yingdu.notebook.models import Card, Day, Sentence

from .conftest import SENTENCE

pytestmark = pytest.mark.django_db(transaction=True)


def committed_quickly(queries, table: str) -> bool:
    """The transaction that wrote `table` had turned synchronous_commit off first."""
    sql = [query["sql"] for query in queries.captured_queries]
    marks = [n for n, text in enumerate(sql) if "synchronous_commit" in text]
    writes = [n for n, text in enumerate(sql)
              if text.startswith(("INSERT", "UPDATE")) and table in text]  # fmt: skip
    return bool(marks and writes) and marks[0] < writes[0]


def test_adding_a_word_and_rating_it_commit_quickly(learner, site_lexicon):
    if connection.vendor != "postgresql":
        pytest.skip("synchronous_commit is PostgreSQL's; CI's second pass runs on PostgreSQL")
    now = timezone.now()
    with CaptureQueriesContext(connection) as adding:
        card, created = service.add_word(learner, "abandoned", SENTENCE, now=now)
    with CaptureQueriesContext(connection) as rating:
        log, done = service.review(learner, card.pk, 3, key="k1", now=now + dt.timedelta(hours=1))
    assert created and done
    assert committed_quickly(adding, "notebook_card")
    assert committed_quickly(rating, "notebook_reviewlog")


def test_a_word_is_added_whole_or_not_at_all(learner, site_lexicon, monkeypatch):
    """A failure after the card is written (here: writing its sentence) leaves no card and no
    study day behind, on every database."""

    def fail(sentence):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(service, "insert_sentence", fail)
    with pytest.raises(RuntimeError, match="disk is full"):
        service.add_word(learner, "abandoned", SENTENCE)
    assert not Card.objects.filter(user=learner).exists()
    assert not Day.objects.filter(user=learner).exists()
    assert not Sentence.objects.exists()
