import datetime

import pytest

from bereik.dossiers import access
from bereik.dossiers.tests.factories import DossierFactory
from bereik.lac import actions, policy
from bereik.lac.forms import PersonForm
from bereik.lac.models import LacPerson, Session
from bereik.lac.tests.factories import AgendaItemFactory, LacPersonFactory, SessionFactory


@pytest.fixture
def chair_session(voorzitter):
    chair = LacPersonFactory(name="Vera Test", function=LacPerson.Function.CHAIR, user=voorzitter)
    session = SessionFactory(chair=chair)
    AgendaItemFactory(session=session)
    AgendaItemFactory(session=session)
    return session


def test_a_member_sees_the_dossiers_of_their_session_only(chair_session, voorzitter):
    other = AgendaItemFactory(session=SessionFactory(date=datetime.date(2026, 12, 3)))
    DossierFactory()

    visible = set(access.visible_dossiers(voorzitter))

    assert visible == {item.dossier for item in chair_session.items.all()}
    assert other.dossier not in visible


def test_a_member_sees_the_session_and_a_non_member_chair_does_not(
    chair_session, voorzitter, login, db
):
    other_chair = LacPersonFactory(name="Ander", function=LacPerson.Function.CHAIR)
    other = SessionFactory(chair=other_chair, date=datetime.date(2026, 12, 3))
    AgendaItemFactory(session=other)
    client = login(voorzitter)

    assert client.get(f"/lac/zitting/{chair_session.pk}/").status_code == 200
    assert client.get(f"/lac/zitting/{other.pk}/").status_code == 404
    assert client.get(f"/lac/zitting/{other.pk}/voorbereiding.pdf").status_code == 404
    assert client.get(f"/lac/zitting/{other.pk}/verslag.pdf").status_code == 404
    listing = client.get("/lac/").content.decode()
    assert f"/lac/zitting/{chair_session.pk}/" in listing
    assert f"/lac/zitting/{other.pk}/" not in listing


def test_member_access_ends_some_time_after_the_session(voorzitter, settings, db):
    settings.LAC_MEMBER_ACCESS_DAYS = 30
    chair = LacPersonFactory(function=LacPerson.Function.CHAIR, user=voorzitter)
    old = SessionFactory(chair=chair, date=datetime.date(2026, 9, 1))
    item = AgendaItemFactory(session=old)

    assert not access.can_view_dossier(voorzitter, item.dossier)
    assert not policy.can_view_session(voorzitter, old)


