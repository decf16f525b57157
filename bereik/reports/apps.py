from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "bereik.reports"
    verbose_name = _("Cijfers")

    def ready(self):
        from bereik.accounts import roles
        from bereik.home import nav
        from bereik.reports import export_columns, home_panels, scope, worklist_filters  # noqa: F401

        nav.register(60, _("Cijfers"), "reports:index", allowed=scope.can_view)
        # The impact of the experts by experience: their own, or all of them for the diensthoofd.
        nav.register(
            62,
            _("Impact ervaringsdeskundigen"),
            "reports:experts",
            allowed=lambda user: roles.can_read_expert_impact(user) or roles.is_expert(user),
        )
        worklist_filters.register()
        export_columns.register()
