"""One dossier's access (`access.can_view_dossier`, `get_dossier_for`): the user's own dossier
(their worker, contact person or team) is answered from its columns, any other by one query
that asks the policy's other ways of that dossier alone; and the client of a dossier the user
may see (`access.can_view_client_of`)."""

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers import access
from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.lac.models import LacPerson
from bereik.lac.tests.factories import AgendaItemFactory, LacPersonFactory, SessionFactory
from bereik.triage.models import Consultation


def signed_in(user):
    """The user as a page has them: roles and teams read with the user (`accounts.backends`),
    the policy made (once per process: `access.dossier_q`)."""
    user.role_codes, user.team_ids  # noqa: B018
    access.dossier_q(user)
    return user


def queries_of(func):
    with CaptureQueriesContext(connection) as queries:
        result = func()
    return result, len(queries)


@pytest.mark.parametrize("way", ["worker", "contact person", "team"])
def test_the_users_own_dossier_is_answered_from_its_columns(mw, team, way):
    fields = {
        "worker": {"assigned_to": mw},
        "contact person": {"contact_person": mw},
        "team": {"team": team["sociale_dienst"]},
    }[way]
    dossier = DossierFactory(**fields)
    signed_in(mw)

    assert queries_of(lambda: access.can_view_dossier(mw, dossier)) == (True, 0)
    found, count = queries_of(lambda: access.get_dossier_for(mw, dossier.pk))
    assert (found, count) == (dossier, 1)


def test_another_dossier_asks_the_policy(mw, mw_other, team):
    shared = DossierFactory(assigned_to=mw_other)
    shared.shared_with.add(team["sociale_dienst"])
    theirs = DossierFactory(assigned_to=mw_other, team=team["trajectbegeleiding"])
    signed_in(mw)

    assert queries_of(lambda: access.can_view_dossier(mw, shared)) == (True, 1)
    assert queries_of(lambda: access.can_view_dossier(mw, theirs)) == (False, 1)
    assert access.get_dossier_for(mw, shared.pk) == shared
    with pytest.raises(Http404):
        access.get_dossier_for(mw, theirs.pk)
    with pytest.raises(Http404):
        access.get_dossier_for(mw, theirs.pk + 1000)


def test_a_role_that_sees_every_dossier_asks_no_query(diensthoofd, mw_other):
    # The diensthoofd sees every dossier (the policy says so without a query), and changes only
    # those of their own or their team's.
    dossier = DossierFactory(assigned_to=mw_other)
    signed_in(diensthoofd)
    assert queries_of(lambda: access.can_view_dossier(diensthoofd, dossier)) == (True, 0)
    assert not access.can_change_dossier(diensthoofd, dossier)
    with pytest.raises(Http404):
        access.get_dossier_for(diensthoofd, dossier.pk, change=True)
    assert access.get_dossier_for(diensthoofd, dossier.pk) == dossier


@pytest.mark.parametrize("field", ["assigned_to", "contact_person"])
def test_the_ervaringsdeskundige_is_refused_a_dossier_that_names_them(ervaringsdeskundige, field):
    dossier = DossierFactory(**{field: ervaringsdeskundige})
    assert not access.can_view_dossier(ervaringsdeskundige, dossier)
    with pytest.raises(Http404):
        access.get_dossier_for(ervaringsdeskundige, dossier.pk)


PERSONAS = (
    "onthaal",
    "preventiewerker",
    "mw",
    "mw_other",
    "voorzitter",
    "cel",
    "ervaringsdeskundige",
    "diensthoofd",
)


def test_the_columns_answer_as_the_policy_does_for_every_role(request, team):
    users = {name: request.getfixturevalue(name) for name in PERSONAS}
    mw, expert = users["mw"], users["ervaringsdeskundige"]
    closed = {"status": Dossier.Status.CLOSED}
    dossiers = [
        DossierFactory(assigned_to=mw, client=ClientFactory()),
        DossierFactory(assigned_to=mw, **closed),
        DossierFactory(contact_person=mw),
        DossierFactory(contact_person=expert),
        DossierFactory(assigned_to=expert),
        DossierFactory(team=team["sociale_dienst"]),
        DossierFactory(team=team["energiecel"], **closed),
        DossierFactory(assigned_to=users["voorzitter"], client=ClientFactory()),
        DossierFactory(),
    ]
    shared = DossierFactory(assigned_to=users["mw_other"], client=ClientFactory())
    shared.shared_with.add(team["sociale_dienst"])
    dossiers.append(shared)
    for name, user in users.items():
        for dossier in dossiers:
            expected = access.visible_dossiers(user).filter(pk=dossier.pk).exists()
            assert access.can_view_dossier(user, dossier) == expected, (name, dossier)
            if expected and dossier.client_id:  # its page is open: the client as the register says
                clients = type(dossier.client).objects.filter(pk=dossier.client_id)
                seen = access.visible_client(user, clients).exists()
                assert access.can_view_client_of(user, dossier) == seen, (name, dossier)


