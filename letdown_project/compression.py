"""
Compressed API answers: gzip when the client accepts it, never next to a secret.

A first sync of 50k feeds is about 30 MB of JSON, roughly twelve times its
gzip size, on a parent's mobile data. Whitenoise compresses static files
only; this compresses the API's answers (Django's GZipMiddleware, which also
adds up to 100 random bytes to each gzip header: the "Heal the Breach"
length padding).

BREACH needs a secret and attacker-influenced text in the same compressed
body, and many observed lengths. So only answers that carry no secret are
compressed (docs/decisions/0011-api-compression.md):

- only GET and HEAD under /api/: the API hands out secrets (tokens, invite
  codes, report links) only in answers to POSTs, and those stay plain;
- never the auth paths, the invites (an owner's list of open codes) or
  report links, whatever the method;
- the session cookie and CSRF token travel in headers, which gzip never
  touches, and pages with a form's CSRF token are not compressed at all.
"""

from django.middleware.gzip import GZipMiddleware

COMPRESSED_PREFIX = "/api/"
SAFE_METHODS = frozenset({"GET", "HEAD"})
# Paths whose answers may hold a credential or a share code, under any method.
SECRET_PARTS = ("/api/v1/auth/", "/invites/", "/report-links/")
COMPRESSIBLE_TYPES = ("application/json", "text/csv")


def may_compress(request, response) -> bool:
    path = request.path_info
    if request.method not in SAFE_METHODS or not path.startswith(COMPRESSED_PREFIX):
        return False
    if any(part in path for part in SECRET_PARTS):
        return False
    content_type = response.get("Content-Type", "")
    return content_type.startswith(COMPRESSIBLE_TYPES)


class ApiGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not may_compress(request, response):
            return response
        return super().process_response(request, response)
