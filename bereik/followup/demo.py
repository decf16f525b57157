"""Demo data for the follow-up: households with a proposal, a rights investigation in progress,
support requests, referrals in every state, a warm handover awaiting confirmation, a dossier shared
with the Energie- en Watercel and closed dossiers with several outcomes.

It works on the dossiers earlier loaders made (reached ones first); when there are too few, it
creates the missing ones itself so the follow-up can be shown on its own.

Each step runs with the demo clock on the day the story gives it (never before what the dossier's
timeline already holds): the households reached longest ago get the stories that started longest
ago.
"""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bereik.accounts.models import Role, Team
from bereik.dossiers.actions import dossier_log, next_dossier_numbers, task_create
from bereik.dossiers.models import Dossier
from bereik.followup import actions
from bereik.followup.models import (
    CellChecklistItem,
    ExternalOrganisation,
    InternalReferral,
    OutcomeCode,
    Proposal,
    RightCheck,
    RightItem,
)
from bereik.intake.demo import tiny_pdf
from bereik.lib import clock
from bereik.organisation.models import Company

NEEDED = 11
# The demo follows up the dossiers of social workers and the preventiewerker.
DEMO_WORKER_ROLES = (Role.Code.MAATSCHAPPELIJK_WERKER, Role.Code.PREVENTIEWERKER)

# A one-page PDF, small enough to make here.
DEMO_PDF = tiny_pdf(["Afbetalingsplan (demo)"])


