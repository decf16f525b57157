"""A notification about a dossier the user can no longer see is not shown: not in the list, not
in the bell, not behind its link, not in the daily overview."""

from django.urls import reverse

from bereik.accounts import actions
from bereik.accounts.models import Notification
from bereik.dossiers.tests.factories import DossierFactory

Kind = Notification.Kind


def test_a_notification_about_a_dossier_taken_away_disappears(login, mw, mw_other):
    dossier = DossierFactory(assigned_to=mw, last_name="Geheim")
    about = actions.notify(
        mw, f"Dossier {dossier} toegewezen", kind=Kind.DEADLINE_NEAR, dossier=dossier
    )
    general = actions.notify(mw, "Een melding zonder dossier", kind=Kind.TASK_DUE, count=2)
    client = login(mw)
    assert 'data-testid="unread-count">2<' in client.get(reverse("home")).content.decode()

    dossier.assigned_to = mw_other  # no longer Mia's, nor her team's
    dossier.team = None
    dossier.save()

    text = client.get(reverse("accounts:notifications")).content.decode()
    assert "Geheim" not in text and "Een melding zonder dossier" in text
    assert 'data-testid="unread-count">1<' in client.get(reverse("home")).content.decode()
    assert client.get(reverse("accounts:notification_open", args=[about.pk])).status_code == 404
    assert client.post(reverse("accounts:notification_read", args=[about.pk])).status_code == 404
    assert actions.digests_send() == 1
    about.refresh_from_db()
    general.refresh_from_db()
    assert about.mail is None and general.mail is not None


def test_roles_that_see_every_dossier_keep_their_notifications(login, preventiewerker):
    dossier = DossierFactory()
    actions.notify(preventiewerker, "Termijn", kind=Kind.DEADLINE_NEAR, dossier=dossier)
    text = login(preventiewerker).get(reverse("accounts:notifications")).content.decode()
    assert "Termijn" in text


def test_the_bell_builds_the_access_filter_only_for_unread_notifications_about_a_dossier(mw):
    """The bell is on every page: with nothing unread about a dossier it is one plain count, in
    which no dossier is looked at; with one, the count goes through the access policy."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bereik.accounts import notifications

    actions.notify(mw, "Een melding zonder dossier", kind=Kind.TASK_DUE, count=2)
    with CaptureQueriesContext(connection) as plain:
        assert notifications.unread_count(mw) == 1
    assert len(plain) == 1 and "dossiers_dossier" not in plain[0]["sql"]

    hidden = DossierFactory(last_name="Elders")  # not Mia's, nor her team's
    actions.notify(mw, "Over een ander dossier", kind=Kind.DEADLINE_NEAR, dossier=hidden)
    with CaptureQueriesContext(connection) as filtered:
        assert notifications.unread_count(mw) == 1
    # The plain count first, then (after the user's roles and teams) the count through the policy.
    assert "dossiers_dossier" not in filtered[0]["sql"]
    assert "dossiers_dossier" in filtered[-1]["sql"]


def test_the_bell_counts_once_for_those_who_see_every_dossier(preventiewerker):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bereik.accounts import notifications

    actions.notify(preventiewerker, "Termijn", kind=Kind.DEADLINE_NEAR, dossier=DossierFactory())
    preventiewerker.role_codes  # noqa: B018 - the user's roles read before counting
    with CaptureQueriesContext(connection) as counted:
        assert notifications.unread_count(preventiewerker) == 1
    assert len(counted) == 1


def test_the_bell_of_a_deactivated_user_shows_nothing(mw):
    from bereik.accounts import notifications

    actions.notify(mw, "Een melding zonder dossier", kind=Kind.TASK_DUE, count=2)
    assert notifications.unread_count(mw) == 1
    mw.is_active = False
    mw.save()

    assert notifications.unread_count(mw) == 0
