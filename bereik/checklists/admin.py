"""Read-only admin for the lists of guiding questions. The answers are personal data and stay out
of the Django admin: they are shown only through the application (access policy, logged reads)."""

from django.contrib import admin

from bereik.audit.admin import ReadOnlyAdmin
from bereik.checklists.models import Checklist, Question


@admin.register(Checklist)
class ChecklistAdmin(ReadOnlyAdmin):
    list_display = ["name", "order", "active"]


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    list_display = ["text", "checklist", "suggest_on", "target", "active"]
    list_filter = ["checklist"]
