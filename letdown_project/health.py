"""
`/healthz`: tells a load balancer whether this app server can reach its database.

200 `{"status": "ok", "database": "ok"}`, or 503 with `Retry-After` and
`{"status": "error", "database": "unreachable", "detail": "..."}`. The
driver's own reason (which names the database's host and port) goes to the
log, not to whoever asks: /healthz is public.
"""

import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from letdown_project.errors import DATABASE_RETRY_AFTER

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("healthz: database unreachable: %s", error)
        response = JsonResponse(
            {
                "status": "error",
                "database": "unreachable",
                "detail": "This server cannot reach its database.",
            },
            status=503,
        )
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
        return response
    return JsonResponse({"status": "ok", "database": "ok"})
