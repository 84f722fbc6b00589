"""The project's URLs plus `/bench/floor/`: a bare Django JSON view, the cost floor."""

from django.http import JsonResponse
from django.urls import path

from letdown_project.urls import handler404, handler500
from letdown_project.urls import urlpatterns as project_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def floor(request):
    # No database, no DRF: what any request costs on this stack (WSGI, middleware).
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/floor/", floor), *project_urlpatterns]
