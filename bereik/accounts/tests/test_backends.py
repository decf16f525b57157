"""Who is signed in, read on every request (`accounts.backends`, `signin.session_store`)."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bereik.accounts.backends import Backend, signed_in_user
from bereik.accounts.models import Role
from bereik.conftest import make_user
from bereik.signin.session_store import SessionStore

pytestmark = pytest.mark.django_db


def test_the_user_is_read_with_their_roles_and_teams_in_one_query(mw):
    make_user(
        "twee",
        [Role.Code.PREVENTIEWERKER, Role.Code.DIENSTHOOFD],
        ["onthaalteam", "trajectbegeleiding"],
    )

    with CaptureQueriesContext(connection) as queries:
        user = signed_in_user(mw.pk)
        codes, team_ids = user.role_codes, user.team_ids
        assert user.has_role(Role.Code.MAATSCHAPPELIJK_WERKER)

    assert len(queries) == 1
    assert codes == frozenset({Role.Code.MAATSCHAPPELIJK_WERKER})
    assert team_ids == frozenset(mw.teams.values_list("pk", flat=True)) and len(team_ids) == 1
    assert user == mw and user.username == mw.username and user.last_login == mw.last_login
    assert user.is_active is True and user.date_joined == mw.date_joined
    two = type(mw).objects.get(username="twee")
    both = signed_in_user(two.pk)
    assert both.role_codes == frozenset({Role.Code.PREVENTIEWERKER, Role.Code.DIENSTHOOFD})
    assert both.team_ids == frozenset(two.teams.values_list("pk", flat=True))
    assert len(both.team_ids) == 2


def test_a_user_without_roles_or_teams_has_none(db):
    nobody = signed_in_user(make_user("niemand", []).pk)
    assert nobody.role_codes == frozenset() and nobody.team_ids == frozenset()


def test_an_unknown_or_deactivated_user_is_nobody(mw):
    assert signed_in_user(mw.pk + 1000) is None
    type(mw).objects.filter(pk=mw.pk).update(is_active=False)
    assert signed_in_user(mw.pk) is None
    assert Backend().get_user(mw.pk) is None


@pytest.mark.parametrize(
    "backend",
    ["bereik.accounts.backends.Backend", "bereik.signin.oidc.Backend"],
    ids=["password", "identity provider"],
)
def test_a_deactivated_user_is_signed_out_at_the_next_request(client, mw, settings, backend):
    # The identity provider's library read any user, an inactive one too (its `get_user`).
    if backend not in settings.AUTHENTICATION_BACKENDS:
        settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, backend]
    client.force_login(mw, backend=backend)
    assert client.session["_auth_user_backend"] == backend
    assert client.get(reverse("home")).status_code == 200

    type(mw).objects.filter(pk=mw.pk).update(is_active=False)

    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    # The session has ended: reactivating the account does not bring it back.
    type(mw).objects.filter(pk=mw.pk).update(is_active=True)
    assert client.get(reverse("home")).status_code == 302


def test_a_role_taken_away_counts_at_the_next_request(client, mw):
    client.force_login(mw)
    assert client.get(reverse("dossiers:worklist", args=["mijn"])).status_code == 200

    mw.roles.clear()

    assert client.get(reverse("dossiers:worklist", args=["mijn"])).status_code in (403, 404)


def test_a_signed_in_page_reads_the_session_the_user_and_the_bell_in_three_queries(client, mw):
    client.force_login(mw)
    client.get("/geen-pagina/")

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/geen-pagina/")

    assert response.status_code == 404 and "Niet gevonden" in response.content.decode()
    assert len(queries) == 3, [q["sql"] for q in queries.captured_queries]


def test_the_sessions_are_read_by_bereiks_store(client):
    assert isinstance(client.session, SessionStore)


def test_the_session_store_reads_a_session_until_it_expires(db):
    store = SessionStore()
    store["kept"] = "ja"
    store.save()

    assert SessionStore(store.session_key).load() == {"kept": "ja"}

    Session.objects.filter(pk=store.session_key).update(expire_date=timezone.now())
    expired = SessionStore(store.session_key)
    assert expired.load() == {}
    assert expired.session_key is None
    assert SessionStore("onbekend12345678").load() == {}
