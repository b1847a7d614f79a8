"""A learner's cached reader: what it costs a page in database queries (one with a
per-process cache, none with a shared one) and that it follows every way a learner's known
words change: marked known or unmarked (in bulk), notebook cards reviewed well, forgotten
or deleted, a finished test; and that adding a word, which changes none of them, keeps it.
The shared-cache tests need Redis (REDIS_URL, as in CI's second run)."""

import datetime as dt
import os

import pytest
from django.utils import timezone

from yingdu.learners import known
from yingdu.notebook import service as notebook
from yingdu.placement import readers
from yingdu.placement.models import PlacementTest

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_cache(settings):
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("REDIS_URL is not set: the shared cache runs in CI's scaled-out pass")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    }


@pytest.fixture
def local_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                    "LOCATION": "placement-readers"}
    }  # fmt: skip


def review_until_known(user, lemma) -> None:
    """Review the learner's card "Easy" on each due day until it counts as known."""
    card, _ = notebook.add_word(user, lemma)
    now = timezone.now() - dt.timedelta(days=400)
    for _ in range(20):
        notebook.review(user, card.pk, 4, now=now)
        card.refresh_from_db()
        if card.stability >= readers.WELL_REVIEWED_DAYS:
            return
        now = max(card.due, now + dt.timedelta(minutes=1))
    raise AssertionError("the card never reached the well-reviewed stability")


def finish_test(user, band) -> None:
    PlacementTest.objects.create(
        user=user, state={}, finished_at=timezone.now(),
        result={"band": band, "mastered": band, "vocabulary_size": 2000, "by_band": {}},
    )  # fmt: skip


def follows_every_change(user) -> None:
    assert "ubiquitous" not in readers.learner(user).known
    known.add_known(user, ["ubiquitous", "ephemeral"])
    assert {"ubiquitous", "ephemeral"} <= readers.learner(user).known
    known.remove_known(user, ["ephemeral"])
    assert "ephemeral" not in readers.learner(user).known
    review_until_known(user, "paradigm")
    assert "paradigm" in readers.learner(user).known
    notebook.user_cards(user).get(lemma="paradigm").delete()
    assert "paradigm" not in readers.learner(user).known
    review_until_known(user, "lucid")
    assert "lucid" in readers.learner(user).known
    lucid = notebook.user_cards(user).get(lemma="lucid")
    notebook.review(user, lucid.pk, 1, now=lucid.due)  # 重来: forgotten, relearning
    assert "lucid" not in readers.learner(user).known
    assert readers.learner(user).mastered == -1
    finish_test(user, "senior")
    assert readers.learner(user).mastered == 2
    known.delete_known(user)
    assert not readers.learner(user).known


def test_with_a_per_process_cache_the_reader_costs_one_query(student, site_lexicon, local_cache):
    known.add_known(student, ["ubiquitous"])
    readers.learner(student)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert "ubiquitous" in readers.learner(student).known
    assert len(queries) == 1


def test_with_a_per_process_cache_the_reader_follows_every_change(
    student, site_lexicon, local_cache
):
    follows_every_change(student)


def test_with_a_shared_cache_the_reader_costs_no_query(student, site_lexicon, shared_cache):
    known.add_known(student, ["ubiquitous"])
    readers.learner(student)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert "ubiquitous" in readers.learner(student).known
    assert len(queries) == 0


def test_with_a_shared_cache_the_reader_follows_every_change(student, site_lexicon, shared_cache):
    follows_every_change(student)


def test_a_test_in_progress_keeps_the_reader(student, shared_cache):
    from django.core.cache import cache

    before = cache.get(readers.version_key(student)) or readers.version(student)
    PlacementTest.objects.create(user=student, state={})
    assert cache.get(readers.version_key(student)) == before


def test_adding_a_word_keeps_the_reader(student, site_lexicon, shared_cache):
    from django.core.cache import cache

    notebook.save_goal(student, 20, 10, spelling=True)  # a new card saved twice
    before = cache.get(readers.version_key(student)) or readers.version(student)
    notebook.add_word(student, "paradigm", "A new paradigm emerged.")
    notebook.add_word(student, "paradigm", "The paradigm shifted again.")
    assert cache.get(readers.version_key(student)) == before


def test_only_a_card_save_that_can_change_what_it_counts_for_changes_the_reader():
    from yingdu.notebook.models import Card

    new = Card(state=1, stability=None)
    well_reviewed = Card(state=readers.REVIEW_STATE, stability=readers.WELL_REVIEWED_DAYS)
    assert not readers.card_save_changes_reader(new, True, None)
    assert readers.card_save_changes_reader(well_reviewed, True, None)  # imported, known
    assert readers.card_save_changes_reader(new, False, None)  # a review (or a lapse)
    assert not readers.card_save_changes_reader(well_reviewed, False, {"spell_due"})
    assert readers.card_save_changes_reader(new, False, {"state", "due"})
