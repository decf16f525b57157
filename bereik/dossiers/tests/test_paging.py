"""Paging a worklist: the bounded count brings the ids of a short list with it, and the page is
then read by those ids, not by asking the filter again (PostgreSQL could not tell how few rows
an OR of subqueries leaves and walked the order's index past every dossier: 380 ms for a social
worker's empty "Alle dossiers" at 100,000 dossiers)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.lib import paging

pytestmark = pytest.mark.django_db


def _paginator(queryset):
    return paging.BoundedPaginator(
        queryset, 25, load=lambda ids: Dossier.objects.filter(pk__in=ids)
    )


def test_a_short_list_is_read_by_the_ids_it_counted():
    first, second = (
        DossierFactory(route="C", number="2026-000002"),
        DossierFactory(route="C", number="2026-000001"),
    )
    DossierFactory(route="A")
    paginator = _paginator(Dossier.objects.filter(route="C").order_by("number"))
    with CaptureQueriesContext(connection) as queries:
        page = paginator.page(1)
    assert [d.pk for d in page] == [second.pk, first.pk]
    assert paginator.count == 2 and not paginator.more
    counted, by_ids, loaded = (q["sql"] for q in queries)
    assert counted.startswith("WITH counted AS") and '"route"' in counted
    assert '"route"' not in by_ids and str(first.pk) in by_ids


def test_an_empty_list_asks_only_the_count():
    DossierFactory(route="A")
    paginator = _paginator(Dossier.objects.filter(route="C").order_by("number"))
    with CaptureQueriesContext(connection) as queries:
        page = paginator.page(1)
    assert list(page) == [] and paginator.count == 0
    assert len(queries) == 1


def test_a_long_list_counts_to_its_cap_and_pages_by_the_filter(monkeypatch):
    monkeypatch.setattr(paging, "SHORT", 2)
    DossierFactory.create_batch(4, route="C")
    paginator = paging.BoundedPaginator(
        Dossier.objects.filter(route="C").order_by("number"),
        3,
        load=lambda ids: Dossier.objects.filter(pk__in=ids),
        cap=3,
    )
    page = paginator.page(1)
    assert paginator.more and paginator.count == 3 and page.has_next()
    assert len(page) == 3


@pytest.mark.parametrize("rows", [0, 2, 3, 4, 6])
def test_the_count_brings_the_ids_only_of_a_short_list(monkeypatch, rows):
    """One query counts the rows up to the cap and, only when there are at most SHORT, gives
    their ids: a long list is counted without its rows being kept or sent (no window count,
    which kept every counted row)."""
    monkeypatch.setattr(paging, "SHORT", 3)
    made = DossierFactory.create_batch(rows, route="C")
    DossierFactory(route="A")
    paginator = paging.BoundedPaginator(
        Dossier.objects.filter(route="C").order_by("number"),
        2,
        load=lambda ids: Dossier.objects.filter(pk__in=ids),
        cap=4,
    )
    with CaptureQueriesContext(connection) as queries:
        count, ids = paginator._counted
    assert len(queries) == 1 and " OVER " not in queries[0]["sql"]
    assert count == min(rows, 5)  # bounded at cap + 1
    assert sorted(ids) == (sorted(d.pk for d in made) if rows <= 3 else [])
    assert paginator.more == (rows > 4)


def test_a_filter_that_can_match_nothing_is_an_empty_list():
    DossierFactory()
    paginator = _paginator(Dossier.objects.filter(pk__in=[]).order_by("number"))
    assert list(paginator.page(1)) == [] and paginator.count == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's long walks")
@pytest.mark.parametrize("sort", ["termijn", "-termijn", "nummer", "-nummer", "naam"])
def test_a_page_far_into_a_sparse_list_is_sorted_among_its_rows(monkeypatch, sort):
    """Past SHORT rows a list is walked in its order's index; where the walk to the page
    would pass many rows the filters leave out (PostgreSQL: a few among many), the page is
    sorted among the counted rows instead. The same pages, in the same order."""
    import datetime

    from bereik.dossiers.filters import SORTS
    from bereik.lib import dbstats

    monkeypatch.setattr(paging, "SHORT", 4)
    monkeypatch.setattr(paging, "LONG_WALK", 20)
    for n in range(40):
        DossierFactory(
            route="C" if n % 3 == 0 else "A",
            deadline=None if n % 5 == 0 else datetime.date(2027, 1, 1 + n % 7),
            last_name=f"Naam{n % 4}",
        )
    # The table's size as the statistics would say it (not ANALYZE: its estimate would stay
    # behind for the tests that follow).
    monkeypatch.setattr(dbstats, "estimated_rows", lambda model, using="default": 40)
    rows = Dossier.objects.filter(route="C").order_by(*SORTS[sort])
    expected = list(rows.values_list("pk", flat=True))
    assert len(expected) == 14
    paginator = paging.BoundedPaginator(
        rows, 3, load=lambda ids: Dossier.objects.filter(pk__in=ids)
    )
    sorted_among = []
    monkeypatch.setattr(
        paginator,
        "_among_counted",
        lambda bottom, end, real=paginator._among_counted: (
            sorted_among.append(bottom) or real(bottom, end)
        ),
    )
    shown = [d.pk for number in paginator.page_range for d in paginator.page(number)]
    assert shown == expected
    assert sorted_among  # the far pages were sorted among the counted rows
    assert 0 not in sorted_among  # the first page walked: 3 rows of 14 among 40, not far
