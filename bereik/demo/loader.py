"""Demo data: `manage.py load_demo` calls `load_all()`, which calls each app's `demo.load(ctx)`.

Each app adds one line below, in the order of the flow. `ctx` is a DemoContext shared by all
loaders: earlier loaders put what later ones need in it (users by key, teams, companies, ...).

The demo tells a story over weeks; the demo clock (`bereik/lib/clock.py`) gives what each step
writes the moment it happened in that story: the organisation and its users two months ago, the
register a week before the first list, the past LAC sessions' lists, each list on the day it came
in, the follow-up after each household was reached (those loaders set their moments with
`clock.at`), and the outreach actions at the dates their loader passes them (`clock.derive` with
the rules of `story.py`). Nothing lies in the future.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from faker import Faker

from bereik.accounts import actions as accounts_actions
from bereik.accounts import demo as accounts_demo
from bereik.checklists import demo as checklists_demo
from bereik.clients import demo as clients_demo
from bereik.demo import story
from bereik.dossiers.actions import dossier_alerts_send
from bereik.energy import demo as energy_demo
from bereik.eviction import demo as eviction_demo
from bereik.experts import demo as experts_demo
from bereik.followup import demo as followup_demo
from bereik.intake import demo as intake_demo
from bereik.lac import demo as lac_demo
from bereik.lib import clock
from bereik.organisation import demo as organisation_demo
from bereik.outreach import actions as outreach_actions
from bereik.outreach import demo as outreach_demo
from bereik.reports import demo as reports_demo
from bereik.screens import demo as screens_demo
from bereik.triage import demo as triage_demo
from bereik.weekly import demo as weekly_demo

SET_UP_DAYS_AGO = 60  # the organisation and its users were set up two months ago


@dataclass
class DemoContext:
    faker: Faker
    random: random.Random
    users: dict = field(default_factory=dict)
    teams: dict = field(default_factory=dict)
    companies: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)  # free-form hand-over between loaders


def make_context(seed: int = 2026) -> DemoContext:
    faker = Faker("nl_BE")
    faker.seed_instance(seed)
    return DemoContext(faker=faker, random=random.Random(seed))


@transaction.atomic
def load_all(seed: int = 2026) -> DemoContext:
    ctx = make_context(seed)
    set_up = timezone.localdate() - datetime.timedelta(days=SET_UP_DAYS_AGO)
    with clock.at(clock.on(clock.working_day_before(set_up), datetime.time(8, 30))):
        organisation_demo.load(ctx)
        accounts_demo.load(ctx)
    # The register exists before the first list: the lists' dossiers are matched as they come in.
    clients_demo.load_register(ctx)
    # The LAC lists of the past sessions came in after the register, before the intake's lists.
    lac_demo.load_lists(ctx)
    intake_demo.load(ctx)
    clients_demo.load(ctx)
    triage_demo.load(ctx)
    # Later apps add their loaders here, in the order of the flow.
    with clock.derive(outreach_actions, story.OUTREACH):
        outreach_demo.load(ctx)
    lac_demo.load(ctx)
    followup_demo.load(ctx)
    checklists_demo.load(ctx)
    eviction_demo.load(ctx)
    energy_demo.load(ctx)
    experts_demo.load(ctx)
    # The waiting-room screens, as the beheerder has them today.
    screens_demo.load(ctx)
    # Two years of history before the story, told last: it needs the register and the sessions.
    reports_demo.load(ctx)
    # Four weeks of the weekly report, their digests and the water-scan decisions.
    weekly_demo.load(ctx)
    # This morning's cron: the alerts (deadlines near, steps overdue, tasks due), then each
    # user's daily overview, so the bell and the outbox show them from the first sign-in.
    dossier_alerts_send(actor=None)
    accounts_actions.digests_send(actor=None)
    return ctx
