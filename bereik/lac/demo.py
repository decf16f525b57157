"""Demo LAC: the committee's members, a past session in each kind with attendance, advice and
follow-up tasks (closed, so its minutes are final), a water session of today (or of the last
working day) prepared and still open, its advice to record, and an upcoming session in each kind
being prepared.

Every household comes in on a LAC list imported through the intake, like any other, so it has its
signal, its deadline, its route and its worker from the register, and is placed on the agenda by
the placement the import runs.

- `load_lists(ctx)`: the past sessions. Each is planned, its list comes in (the working day after
  the register, before the intake's lists), its households are reached and prepared, and on its
  day the attendance and advice are recorded and the secretary closes it. Then the session of
  today: its list comes in after theirs, its households are reached and (most of them) prepared,
  and nothing is recorded: the heart of the LAC is left for the user to try. The demo loader
  calls it right after the register; `load` calls it when that did not happen.
- `load(ctx)`: the upcoming sessions, from the intake's imported lists (or from a list imported
  here when there are none): the secretariat fills in the members, moves one household to next
  month's session with a reason (after its legal deadline, so it is flagged with what the law
  says happens) and, as in Kontich, gives two households to a social worker by hand.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from bereik.clients.models import Client
from bereik.dossiers.models import Dossier, Signal
from bereik.followup import actions as followup_actions
from bereik.followup.models import Proposal, RightCheck, RightItem
from bereik.intake import actions as intake_actions
from bereik.intake.models import REGISTER, ImportBatch
from bereik.lac import actions
from bereik.lac.models import AgendaItem, LacPerson, Session
from bereik.lib import clock, workdays
from bereik.organisation.models import Company
from bereik.outreach import actions as outreach_actions
from bereik.outreach.models import ContactAttempt, PartOfDay

STREETS = ["Kerkstraat", "Stationsstraat", "Tiensesteenweg", "Groenstraat", "Luikersteenweg"]
PLACE = "Raadzaal, Kazernestraat 13"
SESSION_TIME = datetime.time(14, 0)
# The register comes in about four weeks before today (bereik/clients/demo.py); without it the
# past lists come in this many days before today.
LISTS_DAYS_AGO = 27
WATER_HEADER = (
    "Klantnummer;Naam;Voornaam;Straat;Huisnummer;Postcode;Gemeente;Rijksregisternummer;"
    "Openstaand bedrag;Beschermde klant;Datum LAC"
)
ENERGY_HEADER = (
    "EAN;Naam;Straat;Postcode;Gemeente;Energie;Schuld elektriciteit;Schuld gas;Reden aanvraag;"
    "Datum aanvraag;Datum LAC"
)


# --- the committee -----------------------------------------------------------------------------


def _people(ctx, actor) -> dict[str, LacPerson]:
    """The list of LAC people the beheerder keeps (made once per demo)."""
    if "lac_people" in ctx.data:
        return ctx.data["lac_people"]
    users = ctx.users
    rows = {
        "chair": (
            "Vera Maes",
            LacPerson.Function.CHAIR,
            "Schuldbemiddeling",
            None,
            users.get("vera"),
        ),
        "secretary": (
            "Olga Peeters",
            LacPerson.Function.SECRETARY,
            "Onthaalteam",
            None,
            users.get("olga"),
        ),
        "bcsd": ("Jos Vandeweyer", LacPerson.Function.BCSD, "BCSD", None, None),
        "debt": ("Sofie Martens", LacPerson.Function.DEBT_MEDIATOR, "CAW Limburg", None, None),
        "rep_water": ("An Lemmens", LacPerson.Function.COMPANY, "", "De Watergroep", None),
        "rep_energie": ("Koen Stevens", LacPerson.Function.COMPANY, "", "Fluvius", None),
    }
    people = {}
    for key, (name, function, organisation, company, user) in rows.items():
        person = LacPerson(
            name=name,
            function=function,
            organisation=organisation,
            company=Company.objects.filter(name=company).first() if company else None,
            user=user,
        )
        people[key] = actions.person_save(person, actor=actor)
    ctx.data["lac_people"] = people
    return people


def _members(people, kind) -> dict:
    return {
        "chair": people["chair"],
        "secretary": people["secretary"],
        "bcsd_member": people["bcsd"],
        "debt_mediator": people["debt"],
        "company_representative": people[
            "rep_water" if kind == Session.Kind.WATER else "rep_energie"
        ],
    }


# --- the lists ---------------------------------------------------------------------------------


def _amount(value: Decimal) -> str:
    return f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def _household_from_register(client: Client) -> dict:
    return {
        "last_name": client.last_name,
        "first_name": client.first_name,
        "street": client.street,
        "house_number": client.house_number + (f" bus {client.box}" if client.box else ""),
        "postcode": client.postcode,
        "city": client.city,
        "insz": client.insz,
    }


def _household_made_up(ctx) -> dict:
    return {
        "last_name": ctx.faker.last_name(),
        "first_name": ctx.faker.first_name(),
        "street": ctx.random.choice(STREETS),
        "house_number": str(ctx.random.randint(1, 180)),
        "postcode": "3800",
        "city": "Sint-Truiden",
        "insz": "",
    }


def _households(ctx, kind, wanted) -> list[dict]:
    """One household per entry of `wanted`: a client of the register in active guidance with that
    worker (key of ctx.users), "intensief" for one once intensively guided, None for one unknown
    to the OCMW. A client that cannot be found (no register loaded) becomes an unknown one."""
    taken = set(Dossier.objects.exclude(client=None).values_list("client_id", flat=True))
    households = []
    for want in wanted:
        clients = Client.objects.exclude(pk__in=taken).exclude(street="").order_by("-client_number")
        if want == "intensief":
            clients = clients.filter(
                guidance_status=Client.Guidance.CLOSED, intensive_guidance=True
            ).exclude(social_worker=None)
        elif want is not None and ctx.users.get(want) is not None:
            clients = clients.filter(
                guidance_status=Client.Guidance.ACTIVE, social_worker=ctx.users[want]
            )
        else:
            clients = Client.objects.none()
        client = clients.first()
        if client is not None:
            taken.add(client.pk)
            households.append(_household_from_register(client))
        else:
            households.append(_household_made_up(ctx))
        households[-1]["amount"] = Decimal(ctx.random.randint(12000, 160000)) / 100
        households[-1]["customer"] = (
            f"5414{ctx.random.randint(10**13, 10**14 - 1)}"
            if kind == Session.Kind.ENERGIE
            else str(ctx.random.randint(1000000, 9999999))
        )
    return households


def _list_content(kind, households, *, session_date, requested: datetime.date) -> bytes:
    """A LAC list as the company sends it (the columns of the samples in bereik/intake)."""
    lines = []
    for h in households:
        if kind == Session.Kind.WATER:
            row = [
                h["customer"],
                h["last_name"],
                h["first_name"],
                h["street"],
                h["house_number"],
                h["postcode"],
                h["city"],
                h["insz"],
                _amount(h["amount"]),
                "nee",
                f"{session_date:%d/%m/%Y}",
            ]
        else:
            row = [
                h["customer"],
                f"{h['last_name']} {h['first_name']}",
                f"{h['street']} {h['house_number']}",
                h["postcode"],
                h["city"],
                "Elektriciteit",
                _amount(h["amount"]),
                "0,00",
                "Afbetalingsplan niet nageleefd",
                f"{requested:%d/%m/%Y}",
                f"{session_date:%d/%m/%Y}",
            ]
        lines.append(";".join(row))
    header = WATER_HEADER if kind == Session.Kind.WATER else ENERGY_HEADER
    return "\n".join([header, *lines, ""]).encode("utf-8")


def _import_list(ctx, kind, company, households, *, session_date, received_on, at) -> list[Dossier]:
    """Import the list on `received_on` at `at`; its dossiers, in the order of the list."""
    signal_kind = Signal.Kind.LAC_WATER if kind == Session.Kind.WATER else Signal.Kind.LAC_ENERGIE
    content = _list_content(
        kind,
        households,
        session_date=session_date,
        requested=workdays.working_day_before(received_on),
    )
    with clock.at(clock.on(received_on, at)):
        intake_actions.import_file(
            content,
            file_name=f"{company.name.lower().replace(' ', '-')}-lac-{session_date:%Y%m%d}.csv",
            kind=signal_kind,
            company=company,
            actor=ctx.users.get("olga"),
        )
    customers = [h["customer"] for h in households]
    dossiers = {
        d.customer_number: d
        for d in Dossier.objects.filter(company=company, customer_number__in=customers)
    }
    return [dossiers[customer] for customer in customers]


# --- the past sessions -------------------------------------------------------------------------


def _plan(item) -> dict:
    return {
        "attendance": AgendaItem.Attendance.PRESENT,
        "advice": AgendaItem.Advice.PLAN,
        "conditional": True,
        "conditions": "Elke maand € 45 betalen, de eerste keer op de 1ste van volgende maand.",
        "condition_deadline": item.session.date + datetime.timedelta(days=60),
        "unanimous": True,
        "note": "Cliënt bracht loonfiches mee.",
    }


def _limiter_not_unanimous(item) -> dict:
    worker = item.dossier.assigned_to
    return {
        "attendance": AgendaItem.Attendance.REPRESENTED,
        "representative_kind": AgendaItem.Representative.SOCIAL_WORKER,
        "representative_name": worker.get_full_name() if worker else "",
        "advice": AgendaItem.Advice.LIMITER,
        "unanimous": False,
        "note": "Het BCSD-lid stemde tegen: het gezin heeft drie jonge kinderen.",
    }


def _postpone(item) -> dict:
    return {
        "attendance": AgendaItem.Attendance.ABSENT,
        "advice": AgendaItem.Advice.POSTPONE,
        "conditional": True,
        "conditions": "Binnen twee weken contact opnemen met het OCMW.",
        "condition_deadline": item.session.date + datetime.timedelta(days=14),
        "unanimous": True,
    }


def _meter(item) -> dict:
    return {
        "attendance": AgendaItem.Attendance.PRESENT,
        "advice": AgendaItem.Advice.METER,
        "unanimous": True,
    }


def _no_cutoff(item) -> dict:
    return {
        "attendance": AgendaItem.Attendance.ABSENT,
        "advice": AgendaItem.Advice.NO_CUTOFF,
        "unanimous": True,
    }


# Per kind: (days before today, company, the households on the list, the advice for each). The
# session is held on the last working day (no weekend, no public holiday) that many days ago.
PAST = [
    (
        Session.Kind.WATER,
        21,
        "De Watergroep",
        [("tom", _plan), ("intensief", _limiter_not_unanimous), (None, _postpone)],
    ),
    (Session.Kind.ENERGIE, 14, "Fluvius", [("ilse", _meter), (None, _no_cutoff)]),
]


def _lists_day(today) -> datetime.date:
    """The first list comes in the working day after the register (or LISTS_DAYS_AGO)."""
    register = (
        ImportBatch.objects.filter(kind=REGISTER, status=ImportBatch.Status.IMPORTED)
        .order_by("imported_at")
        .first()
    )
    if register is not None:
        return workdays.working_day_after(timezone.localdate(register.imported_at))
    return workdays.working_day_before(today - datetime.timedelta(days=LISTS_DAYS_AGO - 1))


def _reach(dossier, day, index, actor) -> None:
    """Reached by the dossier's worker (by phone or at the office) a few days after the list."""
    worker = dossier.assigned_to or actor
    part = PartOfDay.MORNING if index % 2 == 0 else PartOfDay.AFTERNOON
    kind = ContactAttempt.Kind.PHONE if index % 2 == 0 else ContactAttempt.Kind.OFFICE
    with clock.at(clock.on(day, part), after=dossier):
        outreach_actions.attempt_record(
            dossier,
            kind=kind,
            date=day,
            part_of_day=part,
            result=ContactAttempt.Result.REACHED,
            note="LAC-zitting en mogelijke afspraken besproken.",
            performed_by=worker,
            actor=worker,
        )


