from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "bereik.audit"
    verbose_name = _("Toegangslog")

    def ready(self):
        from django.core.signals import request_finished, request_started

        from bereik.audit import reads, services
        from bereik.home import admin_links

        # Reads during a request are written after the response (ADR 0026).
        reads.set_writer(services.create)
        request_started.connect(reads.start, dispatch_uid="bereik_audit_reads_start")
        request_finished.connect(reads.finish, dispatch_uid="bereik_audit_reads_finish")

        admin_links.register(
            60,
            _("Toegangslog"),
            "audit:list",
            _("Wie bekeek of wijzigde wat, wanneer en waarom: zoeken en exporteren."),
        )
