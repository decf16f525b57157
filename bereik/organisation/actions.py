from django.db import transaction

from bereik import audit
from bereik.lib import locking
from bereik.organisation.models import Company, Municipality, Organisation


@transaction.atomic
def organisation_update(
    organisation: Organisation,
    *,
    actor,
    distribution_pool=None,
    version: str | None = None,
    **fields,
) -> Organisation:
    locking.check(organisation, version)
    old_logo = organisation.logo.name if "logo" in fields else ""
    if "logo" in fields and not fields["logo"]:
        fields["logo"] = ""  # the form's "clear" checkbox gives False
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.save()
    if distribution_pool is not None:
        organisation.distribution_pool.set(distribution_pool)
    if old_logo and old_logo != organisation.logo.name:
        # Only once the new logo is committed: a rollback must not leave letters without one.
        storage = organisation.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    changed = sorted(fields) + (["distribution_pool"] if distribution_pool is not None else [])
    audit.record("organisation.update", actor=actor, obj=organisation, details={"fields": changed})
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
def company_save(company: Company, *, actor, version: str | None = None) -> Company:
    created = company.pk is None
    if not created:
        locking.check(company, version)
    company.save()
    audit.record("company.create" if created else "company.update", actor=actor, obj=company)
    return company


@transaction.atomic
def company_set_active(company: Company, active: bool, *, actor) -> Company:
    """Companies are never deleted (dossiers and signals refer to them): they are switched off,
    which takes them out of the choices for new imports and dossiers."""
    company.active = active
    company.save(update_fields=["active"])
    audit.record("company.activate" if active else "company.deactivate", actor=actor, obj=company)
    return company
