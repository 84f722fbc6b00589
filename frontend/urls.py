"""The PWA shell: the home page, and later the manifest and service worker."""

from django.urls import path

from frontend import views

app_name = "frontend"

urlpatterns = [
    path("", views.home, name="home"),
]
