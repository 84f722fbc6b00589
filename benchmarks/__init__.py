"""Reproducible performance runs against real gunicorn processes (not part of the tests)."""