def load(ctx):
    users = ctx.users
    today = timezone.localdate()
    dossiers = _pick_dossiers(ctx, today)
    days = datetime.timedelta
    # The stories that started longest ago go to the households reached longest ago: the warm
    # handover (three weeks), the support requests (two weeks), the referral and handover, the
    # cell, the closings, the payment plan, and the most recently reached one gets the
    # preventiewerker's conversation of a few days ago.
    by_reach = sorted(dossiers, key=lambda d: (d.reached_on or today, d.number))
    story = dict(zip(["handover", "support", "referral", "cell"], by_reach[:4], strict=True))
    story.update(closing=by_reach[4:-2], plan=by_reach[-2], intensive=by_reach[-1])

    def worker_of(dossier):
        worker = dossier.assigned_to
        if worker is None or not worker.has_role(*DEMO_WORKER_ROLES):
            return users["nele"]
        return worker

    def outside(dossier, team_code):
        """Someone on the dossier who is not in the team referred to."""
        worker = worker_of(dossier)
        if any(team.code == team_code for team in worker.teams.all()):
            return users["nele"] if team_code != Team.SOCIALE_DIENST else users["pieter"]
        return worker

    def day_of(dossier, days_ago):
        """The story's day for a step: the working day `days_ago` days before today (or the one
        before), not before the household was reached (help starts then)."""
        day = clock.working_day_before(today - days(days=days_ago - 1))
        if dossier.reached_on is not None and dossier.reached_on > day:
            day = min(dossier.reached_on, today)
        return day

    def step(dossier, day, time):
        """Run a step at `time` on `day` (after what the dossier's timeline already holds)."""
        return clock.at(clock.on(day, time), after=dossier)

    teams = {team.code: team for team in Team.objects.all()}
    rights = {item.name: item for item in RightItem.objects.all()}
    outcomes = {code.code: code for code in OutcomeCode.objects.all()}
    organisations = {org.name: org for org in ExternalOrganisation.objects.all()}
    morning, noon, afternoon = datetime.time(9, 30), datetime.time(11, 45), datetime.time(15, 0)

    # 1. A payment plan worked out, a sociaal verslag in two versions, rights in progress.
    d = story["plan"]
    worker = worker_of(d)
    conversation = day_of(d, 6)
    with step(d, conversation, morning):
        actions.proposal_create(
            d,
            conversation_date=conversation,
            lac_options_discussed=True,
            brochure_discussed=True,
            arrangement=Proposal.Arrangement.PLAN,
            amount_per_month=Decimal("40.00"),
            months=12,
            start_date=today + days(days=4),
            client_agrees=Proposal.Agreement.AGREES,
            feedback=(
                "Huisbezoek gedaan. Cliënt erkent de schuld en betaalt vanaf volgende maand "
                "€ 40 per maand. Vraagt de LAC geen debietbegrenzer te plaatsen."
            ),
            actor=worker,
        )
    with step(d, conversation, afternoon):
        actions.report_save(
            d, text="Alleenstaande moeder met twee kinderen, deeltijds werk.", actor=worker
        )
    with step(d, day_of(d, 4), noon):
        actions.report_save(
            d,
            text=(
                "Alleenstaande moeder met twee kinderen, deeltijds werk (60%). Inkomsten en vaste "
                "kosten overlopen; er blijft ruimte voor een afbetaling van € 40 per maand. "
                "Sociaal tarief aangevraagd, verhoogde tegemoetkoming nog na te gaan."
            ),
            actor=worker,
        )
        actions.rights_update(
            d,
            {
                rights["Sociaal tarief"].pk: (RightCheck.Status.APPLIED, "Via de netbeheerder"),
                rights["Verhoogde tegemoetkoming"].pk: (
                    RightCheck.Status.TO_CHECK,
                    "Attest ziekenfonds",
                ),
                rights["Toeslagen Groeipakket"].pk: (RightCheck.Status.USED, ""),
                rights["Beschermde klant"].pk: (RightCheck.Status.TO_CHECK, ""),
                rights["Leefloon"].pk: (RightCheck.Status.NOT_ELIGIBLE, "Inkomen uit werk"),
            },
            actor=worker,
        )
    with step(d, day_of(d, 3), morning):
        actions.document_add(
            d,
            upload=SimpleUploadedFile("afbetalingsplan.pdf", DEMO_PDF),
            description="Ondertekend afbetalingsplan",
            actor=worker,
        )

    # 2. The preventiewerker finds intensive help is needed: an open referral to Trajectbegeleiding.
    d = story["intensive"]
    pieter = users["pieter"]
    conversation = day_of(d, 3)
    with step(d, conversation, noon):
        actions.proposal_create(
            d,
            conversation_date=conversation,
            lac_options_discussed=True,
            brochure_discussed=True,
            arrangement=Proposal.Arrangement.OTHER,
            arrangement_text="Eerst een overzicht van alle schulden maken; daarna een plan.",
            client_agrees=Proposal.Agreement.PENDING,
            intensive_help_needed=True,
            feedback="Meerdere schuldeisers; schuldhulpverlening nodig.",
            actor=pieter,
        )
        actions.referral_create(
            d,
            to_team=teams[Team.TRAJECTBEGELEIDING],
            help_kind=InternalReferral.HelpKind.DEBT,
            reason="Schulden bij water, energie en een telecomoperator. Cliënt wil begeleiding.",
            actor=pieter,
        )
    submitted = day_of(d, 2)
    with step(d, submitted, afternoon):
        actions.support_request_create(
            d,
            amount=Decimal("180.00"),
            purpose="Voorschot waterfactuur",
            submitted_on=submitted,
            actor=pieter,
        )

    # 3. Support requests (one decided), a referral returned by the receiving team.
    d = story["support"]
    worker = worker_of(d)
    submitted = day_of(d, 14)
    with step(d, submitted, morning):
        support = actions.support_request_create(
            d,
            amount=Decimal("250.00"),
            purpose="Achterstallige energiefactuur",
            submitted_on=submitted,
            actor=worker,
        )
    decided = day_of(d, 5)
    with step(d, decided, afternoon):
        actions.support_request_decide(
            support,
            decision="toegekend",
            decision_date=decided,
            note="Beslissing BCSD",
            actor=worker,
        )
    with step(d, day_of(d, 4), morning):
        referral = actions.referral_create(
            d,
            to_team=teams[Team.SCHULDBEMIDDELING],
            help_kind=InternalReferral.HelpKind.BUDGET,
            reason="Vraag naar budgetbeheer.",
            actor=outside(d, Team.SCHULDBEMIDDELING),
        )
    with step(d, day_of(d, 3), noon):
        actions.referral_return(
            referral,
            reason="Eerst het rechtenonderzoek afronden; daarna opnieuw bekijken.",
            actor=users["vera"],
        )
    submitted = day_of(d, 1)
    with step(d, submitted, morning):
        actions.support_request_create(
            d,
            amount=Decimal("95.50"),
            purpose="Herstelling lekkende kraan",
            submitted_on=submitted,
            actor=worker,
        )

    # 4. A warm handover to the CAW without confirmation for three weeks: a task for the referrer.
    d = story["handover"]
    worker = worker_of(d)
    referred = day_of(d, 21)
    with step(d, referred, noon):
        actions.handover_create(
            d,
            organisation=organisations["CAW"],
            contact_person="Sofie Wuyts",
            contact_details="011 69 00 00",
            referred_on=referred,
            meeting_date=referred + days(days=3),
            reason="Huisvestingsproblemen en administratieve achterstand.",
            actor=worker,
        )
    requested = day_of(d, 10)
    with step(d, requested, afternoon):
        actions.water_scan_request(d, requested_on=requested, actor=worker)

    # 5. Shared with the Energie- en Watercel after the checklist; the cell works it as backoffice.
    d = story["cell"]
    worker = outside(d, Team.ENERGIECEL)
    celine = users["celine"]
    with step(d, day_of(d, 9), afternoon):
        actions.referral_to_cell(
            d,
            checked=list(CellChecklistItem.objects.filter(active=True)),
            reason="Hoog verbruik en budgetmeter; graag nazicht van contract en premies.",
            actor=worker,
        )
    referral = d.internal_referrals.get(status=InternalReferral.Status.OPEN)
    with step(d, day_of(d, 8), morning):
        actions.referral_accept(referral, actor=celine)
    with step(d, day_of(d, 7), noon):
        actions.note_add(
            d,
            text="Contract vergeleken: overstap naar sociaal tarief loopt. Energiescan gepland.",
            actor=celine,
        )
    with step(d, day_of(d, 5), afternoon):
        actions.note_add(
            d,
            text="Intern: meterkast in slechte staat; woningkwaliteit laten nakijken.",
            restricted_to_team=teams[Team.ENERGIECEL],
            actor=celine,
        )
        task_create(
            d,
            description="Energiescan inplannen met de cliënt",
            assignee=celine,
            due_date=today + days(days=7),
            source="opvolging",
            actor=celine,
        )

    # 6. Internal referral accepted, external handover confirmed.
    d = story["referral"]
    worker = outside(d, Team.TRAJECTBEGELEIDING)
    referred = day_of(d, 12)
    with step(d, referred, morning):
        referral = actions.referral_create(
            d,
            to_team=teams[Team.TRAJECTBEGELEIDING],
            help_kind=InternalReferral.HelpKind.WORK,
            reason="Zoekt werk; vraagt arbeidstrajectbegeleiding.",
            actor=worker,
        )
    with step(d, referred, afternoon):
        actions.referral_accept(referral, actor=users["ilse"])
        handover = actions.handover_create(
            d,
            organisation=organisations["Mytrusto"],
            contact_person="Jonas Peeters",
            referred_on=referred,
            meeting_date=referred + days(days=4),
            actor=worker,
        )
    confirmed = day_of(d, 6)
    with step(d, confirmed, noon):
        actions.handover_confirm(
            handover,
            confirmed_on=confirmed,
            note="Eerste afspraak budgetcoaching heeft plaatsgevonden.",
            actor=worker,
        )

    # 7. Closed dossiers with several outcomes, in the last week.
    cut_off = today - days(days=18)
    closings = [
        ("opgelost_afbetalingsplan", "Plan van 10 maanden loopt; eerste betaling gedaan."),
        (
            "afsluiting_niet_vermeden",
            f"Afgesloten op {cut_off:%d/%m}, heraangesloten na betaling.",
        ),
        ("geen_hulp_gewenst", "Cliënt regelt het zelf met de maatschappij."),
        ("doorverwezen_warme_overdracht", "Opgenomen door het CAW."),
        ("verhuisd", "Verhuisd naar een andere gemeente; OCMW daar verwittigd."),
    ]
    for n, (d, (code, note)) in enumerate(zip(story["closing"], closings, strict=False)):
        with step(d, day_of(d, 5 - n), afternoon):
            actions.dossier_close(d, outcome=outcomes[code], note=note, actor=worker_of(d))

    # The daily job, so the overdue handover already shows up as a task.
    actions.handover_reminders_create(actor=None)
    ctx.data["followup_dossiers"] = dossiers


