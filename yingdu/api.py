"""The site's JSON API (django-ninja) with its OpenAPI document at /api/openapi.json.

Chinese is returned as UTF-8, not \\u escapes; validation errors are 400 (not ninja's 422);
request bodies above the limit are refused with 413 before they are read. Each operation
charges the caller's per-minute allowance (`charge`): 429 with Retry-After once it is spent.
"""

from django.conf import settings
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from yingdu.accounts import ratelimit


class Utf8JSONRenderer(JSONRenderer):
    encoder_class = NinjaJSONEncoder
    json_dumps_params = {"ensure_ascii": False}
    media_type = "application/json; charset=utf-8"


UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
MESSAGE = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}


def document_common_responses(method: str, operation: dict) -> None:
    """Add the answers every operation can give to its OpenAPI entry: 429 for a spent
    allowance (`charge`), 400 for parameters or a body that do not validate, 413 for a body
    above the limit, 401 where credentials are needed, 403 where a session caller's unsafe
    request lacks its CSRF token, 404 for a path that names nothing."""
    parameters = operation.get("parameters", [])
    wanted = {
        "429": (True, "请求太频繁 too many requests (Retry-After says when to retry)"),
        "400": (bool(parameters) or "requestBody" in operation, "参数错误 bad parameters"),
        "413": ("requestBody" in operation, "请求太大 request body above the limit"),
        "401": (bool(operation.get("security")), "未登录 no valid token or session"),
        "403": (
            bool(operation.get("security")) and method.upper() in UNSAFE_METHODS,
            "CSRF 校验失败 a session caller's request without its CSRF token",
        ),
        "404": (any(p.get("in") == "path" for p in parameters), "没有找到 not found"),
    }
    if operation.pop("x-yingdu-anonymous", False):  # signed in or not: credentials optional
        operation["security"] = [*operation.get("security", []), {}]
    responses = operation.setdefault("responses", {})
    for status, (applies, description) in wanted.items():
        if applies and int(status) not in responses:
            responses.setdefault(
                status,
                {"description": description,
                 "content": {"application/json": {"schema": MESSAGE}}},
            )  # fmt: skip


class YingduAPI(NinjaAPI):
    def get_openapi_schema(self, **options):
        schema = super().get_openapi_schema(**options)
        for path_item in schema["paths"].values():
            for method, operation in path_item.items():
                document_common_responses(method, operation)
        return schema


api = YingduAPI(
    title="英读 Yingdu API",
    version="1",
    description="Reading aids for English texts: word lookup and annotation by exam level.",
    renderer=Utf8JSONRenderer(),
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def bad_parameters(request, exc):
    return api.create_response(
        request, {"detail": "参数错误 bad parameters", "errors": exc.errors}, status=400
    )


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


def charge(request, units: int = 1) -> None:
    """Count `units` against the caller's allowance for the current minute: per signed-in
    user (API_USER_PER_MINUTE), else per IP address (API_ANON_PER_MINUTE, smaller)."""
    if request.user.is_authenticated:
        caller, allowance = f"api:user:{request.user.pk}", settings.API_USER_PER_MINUTE
    else:
        caller, allowance = f"api:ip:{ratelimit.client_ip(request)}", settings.API_ANON_PER_MINUTE
    used = ratelimit.hit(caller, 60, units)
    if used.count > allowance:
        raise RateLimited(used.retry_after or 60)


@api.exception_handler(RateLimited)
def too_many_requests(request, exc):
    detail = f"请求太频繁，请 {exc.retry_after} 秒后再试 (too many requests: retry later)"
    response = api.create_response(request, {"detail": detail}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


def limit_api_body(get_response):
    """Middleware: refuse an API request body above API_MAX_BODY_BYTES with 413, unread."""

    def middleware(request):
        if request.path.startswith("/api/"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > settings.API_MAX_BODY_BYTES:
                detail = f"请求太大 request body above {settings.API_MAX_BODY_BYTES} bytes"
                return api.create_response(request, {"detail": detail}, status=413)
        return get_response(request)

    return middleware


from yingdu.aids.api import router as aids_router  # noqa: E402

api.add_router("/", aids_router)

from yingdu.accounts.api import router as account_router  # noqa: E402
from yingdu.learners.api import router as known_router  # noqa: E402

api.add_router("/", account_router)
api.add_router("/", known_router)
from yingdu.notebook.api import router as notebook_router  # noqa: E402

api.add_router("/", notebook_router)
from yingdu.placement.api import me_router as reader_router  # noqa: E402
from yingdu.placement.api import router as placement_router  # noqa: E402

api.add_router("/", placement_router)
api.add_router("/", reader_router)
from yingdu.classes.api import router as classes_router  # noqa: E402

api.add_router("/", classes_router)
