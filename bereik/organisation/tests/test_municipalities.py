from django.urls import reverse

from bereik.audit.models import AuditEvent
from bereik.organisation import actions
from bereik.organisation.models import Municipality


def test_the_beheerder_adds_a_municipality(login, beheerder):
    response = login(beheerder).post(
        reverse("organisation:municipalities"), {"postcode": "3800", "name": " Brustem "}
    )
    assert response.status_code == 302
    assert Municipality.objects.filter(postcode="3800", name="Brustem").exists()
    assert AuditEvent.objects.filter(action="municipality.add", actor=beheerder).exists()


def test_it_refuses_a_postcode_that_is_not_belgian(login, beheerder):
    response = login(beheerder).post(
        reverse("organisation:municipalities"), {"postcode": "38", "name": "Brustem"}
    )
    assert "postcode" in response.context["form"].errors
    assert not Municipality.objects.exists()


def test_it_refuses_a_municipality_twice(login, beheerder):
    actions.municipality_add(postcode="3800", name="Brustem", actor=beheerder)
    response = login(beheerder).post(
        reverse("organisation:municipalities"), {"postcode": "3800", "name": "brustem"}
    )
    assert "name" in response.context["form"].errors
    assert Municipality.objects.count() == 1


def test_the_beheerder_removes_a_municipality(login, beheerder):
    municipality = actions.municipality_add(postcode="3800", name="Brustem", actor=beheerder)
    client = login(beheerder)
    assert (
        client.get(reverse("organisation:municipality_remove", args=[municipality.pk])).status_code
        == 405
    )
    client.post(reverse("organisation:municipality_remove", args=[municipality.pk]))
    assert not Municipality.objects.exists()
    assert AuditEvent.objects.filter(action="municipality.remove").exists()


def test_others_cannot_change_the_municipalities(login, onthaal):
    client = login(onthaal)
    response = client.post(
        reverse("organisation:municipalities"), {"postcode": "3800", "name": "Brustem"}
    )
    assert response.status_code == 403
    assert not Municipality.objects.exists()
