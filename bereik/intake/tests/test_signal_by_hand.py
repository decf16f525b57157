"""A signal entered by hand: the household's lookalikes before saving, the dossier it lands in,
and the same matching, triage, assignment and volgende stap as an imported signal."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from bereik.audit.models import AuditEvent
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers.models import Dossier, DossierEvent, Signal
from bereik.dossiers.tests.factories import DossierFactory
from bereik.intake.actions.signals import HouseholdData, signal_enter
from bereik.intake.demo import tiny_pdf
from bereik.organisation.models import Company
from bereik.triage.models import Triage

URL = reverse("intake:signal_new")


def household(**extra):
    data = {
        "last_name": "Janssens",
        "first_name": "Marleen",
        "street": "Kapelstraat",
        "house_number": "14",
        "postcode": "3800",
        "city": "Sint-Truiden",
        "phone": "0470 12 34 56",
    }
    data.update(extra)
    return data


def step_one(http, **extra):
    data = {"stap": "controleren", "kind": "hand-water", "source": "onthaal", **household()}
    data.update(extra)
    return http.post(URL, data)


def save(http, target, **extra):
    data = {"stap": "opslaan", "kind": "hand-water", "source": "onthaal", **household()}
    data["target"] = target
    data.update(extra)
    return http.post(URL, data)


def test_onthaal_registers_a_walk_in_in_a_new_dossier_that_is_matched_and_gets_its_step(
    login, onthaal
):
    client = login(onthaal)
    page = step_one(client, note="Kwam langs met een aanmaning van Farys.")
    assert page.status_code == 200
    assert "Bereik vond geen open dossier van deze soort" in page.content.decode()
    assert Signal.objects.count() == 0  # nothing stored before the user confirms

    response = save(client, "nieuw", note="Kwam langs met een aanmaning van Farys.")
    signal = Signal.objects.get()
    dossier = signal.dossier
    assert response.status_code == 302
    assert response["Location"] == dossier.get_absolute_url() + "#sectie-signalen"
    assert (dossier.kind, signal.kind, signal.source) == ("water", "hand-water", "onthaal")
    assert signal.entered_by == onthaal
    assert (dossier.last_name, dossier.phone) == ("Janssens", "0470 12 34 56")
    # The same flow as an import: matched to the register (new to the OCMW), triaged, a step.
    assert Triage.objects.get(dossier=dossier).match_status == Triage.MatchStatus.NEW
    dossier.refresh_from_db()
    assert dossier.route == Dossier.Route.C
    assert dossier.next_step
    event = DossierEvent.objects.get(dossier=dossier, kind="signaal")
    assert "met de hand geregistreerd" in event.summary
    assert event.text == "Kwam langs met een aanmaning van Farys."
    assert AuditEvent.objects.filter(action="signal.enter").count() == 1


def test_a_landlords_rent_arrears_go_to_the_open_dossier_of_the_same_household(login, onthaal):
    open_dossier = DossierFactory(kind=Dossier.Kind.WOONST, company=None, **household())
    client = login(onthaal)
    extra = {"kind": "huurachterstal", "source": "verhuurder", "sender": "Immo Zon bv"}
    page = step_one(client, **extra, last_name="JANSSENS", street="Kapelstr.")
    content = page.content.decode()
    assert f"Bij open dossier {open_dossier.number}" in content
    assert "zelfde naam" in content and "zelfde adres" in content

    deadline = timezone.localdate() + datetime.timedelta(days=20)
    response = save(
        client,
        str(open_dossier.pk),
        **extra,
        deadline=deadline.strftime("%d/%m/%Y"),
        deadline_kind="andere",
        amount="1.250,00",
    )
    assert response.status_code == 302
    assert Dossier.objects.count() == 1
    signal = Signal.objects.get()
    assert signal.dossier == open_dossier
    assert signal.extra["landlord"] == "Immo Zon bv"
    open_dossier.refresh_from_db()
    assert open_dossier.deadline == deadline
    assert str(open_dossier.amount_due) == "1250.00"


def test_an_open_dossier_of_another_kind_is_shown_but_cannot_be_chosen(login, onthaal):
    other = DossierFactory(kind=Dossier.Kind.ENERGIE, **household())
    client = login(onthaal)
    content = step_one(client).content.decode()
    assert "Ook open voor dit gezin" in content and other.number in content
    response = save(client, str(other.pk))
    assert response.status_code == 200
    assert Signal.objects.count() == 0


def test_the_same_customer_number_at_the_same_company_is_chosen_for_the_user(login, onthaal):
    farys = Company.objects.get(name="Farys")
    dossier = DossierFactory(company=farys, customer_number="F-778", last_name="Peeters")
    client = login(onthaal)
    page = step_one(client, company=farys.pk, customer_number="F-778", last_name="Anders")
    assert page.context["target"]["target"].value() == str(dossier.pk)


def test_a_recognised_register_client_is_linked_by_hand_for_those_who_triage(
    login, preventiewerker
):
    known = ClientFactory(**{k: v for k, v in household().items() if k != "phone"})
    client = login(preventiewerker)
    page = step_one(client)
    assert known.client_number in page.content.decode()
    save(client, "nieuw", client=str(known.pk))
    dossier = Signal.objects.get().dossier
    assert dossier.client == known
    assert Triage.objects.get(dossier=dossier).method == Triage.Method.BY_HAND


def test_a_social_worker_sees_the_register_client_but_does_not_link_it(login, mw):
    ClientFactory(**{k: v for k, v in household().items() if k != "phone"})
    page = step_one(login(mw))
    assert "client" not in page.context["target"].fields


def test_a_dossier_the_next_steps_give_to_a_colleague_is_not_opened(
    login, mw, mw_other, monkeypatch
):
    """The user's own dossier, which the next steps (matching, triage) hand to a colleague
    while the signal is saved: asked on the dossier as it is now, not as it was read before."""
    from bereik.intake.actions import common

    own = DossierFactory(assigned_to=mw, **{k: v for k, v in household().items() if k != "phone"})

    def handed_over(dossier_ids, **kwargs):
        Dossier.objects.filter(pk__in=dossier_ids).update(assigned_to=mw_other, team=None)
        return []

    monkeypatch.setattr(common, "follow_up", handed_over)

    response = save(login(mw), str(own.pk))

    assert response.status_code == 302 and response["Location"] == URL
    assert own.signals.count() == 1


def test_a_dossier_the_user_may_not_see_is_named_by_its_number_only(login, mw):
    hidden = DossierFactory(**household(city="Brustem"))
    content = step_one(login(mw)).content.decode()
    assert hidden.number in content
    assert "je kunt dit dossier zelf niet openen" in content
    assert hidden.get_absolute_url() not in content
    assert "Brustem" not in content


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"kind": "huurachterstal"}, "source", "van de verhuurder of van de sociale"),
        ({"company": "Fluvius"}, "company", "levert geen water"),
        ({"kind": "hand-andere", "company": "Farys"}, "company", "Alleen een melding over"),
        ({"deadline": "12/01/2027"}, "deadline_kind", "Zeg wat er op die datum gebeurt"),
    ],
)
def test_it_refuses_what_does_not_fit_together(login, onthaal, extra, field, message):
    if "company" in extra:
        extra["company"] = Company.objects.get(name=extra["company"]).pk
    page = step_one(login(onthaal), **extra)
    assert page.status_code == 200
    assert message in " ".join(page.context["form"].errors[field])


def test_a_dossier_not_among_the_lookalikes_can_only_be_chosen_by_its_number(login, onthaal):
    stranger = DossierFactory(last_name="Totaal", first_name="Anders", street="Elders")
    client = login(onthaal)
    response = save(client, str(stranger.pk))
    assert response.status_code == 200 and Signal.objects.count() == 0
    response = save(client, "ander", other_number=stranger.number)
    assert response.status_code == 302
    assert Signal.objects.get().dossier == stranger


def test_the_attachment_is_checked_on_its_content_and_given_to_who_may_see_the_dossier(
    login, onthaal, mw_other, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = login(onthaal)
    fake = SimpleUploadedFile("brief.pdf", b"dit is geen pdf")
    response = save(client, "nieuw", attachment=fake)
    assert response.status_code == 200
    assert "PDF, een foto" in " ".join(response.context["target"].non_field_errors()) + " ".join(
        response.context["target"].errors.get("attachment", [])
    )
    assert Signal.objects.count() == 0

    pdf = SimpleUploadedFile("brief van Farys.pdf", tiny_pdf(["Aanmaning"]))
    save(client, "nieuw", attachment=pdf)
    signal = Signal.objects.get()
    assert signal.attachment_name == "brief van Farys.pdf"
    assert "Farys" not in signal.attachment.name  # stored under a random name
    url = reverse("intake:signal_attachment", args=[signal.pk])
    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    client.force_login(mw_other)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("persona", ["ervaringsdeskundige", "diensthoofd", "beheerder"])
def test_who_does_not_work_on_dossiers_may_not_register_a_signal(login, persona, request):
    client = login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert step_one(client).status_code == 403


def test_the_action_refuses_a_closed_dossier(onthaal):
    closed = DossierFactory(status=Dossier.Status.CLOSED)
    with pytest.raises(Exception, match="afgesloten"):
        signal_enter(
            kind="hand-water",
            source="onthaal",
            household=HouseholdData(last_name="X"),
            dossier=closed,
            actor=onthaal,
        )
    assert Signal.objects.count() == 0
