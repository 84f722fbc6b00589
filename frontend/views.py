"""Views of the PWA platform: app shell, manifest, service worker, offline and search pages.

- `/` renders the tracker app shell (template owned by the tracker UI).
- `/manifest.webmanifest` is the install metadata (application/manifest+json).
- `/sw.js` is the service worker, rendered so it knows this release's hashed
  static URLs; served with `Cache-Control: no-cache` so browsers check for a
  new release on every navigation.
- `/offline/` is what the worker shows for a page that is not saved yet.
- `/search/` searches the guidance saved on the phone (works offline).
"""

import json

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_safe

from frontend.service_worker import precache_urls, release_version
from frontend.webmanifest import web_app_manifest


@ensure_csrf_cookie  # The app's JSON calls read the CSRF cookie when they send.
@require_safe
def home(request):
    return render(request, "frontend/app.html")


@require_safe
def offline(request):
    return render(request, "frontend/offline.html")


@require_safe
def search(request):
    return render(request, "frontend/search.html")


@require_safe
@cache_control(public=True, max_age=3600)
def manifest(request):
    return JsonResponse(
        web_app_manifest(),
        content_type="application/manifest+json",
        json_dumps_params={"indent": 2},
    )


@require_safe
@cache_control(no_cache=True)
def service_worker(request):
    urls = precache_urls()
    response = render(
        request,
        "frontend/sw.js",
        {
            "version": release_version(urls),
            "precache_json": json.dumps(urls, indent=2),
            "dev": settings.DEBUG,
        },
        content_type="text/javascript; charset=utf-8",
    )
    # The worker may control the whole origin, though it lives at the root anyway.
    response["Service-Worker-Allowed"] = "/"
    return response
