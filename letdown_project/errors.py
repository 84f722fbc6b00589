"""
Error handlers: JSON under the API, the site's own pages elsewhere.

Contract: a 404 or 500 under `/api/` answers JSON (`{"detail": "..."}`), as
the API contract promises for every error body; anywhere else it renders
`404.html` / `500.html`. The 500 handler touches neither the database nor the
session and renders `500.html` with no context, so it works when the
database is the thing that failed.

When the error is the database being unreachable (an OperationalError or
InterfaceError: connection refused, a restart in progress, a connection cut
mid-query), nothing is wrong with the request: the answer is 503 with
`Retry-After` (JSON under the API, the 500 page's text elsewhere), and the
phones send the same request again later (their outbox keeps it; a push that
did commit before the cut is recognised by its seq and never applied twice).
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from django.views import defaults

API_PREFIX = "/api/"
# Seconds: about what a PostgreSQL restart or failover takes.
DATABASE_RETRY_AFTER = 10
DATABASE_DOWN = "The service is briefly unavailable (its database cannot be reached); try again."


def _is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def database_unavailable(error: BaseException | None) -> bool:
    return isinstance(error, OperationalError | InterfaceError)


def page_not_found(request, exception):
    if _is_api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    # Called inside the `except` that caught the view's error, so it is at hand.
    if database_unavailable(sys.exc_info()[1]):
        if _is_api(request):
            response = JsonResponse({"detail": DATABASE_DOWN}, status=503)
        else:
            # The site's own error page (it needs no database), as a 503.
            response = defaults.server_error(request)
            response.status_code = 503
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response
    if _is_api(request):
        return JsonResponse({"detail": "Server error."}, status=500)
    return defaults.server_error(request)