def test_a_preparer_sees_only_their_own_items_of_a_session(mw, login, db):
    session = SessionFactory()
    mine = AgendaItemFactory(session=session, dossier__assigned_to=mw, preparer=mw)
    theirs = AgendaItemFactory(session=session)

    response = login(mw).get(f"/lac/zitting/{session.pk}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert mine.dossier.household_name in page
    assert theirs.dossier.household_name not in page
    assert login(mw).get(f"/lac/zitting/{session.pk}/voorbereiding.pdf").status_code == 403


def test_a_worker_outside_the_session_gets_nothing(mw_other, login, db):
    session = SessionFactory()
    item = AgendaItemFactory(session=session)
    client = login(mw_other)

    assert client.get(f"/lac/zitting/{session.pk}/").status_code == 404
    assert client.get(f"/lac/zitting/{session.pk}/notuleren/").status_code == 404
    assert client.post(f"/lac/zitting/{session.pk}/brieven/klant/").status_code == 404
    assert client.post(f"/lac/punt/{item.pk}/brief/maatschappij/").status_code == 404
    assert client.get(f"/lac/punt/{item.pk}/advies/").status_code == 404
    assert f"/lac/zitting/{session.pk}/" not in client.get("/lac/").content.decode()


def test_a_preparer_cannot_record_the_advice(mw, login, db):
    item = AgendaItemFactory(dossier__assigned_to=mw, preparer=mw)
    response = login(mw).post(f"/lac/punt/{item.pk}/advies/", {})
    assert response.status_code == 403


def test_the_chair_and_secretary_record_and_only_the_secretary_closes(voorzitter, mw, onthaal, db):
    chair = LacPersonFactory(function=LacPerson.Function.CHAIR, user=voorzitter)
    secretary = LacPersonFactory(function=LacPerson.Function.SECRETARY, user=mw)
    session = SessionFactory(chair=chair, secretary=secretary)

    assert policy.can_record_session(voorzitter, session)
    assert policy.can_record_session(mw, session)
    assert not policy.can_close_session(voorzitter, session)
    assert policy.can_close_session(mw, session)
    assert policy.can_close_session(onthaal, session)


def test_the_company_representative_never_gets_access(mw_other, db):
    representative = LacPersonFactory(function=LacPerson.Function.COMPANY, user=mw_other)
    session = SessionFactory(company_representative=representative)
    item = AgendaItemFactory(session=session)

    assert not access.can_view_dossier(mw_other, item.dossier)
    assert not Session.objects.with_member(mw_other).exists()
    form = PersonForm(
        data={
            "name": "Koen",
            "function": LacPerson.Function.COMPANY,
            "user": mw_other.pk,
            "active": "on",
        }
    )
    assert not form.is_valid() and "user" in form.errors


def test_the_ervaringsdeskundige_has_no_lac(ervaringsdeskundige, login, db):
    assert login(ervaringsdeskundige).get("/lac/").status_code == 403


def test_only_the_beheerder_keeps_the_list_of_members(beheerder, onthaal, login, db):
    assert login(onthaal).get("/lac/leden/").status_code == 403
    client = login(beheerder)
    response = client.post(
        "/lac/leden/nieuw/",
        {
            "name": "Jos Vandeweyer",
            "function": LacPerson.Function.BCSD,
            "organisation": "BCSD",
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert LacPerson.objects.filter(
        name="Jos Vandeweyer", function=LacPerson.Function.BCSD
    ).exists()


def test_the_diensthoofd_reads_the_session_but_makes_no_letters(diensthoofd, login, db):
    session = SessionFactory()
    AgendaItemFactory(session=session, advice="uitstel", attendance="afwezig")
    client = login(diensthoofd)

    assert client.get(f"/lac/zitting/{session.pk}/").status_code == 200
    assert client.post(f"/lac/zitting/{session.pk}/brieven/klant/").status_code == 403
    assert client.post(f"/lac/zitting/{session.pk}/afsluiten/").status_code == 403


def test_a_preparer_set_by_hand_gets_the_dossier_until_the_session_closes(mw_other, onthaal, db):
    item = AgendaItemFactory(session=SessionFactory(date=datetime.date(2026, 11, 26)))
    assert not access.can_view_dossier(mw_other, item.dossier)

    actions.agenda_item_set_preparer(item, mw_other, actor=onthaal)
    assert access.can_view_dossier(mw_other, item.dossier)

    actions.agenda_item_record(item, actor=onthaal, attendance="afwezig", advice="uitstel")
    actions.session_close(item.session, actor=onthaal)
    assert not access.can_view_dossier(mw_other, item.dossier)


def test_the_policy_is_compiled_once_and_still_reads_the_data_when_used(chair_session, voorzitter):
    """A page filters by the access policy several times: its subqueries (here the LAC grant's,
    sessions and LAC people) are compiled when the policy is made for the user, not again at each
    use; the rows they select are still read when the query runs."""
    from unittest import mock

    from django.db.models.sql.compiler import SQLCompiler

    from bereik.lac.models import AgendaItem

    access.dossier_q(voorzitter)  # made once for the user (its subqueries compiled)
    compiled = []
    as_sql = SQLCompiler.as_sql

    def counting(self, *args, **kwargs):
        compiled.append(self.query.model)
        return as_sql(self, *args, **kwargs)

    with mock.patch.object(SQLCompiler, "as_sql", counting):
        first = set(access.visible_dossiers(voorzitter))
        assert access.visible_dossiers(voorzitter).count() == 2
        # Data added after the policy was made: the subqueries read it when the query runs.
        added = AgendaItemFactory(session=chair_session)
        later = set(access.visible_dossiers(voorzitter))

    assert first == {item.dossier for item in chair_session.items.exclude(pk=added.pk)}
    assert later == first | {added.dossier}
    assert not set(compiled) & {Session, LacPerson, AgendaItem}


def test_a_part_of_the_policy_that_selects_nothing_is_left_out(
    chair_session, voorzitter, monkeypatch
):
    """A grant (or a part) that can select nothing, such as `team__in=[]`, cannot be compiled
    to SQL (Django raises EmptyResultSet): it is left out, not a 500 on every page."""
    from django.db.models import Q

    expected = {item.dossier for item in chair_session.items.all()}
    monkeypatch.setattr(
        access, "_dossier_grants", [*access._dossier_grants, lambda user: Q(team__in=[])]
    )

    assert set(access.visible_dossiers(voorzitter)) == expected
