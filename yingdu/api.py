"""The site's JSON API (django-ninja) with its OpenAPI document at /api/openapi.json.

Chinese is returned as UTF-8, not \\u escapes; validation errors are 400 (not ninja's 422);
request bodies above the limit are refused with 413 before they are read.
"""

from django.conf import settings
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder


class Utf8JSONRenderer(JSONRenderer):
    encoder_class = NinjaJSONEncoder
    json_dumps_params = {"ensure_ascii": False}
    media_type = "application/json; charset=utf-8"


api = NinjaAPI(
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
