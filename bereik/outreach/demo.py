"""Demo data: dossiers at every point of the Sint-Truiden procedure, and home visits for today and
this week (for Pieter, the preventiewerker). Something on every attention list: a step overdue
and, from a warning list that came in late, a cut-off within the warning period while the
household is not reached yet.

Uses the dossiers loaded before (intake, clients); when there are none, it creates a few itself."""

import datetime
from decimal import Decimal

from django.utils import timezone

from bereik.accounts.models import Role, User
from bereik.dossiers.actions import next_dossier_numbers
from bereik.dossiers.models import Dossier
from bereik.lib import documents
from bereik.organisation.models import Company, Organisation
from bereik.outreach import actions, letter_types, next_step
from bereik.outreach.models import AFTERNOON, MORNING, ContactAttempt

SCENARIOS = [
    "no_attempt",
    "deadline_no_visit",
    "visit_today",
    "one_failed_visit",
    "two_failed_visits",
    "reached_by_phone",
    "visit_this_week",
    "deadline_near",  # imported here: a warning whose cut-off falls within the warning period
]
PICKED = SCENARIOS[:-1]  # the scenarios played on dossiers loaded before

# A warning list as Farys sends it (see bereik/intake/demo_data), with one household.
LATE_WARNING = (
    "Klantnummer;Naam;Adres;Postcode en gemeente;Openstaand bedrag;Geplande actie;"
    "Geplande datum;Datum verwittiging\n"
    "7712046;Wouters, Lotte;Hasseltsesteenweg 58;3800 Sint-Truiden;412,75;Afsluiting;"
    "{measure:%d/%m/%Y};{letter:%d/%m/%Y}\n"
)

STREETS = ["Kerkstraat", "Stationsstraat", "Tiensesteenweg", "Luikerstraat", "Diestersteenweg"]


def _worker(ctx):
    worker = ctx.users.get("pieter")
    if worker is None:
        worker = User.objects.filter(roles__code=Role.PREVENTIEWERKER, is_active=True).first()
    return worker


def _create_dossiers(ctx, count, worker):
    """Only when no earlier loader made dossiers: a few route-C LAC dossiers in Sint-Truiden."""
    today = timezone.localdate()
    water = Company.objects.filter(kind=Company.WATER).order_by("name").first()
    energy = Company.objects.filter(kind=Company.ENERGIE).order_by("name").first()
    team = next((team for team in ctx.teams.values() if team.code == "onthaalteam"), None)
    created = []
    for number_index, number in enumerate(next_dossier_numbers(count)):
        kind = Dossier.ENERGIE if number_index % 3 == 2 else Dossier.WATER
        created.append(
            Dossier.objects.create(
                number=number,
                kind=kind,
                company=energy if kind == Dossier.ENERGIE else water,
                customer_number=f"{ctx.random.randint(1_000_000, 9_999_999)}",
                last_name=ctx.faker.last_name(),
                first_name=ctx.faker.first_name(),
                street=STREETS[number_index % len(STREETS)],
                house_number=str(ctx.random.randint(1, 140)),
                postcode="3800",
                city="Sint-Truiden",
                phone=ctx.faker.phone_number(),
                amount_due=Decimal(ctx.random.randint(12000, 185000)) / 100,
                deadline=today + datetime.timedelta(days=5 + 3 * number_index),
                deadline_kind=Dossier.DEADLINE_SESSION,
                route=Dossier.ROUTE_C,
                assigned_to=worker,
                team=team,
                opened_at=timezone.now() - datetime.timedelta(days=21),
            )
        )
    return created


def _pick_dossiers(ctx, worker) -> list[Dossier]:
    candidates = list(
        Dossier.objects.filter(
            status__in=[Dossier.NEW, Dossier.ASSIGNED, Dossier.IN_PROGRESS],
            kind__in=[Dossier.WATER, Dossier.ENERGIE],
            contact_attempts__isnull=True,
            letters__isnull=True,
        )
        .exclude(route=Dossier.ROUTE_A)
        .order_by("number")
        .distinct()
    )
    # Prefer the preventiewerker's own dossiers with a street address (they can be visited).
    candidates.sort(key=lambda d: (d.assigned_to_id != getattr(worker, "pk", None), not d.street))
    chosen = candidates[: len(PICKED)]
    if len(chosen) < len(PICKED):
        chosen += _create_dossiers(ctx, len(PICKED) - len(chosen), worker)
    return chosen


def _late_warning(ctx, actor, today) -> Dossier | None:
    """Farys warns of a cut-off in a few days (within Organisation.deadline_warning_days): the
    dossier comes in through the intake like any other, and nobody reached the household yet."""
    from bereik.demo import clock
    from bereik.dossiers.models import Signal
    from bereik.intake import actions as intake_actions

    farys = Company.objects.filter(name="Farys").first()
    if farys is None:
        return None
    days = min(4, max(Organisation.warning_days() - 1, 0))
    measure = today + datetime.timedelta(days=days)
    letter = today - datetime.timedelta(days=3)
    # The list came in this morning (the last working day), like the intake demo's lists.
    with clock.at(clock.on(clock.working_day(today, today), datetime.time(8, 45))):
        result = intake_actions.import_file(
            LATE_WARNING.format(measure=measure, letter=letter).encode("utf-8"),
            file_name="farys-verwittiging-laattijdig.csv",
            kind=Signal.VERWITTIGING,
            company=farys,
            actor=ctx.users.get("olga") or actor,
        )
    return Dossier.objects.filter(number__in=result.dossiers_created).first()


