from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "bereik.audit"
    verbose_name = _("Toegangslog")

    def ready(self):
        from bereik.home import admin_links

        admin_links.register(
            60,
            _("Toegangslog"),
            "audit:list",
            _("Wie bekeek of wijzigde wat, wanneer en waarom: zoeken en exporteren."),
        )
