"""The home panels and the follow-up sections on the dossier page."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bereik.dossiers.actions import task_create
from bereik.followup import actions
from bereik.followup.models import CellChecklistItem, InternalReferral, RightCheck, RightItem
from bereik.followup.tests.factories import organisation, reached_dossier


def test_the_home_page_shows_my_tasks_and_my_teams_referrals(mw, mw_other, team, login):
    dossier = reached_dossier(mw, team["sociale_dienst"])
    task_create(
        dossier,
        description="Attest ziekenfonds opvragen",
        assignee=mw_other,
        due_date=datetime.date(2026, 12, 1),
        actor=mw,
    )
    actions.referral_create(
        dossier,
        to_team=team["trajectbegeleiding"],
        help_kind=InternalReferral.HelpKind.DEBT,
        reason="Schulden",
        actor=mw,
    )

    page = login(mw_other).get(reverse("home")).content.decode()

    assert "Mijn taken" in page and "Attest ziekenfonds opvragen" in page
    assert "Doorverwijzingen voor mijn team" in page and "Schuldhulpverlening" in page
    assert "Doorverwijzingen voor mijn team" not in login(mw).get(reverse("home")).content.decode()


def test_a_task_is_completed_from_my_tasks(mw, team, login):
    dossier = reached_dossier(mw, team["sociale_dienst"])
    task = task_create(dossier, description="Bellen", assignee=mw, actor=mw)
    client = login(mw)

    response = client.post(
        reverse("followup:task_done", args=[task.pk]), {"next": reverse("followup:my_tasks")}
    )

    task.refresh_from_db()
    assert response["Location"] == reverse("followup:my_tasks")
    assert task.done_at is not None


def test_it_refuses_an_outside_next_url(mw, team, login):
    dossier = reached_dossier(mw, team["sociale_dienst"])
    task = task_create(dossier, description="Bellen", assignee=mw, actor=mw)

    response = login(mw).post(
        reverse("followup:task_done", args=[task.pk]), {"next": "https://evil.example/"}
    )

    assert response["Location"].startswith(dossier.get_absolute_url())


def test_a_task_is_added_from_the_dossier(mw, team, login):
    dossier = reached_dossier(mw, team["sociale_dienst"])

    response = login(mw).post(
        reverse("followup:task_add", args=[dossier.pk]),
        {"description": "Facturen opvragen", "assignee": mw.pk, "due_date": "2026-12-04"},
    )

    assert response.status_code == 302
    task = dossier.tasks.get()
    assert (task.assignee, task.due_date) == (mw, datetime.date(2026, 12, 4))


def _fill(dossier, mw, cel, team, n):
    for i in range(n):
        actions.note_add(dossier, text=f"Notitie {i}", actor=mw)
        task_create(dossier, description=f"Taak {i}", assignee=mw, actor=mw)
        actions.support_request_create(
            dossier, amount=10 + i, purpose=f"Doel {i}", submitted_on=dossier.reached_on, actor=mw
        )
        actions.handover_create(
            dossier,
            organisation=organisation(),
            contact_person=f"Persoon {i}",
            referred_on=dossier.reached_on,
            actor=mw,
        )
    items = list(RightItem.objects.all()[: n * 2])
    actions.rights_update(
        dossier, {item.pk: (RightCheck.Status.TO_CHECK, "") for item in items}, actor=mw
    )


def test_the_followup_sections_run_no_query_per_row(mw, cel, team, login, settings, tmp_path):
    """Ten times more rows must not mean more queries on the dossier page."""
    settings.MEDIA_ROOT = tmp_path
    small = reached_dossier(mw, team["sociale_dienst"])
    large = reached_dossier(mw, team["sociale_dienst"])
    _fill(small, mw, cel, team, 1)
    _fill(large, mw, cel, team, 10)
    client = login(mw)
    client.get(small.get_absolute_url())

    with CaptureQueriesContext(connection) as few:
        client.get(small.get_absolute_url())
    with CaptureQueriesContext(connection) as many:
        client.get(large.get_absolute_url())
    assert len(many) == len(few)


def test_the_cell_sees_the_dossiers_it_took_on_on_its_home_page(mw, cel, team, login):
    dossier = reached_dossier(mw, team["sociale_dienst"])
    other = reached_dossier(mw, team["sociale_dienst"])
    checked = list(CellChecklistItem.objects.filter(active=True))
    referral = actions.referral_to_cell(dossier, checked=checked, reason="Verbruik", actor=mw)
    actions.referral_to_cell(other, checked=checked, reason="Budgetmeter", actor=mw)
    actions.referral_accept(referral, actor=cel)

    page = login(cel).get(reverse("home")).content.decode()

    panel = page[page.index("Opgenomen door mijn team") :]
    assert dossier.household_name in panel
    # Still waiting for the cell: in the referrals panel, not among the dossiers taken on.
    assert "1 open dossier dat je team via een doorverwijzing opnam" in panel
    assert "Opgenomen door mijn team" not in login(mw).get(reverse("home")).content.decode()
