"""Demo data: four weeks of De Watergroep's weekly report and their digests.

The intake's demo imported the sample report on the Monday of this week's story; here the three
weeks before it come in, each on its Monday morning, made from the sample's lines (a different
part of them each week, with that week's dates and an action further in the procedure), so every
worker has lines about their own clients, protected customers come back and the history has
weeks read and unread. Each week's digest was sent on its Monday afternoon. Then the workers
record some water use, and decide on a few suggestions: a scan asked (with its letter), one not
useful, one later. All through the real actions, with the demo clock.
"""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

from django.utils import timezone

from bereik.dossiers.models import Dossier, Signal
from bereik.intake import actions as intake_actions
from bereik.intake import demo as intake_demo
from bereik.intake.models import ImportRow
from bereik.lib import clock
from bereik.outreach import actions as outreach_actions
from bereik.outreach.models import ContactAttempt
from bereik.weekly import actions, rules
from bereik.weekly.models import ScanSuggestion

SAMPLE = intake_demo.DATA / "watergroep-weekrapport.csv"
WEEKS_BEFORE = 3
LINES_PER_WEEK = 24
# What the company did the week before (for a line's household), further back in the procedure.
EARLIER = {
    "Afsluiting": "Debietbegrenzer geplaatst",
    "Debietbegrenzer geplaatst": "Afbetalingsplan niet nageleefd",
    "Debietbegrenzer verwijderd": "Afbetalingsplan opgesteld",
    "Heraansluiting": "Afsluiting",
    "Afbetalingsplan niet nageleefd": "Ingebrekestelling",
    "Afbetalingsplan opgesteld": "Ingebrekestelling",
    "Ingebrekestelling": "Herinnering",
}


def _week_file(rows: list[dict], weeks_back: int, offset: int, shift) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=";", lineterminator="\n")
    writer.writeheader()
    chosen = [rows[(offset + n * 2) % len(rows)] for n in range(LINES_PER_WEEK)]
    for row in {row["Klantnummer"]: row for row in chosen}.values():
        day = datetime.datetime.strptime(row["Datum"], "%d/%m/%Y").date()
        action = row["Actie"]
        for _step in range(weeks_back):
            action = EARLIER.get(action, action)
        # Earlier in the procedure, before any measure that opens a dossier.
        action = BEFORE_FOLLOW_UP.get(action, action)
        writer.writerow(
            {
                **row,
                "Actie": action,
                "Datum": f"{day + shift - datetime.timedelta(weeks=weeks_back):%d/%m/%Y}",
            }
        )
    return out.getvalue().encode("utf-8")


# The earlier weeks tell what came before this week's cut-offs and limiters: no dossier yet.
BEFORE_FOLLOW_UP = {
    "Afsluiting": "Afbetalingsplan niet nageleefd",
    "Debietbegrenzer geplaatst": "Ingebrekestelling",
}


def load(ctx):
    actor = ctx.users.get("olga")
    today = timezone.localdate()
    shift = intake_demo.sample_shift(today)
    rows = list(csv.DictReader(io.StringIO(SAMPLE.read_text("utf-8-sig")), delimiter=";"))
    # Households with a dossier today came in later: their earlier lines are left out, so no
    # line of an earlier week joins a dossier opened after it.
    known = set(
        Dossier.objects.filter(company__name="De Watergroep").values_list(
            "customer_number", flat=True
        )
    )
    rows = [row for row in rows if row["Klantnummer"] not in known]
    this_monday = intake_demo.FILES[-1][3] + shift  # the sample report's Monday in the story
    company = ctx.companies["De Watergroep"]
    weeks = []
    for weeks_back in range(WEEKS_BEFORE, 0, -1):
        monday = this_monday - datetime.timedelta(weeks=weeks_back)
        with clock.at(clock.on(monday, datetime.time(9, 0))):
            intake_actions.import_file(
                _week_file(rows, weeks_back, weeks_back * 7, shift),
                file_name=f"watergroep-weekrapport-{rules.week_of(monday)}.csv",
                kind=Signal.Kind.WEEKRAPPORT,
                company=company,
                actor=actor,
            )
        weeks.append(rules.week_of(monday))
    weeks.append(rules.week_of(this_monday))
    for week in weeks:
        monday = rules.monday(week)
        if monday > today:
            continue
        with clock.at(min(clock.on(monday, datetime.time(16, 0)), timezone.now())):
            actions.digest_send(week)
    # The older weeks were read; this week's is new for everyone.
    for key in ("nele", "hanne", "pieter", "bart"):
        user = ctx.users.get(key)
        if user is None:
            continue
        for week in weeks[:-1]:
            with clock.at(clock.on(rules.monday(week) + datetime.timedelta(days=1), "voormiddag")):
                actions.digest_mark_read(week, actor=user)
    _reach_after_cutoff(ctx, today)
    _water(ctx, today)
    ctx.data["weekly"] = {"weeks": weeks}


