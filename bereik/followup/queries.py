"""Read-only questions other apps ask about the follow-up (the LAC's session preparation, the
figures). A stable interface: names and return shapes do not change without telling their users.

None of these functions checks access: callers pass dossiers the user may already see
(`access.visible_dossiers`) and log the read themselves.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.utils.text import slugify

from bereik.accounts import roles
from bereik.accounts.models import Team
from bereik.dossiers import presence
from bereik.dossiers.models import DossierEvent
from bereik.followup.models import (
    Closure,
    InternalReferral,
    OutcomeCode,
    Proposal,
    RightCheck,
    RightItem,
    SocialReport,
)
from bereik.followup.rules import event_family, event_kind_label

TIMELINE_PAGE_SIZE = 100


def latest_proposal(dossier) -> Proposal | None:
    """The latest conversation and proposal (the terugkoppeling to the LAC chair), with `author`
    loaded; None if there is none."""
    return dossier.proposals.select_related("author").order_by("-id").first()


def latest_report(dossier) -> SocialReport | None:
    """The current version of the sociaal verslag (`text`, `version`, `author`, `created_at`)."""
    return dossier.social_reports.select_related("author").order_by("-version").first()


def intensive_help_unreferred(dossier, proposal=None) -> bool:
    """The latest conversation (or `proposal`, when the caller has it) says intensive help is
    needed, and no internal referral for it is open or accepted."""
    proposal = proposal if proposal is not None else latest_proposal(dossier)
    if proposal is None or not proposal.intensive_help_needed:
        return False
    return not dossier.internal_referrals.filter(
        status__in=InternalReferral.ACTIVE_STATUSES,
        help_kind__in=InternalReferral.INTENSIVE_KINDS,
    ).exists()


def report_history(dossier) -> list[SocialReport]:
    """Every version of the sociaal verslag, newest first."""
    return list(dossier.social_reports.select_related("author").order_by("-version"))


def _latest_per_dossier(model, dossier_ids, order_field: str) -> dict:
    latest = (
        model.objects.filter(dossier_id__in=dossier_ids)
        .values("dossier_id")
        .annotate(last=Max(order_field))
    )
    wanted = {row["dossier_id"]: row["last"] for row in latest}
    if not wanted:
        return {}
    rows = model.objects.filter(dossier_id__in=list(wanted)).select_related("author")
    rows = rows.filter(**{f"{order_field}__in": list(set(wanted.values()))})
    return {
        row.dossier_id: row for row in rows if getattr(row, order_field) == wanted[row.dossier_id]
    }


def _ids(dossiers) -> list[int]:
    return [getattr(d, "pk", d) for d in dossiers]


def feedback_for(dossiers) -> dict[int, Proposal]:
    """dossier id -> latest Proposal (terugkoppeling: `feedback`, `conversation_date`, `author`,
    `created_at`, the proposal fields) for many dossiers (objects or ids), in two queries."""
    return _latest_per_dossier(Proposal, _ids(dossiers), "id")


def reports_for(dossiers) -> dict[int, SocialReport]:
    """dossier id -> current SocialReport for many dossiers (objects or ids), in two queries."""
    return _latest_per_dossier(SocialReport, _ids(dossiers), "version")


@dataclass
class RightsSummary:
    """What the algemeen rechtenonderzoek found. `by_status` maps each status code
    (RightCheck.Status.USED, APPLIED, NOT_ELIGIBLE, TO_CHECK) to the names of the rights in it."""

    by_status: dict[str, list[str]] = field(default_factory=dict)
    checked: int = 0

    @property
    def applied(self) -> list[str]:
        """Rights opened (applied for) for this household."""
        return self.by_status.get(RightCheck.Status.APPLIED, [])

    @property
    def used(self) -> list[str]:
        return self.by_status.get(RightCheck.Status.USED, [])

    @property
    def to_check(self) -> list[str]:
        return self.by_status.get(RightCheck.Status.TO_CHECK, [])

    @property
    def not_eligible(self) -> list[str]:
        return self.by_status.get(RightCheck.Status.NOT_ELIGIBLE, [])

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        """(status code, label, count) for every status, in the checklist's order."""
        return [
            (code, label, len(self.by_status.get(code, [])))
            for code, label in RightCheck.Status.choices
        ]

    @property
    def in_progress(self) -> bool:
        return bool(self.to_check)

    def __bool__(self) -> bool:
        return self.checked > 0