def _prepare(dossier, day) -> None:
    """The worker's proposal and terugkoppeling for the chair, the day after reaching them."""
    worker = dossier.assigned_to
    if worker is None:
        return
    with clock.at(clock.on(day, "namiddag"), after=dossier):
        followup_actions.proposal_create(
            dossier,
            actor=worker,
            conversation_date=day,
            lac_options_discussed=True,
            brochure_discussed=True,
            arrangement=Proposal.Arrangement.PLAN,
            amount_per_month=Decimal("45"),
            months=12,
            start_date=(day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1),
            client_agrees=Proposal.Agreement.AGREES,
            feedback="Cliënt wil een afbetalingsplan van € 45 per maand; loonfiches opgevraagd.",
        )


def load_lists(ctx) -> None:
    """The past sessions, each from a LAC list imported before the session (see the module).
    Once per demo: `load` calls it when the loader did not."""
    if ctx.data.get("lac_lists_loaded"):
        return
    ctx.data["lac_lists_loaded"] = True
    actor = ctx.users.get("olga")
    people = _people(ctx, actor)
    today = timezone.localdate()
    received_on = _lists_day(today)
    for kind, days_ago, company_name, entries in PAST:
        company = Company.objects.get(name=company_name)
        date = workdays.working_day_before(today - datetime.timedelta(days=days_ago - 1))
        planned = workdays.working_day_before(date - datetime.timedelta(days=20))
        with clock.at(clock.on(planned, datetime.time(9, 30))):
            session = actions.session_create(
                kind=kind,
                company=company,
                date=date,
                time=SESSION_TIME,
                place=PLACE,
                actor=actor,
                **_members(people, kind),
            )
        households = _households(ctx, kind, [want for want, _advice in entries])
        dossiers = _import_list(
            ctx,
            kind,
            company,
            households,
            session_date=date,
            received_on=received_on,
            at=datetime.time(9, 15),
        )
        reached_on = workdays.working_day_after(received_on, 2)
        for index, dossier in enumerate(dossiers):
            dossier.refresh_from_db()
            _reach(dossier, reached_on, index, actor)
        _prepare(dossiers[0], workdays.working_day_after(reached_on))
        items = {
            item.dossier_id: item
            for item in session.items.select_related("session", "dossier__assigned_to")
        }
        start = clock.on(date, SESSION_TIME)
        for index, (dossier, (_want, advice)) in enumerate(zip(dossiers, entries, strict=True)):
            item = items[dossier.pk]
            with clock.at(start + datetime.timedelta(minutes=15 * index), after=dossier):
                actions.agenda_item_record(item, actor=actor, **advice(item))
        with clock.at(clock.on(date, datetime.time(17, 30))):
            actions.session_close(session, actor=actor)
        received_on = workdays.working_day_after(received_on)
    _load_today(ctx, people, received_on, actor)


