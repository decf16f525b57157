"""The one access policy: who may see or change a dossier, a person, an imported file.

Every view, list, search, export and download asks here, and a refusal is a 404 (nothing hints
that a dossier exists). What a role may do whatever the dossier (import, triage, see an INSZ)
is `bereik.accounts.roles`; this module builds on its groups.

Apps that add ways to reach a dossier (an LAC session membership, an overleg on route B) register
a *grant*: a function returning a Q on Dossier for a user, added with `register_dossier_grant`
from their AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

from bereik.accounts import roles
from bereik.accounts.models import Role
from bereik.dossiers.models import Dossier
from bereik.lib import dbstats
from bereik.lib.idlists import AnyOf, InHashed

_dossier_grants: list[Callable] = []


def register_dossier_grant(func: Callable) -> Callable:
    """Add a way to see a dossier: `func(user) -> Q | None` on the Dossier model. A grant reads
    no data when it is called: it gives subqueries, read by each query that uses them (so that
    the Q can be kept, `dossier_q`)."""
    if func not in _dossier_grants:
        _dossier_grants.append(func)
        forget_policies()
    return func


# The Qs made, per process: (user id, roles, teams, day, database) -> (Q, its walking form, the
# SQL asking it of one dossier). A Q holds no data, only what its subqueries say, and every page
# read the user's roles and teams afresh for the key.
_policies: dict[tuple, Policy] = {}
_POLICIES_KEPT = 2000


def forget_policies(**kwargs) -> None:
    """Make every Q again (a grant added, a setting changed: `setting_changed`)."""
    _policies.clear()


def dossier_q(user, *, walk: bool = False) -> Q | None:
    """The Q selecting the dossiers `user` may see, or None for all of them. `walk`: the same
    dossiers said for a query that PostgreSQL reads row by row in a list's order (`_dossier_q`).

    Making it costs milliseconds (its subqueries compiled: `_compiled`), and it depends only on
    who the user is, the user's roles and teams and the day (a LAC member sees a session's
    dossiers for a number of days after it): it is kept per process under those, read afresh
    for every request. A page asks several times: the user object keeps it too, with the roles
    and teams it was made for, so a test or an action that resets those gets a new one. The
    data it selects are subqueries, read by each query that uses it."""
    forms = _forms(user)
    return None if forms is None else forms[walk]


class Policy(NamedTuple):
    """A user's policy in its forms (`_dossier_q`). Indexed by `walk` (False, True) for the Q."""

    q: Q
    walk: Q
    one: OneDossier | None  # the ways other than the dossier's own columns, asked of one dossier


def _forms(user) -> Policy | None:
    """The policy's forms for `user` (`_dossier_q`), kept as `dossier_q` says; None: every
    dossier."""
    if user.has_role(*roles.ALL_DOSSIERS):
        return None
    # The teams count only for those who follow dossiers up (read with the signed-in user:
    # `accounts.backends`).
    key = (user.role_codes, user.team_ids if user.has_role(*roles.FOLLOWERS) else None)
    day = timezone.localdate()
    kept = getattr(user, "_visible_dossiers_q", None)
    if kept is not None and kept[0][0] is key[0] and kept[0][1] is key[1] and kept[0][2] == day:
        return kept[1]
    shared = (user.pk, *key, day, connection.vendor)
    forms = _policies.get(shared)
    if forms is None:
        forms = _dossier_q(user)
        if len(_policies) >= _POLICIES_KEPT:  # yesterday's, users gone: start again
            _policies.clear()
        if timezone.localdate() == day:  # not made across midnight with the next day's dates
            _policies[shared] = forms
    user._visible_dossiers_q = ((*key, day), forms)
    return forms


