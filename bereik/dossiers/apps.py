from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "bereik.dossiers"
    verbose_name = _("Dossiers")

    def ready(self):
        from django.core.signals import setting_changed
        from django.db.models.signals import post_migrate

        from bereik.accounts import notifications, roles
        from bereik.dossiers import (  # noqa: F401
            access,
            audit_lookups,
            detail_sections,
            flow,
            next_step,
            personal,
            personal_data,
            statistics,
        )
        from bereik.home import nav

        nav.register(10, _("Dossiers"), "dossiers:list", allowed=roles.works_on_dossiers)
        notifications.register_filter(access.notification_q)
        # Last after signals arrived: the route and a new deadline decide the volgende stap.
        personal_data.register(
            10, "dossiers", _("Dossiers, signalen, tijdlijn en taken"),
            export=personal.export, erase=personal.erase,
        )  # fmt: skip
        post_migrate.connect(statistics.after_migrate, sender=self)
        # A kept access policy is made again when a setting it reads changes (the tests').
        setting_changed.connect(access.forget_policies, dispatch_uid="bereik_access_policies")
        flow.arrived.connect(
            next_step.refresh_ids,
            order=90,
            key="next_step",
            label=_("het bepalen van de volgende stap"),
        )
