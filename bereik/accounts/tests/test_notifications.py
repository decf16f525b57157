from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bereik.accounts import actions


def test_the_navbar_shows_the_number_of_unread_notifications(login, mw):
    for i in range(3):
        actions.notify(mw, f"Dossier {i} is aan jou toegewezen")
    text = login(mw).get(reverse("home")).content.decode()
    assert 'data-testid="unread-count">3<' in text


def test_the_badge_disappears_when_everything_is_read(login, mw):
    actions.notify(mw, "Nieuwe doorverwijzing")
    client = login(mw)
    client.post(reverse("accounts:notifications"))
    assert "unread-count" not in client.get(reverse("home")).content.decode()


def test_the_badge_counts_only_my_own_notifications(login, mw, mw_other):
    actions.notify(mw_other, "Voor Marc")
    assert "unread-count" not in login(mw).get(reverse("home")).content.decode()


def test_the_badge_costs_one_query_whatever_the_number(login, mw):
    client = login(mw)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as none:
        client.get(reverse("home"))
    for i in range(20):
        actions.notify(mw, f"Melding {i}")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("home"))
    assert len(many) == len(none)
    counts = [q["sql"] for q in many if "accounts_notification" in q["sql"]]
    assert len(counts) == 1
