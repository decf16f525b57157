"""The rights investigation form: every active right grouped on one page, a status per right as
radio buttons, and saving only what the worker changed, in one action call."""

import pytest
from django.urls import reverse

from bereik.accounts.models import Role
from bereik.audit.models import AuditEvent
from bereik.conftest import make_user
from bereik.followup import actions
from bereik.followup.forms import RightsForm
from bereik.followup.models import RightCheck, RightGroup, RightItem
from bereik.followup.tests.factories import reached_dossier
from bereik.organisation.models import Organisation

TO_CHECK = RightCheck.Status.TO_CHECK
# Session, user with roles and teams; the dossier (the user's own: no query of the access
# policy); the dossier's rights and the checklist (with groups); the logged read (three: the audit
# chain's head, the event, the head moved on); the unread notifications (the organisation's name
# is kept a minute).
QUERIES = 9


@pytest.fixture
def dossier(mw, team):
    return reached_dossier(mw, team["sociale_dienst"])


@pytest.fixture
def url(dossier):
    return reverse("followup:rights_edit", args=[dossier.pk])


def right(name: str) -> RightItem:
    return RightItem.objects.get(name=name)


def as_shown(form: RightsForm) -> dict:
    """What the browser posts back when the worker changes nothing: each right's status and note
    and the hidden copies of what the page showed."""
    data = {}
    for row in form.rows:
        for field in (row.status, row.note):
            data[field.html_name] = field.initial
            data[field.html_initial_name] = field.initial
    return data


def test_the_page_lists_every_active_right_grouped_with_its_statuses(url, mw, login):
    retired = right("Energiescan")
    retired.active = False
    actions.config_item_save(retired, actor=None)

    response = login(mw).get(url)

    page = response.content.decode()
    active = RightItem.objects.filter(active=True, group__active=True)
    assert active.count() == 32
    for item in active:
        assert item.name in page
        assert page.count(f'name="status_{item.pk}"') == 5  # niet bekeken + the four statuses
    assert f'name="status_{retired.pk}"' not in page
    for group in RightGroup.objects.filter(active=True):
        assert f"<legend>{group.name} " in page
    assert 'role="radiogroup"' in page and "Alle nog niet bekeken rechten: na te gaan" in page


