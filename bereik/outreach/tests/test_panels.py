import datetime

from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.organisation.models import Organisation
from bereik.outreach import actions, home_panels, queries
from bereik.outreach.models import ContactAttempt

D = datetime.date


def make(name, **fields):
    return DossierFactory(last_name=name, first_name="X", **fields)


def test_deadline_near_lists_open_unreached_dossiers_within_the_warning_period(
    frozen_today, preventiewerker
):
    organisation = Organisation.get()
    organisation.deadline_warning_days = 5
    organisation.save()
    make("Binnen", deadline=D(2026, 12, 2))  # 5 days
    make("Voorbij", deadline=D(2026, 11, 20))
    make("Later", deadline=D(2026, 12, 3))
    make("Bereikt", deadline=D(2026, 11, 30), reached_on=D(2026, 11, 25))
    make("Dicht", deadline=D(2026, 11, 30), status=Dossier.CLOSED)
    make("Geen", deadline=None)
    names = list(
        queries.deadline_near_unreached(Dossier.objects.all()).values_list("last_name", flat=True)
    )
    assert names == ["Voorbij", "Binnen"]


def test_next_step_overdue_lists_open_dossiers_with_a_past_step_date(frozen_today, preventiewerker):
    make("Gisteren", next_step="Huisbezoek", next_step_date=D(2026, 11, 26))
    make("Vandaag", next_step="Huisbezoek", next_step_date=D(2026, 11, 27))
    make("Dicht", next_step="x", next_step_date=D(2026, 11, 1), status=Dossier.CLOSED)
    names = list(
        queries.next_step_overdue(Dossier.objects.all()).values_list("last_name", flat=True)
    )
    assert names == ["Gisteren"]


def test_the_home_page_shows_the_panels_for_the_users_dossiers_only(
    frozen_today, mw, team, login, django_assert_max_num_queries
):
    own = {"assigned_to": mw, "team": team["sociale_dienst"]}
    make("Dringend", deadline=D(2026, 11, 29), **own)
    make("Achterstand", next_step="Laatste brief", next_step_date=D(2026, 11, 20), **own)
    make("Andermans", deadline=D(2026, 11, 29), next_step_date=D(2026, 11, 20))
    visited = make("Bezoek", **own)
    actions.visit_plan(
        visited,
        worker=mw,
        date=frozen_today,
        part_of_day="namiddag",
        kind=ContactAttempt.UNANNOUNCED_VISIT,
        actor=mw,
    )
    client = login(mw)
    with django_assert_max_num_queries(40):
        page = client.get("/").content.decode()
    assert "Termijn nadert, nog niet bereikt" in page
    assert "Volgende stap over tijd" in page
    assert "Huisbezoeken vandaag" in page
    assert "Dringend" in page and "Achterstand" in page and "Bezoek" in page
    assert "Andermans" not in page


def test_the_panels_stay_away_when_there_is_nothing(frozen_today, mw, ervaringsdeskundige):
    assert home_panels.deadline_near(mw) is None
    assert home_panels.next_step_overdue(mw) is None
    assert home_panels.visits_today(ervaringsdeskundige) is None
    assert home_panels.visits_today(mw)["visits"] == []


def test_the_panel_does_not_query_per_dossier(
    frozen_today, preventiewerker, django_assert_num_queries
):
    for number in range(3):
        make(f"D{number}", deadline=D(2026, 11, 28), assigned_to=preventiewerker)
    preventiewerker.has_role("x")  # roles are cached on the user
    Organisation.warning_days()  # cached per process
    with django_assert_num_queries(1):
        panel = home_panels.deadline_near(preventiewerker)
        assert [d.assigned_to for d in panel["dossiers"]] == [preventiewerker] * 3
