"""Demo data: an eviction at every stage, each step on its day of the story (the demo clock):

- the two summonses of the intake's demo, their hearing still ahead (one gets the letter before
  the hearing);
- a hearing postponed, after contact and information to the justice of the peace;
- a judgment that allows the eviction, not yet served;
- a judgment served: the earliest eviction date is near, a housing search under way;
- the bailiff's date set, with a lawyer and the CAW involved;
- a settlement at the hearing, closed as avoided with a payment plan;
- an eviction that took place, closed as rehoused.

The summonses are registered through the intake, like the post of those days; then the
procedure's actions run on the days they happened."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from bereik.accounts import actions as accounts_actions
from bereik.accounts.models import Notification
from bereik.dossiers.models import Dossier
from bereik.eviction import actions
from bereik.eviction.models import Hearing, Judgment, OcmwAction
from bereik.followup import actions as followup_actions
from bereik.followup.models import OutcomeCode
from bereik.intake import actions as intake_actions
from bereik.intake.demo import tiny_pdf
from bereik.lib import clock, workdays
from bereik.outreach import actions as outreach_actions

COURT = "Vredegerecht Sint-Truiden"
# (reference, tenant, street, number, landlord, amount, days ago the summons came in, days from
# its receipt to the introductory hearing, the story)
CASES = [
    ("25A0977", "Peeters, Linda", "Stationsstraat", "19", "Woonzorg Limburg vzw", "1980.00",
     42, 21, "postponed"),
    ("25A0861", "Aydin, Mehmet", "Groenstraat", "5", "De heer P. Stevens", "3260.00",
     70, 24, "judged"),
    ("25A0712", "Janssen, Kristof", "Tongersesteenweg", "133", "Immo Truyen bv", "4410.00",
     110, 25, "served"),
    ("25A0655", "Dewilde, Sandra", "Hasseltsesteenweg", "56", "Mevrouw A. Vos", "2750.00",
     135, 21, "bailiff"),
    ("25A0590", "Boussaid, Karim", "Speelhoflaan", "22", "Immo Haspengouw bv", "1120.00",
     60, 20, "settled"),
    ("25A0432", "Lenaerts, Joke", "Diestersteenweg", "301", "De heer R. Cox", "5030.00",
     160, 22, "rehoused"),
]  # fmt: skip


def load(ctx):
    today = timezone.localdate()
    olga, pieter = ctx.users["olga"], ctx.users["pieter"]
    evicted = []
    for reference, tenant, street, number, landlord, amount, ago, to_hearing, story in CASES:
        received = clock.working_day_before(today - datetime.timedelta(days=ago - 1))
        hearing = _wd(received + datetime.timedelta(days=to_hearing))
        with clock.at(clock.on(received, datetime.time(11, 0))):
            signal = intake_actions.eviction_register(
                document=tiny_pdf([f"Dagvaarding tot uithuiszetting (demo) {reference}"]),
                file_name=f"dagvaarding-{reference}.pdf",
                document_type="dagvaarding",
                tenants=tenant,
                street=street,
                house_number=number,
                postcode="3800",
                city="Sint-Truiden",
                landlord=landlord,
                sender="Gerechtsdeurwaarder M. Lambrechts, Hasselt",
                court=COURT,
                hearing_date=hearing,
                amount=Decimal(amount),
                received_on=received,
                reference=reference,
                actor=olga,
            )
        dossier = Dossier.objects.select_related("assigned_to").get(pk=signal.dossier_id)
        worker = dossier.assigned_to or pieter
        STORIES[story](dossier, worker, received=received, hearing=hearing, today=today)
        evicted.append(dossier)
    _letter_before_the_hearing(ctx, today)
    ctx.data["eviction"] = evicted
    # What their workers were told weeks ago they have read since; this month's news stays new.
    old = timezone.now() - datetime.timedelta(days=30)
    for notification in Notification.objects.filter(
        dossier_pk__in=[dossier.pk for dossier in evicted], created_at__lt=old, read_at=None
    ):
        accounts_actions.notification_mark_read(notification, actor=notification.user)


def _at(day: datetime.date, dossier, when="voormiddag"):
    return clock.at(clock.on(day, when), after=dossier)


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def _wd(day: datetime.date) -> datetime.date:
    """Courts, bailiffs and the OCMW work on working days: `day`, or the working day before."""
    return workdays.working_day_on_or_before(day)


def _contact_and_information(dossier, worker, received):
    with _at(_wd(received + _days(3)), dossier):
        actions.ocmw_action_record(
            dossier, kind=OcmwAction.Kind.CONTACT, date=_wd(received + _days(3)),
            note="Telefonisch contact; afspraak op het OCMW vóór de zitting.", actor=worker,
        )  # fmt: skip
    with _at(_wd(received + _days(8)), dossier):
        actions.ocmw_action_record(
            dossier, kind=OcmwAction.Kind.JUSTICE, date=_wd(received + _days(8)), consent=True,
            note="Sociaal verslag aan de vrederechter bezorgd, met akkoord van de huurder.",
            actor=worker,
        )  # fmt: skip


def _postponed(dossier, worker, *, received, hearing, today):
    _contact_and_information(dossier, worker, received)
    with _at(hearing, dossier, "namiddag"):
        actions.hearing_record(
            dossier, date=hearing, court=COURT, outcome=Hearing.Outcome.POSTPONED,
            postponed_to=_wd(today + _days(16)),
            note="Uitstel gevraagd om een afbetalingsplan voor te leggen.", actor=worker,
        )  # fmt: skip


def _judgment(dossier, worker, *, hearing, served_on=None, allowed_from=None):
    with _at(hearing, dossier, "namiddag"):
        actions.judgment_record(
            dossier, date=hearing, decision=Judgment.Decision.EVICTION,
            eviction_allowed_from=allowed_from, actor=worker,
        )  # fmt: skip
    if served_on is not None:
        with _at(served_on, dossier):
            actions.judgment_serve(dossier, served_on=served_on, actor=worker)


def _judged(dossier, worker, *, received, hearing, today):
    _contact_and_information(dossier, worker, received)
    with _at(hearing, dossier, "namiddag"):
        actions.hearing_record(
            dossier, date=hearing, court=COURT, outcome=Hearing.Outcome.POSTPONED,
            postponed_to=_wd(today - _days(6)), actor=worker,
        )  # fmt: skip
    _judgment(dossier, worker, hearing=_wd(today - _days(6)))


def _served(dossier, worker, *, received, hearing, today):
    served = _wd(today - _days(24))
    _judgment(dossier, worker, hearing=min(hearing, _wd(served - _days(10))), served_on=served)
    with _at(_wd(served + _days(2)), dossier):
        actions.ocmw_action_record(
            dossier, kind=OcmwAction.Kind.HOUSING, date=_wd(served + _days(2)),
            note="Ingeschreven bij de sociale huisvesting; twee woningen bezocht.", actor=worker,
        )  # fmt: skip
    with _at(_wd(served + _days(3)), dossier):
        actions.ocmw_action_record(
            dossier, kind=OcmwAction.Kind.CAW, date=_wd(served + _days(3)),
            note="Warme overdracht naar het CAW voor woonbegeleiding.", actor=worker,
        )  # fmt: skip


def _bailiff(dossier, worker, *, received, hearing, today):
    served = _wd(today - _days(50))
    _judgment(dossier, worker, hearing=min(hearing, _wd(served - _days(12))), served_on=served)
    with _at(_wd(served + _days(5)), dossier):
        actions.ocmw_action_record(
            dossier, kind=OcmwAction.Kind.LAWYER, date=_wd(served + _days(5)),
            note="Doorverwezen naar het bureau voor juridische bijstand (pro Deo).", actor=worker,
        )  # fmt: skip
    with _at(_wd(today - _days(9)), dossier):
        actions.eviction_date_set(
            dossier, eviction_date=_wd(today + _days(6)),
            note="Aangekondigd door gerechtsdeurwaarder Lambrechts.", actor=worker,
        )  # fmt: skip


def _settled(dossier, worker, *, received, hearing, today):
    with _at(_wd(received + _days(5)), dossier):
        actions.ocmw_action_record(
            dossier, kind=OcmwAction.Kind.MEDIATION, date=_wd(received + _days(5)),
            note="Bemiddeld met de verhuurder: afbetaling van 150 euro per maand.", actor=worker,
        )  # fmt: skip
    with _at(hearing, dossier, "namiddag"):
        actions.hearing_record(
            dossier, date=hearing, court=COURT, outcome=Hearing.Outcome.SETTLED,
            note="Minnelijke regeling voor de vrederechter bekrachtigd.", actor=worker,
        )  # fmt: skip
    _close(dossier, worker, "uithuiszetting_vermeden_plan", _wd(hearing + _days(2)))


def _rehoused(dossier, worker, *, received, hearing, today):
    served = _wd(today - _days(70))
    _judgment(dossier, worker, hearing=min(hearing, _wd(served - _days(14))), served_on=served)
    with _at(_wd(served + _days(4)), dossier):
        actions.ocmw_action_record(
            dossier, kind=OcmwAction.Kind.HOUSING, date=_wd(served + _days(4)),
            note="Noodwoning van het OCMW aangevraagd.", actor=worker,
        )  # fmt: skip
    eviction_day = _wd(today - _days(12))
    with _at(_wd(served + _days(20)), dossier):
        actions.eviction_date_set(dossier, eviction_date=eviction_day, actor=worker)
    _close(dossier, worker, "herhuisvest", _wd(eviction_day + _days(3)))


def _close(dossier, worker, code, day):
    with _at(min(day, timezone.localdate()), dossier, "namiddag"):
        followup_actions.dossier_close(
            dossier, outcome=OutcomeCode.objects.get(code=code),
            note="Afloop van de procedure tot uithuiszetting.", actor=worker,
        )  # fmt: skip


STORIES = {
    "postponed": _postponed,
    "judged": _judged,
    "served": _served,
    "bailiff": _bailiff,
    "settled": _settled,
    "rehoused": _rehoused,
}


def _letter_before_the_hearing(ctx, today):
    """The summons of the intake's demo that came in first gets its letter before the hearing."""
    dossier = (
        Dossier.objects.filter(
            kind=Dossier.Kind.WOONST, customer_number="25A1187", status__in=Dossier.OPEN_STATUSES
        )
        .order_by("opened_at")
        .first()
    )
    if dossier is None:
        return
    worker = dossier.assigned_to or ctx.users["pieter"]
    with _at(today, dossier):
        outreach_actions.letter_generate(dossier, "brief_voor_zitting", actor=worker)