def test_the_client_of_a_dossier_the_user_sees(mw, onthaal, ervaringsdeskundige):
    dossier = DossierFactory(assigned_to=mw, client=ClientFactory())
    without = DossierFactory(assigned_to=mw)
    signed_in(mw)

    assert queries_of(lambda: access.can_view_client_of(mw, dossier)) == (True, 0)
    assert access.can_view_client_of(onthaal, dossier)
    assert not access.can_view_client_of(mw, without)
    assert not access.can_view_client_of(ervaringsdeskundige, dossier)
    # The same answer as the register's own rule.
    for user in (mw, onthaal, ervaringsdeskundige):
        seen = access.visible_client(
            user, type(dossier.client).objects.filter(pk=dossier.client_id)
        )
        assert seen.exists() == (user != ervaringsdeskundige)


def test_every_other_way_is_asked_of_the_one_dossier_as_the_policy_says(
    request, team, mw, mw_other, voorzitter, preventiewerker
):
    """A dossier seen by a way other than its own columns (a shared team, an open overleg, an LAC
    session's member or preparer) is asked in one query that reads each way for that dossier
    alone (`access.OneDossier`), with the same answer as the policy's query, for each way, its
    near misses and every role."""
    shared = DossierFactory(assigned_to=mw_other)
    shared.shared_with.add(team["sociale_dienst"])
    other_team = DossierFactory(assigned_to=mw_other)
    other_team.shared_with.add(team["trajectbegeleiding"])
    asked = DossierFactory(assigned_to=mw_other)
    Consultation.objects.create(dossier=asked, former_worker=mw, preventiewerker=preventiewerker)
    decided = DossierFactory(assigned_to=mw_other)
    Consultation.objects.create(
        dossier=decided,
        former_worker=mw,
        preventiewerker=preventiewerker,
        outcome=Consultation.Outcome.PREVENTIEWERKER,
        decided_at=timezone.now(),
    )
    chair = LacPersonFactory(function=LacPerson.Function.CHAIR, user=voorzitter)
    session = SessionFactory(chair=chair)
    on_agenda = AgendaItemFactory(session=session, dossier__assigned_to=mw_other).dossier
    prepared = AgendaItemFactory(
        session=session, dossier__assigned_to=mw_other, preparer=mw, preparer_set_by_hand=True
    ).dossier
    elsewhere = AgendaItemFactory(dossier__assigned_to=mw_other).dossier
    dossiers = [shared, other_team, asked, decided, on_agenda, prepared, elsewhere]

    signed_in(mw)
    expected = {shared, asked, prepared}
    for dossier in dossiers:
        with CaptureQueriesContext(connection) as queries:
            seen = access.can_view_dossier(mw, dossier)
        assert seen == (dossier in expected), dossier
        # One query, each way asked for this dossier (not every way's ids read first).
        (query,) = queries.captured_queries
        assert query["sql"].startswith("SELECT 1 WHERE EXISTS (SELECT 1 FROM ("), query["sql"]
        # The shared teams, the overleg, the LAC's members and preparers; on SQLite the dossier's
        # own columns too (subqueries there: `access._dossier_q`).
        ways = 4 + (3 if connection.vendor == "sqlite" else 0)
        assert query["sql"].count("EXISTS (SELECT 1 FROM (") == ways
    assert access.can_view_dossier(voorzitter, on_agenda)
    assert not access.can_view_dossier(voorzitter, elsewhere)
    for name in PERSONAS:
        user = request.getfixturevalue(name)
        for dossier in dossiers:
            policy = access.visible_dossiers(user).filter(pk=dossier.pk).exists()
            assert access.can_view_dossier(user, dossier) == policy, (name, dossier)


def test_a_dossiers_page_asks_a_dossier_seen_by_a_grant_once(mw, mw_other, preventiewerker, login):
    dossier = DossierFactory(assigned_to=mw_other)
    Consultation.objects.create(dossier=dossier, former_worker=mw, preventiewerker=preventiewerker)
    client = login(mw)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/dossiers/{dossier.pk}/")
    assert response.status_code == 200
    asked = [q for q in queries.captured_queries if q["sql"].startswith("SELECT 1 WHERE EXISTS")]
    assert len(asked) == 1
