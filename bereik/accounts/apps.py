from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "bereik.accounts"
    verbose_name = _("Gebruikers en teams")

    def ready(self):
        from bereik.accounts import access
        from bereik.home import nav

        nav.register(90, _("Beheer"), "accounts:admin_home", allowed=access.is_beheerder)
