from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "bereik.followup"
    verbose_name = _("Hulp en opvolging")

    def ready(self):
        from bereik.accounts import roles
        from bereik.followup import dossier_sections, home_panels  # noqa: F401 - registers
        from bereik.home import admin_links, nav

        nav.register(40, _("Taken"), "followup:my_tasks", allowed=roles.writes_dossiers)
        nav.register(45, _("Doorverwijzingen"), "followup:queue", allowed=roles.writes_dossiers)
        admin_links.register(
            140,
            _("Hulp en opvolging: lijsten"),
            "followup:config_index",
            _(
                "Rechtenonderzoek (rechten en groepen), uitkomstcodes, externe organisaties, "
                "checklist Energie- en Watercel, nazorgregels."
            ),
        )
