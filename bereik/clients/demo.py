"""Demo data: the sample register export (360 clients) imported as onthaal would, which matches
and triages the dossiers the intake's demo opened: links by INSZ and by name and address, a few
namesakes in the queue "Te bevestigen koppelingen", routes A, B and C, assigned by the
preventiewerker model. One route B overleg gets its outcome, the others stay open."""

from pathlib import Path

from bereik.clients import actions
from bereik.clients.models import Consultation
from bereik.dossiers.triage import consultation_record

DATA = Path(__file__).parent / "demo_data"


def load(ctx):
    result = actions.register_import_file(
        (DATA / "register-export.csv").read_bytes(),
        file_name="register-export.csv",
        actor=ctx.users.get("olga"),
    )
    pieter = ctx.users.get("pieter")
    consultation = (
        Consultation.objects.filter(decided_at=None, former_worker__isnull=False)
        .select_related("dossier", "former_worker")
        .order_by("dossier__number")
        .first()
    )
    if consultation is not None and pieter is not None:
        consultation_record(
            consultation,
            Consultation.FORMER_WORKER,
            notes="Kent het gezin nog goed en belt deze week.",
            actor=pieter,
        )
    ctx.data["clients"] = {"register": result.batch, "matching": result.match}
