from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClientsConfig(AppConfig):
    name = "bereik.clients"
    verbose_name = _("Cliëntenregister")

    def ready(self):
        from bereik.accounts import roles
        from bereik.clients import dossier_sections, home_panels  # noqa: F401 - registers them
        from bereik.clients.grants import consultation_grant
        from bereik.dossiers import access
        from bereik.home import nav

        access.register_dossier_grant(consultation_grant)
        nav.register(10, _("Dossiers"), "dossiers:list", allowed=roles.works_on_dossiers)
        nav.register(
            25,
            _("Cliëntenregister"),
            "clients:list",
            allowed=lambda user: roles.can_manage_register(user) or roles.works_on_dossiers(user),
        )
