from django.db import transaction

from bereik import audit
from bereik.organisation.models import Company, Municipality, Organisation


@transaction.atomic
def organisation_update(organisation: Organisation, *, actor, **fields) -> Organisation:
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.save()
    audit.record(
        "organisation.update", actor=actor, obj=organisation, details={"fields": sorted(fields)}
    )
    return organisation


@transaction.atomic
def municipality_add(*, postcode: str, name: str, actor) -> Municipality:
    municipality, created = Municipality.objects.get_or_create(postcode=postcode, name=name)
    if created:
        audit.record("municipality.add", actor=actor, obj=municipality)
    return municipality


@transaction.atomic
def municipality_remove(municipality: Municipality, *, actor) -> None:
    audit.record("municipality.remove", actor=actor, obj=municipality)
    municipality.delete()


@transaction.atomic
def company_save(company: Company, *, actor) -> Company:
    created = company.pk is None
    company.save()
    audit.record("company.create" if created else "company.update", actor=actor, obj=company)
    return company
