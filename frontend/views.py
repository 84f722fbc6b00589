"""Views that serve the app shell."""

from django.shortcuts import render
from django.views.decorators.csrf import ensure_csrf_cookie


@ensure_csrf_cookie  # The app's JSON calls read the CSRF cookie when they send.
def home(request):
    return render(request, "frontend/app.html")
