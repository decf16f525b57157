"""A person's decision on a weekly report's line in "Te bevestigen weekrapportlijnen" is
remembered for that customer of the company: the next week's line of the same customer follows it
(the confirmed client linked, a ruled-out client not proposed again), the customer's other lines
waiting in the queue leave it with the decision, and a decided line never comes back."""

import pytest
from django.urls import reverse

from bereik.audit.models import AuditEvent
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers.models import Signal
from bereik.triage.actions.lines import line_confirm, match_lines
from bereik.triage.models import LineMatch, Triage

pytestmark = pytest.mark.django_db


def _line(number="7242083", date="18/11/2026", action="Herinnering"):
    return (number, "Martens An", "Brouwersstraat 13, 3800 Brustem", action, date, "Nee", "10,00")


@pytest.fixture
def lookalike(db):
    """Same name and street, another house number: the queue asks a person."""
    return ClientFactory(
        last_name="Martens", first_name="An", street="Brouwersstraat", house_number="15",
        postcode="3800",
    )  # fmt: skip


def _queue(browser) -> str:
    return browser.get(reverse("triage:line_queue")).content.decode()


def test_a_confirmed_customer_is_linked_the_next_week_without_asking(
    import_report, login, preventiewerker, lookalike
):
    import_report(_line())
    browser = login(preventiewerker)
    week_one = LineMatch.objects.get()
    browser.post(reverse("triage:line_confirm", args=[week_one.pk, lookalike.pk]))

    import_report(_line(date="25/11/2026", action="Ingebrekestelling"))

    assert "Ingebrekestelling" not in _queue(browser)
    assert "Er zijn geen weekrapportlijnen te bevestigen." in _queue(browser)
    week_two = Signal.objects.get(reference_date__day=25)
    assert week_two.client == lookalike
    assert week_two.line_match.status == LineMatch.Status.LINKED
    assert week_two.line_match.method == Triage.Method.CONFIRMED
    assert week_two.line_match.decided_by == preventiewerker
    events = AuditEvent.objects.filter(action="lines.match").order_by("pk")
    assert events.last().details["remembered"] == [week_two.pk]


def test_a_ruled_out_client_is_not_proposed_again_the_next_week(
    import_report, login, preventiewerker, lookalike
):
    import_report(_line())
    browser = login(preventiewerker)
    browser.post(reverse("triage:line_none", args=[LineMatch.objects.get().pk]))

    import_report(_line(date="25/11/2026", action="Ingebrekestelling"))

    assert "Ingebrekestelling" not in _queue(browser)
    week_two = Signal.objects.get(reference_date__day=25).line_match
    assert week_two.status == LineMatch.Status.NEW
    assert week_two.candidates == [] and week_two.rejected == [lookalike.pk]


def test_another_client_that_looks_alike_is_still_asked(
    import_report, login, preventiewerker, lookalike
):
    import_report(_line())
    browser = login(preventiewerker)
    browser.post(reverse("triage:line_none", args=[LineMatch.objects.get().pk]))
    newcomer = ClientFactory(
        last_name="Martens", first_name="An", street="Brouwersstraat", house_number="11",
        postcode="3800",
    )  # fmt: skip

    import_report(_line(date="25/11/2026", action="Ingebrekestelling"))

    week_two = Signal.objects.get(reference_date__day=25).line_match
    assert week_two.status == LineMatch.Status.TO_CONFIRM
    assert [c["client"] for c in week_two.candidates] == [newcomer.pk]


def test_the_customers_other_lines_in_the_queue_go_with_the_decision(
    import_report, login, preventiewerker, lookalike
):
    import_report(_line())
    import_report(_line(date="25/11/2026", action="Ingebrekestelling"))
    browser = login(preventiewerker)
    assert LineMatch.objects.filter(status=LineMatch.Status.TO_CONFIRM).count() == 2
    other_customer = ClientFactory(last_name="Peeters", first_name="Jan", street="Kerkstraat",
                                   house_number="3", postcode="3800")  # fmt: skip
    import_report(("555", "Peeters Jan", "Kerkstraat 5, 3800 Brustem", "Herinnering",
                   "25/11/2026", "Nee", "1,00"))  # fmt: skip
    first = LineMatch.objects.get(signal__reference_date__day=18)

    response = browser.post(reverse("triage:line_confirm", args=[first.pk, lookalike.pk]))

    page = browser.get(response.url).content.decode()
    assert "De lijn en 1 andere lijn van dezelfde klant zijn gekoppeld" in page
    assert "7242083" not in page  # both lines of the customer left the queue
    assert other_customer.client_number in page  # another customer's line stays
    clients = Signal.objects.filter(customer_number="7242083").values_list("client", flat=True)
    assert set(clients) == {lookalike.pk}


def test_a_decided_line_never_comes_back_whoever_decided(import_report, lookalike):
    import_report(_line())
    line = LineMatch.objects.get()
    line_confirm(line, lookalike, actor=None)  # a command, no signed-in user

    match_lines([line.signal_id])

    line.refresh_from_db()
    assert line.status == LineMatch.Status.LINKED and line.method == Triage.Method.CONFIRMED
