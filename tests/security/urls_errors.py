"""The project's URLs plus views that fail on purpose, for the error-page tests."""

from django.db import OperationalError
from django.urls import path

from letdown_project.urls import handler404, handler500
from letdown_project.urls import urlpatterns as project_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def boom(request):
    raise RuntimeError("a bug in a view")


def database_down(request):
    raise OperationalError("could not connect to server: Connection refused")


urlpatterns = [
    path("test-errors/boom/", boom),
    path("test-errors/database-down/", database_down),
    path("api/v1/test-errors/boom/", boom),
    *project_urlpatterns,
]