# --- the session of today ----------------------------------------------------------------------

# The session held today (or on the last working day, when the demo is loaded in a weekend or on
# a public holiday): its list came in after the past sessions' lists, its households were reached
# and prepared, and nothing is recorded yet, so a user can record the advice and close it.
TODAY = (Session.Kind.WATER, "De Watergroep", ["nele", "katrien", None, None])
# How many of its households were prepared completely (proposal, sociaal verslag, rights); the
# next one has a proposal only, the others nothing yet.
TODAY_PREPARED = 2


def today_session_date(today: datetime.date) -> datetime.date:
    return workdays.working_day_on_or_before(today)


def _complete(dossier, day) -> None:
    """The sociaal verslag and the rights investigation, the day after the proposal."""
    worker = dossier.assigned_to
    if worker is None:
        return
    rights = list(RightItem.objects.filter(active=True).order_by("pk")[:3])
    with clock.at(clock.on(day, "voormiddag"), after=dossier):
        followup_actions.report_save(
            dossier,
            text=(
                "Gezin met een onregelmatig inkomen; de waterfactuur liep op door een lek dat "
                "intussen hersteld is. Cliënt werkt mee en wil een afbetalingsplan."
            ),
            actor=worker,
        )
        followup_actions.rights_update(
            dossier,
            {right.pk: (RightCheck.Status.APPLIED, "") for right in rights},
            actor=worker,
        )


