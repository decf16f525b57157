"""Demo data for the figures: two years of history before the story, so the Cijfers page shows a
trend and a year-on-year comparison.

Every month from January of last year until the month before the story's lists, De Watergroep's
LAC list comes in through the intake like any other (its session about four weeks later), every
third month Fluvius' LAC list (three to four weeks later, for requests made a week before the
list, so now and then the session falls after the legal deadline) and every fourth month Farys'
warnings. Most households are new to the OCMW (route C, the preventiewerker), some are clients in
active guidance (route A, their social worker) or were guided intensively (route B: the overleg
is answered two days later). Each household is visited or called: in the first year about half of
them are reached, then the practice grows into it and more than nine in ten of a month's
households are reached, so that the preventiewerker's reach over the last twelve months (with the
story's dossiers still being worked) is about 70%, as in Sint-Truiden. Which households are
reached is drawn at random, but the number reached keeps within one of the shares' sum (`Quota`):
the figures tell that story whatever day the demo is loaded on. Some get a conversation with a
payment plan or the brochure; on each session's day the LAC records attendance and advice and
closes it (the payment plan checks are done when they fall due); every dossier is closed with an
outcome four to eight weeks after it came in, a few are reopened and closed again.

Everything goes through the actions at the moment it happened (`bereik.lib.clock.at`), each step
of a household after the one before it by construction. What the history leaves for people
(notifications of old assignments) is marked read, so the story's own work stays in front. Runs
last: the register and the story's sessions exist.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from bereik.accounts import actions as accounts_actions
from bereik.accounts.models import Notification
from bereik.clients.models import Client
from bereik.dossiers.actions import task_complete
from bereik.dossiers.models import Dossier, Signal, Task
from bereik.followup import actions as followup_actions
from bereik.followup.models import OutcomeCode, Proposal
from bereik.intake import actions as intake_actions
from bereik.lac import actions as lac_actions
from bereik.lac.models import AgendaItem, Session
from bereik.lib import clock, workdays
from bereik.organisation.models import Company
from bereik.outreach import actions as outreach_actions
from bereik.outreach.models import ContactAttempt, PartOfDay
from bereik.reports.periods import add_months
from bereik.triage.actions.routes import consultation_record
from bereik.triage.models import Consultation

MONTHS = 23  # the history starts this many months before today's month
STORY_MONTHS = 2  # and stops before the month the story's lists began in
# The lists: every how many months one comes in, and its households: new to the OCMW (C), in
# active guidance (A), once intensively guided (B). De Watergroep's lists grow in the second
# year (GROWN: from that month on, C_GROWN households new to the OCMW).
LISTS = {
    "water": (1, {"C": 2, "A": 1, "B": 1}),
    "energie": (3, {"C": 6, "A": 1}),
    "verwittiging": (4, {"C": 6}),
}
GROWN, C_GROWN = 10, 12
# The share of households reached by a visit or a call: a quarter in the first months (about half
# with those who come to the LAC session all the same), rising after RAMP_FROM months to more than
# nine in ten RAMP_MONTHS later (the practice grew into it); households the social worker knows
# (route A and B) a little more often.
REACH_FROM, REACH_TO = 0.25, 0.95
RAMP_FROM, RAMP_MONTHS = 9, 4
GUIDED_BONUS = 0.15
FIRST_TIME = 0.8  # of the households reached: at the first visit or call
TWICE = 0.3  # of the households not reached: visited a second time
LATE = 0.6  # of the others: only weeks later, after the deadline
PLAN_SHARE = 0.2  # of the households reached: a conversation with a payment plan
BROCHURE_SHARE = 0.15  # of the households reached: the brochure handed over
RETURNING = 0.4  # of De Watergroep's lists: one with a household whose plan was not kept
STREETS = ["Kerkstraat", "Stationsstraat", "Tiensesteenweg", "Luikersteenweg", "Naamsesteenweg"]
WATER_HEADER = (
    "Klantnummer;Naam;Voornaam;Straat;Huisnummer;Postcode;Gemeente;Rijksregisternummer;"
    "Openstaand bedrag;Beschermde klant;Datum LAC"
)
ENERGY_HEADER = (
    "EAN;Naam;Straat;Postcode;Gemeente;Energie;Schuld elektriciteit;Schuld gas;Reden aanvraag;"
    "Datum aanvraag;Datum LAC"
)
WARNING_HEADER = (
    "Klantnummer;Naam;Adres;Postcode en gemeente;Openstaand bedrag;Geplande actie;"
    "Geplande datum;Datum verwittiging"
)
CLOSED_REACHED = [
    ("opgelost_afbetalingsplan", 0),  # when a plan was agreed
    ("opgelost_zelf_betaald", 4),
    ("afsluiting_vermeden", 4),
    ("doorverwezen_warme_overdracht", 2),
    ("geen_hulp_gewenst", 1),
]
CLOSED_UNREACHED = [("niet_bereikt", 7), ("afsluiting_niet_vermeden", 2), ("verhuisd", 1)]


def _amount(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


class Quota:
    """Draws whether each next household is reached: at random, but so that the number reached
    so far stays within one of the sum of the shares (the balance stays between -1 and 1)."""

    def __init__(self, rng):
        self.rng = rng
        self.expected = 0.0  # the sum of the shares of the households so far
        self.reached = 0  # and how many of them were reached

    def draw(self, share: float) -> bool:
        self.expected += share
        reached = self.rng.random() < self.expected - self.reached
        self.reached += reached
        return reached


class History:
    def __init__(self, ctx):
        self.ctx = ctx
        self.rng = ctx.random
        self.today = timezone.localdate()
        self.olga = ctx.users["olga"]
        self.pieter = ctx.users["pieter"]
        self.outcomes = {code.code: code for code in OutcomeCode.objects.all()}
        self.companies = {c.name: c for c in Company.objects.all()}
        self.register_names = set(Client.objects.values_list("last_name", flat=True))
        guided = Client.objects.exclude(street="").exclude(social_worker=None)
        self.active = list(guided.filter(guidance_status=Client.Guidance.ACTIVE).order_by("pk"))
        self.former = list(
            guided.filter(guidance_status=Client.Guidance.CLOSED, intensive_guidance=True).order_by(
                "pk"
            )
        )
        self.customer = 8_100_000
        self.water_households = {}  # customer number -> household, for a later list
        self.plans = []  # (customer number, month) of the water households with a payment plan
        self.reach = Quota(self.rng)

    # --- the lists ---------------------------------------------------------------------------

    def household(self, route: str) -> dict:
        self.customer += 1
        pool = {"A": self.active, "B": self.former}.get(route)
        if pool:
            client = self.rng.choice(pool)
            return {
                "last_name": client.last_name,
                "first_name": client.first_name,
                "street": client.street,
                "house_number": client.house_number + (f" bus {client.box}" if client.box else ""),
                "postcode": client.postcode,
                "city": client.city,
                "insz": client.insz,
                "customer": str(self.customer),
            }
        last_name = self.ctx.faker.last_name()
        while last_name in self.register_names:
            last_name = self.ctx.faker.last_name()
        return {
            "last_name": last_name,
            "first_name": self.ctx.faker.first_name(),
            "street": self.rng.choice(STREETS),
            "house_number": str(self.rng.randint(1, 220)),
            "postcode": "3800",
            "city": "Sint-Truiden",
            "insz": "",
            "customer": str(self.customer),
        }

    def households(self, kind: str, month_index: int) -> list[dict]:
        wanted = dict(LISTS[kind][1])
        if kind == "water" and month_index >= GROWN:
            wanted["C"] = C_GROWN
        made = [self.household(route) for route, count in wanted.items() for _n in range(count)]
        if kind != "water":
            return made
        self.water_households.update({h["customer"]: h for h in made})
        # Now and then a household with a payment plan stops paying: the company puts it on a
        # list again some months later (the figures count its plan as not kept).
        due = [plan for plan in self.plans if plan[1] <= month_index - 3]
        if due and self.rng.random() < RETURNING:
            plan = self.rng.choice(due)
            self.plans.remove(plan)
            made.append(self.water_households[plan[0]])
        return made

    def content(self, kind, households, *, received, deadline) -> bytes:
        lines = []
        for h in households:
            amount = _amount(Decimal(self.rng.randint(9000, 140000)) / 100)
            if kind == "water":
                header = WATER_HEADER
                row = [h["customer"], h["last_name"], h["first_name"], h["street"],
                       h["house_number"], h["postcode"], h["city"], h["insz"], amount, "nee",
                       f"{deadline:%d/%m/%Y}"]  # fmt: skip
            elif kind == "energie":
                header = ENERGY_HEADER
                requested = workdays.working_day_before(received - datetime.timedelta(days=6))
                row = [f"5414{h['customer']}000000", f"{h['last_name']} {h['first_name']}",
                       f"{h['street']} {h['house_number']}", h["postcode"], h["city"],
                       "Elektriciteit", amount, "0,00", "Afbetalingsplan niet nageleefd",
                       f"{requested:%d/%m/%Y}", f"{deadline:%d/%m/%Y}"]  # fmt: skip
            else:
                header = WARNING_HEADER
                row = [h["customer"], f"{h['last_name']}, {h['first_name']}",
                       f"{h['street']} {h['house_number']}", f"{h['postcode']} {h['city']}",
                       amount, "Afsluiting", f"{deadline:%d/%m/%Y}",
                       f"{received:%d/%m/%Y}"]  # fmt: skip
            lines.append(";".join(row))
        return "\n".join([header, *lines, ""]).encode("utf-8")

    def import_list(self, kind: str, first_of_month: datetime.date, index: int) -> list[Dossier]:
        company, signal_kind, day, ahead, hour = {
            "water": ("De Watergroep", Signal.Kind.LAC_WATER, 3, 29, 9),
            "energie": ("Fluvius", Signal.Kind.LAC_ENERGIE, 12, self.rng.randint(21, 28), 10),
            "verwittiging": ("Farys", Signal.Kind.VERWITTIGING, 20, 42, 14),
        }[kind]
        received = workdays.working_day_on_or_after(first_of_month.replace(day=day))
        deadline = workdays.working_day_on_or_after(received + datetime.timedelta(days=ahead))
        households = self.households(kind, index)
        content = self.content(kind, households, received=received, deadline=deadline)
        with clock.at(clock.on(received, datetime.time(hour, 15))):
            result = intake_actions.import_file(
                content,
                file_name=f"{company.lower().replace(' ', '-')}-{kind}-{received:%Y%m%d}.csv",
                kind=signal_kind,
                company=self.companies[company],
                actor=self.olga,
            )
        return list(Dossier.objects.filter(number__in=result.dossiers_created).order_by("number"))

    # --- a household's story -----------------------------------------------------------------

    def past(self, day: datetime.date) -> datetime.date:
        """`day`, or the last working day before today when it is still to come."""
        return min(day, workdays.working_day_before(self.today))

    def reach_share(self, dossier: Dossier, month_index: int) -> float:
        ramp = min(max((month_index - RAMP_FROM) / RAMP_MONTHS, 0), 1)
        share = REACH_FROM + (REACH_TO - REACH_FROM) * ramp
        if dossier.route in (Dossier.Route.A, Dossier.Route.B):
            share += GUIDED_BONUS
        return min(share, 0.95)

    def attempt(self, dossier, day, kind, result, worker):
        part = self.rng.choice([PartOfDay.MORNING, PartOfDay.AFTERNOON])
        with clock.at(clock.on(day, part)):
            outreach_actions.attempt_record(
                dossier,
                kind=kind,
                date=day,
                part_of_day=part,
                result=result,
                performed_by=worker,
                actor=worker,
            )

    def answer_overleg(self, dossier: Dossier) -> None:
        consultation = Consultation.objects.filter(dossier=dossier, decided_at=None).first()
        if consultation is None:
            return
        outcome = (
            Consultation.Outcome.FORMER_WORKER
            if consultation.former_worker is not None and self.rng.random() < 0.6
            else Consultation.Outcome.PREVENTIEWERKER
        )
        day = workdays.working_day_after(timezone.localdate(dossier.opened_at), 2)
        with clock.at(clock.on(day, datetime.time(11, 30))):
            consultation_record(consultation, outcome, notes="Overleg gehad.", actor=self.pieter)

    def contact(self, dossier: Dossier, share: float) -> tuple[datetime.date | None, bool]:
        """Visits and calls; (the day the household was reached or None, a plan agreed)."""
        dossier.refresh_from_db()
        worker = dossier.assigned_to or self.pieter
        opened = timezone.localdate(dossier.opened_at)
        # After the overleg of route B (two working days after the list came in).
        first = workdays.working_day_after(opened, self.rng.randint(3, 7))
        guided = dossier.route == Dossier.Route.A
        kind = ContactAttempt.Kind.PHONE if guided else ContactAttempt.Kind.UNANNOUNCED_VISIT
        reached = self.reach.draw(share)
        if reached and self.rng.random() < FIRST_TIME:
            self.attempt(dossier, first, kind, ContactAttempt.Result.REACHED, worker)
            day = first
        else:
            self.attempt(dossier, first, kind, ContactAttempt.Result.NOT_HOME, worker)
            if not reached and self.rng.random() >= TWICE:
                return None, False
            later = (22, 35) if reached and self.rng.random() < LATE else (3, 9)
            day = self.past(workdays.working_day_after(first, self.rng.randint(*later)))
            self.attempt(
                dossier,
                day,
                ContactAttempt.Kind.PHONE if reached else ContactAttempt.Kind.UNANNOUNCED_VISIT,
                ContactAttempt.Result.REACHED if reached else ContactAttempt.Result.NOT_HOME,
                worker,
            )
        if not reached:
            return None, False
        plan = self.rng.random() < PLAN_SHARE
        dossier.refresh_from_db()
        with clock.at(clock.on(day, datetime.time(15, 30))):
            if plan:
                followup_actions.proposal_create(
                    dossier,
                    conversation_date=day,
                    lac_options_discussed=True,
                    brochure_discussed=True,
                    arrangement=Proposal.Arrangement.PLAN,
                    amount_per_month=Decimal(self.rng.choice([25, 30, 40, 50, 75])),
                    months=self.rng.choice([6, 10, 12]),
                    start_date=add_months(day.replace(day=1), 1),
                    client_agrees=Proposal.Agreement.AGREES,
                    feedback="Afbetalingsplan afgesproken.",
                    actor=worker,
                )
            if self.rng.random() < BROCHURE_SHARE:
                outreach_actions.brochure_hand_over_once(dossier, date=day, actor=worker)
        return day, plan

    def close(self, dossier: Dossier, reached_on, plan: bool, *, not_before=None) -> None:
        """Closed four to eight weeks after it came in, after the household was reached and after
        its LAC session (`not_before`)."""
        dossier.refresh_from_db()
        worker = dossier.assigned_to or self.pieter
        opened = timezone.localdate(dossier.opened_at)
        day = workdays.working_day_after(opened, self.rng.randint(20, 40))
        for after in (reached_on, not_before):
            if after is not None:
                day = max(day, workdays.working_day_after(after))
        day = self.past(day)
        choices = CLOSED_REACHED if reached_on is not None else CLOSED_UNREACHED
        code = "opgelost_afbetalingsplan" if plan else self.weighted(choices)
        with clock.at(clock.on(day, datetime.time(16, 0))):
            followup_actions.dossier_close(dossier, outcome=self.outcomes[code], actor=worker)
        again = workdays.working_day_after(day, self.rng.randint(5, 15))
        if self.rng.random() < 0.04 and again < self.today:
            with clock.at(clock.on(again, datetime.time(10, 0))):
                followup_actions.dossier_reopen(
                    dossier, reason="Nieuwe vraag van het gezin.", actor=worker
                )
            dossier.refresh_from_db()
            with clock.at(clock.on(again, datetime.time(16, 30))):
                followup_actions.dossier_close(
                    dossier, outcome=self.outcomes["geen_hulp_gewenst"], actor=worker
                )

    def weighted(self, choices) -> str:
        codes = [code for code, weight in choices if weight]
        return self.rng.choices(codes, [weight for _code, weight in choices if weight])[0]

    # --- the LAC -----------------------------------------------------------------------------

    def hold_sessions(self, sessions: set[int], plans: set[int]) -> None:
        """On each session's day: attendance and advice for every household, then closed; the
        payment plan checks that are due are done."""
        for session in Session.objects.filter(pk__in=sessions, closed_at=None).order_by("date"):
            start = clock.on(session.date, datetime.time(14, 0))
            items = session.items.filter(advice="").select_related("dossier").order_by("pk")
            for index, item in enumerate(items):
                dossier = item.dossier
                reached = dossier.reached_on is not None and dossier.reached_on <= session.date
                if reached:
                    attendance = self.rng.choice(["aanwezig", "aanwezig", "vertegenwoordigd"])
                else:
                    attendance = self.rng.choice(["afwezig", "afwezig", "aanwezig"])
                if dossier.pk in plans:
                    advice = AgendaItem.Advice.PLAN
                elif session.kind == Session.Kind.WATER:
                    advice = self.rng.choice(["uitstel", "debietbegrenzer", "geen_afsluiting"])
                else:
                    advice = self.rng.choice(["uitstel", "budgetmeter", "geen_afsluiting"])
                values = {
                    "attendance": attendance,
                    "advice": advice,
                    "unanimous": self.rng.random() < 0.9,
                }
                if attendance == "vertegenwoordigd":
                    values["representative_kind"] = AgendaItem.Representative.FAMILY
                moment = start + datetime.timedelta(minutes=10 * index)
                with clock.at(moment):
                    lac_actions.agenda_item_record(item, actor=self.olga, **values)
            with clock.at(clock.on(session.date, datetime.time(17, 30))):
                lac_actions.session_close(session, actor=self.olga)

    def do_checks_due(self, sessions: set[int]) -> None:
        """The payment plan checks of the history's sessions that fell due were done that day."""
        checks = Task.objects.filter(
            dossier__lac_items__session__in=sessions,
            source__startswith="lac:",
            done_at=None,
            due_date__lt=self.today,
        ).distinct()
        for task in checks.select_related("dossier", "assignee").order_by("due_date", "pk"):
            with clock.at(clock.on(task.due_date, datetime.time(10, 0))):
                task_complete(task, actor=task.assignee or self.olga)


