"""The figures of a period for a scope: `compute(scope, period)` reads every part in a fixed number
of aggregate queries (pinned in the tests), whatever the number of dossiers, and returns the
tables the page, the yearly overview and `manage.py figures` show. Nothing is stored: every figure
is counted from the data each time (docs/adr, "Figures").

The definitions are in `bereik.reports.definitions` and on the dossier (`DossierQuerySet`).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from bereik.accounts import roles
from bereik.accounts.models import Team, User
from bereik.followup.models import OutcomeCode
from bereik.organisation.models import Company
from bereik.reports import scope as scopes
from bereik.reports.figures import activity, lac, outcomes, reach
from bereik.reports.figures.base import Figures
from bereik.reports.figures.span import Span
from bereik.reports.periods import Period


def _names(model, field: str = "name") -> dict:
    return dict(model.objects.values_list("pk", field))


def worker_names() -> tuple[dict, set]:
    """{user id: name} of every user, and the ids the worklists' worker filter offers."""
    names = {
        pk: f"{first} {last}".strip() or username
        for pk, first, last, username in User.objects.values_list(
            "pk", "first_name", "last_name", "username"
        )
    }
    return names, set(roles.followers().values_list("pk", flat=True))


def reach_part(figures: Figures, scope, span: Span, *, per_worker: bool) -> None:
    """The reach (four queries, and the names of companies and teams; two more per worker)."""
    rows = reach.cube(scope, span)
    counts = reach.tally
    total = reach.totals(rows)
    figures.summary = dict(
        zip(
            ("opened", "reached", "before_deadline", "not_reached", "rate"),
            reach.reach_cells(total, span, {}),
            strict=True,
        )
    )
    tables = [
        reach.reach_table(
            "bereik_route",
            _("Bereik per route"),
            _("De route die het dossier nu heeft."),
            reach.route_groups(rows),
            counts(rows, lambda row: row["route"]),
            span,
            total=total,
        ),
        reach.reach_table(
            "bereik_soort",
            _("Bereik per soort"),
            "",
            reach.kind_groups(rows),
            counts(rows, lambda row: row["kind"]),
            span,
        ),
        reach.reach_table(
            "bereik_maatschappij",
            _("Bereik per maatschappij"),
            "",
            reach.named_groups(
                rows, "company_id", _names(Company), _("Zonder maatschappij"), "company"
            ),
            counts(rows, lambda row: row["company_id"]),
            span,
        ),
        reach.reach_table(
            "bereik_team",
            _("Bereik per team"),
            _("Het team van het dossier."),
            reach.named_groups(rows, "team_id", _names(Team), _("Zonder team"), "team"),
            counts(rows, lambda row: row["team_id"]),
            span,
        ),
    ]
    if per_worker and scope.per_worker:
        workers = reach.cube(scope, span, ("assigned_to_id",))
        names, followers = worker_names()
        tables.append(
            reach.reach_table(
                "bereik_medewerker",
                _("Bereik per medewerker"),
                _("De medewerker aan wie het dossier nu toegewezen is."),
                reach.named_groups(
                    workers, "assigned_to_id", names, _("Niet toegewezen"), "worker", followers
                ),
                counts(workers, lambda row: row["assigned_to_id"]),
                span,
            )
        )
    figures.tables.update({table.key: table for table in tables})
    figures.months = reach.months(scope, span)
    figures.durations = reach.durations(scope, span)


def compute(scope, period: Period, *, parts=None, per_worker: bool = False) -> Figures:
    """The `parts` (default: every part `scope` shows) for `period` and the same days a year
    earlier. `per_worker` adds the breakdown per worker to the reach (only for a scope that may
    see it: an audited read, the caller records it)."""
    span = Span.of(period)
    figures = Figures(period=span.current, previous=span.previous, scope=scope)
    parts = [part for part in (parts or scope.parts) if scope.shows(part)]
    if scopes.REACH in parts:
        reach_part(figures, scope, span, per_worker=per_worker)
    if scopes.OUTREACH in parts:
        figures.tables["pogingen"] = activity.attempts_table(scope, span)
        figures.tables["brieven"] = activity.letters_table(scope, span)
        figures.notes["brochures"] = activity.brochures(scope, span)
    if scopes.HELP in parts:
        figures.tables["hulp"] = activity.help_table(scope, span)
        figures.tables["plannen"] = activity.plans_table(scope, span)
    if scopes.LAC in parts:
        for table in lac.lac_tables(scope, span, _names(Company)):
            figures.tables[table.key] = table
    if scopes.OUTCOMES in parts:
        labels = {
            code: (order, name)
            for code, order, name in OutcomeCode.objects.values_list("code", "order", "name")
        }
        for table in outcomes.outcome_tables(scope, span, labels):
            figures.tables[table.key] = table
    return figures
