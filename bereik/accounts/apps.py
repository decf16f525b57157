from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "bereik.accounts"
    verbose_name = _("Gebruikers en teams")

    def ready(self):
        from bereik.accounts import home_panels, roles  # noqa: F401 - registers the panel
        from bereik.home import admin_links, nav

        nav.register(90, _("Beheer"), "accounts:admin_home", allowed=roles.is_beheerder)
        admin_links.register(
            10,
            _("Gebruikers"),
            "accounts:user_list",
            _("Medewerkers toevoegen, rollen en teams geven, afwezig of niet actief zetten."),
        )
        admin_links.register(20, _("Teams"), "accounts:team_list", _("De teams en wie erin zit."))
        admin_links.register(
            95,
            _("Technisch beheer"),
            "admin:index",
            _("Django-beheer (alleen lezen) voor technische ondersteuning."),
            allowed=lambda user: user.is_staff,
        )
