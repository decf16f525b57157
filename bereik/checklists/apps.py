from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecklistsConfig(AppConfig):
    name = "bereik.checklists"
    verbose_name = _("Richtvragen")

    def ready(self):
        from bereik.checklists import dossier_sections, personal  # noqa: F401
        from bereik.dossiers import sections
        from bereik.home import admin_links

        sections.register_header_action(
            35,
            _("Richtvragen overlopen"),
            "checklists:choose",
            when=lambda dossier: dossier.is_open,
        )
        admin_links.register(
            145,
            _("Richtvragen"),
            "checklists:config_index",
            _(
                "De lijsten met richtvragen (water, energie, woningkwaliteit, geld): per vraag het "
                "antwoord dat een doorverwijzing voorstelt, en waarheen."
            ),
        )
