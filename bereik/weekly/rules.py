"""What the weekly digest and the water-scan suggestions decide, without writing.

**The week.** A weekly report belongs to the ISO week in which it came in (its lines' `received_at`,
Belgian time), not to the dates of its actions: a report covering Thursday to Wednesday is one
week's news. `--week 2026-W48` names it; the default is the current week.

**Who follows a line.** The register client's social worker while the client is in active
guidance, the worker of the line's dossier, and the workers of the client's open dossiers. A line
nobody follows goes to the preventiewerker(s). Each recipient gets their own lines first and the
rest of the report after, each line once.

**Water-scan suggestions** (domain: "Beschermde klant (water) and water scan"): a household is
suggested when (1) a weekly report says it is a protected customer, (2) its known yearly use is at
least 150% of the average for its household size (`AVERAGE_M3`), or (3) the LAC, a CAW or debt
mediation proposed a scan (`WaterUsage`). A household is a register client, or (not matched) the
company's customer number. Its `basis` (the grounds, and the usage record they come from) is kept
with a decision: the suggestion comes back only when the basis changes, or after "later".
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from bereik.accounts import roles
from bereik.clients.models import Client
from bereik.dossiers.models import Dossier, Signal
from bereik.weekly.models import ScanSuggestion, WaterUsage

WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")

# Average yearly water use (m³) per household size, Flanders (about 30 m³ per person and year;
# to be confirmed by the OCMW, like the other figures of the domain). 5 and more: the last one.
AVERAGE_M3 = {1: Decimal(32), 2: Decimal(60), 3: Decimal(85), 4: Decimal(105), 5: Decimal(125)}
HIGH_USAGE_FACTOR = Decimal("1.5")


# --- Weeks -----------------------------------------------------------------------------------


def week_of(day: datetime.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def current_week() -> str:
    return week_of(timezone.localdate())


def parse_week(text: str) -> str:
    """The week as `YYYY-Www` (ValueError when it is not one)."""
    match = WEEK_RE.match((text or "").strip())
    if not match:
        raise ValueError(text)
    monday(match.group(0))
    return match.group(0)


def monday(week: str) -> datetime.date:
    year, number = WEEK_RE.match(week).groups()
    return datetime.date.fromisocalendar(int(year), int(number), 1)


def week_bounds(week: str) -> tuple[datetime.datetime, datetime.datetime]:
    start = monday(week)
    tz = timezone.get_current_timezone()
    first = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    return first, first + datetime.timedelta(days=7)


def weeks_with_lines(limit: int = 52) -> list[str]:
    """The weeks in which a weekly report came in, newest first."""
    moments = (
        Signal.objects.filter(kind=Signal.Kind.WEEKRAPPORT)
        .order_by("-received_at")
        .values_list("received_at", flat=True)[:5000]
    )
    weeks = []
    for moment in moments:
        week = week_of(timezone.localdate(moment))
        if week not in weeks:
            weeks.append(week)
    return weeks[:limit]


# --- The digest ------------------------------------------------------------------------------


def lines_of_week(week: str) -> list[Signal]:
    first, last = week_bounds(week)
    return list(
        Signal.objects.filter(
            kind=Signal.Kind.WEEKRAPPORT, received_at__gte=first, received_at__lt=last
        )
        .select_related("company", "client", "dossier")
        .order_by("-protected_customer", "reference_date", "customer_number", "pk")
    )


def followers_of(pairs: list[tuple[int | None, int | None]]) -> dict[tuple, set[int]]:
    """(client id, dossier id) -> the ids of the users who follow that household (two queries)."""
    client_ids = {client for client, _dossier in pairs if client}
    dossier_ids = {dossier for _client, dossier in pairs if dossier}
    by_client: dict[int, set[int]] = defaultdict(set)
    for pk, worker in Client.objects.filter(
        pk__in=client_ids, guidance_status=Client.Guidance.ACTIVE, social_worker__isnull=False
    ).values_list("pk", "social_worker_id"):
        by_client[pk].add(worker)
    by_dossier: dict[int, int] = {}
    for pk, client, worker in Dossier.objects.filter(
        Q(pk__in=dossier_ids) | Q(client_id__in=client_ids, status__in=Dossier.OPEN_STATUSES),
        assigned_to__isnull=False,
    ).values_list("pk", "client_id", "assigned_to_id"):
        by_dossier[pk] = worker
        if client in client_ids:
            by_client[client].add(worker)
    result = {}
    for client, dossier in pairs:
        users = set(by_client.get(client, ())) if client else set()
        if dossier and dossier in by_dossier:
            users.add(by_dossier[dossier])
        result[(client, dossier)] = users
    return result


def _client_of(line: Signal) -> int | None:
    return line.client_id or (line.dossier.client_id if line.dossier_id else None)


@dataclass
class Digest:
    week: str
    lines: list[Signal]
    followers: dict[int, set[int]]  # line id -> user ids
    catchers: set[int]  # the preventiewerkers, who get the lines nobody follows

    def is_own(self, line: Signal, user_id: int) -> bool:
        users = self.followers[line.pk]
        return user_id in users or (not users and user_id in self.catchers)

    def split(self, user_id: int) -> tuple[list[Signal], list[Signal]]:
        own = [line for line in self.lines if self.is_own(line, user_id)]
        others = [line for line in self.lines if not self.is_own(line, user_id)]
        return own, others

    @property
    def unfollowed(self) -> list[Signal]:
        return [line for line in self.lines if not self.followers[line.pk]]


def digest(week: str) -> Digest:
    lines = lines_of_week(week)
    pairs = {line.pk: (_client_of(line), line.dossier_id) for line in lines}
    found = followers_of(list(set(pairs.values())))
    catchers = set(roles.users_with(*roles.WEEKLY_REPORT_CATCHERS).values_list("pk", flat=True))
    return Digest(week, lines, {pk: found[pair] for pk, pair in pairs.items()}, catchers)


def recipients():
    """Who gets the digest: every social worker and the preventiewerker (active users)."""
    return roles.users_with(*roles.WEEKLY_REPORT_READERS)


# --- Water-scan suggestions ------------------------------------------------------------------


def is_high_usage(m3: Decimal | None, people: int | None) -> bool:
    if m3 is None or not people:
        return False
    average = AVERAGE_M3[min(people, max(AVERAGE_M3))]
    return m3 >= average * HIGH_USAGE_FACTOR


def household_key(client_id, company_id, customer_number) -> str:
    return f"c{client_id}" if client_id else f"k{company_id}:{customer_number}"


@dataclass
class Candidate:
    household: str
    client_id: int | None = None
    company_id: int | None = None
    customer_number: str = ""
    name: str = ""
    dossier_id: int | None = None
    signal_id: int | None = None
    reasons: set[str] = field(default_factory=set)
    usage_id: int | None = None

    @property
    def basis(self) -> str:
        grounds = ",".join(sorted(self.reasons))
        return f"{grounds}|{self.usage_id}" if self.usage_id else grounds


def candidates(*, lines_since=None, lines_until=None, usage_since=None) -> dict[str, Candidate]:
    """The households a scan may help, with their grounds (two queries). `lines_since/until`
    bound the protected-customer lines; `usage_since` the usage records (None: all)."""
    found: dict[str, Candidate] = {}
    lines = Signal.objects.filter(kind=Signal.Kind.WEEKRAPPORT, protected_customer=True)
    if lines_since is not None:
        lines = lines.filter(received_at__gte=lines_since)
    if lines_until is not None:
        lines = lines.filter(received_at__lt=lines_until)
    for line in lines.select_related("dossier").order_by("received_at", "pk"):
        client = _client_of(line)
        key = household_key(client, line.company_id, line.customer_number)
        item = found.setdefault(key, Candidate(key, client, line.company_id, line.customer_number))
        item.name = f"{line.last_name} {line.first_name}".strip()
        item.signal_id = line.pk
        item.dossier_id = line.dossier_id or item.dossier_id
        item.reasons.add(ScanSuggestion.Reason.PROTECTED)
    usages = WaterUsage.objects.select_related("dossier").order_by("recorded_on", "pk")
    if usage_since is not None:
        usages = usages.filter(recorded_on__gte=usage_since)
    latest: dict[int, WaterUsage] = {}
    for usage in usages:
        latest[usage.dossier_id] = usage
    for usage in latest.values():
        reasons = set()
        if is_high_usage(usage.m3_per_year, usage.people):
            reasons.add(ScanSuggestion.Reason.HIGH_USAGE)
        if usage.proposed_by:
            reasons.add(ScanSuggestion.Reason.PROPOSED)
        if not reasons:
            continue
        dossier = usage.dossier
        key = household_key(dossier.client_id, dossier.company_id, dossier.customer_number)
        item = found.setdefault(
            key, Candidate(key, dossier.client_id, dossier.company_id, dossier.customer_number)
        )
        item.name = item.name or dossier.household_name
        item.dossier_id = dossier.pk
        item.reasons |= reasons
        item.usage_id = usage.pk
    return found


def still_to_look_at(candidate: Candidate, existing: ScanSuggestion | None, today=None) -> bool:
    """Whether a household is (again) to look at: never decided, still open, its grounds
    changed since the decision, or "later" has come."""
    if existing is None or existing.status == ScanSuggestion.Status.OPEN:
        return True
    if existing.basis != candidate.basis and not _only_fewer(existing.basis, candidate.basis):
        return True
    today = today or timezone.localdate()
    return existing.status == ScanSuggestion.Status.LATER and (
        existing.later_on is None or existing.later_on <= today
    )


def _only_fewer(before: str, now: str) -> bool:
    """Grounds that only went away (a proposal withdrawn) bring nothing new."""
    grounds_before, _u1, usage_before = before.partition("|")
    grounds_now, _u2, usage_now = now.partition("|")
    return set(grounds_now.split(",")) <= set(grounds_before.split(",")) and usage_now in (
        "",
        usage_before,
    )


def week_suggestions(week: str) -> list[Candidate]:
    """The households of this week to look at: protected customers in the week's report, and the
    usage or proposals recorded that week, unless decided and unchanged."""
    first, last = week_bounds(week)
    found = candidates(lines_since=first, lines_until=last)
    for key, item in candidates(usage_since=monday(week)).items():
        if item.usage_id and key not in found:
            found[key] = item
        elif item.usage_id:
            found[key].reasons |= item.reasons
            found[key].usage_id = item.usage_id
    existing = {s.household: s for s in ScanSuggestion.objects.filter(household__in=list(found))}
    return sorted(
        (item for key, item in found.items() if still_to_look_at(item, existing.get(key))),
        key=lambda item: (item.name.lower(), item.household),
    )
