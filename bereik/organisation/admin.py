from django.contrib import admin

from bereik.audit.admin import ReadOnlyAdmin
from bereik.organisation.models import Company, Municipality, Organisation


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ["name", "city", "assignment_model"]


@admin.register(Municipality)
class MunicipalityAdmin(ReadOnlyAdmin):
    list_display = ["postcode", "name"]


@admin.register(Company)
class CompanyAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "active"]
    list_filter = ["kind", "active"]