def load(ctx) -> None:
    if "pieter" not in ctx.users or "olga" not in ctx.users:
        return
    history = History(ctx)
    first = add_months(history.today.replace(day=1), -MONTHS)
    months = MONTHS - STORY_MONTHS + 1
    before = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    held = set()
    for index in range(months):
        month = add_months(first, index)
        stories, plans = [], set()
        for kind, (every, _households) in LISTS.items():
            if index % every:
                continue
            for dossier in history.import_list(kind, month, index):
                if dossier.route == Dossier.Route.B:
                    history.answer_overleg(dossier)
                reached_on, plan = history.contact(dossier, history.reach_share(dossier, index))
                if plan:
                    plans.add(dossier.pk)
                    if kind == "water":
                        history.plans.append((dossier.customer_number, index))
                stories.append((dossier, reached_on, plan))
        items = AgendaItem.objects.filter(dossier__in=[d for d, _r, _p in stories])
        sessions = set(items.values_list("session_id", flat=True)) - held
        history.hold_sessions(sessions, plans)
        held |= sessions
        session_day = dict(items.values_list("dossier_id", "session__date"))
        for dossier, reached_on, plan in stories:
            history.close(dossier, reached_on, plan, not_before=session_day.get(dossier.pk))
    history.do_checks_due(held)
    # Old news for the people: the story's own notifications stay unread.
    for notification in Notification.objects.filter(pk__gt=before, read_at=None):
        accounts_actions.notification_mark_read(notification, actor=notification.user)
    ctx.data["history"] = {"months": months, "sessions": sorted(held)}
