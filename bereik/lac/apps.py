from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LacConfig(AppConfig):
    name = "bereik.lac"
    verbose_name = _("LAC")

    def ready(self):
        import bereik.lac.worklist_filters  # noqa: F401 (the LAC-zitting filter on the worklists)
        from bereik.dossiers import access, handover
        from bereik.home import admin_links, nav
        from bereik.lac import actions, dossier_sections, home_panels, letters, policy  # noqa: F401

        access.register_dossier_grant(policy.member_dossier_grant)
        # A dossier that changes worker or route: the coming agenda items' preparers follow.
        handover.register(actions.agenda_preparers_follow)
        letters.register()
        nav.register(50, _("LAC"), "lac:index", allowed=policy.can_see_lac)
        admin_links.register(
            130,
            _("LAC-leden"),
            "lac:people",
            _(
                "Wie in de LAC kan zetelen: voorzitter, BCSD, maatschappij, schuldbemiddelaar, "
                "secretaris."
            ),
        )
