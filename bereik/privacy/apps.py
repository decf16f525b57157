from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "bereik.privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from bereik.dossiers import personal_data
        from bereik.home import admin_links
        from bereik.privacy import audit_part

        admin_links.register(
            130,
            _("Bewaartermijnen"),
            "privacy:retention",
            _("Hoe lang afgesloten dossiers en cliënten bewaard blijven voor ze anoniem worden."),
        )
        admin_links.register(
            131,
            _("Inzageverzoek"),
            "privacy:access",
            _("Alles wat Bereik over één persoon bewaart, uitvoeren (PDF, gegevens en bestanden)."),
        )
        personal_data.register(
            90, "audit", _("Toegangslog over deze persoon"), export=audit_part.export
        )
