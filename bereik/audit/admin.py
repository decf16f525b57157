from django.contrib import admin

from bereik.audit.models import AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """Django admin that only shows. Changes go through the application's Beheer pages, whose
    actions record who changed what; the Django admin would bypass that."""

    actions = None

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "kind", "action", "object_repr", "subject_label", "purpose"]
    list_filter = ["kind", "at"]
    search_fields = ["action", "subject_label", "subject_id", "object_repr"]
    list_select_related = ["actor"]
    date_hierarchy = "at"
    show_full_result_count = False
