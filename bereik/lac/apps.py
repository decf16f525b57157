from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LacConfig(AppConfig):
    name = "bereik.lac"
    verbose_name = _("LAC")

    def ready(self):
        import bereik.lac.worklist_filters  # noqa: F401 (the LAC-zitting filter on the worklists)
        from bereik.dossiers import access, flow
        from bereik.dossiers.models import Signal
        from bereik.home import admin_links, nav
        from bereik.intake import placements
        from bereik.lac import (  # noqa: F401
            actions,
            dossier_sections,
            home_panels,
            invitations,
            letters,
            personal,  # noqa: F401 - registers its part of a person's data
            policy,
            queries,
        )
        from bereik.outreach import queries as outreach_queries

        access.register_dossier_grant(policy.member_dossier_grant)
        # A dossier that changes worker or route: the coming agenda items' preparers follow.
        flow.changed_hands.connect(actions.agenda_preparers_follow, order=10, key="lac")

        def place_on_agenda(
            dossier_ids, *, actor, signal_kinds=(), on_other_session="", import_id=None, **_event
        ):
            """After an import of a LAC list: its dossiers on the agenda of their session, the
            households already on another session as the user chose, and the import told."""
            lac_lists = {Signal.Kind.LAC_WATER, Signal.Kind.LAC_ENERGIE}
            if lac_lists.intersection(signal_kinds):
                return actions.agenda_place_imported(
                    dossier_ids,
                    actor=actor,
                    on_other_session=on_other_session,
                    import_id=import_id,
                )
            return None

        # The intake's preview of a LAC list: its households already on another session.
        placements.register(queries.find_elsewhere)

        outreach_queries.register_session_source(invitations.known_sessions)
        flow.arrived.connect(
            place_on_agenda, order=20, key="lac", label=_("het plaatsen op de agenda van de LAC")
        )
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