def _pick_dossiers(ctx, today) -> list[Dossier]:
    """Reached dossiers of earlier loaders (help starts once a household is reached), topped up
    with dossiers of our own."""
    picked = list(
        Dossier.objects.filter(status=Dossier.Status.REACHED)
        .exclude(assigned_to=None)
        .select_related("assigned_to")
        .order_by("number")[:NEEDED]
    )
    if len(picked) < NEEDED:
        picked += _create_dossiers(ctx, NEEDED - len(picked), today)
    return picked


def _create_dossiers(ctx, count: int, today) -> list[Dossier]:
    """Only when no earlier loader made enough dossiers: the follow-up demo stands on its own.
    Each was opened two weeks before its household was reached."""
    company = Company.objects.filter(name="De Watergroep").first()
    workers = [ctx.users[key] for key in ("nele", "hanne", "bart", "pieter")]
    created = []
    for n, number in enumerate(next_dossier_numbers(count)):
        worker = workers[n % len(workers)]
        values = {
            "last_name": ctx.faker.last_name(),
            "first_name": ctx.faker.first_name(),
            "street": ctx.faker.street_name(),
            "house_number": str(ctx.random.randint(1, 120)),
            "amount_due": Decimal(ctx.random.randint(150, 1400)),
            "deadline": today + datetime.timedelta(days=ctx.random.randint(5, 30)),
            # Long enough ago for every story (the oldest, the warm handover, three weeks).
            "reached_on": today - datetime.timedelta(days=ctx.random.randint(22, 40)),
        }
        opened = values["reached_on"] - datetime.timedelta(days=14)
        with clock.at(clock.on(opened, datetime.time(9, 0))):
            dossier = Dossier.objects.create(
                number=number,
                kind=Dossier.Kind.WATER,
                company=company,
                customer_number=f"DEMO{n:05d}",
                postcode="3800",
                city="Sint-Truiden",
                deadline_kind=Dossier.DeadlineKind.SESSION,
                route=Dossier.Route.C if worker == ctx.users["pieter"] else Dossier.Route.A,
                assigned_to=worker,
                team=worker.teams.first(),
                status=Dossier.Status.REACHED,
                **values,
            )
            dossier_log(
                dossier,
                "signal",
                f"Dossier geopend: LAC-oproeping water van {company}",
                actor=None,
            )
        created.append(dossier)
    return created
