"""Demo data: the sample register export (360 clients) imported as onthaal would, which matches
and triages the dossiers: links by INSZ and by name and address, a few namesakes in the queue
"Te bevestigen koppelingen", routes A, B and C, assigned by the preventiewerker model. The route B
overleggen asked more than a week ago have their outcome (two days after they were asked), the
recent ones stay open in "Te triëren"; at least one always has its outcome.

`load_all()` imports the register first (`load_register`), a week before the first list comes in,
so each list's dossiers are matched as they are imported; `load` then records the overleg. Called
on its own after the intake's demo, `load` imports the register itself and matches the dossiers
then.
"""

import datetime
from pathlib import Path

from django.utils import timezone

from bereik.clients import actions
from bereik.clients.models import Consultation
from bereik.dossiers.triage import consultation_record
from bereik.lib import clock

DATA = Path(__file__).parent / "demo_data"
# The register export is imported a week before the first list of the intake's demo comes in.
REGISTER_DAYS_AGO = 28
REGISTER_AT = datetime.time(8, 45)
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


def load_register(ctx):
    """The register export, imported a week before the first list of the intake's demo."""
    today = timezone.localdate()
    day = clock.working_day_before(today - datetime.timedelta(days=REGISTER_DAYS_AGO - 1))
    with clock.at(clock.on(day, REGISTER_AT)):
        _import_register(ctx)


def _import_register(ctx):
    result = actions.register_import_file(
        (DATA / "register-export.csv").read_bytes(),
        file_name="register-export.csv",
        actor=ctx.users.get("olga"),
    )
    ctx.data["clients"] = {"register": result.batch, "matching": result.match}


def load(ctx):
    if "clients" not in ctx.data:
        _import_register(ctx)  # after the lists: today, matching their dossiers now
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
