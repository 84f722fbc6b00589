"""ASGI entry point (the app is synchronous; gunicorn + WSGI is the documented server)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "letdown_project.settings")

application = get_asgi_application()
