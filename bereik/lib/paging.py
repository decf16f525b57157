"""Paging a list of any length at a fixed cost: the worklists (`dossiers/worklists.py`) and the
audit trail (`audit/views.py`). Told of the worklists below; the trail is alike (ordered by
time, filtered by who, what and about whom).

- The page's ids are chosen first, on the filtered and ordered dossiers alone, and only those
  ids are then loaded with the joins and subqueries the columns need: the limit comes before the
  joins, not after them (page 200 joined 5,000 rows to show 25).
- The count is bounded: at most `CAP` rows are counted. A longer list says "more than 10.000
  dossiers" and pages with first/previous/next, without a last page.
- The count comes first and decides how the page's ids are read. A long list is read in the
  order's index (the deadline index: the first 26 rows that pass the filters). A short one
  (at most `SHORT` rows, e.g. the closed dossiers, a rare filter) is read through its filter's
  index and then sorted: walking the order's index would pass every dossier looking for rows
  that are not there (130 ms at 100,000 dossiers instead of 0.2 ms). On PostgreSQL a list of
  at most `CAP` rows whose walk to the page would pass many rows the filters leave out (a page
  far into a social worker's few thousand dossiers among 100,000) is sorted among its rows, as
  counted, instead (`_walk_is_long`, `_among_counted`). Each is one query, so a page costs the
  same number of queries whatever the data. The trail walks its time order only
  past `CAP` rows (`walk_from`): below, it reads through the filters' indexes and sorts.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connections
from django.utils.functional import cached_property

from bereik.lib import dbstats, lookups

CAP = 10_000
SHORT = 1_000
# Rows a page may pass by walking the order's index before it is chosen among the counted ids.
LONG_WALK = 2_000


class BoundedPage(Page):
    def has_next(self) -> bool:
        return self._has_next


class BoundedPaginator(Paginator):
    """`object_list`: the filtered, ordered rows (no joins needed); `load(ids)`: those rows with
    what the page shows, in any order (put back in the page's order here)."""

    def __init__(
        self,
        object_list,
        per_page,
        *,
        load,
        cap: int | None = None,
        counted=None,
        walk_from: int | None = None,
    ):
        super().__init__(object_list, per_page)
        self.load = load
        self.cap = cap or CAP
        # The same rows said for their filter's index, when `object_list` says them for the
        # order's (the trail's action and person filters on SQLite, the confirmation queue's
        # `walk`): counted, and a short list read, by it.
        self.counted_list = counted if counted is not None else object_list
        # From how many rows `object_list` is walked (default SHORT). Between SHORT and
        # `walk_from` the rows are read through `counted` and sorted: the trail walks only past
        # CAP, as a person's events may all lie far back in time, where a walk from the newest
        # would pass every later event first.
        self.walk_from = SHORT if walk_from is None else walk_from

    @cached_property
    def _counted(self) -> tuple[int, list]:
        """(the count bounded at cap + 1, the ids when there are at most SHORT), in one query:
        the count of the first cap + 1 filtered rows, and the first SHORT + 1 ids only when the
        count is at most SHORT (a long list sends none: PostgreSQL does not read them, SQLite
        reads at most SHORT + 1 index entries and drops them). A window count
        over the capped rows, which this replaced, kept all of them to count them: 5.5 against
        2 ms for a list of 100,000 dossiers on SQLite, and its first 1,001 ids sent for
        nothing."""
        rows = self.counted_list.order_by().values("pk")
        try:  # compiled once, said twice (compiling is most of a short list's query)
            sql, params = rows.query.sql_with_params()
        except EmptyResultSet:  # a filter that matches nothing (`pk__in=[]`)
            return 0, []
        connection = connections[rows.db]
        with connection.cursor() as cursor:
            cursor.execute(
                "WITH counted AS (SELECT COUNT(*) AS n FROM "  # noqa: S608 - Django's own SQL, its params apart
                f"(SELECT pk FROM ({sql}) filtered LIMIT {self.cap + 1}) capped) "
                "SELECT NULL, n FROM counted UNION ALL "
                f"SELECT pk, NULL FROM (SELECT pk FROM ({sql}) filtered LIMIT {SHORT + 1}) head "
                f"WHERE (SELECT n FROM counted) <= {SHORT}",
                (*params, *params),
            )
            found = cursor.fetchall()
        count = next(n for pk, n in found if pk is None)
        return count, [pk for pk, _n in found if pk is not None]

    @cached_property
    def bounded_count(self) -> int:
        return self._counted[0]

    @property
    def more(self) -> bool:
        """More rows than the cap: the count and the last page are not known."""
        return self.bounded_count > self.cap

    @cached_property
    def count(self) -> int:
        return min(self.bounded_count, self.cap)

    def validate_number(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger("not an integer") from exc
        if number < 1 or (not self.more and number > self.num_pages):
            raise EmptyPage("no such page")
        return number

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        end = bottom + self.per_page + 1
        if self.bounded_count > self.walk_from and not self.more and self._walk_is_long(end):
            ids = self._among_counted(bottom, end)
        else:
            ids = list(self.ordered().values_list("pk", flat=True)[bottom:end])
        if not ids and number > 1:
            raise EmptyPage("no such page")
        has_next = len(ids) > self.per_page
        ids = ids[: self.per_page]
        by_id = {row.pk: row for row in self.load(ids)} if ids else {}
        page = BoundedPage([by_id[pk] for pk in ids if pk in by_id], number, self)
        page._has_next = has_next
        return page

    def ordered(self):
        """The filtered, ordered rows, read in the way that suits their number (see above)."""
        rows = self.object_list
        if self.bounded_count > self.walk_from:
            return rows
        if self.bounded_count > SHORT:
            return self.counted_list.order_by(*rows.query.order_by)
        manager = rows.model._default_manager
        ids = self._counted[1]
        if not ids:
            return manager.none()
        # The ids themselves, not the filter again: a planner that cannot tell how few rows an
        # OR of subqueries leaves (PostgreSQL) walked the order's index past every dossier.
        return manager.filter(pk__in=ids).order_by(*rows.query.order_by)

    def _walk_is_long(self, end: int) -> bool:
        """Whether walking the order's index to the page's end would pass many rows that the
        filters leave out, on PostgreSQL: with this many rows in a table of that size, about
        `end * table / rows` of them. It tests each one against the filters, and a worker's
        access policy searches its arrays of ids from end to end for each (`lib.idlists`,
        `AnyOf`): page 50 of a social worker's 8,800 dossiers among 100,000 cost 280 ms."""
        connection = connections[self.object_list.db]
        if connection.vendor != "postgresql" or not end or not self.object_list.query.order_by:
            return False
        model = self.object_list.model
        table = lookups.cached(
            f"paging.rows.{model._meta.label}.{self.object_list.db}",
            lambda: dbstats.estimated_rows(model, self.object_list.db),
            models=(),
        )
        return bool(table) and end * table > LONG_WALK * max(self.bounded_count, 1)

    def _among_counted(self, bottom: int, end: int) -> list:
        """The ids of rows `bottom` to `end` in the list's order, sorted among the filtered rows
        (at most `cap`, as counted) rather than found by walking the order's index: the order
        is said on the filtered rows as a table of their own (PostgreSQL reads them as the
        count did, through the filters' indexes, and sorts them), named as the model's table so
        that the order's columns and joins read from it."""
        rows = self.object_list
        model = rows.model
        walked = rows.values_list("pk", flat=True)[bottom:end]
        fields = model._meta.concrete_fields
        if any(field.column != field.attname for field in fields):
            return list(walked)  # the table's columns would not be named as the model's
        counted = self.counted_list.order_by().values(*(f.attname for f in fields))
        ordered = model._default_manager.order_by(*rows.query.order_by)
        ordered = ordered.values_list("pk", flat=True)[bottom:end]
        try:
            inner, inner_params = counted[: self.cap + 1].query.sql_with_params()
        except EmptyResultSet:
            return []
        sql, params = ordered.query.get_compiler(rows.db).as_sql()
        connection = connections[rows.db]
        table = f" FROM {connection.ops.quote_name(model._meta.db_table)}"
        start = sql.find(table)
        if start < 0 or sql[:start].count("%s"):  # not the query expected: walk
            return list(walked)
        sql = f"{sql[:start]} FROM ({inner}){table[len(' FROM') :]}{sql[start + len(table) :]}"
        with connection.cursor() as cursor:
            cursor.execute(sql, (*inner_params, *params))
            return [pk for (pk,) in cursor.fetchall()]

    def get_page(self, number):
        try:
            return self.page(number)
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            return self.page(1 if self.more else self.num_pages)


PANEL_CAP = 1_000


@dataclass(frozen=True)
class Bounded:
    """A count of at most `cap` rows, for a home panel: `more` when there are more (the panel
    then says "meer dan 1.000"); counting every row of a long list costs tens of milliseconds
    on every home page."""

    count: int
    more: bool
    cap: int

    @classmethod
    def of(cls, queryset, cap: int | None = None) -> Bounded:
        cap = cap or PANEL_CAP
        counted = queryset.order_by().values("pk")[: cap + 1].count()
        return cls(min(counted, cap), counted > cap, cap)
