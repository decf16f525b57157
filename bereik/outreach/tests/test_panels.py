import datetime

import pytest

from bereik.accounts.models import Role
from bereik.conftest import make_user
from bereik.dossiers import access
from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.organisation.models import Organisation
from bereik.outreach import actions, home_panels
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
    make("Dicht", deadline=D(2026, 11, 30), status=Dossier.Status.CLOSED)
    make("Geen", deadline=None)
    names = list(Dossier.objects.deadline_near_unreached().values_list("last_name", flat=True))
    assert names == ["Voorbij", "Binnen"]


def test_next_step_overdue_lists_open_dossiers_with_a_past_step_date(frozen_today, preventiewerker):
    make("Gisteren", next_step="Huisbezoek", next_step_date=D(2026, 11, 26))
    make("Vandaag", next_step="Huisbezoek", next_step_date=D(2026, 11, 27))
    make("Dicht", next_step="x", next_step_date=D(2026, 11, 1), status=Dossier.Status.CLOSED)
    names = list(Dossier.objects.next_step_overdue().values_list("last_name", flat=True))
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
        kind=ContactAttempt.Kind.UNANNOUNCED_VISIT,
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
    # The rows, and (outside a request) the read they are, with the audit chain's head read and
    # moved on (ADR 0027) and the rows of the dossiers it names (ADR 0026).
    with django_assert_num_queries(5):
        panel = home_panels.deadline_near(preventiewerker)
        assert [d.assigned_to for d in panel["dossiers"]] == [preventiewerker] * 3


# --- whose dossiers: a worker's own, all for those who oversee all (issue: nele's panel) --------


def _team_with_a_backlog(mw, team):
    """Mia's own two overdue dossiers (recent), and ten older ones of a colleague in her team."""
    colleague = make_user("nora", [Role.Code.MAATSCHAPPELIJK_WERKER], ["sociale_dienst"])
    own = [
        make(
            f"Eigen{n}",
            assigned_to=mw,
            team=team["sociale_dienst"],
            next_step="Huisbezoek",
            next_step_date=D(2026, 11, 25 + n),
        )
        for n in range(2)
    ]
    theirs = [
        make(
            f"Collega{n:02d}",
            assigned_to=colleague,
            team=team["sociale_dienst"],
            next_step="Uitnodiging",
            next_step_date=D(2026, 11, 11),
        )
        for n in range(10)
    ]
    return own, theirs


def test_a_social_worker_sees_her_own_overdue_dossiers_not_her_colleagues(frozen_today, mw, team):
    own, theirs = _team_with_a_backlog(mw, team)

    panel = home_panels.next_step_overdue(mw)

    assert [d.last_name for d in panel["dossiers"]] == ["Eigen0", "Eigen1"]
    assert panel["total"] == 2
    assert panel["everyone"] is False
    assert panel["url"] == "/dossiers/lijsten/mijn/?attention=stap-over-tijd"


def test_those_who_oversee_all_dossiers_see_all_of_them(
    frozen_today, mw, team, preventiewerker, onthaal, diensthoofd
):
    own, theirs = _team_with_a_backlog(mw, team)
    for user in (preventiewerker, onthaal, diensthoofd):
        panel = home_panels.next_step_overdue(user)
        assert panel["total"] == 12
        assert len(panel["dossiers"]) == home_panels.LIMIT
        assert panel["everyone"] is True
        assert panel["url"] == "/dossiers/lijsten/alle/?attention=stap-over-tijd"


def test_the_deadline_panel_shows_a_workers_own_dossiers_too(frozen_today, mw, team):
    colleague = make_user("nora", [Role.Code.MAATSCHAPPELIJK_WERKER], ["sociale_dienst"])
    make("Eigen", assigned_to=mw, team=team["sociale_dienst"], deadline=D(2026, 11, 30))
    for n in range(9):
        make(
            f"Collega{n}",
            assigned_to=colleague,
            team=team["sociale_dienst"],
            deadline=D(2026, 11, 28),
        )

    panel = home_panels.deadline_near(mw)

    assert [d.last_name for d in panel["dossiers"]] == ["Eigen"]
    assert panel["url"] == "/dossiers/lijsten/mijn/?attention=termijn-nadert"


@pytest.mark.parametrize("persona", ["mw", "preventiewerker", "diensthoofd"])
@pytest.mark.parametrize("panel_name", ["next_step_overdue", "deadline_near"])
def test_the_total_links_to_the_worklist_showing_the_same_dossiers(
    frozen_today, request, persona, panel_name, mw, team, login
):
    own, theirs = _team_with_a_backlog(mw, team)
    for dossier in [*own, *theirs[:3]]:
        dossier.deadline = D(2026, 11, 30)
        dossier.save()
    make(
        "Dicht",
        deadline=D(2026, 11, 30),
        next_step_date=D(2026, 11, 1),
        status=Dossier.Status.CLOSED,
    )
    make("Niemand", deadline=D(2026, 12, 1), next_step_date=D(2026, 11, 20))
    user = request.getfixturevalue(persona)
    panel = getattr(home_panels, panel_name)(user)
    dossiers = home_panels.scope_for(user).dossiers
    expected = (
        dossiers.next_step_overdue()
        if panel_name == "next_step_overdue"
        else dossiers.deadline_near_unreached()
    )

    response = login(user).get(panel["url"] + "&per_page=100")

    assert response.status_code == 200
    listed = {d.pk for d in response.context["page"].object_list}
    assert listed == set(expected.values_list("pk", flat=True))
    assert len(listed) == panel["total"]
    assert {d.pk for d in panel["dossiers"]} <= listed


@pytest.mark.parametrize("persona", ["mw", "preventiewerker"])
def test_a_full_panel_costs_three_queries_whatever_the_number_of_dossiers(
    frozen_today, request, persona, mw, team, django_assert_num_queries
):
    user = request.getfixturevalue(persona)
    for n in range(12):
        make(f"D{n}", assigned_to=user, team=team["sociale_dienst"], next_step_date=D(2026, 11, 2))
    user.has_role("x"), user.team_ids  # roles and teams are cached on the user
    access.dossier_q(user)  # the policy, made once a day (on PostgreSQL with a count of its own)
    # The first rows, the count, and the read (one event, the chain's head read and moved on,
    # the rows of the dossiers it names).
    with django_assert_num_queries(6):
        panel = home_panels.next_step_overdue(user)
        assert [d.assigned_to for d in panel["dossiers"]] == [user] * home_panels.LIMIT
    assert panel["total"] == 12


def test_a_user_without_a_worklist_gets_no_attention_panel(frozen_today, ervaringsdeskundige):
    make("Ergens", next_step_date=D(2026, 11, 2), assigned_to=ervaringsdeskundige)
    assert home_panels.next_step_overdue(ervaringsdeskundige) is None


def test_the_home_page_links_the_total_and_names_whose_dossiers(frozen_today, mw, team, login):
    _team_with_a_backlog(mw, team)
    page = login(mw).get("/").content.decode()
    assert 'href="/dossiers/lijsten/mijn/?attention=stap-over-tijd"' in page
    assert "Jouw dossiers" in page
    assert "Eigen0" in page and "Collega00" not in page
