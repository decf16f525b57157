"""Beschermde klant everywhere it matters: on the client (the latest signal that says so, with its
date and source), on the dossier and its header, as a worklist column and filter, in the export."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from bereik.clients.models import Client
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers.models import Dossier

pytestmark = pytest.mark.django_db


def _line(date, protected, action="Afsluiting"):
    return ("700", "Martens An", "Brouwersstraat 13, 3800 Brustem", action, date, protected, "1,00")


@pytest.fixture
def client_an(db):
    return ClientFactory(
        last_name="Martens", first_name="An", street="Brouwersstraat", house_number="13",
        postcode="3800",
    )  # fmt: skip


def test_the_latest_signal_that_says_so_decides(import_report, client_an):
    import_report(_line("18/11/2026", "Ja"))
    client_an.refresh_from_db()
    dossier = Dossier.objects.get(customer_number="700")
    assert client_an.protected_customer is True and dossier.protected_customer is True
    # A later report says no: the client and the dossier follow.
    import_report(_line("25/11/2026", "Nee", action="Heraansluiting"))
    client_an.refresh_from_db()
    dossier.refresh_from_db()
    assert client_an.protected_customer is False
    assert client_an.protected_on.isoformat() == "2026-11-25"
    assert dossier.protected_customer is False
    # An older report that comes in late changes nothing.
    import_report(_line("04/11/2026", "Ja", action="Herinnering"))
    client_an.refresh_from_db()
    assert client_an.protected_customer is False


def test_a_dossier_without_its_own_word_takes_the_clients(import_report, client_an, mw):
    from bereik.dossiers.tests.factories import DossierFactory
    from bereik.weekly.actions import after_arrived

    import_report(_line("18/11/2026", "Ja", action="Herinnering"))  # no dossier
    other = DossierFactory(client=client_an, kind=Dossier.Kind.ENERGIE)
    after_arrived([other.pk])
    other.refresh_from_db()
    assert other.protected_customer is True


def test_the_header_column_filter_and_export(import_report, client_an, login, preventiewerker):
    import_report(_line("18/11/2026", "Ja"))
    import_report(
        ("800", "Peeters Jan", "Kerkstraat 1, 3800 Sint-Truiden", "Afsluiting", "18/11/2026",
         "Nee", "1,00"),
    )  # fmt: skip
    protected = Dossier.objects.get(customer_number="700")
    browser = login(preventiewerker)
    header = browser.get(protected.get_absolute_url()).content.decode()
    assert "Beschermde klant" in header

    base = reverse("dossiers:worklist", args=["alle"])
    page = browser.get(base)
    assert "Beschermd" in page.content.decode()
    only = browser.get(f"{base}?beschermd=ja")
    assert [d.number for d in only.context["page"].object_list] == [protected.number]
    none = browser.get(f"{base}?beschermd=nee")
    assert [d.customer_number for d in none.context["page"].object_list] == ["800"]

    out = io.StringIO()
    call_command("export_dossiers", stdout=out)
    lines = out.getvalue().lstrip("\ufeff").splitlines()
    column = lines[0].split(";").index("Beschermde klant")
    values = {line.split(";")[0]: line.split(";")[column] for line in lines[1:]}
    assert values[protected.number] == "ja"


def test_the_client_page_says_it_with_date_and_source(import_report, client_an, login, onthaal):
    import_report(_line("18/11/2026", "Ja"))
    text = login(onthaal).get(reverse("clients:detail", args=[client_an.pk])).content.decode()
    assert "volgens Weekrapport De Watergroep van 18/11/2026" in text
    assert Client.objects.get(pk=client_an.pk).protected_source == "Weekrapport De Watergroep"


def test_the_dossiers_flags_are_written_with_one_update_per_value(
    client_an, django_assert_num_queries
):
    """Many dossiers, each flag from its own signal or its client's: a few queries, whatever
    their number (read as values, one UPDATE per new value)."""
    from bereik.clients import protection
    from bereik.dossiers.tests.factories import DossierFactory, SignalFactory

    Client.objects.filter(pk=client_an.pk).update(protected_customer=True)
    own_yes = [DossierFactory() for _ in range(3)]
    own_no = [DossierFactory(protected_customer=True) for _ in range(3)]
    for dossier in own_yes:
        SignalFactory(dossier=dossier, protected_customer=True)
    for dossier in own_no:
        SignalFactory(dossier=dossier, protected_customer=False)
    from_client = [DossierFactory(client=client_an) for _ in range(3)]
    unchanged = [DossierFactory() for _ in range(3)]
    ids = [d.pk for d in own_yes + own_no + from_client + unchanged]

    # The signals, the dossiers' flags, one UPDATE for "yes" and one for "no".
    with django_assert_num_queries(4):
        protection.refresh(dossier_ids=ids)

    flags = dict(Dossier.objects.filter(pk__in=ids).values_list("pk", "protected_customer"))
    assert [flags[d.pk] for d in own_yes + from_client] == [True] * 6
    assert [flags[d.pk] for d in own_no] == [False] * 3
    assert [flags[d.pk] for d in unchanged] == [None] * 3
