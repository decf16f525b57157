from django.db import connection, models, transaction
from django.utils import timezone

from bereik.audit import reads, subjects
from bereik.audit.models import AuditEvent, AuditSubject


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
) -> AuditEvent | None:
    """Record an audit event. `subject` is the person (client, dossier household) it is about;
    when omitted it is taken from `obj.audit_subject()`. Call it inside the action's transaction.

    A read during a web request is kept until the response has gone and written then
    (`bereik.audit.reads`, ADR 0026): it returns None. Everything else is written at once."""
    object_type, object_id, object_repr = _describe(obj)
    if subject is None and obj is not None:
        subject = _subject_of(obj)
    fields = {
        "actor_id": actor.pk if getattr(actor, "is_authenticated", False) else None,
        "kind": kind,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "object_repr": object_repr,
        "purpose": str(purpose)[:200],
        "details": details or {},
        **_subject_fields(subject),
    }
    return _write_or_defer(fields)


def create(fields: dict) -> AuditEvent:
    """Write one event from its fields: the one place rows of the trail are made. The rows a
    list read names are written with it (`subjects`), in the same transaction."""
    named = subjects.of_event(fields)
    if not named:
        return AuditEvent.objects.create(**fields)
    with transaction.atomic(savepoint=False):
        event = AuditEvent.objects.create(**fields)
        _insert_subjects(event.pk, named)
    return event


_SUBJECT_FIELDS = ("event", "model", "object_id")


def _insert_subjects(event_id: int, named: list[tuple[str, int]]) -> None:
    """The rows an event names, written as plain values: an import's triage names 100,000
    dossiers, and a model instance per row (bulk_create) cost seconds. They are written while
    the chain's head is locked (`models._linked`, until the commit), which every page that
    shows people waits for: on PostgreSQL one statement for each model (its ids as an array),
    not one a row (a list page's 25 rows held the lock 1.0 ms; now 0.5); on SQLite one
    executemany, which runs in the same process."""
    meta, quote = AuditSubject._meta, connection.ops.quote_name
    table = quote(meta.db_table)
    columns = ", ".join(quote(meta.get_field(name).column) for name in _SUBJECT_FIELDS)
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s)",  # noqa: S608 - model names
                [(event_id, model, pk) for model, pk in named],
            )
            return
        by_model: dict[str, list[int]] = {}
        for model, pk in named:
            by_model.setdefault(model, []).append(pk)
        for model, ids in by_model.items():
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT %s, %s, unnest(%s::bigint[])",  # noqa: S608 - model names
                [event_id, model, ids],
            )


def record_read(user, obj, *, purpose: str, subject=None, action: str = "") -> AuditEvent | None:
    """Record that `user` looked at a person's data on `obj`, and why (the page or purpose)."""
    if not action:
        action = f"{obj._meta.model_name}.view" if isinstance(obj, models.Model) else "view"
    return record(
        action, actor=user, obj=obj, subject=subject, purpose=purpose, kind=AuditEvent.Kind.READ
    )


def record_list_read(user, model, ids, *, purpose: str, action: str = "") -> AuditEvent | None:
    """Record that `user` saw a list of people's data: one event with the ids of the rows shown
    (`model` is the rows' model, e.g. Dossier or Client, or its label "dossiers.dossier"). An
    empty list records nothing."""
    ids = [pk for pk in dict.fromkeys(ids) if pk is not None]
    if not ids:
        return None
    if isinstance(model, str):  # "dossiers.dossier", for an app below the model's own
        label, name, plural = model, model.rsplit(".", 1)[-1], model.rsplit(".", 1)[-1]
    else:
        label, name = model._meta.label_lower, model._meta.model_name
        plural = model._meta.verbose_name_plural
    fields = {
        "actor_id": user.pk if getattr(user, "is_authenticated", False) else None,
        "kind": AuditEvent.Kind.READ,
        "action": action or f"{name}.list",
        "object_type": label,
        "object_id": "",
        "object_repr": f"{len(ids)} {plural}"[:200],
        "purpose": str(purpose)[:200],
        "details": {"ids": ids},
    }
    return _write_or_defer(fields)


def _write_or_defer(fields: dict) -> AuditEvent | None:
    if fields["kind"] == AuditEvent.Kind.READ and reads.defer(fields | {"at": timezone.now()}):
        return None
    return create(fields)
