from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnergyConfig(AppConfig):
    name = "bereik.energy"
    verbose_name = _("Energie")

    def ready(self):
        from bereik.energy import (
            dossier_sections,  # noqa: F401
            personal,  # noqa: F401 - registers its part of a person's data
        )
