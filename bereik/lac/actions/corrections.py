"""Changing recorded values: the changes are applied field by field, and after a session was
closed each one is kept as a `Correction` with both values and the reason."""

from bereik.lac.models import Correction
from bereik.lac.rules import display


def apply_changes(obj, fields: dict) -> list[tuple[str, str, str]]:
    """Set the fields that differ (the caller saves); return (name, old display, new display) per
    change."""
    changes = []
    for name, value in fields.items():
        if getattr(obj, name) == value:
            continue
        old = display(obj, name)
        setattr(obj, name, value)
        changes.append((name, old, display(obj, name)))
    return changes


def keep_corrections(session, item, changes, *, reason: str, actor) -> None:
    """Store one `Correction` per change (part of the calling action's transaction)."""
    model = item if item is not None else session
    Correction.objects.bulk_create(
        Correction(
            session=session,
            item=item,
            field=name,
            field_label=str(model._meta.get_field(name).verbose_name),
            old_value=old,
            new_value=new,
            reason=reason,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
        )
        for name, old, new in changes
    )
