from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "bereik.dossiers"
    verbose_name = _("Dossiers")

    def ready(self):
        from bereik.dossiers import detail_sections  # noqa: F401 - registers the sections