def _load_today(ctx, people, received_on, actor) -> Session:
    kind, company_name, wanted = TODAY
    company = Company.objects.get(name=company_name)
    date = today_session_date(timezone.localdate())
    with clock.at(clock.on(workdays.working_day_before(received_on), datetime.time(9, 30))):
        session = actions.session_create(
            kind=kind,
            company=company,
            date=date,
            time=SESSION_TIME,
            place=PLACE,
            actor=actor,
            **_members(people, kind),
        )
    dossiers = _import_list(
        ctx,
        kind,
        company,
        _households(ctx, kind, wanted),
        session_date=date,
        received_on=received_on,
        at=datetime.time(9, 15),
    )
    reached_on = workdays.working_day_after(received_on, 2)
    for index, dossier in enumerate(dossiers):
        dossier.refresh_from_db()
        _reach(dossier, reached_on, index, actor)
    prepared_on = workdays.working_day_after(reached_on)
    for index, dossier in enumerate(dossiers[: TODAY_PREPARED + 1]):
        _prepare(dossier, prepared_on)
        if index < TODAY_PREPARED:
            _complete(dossier, workdays.working_day_after(prepared_on))
    return session


# --- the upcoming sessions ---------------------------------------------------------------------


def _upcoming_list(ctx, kind, company, count) -> Session:
    """Without the intake's lists: a list of `count` households for a session in three weeks."""
    today = timezone.localdate()
    session_date = workdays.working_day_after(today, 14)
    _import_list(
        ctx,
        kind,
        company,
        _households(ctx, kind, [None] * count),
        session_date=session_date,
        received_on=workdays.working_day_before(today - datetime.timedelta(days=3)),
        at=datetime.time(10, 0),
    )
    return Session.objects.get(kind=kind, company=company, date=session_date)


