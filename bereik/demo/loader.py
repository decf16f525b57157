"""Demo data: `manage.py load_demo` calls `load_all()`, which calls each app's `demo.load(ctx)`.

Each app adds one line below, in the order of the flow. `ctx` is a DemoContext shared by all
loaders: earlier loaders put what later ones need in it (users by key, teams, companies, ...).
"""

import random
from dataclasses import dataclass, field

from django.db import transaction
from faker import Faker

DEMO_PASSWORD = "bereik-demo"  # noqa: S105 - documented demo password, demo data only


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
    from bereik.accounts import demo as accounts_demo
    from bereik.organisation import demo as organisation_demo

    ctx = make_context(seed)
    organisation_demo.load(ctx)
    accounts_demo.load(ctx)
    from bereik.intake import demo as intake_demo

    intake_demo.load(ctx)
    from bereik.clients import demo as clients_demo

    clients_demo.load(ctx)
    # Later apps add their loaders here, in the order of the flow.
    from bereik.outreach import demo as outreach_demo

    outreach_demo.load(ctx)
    from bereik.lac import demo as lac_demo

    lac_demo.load(ctx)
    from bereik.followup import demo as followup_demo

    followup_demo.load(ctx)
    return ctx
