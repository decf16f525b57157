from django.contrib import admin

from bereik.accounts.models import Mail, Team, User
from bereik.audit.admin import ReadOnlyAdmin


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_absent"]
    list_filter = ["is_active", "is_absent", "roles", "teams"]
    search_fields = ["username", "first_name", "last_name", "email"]
    exclude = ["password"]


@admin.register(Team)
class TeamAdmin(ReadOnlyAdmin):
    list_display = ["name", "code"]


@admin.register(Mail)
class MailAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "to", "subject", "status", "attempts"]
    list_filter = ["status", "kind"]
