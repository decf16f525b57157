from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "bereik.followup"
    verbose_name = _("Hulp en opvolging")

    def ready(self):
        from bereik.accounts import roles
        from bereik.dossiers import next_step, sections
        from bereik.followup import (  # noqa: F401
            dossier_sections,
            home_panels,
            personal,  # noqa: F401 - registers its part of a person's data
            step_rule,
        )
        from bereik.home import admin_links, nav

        next_step.register(step_rule.RULE)
        sections.register_header_action(
            20,
            _("Gesprek registreren"),
            "followup:proposal_create",
            when=lambda dossier: dossier.reached_on is not None,
        )
        sections.register_header_action(30, _("Notitie toevoegen"), "followup:note_add")

        nav.register(40, _("Taken"), "followup:my_tasks", allowed=roles.writes_dossiers)
        nav.register(45, _("Doorverwijzingen"), "followup:queue", allowed=roles.writes_dossiers)
        admin_links.register(
            140,
            _("Hulp en opvolging: lijsten"),
            "followup:config_index",
            _(
                "Rechtenonderzoek (rechten en groepen), uitkomstcodes, externe organisaties, "
                "checklist Energie- en Watercel, nazorgregels."
            ),
        )
