"""The preparation of agenda items: what the chair and the secretary need per household, and what
is still missing. The follow-up data (proposal and feedback, sociaal verslag, rights investigation)
comes from the follow-up app through `followup_data`, the one place that knows its shape."""

import datetime
import functools
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bereik.energy.queries import facts_for as energy_facts_for
from bereik.followup.models import Proposal, RightCheck
from bereik.followup.queries import feedback_for, reports_for
from bereik.lib.documents import format_amount


@dataclass
class FollowupData:
    proposal: str = ""  # the proposal in one line; "" when there is none yet
    proposal_date: datetime.date | None = None
    client_agrees: str = ""
    feedback: str = ""  # the worker's terugkoppeling to the chair
    feedback_by: str = ""  # who wrote it
    feedback_at: datetime.datetime | None = None  # when it was written
    report: str = ""  # the current sociaal verslag
    report_version: int | None = None
    rights: str = ""  # the rights investigation in one line; "" when not started
    rights_open: int = 0  # rights still "na te gaan"


@dataclass
class Preparation:
    reached_on: datetime.date | None
    followup: FollowupData
    missing: list[str] = field(default_factory=list)
    # What needs attention before the session, as (word, explanation); the agenda colours only
    # these rows (bereik/lac/static/lac/lac.css).
    attention: list[tuple[str, str]] = field(default_factory=list)
    # For an energy dossier: the winter stop on the session's day, minimum supply, the budget
    # meter or prepaid and Fluvius as social supplier (bereik.energy), one fact a line.
    energy: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing


def attention_for(item) -> list[tuple[str, str]]:
    """(word, explanation) of what needs attention on an item of a session still open: a session
    after the legal deadline for the advice, a dossier nobody prepares."""
    if item.session.is_closed:
        return []
    attention = []
    if item.is_late:
        attention.append(
            (
                _("Te laat"),
                _("de zitting valt na de wettelijke termijn voor het advies (%(date)s)")
                % {"date": item.legal_deadline.strftime("%d/%m/%Y")},
            )
        )
    if item.current_preparer is None:
        attention.append((_("Geen voorbereider"), _("niemand bereidt dit dossier voor")))
    return attention


def followup_data(dossier_ids) -> dict[int, FollowupData]:
    """dossier id -> FollowupData, in a fixed number of queries (none per dossier)."""
    dossier_ids = list(dossier_ids)
    proposals = feedback_for(dossier_ids)
    reports = reports_for(dossier_ids)
    # followup.queries.rights_summary answers for one dossier; the overview needs many at once.
    rights: dict[int, dict[str, int]] = {}
    rows = (
        RightCheck.objects.filter(dossier_id__in=dossier_ids)
        .values("dossier_id", "status")
        .annotate(count=Count("id"))
    )
    for row in rows:
        rights.setdefault(row["dossier_id"], {})[row["status"]] = row["count"]
    labels = dict(RightCheck.Status.choices)

    result = {}
    for dossier_id in dossier_ids:
        data = FollowupData()
        proposal = proposals.get(dossier_id)
        if proposal is not None:
            data.proposal_date = proposal.conversation_date
            data.feedback = proposal.feedback
            data.feedback_by = proposal.author.get_full_name() or proposal.author.username
            data.feedback_at = proposal.created_at
            data.client_agrees = str(proposal.get_client_agrees_display())
            if proposal.arrangement == Proposal.Arrangement.PLAN:
                data.proposal = _("Afbetalingsplan %(amount)s × %(months)s maanden") % {
                    "amount": format_amount(proposal.amount_per_month),
                    "months": proposal.months or "?",
                }
            elif proposal.arrangement == Proposal.Arrangement.OTHER:
                data.proposal = proposal.arrangement_text or str(proposal.get_arrangement_display())
        report = reports.get(dossier_id)
        if report is not None:
            data.report = report.text
            data.report_version = report.version
        counts = rights.get(dossier_id)
        if counts:
            data.rights = ", ".join(
                f"{counts[code]} {labels[code]}"
                for code, _label in RightCheck.Status.choices
                if counts.get(code)
            )
            data.rights_open = counts.get(RightCheck.Status.TO_CHECK, 0)
        result[dossier_id] = data
    return result


def energy_lines(items) -> dict[int, list[str]]:
    """agenda item id -> the energy facts of its dossier on its session's day (two queries for
    the energy dossiers of a session; none for water)."""
    by_date: dict = {}
    for item in items:
        by_date.setdefault(item.session.date, []).append(item)
    lines = {}
    for day, day_items in by_date.items():
        facts = energy_facts_for([item.dossier for item in day_items], on=day)
        for item in day_items:
            found = facts.get(item.dossier_id)
            lines[item.pk] = found.lines() if found is not None else []
    return lines


@functools.cache
def _missing_words(language: str | None) -> dict[str, str]:
    """The missing pieces' names, translated once a language: a session of 300 households
    named up to six for each (a fifth of its agenda's time went to translating them)."""
    return {
        "preparer": _("geen voorbereider"),
        "reached": _("niet bereikt"),
        "proposal": _("geen voorstel"),
        "rights": _("geen rechtenonderzoek"),
        "rights_open": _("rechtenonderzoek niet af"),
        "report": _("geen sociaal verslag"),
    }


def _missing(item, followup: FollowupData, words: dict[str, str]) -> list[str]:
    missing = []
    if item.current_preparer is None:
        missing.append(words["preparer"])
    if item.dossier.reached_on is None:
        missing.append(words["reached"])
    if not followup.proposal:
        missing.append(words["proposal"])
    if not followup.rights:
        missing.append(words["rights"])
    elif followup.rights_open:
        missing.append(words["rights_open"])
    if not followup.report:
        missing.append(words["report"])
    return missing


def preparation_for(items) -> dict[int, Preparation]:
    """agenda item id -> Preparation, with the missing pieces named."""
    items = list(items)
    data = followup_data({item.dossier_id for item in items})
    energy = energy_lines(items)
    words = _missing_words(get_language())
    result = {}
    for item in items:
        followup = data.get(item.dossier_id, FollowupData())
        result[item.pk] = Preparation(
            item.dossier.reached_on,
            followup,
            _missing(item, followup, words),
            attention_for(item),
            energy.get(item.pk, []),
        )
    return result


def missing_for(items) -> dict[int, list[str]]:
    """agenda item id -> the pieces still missing, named as `preparation_for` names them,
    without what else it reads (the energy facts, the points of attention): the home panels
    show only these."""
    items = list(items)
    data = followup_data({item.dossier_id for item in items})
    words = _missing_words(get_language())
    return {
        item.pk: _missing(item, data.get(item.dossier_id, FollowupData()), words) for item in items
    }
