"""
Error handlers: JSON under the API, the site's own pages elsewhere.

Contract: a 404 or 500 under `/api/` answers JSON (`{"detail": "..."}`), as
the API contract promises for every error body; anywhere else it renders
`404.html` / `500.html`. The 500 handler touches neither the database nor the
session and renders `500.html` with no context, so it works when the
database is the thing that failed.
"""

from django.http import JsonResponse
from django.views import defaults

API_PREFIX = "/api/"


def _is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def page_not_found(request, exception):
    if _is_api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return JsonResponse({"detail": "Server error."}, status=500)
    return defaults.server_error(request)