def _dossier_q(user) -> Policy:
    """The Q of `dossier_q`: each way to see a dossier ORed with the others (ways are only ever
    added: `_own` answers a follower's own dossier from its columns), each readable
    through an index, and no join in the list's own query (an OR across joins makes a scan of
    every dossier).

    The ways are the dossier's worker, its contact person and its team, the teams it is shared
    with, and each grant's. All but the dossier's own columns are subqueries of ids
    (`lib.idlists.AnyOf`). The dossier's own columns are subqueries too on SQLite, whose planner
    reads an OR of `id IN (...)` branches as a union of their ids, but scans every dossier (150
    ms at 100,000) when a branch is a condition on the row. On PostgreSQL they are conditions on
    the row: it reads them, and the other ways' arrays of ids, as one bitmap of index entries
    for a worker who sees a few dossiers, and a list in its order up to the page's end for one
    who sees most; an OR of `IN (subquery)` made it test every dossier against every branch
    (55-70 ms a query at 100,000, the load test's main cost). For a worker whose own columns
    select a large share of the dossiers, PostgreSQL reads every dossier anyway: the other
    ways are then hashed (`_sees_a_large_share`).

    Returned with its walking form: the same ways, the subqueries hashed (`InHashed`) on
    PostgreSQL, for a list walked in its order's index up to the page's end (`paging`), which
    tests each row it passes against the policy: an array is searched from end to end for
    each row (4,500 overleggen of a social worker: 6-10 ms a page, 4 hashed), a hash is built
    once. A count, or a short list read through the indexes, takes the arrays.

    And the SQL that asks one dossier whether it is seen by a way other than its own columns
    (`_one_dossier`), or None when there is none."""
    own: list[Q] = []
    subqueries: list[QuerySet] = []
    if user.has_role(*roles.FOLLOWERS):
        own += [Q(assigned_to_id=user.pk), Q(contact_person_id=user.pk)]
        if user.team_ids:
            teams = sorted(user.team_ids)
            own.append(Q(team__in=teams))
            subqueries.append(
                Dossier.shared_with.through.objects.filter(team__in=teams).values("dossier_id")
            )
    for grant in _dossier_grants:
        extra = grant(user)
        if extra is not None:
            subqueries += _ways(extra)
    if connection.vendor != "postgresql":
        subqueries = [Dossier.objects.filter(q).values("pk") for q in own] + subqueries
        own = []
    hashed = connection.vendor != "postgresql" or bool(own and _sees_a_large_share(own))
    q = Q(pk__in=[])
    for condition in own:
        q |= condition
    walk = q
    one: list[tuple[RawSQL, str]] = []
    for subquery in subqueries:
        try:
            sql = _compiled(subquery)
        except EmptyResultSet:  # a part that can select nothing (`team__in=[]`): left out
            continue
        q |= Q((InHashed if hashed else AnyOf)(F("pk"), sql))
        walk |= Q(InHashed(F("pk"), sql))
        # Every way selects one column of dossier ids, named as `values()` names it (`_ways`).
        one.append((sql, subquery.query.values_select[0]))
    return Policy(q, q if hashed else walk, _one_dossier(one))


def _one_dossier(ways: list[tuple[RawSQL, str]]) -> OneDossier | None:
    """The SQL asking whether one dossier is among the ids of any of `ways` (each a compiled
    subquery and the name of the id column it selects), or None when there are none."""
    if not ways:
        return None
    parts, params = [], []
    for sql, column in ways:
        name = connection.ops.quote_name(column)
        parts.append(f"EXISTS (SELECT 1 FROM ({sql.sql}) way WHERE way.{name} = %s)")  # noqa: S608 - the ORM's SQL, its values as parameters
        params.append(tuple(sql.params))
    return OneDossier(f"SELECT 1 WHERE {' OR '.join(parts)}", tuple(params))


@dataclass(frozen=True)
class OneDossier:
    """Whether one dossier is seen by a way other than its own columns:
    `SELECT 1 WHERE EXISTS (SELECT 1 FROM (way) way WHERE way.id = %s) OR ...`, each way's
    parameters followed by the dossier's id (`ask`). The database reads each way for that id
    alone (PostgreSQL and SQLite push the condition into the subquery); the policy's Q with
    `pk = id` read every way whole first, on PostgreSQL a social worker's 4,500 overleggen and
    the LAC's joins (5-6 ms, twice on a dossier's page)."""

    sql: str
    params: tuple[tuple, ...]

    def ask(self, pk) -> bool:
        values = [value for way in self.params for value in (*way, pk)]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, values)
            return cursor.fetchone() is not None


# A worker whose own conditions select this share of the dossiers (and at least LARGE_MIN)
# sees "a large share" (`_sees_a_large_share`).
LARGE_SHARE = 0.2
LARGE_MIN = 2000
_COUNTED_AT_MOST = 1_000_000


def _sees_a_large_share(own: list[Q]) -> bool:
    """Whether the dossiers' own columns (worker, contact person, team) select a large share of
    the dossiers for this worker: PostgreSQL then reads a list's dossiers row by row rather than
    through the indexes, and tests each row against the other ways' ids; those are then said
    as hashed `IN`s (`lib.idlists.InHashed`: a social worker of a team with half of 100,000
    dossiers, 200 → 20 ms a list), and as arrays read through the primary key for the others
    (`AnyOf`: a worker who sees a few thousand, 20 ms, against 60-80 ms hashed). Either says
    the same dossiers. Counted once when the policy is made (a bounded count through the
    indexes, against the table's size as the statistics estimate it)."""
    table = dbstats.estimated_rows(Dossier)
    if table is None:  # never analysed: counted, up to what makes any worker's share small
        table = Dossier.objects.order_by().values("pk")[:_COUNTED_AT_MOST].count()
    limit = max(LARGE_MIN, int(table * LARGE_SHARE))
    condition = Q(pk__in=[])
    for part in own:
        condition |= part
    return Dossier.objects.filter(condition).order_by().values("pk")[:limit].count() >= limit


