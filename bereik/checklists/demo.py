"""Demo data for the guiding questions: a household's social worker went through the Water list
with it a few days ago; the high bill suggested a water scan, referred in one step; the household
also said it finds it hard to come to the OCMW, and the Geld list suggested Mytrusto, not yet
acted on. The filled checklists are handed on in `ctx.data["checklists"]` for later loaders.

It takes a reached water dossier of a social worker without a water scan; without one, it shows
nothing (the follow-up's demo makes the reached dossiers)."""

import datetime

from django.utils import timezone

from bereik.accounts.models import Role
from bereik.checklists import actions
from bereik.checklists.models import Checklist, Reply
from bereik.dossiers.models import Dossier
from bereik.lib import clock

WATER_ANSWERS = {
    "Is de waterfactuur veel hoger": Reply.YES,
    "Lekt er een kraan": Reply.UNKNOWN,
    "Is het gezin beschermde klant": Reply.NO,
    "Is er een debietbegrenzer": Reply.NO,
}
MONEY_ANSWERS = {
    "Blijven er rekeningen onbetaald": Reply.NO,
    "Vindt het gezin het moeilijk": Reply.YES,
    "Wil het gezin hulp bij geldzorgen": Reply.NO,
}


def load(ctx):
    dossier = _pick_dossier()
    if dossier is None:
        return
    worker = dossier.assigned_to
    today = timezone.localdate()
    day = clock.working_day_before(today - datetime.timedelta(days=2))
    if dossier.reached_on and dossier.reached_on > day:
        day = dossier.reached_on
    water = Checklist.objects.get(name="Water")
    money = Checklist.objects.get(name="Geld")
    with clock.at(clock.on(day, datetime.time(10, 15)), after=dossier):
        filled_water = actions.checklist_fill(
            dossier,
            water,
            _answers(water, WATER_ANSWERS),
            note="Het verbruik is verdubbeld sinds de nieuwe boiler; niemand ziet een lek.",
            actor=worker,
        )
    with clock.at(clock.on(day, datetime.time(10, 25)), after=dossier):
        actions.suggestion_refer(filled_water.suggestions[0], actor=worker)
    with clock.at(clock.on(day, datetime.time(10, 35)), after=dossier):
        filled_money = actions.checklist_fill(
            dossier, money, _answers(money, MONEY_ANSWERS), actor=worker
        )
    ctx.data["checklists"] = {"water": filled_water, "money": filled_money}


def _answers(checklist, wanted: dict) -> dict:
    questions = list(checklist.questions.filter(active=True))
    return {
        question: reply
        for start, reply in wanted.items()
        for question in questions
        if question.text.startswith(start)
    }


def _pick_dossier():
    return (
        Dossier.objects.filter(
            status=Dossier.Status.REACHED,
            kind=Dossier.Kind.WATER,
            assigned_to__roles__code=Role.Code.MAATSCHAPPELIJK_WERKER,
        )
        .exclude(water_scans__isnull=False)
        .exclude(filled_checklists__isnull=False)
        .select_related("assigned_to")
        .order_by("number")
        .first()
    )
