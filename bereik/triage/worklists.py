"""The triage's worklists and its action on ticked rows, added to the dossiers' worklists."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from bereik.accounts import roles
from bereik.dossiers import access
from bereik.dossiers.worklists import BulkAction, Worklist, register, register_bulk_action
from bereik.triage.forms import BulkAssignForm
from bereik.triage.models import MatchCandidate
from bereik.triage.queries import to_confirm_q, to_triage_q, to_triage_walk_q


def _with_candidates(queryset):
    """The confirmation queue shows each household's open candidates: one more query a page."""
    return queryset.select_related("triage").prefetch_related(
        Prefetch(
            "triage__candidates",
            queryset=MatchCandidate.objects.filter(rejected_at__isnull=True).select_related(
                "client__social_worker"
            ),
            to_attr="open_candidates",
        )
    )


def _assign_context(request) -> dict:
    # Its own ids: the filter form above the list has a "worker" field too.
    form = BulkAssignForm(initial={"next": request.get_full_path()}, auto_id="bulk_%s")
    return {"assign_form": form}


def register_all() -> None:
    register(
        Worklist(
            30,
            "te-trieren",
            _("Te triëren"),
            roles.can_triage,
            lambda user, qs, request: qs.filter(to_triage_q()),
            _(
                "Dossiers zonder route, en dossiers in route B waarvan het overleg nog geen "
                "uitkomst heeft."
            ),
            header="triage/partials/match_all.html",
            walk=lambda user, qs, request: qs.filter(to_triage_walk_q()),
        )
    )
    register(
        Worklist(
            40,
            "te-bevestigen",
            _("Te bevestigen koppelingen"),
            roles.can_triage,
            lambda user, qs, request: qs.filter(to_confirm_q()),
            _(
                "Huishoudens die op een cliënt uit het register lijken, maar niet zeker genoeg "
                "om automatisch te koppelen. Vergelijk en bevestig of wijs af."
            ),
            template="triage/confirm.html",
            prepare=_with_candidates,
            header="triage/partials/match_all.html",
        )
    )
    register(
        Worklist(
            50,
            "niet-toegewezen",
            _("Niet toegewezen"),
            access.can_assign,
            lambda user, qs, request: qs.filter(assigned_to__isnull=True),
            _("Open dossiers die nog niemand opvolgt."),
        )
    )
    register_bulk_action(
        BulkAction(
            10,
            "assign",
            "triage:bulk_assign",
            "triage/partials/bulk_assign.html",
            access.can_assign,
            _assign_context,
        )
    )
