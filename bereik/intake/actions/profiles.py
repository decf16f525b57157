"""Column profiles: how a company's lists of one kind (or a kind without company) map their
columns, saved when a user maps them by hand and used for the next file."""

from __future__ import annotations

from django.db import transaction

from bereik import audit
from bereik.intake.actions.common import user_or_none
from bereik.intake.models import ColumnProfile


@transaction.atomic
def column_profile_save(*, company, kind: str, mapping: dict, actor) -> ColumnProfile:
    """Save how this company's files of this kind map their columns (`company` None for a kind
    without company); used for the next file."""
    profile, created = ColumnProfile.objects.update_or_create(
        company=company, kind=kind, defaults={"mapping": mapping, "updated_by": user_or_none(actor)}
    )
    audit.record(
        "column_profile.create" if created else "column_profile.update",
        actor=actor,
        obj=profile,
        details={"mapping": {header: name for header, name in mapping.items() if name}},
    )
    return profile


@transaction.atomic
def column_profile_delete(profile: ColumnProfile, *, actor) -> None:
    audit.record("column_profile.delete", actor=actor, obj=profile)
    profile.delete()