def _later_this_week(today) -> datetime.date:
    """A working day after today, in this week when there is one left."""
    for offset in (2, 1):
        day = today + datetime.timedelta(days=offset)
        if day.weekday() < 5 and day.isocalendar()[1] == today.isocalendar()[1]:
            return day
    return next_step.next_weekday(today + datetime.timedelta(days=1))


def _visit(dossier, day, part, result, kind, worker):
    return actions.attempt_record(
        dossier,
        kind=kind,
        date=day,
        part_of_day=part,
        result=result,
        performed_by=worker,
        actor=worker,
    )


def _invite(dossier, day, worker):
    return actions.letter_generate(
        dossier,
        next_step.invitation_type(dossier.kind),
        actor=worker,
        on=day,
        sent_on=day,
        session_date=dossier.deadline
        if dossier.deadline_kind == Dossier.DEADLINE_SESSION
        else None,
        session_time="14.00 uur",
    )


def load(ctx):
    worker = _worker(ctx)
    if worker is None:
        return
    today = timezone.localdate()
    day = datetime.timedelta

    actions.brochure_upload(
        title=letter_types.DEFAULT_BROCHURE_TITLE,
        data=documents.html_to_pdf(
            "<h1>Goed geregeld is geld gespaard</h1>"
            "<p>Demobrochure: vervang ze door de echte brochure (Beheer → Briefsjablonen).</p>"
        ),
        actor=worker,
    )

    dossiers = dict(zip(PICKED, _pick_dossiers(ctx, worker), strict=True))
    unannounced, announced = ContactAttempt.UNANNOUNCED_VISIT, ContactAttempt.ANNOUNCED_VISIT
    not_home = ContactAttempt.NOT_HOME

    # No attempt yet: the next step says to send the invitation.
    actions.outreach_refresh(dossiers["no_attempt"], actor=worker)

    # Invited almost two weeks ago, never visited: the next step is overdue.
    _invite(dossiers["deadline_no_visit"], today - day(days=12), worker)

    # Invited last week; the unannounced visit is planned for today.
    dossier = dossiers["visit_today"]
    _invite(dossier, today - day(days=6), worker)
    actions.visit_plan(
        dossier, worker=worker, date=today, part_of_day=MORNING, kind=unannounced, actor=worker
    )

    # One failed visit, not-at-home letter left, announced visit today in the afternoon.
    dossier = dossiers["one_failed_visit"]
    visit_day = today - day(days=7)
    _invite(dossier, today - day(days=12), worker)
    _visit(dossier, visit_day, AFTERNOON, not_home, unannounced, worker)
    actions.letter_generate(
        dossier,
        next_step.NOT_AT_HOME,
        actor=worker,
        on=visit_day,
        sent_on=visit_day,
        visit_date=visit_day,
        appointment_date=today,
        appointment_part=AFTERNOON,
        plan_visit=True,
    )

    # Two failed visits and the last letter with the brochure: waiting for a reaction.
    dossier = dossiers["two_failed_visits"]
    first, second = today - day(days=15), today - day(days=8)
    _invite(dossier, today - day(days=20), worker)
    _visit(dossier, first, MORNING, not_home, unannounced, worker)
    actions.letter_generate(
        dossier,
        next_step.NOT_AT_HOME,
        actor=worker,
        on=first,
        sent_on=first,
        visit_date=first,
        appointment_date=second,
        appointment_part=MORNING,
        plan_visit=True,
    )
    _visit(dossier, second, MORNING, not_home, announced, worker)
    actions.letter_generate(dossier, next_step.LAST_LETTER, actor=worker, on=second, sent_on=second)

    # Reached by phone after a failed visit.
    dossier = dossiers["reached_by_phone"]
    _invite(dossier, today - day(days=10), worker)
    _visit(dossier, today - day(days=6), MORNING, not_home, unannounced, worker)
    actions.attempt_record(
        dossier,
        kind=ContactAttempt.PHONE,
        date=today - day(days=2),
        part_of_day=AFTERNOON,
        result=ContactAttempt.REACHED,
        note="Belde terug na de niet-thuisbrief; komt langs op de dienst.",
        performed_by=worker,
        actor=worker,
    )

    # Invited; an unannounced visit later this week.
    dossier = dossiers["visit_this_week"]
    _invite(dossier, today - day(days=3), worker)
    actions.visit_plan(
        dossier,
        worker=worker,
        date=_later_this_week(today),
        part_of_day=AFTERNOON,
        kind=unannounced,
        actor=worker,
    )

    # A cut-off within the warning period, household not reached: "Termijn nadert".
    late = _late_warning(ctx, worker, today)
    if late is not None:
        dossiers["deadline_near"] = late
    ctx.data["outreach"] = dossiers
