"""
HTTP validators for everything public under the guide: pages, feed, sitemap, API.

Contract of `@revalidated`:
- A 200 answer carries `ETag`, `Last-Modified` and `Cache-Control: no-cache`
  (store it, but ask before reusing it: the service worker and browsers
  revalidate, and get a 304 with no body when nothing changed).
- A GET/HEAD whose `If-None-Match` (or, without it, `If-Modified-Since`)
  matches answers 304 before the view runs: one aggregate query, no rendering.

The validator is the state of the whole public library, not of one article,
because every page shows other articles too (related lists, the index, topic
pages). It changes when any article or topic is saved, published, unpublished
or deleted (max `updated_at` plus counts), and with each release (templates
and static files), and it covers the request's URL, `Accept` (the API has a
browsable HTML form) and session cookie (the page header may show who is
signed in). Editors save rarely, so invalidating everything on any save is
cheap and always correct.
"""

import hashlib
from datetime import UTC, datetime
from functools import cache, wraps
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Max, Q
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from articles.models import Article, Topic


def library_state() -> tuple[datetime | None, str]:
    """(last change, fingerprint) of the public library, in two small queries."""
    articles = Article.objects.aggregate(
        last=Max("updated_at"),
        count=Count("id"),
        published=Count("id", filter=Q(status=Article.Status.PUBLISHED)),
    )
    topics = Topic.objects.aggregate(last=Max("updated_at"), count=Count("id"))
    release_digest, release_time = release()
    # A new release changes pages too, so it also moves Last-Modified (for
    # clients that revalidate with If-Modified-Since alone).
    stamps = [s for s in (articles["last"], topics["last"], release_time) if s is not None]
    last = max(stamps) if stamps else None
    fingerprint = "|".join(
        str(v)
        for v in (last, articles["count"], articles["published"], topics["count"], release_digest)
    )
    return last, fingerprint


def release() -> tuple[str, datetime | None]:
    """(digest, newest file time) of the templates and static manifest in use.

    Template or stylesheet edits change pages without touching the database.
    In production files change only with a release, so they are read once per
    process; in development on every request.
    """
    return _release_files() if not settings.DEBUG else _release_files.__wrapped__()


@cache
def _release_files() -> tuple[str, datetime | None]:
    digest = hashlib.sha256()
    roots = [Path(__file__).resolve().parent / "templates", Path(settings.BASE_DIR) / "frontend"]
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    files = [p for root in roots if root.exists() for p in sorted(root.rglob("*.html"))]
    newest = None
    for path in [*files, manifest]:
        if path.exists():
            digest.update(path.read_bytes())
            newest = max(newest or 0, path.stat().st_mtime)
    stamp = datetime.fromtimestamp(newest, tz=UTC) if newest is not None else None
    return digest.hexdigest()[:16], stamp


def _etag(request, fingerprint: str) -> str:
    parts = (
        fingerprint,
        request.get_full_path(),
        request.headers.get("Accept", ""),
        request.COOKIES.get(settings.SESSION_COOKIE_NAME, ""),
    )
    return '"' + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32] + '"'


def revalidated(view):
    """Give a public view ETag/Last-Modified and answer conditional GETs with 304."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        last, fingerprint = library_state()
        etag = _etag(request, fingerprint)
        last_modified = int(last.timestamp()) if last else None
        if request.method in ("GET", "HEAD"):
            response = get_conditional_response(
                request, etag=etag, last_modified=last_modified, response=None
            )
            if response is not None:
                _mark(response, etag, last_modified)
                return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            _mark(response, etag, last_modified)
        return response

    return wrapper


def _mark(response, etag: str, last_modified: int | None) -> None:
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, no_cache=True)
    patch_vary_headers(response, ("Accept", "Cookie"))
