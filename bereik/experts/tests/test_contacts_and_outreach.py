"""The expert's contacts (shared on the timeline), outreach signals, going along to the LAC."""

import datetime

from django.urls import reverse
from django.utils import timezone

from bereik.dossiers.models import Dossier, DossierEvent, Signal
from bereik.dossiers.tests.factories import DossierFactory
from bereik.experts import actions, queries
from bereik.experts.models import Contact, LacCompanion, OutreachSignal
from bereik.intake.actions.signals import HouseholdData
from bereik.lac.tests.factories import AgendaItemFactory

TODAY = lambda: timezone.localdate()  # noqa: E731


def test_a_contact_is_shared_on_the_dossiers_timeline(
    accepted, household, mw, ervaringsdeskundige, login
):
    client = login(ervaringsdeskundige)
    appointment = TODAY() + datetime.timedelta(days=2)
    response = client.post(
        reverse("experts:contact", args=[accepted.pk]),
        {
            "date": TODAY().strftime("%d/%m/%Y"),
            "kind": Contact.Kind.FOOD_BANK,
            "place": "De Schakel",
            "note": "Hoog verbruik, waterscan gevraagd.",
            "referral": Contact.Referral.MADE,
            "referral_to": "Waterscan",
            "appointment_date": appointment.strftime("%d/%m/%Y"),
            "appointment_time": "10:30",
            "appointment_place": "Thuis",
        },
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.referral == Contact.Referral.MADE
    page = client.get(reverse("experts:household", args=[accepted.pk])).content.decode()
    assert appointment.strftime("%d/%m/%Y") in page and "10:30" in page

    event = DossierEvent.objects.get(dossier=household, kind="ervaringsdeskundige.contact")
    assert "Waterscan" in event.summary
    assert event.text == "Hoog verbruik, waterscan gevraagd."
    timeline = login(mw).get(reverse("followup:timeline", args=[household.pk]))
    assert "Hoog verbruik, waterscan gevraagd." in timeline.content.decode()


def test_a_referral_needs_its_target_and_a_contact_is_not_in_the_future(
    accepted, ervaringsdeskundige, login
):
    client = login(ervaringsdeskundige)
    data = {
        "date": (TODAY() + datetime.timedelta(days=1)).strftime("%d/%m/%Y"),
        "kind": Contact.Kind.PHONE,
        "note": "x",
        "referral": Contact.Referral.SUGGESTED,
    }
    response = client.post(reverse("experts:contact", args=[accepted.pk]), data)
    assert response.status_code == 200
    assert not Contact.objects.exists()
    text = response.content.decode()
    assert "toekomst" in text or "Zeg naar wie" in text


def test_an_outreach_signal_opens_a_dossier_via_the_expert(ervaringsdeskundige, login):
    client = login(ervaringsdeskundige)
    response = client.post(
        reverse("experts:outreach"),
        {
            "met_at": Contact.Kind.FOOD_BANK,
            "kind": Signal.Kind.HAND_WATER,
            "last_name": "Wouters",
            "first_name": "Samira",
            "street": "Kapelstraat",
            "house_number": "14",
            "postcode": "2340",
            "city": "Beerse",
            "phone": "0470 12 34 56",
            "problem": "Brief over een afsluiting.",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.source == Signal.Source.EXPERT
    assert signal.consent is True
    assert signal.dossier.kind == Dossier.Kind.WATER
    assert OutreachSignal.objects.get().expert == ervaringsdeskundige
    home = client.get(reverse("experts:home")).content.decode()
    assert "Ontvangen op" in home
    assert signal.dossier.number not in home
    assert client.get(signal.dossier.get_absolute_url()).status_code == 404


def test_outreach_without_consent_is_refused(ervaringsdeskundige, login):
    response = login(ervaringsdeskundige).post(
        reverse("experts:outreach"),
        {"met_at": "telefoon", "kind": Signal.Kind.HAND_WATER, "last_name": "X",
         "phone": "1", "problem": "y"},
    )  # fmt: skip
    assert response.status_code == 200
    assert not Signal.objects.exists()
    assert "akkoord" in response.content.decode()


def test_an_outreach_signal_goes_to_the_households_open_dossier(mw, ervaringsdeskundige):
    dossier = DossierFactory(
        kind=Dossier.Kind.WATER,
        last_name="Wouters",
        first_name="Samira",
        street="Kapelstraat",
        house_number="14",
        postcode="2340",
        city="Beerse",
        assigned_to=mw,
    )
    outreach = actions.outreach_signal_register(
        kind=Signal.Kind.HAND_WATER,
        household=HouseholdData(
            last_name="Wouters",
            first_name="Samira",
            street="Kapelstraat",
            house_number="14",
            postcode="2340",
            city="Beerse",
        ),
        problem="Afsluiting",
        consent=True,
        met_at=Contact.Kind.MEETING_PLACE,
        actor=ervaringsdeskundige,
    )
    assert outreach.signal.dossier == dossier
    (received,) = queries.my_signals(ervaringsdeskundige)
    assert received.followed_by == mw.get_full_name()


def test_the_expert_goes_along_to_the_lac_and_sees_only_date_time_and_place(
    household, mw, ervaringsdeskundige, accepted, login
):
    item = AgendaItemFactory(dossier=household, session__time=datetime.time(14, 0))
    other = AgendaItemFactory(session=item.session, dossier__last_name="Xhonneux")
    response = login(mw).post(
        reverse("experts:lac_companion", args=[household.pk]),
        {"item": item.pk, "expert": ervaringsdeskundige.pk},
    )
    assert response.status_code == 302
    assert LacCompanion.objects.get().item == item
    client = login(ervaringsdeskundige)
    page = client.get(reverse("experts:household", args=[accepted.pk])).content.decode()
    assert item.session.date.strftime("%d/%m/%Y") in page
    assert "14:00" in page and "Raadzaal" in page
    assert other.dossier.last_name not in page
    assert client.get(reverse("lac:session", args=[item.session.pk])).status_code in (403, 404)


def test_only_an_expert_who_follows_the_household_goes_along(
    household, mw, ervaringsdeskundige, login
):
    item = AgendaItemFactory(dossier=household)
    response = login(mw).post(
        reverse("experts:lac_companion", args=[household.pk]),
        {"item": item.pk, "expert": ervaringsdeskundige.pk},
    )
    assert response.status_code == 200
    assert not LacCompanion.objects.exists()
