from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "bereik.intake"
    verbose_name = _("Intake van signalen")

    def ready(self):
        from bereik.accounts import roles
        from bereik.home import admin_links, nav
        from bereik.intake import (
            home_panels,  # noqa: F401 - registers the panel
            list_kinds,
            personal,  # noqa: F401 - registers its part of a person's data
        )

        list_kinds.register_all()

        nav.register(20, _("Import"), "intake:history", allowed=roles.can_import)
        admin_links.register(
            110,
            _("Acties van het weekrapport"),
            "intake:weekly_actions",
            _("Welke acties van een weekrapport een dossier openen."),
        )
        nav.register(18, _("Nieuw signaal"), "intake:signal_new", allowed=roles.can_enter_signal)
