"""Who reaches the follow-up: the ervaringsdeskundige sees nothing of it, outsiders get a 404,
read-only roles cannot write, and the beheer pages are for the beheerder."""

import pytest
from django.urls import reverse

from bereik.dossiers.actions import task_create
from bereik.dossiers.tests.factories import DossierFactory
from bereik.followup import actions
from bereik.followup.config_views import LISTS
from bereik.followup.models import InternalReferral, OutcomeCode
from bereik.followup.tests.factories import organisation, reached_dossier

DOSSIER_URLS = [
    "proposal_create",
    "report_edit",
    "rights_edit",
    "support_create",
    "referral_create",
    "cell_referral_create",
    "handover_create",
    "note_add",
    "task_add",
    "document_add",
    "dossier_close",
    "dossier_reopen",
    "timeline",
]


@pytest.fixture
def dossier(mw, team):
    return reached_dossier(mw, team["sociale_dienst"])


@pytest.fixture
def parts(dossier, mw):
    support = actions.support_request_create(
        dossier, amount=10, purpose="x", submitted_on=dossier.reached_on, actor=mw
    )
    handover = actions.handover_create(
        dossier,
        organisation=organisation(),
        contact_person="X",
        referred_on=dossier.reached_on,
        actor=mw,
    )
    scan = actions.water_scan_request(dossier, requested_on=dossier.reached_on, actor=mw)
    task = task_create(dossier, description="Bellen", assignee=mw, actor=mw)
    return [
        ("followup:support_decide", support.pk),
        ("followup:handover_decide", handover.pk),
        ("followup:water_scan_result", scan.pk),
        ("followup:task_done", task.pk),
    ]


def test_the_ervaringsdeskundige_and_outsiders_get_404_everywhere(
    dossier, parts, mw_other, ervaringsdeskundige, login
):
    urls = [reverse(f"followup:{name}", args=[dossier.pk]) for name in DOSSIER_URLS]
    urls += [reverse(name, args=[pk]) for name, pk in parts]
    for user in (ervaringsdeskundige, mw_other):
        client = login(user)
        for url in urls:
            assert client.get(url).status_code in (404, 405), (user, url)
            assert client.post(url, {}).status_code == 404, (user, url)


def test_the_diensthoofd_reads_the_timeline_but_cannot_write(dossier, diensthoofd, login):
    client = login(diensthoofd)

    assert client.get(reverse("followup:timeline", args=[dossier.pk])).status_code == 200
    for name in ("proposal_create", "note_add", "dossier_close"):
        assert client.get(reverse(f"followup:{name}", args=[dossier.pk])).status_code == 404


def test_the_ervaringsdeskundige_has_no_followup_pages_or_panels(
    dossier, mw, ervaringsdeskundige, login
):
    task_create(dossier, description="Bellen", assignee=ervaringsdeskundige, actor=mw)
    client = login(ervaringsdeskundige)

    home = client.get(reverse("home")).content.decode()
    assert "Bellen" not in home
    assert reverse("followup:queue") not in home
    assert list(client.get(reverse("followup:my_tasks")).context["page"]) == []
    assert list(client.get(reverse("followup:queue")).context["waiting"]) == []


def test_the_queue_lists_only_referrals_to_the_users_teams(mw, mw_other, cel, team, login):
    mine = reached_dossier(mw, team["sociale_dienst"])
    actions.referral_create(
        mine,
        to_team=team["trajectbegeleiding"],
        help_kind=InternalReferral.HelpKind.DEBT,
        reason="x",
        actor=mw,
    )

    assert list(login(cel).get(reverse("followup:queue")).context["waiting"]) == []
    assert len(login(mw_other).get(reverse("followup:queue")).context["waiting"]) == 1


def test_the_beheer_pages_are_for_the_beheerder(mw, beheerder, login):
    assert login(mw).get(reverse("followup:config_index")).status_code == 403
    assert login(mw).get(reverse("followup:config_list", args=["uitkomsten"])).status_code == 403
    client = login(beheerder)
    assert client.get(reverse("followup:config_index")).status_code == 200
    assert client.get(reverse("followup:config_list", args=["onbekend"])).status_code == 404


def test_the_beheerder_adds_renames_and_retires_items(beheerder, login):
    client = login(beheerder)

    client.post(
        reverse("followup:config_create", args=["uitkomsten"]),
        {"name": "Opgelost met energiefonds", "order": 5, "active": "on"},
    )
    code = OutcomeCode.objects.get(name="Opgelost met energiefonds")
    assert code.code == "opgelost_met_energiefonds"

    client.post(
        reverse("followup:config_edit", args=["uitkomsten", code.pk]),
        {"name": "Opgelost via het energiefonds", "order": 5},
    )
    code.refresh_from_db()
    assert code.name == "Opgelost via het energiefonds"
    assert code.code == "opgelost_met_energiefonds"
    assert code.active is False


def test_every_beheer_list_renders(beheerder, login, django_assert_max_num_queries):
    client = login(beheerder)
    for slug in LISTS:
        assert client.get(reverse("followup:config_list", args=[slug])).status_code == 200
        assert client.get(reverse("followup:config_create", args=[slug])).status_code == 200
    # The rights list has 35 items in 9 groups: still no query per row.
    for slug in ("nazorg", "rechten"):
        with django_assert_max_num_queries(9):
            client.get(reverse("followup:config_list", args=[slug]))


def test_a_dossier_outside_the_worker_is_not_in_their_tasks(mw, mw_other, login):
    foreign = DossierFactory(assigned_to=mw_other)
    task_create(foreign, description="Vreemde taak", assignee=mw, actor=mw_other)

    assert list(login(mw).get(reverse("followup:my_tasks")).context["page"]) == []
