"""Demo data for the follow-up: households with a proposal, a rights investigation in progress,
support requests, referrals in every state, a warm handover awaiting confirmation, a dossier shared
with the Energie- en Watercel and closed dossiers with several outcomes.

It works on the dossiers earlier loaders made (reached ones first); when there are too few, it
creates the missing ones itself so the follow-up can be shown on its own.
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
from bereik.organisation.models import Company

NEEDED = 11
WORKER_ROLES = (Role.MAATSCHAPPELIJK_WERKER, Role.PREVENTIEWERKER)

# A one-page PDF, small enough to keep in the code.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def load(ctx):
    users = ctx.users
    today = timezone.localdate()
    dossiers = _pick_dossiers(ctx, today)

    def worker_of(dossier):
        worker = dossier.assigned_to
        if worker is None or not worker.has_role(*WORKER_ROLES):
            return users["nele"]
        return worker

    def outside(dossier, team_code):
        """Someone on the dossier who is not in the team referred to."""
        worker = worker_of(dossier)
        if any(team.code == team_code for team in worker.teams.all()):
            return users["nele"] if team_code != Team.SOCIALE_DIENST else users["pieter"]
        return worker

    teams = {team.code: team for team in Team.objects.all()}
    rights = {item.name: item for item in RightItem.objects.all()}
    outcomes = {code.code: code for code in OutcomeCode.objects.all()}
    organisations = {org.name: org for org in ExternalOrganisation.objects.all()}

    # 1. A payment plan worked out, a sociaal verslag in two versions, rights in progress.
    d = dossiers[0]
    worker = worker_of(d)
    actions.proposal_create(
        d,
        conversation_date=today - datetime.timedelta(days=6),
        lac_options_discussed=True,
        brochure_discussed=True,
        arrangement=Proposal.PLAN,
        amount_per_month=Decimal("40.00"),
        months=12,
        start_date=today + datetime.timedelta(days=4),
        client_agrees=Proposal.AGREES,
        feedback=(
            "Huisbezoek gedaan. Cliënt erkent de schuld en betaalt vanaf volgende maand "
            "€ 40 per maand. Vraagt de LAC geen debietbegrenzer te plaatsen."
        ),
        actor=worker,
    )
    actions.report_save(
        d, text="Alleenstaande moeder met twee kinderen, deeltijds werk.", actor=worker
    )
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
            rights["Sociaal tarief"].pk: (RightCheck.APPLIED, "Via de netbeheerder"),
            rights["Verhoogde tegemoetkoming"].pk: (RightCheck.TO_CHECK, "Attest ziekenfonds"),
            rights["Toeslagen Groeipakket"].pk: (RightCheck.USED, ""),
            rights["Beschermde klant"].pk: (RightCheck.TO_CHECK, ""),
            rights["Leefloon"].pk: (RightCheck.NOT_ELIGIBLE, "Inkomen uit werk"),
        },
        actor=worker,
    )
    actions.document_add(
        d,
        upload=SimpleUploadedFile("afbetalingsplan.pdf", DEMO_PDF),
        description="Ondertekend afbetalingsplan",
        actor=worker,
    )

    # 2. The preventiewerker finds intensive help is needed: an open referral to Trajectbegeleiding.
    d = dossiers[1]
    pieter = users["pieter"]
    actions.proposal_create(
        d,
        conversation_date=today - datetime.timedelta(days=3),
        lac_options_discussed=True,
        brochure_discussed=True,
        arrangement=Proposal.OTHER,
        arrangement_text="Eerst een overzicht van alle schulden maken; daarna een plan.",
        client_agrees=Proposal.PENDING,
        intensive_help_needed=True,
        feedback="Meerdere schuldeisers; schuldhulpverlening nodig.",
        actor=pieter,
    )
    actions.referral_create(
        d,
        to_team=teams[Team.TRAJECTBEGELEIDING],
        help_kind=InternalReferral.DEBT,
        reason="Schulden bij water, energie en een telecomoperator. Cliënt wil begeleiding.",
        actor=pieter,
    )
    actions.support_request_create(
        d,
        amount=Decimal("180.00"),
        purpose="Voorschot waterfactuur",
        submitted_on=today - datetime.timedelta(days=2),
        actor=pieter,
    )

    # 3. Support requests (one decided), a referral returned by the receiving team.
    d = dossiers[2]
    worker = worker_of(d)
    support = actions.support_request_create(
        d,
        amount=Decimal("250.00"),
        purpose="Achterstallige energiefactuur",
        submitted_on=today - datetime.timedelta(days=14),
        actor=worker,
    )
    actions.support_request_decide(
        support,
        decision="toegekend",
        decision_date=today - datetime.timedelta(days=5),
        note="Beslissing BCSD",
        actor=worker,
    )
    actions.support_request_create(
        d,
        amount=Decimal("95.50"),
        purpose="Herstelling lekkende kraan",
        submitted_on=today - datetime.timedelta(days=1),
        actor=worker,
    )
    referral = actions.referral_create(
        d,
        to_team=teams[Team.SCHULDBEMIDDELING],
        help_kind=InternalReferral.BUDGET,
        reason="Vraag naar budgetbeheer.",
        actor=outside(d, Team.SCHULDBEMIDDELING),
    )
    actions.referral_return(
        referral,
        reason="Eerst het rechtenonderzoek afronden; daarna opnieuw bekijken.",
        actor=users["vera"],
    )

    # 4. A warm handover to the CAW without confirmation for three weeks: a task for the referrer.
    d = dossiers[3]
    worker = worker_of(d)
    actions.handover_create(
        d,
        organisation=organisations["CAW"],
        contact_person="Sofie Wuyts",
        contact_details="011 69 00 00",
        referred_on=today - datetime.timedelta(days=21),
        meeting_date=today - datetime.timedelta(days=18),
        reason="Huisvestingsproblemen en administratieve achterstand.",
        actor=worker,
    )
    actions.water_scan_request(d, requested_on=today - datetime.timedelta(days=10), actor=worker)

    # 5. Shared with the Energie- en Watercel after the checklist; the cell works it as backoffice.
    d = dossiers[4]
    worker = outside(d, Team.ENERGIECEL)
    actions.referral_to_cell(
        d,
        checked=list(CellChecklistItem.objects.filter(active=True)),
        reason="Hoog verbruik en budgetmeter; graag nazicht van contract en premies.",
        actor=worker,
    )
    celine = users["celine"]
    referral = d.internal_referrals.get(status=InternalReferral.OPEN)
    actions.referral_accept(referral, actor=celine)
    actions.note_add(
        d,
        text="Contract vergeleken: overstap naar sociaal tarief loopt. Energiescan gepland.",
        actor=celine,
    )
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
        due_date=today + datetime.timedelta(days=7),
        source="opvolging",
        actor=celine,
    )

    # 6. Internal referral accepted, external handover confirmed.
    d = dossiers[5]
    worker = outside(d, Team.TRAJECTBEGELEIDING)
    referral = actions.referral_create(
        d,
        to_team=teams[Team.TRAJECTBEGELEIDING],
        help_kind=InternalReferral.WORK,
        reason="Zoekt werk; vraagt arbeidstrajectbegeleiding.",
        actor=worker,
    )
    actions.referral_accept(referral, actor=users["ilse"])
    handover = actions.handover_create(
        d,
        organisation=organisations["Mytrusto"],
        contact_person="Jonas Peeters",
        referred_on=today - datetime.timedelta(days=12),
        meeting_date=today - datetime.timedelta(days=8),
        actor=worker,
    )
    actions.handover_confirm(
        handover,
        confirmed_on=today - datetime.timedelta(days=6),
        note="Eerste afspraak budgetcoaching heeft plaatsgevonden.",
        actor=worker,
    )

    # 7. Closed dossiers with several outcomes.
    closings = [
        ("opgelost_afbetalingsplan", "Plan van 10 maanden loopt; eerste betaling gedaan."),
        ("afsluiting_niet_vermeden", "Afgesloten op 14/11, heraangesloten na betaling."),
        ("geen_hulp_gewenst", "Cliënt regelt het zelf met de maatschappij."),
        ("doorverwezen_warme_overdracht", "Opgenomen door het CAW."),
        ("verhuisd", "Verhuisd naar een andere gemeente; OCMW daar verwittigd."),
    ]
    for d, (code, note) in zip(dossiers[6:], closings, strict=False):
        actions.dossier_close(d, outcome=outcomes[code], note=note, actor=worker_of(d))

    # The daily job, so the overdue handover already shows up as a task.
    actions.handover_reminders_create(actor=None)
    ctx.data["followup_dossiers"] = dossiers


def _pick_dossiers(ctx, today) -> list[Dossier]:
    """Reached dossiers of earlier loaders (help starts once a household is reached), topped up
    with dossiers of our own."""
    picked = list(
        Dossier.objects.filter(status=Dossier.REACHED)
        .exclude(assigned_to=None)
        .select_related("assigned_to")
        .order_by("number")[:NEEDED]
    )
    if len(picked) < NEEDED:
        picked += _create_dossiers(ctx, NEEDED - len(picked), today)
    return picked


def _create_dossiers(ctx, count: int, today) -> list[Dossier]:
    """Only when no earlier loader made enough dossiers: the follow-up demo stands on its own."""
    company = Company.objects.filter(name="De Watergroep").first()
    workers = [ctx.users[key] for key in ("nele", "hanne", "bart", "pieter")]
    created = []
    for n, number in enumerate(next_dossier_numbers(count)):
        worker = workers[n % len(workers)]
        dossier = Dossier.objects.create(
            number=number,
            kind=Dossier.WATER,
            company=company,
            customer_number=f"DEMO{n:05d}",
            last_name=ctx.faker.last_name(),
            first_name=ctx.faker.first_name(),
            street=ctx.faker.street_name(),
            house_number=str(ctx.random.randint(1, 120)),
            postcode="3800",
            city="Sint-Truiden",
            amount_due=Decimal(ctx.random.randint(150, 1400)),
            deadline=today + datetime.timedelta(days=ctx.random.randint(5, 30)),
            deadline_kind=Dossier.DEADLINE_SESSION,
            route=Dossier.ROUTE_C if worker == ctx.users["pieter"] else Dossier.ROUTE_A,
            assigned_to=worker,
            team=worker.teams.first(),
            status=Dossier.REACHED,
            reached_on=today - datetime.timedelta(days=ctx.random.randint(3, 15)),
        )
        dossier_log(dossier, "signal", "LAC-oproeping water (demo)", actor=None)
        created.append(dossier)
    return created
