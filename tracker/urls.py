"""The signed-in API under /api/v1/: auth, babies, feeds, summaries, export, sync."""

urlpatterns: list = []
