"""Demo data: eddy, the ervaringsdeskundige. The social workers propose four of their
households to him (two accepted, one waiting for his answer, one he declined); he records
contacts of every kind (at a home visit he went through the Water guiding questions with the
first household, which led to a water scan referral in one step, one to a suggestion of CAW), goes
along to a coming LAC session as vertrouwenspersoon, and brings in a household he met at the
food bank. On one of his households the letters name him as the contact person (the brugfiguur
of Lier)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from bereik.accounts.models import Role
from bereik.checklists import actions as checklist_actions
from bereik.checklists.models import Checklist, Reply, Target
from bereik.dossiers.models import Dossier
from bereik.experts import actions
from bereik.experts.models import Contact
from bereik.followup.models import WaterScan
from bereik.intake.actions.signals import HouseholdData
from bereik.lac.models import AgendaItem
from bereik.lib import clock

K, R = Contact.Kind, Contact.Referral

# (days ago, kind, place, note, referral, referral to), per accepted household.
CONTACTS = [
    [
        (12, K.PHONE, "", "Eerste telefoontje: mevrouw wil graag eens praten, liefst thuis.",
         R.NONE, ""),
        (10, K.HOME_VISIT, "", "Kennismaking thuis. Veel schrik van brieven; samen de "
         "waterfactuur gelezen en de richtvragen Water overlopen: waterscan aangevraagd.",
         R.MADE, "Waterscan"),
        (6, K.ALONG_OCMW, "Sociaal Huis", "Samen naar het OCMW voor het gesprek met Nele.",
         R.NONE, ""),
        (3, K.FOOD_BANK, "Voedselbedeling De Schakel", "Kort gesproken; de waterscan is "
         "gepland. Ze voelt zich geholpen.", R.NONE, ""),
    ],
    [
        (9, K.MEETING_PLACE, "Buurthuis 't Pleintje", "Meneer aangesproken op de koffieochtend; "
         "hij durft niet naar het OCMW.", R.NONE, ""),
        (7, K.RECEPTION, "Onthaal OCMW", "Samen aan het onthaal een afspraak gemaakt.",
         R.NONE, ""),
        (4, K.PHONE, "", "Schulden bij meerdere schuldeisers; CAW voorgesteld voor "
         "budgetbegeleiding.", R.SUGGESTED, "CAW"),
        (1, K.ALONG_LAC, "Gemeentehuis", "Meegegaan naar de LAC; meneer kon zelf uitleggen "
         "wat er misliep.", R.NONE, ""),
    ],
]  # fmt: skip


# What the first household answered on the Water list during eddy's home visit.
WATER_ANSWERS = {
    "Is de waterfactuur veel hoger": Reply.YES,
    "Lekt er een kraan": Reply.YES,
    "Is het gezin beschermde klant": Reply.UNKNOWN,
}


def _water_checklist(proposal, eddy) -> None:
    """Eddy goes through the Water list with the household; the high bill suggests a water scan,
    which he requests in one step (when the dossier has none waiting)."""
    checklist = Checklist.objects.filter(name="Water", active=True).first()
    if checklist is None:
        return
    questions = list(checklist.questions.filter(active=True))
    answers = {
        question: reply
        for start, reply in WATER_ANSWERS.items()
        for question in questions
        if question.text.startswith(start)
    }
    if not answers:
        return
    filled = checklist_actions.checklist_fill(
        proposal.dossier,
        checklist,
        answers,
        note="Het toilet loopt voortdurend door; de factuur is verdubbeld.",
        actor=eddy,
    )
    scan = next((a for a in filled.suggestions if a.target == Target.WATER_SCAN), None)
    waiting = proposal.dossier.water_scans.filter(status=WaterScan.Status.REQUESTED).exists()
    if scan is not None and not waiting:
        checklist_actions.suggestion_refer(scan, actor=eddy)


def _moment(days_ago: int, part: str = "voormiddag") -> datetime.datetime:
    day = clock.working_day_before(timezone.localdate() - datetime.timedelta(days=days_ago - 1))
    return clock.on(day, part)


def load(ctx):
    eddy, pieter = ctx.users["eddy"], ctx.users["pieter"]
    # Households of the social workers (not the preventiewerker's first contacts).
    mine = list(
        Dossier.objects.filter(
            assigned_to__roles__code=Role.Code.MAATSCHAPPELIJK_WERKER,
            status__in=Dossier.OPEN_STATUSES,
        )
        .select_related("assigned_to")
        .order_by("assigned_to__username", "opened_at", "number")[:4]
    )
    if len(mine) < 4:
        return
    proposals = []
    for index, dossier in enumerate(mine):
        with clock.at(_moment(14, "voormiddag"), after=dossier):
            proposal = actions.proposal_create(
                dossier,
                expert=eddy,
                help_asked=[
                    "Vertrouwen opbouwen en meegaan naar het OCMW",
                    "Mee naar de LAC en budget bespreken",
                    "Eerste contact leggen: het gezin reageert niet op brieven",
                    "Helpen met de papieren van de huisvestingsmaatschappij",
                ][index],
                note=[
                    "Alleenstaande mama met twee kinderen. Heeft schrik van het OCMW; liefst "
                    "een huisbezoek in de voormiddag.",
                    "Werkt in ploegen; bellen na 17 uur. Spreekt liever niet over geld aan "
                    "de telefoon.",
                    "Reageert niet op brieven. Vaak op de voedselbedeling op donderdag.",
                    "Koppel met een kleine baby; de verhuurder dreigt met de vrederechter.",
                ][index],
                actor=dossier.assigned_to,
            )
        proposals.append(proposal)
    for proposal, contacts in zip(proposals[:2], CONTACTS, strict=True):
        with clock.at(_moment(13, "namiddag"), after=proposal.dossier):
            actions.proposal_accept(proposal, actor=eddy)
        for days_ago, kind, place, note, referral, referral_to in contacts:
            with clock.at(_moment(days_ago, "namiddag"), after=proposal.dossier):
                actions.contact_record(
                    proposal,
                    date=timezone.localdate(),
                    kind=kind,
                    place=place,
                    note=note,
                    referral=referral,
                    referral_to=referral_to,
                    actor=eddy,
                )
            if kind == K.HOME_VISIT and proposal is proposals[0]:
                with clock.at(_moment(days_ago, "namiddag"), after=proposal.dossier):
                    _water_checklist(proposal, eddy)
    # The next appointment he made with the first household (in the days to come).
    appointment = clock.on(timezone.localdate() + datetime.timedelta(days=3), "voormiddag")
    with clock.at(_moment(1, "avond"), after=proposals[0].dossier):
        actions.contact_record(
            proposals[0],
            date=timezone.localdate(),
            kind=K.PHONE,
            note="Afspraak gemaakt om samen de papieren voor de waterscan te bekijken.",
            next_appointment_at=appointment,
            next_appointment_place="Bij het gezin thuis",
            actor=eddy,
        )
        # The letters give eddy as contact: the family trusts him (the brugfiguur of Lier).
        actions.dossier_contact_person_set(
            proposals[0].dossier,
            person=eddy,
            reason="Het gezin vertrouwt Eddy en neemt makkelijker contact op met hem.",
            actor=proposals[0].dossier.assigned_to,
        )
    with clock.at(_moment(11, "namiddag"), after=proposals[3].dossier):
        actions.proposal_decline(proposals[3], reason="Ik ken de familie persoonlijk.", actor=eddy)
    _lac_companion(ctx, eddy, pieter)
    with clock.at(_moment(2, "voormiddag")):
        actions.outreach_signal_register(
            kind="hand-water",
            household=HouseholdData(
                last_name="Wouters",
                first_name="Samira",
                street="Kapelstraat",
                house_number="14",
                postcode="2340",
                city="Beerse",
                phone="0470 12 34 56",
            ),
            problem="Kreeg een brief van de watermaatschappij over een afsluiting; durft niet "
            "naar het OCMW te bellen.",
            consent=True,
            met_at=K.FOOD_BANK,
            actor=eddy,
        )
    ctx.data["experts"] = proposals


def _lac_companion(ctx, eddy, pieter) -> None:
    """Eddy goes along to a coming LAC session with a household on its agenda: the first
    household of the first session after today (today's session, on a working day, is already
    prepared; after it, the same household whatever the day of the week)."""
    item = (
        AgendaItem.objects.filter(
            session__date__gt=timezone.localdate(),
            session__closed_at__isnull=True,
            dossier__status__in=Dossier.OPEN_STATUSES,
        )
        .select_related("session", "dossier")
        .order_by("session__date", "position", "pk")
        .first()
    )
    if item is None:
        return
    with clock.at(_moment(5, "voormiddag"), after=item.dossier):
        proposal = actions.proposal_create(
            item.dossier,
            expert=eddy,
            help_asked="Meegaan naar de LAC als vertrouwenspersoon",
            note="Uitgenodigd voor de LAC; wil er niet alleen naartoe.",
            actor=pieter,
        )
        actions.proposal_accept(proposal, actor=eddy)
        actions.lac_companion_set(item, expert=eddy, actor=pieter)
