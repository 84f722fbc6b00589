"""
The API's edge: what every request under `/api/` gets before and after its view.

Contract:
- A query string over `API_MAX_QUERY_STRING` characters answers 414, a body
  over `DATA_UPLOAD_MAX_MEMORY_SIZE` bytes answers 413, both as JSON
  (`{"detail": "..."}`) like every other API error, before anything parses
  them. Django's own answers (an HTML 400 for a big body) and gunicorn's
  (HTML 414 past its `limit_request_line`, gunicorn.conf.py) are not JSON.
- A chunked body (`Transfer-Encoding: chunked`, no Content-Length) is read
  here, up to the same limit, and handed on with its length, so the view
  sees the body the client sent instead of an empty one. Everywhere, not
  only under /api/; over the limit outside the API the answer is a plain 413.
- Every response under `/api/v1/` except the public articles API carries
  `Cache-Control: private, no-store`: it carries one account's health data
  (or a token), which no shared cache, and no browser cache, may keep.

The 503 for an unreachable database is letdown_project/errors.py's.
"""

from io import BytesIO

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpResponse, JsonResponse

API_PREFIX = "/api/"
PRIVATE_PREFIX = "/api/v1/"
PUBLIC_PREFIXES = ("/api/v1/articles/",)
PRIVATE_CACHE_CONTROL = "private, no-store"


def is_private_api(path: str) -> bool:
    return path.startswith(PRIVATE_PREFIX) and not path.startswith(PUBLIC_PREFIXES)


def _too_big(request, limit: int):
    detail = f"The request body is too large (the limit is {limit} bytes)."
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"detail": detail}, status=413)
    return HttpResponse(detail, status=413, content_type="text/plain; charset=utf-8")


class ApiEdgeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._refuse(request) or self.get_response(request)
        if is_private_api(request.path_info):
            response["Cache-Control"] = PRIVATE_CACHE_CONTROL
        return response

    def _refuse(self, request):
        """The error answer for a request too long to handle, or None."""
        path = request.path_info
        max_query = settings.API_MAX_QUERY_STRING
        if path.startswith(API_PREFIX) and len(request.META.get("QUERY_STRING", "")) > max_query:
            return JsonResponse(
                {"detail": f"The query string is too long (the limit is {max_query} characters)."},
                status=414,
            )
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        length = request.META.get("CONTENT_LENGTH")
        if length:
            try:
                too_big = int(length) > limit
            except ValueError:
                too_big = False  # Django treats a garbled length as none
            return _too_big(request, limit) if too_big else None
        if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            return self._read_chunked(request, limit)
        return None

    def _read_chunked(self, request, limit: int):
        # The WSGI server has already undone the chunking (gunicorn does); the
        # body just has no length, and Django reads a body without one as empty.
        stream = request.environ.get("wsgi.input")
        body = stream.read(limit + 1) if stream is not None else b""
        if len(body) > limit:
            return _too_big(request, limit)
        request.META["CONTENT_LENGTH"] = str(len(body))
        request._stream = LimitedStream(BytesIO(body), len(body))
        return None
