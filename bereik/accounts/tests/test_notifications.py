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


def test_following_a_notification_marks_that_one_read(login, mw):
    first = actions.notify(mw, "Doorverwijzing aanvaard", url="/dossiers/12/")
    other = actions.notify(mw, "Nieuwe taak")
    client = login(mw)

    response = client.get(reverse("accounts:notification_open", args=[first.pk]))

    assert response["Location"] == "/dossiers/12/"
    first.refresh_from_db()
    other.refresh_from_db()
    assert first.read_at is not None and other.read_at is None
    page = client.get(reverse("accounts:notifications")).content.decode()
    assert reverse("accounts:notification_open", args=[other.pk]) in page


def test_it_refuses_to_open_someone_elses_notification(login, mw, mw_other):
    theirs = actions.notify(mw_other, "Voor Marc", url="/dossiers/3/")

    response = login(mw).get(reverse("accounts:notification_open", args=[theirs.pk]))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_it_never_sends_the_user_off_site(login, mw):
    notification = actions.notify(mw, "Vreemde link", url="https://evil.example/")

    response = login(mw).get(reverse("accounts:notification_open", args=[notification.pk]))

    assert response["Location"] == reverse("accounts:notifications")
