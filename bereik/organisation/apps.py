from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "bereik.organisation"
    verbose_name = _("Organisatie")

    def ready(self):
        from bereik.audit import retention
        from bereik.home import admin_links
        from bereik.organisation.models import Organisation

        retention.set_source(lambda: Organisation.get().audit_retention_years)
        admin_links.register(
            30,
            _("Organisatie"),
            "organisation:settings",
            _("Naam, adres, openingsuren en logo voor de brieven; toewijzingsmodel; termijnen."),
        )
        admin_links.register(
            40, _("Gemeenten"), "organisation:municipalities", _("De gemeenten die je bedient.")
        )
        admin_links.register(
            50,
            _("Maatschappijen"),
            "organisation:companies",
            _("De watermaatschappijen en Fluvius waarvan je lijsten krijgt."),
        )
