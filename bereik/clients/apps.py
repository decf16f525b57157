from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClientsConfig(AppConfig):
    name = "bereik.clients"
    verbose_name = _("Cliëntenregister")

    def ready(self):
        from bereik.accounts import roles
        from bereik.clients import (
            audit_lookups,  # noqa: F401 - the trail's person search finds clients in lists
            home_panels,  # noqa: F401 - registers the panel
            personal,  # noqa: F401 - registers its part of a person's data
        )
        from bereik.clients.import_kind import REGISTER_IMPORT
        from bereik.home import nav
        from bereik.intake import kinds

        kinds.register(REGISTER_IMPORT)

        nav.register(
            25,
            _("Cliëntenregister"),
            "clients:list",
            allowed=lambda user: roles.can_manage_register(user) or roles.works_on_dossiers(user),
        )
