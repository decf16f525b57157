from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvictionConfig(AppConfig):
    name = "bereik.eviction"
    verbose_name = _("Uithuiszetting")

    def ready(self):
        from bereik.dossiers import next_step
        from bereik.eviction import (  # noqa: F401
            dossier_sections,
            letters,
            personal,  # noqa: F401 - registers its part of a person's data
            step_rule,
            worklist_filters,
        )

        next_step.register(step_rule.RULE)
        letters.register()
        worklist_filters.register()
