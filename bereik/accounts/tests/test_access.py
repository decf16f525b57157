from bereik.accounts import roles
from bereik.dossiers import access
from bereik.dossiers.tests.factories import DossierFactory


def test_a_worker_sees_only_dossiers_assigned_to_them_or_their_team(mw, mw_other, team):
    mine = DossierFactory(assigned_to=mw)
    team_dossier = DossierFactory(team=team["sociale_dienst"])
    DossierFactory(assigned_to=mw_other, team=team["trajectbegeleiding"])

    assert set(access.visible_dossiers(mw)) == {mine, team_dossier}


def test_a_worker_outside_a_dossier_gets_a_404(mw, mw_other):
    dossier = DossierFactory(assigned_to=mw_other)
    assert not access.can_view_dossier(mw, dossier)


def test_a_shared_dossier_is_visible_to_the_shared_team(cel, mw, team):
    dossier = DossierFactory(assigned_to=mw)
    dossier.shared_with.add(team["energiecel"])
    assert access.can_view_dossier(cel, dossier)


def test_preventiewerker_and_onthaal_see_every_dossier(preventiewerker, onthaal, mw):
    dossier = DossierFactory(assigned_to=mw)
    assert access.can_change_dossier(preventiewerker, dossier)
    assert access.can_change_dossier(onthaal, dossier)


def test_the_diensthoofd_reads_but_does_not_change(diensthoofd, mw):
    dossier = DossierFactory(assigned_to=mw)
    assert access.can_view_dossier(diensthoofd, dossier)
    assert not access.can_change_dossier(diensthoofd, dossier)


def test_the_ervaringsdeskundige_sees_no_dossier(ervaringsdeskundige):
    DossierFactory()
    assert not access.visible_dossiers(ervaringsdeskundige).exists()


def test_only_some_roles_see_the_insz(mw, ervaringsdeskundige, voorzitter, diensthoofd):
    assert roles.can_see_insz(mw)
    assert not roles.can_see_insz(ervaringsdeskundige)
    assert not roles.can_see_insz(voorzitter)
    assert not roles.can_see_insz(diensthoofd)


def test_a_registered_grant_opens_dossiers(mw_other):
    from django.db.models import Q

    dossier = DossierFactory()

    def grant(user):
        return Q(pk=dossier.pk) if user == mw_other else None

    access.register_dossier_grant(grant)
    try:
        assert access.can_view_dossier(mw_other, dossier)
    finally:
        access._dossier_grants.remove(grant)