def _ways(q: Q) -> list[QuerySet]:
    """A grant's Q as subqueries selecting dossier ids. A grant that ORs `pk__in` subqueries
    (the LAC's members and preparers) gives each of them as a way of its own, so that each is
    read through its own index: a subquery of dossiers selecting their ids, or of another model
    selecting one column that is never empty (a foreign key to the dossier). Any other Q is one
    way: the dossiers it selects. So is a grant of one such subquery (the overleg's)."""
    children = q.children
    if not q.negated and children and (q.connector == Q.OR or len(children) == 1):
        ways = [_ids_of(child) for child in children]
        if all(way is not None for way in ways):
            return ways
    return [Dossier.objects.filter(q).values("pk")]


def _ids_of(child) -> QuerySet | None:
    """The subquery of a `("pk__in", subquery)` child of a Q when it selects dossier ids as they
    are (no NULL among them); None for anything else."""
    if not (isinstance(child, tuple) and child[0] in ("pk__in", "id__in")):
        return None
    subquery = child[1]
    if not isinstance(subquery, QuerySet):
        return None
    selected = subquery.query.values_select
    if subquery.model is Dossier:
        return subquery.values("pk") if selected in ((), ("pk",), ("id",)) else None
    if len(selected) != 1:
        return None
    field = subquery.model._meta.get_field(selected[0])
    if field.null or getattr(field, "related_model", None) is not Dossier:
        return None
    return subquery


def _compiled(subquery: QuerySet) -> RawSQL:
    """`subquery`'s SQL and parameters, compiled now rather than by every query that uses it.

    A page filters by the policy several times (a social worker's home page seven), and Django
    copies, relabels and compiles every nested subquery each time: with the LAC grant's
    subqueries that was most of such a page's time (5 ms a use). The SQL says what the
    subquery Django would make says (ordering dropped, as Django drops it in a subquery), with
    the part's own table name instead of Django's aliases: it is uncorrelated, so its names stand
    alone in any query. The data are still read when the query runs: only what the SQL says is
    fixed, and the Q is remade with the user's roles and teams (`dossier_q`)."""
    subquery = subquery.order_by()
    sql, params = subquery.query.get_compiler(using=subquery.db).as_sql()
    return RawSQL(sql, params)  # noqa: S611 - SQL made by the ORM, its values as parameters


def visible_dossiers(user, queryset: QuerySet | None = None, *, walk: bool = False) -> QuerySet:
    """The dossiers `user` may see. The ervaringsdeskundige sees none of them (yet). `walk`:
    said for a list walked in its order (`dossier_q`)."""
    qs = queryset if queryset is not None else Dossier.objects.all()
    if not roles.signed_in(user):
        return qs.none()
    q = dossier_q(user, walk=walk)
    if q is None:
        return qs
    # No way to see a dossier joins another table (each is a column or a subquery of ids): no
    # row is repeated.
    return qs.filter(q)


def notification_q(user) -> Q | None:
    """Registered with `bereik.accounts.notifications`: a notification about a dossier is shown
    (in the list, the bell, a mail and the daily overview) only while its user may see the
    dossier. A subquery, so the bell stays one query."""
    if not roles.signed_in(user):
        return Q(pk__in=[])
    q = dossier_q(user)
    if q is None:
        return None
    return Q(dossier_pk__isnull=True) | Q(dossier_pk__in=Dossier.objects.filter(q).values("pk"))


def can_view_dossier(user, dossier) -> bool:
    """Whether `user` may see `dossier` (its columns as they are in the database now: a copy
    read before an action gave the dossier to someone else must be read again). A dossier
    the user follows by its own columns (their worker, contact person or team: `_own`) is
    answered without a query; any other asks the policy. On PostgreSQL the policy's query reads
    every grant's ids (a social worker's thousands of overleggen, a LAC member's sessions) even
    for one dossier: three such queries were a third of a dossier page's database time."""
    if not roles.signed_in(user):
        return False
    if _own(user, dossier):
        return True
    forms = _forms(user)
    if forms is None:
        return True
    # None: no way but the dossier's own columns, which `_own` answered.
    return forms.one is not None and forms.one.ask(dossier.pk)


