"""Every write of the screens app: the screens and their secret links, and the messages."""

from django.db import transaction
from django.utils import timezone

from bereik import audit
from bereik.lib import locking
from bereik.screens.models import Screen, ScreenMessage, new_token


@transaction.atomic
def screen_create(*, name: str, location: str = "", actor) -> Screen:
    screen = Screen.objects.create(name=name, location=location, token=new_token())
    audit.record("screen.create", actor=actor, obj=screen)
    return screen


@transaction.atomic
def screen_update(
    screen: Screen, *, name: str, location: str, actor, version: str | None = None
) -> Screen:
    """`version`: what the Beheer form was loaded from; StaleEdit when someone saved the screen
    in between (ADR 0025)."""
    screen = locking.check(screen, version)
    changed = [
        field
        for field, value in (("name", name), ("location", location))
        if getattr(screen, field) != value
    ]
    if changed:
        screen.name, screen.location = name, location
        screen.save(update_fields=changed)
        audit.record("screen.update", actor=actor, obj=screen, details={"fields": changed})
    return screen


@transaction.atomic
def screen_revoke(screen: Screen, *, actor) -> Screen:
    """The link stops working at once (404); the screen and its messages stay."""
    screen.token = None
    screen.revoked_at = timezone.now()
    screen.save(update_fields=["token", "revoked_at"])
    audit.record("screen.revoke", actor=actor, obj=screen)
    return screen


@transaction.atomic
def screen_renew(screen: Screen, *, actor) -> Screen:
    """A new link; the old one (if any) stops working at once. The link itself is never in the
    audit trail."""
    was_active = screen.is_active
    screen.token = new_token()
    screen.revoked_at = None
    screen.save(update_fields=["token", "revoked_at"])
    audit.record("screen.renew", actor=actor, obj=screen, details={"was_active": was_active})
    return screen


@transaction.atomic
def screen_delete(screen: Screen, *, actor) -> None:
    audit.record("screen.delete", actor=actor, obj=screen)
    screen.delete()


MESSAGE_FIELDS = (
    "title",
    "text",
    "image",
    "image_description",
    "link_url",
    "starts_on",
    "ends_on",
    "all_screens",
    "active",
    "position",
)


@transaction.atomic
def screen_message_save(
    message: ScreenMessage, *, actor, screens=None, version: str | None = None, **fields
) -> ScreenMessage:
    """Create (`message` unsaved) or change a message. `screens`: the screens it is shown on
    when it is not on all of them (None: unchanged). `version`: what the form was loaded from;
    StaleEdit when someone saved the message in between (ADR 0025)."""
    created = message.pk is None
    if not created:
        message = locking.check(message, version)
    unknown = set(fields) - set(MESSAGE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    old_image = message.image.name if "image" in fields and not created else ""
    if "image" in fields and not fields["image"]:
        fields["image"] = ""  # the form's "clear" checkbox gives False
    for name, value in fields.items():
        setattr(message, name, value)
    message.save()
    if screens is not None:
        message.screens.set(screens)
    if old_image and old_image != message.image.name:
        storage = message.image.storage
        transaction.on_commit(lambda: storage.delete(old_image))
    changed = sorted(fields) + (["screens"] if screens is not None else [])
    audit.record(
        "screen_message.create" if created else "screen_message.update",
        actor=actor,
        obj=message,
        details={"fields": changed},
    )
    return message


@transaction.atomic
def screen_message_delete(message: ScreenMessage, *, actor) -> None:
    """Any message can go, the defaults too (the migration does not bring them back)."""
    image = message.image.name
    storage = message.image.storage
    audit.record("screen_message.delete", actor=actor, obj=message)
    message.delete()
    if image:
        transaction.on_commit(lambda: storage.delete(image))
