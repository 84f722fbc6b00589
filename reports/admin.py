from django.contrib import admin

from reports.models import ReportLink


@admin.register(ReportLink)
class ReportLinkAdmin(admin.ModelAdmin):
    # The secret is never shown: only its hash is stored, and that is no use to anyone.
    list_display = ["baby", "first_day", "last_day", "created_by", "expires_at", "revoked_at"]
    list_filter = ["revoked_at"]
    readonly_fields = [
        "baby",
        "created_by",
        "first_day",
        "last_day",
        "time_zone",
        "created_at",
        "expires_at",
    ]
    exclude = ["secret_hash"]

    def has_add_permission(self, request):
        return False  # links are made by parents, with a secret only they see
