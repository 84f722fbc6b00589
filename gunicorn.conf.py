"""
gunicorn settings for Letdown (`gunicorn -c gunicorn.conf.py letdown_project.wsgi`).

gunicorn also reads this file by itself when started from the repository's
root. The README's deploying section, the benchmarks, the load test and the
live-server tests all use it, so what is measured is what is deployed.
Environment variables override the sizes; the limits are fixed here.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Threads (the gthread worker): phones sync in bursts of small requests.
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
# An export of years of feeds streams for longer than the default 30 s.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5

# gunicorn refuses a request line over `limit_request_line` bytes with its own
# HTML 414. 8190 is the most it allows short of "unlimited"; the app itself
# answers a query string over API_MAX_QUERY_STRING (settings.py) with a JSON
# 414 under /api/, so every over-long request a client is likely to send gets
# the API's JSON error, and only absurd ones (over 8 KB) meet gunicorn's page.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
