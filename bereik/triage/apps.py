from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "bereik.triage"
    verbose_name = _("Koppeling, triage en toewijzing")

    def ready(self):
        from bereik.dossiers import access, flow
        from bereik.intake import lookalikes as intake_lookalikes
        from bereik.triage import (  # noqa: F401
            dossier_sections,
            home_panels,
            lookalikes,
            personal,  # noqa: F401 - registers its part of a person's data
            worklists,
        )
        from bereik.triage.actions import arrival, lines, matching
        from bereik.triage.grants import consultation_grant

        access.register_dossier_grant(consultation_grant)
        # Before a signal entered by hand is stored: the households that look like it.
        intake_lookalikes.register(lookalikes.find_lookalikes)
        worklists.register_all()
        flow.arrived.connect(
            arrival.match_arrived,
            order=10,
            key="triage",
            label=_("het koppelen aan het cliëntenregister"),
        )
        flow.lines_arrived.connect(
            lines.match_lines,
            order=10,
            key="triage",
            label=_("het koppelen aan het cliëntenregister"),
        )
        flow.register_changed.connect(matching.register_changed, order=10, key="triage")
