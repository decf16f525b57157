"""No lost updates in the follow-up (bereik.lib.locking): two saves in a row from the same loaded
form, as when two people had it open: the second is refused, shows both versions, and overwrites
nothing."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from bereik.followup import actions, queries
from bereik.followup.config_views import LISTS
from bereik.followup.models import RightCheck, RightItem, SocialReport
from bereik.followup.tests.factories import reached_dossier
from bereik.lib.tests.stale import assert_refused, loaded_form, two_saves


@pytest.fixture
def dossier(mw, team):
    return reached_dossier(mw, team["sociale_dienst"], route="A")


def test_the_sociaal_verslag(dossier, mw, login):
    actions.report_save(dossier, text="Versie één.", actor=mw)
    url = reverse("followup:report_edit", args=[dossier.pk])
    client = login(mw)

    first, second = two_saves(
        client, url, {"text": "Aangevuld door Mia."}, {"text": "Aangevuld door een collega."}
    )

    assert first.status_code == 302
    assert_refused(second, "Aangevuld door Mia.", "Aangevuld door een collega.")
    assert queries.latest_report(dossier).text == "Aangevuld door Mia."
    assert SocialReport.objects.filter(dossier=dossier).count() == 2
    # Saving again from the refused page keeps the collega's text, on purpose, as a new version.
    assert client.post(url, loaded_form(second.content.decode())).status_code == 302
    assert queries.latest_report(dossier).text == "Aangevuld door een collega."
    assert queries.latest_report(dossier).version == 3


def test_the_first_sociaal_verslag_written_twice_at_once(dossier, mw, login):
    url = reverse("followup:report_edit", args=[dossier.pk])

    first, second = two_saves(login(mw), url, {"text": "Mijn verslag."}, {"text": "Het hare."})

    assert first.status_code == 302
    assert_refused(second, "Mijn verslag.", "Het hare.")
    assert [r.text for r in queries.report_history(dossier)] == ["Mijn verslag."]


def test_a_support_decision(dossier, mw, login):
    support = actions.support_request_create(
        dossier,
        amount=Decimal("320"),
        purpose="Achterstallige waterfactuur",
        submitted_on=datetime.date(2026, 11, 21),
        actor=mw,
    )
    url = reverse("followup:support_decide", args=[support.pk])

    first, second = two_saves(
        login(mw),
        url,
        {"decision": "toegekend", "decision_date": "26/11/2026"},
        {"decision": "geweigerd", "decision_date": "27/11/2026"},
    )

    assert first.status_code == 302
    assert_refused(second, "Toegekend", "Geweigerd")
    support.refresh_from_db()
    assert support.decision == "toegekend"
    assert support.decision_date == datetime.date(2026, 11, 26)


@pytest.mark.parametrize("slug", sorted(LISTS))
def test_every_list_of_the_beheerder(slug, beheerder, login):
    config = LISTS[slug]
    client = login(beheerder)
    item = config.model.objects.order_by("pk").first()
    if item is None:  # the lists the migrations do not fill
        create = reverse("followup:config_create", args=[slug])
        data = loaded_form(client.get(create).content.decode())
        data.update(name="Eerste naam", order="1")
        assert client.post(create, data).status_code == 302, slug
        item = config.model.objects.get()
    url = reverse("followup:config_edit", args=[slug, item.pk])

    first, second = two_saves(client, url, {"name": "Door Bea"}, {"name": "Door Bart"})

    assert first.status_code == 302
    assert_refused(second, "Door Bea", "Door Bart")
    item.refresh_from_db()
    assert item.name == "Door Bea"


def test_the_rights_investigation(dossier, mw, login):
    first_right, second_right = RightItem.objects.filter(active=True).order_by("pk")[:2]
    url = reverse("followup:rights_edit", args=[dossier.pk])
    client = login(mw)
    status = f"status_{first_right.pk}"

    first, second = two_saves(
        client,
        url,
        {status: RightCheck.Status.APPLIED, f"note_{first_right.pk}": "Aangevraagd door Mia"},
        {status: RightCheck.Status.NOT_ELIGIBLE, f"note_{first_right.pk}": "Geen recht"},
        version_field=f"initial-{status}",
    )

    assert first.status_code == 302
    assert_refused(second, first_right.name, "Aangevraagd door Mia", "Geen recht")
    check = RightCheck.objects.get(dossier=dossier, item=first_right)
    assert (check.status, check.note) == (RightCheck.Status.APPLIED, "Aangevraagd door Mia")
    # Another right changed on the same stale page is no conflict: nothing of it was overwritten.
    page = loaded_form(second.content.decode(), f"initial-{status}")
    again = {**page, f"status_{second_right.pk}": RightCheck.Status.TO_CHECK}
    assert client.post(url, again).status_code == 302
    assert RightCheck.objects.get(dossier=dossier, item=first_right).status == (
        RightCheck.Status.NOT_ELIGIBLE  # saved again from the page with both: hers, on purpose
    )
    assert RightCheck.objects.get(dossier=dossier, item=second_right).status == (
        RightCheck.Status.TO_CHECK
    )
