"""Read-only admin for the configurable lists. The follow-up of dossiers (proposals, reports,
documents, ...) is personal data and stays out of the Django admin: it is only shown through the
application, which applies the access policy and logs reads."""

from django.contrib import admin

from bereik.audit.admin import ReadOnlyAdmin
from bereik.followup.models import (
    AftercareRule,
    CellChecklistItem,
    ExternalOrganisation,
    OutcomeCode,
    RightGroup,
    RightItem,
)


@admin.register(RightGroup, CellChecklistItem, ExternalOrganisation)
class ListItemAdmin(ReadOnlyAdmin):
    list_display = ["name", "order", "active"]
    list_filter = ["active"]


@admin.register(RightItem)
class RightItemAdmin(ReadOnlyAdmin):
    list_display = ["name", "group", "order", "active"]
    list_filter = ["active", "group"]


@admin.register(OutcomeCode)
class OutcomeCodeAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "order", "note_required", "active"]
    list_filter = ["active"]


@admin.register(AftercareRule)
class AftercareRuleAdmin(ReadOnlyAdmin):
    list_display = ["name", "months", "active"]
    list_filter = ["active"]