def test_the_form_saves_only_the_rights_the_worker_changed(dossier, url, mw, team, login):
    colleague = make_user("hanne", [Role.Code.MAATSCHAPPELIJK_WERKER], ["sociale_dienst"])
    tariff, leefloon = right("Sociaal tarief"), right("Leefloon")
    client = login(mw)
    shown = as_shown(client.get(url).context["form"])
    # Meanwhile a colleague records the social tariff; the worker's page still shows it unseen.
    actions.rights_update(dossier, {tariff.pk: (RightCheck.Status.APPLIED, "")}, actor=colleague)
    before = AuditEvent.objects.filter(action="rights.update").count()

    response = client.post(
        url,
        {
            **shown,
            f"status_{leefloon.pk}": RightCheck.Status.NOT_ELIGIBLE,
            f"note_{leefloon.pk}": "Inkomen uit werk",
        },
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#sectie-rechten")
    checks = {check.item_id: check for check in dossier.right_checks.all()}
    assert set(checks) == {tariff.pk, leefloon.pk}
    assert checks[tariff.pk].status == RightCheck.Status.APPLIED  # not undone by the stale page
    assert checks[leefloon.pk].note == "Inkomen uit werk"
    events = AuditEvent.objects.filter(action="rights.update").order_by("id")[before:]
    assert [event.details["items"] for event in events] == [[leefloon.pk]]
    assert dossier.events.filter(kind="rights", actor=mw).count() == 1


def test_one_click_puts_every_right_not_looked_at_on_na_te_gaan(dossier, url, mw, login):
    leefloon = right("Leefloon")
    used = right("Toeslagen Groeipakket")
    actions.rights_update(dossier, {used.pk: (RightCheck.Status.USED, "")}, actor=mw)
    retired = right("Energiescan")
    retired.active = False
    actions.config_item_save(retired, actor=None)
    client = login(mw)
    shown = as_shown(client.get(url).context["form"])

    client.post(
        url,
        {
            **shown,
            f"status_{leefloon.pk}": RightCheck.Status.APPLIED,
            f"note_{right('Zorgbudgetten').pk}": "Vragen aan het ziekenfonds",
            RightsForm.MARK_REST: "1",
        },
    )

    checks = {check.item_id: check for check in dossier.right_checks.all()}
    active = set(RightItem.objects.filter(active=True).values_list("pk", flat=True))
    assert set(checks) == active
    assert checks[leefloon.pk].status == RightCheck.Status.APPLIED
    assert checks[used.pk].status == RightCheck.Status.USED
    zorg = checks[right("Zorgbudgetten").pk]
    assert (zorg.status, zorg.note) == (TO_CHECK, "Vragen aan het ziekenfonds")
    assert sum(check.status == TO_CHECK for check in checks.values()) == len(active) - 2
    event = dossier.events.filter(kind="rights").latest("id")
    assert event.summary == f"Rechtenonderzoek bijgewerkt: {len(active) - 1} rechten"
    assert f"{len(active) - 3} nog niet bekeken rechten op 'na te gaan' gezet" in event.text
    assert AuditEvent.objects.filter(action="rights.update", actor=mw).count() == 2
    # Nothing is left to mark: the button is gone.
    assert RightsForm.MARK_REST not in client.get(url).content.decode()


def test_a_note_without_a_status_is_refused_next_to_its_right(dossier, url, mw, login):
    client = login(mw)
    shown = as_shown(client.get(url).context["form"])
    maf = right("Maximumfactuur")

    response = client.post(url, {**shown, f"note_{maf.pk}": "Bellen naar het ziekenfonds"})

    assert response.status_code == 200
    assert response.context["form"].errors[f"status_{maf.pk}"]
    page = response.content.decode()
    assert f'href="#recht-{maf.pk}"' in page and "Niet bewaard" in page
    assert not dossier.right_checks.exists()


def test_a_made_up_status_is_an_error_not_a_crash(dossier, url, mw, login):
    response = login(mw).post(url, {f"status_{right('Leefloon').pk}": "alles_goed"})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not dossier.right_checks.exists()


def test_with_htmx_the_form_stays_and_says_what_was_saved(dossier, url, mw, login):
    client = login(mw)
    shown = as_shown(client.get(url).context["form"])
    tariff = right("Sociaal tarief")

    response = client.post(
        url,
        {**shown, f"status_{tariff.pk}": RightCheck.Status.APPLIED},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" not in page and 'id="rechten-form"' in page
    assert "Rechtenonderzoek bewaard: 1 recht bijgewerkt." in page
    assert 'hx-swap-oob="innerHTML:#rechten-melding"' in page
    # The stored state is the new starting point of the form.
    assert f'name="initial-status_{tariff.pk}" value="aangevraagd"' in page
    assert dossier.right_checks.get().item == tariff


def test_the_page_runs_a_fixed_number_of_queries(
    dossier, url, mw, login, django_assert_num_queries
):
    Organisation.get()  # the row exists (its creation empties the settings' cache)
    client = login(mw)
    client.get(url)
    with django_assert_num_queries(QUERIES):
        client.get(url)
    actions.rights_update(
        dossier,
        {item.pk: (TO_CHECK, "nota") for item in RightItem.objects.all()},
        actor=mw,
    )
    with django_assert_num_queries(QUERIES):
        client.get(url)


def test_a_user_outside_the_dossier_gets_404(dossier, url, mw_other, login):
    client = login(mw_other)

    assert client.get(url).status_code == 404
    response = client.post(url, {f"status_{right('Leefloon').pk}": TO_CHECK})
    assert response.status_code == 404
    assert not dossier.right_checks.exists()


def test_marking_the_rest_twice_adds_nothing_the_second_time(dossier, mw):
    leefloon = right("Leefloon")
    actions.rights_update(dossier, {leefloon.pk: (RightCheck.Status.USED, "")}, actor=mw)

    # Leefloon cleared and marked in the same save counts once, as "na te gaan".
    first = actions.rights_update(dossier, {leefloon.pk: ("", "")}, actor=mw, rest_to_check=True)
    again = actions.rights_update(dossier, {}, actor=mw, rest_to_check=True)

    assert len(first) == RightItem.objects.count()
    assert [check.item_id for check in first].count(leefloon.pk) == 1
    assert dossier.right_checks.get(item=leefloon).status == TO_CHECK
    assert again == []
    assert dossier.events.filter(kind="rights").count() == 2


def test_the_dossier_page_folds_a_long_list_of_rights_to_check(dossier, mw, login):
    actions.rights_update(dossier, {}, actor=mw, rest_to_check=True)

    page = login(mw).get(dossier.get_absolute_url()).content.decode()

    count = RightItem.objects.count()
    assert f"Nog na te gaan:</span> {count} rechten</summary>" in page
