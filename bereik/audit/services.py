from django.db import models

from bereik.audit.models import AuditEvent


def _subject_of(obj):
    """The person an object is about, if it knows: objects expose `audit_subject()`."""
    getter = getattr(obj, "audit_subject", None)
    return getter() if callable(getter) else None


def _describe(obj) -> tuple[str, str, str]:
    if obj is None:
        return "", "", ""
    if isinstance(obj, models.Model):
        return obj._meta.label_lower, str(obj.pk), str(obj)[:200]
    return type(obj).__name__, "", str(obj)[:200]


def _subject_fields(subject) -> dict:
    if subject is None:
        return {}
    if isinstance(subject, models.Model):
        return {
            "subject_type": subject._meta.model_name,
            "subject_id": str(subject.pk),
            "subject_label": str(subject)[:200],
        }
    return {"subject_label": str(subject)[:200]}


def record(
    action: str,
    *,
    actor,
    obj=None,
    subject=None,
    purpose: str = "",
    details: dict | None = None,
    kind: str = AuditEvent.Kind.WRITE,
) -> AuditEvent:
    """Record an audit event. `subject` is the person (client, dossier household) it is about;
    when omitted it is taken from `obj.audit_subject()`. Call it inside the action's transaction."""
    object_type, object_id, object_repr = _describe(obj)
    if subject is None and obj is not None:
        subject = _subject_of(obj)
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        kind=kind,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        purpose=str(purpose)[:200],
        details=details or {},
        **_subject_fields(subject),
    )


def record_read(user, obj, *, purpose: str, subject=None, action: str = "") -> AuditEvent:
    """Record that `user` looked at a person's data on `obj`, and why (the page or purpose)."""
    if not action:
        action = f"{obj._meta.model_name}.view" if isinstance(obj, models.Model) else "view"
    return record(
        action, actor=user, obj=obj, subject=subject, purpose=purpose, kind=AuditEvent.Kind.READ
    )
