"""What the placement pages, the API and the simulation call: start a test for a learner or a
visitor's session, answer its waiting item (locked, in turn), finish it with its result, and
read back the latest result (the learner's mastered band and reading level)."""

import random
import uuid

from django.db import transaction
from django.utils import timezone

from . import engine
from .models import PlacementTest
from .pool import band_sizes

SESSION_RESULT = "placement_result"  # a visitor's latest result, kept in their session


class NotFound(LookupError):
    """No such test for this learner or session."""


class OutOfTurn(RuntimeError):
    """The answer names another item than the waiting one (a replayed or stale answer)."""


Finished = engine.Finished
AnswerError = engine.AnswerError


def start(user, session_key: str, lexicon, seed: int | None = None) -> PlacementTest:
    """A new test for `user` (None for a visitor, who is known by `session_key`)."""
    seed = random.SystemRandom().randrange(2**62) if seed is None else seed
    return PlacementTest.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        session_key="" if user is not None and user.is_authenticated else session_key,
        state=engine.new_state(seed, lexicon),
    )


def _owned(user, session_key: str):
    if user is not None and user.is_authenticated:
        return PlacementTest.objects.filter(user=user)
    if not session_key:
        return PlacementTest.objects.none()
    return PlacementTest.objects.filter(user=None, session_key=session_key)


def get(test_id, user, session_key: str) -> PlacementTest:
    """The caller's own test; NotFound for anyone else's or an unknown id."""
    try:
        return _owned(user, session_key).get(pk=uuid.UUID(str(test_id)))
    except (PlacementTest.DoesNotExist, ValueError):
        raise NotFound(test_id) from None


def submit(test_id, user, session_key: str, value, lexicon, n: int | None = None, now=None):
    """Answer the waiting item of the caller's test. `n` (optional) is the item number the
    answer is for: another number is OutOfTurn. Returns the test, finished or not."""
    with transaction.atomic():
        test = get(test_id, user, session_key)
        test = PlacementTest.objects.select_for_update().get(pk=test.pk)
        if test.done:
            raise Finished(test_id)
        waiting = len(test.state["answers"]) + 1
        if n is not None and n != waiting:
            raise OutOfTurn(waiting)
        engine.answer(test.state, value, lexicon)
        if engine.is_done(test.state):
            test.result = engine.result(test.state, band_sizes(lexicon))
            test.finished_at = now or timezone.now()
        test.save(update_fields=["state", "result", "finished_at"])
    return test


def reply(test: PlacementTest) -> dict:
    """The API's answer for a test: its next item, or the result once done."""
    if test.done:
        result = test.result
        return {"done": True, "band": result["band"], "vocabulary_size": result["vocabulary_size"],
                "by_band": result["by_band"]}  # fmt: skip
    return {"item": engine.public_item(test.state)}


def latest_result(user) -> dict | None:
    """The result of the learner's latest finished test, or None."""
    if user is None or not user.is_authenticated:
        return None
    test = (
        PlacementTest.objects.filter(user=user, finished_at__isnull=False)
        .order_by("-finished_at")
        .only("result")
        .first()
    )
    return test.result if test else None


def result_for(request) -> dict | None:
    """The reader's latest result: the learner's saved one, or the visitor's session copy."""
    if request.user.is_authenticated:
        return latest_result(request.user)
    return request.session.get(SESSION_RESULT)


def remember(request, test: PlacementTest) -> None:
    """Keep a visitor's finished result in their session (a learner's is in the table)."""
    if test.done and test.user_id is None:
        keep = {k: test.result[k] for k in ("band", "mastered", "vocabulary_size", "by_band")}
        request.session[SESSION_RESULT] = keep


def visitor_key(request) -> str:
    """The visitor's session key, making the session if there is none yet."""
    if not request.session.session_key:
        request.session.save()
    request.session.modified = True  # send the cookie
    return request.session.session_key


def export_tests(user) -> list[dict]:
    rows = PlacementTest.objects.filter(user=user).order_by("started_at")
    return [
        {
            "started": t.started_at.isoformat(),
            "finished": t.finished_at.isoformat() if t.finished_at else None,
            "result": t.result,
        }  # fmt: skip
        for t in rows
    ]


def delete_tests(user) -> int:
    return PlacementTest.objects.filter(user=user).delete()[0]