def _reach_after_cutoff(ctx, today):
    """The households this week's report showed cut off or limited: their dossiers were opened
    that Monday, and the preventiewerker or their worker went by the next working day; most of
    them were at home."""
    sample = intake_demo.FILES[-1][0]
    ids = ImportRow.objects.filter(
        batch__file_name=sample, outcome=ImportRow.Outcome.NEW_DOSSIER
    ).values_list("dossier_id", flat=True)
    opened = (
        Dossier.objects.filter(pk__in=list(ids)).select_related("assigned_to").order_by("number")
    )
    now = timezone.now()
    for number, dossier in enumerate(opened):
        day = clock.working_day(
            timezone.localdate(dossier.opened_at) + datetime.timedelta(days=1), today
        )
        moment = clock.on(day, "namiddag")
        if moment >= now or moment <= dossier.opened_at:
            continue
        worker = dossier.assigned_to or ctx.users.get("pieter")
        result = (
            ContactAttempt.Result.NOT_HOME if number % 5 == 4 else ContactAttempt.Result.REACHED
        )
        with clock.at(moment):
            outreach_actions.attempt_record(
                dossier,
                kind=ContactAttempt.Kind.UNANNOUNCED_VISIT,
                date=day,
                part_of_day="namiddag",
                result=result,
                performed_by=worker,
                actor=worker,
            )


def _water(ctx, today):
    """Water use noted on a few water dossiers, a proposal by the LAC and one by a CAW, and
    decisions on three suggestions."""
    worker = ctx.users.get("nele") or ctx.users.get("pieter")
    noted_at = clock.on(today - datetime.timedelta(days=3), "voormiddag")
    dossiers = list(
        Dossier.objects.filter(
            kind=Dossier.Kind.WATER, status__in=Dossier.OPEN_STATUSES, opened_at__lt=noted_at
        )
        .exclude(assigned_to=None)
        .select_related("assigned_to")
        .order_by("number")[:4]
    )
    notes = [
        {"m3_per_year": Decimal(142), "people": 2, "note": "Factuur veel hoger dan vorig jaar."},
        {"m3_per_year": Decimal(70), "people": 3},
        {"proposed_by": "lac", "note": "De LAC stelde een waterscan voor."},
        {"proposed_by": "caw", "note": "Het CAW merkte een lekkend toilet op."},
    ]
    with clock.at(noted_at):
        for dossier, note in zip(dossiers, notes, strict=False):
            actions.water_usage_record(dossier, **note, actor=dossier.assigned_to or worker)
    protected = [
        suggestion
        for suggestion in ScanSuggestion.objects.filter(status=ScanSuggestion.Status.OPEN)
        .select_related("signal", "signal__company")
        .order_by("pk")
        if ScanSuggestion.Reason.PROTECTED in suggestion.reasons
    ][:3]
    decisions = [
        (ScanSuggestion.Status.ASKED, "", None),
        (ScanSuggestion.Status.NOT_USEFUL, "Scan vorig jaar al gedaan, geen lek gevonden.", None),
        (
            ScanSuggestion.Status.LATER,
            "Eerst het afbetalingsplan op orde.",
            today + datetime.timedelta(days=21),
        ),
    ]
    with clock.at(clock.on(today - datetime.timedelta(days=1), "namiddag")):
        for suggestion, (decision, reason, later_on) in zip(protected, decisions, strict=False):
            actions.suggestion_decide(
                suggestion, decision, reason=reason, later_on=later_on, actor=worker
            )
