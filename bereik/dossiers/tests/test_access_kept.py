"""The access policy's Q is made once per user, roles, teams and day in a process
(`access.dossier_q`): making it cost a social worker's page about 3 ms. It holds no data, only
subqueries, so what it selects is read by every query: a new team, a new seat on an LAC session,
is seen on the next page."""

import datetime

import time_machine
from django.urls import reverse
from django.utils import timezone

from bereik.accounts.models import Team
from bereik.dossiers import access
from bereik.dossiers.tests.factories import DossierFactory


def test_the_policy_is_made_once_for_a_users_pages(mw, login, calls_to):
    made = calls_to(access, "_dossier_q")
    client = login(mw)
    for _ in range(3):  # a new user object on each request
        assert client.get(reverse("dossiers:worklist", args=["mijn"])).status_code == 200
    assert len(made) == 1


def test_a_team_joined_is_seen_on_the_next_page(mw, login):
    other = Team.objects.get(code="trajectbegeleiding")
    theirs = DossierFactory(team=other)
    client = login(mw)
    assert client.get(theirs.get_absolute_url()).status_code == 404  # the policy kept

    mw.teams.add(other)

    assert client.get(theirs.get_absolute_url()).status_code == 200


def test_a_team_left_is_not_seen_on_the_next_page(mw, login):
    own = mw.teams.get()
    theirs = DossierFactory(team=own)
    client = login(mw)
    assert client.get(theirs.get_absolute_url()).status_code == 200

    mw.teams.remove(own)

    assert client.get(theirs.get_absolute_url()).status_code == 404


def test_a_seat_on_an_lac_session_opens_its_dossiers_on_the_next_page(voorzitter, login):
    from bereik.lac.models import LacPerson
    from bereik.lac.tests.factories import AgendaItemFactory, SessionFactory

    item = AgendaItemFactory(session=SessionFactory())
    client = login(voorzitter)
    assert client.get(item.dossier.get_absolute_url()).status_code == 404  # the policy kept

    chair = LacPerson.objects.create(name="Vera Test", function=LacPerson.Function.CHAIR)
    chair.user = voorzitter
    chair.save()
    item.session.chair = chair
    item.session.save()

    assert client.get(item.dossier.get_absolute_url()).status_code == 200


def test_the_policy_is_made_again_the_next_day(mw, login, calls_to):
    """An LAC member sees a session's dossiers for a number of days after it: the day is part
    of what the Q says."""
    made = calls_to(access, "_dossier_q")
    url = reverse("dossiers:worklist", args=["mijn"])
    evening = timezone.make_aware(datetime.datetime(2026, 12, 7, 23, 55))
    with time_machine.travel(evening, tick=False):
        client = login(mw)
        client.get(url)
    with time_machine.travel(evening + datetime.timedelta(minutes=10), tick=False):
        assert client.get(url).status_code == 200
    assert len(made) == 2
