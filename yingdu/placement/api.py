"""Placement-test API: POST /api/placement starts a test, POST /api/placement/{id}/answer
answers its waiting item. Anyone may take a test: a learner (bearer token, or session with
CSRF) has the result saved; a visitor's test belongs to their session. For learners only:
GET /api/me/coverage (how much of an item I know) and GET /api/me/recommendations."""

from typing import Literal

from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.utils import check_csrf
from pydantic import StrictBool, StrictInt

from yingdu.accounts.apiauth import LearnerTokenAuth, learner_auth
from yingdu.aids.api import Message, lexicon_or_503
from yingdu.api import charge
from yingdu.core import kinds

from . import coverage, profiles, readers, service

VISITOR = "visitor"


def placement_caller(request):
    """A signed-in session (CSRF checked) or a visitor; a bad bearer token is refused."""
    if "Authorization" in request.headers:
        return None  # LearnerTokenAuth did not accept it: 401
    if request.user.is_authenticated:
        if check_csrf(request) is not None:
            raise HttpError(403, "CSRF check Failed")
        return request.user
    return VISITOR


router = Router(tags=["placement test"], auth=[LearnerTokenAuth(), placement_caller])


class ItemOut(Schema):
    n: int
    kind: Literal["yesno", "choice"]
    word: str
    options: list[str] | None = None


class StartedOut(Schema):
    id: str
    item: ItemOut


class AnswerIn(Schema):
    answer: StrictBool | StrictInt
    n: StrictInt | None = None


class NextOut(Schema):
    item: ItemOut | None = None
    done: bool | None = None
    band: str | None = None
    vocabulary_size: int | None = None
    by_band: dict[str, float] | None = None


ANYONE = {"x-yingdu-anonymous": True}  # visitors too: the document says so (yingdu/api.py)


def _owner(request):
    if request.auth == VISITOR:
        return None, service.visitor_key(request)
    return request.auth, ""


@router.post("/placement", response={201: StartedOut, 401: Message, 403: Message, 429: Message,
             503: Message}, openapi_extra=ANYONE)  # fmt: skip
def start(request):
    """Start a vocabulary test (at most 60 items) and get its first item: `yesno` (answer
    true for 认识, false for 不认识) or `choice` (answer the index of the right gloss)."""
    charge(request)
    user, key = _owner(request)
    test = service.start(user, key, lexicon_or_503())
    return Status(201, {"id": str(test.id), **service.reply(test)})


@router.post(
    "/placement/{test_id}/answer",
    response={200: NextOut, 400: Message, 401: Message, 403: Message, 404: Message,
              409: Message, 503: Message},
    openapi_extra=ANYONE,
)  # fmt: skip
def answer(request, test_id: str, payload: AnswerIn):
    """Answer the waiting item: `{"answer": true|false}` or `{"answer": <option index>}`,
    optionally with `"n"`, the item's number (another number is refused with 409, so a
    replayed answer cannot move the test). Returns the next item, or the result when done.
    Answers are not charged to the caller's allowance: starting the test was, and a test
    takes at most 60 answers."""
    user, key = _owner(request)
    try:
        test = service.submit(test_id, user, key, payload.answer, lexicon_or_503(), payload.n)
    except service.NotFound:
        raise HttpError(404, "没有这个测试 no such test") from None
    except service.Finished:
        raise HttpError(409, "测试已经结束 the test is finished") from None
    except service.OutOfTurn as waiting:
        raise HttpError(
            409, f"这道题已经回答过 item already answered; waiting for n={waiting}"
        ) from None
    except service.AnswerError as error:
        raise HttpError(400, f"答案不合题型 {error}") from None
    service.remember(request, test)
    return service.reply(test)


me_router = Router(tags=["learner: coverage and recommendations"], auth=learner_auth)
RECOMMENDATIONS_MAX = 50


class CoverageOut(Schema):
    coverage: float | None
    unknown: list[str]


class SuggestedOut(Schema):
    title: str
    url: str
    kind: str
    coverage: float


class SuggestionsOut(Schema):
    items: list[SuggestedOut]


@me_router.get("/me/coverage", response={200: CoverageOut, 400: Message, 401: Message,
               404: Message, 429: Message})  # fmt: skip
def my_coverage(request, url: str = Query(..., max_length=500)):
    """The share of an item's words I know (0–1) and the lemmas I don't, most frequent
    first. `url` is the item's path, e.g. /news/international/some-story/ (a full URL or
    the /en/ path work too)."""
    charge(request)
    item = profiles.item_at(url)
    if item is None:
        raise HttpError(404, "没有这篇内容 no published English item at this URL")
    share, unknown = coverage.exact(
        item.reading.get("profile") or {}, readers.learner(request.auth)
    )
    return {"coverage": None if share is None else round(share, 4), "unknown": unknown}


@me_router.get("/me/recommendations", response={200: SuggestionsOut, 400: Message,
               401: Message, 429: Message})  # fmt: skip
def my_recommendations(
    request, kind: str = "", limit: int = Query(10, ge=1, le=RECOMMENDATIONS_MAX)
):
    """Items suited to me, best first: those whose words I know 95–98% of, then the ones
    nearest that band. `kind` narrows to one kind of content (news, daily, bilingual,
    compositions); `limit` is 1–50."""
    charge(request)
    if not 1 <= limit <= RECOMMENDATIONS_MAX:
        raise HttpError(400, f"limit 应在 1–{RECOMMENDATIONS_MAX} 之间 (limit out of range)")
    key = None
    if kind:
        found = kinds.get(kind)
        if found is None or not found.english:
            raise HttpError(400, f"未知类型 unknown kind {kind!r}")
        key = found.key
    rows = profiles.ranked(readers.learner(request.auth), key, limit)
    return {"items": [{"title": r.title, "url": r.url, "kind": r.kind,
                       "coverage": round(r.coverage, 4)} for r in rows]}  # fmt: skip
