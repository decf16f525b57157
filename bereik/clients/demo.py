"""Demo data: the sample register export (360 clients) imported as onthaal would, which matches
and triages the dossiers (the triage follows the flow's events): links by INSZ and by name and
address, a few namesakes in the queue "Te bevestigen koppelingen", routes A, B and C, assigned by
the preventiewerker model.

`load_all()` imports the register first (`load_register`), a week before the first list comes in,
so each list's dossiers are matched as they are imported. Called on its own after the intake's
demo, `load` imports the register itself and matches the dossiers then.
"""

import datetime
from pathlib import Path

from django.utils import timezone

from bereik.clients import actions
from bereik.lib import clock

DATA = Path(__file__).parent / "demo_data"
# The register export is imported a week before the first list of the intake's demo comes in.
REGISTER_DAYS_AGO = 28
REGISTER_AT = datetime.time(8, 45)


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
    """The register, when `load_register` did not import it yet (after the lists: today,
    matching their dossiers now)."""
    if "clients" not in ctx.data:
        _import_register(ctx)
