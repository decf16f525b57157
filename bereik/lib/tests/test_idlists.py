"""`Ids`: a long list of ids in an `__in` lookup, sent as it is: the same rows as a list, and no
preparation of each id by the field."""

import pickle

from django.db import connection
from django.db.models import IntegerField, Q
from django.test.utils import CaptureQueriesContext

from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.lib.idlists import Ids
from bereik.triage.models import MatchCandidate, Triage


def pks(queryset) -> list[int]:
    return sorted(queryset.values_list("pk", flat=True))


def test_ids_match_the_rows_a_list_matches(db):
    first, second, third = DossierFactory.create_batch(3)
    wanted = [first.pk, third.pk, 10**9]

    assert pks(Dossier.objects.filter(pk__in=Ids(wanted))) == [first.pk, third.pk]
    assert pks(Dossier.objects.filter(pk__in=Ids(wanted))) == pks(
        Dossier.objects.filter(pk__in=wanted)
    )
    assert pks(Dossier.objects.exclude(pk__in=Ids(wanted))) == [second.pk]
    # None is left out, as from a list: NOT IN with a NULL would match nothing.
    assert pks(Dossier.objects.exclude(pk__in=Ids([first.pk, None]))) == [second.pk, third.pk]
    assert pks(Dossier.objects.filter(pk__in=Ids([None]))) == []
    # A generator or a set will do, and a foreign key and a join too.
    from_generator = Dossier.objects.filter(pk__in=Ids(pk for pk in {second.pk}))
    assert pks(from_generator) == [second.pk]
    # What it was made with is the ids kept, not the generator: the query can be pickled.
    assert pks(pickle.loads(pickle.dumps(from_generator))) == [second.pk]  # noqa: S301 - our own
    triage = Triage.objects.create(dossier=second)
    assert pks(Triage.objects.filter(dossier_id__in=Ids([second.pk]))) == [triage.pk]
    assert not MatchCandidate.objects.filter(triage__dossier_id__in=Ids([second.pk])).exists()


def test_the_ids_are_parameters(db):
    with CaptureQueriesContext(connection) as queries:
        list(Dossier.objects.filter(pk__in=Ids([4, 5, 6])))
    assert "IN (4, 5, 6)" in queries.captured_queries[0]["sql"]  # as Django's debug shows them
    sql, params = Dossier.objects.filter(pk__in=Ids([4, 5, 6])).query.sql_with_params()
    assert "IN (%s, %s, %s)" in sql and params[-3:] == (4, 5, 6)


def test_no_ids_match_nothing_also_within_an_or(db):
    dossier = DossierFactory()
    with CaptureQueriesContext(connection) as queries:
        assert not Dossier.objects.filter(pk__in=Ids([])).exists()
    assert len(queries) == 0  # as with `__in=[]`: known empty without asking the database
    assert pks(Dossier.objects.filter(Q(pk__in=Ids([])) | Q(pk=dossier.pk))) == [dossier.pk]


def test_the_field_does_not_prepare_each_id(db, monkeypatch):
    prepared = []
    original = IntegerField.get_prep_value

    def counted(self, value):
        prepared.append(value)
        return original(self, value)

    monkeypatch.setattr(IntegerField, "get_prep_value", counted)
    ids = list(range(1, 501))
    Dossier.objects.filter(pk__in=ids).query.sql_with_params()
    assert len(prepared) >= 500  # a list: each id, through the field
    prepared.clear()
    Dossier.objects.filter(pk__in=Ids(ids)).query.sql_with_params()
    assert len(prepared) < 5


def test_any_of_matches_the_rows_of_its_subquery(db):
    from django.db.models import F
    from django.db.models.expressions import RawSQL

    from bereik.lib.idlists import AnyOf

    first, second, third = DossierFactory.create_batch(3)
    sql, params = (
        Dossier.objects.filter(pk__in=[first.pk, third.pk]).values("pk").query.sql_with_params()
    )

    def any_of():
        return Q(AnyOf(F("pk"), RawSQL(sql, params)))  # noqa: S611 - the ORM's own SQL

    assert pks(Dossier.objects.filter(any_of())) == [first.pk, third.pk]
    assert pks(Dossier.objects.filter(any_of() | Q(pk=second.pk))) == [
        first.pk,
        second.pk,
        third.pk,
    ]
    assert pks(Dossier.objects.exclude(any_of())) == [second.pk]
    # Inside a subquery the column is the subquery's own (Django renames its tables there).
    nested = Dossier.objects.filter(pk__in=Dossier.objects.filter(any_of()).values("pk"))
    assert pks(nested) == [first.pk, third.pk]
    with CaptureQueriesContext(connection) as queries:
        list(Dossier.objects.filter(any_of()))
    expected = "= ANY(ARRAY(SELECT" if connection.vendor == "postgresql" else " IN (SELECT"
    assert expected in queries.captured_queries[0]["sql"]
