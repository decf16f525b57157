from django.contrib import admin

from bereik.audit.admin import ReadOnlyAdmin
from bereik.screens.models import Screen, ScreenMessage


@admin.register(Screen)
class ScreenAdmin(ReadOnlyAdmin):
    list_display = ["name", "location", "created_at", "revoked_at"]
    exclude = ["token"]  # the secret link only on the Beheer page


@admin.register(ScreenMessage)
class ScreenMessageAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "starts_on", "ends_on", "active", "position"]