def _own(user, dossier) -> bool:
    """The dossier is the user's by its own columns, the first ways of `_dossier_q`: a follower
    who is its worker or contact person, or in its team. Right because the policy only adds ways
    to see a dossier and never takes one away (a rule that hides dossiers must be added here
    too; `test_access_one` compares both for every role)."""
    return user.has_role(*roles.FOLLOWERS) and (
        dossier.assigned_to_id == user.pk
        or dossier.contact_person_id == user.pk
        or dossier.team_id in user.team_ids
    )


def can_change_dossier(user, dossier, *, seen: bool = False) -> bool:
    """Whether `user` may change `dossier`: to change it is to see it too. `seen`: the caller
    has just been told that the user sees this dossier as it is now (`get_dossier_for` on a
    page that changes nothing in between): not asked again (a query for a dossier seen by a
    grant)."""
    if not roles.signed_in(user):
        return False
    if user.has_role(*roles.CHANGE_ALL_DOSSIERS):
        return True
    if user.has_role(Role.Code.DIENSTHOOFD) and not (
        dossier.assigned_to_id == user.pk or dossier.team_id in user.team_ids
    ):
        return False
    return seen or can_view_dossier(user, dossier)


def get_dossier_for(user, pk, *, change: bool = False, related: tuple[str, ...] = ()) -> Dossier:
    """The dossier, or 404 when the user may not see it (no hint that it exists). `related`:
    the relations to read with it (`select_related`)."""
    queryset = Dossier.objects.select_related(*related) if related else Dossier.objects.all()
    if not roles.signed_in(user):
        raise Http404
    # Read as it is, then asked: the user's own dossier (most pages of a social worker) needs
    # no query of the policy (`can_view_dossier`).
    dossier = queryset.filter(pk=pk).order_by().first()
    allowed = can_change_dossier if change else can_view_dossier  # to change is to see it too
    if dossier is None or not allowed(user, dossier):
        raise Http404
    return dossier


def can_assign(user, dossier=None) -> bool:
    """May (re)assign; with a dossier, only one the user can see."""
    if not roles.has_any(user, roles.ASSIGN):
        return False
    return dossier is None or can_view_dossier(user, dossier)


def visible_clients(user, queryset: QuerySet, *, one: bool = False) -> QuerySet:
    """The clients of the register (`queryset`, on Client) a user may see: all of them for the
    roles that keep or search the register; otherwise the clients they follow or whose dossiers
    they may see. `one`: `queryset` selects one client by its key (`visible_client`)."""
    seen = _clients_seen(user)
    if seen is not None:
        return queryset if seen else queryset.none()
    if one:
        theirs = Q(Exists(visible_dossiers(user).filter(client_id=OuterRef("pk"))))
    else:
        # Not `AnyOf` (ADR 0029, eleventh round): the clients of a team's dossiers can be tens
        # of thousands, and PostgreSQL searches such an array from end to end for each client.
        theirs = Q(pk__in=visible_dossiers(user).exclude(client=None).values("client_id"))
    return queryset.filter(Q(social_worker=user) | theirs)


def _clients_seen(user) -> bool | None:
    """True: the user's roles see every client of the register; False: none; None: the clients
    they follow or whose dossiers they may see."""
    if not roles.signed_in(user):
        return False
    if user.has_role(*roles.REGISTER_READERS):
        return True
    if user.has_role(Role.Code.ERVARINGSDESKUNDIGE) and not user.has_role(*roles.CASEWORKERS):
        return False
    return None


def can_view_client_of(user, dossier) -> bool:
    """Whether `user` may see the register's client of `dossier`, a dossier they may see (its
    page is open): by `visible_clients`'s rule, a client whose dossier the user may see is
    theirs to see unless their roles see no client at all. No query (on PostgreSQL the rule's
    query reads the user's policy for that one client: 6 ms of a dossier's page)."""
    return dossier.client_id is not None and _clients_seen(user) is not False


def visible_client(user, queryset: QuerySet) -> QuerySet:
    """`visible_clients` for one client (`queryset` selects it by its key): the same rule,
    asked through that client's own dossiers (the index on their client) rather than through
    every dossier the user may see, which PostgreSQL reads whole for a worker of a large team
    (57 ms at 100,000 dossiers for the client on a dossier's page, under a millisecond so)."""
    return visible_clients(user, queryset, one=True)


def can_download_import(user, batch) -> bool:
    """The original file of an import. A list holds many households: only those who import.
    A court document is about one household: whoever may see its dossier."""
    if not roles.signed_in(user):
        return False
    if batch.is_document:
        dossier = batch.document_dossier
        return dossier is not None and can_view_dossier(user, dossier)
    return roles.can_import(user)
