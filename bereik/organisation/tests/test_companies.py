from django.urls import reverse

from bereik.audit.models import AuditEvent
from bereik.organisation.models import Company


def test_the_default_companies_are_listed(login, beheerder):
    text = login(beheerder).get(reverse("organisation:companies")).content.decode()
    for name in ("De Watergroep", "Farys", "Pidpa", "Water-link", "AGSO Knokke-Heist", "IWVA"):
        assert name in text
    assert "Fluvius" in text


def test_the_beheerder_adds_a_company(login, beheerder):
    response = login(beheerder).post(
        reverse("organisation:company_create"),
        {"name": "Brabant Water", "kind": "water", "contact_email": "", "address": ""},
    )
    assert response.status_code == 302
    assert Company.objects.get(name="Brabant Water").kind == Company.Kind.WATER
    assert AuditEvent.objects.filter(action="company.create", actor=beheerder).exists()


def test_the_beheerder_edits_a_company(login, beheerder):
    farys = Company.objects.get(name="Farys")
    login(beheerder).post(
        reverse("organisation:company_edit", args=[farys.pk]),
        {"name": "Farys", "kind": "water", "contact_email": "lac@farys.example", "address": ""},
    )
    farys.refresh_from_db()
    assert farys.contact_email == "lac@farys.example"
    assert AuditEvent.objects.filter(action="company.update").exists()


def test_it_refuses_an_unknown_kind_or_a_duplicate_name(login, beheerder):
    response = login(beheerder).post(
        reverse("organisation:company_create"),
        {"name": "Farys", "kind": "gas", "contact_email": "", "address": ""},
    )
    errors = response.context["form"].errors
    assert "name" in errors and "kind" in errors


def test_the_beheerder_deactivates_and_reactivates_a_company(login, beheerder):
    pidpa = Company.objects.get(name="Pidpa")
    client = login(beheerder)
    client.post(reverse("organisation:company_set_active", args=[pidpa.pk]), {"active": "0"})
    pidpa.refresh_from_db()
    assert not pidpa.active
    client.post(reverse("organisation:company_set_active", args=[pidpa.pk]), {"active": "1"})
    pidpa.refresh_from_db()
    assert pidpa.active
    assert AuditEvent.objects.filter(action="company.deactivate").exists()
    assert AuditEvent.objects.filter(action="company.activate").exists()


def test_others_cannot_change_companies(login, preventiewerker):
    pidpa = Company.objects.get(name="Pidpa")
    client = login(preventiewerker)
    response = client.post(
        reverse("organisation:company_set_active", args=[pidpa.pk]), {"active": "0"}
    )
    assert response.status_code == 403
    pidpa.refresh_from_db()
    assert pidpa.active
