from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertsConfig(AppConfig):
    name = "bereik.experts"
    verbose_name = _("Ervaringsdeskundigen en brugfiguren")

    def ready(self):
        from bereik.accounts import roles
        from bereik.experts import (  # noqa: F401
            dossier_sections,
            home_panels,
            personal,  # registers its part of a person's data
        )
        from bereik.home import nav

        nav.register(12, _("Mijn gezinnen"), "experts:home", allowed=roles.is_expert)
