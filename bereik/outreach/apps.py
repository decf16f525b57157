from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "bereik.outreach"
    verbose_name = _("Contacten en brieven")

    def ready(self):
        from bereik.accounts import roles
        from bereik.dossiers import next_step, sections
        from bereik.home import admin_links, nav
        from bereik.outreach import (  # noqa: F401 - registers the sections and panels
            audit_lookups,
            dossier_sections,
            home_panels,
            letter_types,
            personal,  # noqa: F401 - registers its part of a person's data
            step_rule,
            worklist_actions,
        )

        letter_types.register()
        next_step.register(step_rule.RULE)
        worklist_actions.register()
        sections.register_header_action(
            10, _("Contactpoging registreren"), "outreach:attempt_create"
        )
        nav.register(35, _("Huisbezoeken"), "outreach:visits", allowed=home_panels.makes_visits)
        admin_links.register(
            110,
            _("Briefsjablonen en brochure"),
            "outreach:templates",
            _(
                "De Word-sjablonen van de brieven downloaden, vervangen of terugzetten; "
                "de brochure ‘Goed geregeld is geld gespaard’ opladen."
            ),
            allowed=roles.is_beheerder,
        )
