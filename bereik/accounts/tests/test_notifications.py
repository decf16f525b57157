from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bereik.accounts import actions
from bereik.accounts.models import Notification

ASSIGNED = Notification.Kind.ASSIGNED


def test_the_navbar_shows_the_number_of_unread_notifications(login, mw):
    for i in range(3):
        actions.notify(mw, f"Dossier {i} is aan jou toegewezen", kind=ASSIGNED)
    text = login(mw).get(reverse("home")).content.decode()
    assert 'data-testid="unread-count">3<' in text


def test_the_badge_disappears_when_everything_is_read(login, mw):
    actions.notify(mw, "Nieuwe doorverwijzing", kind=ASSIGNED)
    client = login(mw)
    client.post(reverse("accounts:notifications"))
    assert "unread-count" not in client.get(reverse("home")).content.decode()


def test_the_badge_counts_only_my_own_notifications(login, mw, mw_other):
    actions.notify(mw_other, "Voor Marc", kind=ASSIGNED)
    assert "unread-count" not in login(mw).get(reverse("home")).content.decode()


def test_the_badge_costs_one_query_whatever_the_number(login, mw):
    client = login(mw)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as none:
        client.get(reverse("home"))
    for i in range(20):
        actions.notify(mw, f"Melding {i}", kind=ASSIGNED)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("home"))
    assert len(many) == len(none)
    counts = [q["sql"] for q in many if "accounts_notification" in q["sql"]]
    assert len(counts) == 1


def test_following_a_notification_marks_that_one_read(login, mw):
    first = actions.notify(mw, "Doorverwijzing aanvaard", kind=ASSIGNED, url="/dossiers/12/")
    other = actions.notify(mw, "Nieuwe taak", kind=ASSIGNED)
    client = login(mw)

    response = client.get(reverse("accounts:notification_open", args=[first.pk]))

    assert response["Location"] == "/dossiers/12/"
    first.refresh_from_db()
    other.refresh_from_db()
    assert first.read_at is not None and other.read_at is None
    page = client.get(reverse("accounts:notifications")).content.decode()
    assert reverse("accounts:notification_open", args=[other.pk]) in page


def test_it_refuses_to_open_someone_elses_notification(login, mw, mw_other):
    theirs = actions.notify(mw_other, "Voor Marc", kind=ASSIGNED, url="/dossiers/3/")

    response = login(mw).get(reverse("accounts:notification_open", args=[theirs.pk]))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_it_never_sends_the_user_off_site(login, mw):
    notification = actions.notify(mw, "Vreemde link", kind=ASSIGNED, url="https://evil.example/")

    response = login(mw).get(reverse("accounts:notification_open", args=[notification.pk]))

    assert response["Location"] == reverse("accounts:notifications")


def test_one_notification_can_be_marked_read_from_the_list(login, mw):
    first = actions.notify(mw, "Eerste", kind=ASSIGNED)
    other = actions.notify(mw, "Tweede", kind=ASSIGNED)
    client = login(mw)

    response = client.post(
        reverse("accounts:notification_read", args=[first.pk]),
        {"next": reverse("accounts:notifications") + "?toon=ongelezen"},
    )

    assert response["Location"] == reverse("accounts:notifications") + "?toon=ongelezen"
    first.refresh_from_db()
    other.refresh_from_db()
    assert first.read_at is not None and other.read_at is None
    unread = client.get(reverse("accounts:notifications") + "?toon=ongelezen").content.decode()
    assert "Tweede" in unread and "Eerste" not in unread


def test_marking_read_needs_a_post_and_ones_own_notification(login, mw, mw_other):
    theirs = actions.notify(mw_other, "Voor Marc", kind=ASSIGNED)
    client = login(mw)
    assert client.get(reverse("accounts:notification_read", args=[theirs.pk])).status_code == 405
    assert client.post(reverse("accounts:notification_read", args=[theirs.pk])).status_code == 404


def test_the_list_shows_the_kind_and_pages_in_a_fixed_number_of_queries(
    login, mw, django_assert_max_num_queries
):
    for i in range(30):
        actions.notify(mw, f"Melding {i}", kind=Notification.Kind.REFERRAL_RECEIVED)
    client = login(mw)
    client.get(reverse("accounts:notifications"))
    with django_assert_max_num_queries(12):
        text = client.get(reverse("accounts:notifications")).content.decode()
    assert "Doorverwijzing ontvangen" in text
    assert "Pagina 1 van 2" in text


def test_the_bell_is_on_every_page_with_its_count(login, mw):
    actions.notify(mw, "Iets nieuws", kind=ASSIGNED)
    client = login(mw)
    for url in (
        reverse("home"),
        reverse("accounts:notification_settings"),
        "/dossiers/lijsten/mijn/",
    ):
        text = client.get(url).content.decode()
        assert 'data-testid="unread-count">1<' in text, url
        assert reverse("accounts:notifications") in text
