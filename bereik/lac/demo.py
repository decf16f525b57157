"""Demo LAC: the committee's members, a past session in each kind with attendance, advice and
follow-up tasks (closed, so its minutes are final), and an upcoming session in each kind being
prepared. Upcoming sessions come from the imported demo lists when the intake demo made them;
otherwise a few dossiers with a LAC list signal are made here."""

import datetime
from decimal import Decimal

from django.utils import timezone

from bereik.dossiers.actions import next_dossier_numbers
from bereik.dossiers.models import Dossier, Signal
from bereik.lac import actions
from bereik.lac.models import AgendaItem, LacPerson, Session
from bereik.lac.queries import unplaced_dossier_ids
from bereik.organisation.models import Company

STREETS = ["Kerkstraat", "Stationsstraat", "Tiensesteenweg", "Groenstraat", "Luikersteenweg"]


def _people(ctx, actor) -> dict[str, LacPerson]:
    users = ctx.users
    rows = {
        "chair": ("Vera Maes", LacPerson.CHAIR, "Schuldbemiddeling", None, users.get("vera")),
        "secretary": ("Olga Peeters", LacPerson.SECRETARY, "Onthaalteam", None, users.get("olga")),
        "bcsd": ("Jos Vandeweyer", LacPerson.BCSD, "BCSD", None, None),
        "debt": ("Sofie Martens", LacPerson.DEBT_MEDIATOR, "CAW Limburg", None, None),
        "rep_water": ("An Lemmens", LacPerson.COMPANY, "", "De Watergroep", None),
        "rep_energie": ("Koen Stevens", LacPerson.COMPANY, "", "Fluvius", None),
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
    return people


def _members(people, kind) -> dict:
    return {
        "chair": people["chair"],
        "secretary": people["secretary"],
        "bcsd_member": people["bcsd"],
        "debt_mediator": people["debt"],
        "company_representative": people["rep_water" if kind == Session.WATER else "rep_energie"],
    }


def _new_dossiers(ctx, kind, company, count, *, workers, reached: bool) -> list[Dossier]:
    """A few households made directly, for a demo without intake data."""
    today = timezone.localdate()
    dossiers = []
    for number in next_dossier_numbers(count):
        worker = ctx.random.choice(workers) if workers else None
        dossiers.append(
            Dossier.objects.create(
                number=number,
                kind=kind,
                company=company,
                customer_number=f"{kind[0].upper()}{ctx.random.randint(1000000, 9999999)}",
                status=Dossier.REACHED if reached else Dossier.ASSIGNED,
                last_name=ctx.faker.last_name(),
                first_name=ctx.faker.first_name(),
                street=ctx.random.choice(STREETS),
                house_number=str(ctx.random.randint(1, 180)),
                postcode="3800",
                city="Sint-Truiden",
                amount_due=Decimal(ctx.random.randint(12000, 160000)) / 100,
                assigned_to=worker,
                reached_on=today - datetime.timedelta(days=ctx.random.randint(25, 40))
                if reached
                else None,
            )
        )
    return dossiers


def _free_dossiers(kind, company, count) -> list[Dossier]:
    """Existing dossiers of earlier loaders that no LAC list puts on a coming agenda."""
    waiting = set(unplaced_dossier_ids())
    candidates = (
        Dossier.objects.filter(kind=kind, company=company, lac_items__isnull=True)
        .exclude(pk__in=waiting)
        .order_by("pk")
    )
    return list(candidates[:count])


def _past_session(ctx, people, actor, *, kind, company, days_ago, advice, workers):
    today = timezone.localdate()
    session = actions.session_create(
        kind=kind,
        company=company,
        date=today - datetime.timedelta(days=days_ago),
        time=datetime.time(14, 0),
        place="Raadzaal, Kazernestraat 13",
        actor=actor,
        **_members(people, kind),
    )
    dossiers = _free_dossiers(kind, company, len(advice))
    dossiers += _new_dossiers(
        ctx, kind, company, len(advice) - len(dossiers), workers=workers, reached=True
    )
    for dossier, values in zip(dossiers, advice, strict=True):
        item = actions.agenda_add(session, dossier, actor=actor)
        actions.agenda_item_record(item, actor=actor, **values(session.date))
    actions.session_close(session, actor=actor)
    return session


def _upcoming(ctx, actor, *, kind, company, workers, session_date, count):
    """`count` households on a LAC list for `session_date`; the first was asked too long ago, so
    the session falls after its legal deadline."""
    today = timezone.localdate()
    dossiers = _new_dossiers(ctx, kind, company, count, workers=workers, reached=False)
    dossiers[-1].reached_on = today - datetime.timedelta(days=3)
    dossiers[-1].save(update_fields=["reached_on"])
    signal_kind = Signal.LAC_WATER if kind == Dossier.WATER else Signal.LAC_ENERGIE
    for index, dossier in enumerate(dossiers):
        days_ago = 5 if index else 40
        requested = today - datetime.timedelta(days=days_ago)
        energy = kind == Dossier.ENERGIE
        Signal.objects.create(
            dossier=dossier,
            kind=signal_kind,
            company=company,
            customer_number=dossier.customer_number,
            last_name=dossier.last_name,
            first_name=dossier.first_name,
            reference_date=requested if energy else session_date,
            received_at=timezone.now() - datetime.timedelta(days=days_ago),
            amount=dossier.amount_due,
            session_date=session_date,
            extra={"reason": "Geen toegang tot meter", "request_date": requested.isoformat()}
            if energy
            else {},
        )
    actions.agenda_place_imported([d.pk for d in dossiers], actor=actor)


def load(ctx):
    actor = ctx.users.get("olga")
    workers = [user for key, user in ctx.users.items() if key in ("nele", "hanne", "bart")]
    water = Company.objects.get(name="De Watergroep")
    fluvius = Company.objects.get(name="Fluvius")
    people = _people(ctx, actor)

    def plan(day):
        return {
            "attendance": AgendaItem.PRESENT,
            "advice": AgendaItem.ADVICE_PLAN,
            "conditional": True,
            "conditions": "Elke maand € 45 betalen, de eerste keer op de 1ste van volgende maand.",
            "condition_deadline": day + datetime.timedelta(days=60),
            "unanimous": True,
            "note": "Cliënt bracht loonfiches mee.",
        }

    def limiter_not_unanimous(day):
        return {
            "attendance": AgendaItem.REPRESENTED,
            "representative_kind": AgendaItem.REP_SOCIAL_WORKER,
            "representative_name": "Nele Aerts",
            "advice": AgendaItem.ADVICE_LIMITER,
            "unanimous": False,
            "note": "Het BCSD-lid stemde tegen: het gezin heeft drie jonge kinderen.",
        }

    def postpone(day):
        return {
            "attendance": AgendaItem.ABSENT,
            "advice": AgendaItem.ADVICE_POSTPONE,
            "conditional": True,
            "conditions": "Binnen twee weken contact opnemen met het OCMW.",
            "condition_deadline": day + datetime.timedelta(days=14),
            "unanimous": True,
        }

    def meter(day):
        return {
            "attendance": AgendaItem.PRESENT,
            "advice": AgendaItem.ADVICE_METER,
            "unanimous": True,
        }

    def no_cutoff(day):
        return {"attendance": AgendaItem.ABSENT, "advice": AgendaItem.ADVICE_NO_CUTOFF}

    _past_session(
        ctx,
        people,
        actor,
        kind=Session.WATER,
        company=water,
        days_ago=21,
        advice=[plan, limiter_not_unanimous, postpone],
        workers=workers,
    )
    _past_session(
        ctx,
        people,
        actor,
        kind=Session.ENERGIE,
        company=fluvius,
        days_ago=14,
        advice=[meter, no_cutoff],
        workers=workers,
    )
    # Dossiers of the imported demo lists, if any, get their sessions (the import placed them
    # already; this catches the rest); otherwise a few are made here.
    actions.agenda_fill_from_imports(actor=actor)
    today = timezone.localdate()
    for session in Session.objects.filter(date__gte=today, closed_at=None):
        # Sessions the import created before any session existed have no members yet: the
        # secretariat fills them in.
        seats = {
            name: person
            for name, person in _members(people, session.kind).items()
            if getattr(session, name) is None
        }
        if not session.time:
            seats["time"] = datetime.time(14, 0)
        if not session.place:
            seats["place"] = "Raadzaal, Kazernestraat 13"
        if seats:
            actions.session_update(session, actor=actor, **seats)
    for kind, company in ((Session.WATER, water), (Session.ENERGIE, fluvius)):
        coming = (
            Session.objects.filter(kind=kind, company=company, date__gte=today, closed_at=None)
            .order_by("date")
            .first()
        )
        if coming is None:
            session_date, count = today + datetime.timedelta(days=20), 3
        else:
            session_date, count = coming.date, 1
        # One household asked too long ago shows the deadline flag.
        _upcoming(
            ctx,
            actor,
            kind=kind,
            company=company,
            workers=workers,
            session_date=session_date,
            count=count,
        )
    _divide_some(ctx, actor)
    ctx.data["lac_people"] = people


def _divide_some(ctx, actor):
    """As in Kontich, two households of the coming energy session that are not in guidance go to
    a social worker of the Sociale Dienst (Nele) instead of the preventiewerker, chosen by hand."""
    nele = ctx.users.get("nele")
    session = (
        Session.objects.filter(kind=Session.ENERGIE, date__gte=timezone.localdate(), closed_at=None)
        .order_by("date")
        .first()
    )
    if nele is None or session is None:
        return
    items = (
        session.items.filter(preparer_set_by_hand=False)
        .exclude(dossier__route=Dossier.ROUTE_A)
        .select_related("dossier")
        .order_by("position")[:2]
    )
    for item in items:
        actions.agenda_item_set_preparer(item, nele, actor=actor)