def _next_month(session, actor) -> Session:
    """Next month's session of the same company, planned already (on a working day)."""
    return actions.session_create(
        kind=session.kind,
        company=session.company,
        date=workdays.working_day_on_or_after(session.date + datetime.timedelta(days=28)),
        copy_previous=True,
        actor=actor,
    )


def _move_one_late(session, actor) -> None:
    """A household asks to come to next month's session; that falls after the legal deadline, so
    the dossier is flagged with what the law says happens."""
    item = (
        session.items.filter(preparer_set_by_hand=False)
        .exclude(dossier__route=Dossier.Route.A)
        .exclude(legal_deadline=None)
        .order_by("-position")
        .first()
    )
    if item is None:
        return
    later = _next_month(session, actor)
    actions.agenda_item_move(
        item,
        later,
        reason="De cliënt is opgenomen in het ziekenhuis en vraagt de zitting van volgende maand.",
        actor=actor,
    )


def load(ctx):
    actor = ctx.users.get("olga")
    people = _people(ctx, actor)
    load_lists(ctx)
    # Dossiers of the imported lists the import did not place (there should be none).
    actions.agenda_fill_from_imports(actor=actor)
    today = timezone.localdate()
    for kind, company_name in (
        (Session.Kind.WATER, "De Watergroep"),
        (Session.Kind.ENERGIE, "Fluvius"),
    ):
        company = Company.objects.get(name=company_name)
        session = (
            Session.objects.filter(kind=kind, company=company, date__gt=today, closed_at=None)
            .order_by("date")
            .first()
        )
        if session is None:
            session = _upcoming_list(ctx, kind, company, 3)
        # A session the import created before any session of that company existed has no
        # members yet: the secretariat fills them in.
        seats = {
            name: person
            for name, person in _members(people, kind).items()
            if getattr(session, name) is None
        }
        if not session.time:
            seats["time"] = SESSION_TIME
        if not session.place:
            seats["place"] = PLACE
        if seats:
            actions.session_update(session, actor=actor, **seats)
        _move_one_late(session, actor)
    _divide_some(ctx, actor)


def _divide_some(ctx, actor):
    """As in Kontich, two households of the coming energy session that are not in guidance go to
    a social worker of the Sociale Dienst (Nele) instead of the preventiewerker, chosen by hand
    (one notification for both)."""
    nele = ctx.users.get("nele")
    session = (
        Session.objects.filter(
            kind=Session.Kind.ENERGIE, date__gt=timezone.localdate(), closed_at=None
        )
        .order_by("date")
        .first()
    )
    if nele is None or session is None:
        return
    items = (
        session.items.filter(preparer_set_by_hand=False)
        .exclude(dossier__route=Dossier.Route.A)
        .select_related("dossier", "session")
        .order_by("position")[:2]
    )
    actions.agenda_items_set_preparer(items, nele, actor=actor)
