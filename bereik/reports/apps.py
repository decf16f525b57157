from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "bereik.reports"
    verbose_name = _("Cijfers")

    def ready(self):
        from bereik.home import nav
        from bereik.reports import export_columns, home_panels, scope, worklist_filters  # noqa: F401

        nav.register(60, _("Cijfers"), "reports:index", allowed=scope.can_view)
        worklist_filters.register()
        export_columns.register()
