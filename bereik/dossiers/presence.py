"""Which of a dossier's relations hold rows, asked in one query for the dossier page.

Most of a dossier's sections are empty most of its life (no task, no referral, no social report
yet), and each empty one used to cost a query. The page asks first, in one statement, which of
the relations its sections read hold a row (`read`, from `sections.build`); a section then reads
a relation's rows with `rows(dossier, name, queryset)`, which gives an empty list without
running the queryset when the relation holds none. (Django's `none()` would still build the SQL
of the query, which is most of a small query's cost.) Without that question (an action, a test,
another page) `rows` runs the queryset.

Only for reading a page: the answer is as of the question, and an action reads afresh.
"""

from collections.abc import Iterable
from functools import cache

from django.db import connection
from django.db.models import QuerySet

from bereik.dossiers.models import Dossier

_PRESENT = "_relations_present"


def read(dossier, names: Iterable[str]) -> dict[str, bool]:
    """Whether each of the dossier's reverse relations `names` (related names, e.g. "tasks")
    holds at least one row, in one query; kept on the dossier for `rows` and `has_rows`."""
    names = tuple(names)
    if not names:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(_sql(names, connection.vendor), [dossier.pk] * len(names))
        row = cursor.fetchone()
    present = dict(zip(names, (bool(value) for value in row), strict=True))
    dossier.__dict__[_PRESENT] = present
    return present


@cache
def _sql(names: tuple[str, ...], vendor: str) -> str:
    """`SELECT EXISTS (SELECT 1 FROM <table> WHERE <dossier column> = %s), ...`, one probe of an
    index per relation, built from the models' metadata once per process."""
    quote = connection.ops.quote_name
    probes = []
    for name in names:
        relation = Dossier._meta.get_field(name)
        if relation.concrete or not (relation.one_to_many or relation.one_to_one):
            raise ValueError(f"{name!r} is not a relation from another table to the dossier")
        table = quote(relation.related_model._meta.db_table)
        column = quote(relation.field.column)
        probes.append(f"EXISTS (SELECT 1 FROM {table} WHERE {column} = %s)")  # noqa: S608 - model names
    return "SELECT " + ", ".join(probes)


def has_rows(dossier, name: str) -> bool:
    """False only when the page read that the relation `name` holds no row; True when it holds
    one or was not asked about."""
    return dossier.__dict__.get(_PRESENT, {}).get(name, True)


def rows(dossier, name: str, queryset: QuerySet) -> list:
    """`list(queryset)`, a query of the dossier's relation `name`; an empty list, without running
    (or even compiling) the query, when the page read that the relation holds no row."""
    return list(queryset) if has_rows(dossier, name) else []
