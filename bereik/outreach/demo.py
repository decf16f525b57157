"""Demo data: dossiers at every point of the Sint-Truiden procedure, and home visits for today and
this week (for Pieter, the preventiewerker). Something on every attention list: a step overdue
and, from a warning list that came in late, a cut-off within the warning period while the
household is not reached yet.

The other households of the LAC lists (bereik/intake, bereik/lac) are invited as Sint-Truiden does
it: personally and promptly, the secretariat sending one batch of invitations per list the day the
list came in (to the households someone follows: the letter names their worker). The workers then
plan the first visits of the coming days (route A: a visit arranged within the client's guidance),
with the first visits due of the warnings that came in. So "Volgende stap over tijd" shows a few
things, as in practice: the story's overdue visit and invitation, one more invitation still to
send, the households nobody follows yet, route A clients still to call; not whole lists.

Uses the dossiers loaded before (intake, clients); when there are none, it creates a few itself."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone

from bereik.accounts.models import Role, User
from bereik.dossiers.actions import next_dossier_numbers
from bereik.dossiers.models import Dossier, Signal
from bereik.intake import actions as intake_actions
from bereik.lib import clock, documents
from bereik.organisation.models import Company, Organisation
from bereik.outreach import actions, letter_types, next_step, queries
from bereik.outreach.models import ContactAttempt, PartOfDay

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

# The LAC lists' households: invited the day their list came in, at this time (the list comes in
# in the morning), except a few still to invite; visits planned on the last working day.
STILL_TO_INVITE = 1
INVITED_AT = datetime.time(11, 30)
PLANNED_AT = datetime.time(16, 0)
VISITS_PER_PART_OF_DAY = 3
SESSION_TIME = "14.00 uur"  # as bereik/lac/demo.py plans the sessions

STREETS = ["Kerkstraat", "Stationsstraat", "Tiensesteenweg", "Luikerstraat", "Diestersteenweg"]


def _worker(ctx):
    worker = ctx.users.get("pieter")
    if worker is None:
        worker = User.objects.filter(roles__code=Role.Code.PREVENTIEWERKER, is_active=True).first()
    return worker


def _create_dossiers(ctx, count, worker):
    """Only when no earlier loader made dossiers: a few route-C LAC dossiers in Sint-Truiden."""
    today = timezone.localdate()
    water = Company.objects.filter(kind=Company.Kind.WATER).order_by("name").first()
    energy = Company.objects.filter(kind=Company.Kind.ENERGIE).order_by("name").first()
    team = next((team for team in ctx.teams.values() if team.code == "onthaalteam"), None)
    created = []
    for number_index, number in enumerate(next_dossier_numbers(count)):
        kind = Dossier.Kind.ENERGIE if number_index % 3 == 2 else Dossier.Kind.WATER
        created.append(
            Dossier.objects.create(
                number=number,
                kind=kind,
                company=energy if kind == Dossier.Kind.ENERGIE else water,
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
                deadline_kind=Dossier.DeadlineKind.SESSION,
                route=Dossier.Route.C,
                assigned_to=worker,
                team=team,
                opened_at=timezone.now() - datetime.timedelta(days=21),
            )
        )
    return created


def _pick_dossiers(ctx, worker) -> list[Dossier]:
    candidates = list(
        Dossier.objects.filter(
            status__in=[Dossier.Status.NEW, Dossier.Status.ASSIGNED, Dossier.Status.IN_PROGRESS],
            kind__in=[Dossier.Kind.WATER, Dossier.Kind.ENERGIE],
            contact_attempts__isnull=True,
            letters__isnull=True,
        )
        .exclude(route=Dossier.Route.A)
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
            kind=Signal.Kind.VERWITTIGING,
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
    # Never before the list that opened the dossier came in.
    day = max(day, timezone.localdate(dossier.opened_at))
    return actions.letter_generate(
        dossier,
        next_step.invitation_type(dossier.kind),
        actor=worker,
        on=day,
        sent_on=day,
        session_date=dossier.deadline
        if dossier.deadline_kind == Dossier.DeadlineKind.SESSION
        else None,
        session_time="14.00 uur",
    )


def _lac_lists(story) -> list[list[Dossier]]:
    """The open dossiers of the LAC lists nobody contacted yet (the story's dossiers aside), per
    list (company and session), the earliest session first; each list in number order."""
    lists = defaultdict(list)
    dossiers = (
        Dossier.objects.filter(
            status__in=Dossier.OPEN_STATUSES,
            deadline_kind=Dossier.DeadlineKind.SESSION,
            kind__in=[Dossier.Kind.WATER, Dossier.Kind.ENERGIE],
            reached_on__isnull=True,
            contact_attempts__isnull=True,
            letters__isnull=True,
        )
        .exclude(pk__in=[dossier.pk for dossier in story])
        .select_related("company", "assigned_to")
        .distinct()
        .order_by("deadline", "company__name", "number")
    )
    for dossier in dossiers:
        lists[(dossier.deadline, dossier.company_id)].append(dossier)
    return list(lists.values())


def _still_to_invite(lists, worker) -> set[int]:
    """One household of each list, until there are STILL_TO_INVITE: its social worker has yet to
    send the invitation (the address is being checked). The last one followed by someone else
    than the preventiewerker, whose story dossier ("no_attempt") already waits for one."""
    kept = []
    for dossiers in lists:
        followed = [dossier for dossier in dossiers if dossier.assigned_to_id]
        if len(followed) < 2:
            continue
        others = [dossier for dossier in followed if dossier.assigned_to != worker]
        kept.append((others or followed)[-1].pk)
        if len(kept) == STILL_TO_INVITE:
            break
    return set(kept)


def _invite_list(dossiers, actor, today):
    """One batch of invitations for a list, sent the day the list came in; each letter names the
    session of its dossier's agenda item."""
    day = clock.working_day(
        max(timezone.localdate(dossier.opened_at) for dossier in dossiers), today
    )
    moment = max(clock.not_before(clock.on(day, INVITED_AT), dossier) for dossier in dossiers)
    with clock.at(moment):
        sessions = queries.invitation_sessions(dossiers, today=day)
        first = dossiers[0]
        actions.letters_generate_batch(
            dossiers,
            letter_types.INVITATION,
            actor=actor,
            sent_on=day,
            title=f"Uitnodigingen LAC {first.company} {first.deadline:%d/%m/%Y} "
            f"({len(dossiers)} brieven)",
            options_per_dossier={pk: session.options() for pk, session in sessions.items()},
            session_time=SESSION_TIME,
        )


def _visit_slots(today):
    """The parts of the working days after today, in order, each as often as a round holds."""
    day = today
    while True:
        day = next_step.next_weekday(day + datetime.timedelta(days=1))
        for part in (PartOfDay.MORNING, PartOfDay.AFTERNOON):
            for _n in range(VISITS_PER_PART_OF_DAY):
                yield day, part


def _first_visits_due(story, today) -> list[Dossier]:
    """Households of the other lists (the warnings) nobody contacted yet, whose first visit is due
    (route A is contacted within the guidance: not a visit)."""
    return list(
        Dossier.objects.filter(
            status__in=Dossier.OPEN_STATUSES,
            reached_on__isnull=True,
            assigned_to__isnull=False,
            next_step_date__lte=today,
            contact_attempts__isnull=True,
            letters__isnull=True,
            planned_visits__isnull=True,
        )
        .exclude(deadline_kind=Dossier.DeadlineKind.SESSION)
        .exclude(route__in=[Dossier.Route.A, ""])
        .exclude(pk__in=[dossier.pk for dossier in story])
        .select_related("assigned_to")
        .distinct()
        .order_by("number")
    )


def _plan_visits(dossiers, today):
    """Each worker plans the first visits of their households on the coming working days, before
    the deadline, the soonest deadline first, by street; planned on the last working day."""
    planned_on = clock.on(clock.working_day_before(today), PLANNED_AT)
    slots = {}
    ordered = sorted(
        (dossier for dossier in dossiers if dossier.assigned_to_id),
        key=lambda d: (
            d.deadline or datetime.date.max,
            d.street,
            d.house_number.zfill(6),
            d.number,
        ),
    )
    for dossier in ordered:
        worker = dossier.assigned_to
        if worker.pk not in slots:
            slots[worker.pk] = _visit_slots(today)
        day, part = next(slots[worker.pk])
        if dossier.deadline is not None and day >= dossier.deadline:
            continue  # no time left before the session: the step shows it
        guided = dossier.route == Dossier.Route.A
        with clock.at(planned_on, after=dossier):
            actions.visit_plan(
                dossier,
                worker=worker,
                date=day,
                part_of_day=part,
                kind=ContactAttempt.Kind.ANNOUNCED_VISIT
                if guided
                else ContactAttempt.Kind.UNANNOUNCED_VISIT,
                note="Afgesproken in de lopende begeleiding" if guided else "",
                actor=worker,
            )


def _invite_lac_lists(ctx, story, worker, today):
    """The LAC lists' other households: invited, their first visits planned (see the module), and
    with them the first visits due of the warnings that came in."""
    lists = _lac_lists(story)
    kept = _still_to_invite(lists, worker)
    actor = ctx.users.get("olga") or worker
    invited = []
    for dossiers in lists:
        # A household nobody follows yet (its link to the register still to confirm) waits:
        # the letter names its worker as the contact person.
        todo = [d for d in dossiers if d.assigned_to_id and d.pk not in kept]
        if todo:
            _invite_list(todo, actor, today)
            invited += todo
    _plan_visits(invited + _first_visits_due(story, today), today)
    ctx.data["outreach_lac_lists"] = {"invited": invited, "to_invite": sorted(kept)}


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
    unannounced, announced = (
        ContactAttempt.Kind.UNANNOUNCED_VISIT,
        ContactAttempt.Kind.ANNOUNCED_VISIT,
    )
    not_home = ContactAttempt.Result.NOT_HOME

    # No attempt yet: the next step says to send the invitation.
    actions.outreach_refresh(dossiers["no_attempt"], actor=worker)

    # Invited almost two weeks ago, never visited: the next step is overdue.
    _invite(dossiers["deadline_no_visit"], today - day(days=12), worker)

    # Invited last week; the unannounced visit is planned for today.
    dossier = dossiers["visit_today"]
    _invite(dossier, today - day(days=6), worker)
    actions.visit_plan(
        dossier,
        worker=worker,
        date=today,
        part_of_day=PartOfDay.MORNING,
        kind=unannounced,
        actor=worker,
    )

    # One failed visit, not-at-home letter left, announced visit today in the afternoon.
    dossier = dossiers["one_failed_visit"]
    visit_day = today - day(days=7)
    _invite(dossier, today - day(days=12), worker)
    _visit(dossier, visit_day, PartOfDay.AFTERNOON, not_home, unannounced, worker)
    actions.letter_generate(
        dossier,
        next_step.NOT_AT_HOME,
        actor=worker,
        on=visit_day,
        sent_on=visit_day,
        visit_date=visit_day,
        appointment_date=today,
        appointment_part=PartOfDay.AFTERNOON,
        plan_visit=True,
    )

    # Two failed visits and the last letter with the brochure: waiting for a reaction.
    # The visits follow the invitation, also when the list came in less than 20 days ago (the
    # sample lists move by whole weeks: the demo's LAC water list came in 14 to 21 days ago).
    dossier = dossiers["two_failed_visits"]
    invited = _invite(dossier, today - day(days=20), worker).sent_on
    first = max(today - day(days=15), invited + day(days=2))
    second = max(today - day(days=8), first + day(days=5))
    _visit(dossier, first, PartOfDay.MORNING, not_home, unannounced, worker)
    actions.letter_generate(
        dossier,
        next_step.NOT_AT_HOME,
        actor=worker,
        on=first,
        sent_on=first,
        visit_date=first,
        appointment_date=second,
        appointment_part=PartOfDay.MORNING,
        plan_visit=True,
    )
    _visit(dossier, second, PartOfDay.MORNING, not_home, announced, worker)
    actions.letter_generate(dossier, next_step.LAST_LETTER, actor=worker, on=second, sent_on=second)

    # Reached by phone after a failed visit.
    dossier = dossiers["reached_by_phone"]
    _invite(dossier, today - day(days=10), worker)
    _visit(dossier, today - day(days=6), PartOfDay.MORNING, not_home, unannounced, worker)
    actions.attempt_record(
        dossier,
        kind=ContactAttempt.Kind.PHONE,
        date=today - day(days=2),
        part_of_day=PartOfDay.AFTERNOON,
        result=ContactAttempt.Result.REACHED,
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
        part_of_day=PartOfDay.AFTERNOON,
        kind=unannounced,
        actor=worker,
    )

    # The other households of the LAC lists: invited promptly, a few still to invite.
    _invite_lac_lists(ctx, dossiers.values(), worker, today)

    # A cut-off within the warning period, household not reached: "Termijn nadert".
    late = _late_warning(ctx, worker, today)
    if late is not None:
        dossiers["deadline_near"] = late
    ctx.data["outreach"] = dossiers
