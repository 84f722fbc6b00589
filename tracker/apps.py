from django.apps import AppConfig


class TrackerConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "tracker"

    def ready(self):
        # Browser devices follow sign-in and sign-out (signal receivers).
        from tracker.accounts import credentials  # noqa: F401
