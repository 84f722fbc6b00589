"""
The report page a link opens: GET /report/{secret}/, for anyone holding the link.

- Unknown secret: 404. Expired or revoked: 410. Both say only that the link
  does not open a report (never whose it was).
- Every answer: `X-Robots-Tag: noindex` (never in a search engine),
  `Cache-Control: private, no-store` (never in a shared cache or the browser's
  history cache), `Referrer-Policy: no-referrer` (the secret never leaves in a
  Referer header). The service worker never stores these pages either.
- Rate-limited per client address (`report_page`), counted on every attempt,
  so nobody can try secrets quickly (they are 256-bit random anyway).
"""

from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from letdown_project.throttling import LetdownRateThrottle
from reports import report
from reports.models import ReportLink, secret_hash


class ReportPageThrottle(LetdownRateThrottle):
    scope = "report_page"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def _private(response):
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    response["Referrer-Policy"] = "no-referrer"
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def report_page(request, secret: str):
    throttle = ReportPageThrottle()
    if not throttle.allow_request(request, None):
        response = render(request, "reports/unavailable.html", {"reason": "busy"}, status=429)
        response["Retry-After"] = str(max(1, round(throttle.wait())))
        return _private(response)
    link = (
        ReportLink.objects.select_related("baby").filter(secret_hash=secret_hash(secret)).first()
    )
    if link is None or link.state() != "open":
        status = 404 if link is None else 410
        return _private(
            render(request, "reports/unavailable.html", {"reason": "closed"}, status=status)
        )
    return _private(render(request, "reports/report.html", report.build(link)))
