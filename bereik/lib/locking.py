"""Optimistic locking: no lost updates when two people edit the same record (ADR 0025).

A form that edits a stored record carries, in a hidden field, the version of the record it was
loaded from; the action that saves it locks the stored row and refuses to save when its version
changed in between (`StaleEdit`, a ValidationError with a Dutch message); the form then shows
both versions, theirs and yours, and the person chooses (see `bereik.lib.forms.VersionedForm`).

The version of a model instance is a fingerprint of the stored values of the fields the form
edits (`version_of`), signed with the secret key, so it needs no column and changes exactly when
something the form would overwrite changed; the field names travel with it, so the action checks
the same fields the form showed. A record without a row of its own (the sociaal verslag: a chain
of versions) gives its own version string and uses `refuse_if_changed`.

    # the action, inside its transaction.atomic:
    client = locking.check(client, version)   # the stored row, locked; or StaleEdit
"""

from __future__ import annotations

import datetime
import decimal
import enum

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

SALT = "bereik.lib.locking"
MESSAGE = _(
    "Iemand anders heeft dit intussen bewaard. Je wijzigingen zijn niet bewaard: vergelijk "
    "hieronder hun versie met de jouwe. Bewaar opnieuw om jouw versie te houden, of annuleer om "
    "hun versie te houden."
)


class StaleEdit(ValidationError):
    """The record changed since the form was loaded. `current` is the stored record (locked for
    the rest of the transaction) or, for a record without a row, whatever the caller gave."""

    def __init__(self, current=None, version: str = ""):
        super().__init__(MESSAGE, code="stale")
        self.current = current
        self.version = version  # the version to carry to save over it deliberately


def plain(value):
    """A value reduced to what can be compared and fingerprinted."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, enum.Enum):  # a TextChoices member set in Python, a str once stored
        return value.value
    if isinstance(value, datetime.date | datetime.time | decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset | models.QuerySet):
        return sorted(plain(item) for item in value)
    if hasattr(value, "name") and hasattr(value, "storage"):  # a stored file
        return value.name or ""
    return value


def stored_value(instance: models.Model, name: str):
    """The stored value of one field, many-to-many fields as the sorted keys."""
    field = instance._meta.get_field(name)
    if field.many_to_many:
        if instance.pk is None:
            return []
        return sorted(getattr(instance, name).values_list("pk", flat=True))
    return field.value_from_object(instance)


def model_field_names(model, names) -> list[str]:
    """The names among `names` that are fields of `model` (sorted, without the primary key)."""
    own = {
        field.name
        for field in model._meta.get_fields()
        if (field.concrete or field.many_to_many) and not field.auto_created
    }
    return sorted(set(names) & own - {model._meta.pk.name})


def sign(names: list[str], payload: str) -> str:
    digest = salted_hmac(SALT, f"{','.join(names)}|{payload}", algorithm="sha256").hexdigest()
    return f"{','.join(names)}:{digest[:24]}"


def version_of(instance: models.Model, names) -> str:
    """The version of `instance` as far as the fields `names` go."""
    names = model_field_names(type(instance), names)
    payload = repr([(name, plain(stored_value(instance, name))) for name in names])
    return sign(names, payload)


def version_of_values(values) -> str:
    """The version of a record without a row of its own given as field name -> stored value (a
    role's notification defaults, one row per kind): compared with `refuse_if_changed`."""
    names = sorted(values)
    return sign(names, repr([(name, plain(values[name])) for name in names]))


def check(instance: models.Model, version: str | None) -> models.Model:
    """For an action, in its transaction: the stored row of `instance`, locked until the end of
    the transaction; StaleEdit when it no longer has `version`. No version (a command, the demo,
    an older form): nothing to compare, the stored row is returned."""
    stored = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    if not version:
        return stored
    names = version.partition(":")[0].split(",") if ":" in version else []
    current = version_of(stored, names)
    if current != version:
        raise StaleEdit(stored, current)
    return stored


def refuse_if_changed(version: str | None, current_version: str, *, current=None) -> None:
    """The same for a record without a row: `current_version` is what is stored now. `current`
    is what the form shows as "theirs": a model instance, or field name -> stored value."""
    if version is not None and str(version) != str(current_version):
        raise StaleEdit(current, str(current_version))
