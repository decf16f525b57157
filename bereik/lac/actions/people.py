"""The list of people who can sit on the committee (kept by the beheerder)."""

from django.db import transaction

from bereik import audit
from bereik.lac.models import LacPerson
from bereik.lib import locking


@transaction.atomic
def person_save(person: LacPerson, *, actor, version: str | None = None) -> LacPerson:
    created = person.pk is None
    if not created:
        locking.check(person, version)
    person.save()
    audit.record("lac.person.create" if created else "lac.person.update", actor=actor, obj=person)
    return person
