"""Demo data of the triage: the route B overleggen asked more than a week ago have their outcome
(two days after they were asked), the recent ones stay open in "Te triëren"; at least one always
has its outcome. Runs after the register and the lists were imported."""

import datetime

from django.utils import timezone

from bereik.lib import clock
from bereik.triage.actions.routes import consultation_record
from bereik.triage.models import Consultation

# The overleg is answered two days after it was asked; one asked in the last week may be open.
OVERLEG_ANSWERED_AFTER = datetime.timedelta(days=2)
OVERLEG_ANSWERED_AT = datetime.time(11, 30)
OVERLEG_OPEN_FOR = datetime.timedelta(days=7)
OVERLEG_NOTES = {
    Consultation.Outcome.FORMER_WORKER: "Kent het gezin nog goed en belt deze week.",
    Consultation.Outcome.PREVENTIEWERKER: (
        "Geen band meer met het gezin; de preventiewerker gaat langs."
    ),
}


def load(ctx):
    pieter = ctx.users.get("pieter")
    if pieter is None:
        return
    answered_before = timezone.now() - OVERLEG_OPEN_FOR
    consultations = (
        Consultation.objects.filter(decided_at=None)
        .select_related("dossier", "former_worker")
        .order_by("dossier__number")
    )
    for n, consultation in enumerate(consultations):
        if n and consultation.requested_at > answered_before:
            continue
        outcome = (
            Consultation.Outcome.FORMER_WORKER
            if consultation.former_worker is not None and n % 3 != 2
            else Consultation.Outcome.PREVENTIEWERKER
        )
        asked = timezone.localdate(consultation.requested_at)
        answered = clock.working_day(asked + OVERLEG_ANSWERED_AFTER, timezone.localdate())
        with clock.at(clock.on(answered, OVERLEG_ANSWERED_AT), after=consultation.dossier):
            consultation_record(consultation, outcome, notes=OVERLEG_NOTES[outcome], actor=pieter)