def rights_summary(dossier) -> RightsSummary:
    """The rights investigation of one dossier, in one query (none on a page that read the
    dossier has no check: `presence`)."""
    summary = RightsSummary(by_status={code: [] for code, _label in RightCheck.Status.choices})
    checks = presence.rows(
        dossier,
        "right_checks",
        RightCheck.objects.filter(dossier=dossier)
        .select_related("item", "item__group")
        .order_by("item__group__order", "item__group__name", "item__order", "item__name"),
    )
    for check in checks:
        summary.by_status[check.status].append(check.item.name)
        summary.checked += 1
    return summary


def outcome_labels() -> dict[str, str]:
    """Outcome code (Dossier.outcome) -> label, retired codes included."""
    return dict(OutcomeCode.objects.values_list("code", "name"))


def latest_closure(dossier) -> Closure | None:
    return dossier.closures.select_related("outcome", "closed_by").first()


def rights_counts_for(dossiers) -> dict[int, dict[str, int]]:
    """dossier id -> {status code: number of rights} for many dossiers, in one query. Dossiers
    without a rights investigation are left out."""
    rows = (
        RightCheck.objects.filter(dossier_id__in=_ids(dossiers))
        .values("dossier_id", "status")
        .annotate(count=Count("id"))
        .order_by()
    )
    result: dict[int, dict[str, int]] = {}
    for row in rows:
        result.setdefault(row["dossier_id"], {})[row["status"]] = row["count"]
    return result


# --- Used inside the follow-up -----------------------------------------------------------------


def timeline_context(user, dossier, *, kind: str = "", page=None) -> dict:
    """The dossier's events the user may see, oldest first, filtered by kind (a family such as
    "lac" covers "lac.agenda", "lac.advice", ...); by default the last page, with the most recent
    events. A fixed number of queries, whatever the number of events."""
    events = DossierEvent.objects.filter(dossier=dossier).filter(roles.restricted_q(user))
    # The kinds and how many of each, in one query: the families to filter on and the count of
    # the events shown (the paginator would count them again).
    counts = dict(events.order_by().values_list("kind").annotate(n=Count("id")))
    families = {event_family(code) for code in counts}
    if kind:
        # The kinds of the family, from those counted: the rows and their count agree (a LIKE
        # on the prefix would ignore case on SQLite, `startswith` here does not).
        counts = {
            code: n for code, n in counts.items() if code == kind or code.startswith(f"{kind}.")
        }
        events = events.filter(kind__in=list(counts))
    events = events.select_related("actor", "restricted_to_team").order_by("at", "id")
    paginator = _Counted(events, TIMELINE_PAGE_SIZE, count=sum(counts.values()))
    page_obj = paginator.get_page(page or paginator.num_pages)
    for event in page_obj:
        event.kind_label = event_kind_label(event.kind)
    kinds = sorted((event_kind_label(family), family) for family in families)
    return {
        "events": page_obj,
        "kind": kind,
        "kinds": [(family, label) for label, family in kinds],
    }


class _Counted(Paginator):
    """A paginator told how many objects its list holds (counted with something else)."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._count = count

    @property
    def count(self) -> int:
        return self._count


def rights_checklist(dossier) -> tuple[list[RightItem], dict[int, RightCheck]]:
    """The rights to show on a dossier's rights form (the active checklist, plus retired rights
    the dossier already used), with `group` loaded, and the dossier's checks by right id."""
    checks = {check.item_id: check for check in dossier.right_checks.all()}
    items = list(
        RightItem.objects.filter(
            Q(group__active=True, active=True) | Q(pk__in=list(checks))
        ).select_related("group")
    )
    return items, checks


def cell_team() -> Team | None:
    """The Energie- en Watercel, or None when the organisation has no such team."""
    return Team.objects.filter(code=Team.ENERGIECEL).first()


def active_team_members(team: Team, *, exclude=None):
    """The team's active members, without `exclude` (a user) when given."""
    members = team.members.filter(is_active=True)
    if exclude is not None and getattr(exclude, "pk", None):
        members = members.exclude(pk=exclude.pk)
    return members


def free_outcome_code(name: str) -> str:
    """A `code` for a new outcome made from its name, not used by another outcome yet."""
    base = slugify(name).replace("-", "_")[:50] or "uitkomst"
    code, n = base, 2
    while OutcomeCode.objects.filter(code=code).exists():
        code, n = f"{base}_{n}", n + 1
    return code
