from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WeeklyConfig(AppConfig):
    name = "bereik.weekly"
    verbose_name = _("Weekrapport en waterscans")

    def ready(self):
        from bereik.accounts import roles
        from bereik.dossiers import flow
        from bereik.home import nav
        from bereik.weekly import (
            actions,
            dossier_sections,  # noqa: F401 - registers the section
            home_panels,  # noqa: F401 - registers the panel
            letters,
            personal,  # noqa: F401 - registers its part of a person's data
            tasks,  # noqa: F401 - registers the task
            worklist_filters,
        )

        nav.register(37, _("Weekrapport"), "weekly:weeks", allowed=roles.can_read_weekly_report)
        letters.register()
        worklist_filters.register()
        flow.lines_arrived.connect(
            actions.after_lines,
            order=50,
            key="weekly",
            label=_("de waterscan-suggesties"),
        )
        flow.arrived.connect(
            actions.after_arrived,
            order=95,
            key="weekly",
            label=_("het bijwerken van ‘beschermde klant’"),
        )
