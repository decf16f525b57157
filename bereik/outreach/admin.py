# Only what holds no personal data: contact attempts, visits and letters are read in the
# application, where every read of a person's data is logged.
from django.contrib import admin

from bereik.audit.admin import ReadOnlyAdmin
from bereik.outreach.models import Brochure, LetterTemplate


@admin.register(LetterTemplate)
class LetterTemplateAdmin(ReadOnlyAdmin):
    list_display = ["code", "original_name", "uploaded_at", "uploaded_by"]


@admin.register(Brochure)
class BrochureAdmin(ReadOnlyAdmin):
    list_display = ["title", "uploaded_at", "uploaded_by"]
