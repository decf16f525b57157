"""A long list of ids in a query, sent as it is (`Ids`).

`Dossier.objects.filter(pk__in=ids)` with a list of ints makes Django resolve and prepare every
id through the field, once when the filter is built and once when it is compiled: a few
microseconds an id. An import's next steps pass each new dossier's id through a dozen such
filters, a few hundred ids a query: for a 100,000-row list that is seconds.

    Dossier.objects.filter(pk__in=Ids(ids))

sends the same `IN (%s, %s, ...)`, with the ids as parameters as they are. Only for ids of an
integer key (a primary key or a foreign key's `_id`): they are not converted. As with a list,
None is left out (`IN` never matches it, and `NOT IN` with it matches nothing) and an empty list
matches nothing without asking the database.

`AnyOf(F("pk"), RawSQL(subquery))` is the other way round: the ids a subquery selects, as a
condition that PostgreSQL reads through an index also inside an OR (see its docstring);
`InHashed(F("pk"), RawSQL(subquery))` the same ids for a query that PostgreSQL reads row by row
(a table read whole): it looks each row up in a hash of them.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import EmptyResultSet
from django.db.models import Expression, IntegerField, Lookup


class Ids(Expression):
    """The right-hand side of an `__in` lookup: ids, as parameters."""

    output_field = IntegerField()

    def __init__(self, ids: Iterable[int]):
        super().__init__()
        self.ids = [pk for pk in ids if pk is not None]
        # What the expression was made with, for its equality and copies: the ids kept, not an
        # iterator already consumed.
        self._constructor_args = ((self.ids,), {})

    def as_sql(self, compiler, connection):
        if not self.ids:
            raise EmptyResultSet
        return "(" + ", ".join(["%s"] * len(self.ids)) + ")", self.ids

    def __repr__(self) -> str:
        return f"Ids({len(self.ids)} ids)"


class AnyOf(Lookup):
    """`AnyOf(F("pk"), RawSQL(subquery))`, used as a condition (`Q(AnyOf(...))`): the rows
    whose column is one of the ids the (uncorrelated) subquery selects.

    `column IN (subquery)`, and on PostgreSQL `column = ANY(ARRAY(subquery))`: the same rows,
    but the array is worked out once and read through the column's index, also as one branch of
    an OR (a bitmap). An OR of `IN (subquery)` makes PostgreSQL test every row of the table
    against every branch, however few rows the branches select (the access policy: 55-70 ms a
    query at 100,000 dossiers for a worker who sees a few). Where PostgreSQL tests rows one by
    one (a list read in its order), it searches an array from end to end: for arrays of the
    sizes the policy has (a team's shared dossiers, a session's agenda), not for huge ones."""

    lookup_name = "any_of"
    prepare_rhs = False

    def _sides(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return lhs, rhs, [*lhs_params, *rhs_params]

    def as_sql(self, compiler, connection):
        lhs, rhs, params = self._sides(compiler, connection)
        return f"{lhs} IN {rhs}", params

    def as_postgresql(self, compiler, connection):
        lhs, rhs, params = self._sides(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", params


class InHashed(AnyOf):
    """`AnyOf`'s rows, said as `column IN (subquery)` on PostgreSQL too: it hashes the ids once
    and looks each row up, where `AnyOf`'s array is searched from end to end for every row.
    For a query that reads most of a table row by row anyway (an access policy whose own
    conditions select half of the dossiers: the array of a few thousand ids made it 200 ms
    at 100,000 dossiers, 20 ms hashed); it cannot be read through an index inside an OR."""

    lookup_name = "in_hashed"

    def as_postgresql(self, compiler, connection):
        return self.as_sql(compiler, connection)
