from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvictionConfig(AppConfig):
    name = "bereik.eviction"
    verbose_name = _("Uithuiszetting")

    def ready(self):
        from bereik.dossiers import next_step
        from bereik.eviction import dossier_sections, letters, step_rule, worklist_filters  # noqa: F401

        next_step.register(step_rule.RULE)
        letters.register()
        worklist_filters.register()
