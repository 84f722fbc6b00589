"""Guidance pages (/guide/...) and the public articles API (/api/v1/articles/...)."""

urlpatterns: list = []
