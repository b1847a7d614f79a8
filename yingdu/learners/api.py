"""Learner API for known words: GET, POST and DELETE /api/me/known (session or bearer token).

`GET` answers `{"count", "lemmas"}` (sorted) with a weak ETag that changes whenever the set
changes, `Cache-Control: private, no-cache`, and gzip when the client accepts it: the browser
keeps its copy and revalidates it with one cheap request (304) on each page.
"""

from typing import Annotated, Literal

from django.http import HttpResponseNotModified
from django.middleware.gzip import GZipMiddleware
from ninja import Field, Router, Schema
from pydantic import ConfigDict

from yingdu.accounts.apiauth import learner_auth
from yingdu.aids.api import Message, lexicon_or_503
from yingdu.api import api, charge
from yingdu.lexicon import LEVELS

from . import known

_gzip = GZipMiddleware(lambda request: None)  # only its process_response is used
router = Router(tags=["learner: known words"], auth=learner_auth)


class KnownOut(Schema):
    count: int
    lemmas: list[str]


class AddLemmasIn(Schema):
    """Words to mark known, in any form ("went" marks "go")."""

    model_config = ConfigDict(extra="forbid")
    lemmas: list[Annotated[str, Field(max_length=100)]] = Field(max_length=10_000)


class AddBandIn(Schema):
    """Every word of the bands up to this one."""

    model_config = ConfigDict(extra="forbid")
    up_to_band: Literal[LEVELS]


class AddedOut(Schema):
    added: int
    count: int
    unknown: list[str]


class RemoveKnownIn(Schema):
    lemmas: list[Annotated[str, Field(max_length=100)]] = Field(max_length=10_000)


class RemovedOut(Schema):
    removed: int
    count: int


def _etag(user) -> str:
    return f'W/"known-{known.version(user)}"'


@router.get("/me/known", response={200: KnownOut, 304: None, 401: Message, 429: Message})
def list_known(request):
    """The lemmas the learner knows, sorted. Send `If-None-Match` with the last ETag to get
    304 when nothing changed."""
    charge(request)
    etag = _etag(request.auth)
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        lemmas = known.known_lemmas(request.auth)
        response = api.create_response(
            request, {"count": len(lemmas), "lemmas": lemmas}, status=200
        )
        response = _gzip.process_response(request, response)
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Cookie, Authorization, Accept-Encoding"
    return response


@router.post(
    "/me/known", response={200: AddedOut, 400: Message, 401: Message, 429: Message, 503: Message}
)
def add_known(request, payload: AddLemmasIn | AddBandIn):
    """Mark words known: `{"lemmas": [...]}` (any form: "went" marks "go"; words the lexicon
    does not know come back in `unknown`) or `{"up_to_band": "junior"}` (every word of 小学
    and 中考; bands: primary, junior, senior, cet4, cet6, kaoyan)."""
    charge(request)
    lexicon = lexicon_or_503()
    if isinstance(payload, AddBandIn):
        lemmas, unknown = known.band_lemmas(payload.up_to_band, lexicon), []
    else:
        lemmas, unknown = known.resolve(payload.lemmas, lexicon)
    added = known.add_known(request.auth, lemmas)
    return {"added": added, "count": request.auth.known_words.count(), "unknown": unknown}


@router.delete("/me/known", response={200: RemovedOut, 401: Message, 429: Message})
def remove_known(request, payload: RemoveKnownIn):
    """Forget known words: `{"lemmas": [...]}` (as listed by GET)."""
    charge(request)
    words = [w.strip().lower() for w in payload.lemmas]
    removed = known.remove_known(request.auth, words)
    return {"removed": removed, "count": request.auth.known_words.count()}
