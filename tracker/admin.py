"""
Staff views of the tracker: browse babies and feeds, mostly read-only.

Feeds are read-only here: every feed write goes through ``tracker.writes``
(versions, write sequence, tombstones), and an admin form would bypass it.
A baby's name and birth date may be corrected; the baby is saved with only
those columns so its ``write_seq`` is never written back stale.
"""

from django.contrib import admin

from tracker.models import Baby, Caregiver, Feed, Invite


class CaregiverInline(admin.TabularInline):
    model = Caregiver
    extra = 0
    fields = ["user", "role", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Baby)
class BabyAdmin(admin.ModelAdmin):
    list_display = ["name", "birth_date", "created_at", "write_seq"]
    search_fields = ["name", "caregivers__user__username"]
    fields = ["id", "name", "birth_date", "write_seq", "created_at", "updated_at"]
    readonly_fields = ["id", "write_seq", "created_at", "updated_at"]
    inlines = [CaregiverInline]

    def has_add_permission(self, request):
        # A baby without an owner is unreachable from the app.
        return False

    def save_model(self, request, obj, form, change):
        obj.save(update_fields=["name", "birth_date", "updated_at"])


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Feed)
class FeedAdmin(ReadOnlyAdmin):
    list_display = [
        "started_at",
        "baby",
        "kind",
        "duration_seconds",
        "letdown_count",
        "version",
        "deleted_at",
    ]
    list_filter = ["kind", ("deleted_at", admin.EmptyFieldListFilter)]
    list_select_related = ["baby"]
    search_fields = ["baby__name", "=id"]
    date_hierarchy = "started_at"
    show_full_result_count = False


@admin.register(Invite)
class InviteAdmin(ReadOnlyAdmin):
    list_display = ["code", "baby", "created_by", "expires_at", "accepted_by", "accepted_at"]
    list_select_related = ["baby", "created_by", "accepted_by"]
    search_fields = ["code", "baby__name"]
