"""Notifications: making them (`notify`, called inside other apps' actions), reading them, each
user's choice per kind and the beheerder's defaults per role, unsubscribing from a mail, and the
daily overview. The kinds, who gets each and why: `bereik.accounts.notifications`."""

import contextlib
import contextvars
import datetime
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.utils import timezone

from bereik import audit
from bereik.accounts import mail, notifications
from bereik.accounts.actions.outbox import mail_queue
from bereik.accounts.models import (
    Notification,
    NotificationDefault,
    NotificationSetting,
    Role,
    User,
)
from bereik.lib import locking

Delivery = Notification.Delivery

# While set, mails to send at once are gathered per user and kind and sent as one at the end
# (`grouped_mails`): a morning's deadline alerts are one mail, not twenty.
_grouped = contextvars.ContextVar("bereik_grouped_mails", default=None)


@contextlib.contextmanager
def grouped_mails():
    """Inside, `notify` gathers the mails it would send at once; at the end each user gets one
    mail per kind listing them. Use it inside the transaction of a batch."""
    groups: dict[tuple[int, str], list[Notification]] = defaultdict(list)
    token = _grouped.set(groups)
    try:
        yield
    finally:
        _grouped.reset(token)
    for (_user_pk, kind), items in groups.items():
        _mail_now(items[0].user, kind, items)


def _mail_now(user: User, kind: str, items: list[Notification]) -> None:
    composed = mail.compose(user, kind, items)
    sent = mail_queue(user, kind=kind, **composed)
    Notification.objects.filter(pk__in=[item.pk for item in items]).update(mail=sent)
    for item in items:
        item.mail = sent


def notify(
    user: User | None,
    text: str,
    *,
    kind: str,
    url: str = "",
    dossier=None,
    count: int = 1,
    ref: str = "",
) -> Notification | None:
    """Tell a user something: in the app, and by mail as they chose for the kind (at once, or in
    the daily overview). Called inside other actions (their audit event covers it).

    `dossier`: the one dossier it is about (shown only while the user may see it; its number is
    what a mail says). `count`: how many dossiers a notification about several is about. `ref`:
    what it is about, for notifications made once (a second one with the same ref for the same
    user is not made: returns None)."""
    if user is None or not user.is_active:
        return None
    if ref and Notification.objects.filter(user=user, ref=ref).exists():
        return None
    delivery = notifications.delivery_for(user, kind)
    if delivery != Delivery.APP and not user.email:
        delivery = Delivery.APP
    number = getattr(dossier, "number", "") if dossier is not None else ""
    fields = {
        "user": user,
        "kind": kind,
        "text": text[:300],
        "url": url or (dossier.get_absolute_url() if dossier is not None else ""),
        "dossier_pk": dossier.pk if dossier is not None else None,
        "mail_text": notifications.mail_text(kind, number=number, count=count)[:300],
        "delivery": delivery,
        "ref": ref[:100],
    }
    if ref:
        try:
            with transaction.atomic():
                notification = Notification.objects.create(**fields)
        except IntegrityError:  # made by a run at the same time
            return None
    else:
        notification = Notification.objects.create(**fields)
    if delivery == Delivery.MAIL:
        groups = _grouped.get()
        if groups is not None:
            groups[(user.pk, kind)].append(notification)
        else:
            _mail_now(user, kind, [notification])
    return notification


@transaction.atomic
def notification_mark_read(notification: Notification, *, actor) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_read(user: User, *, actor) -> int:
    return Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())


@transaction.atomic
def notification_settings_save(
    user: User, choices: dict[str, str], *, actor, version: str | None = None
) -> list[str]:
    """The user's choice per kind. A choice equal to the default of their roles is not kept, so
    a later change of that default reaches them. Returns the kinds whose choice changed.
    `version`: that of the choices the page showed (`locking.version_of_values` of the kinds in
    `choices`); StaleEdit when they changed in between (another tab, a mail's unsubscribe link,
    a new default of their role)."""
    list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True))
    defaults = notifications.defaults_for(user)
    own = dict(user.notification_settings.values_list("kind", "delivery"))
    if version:
        shown = {
            kind: own.get(kind) or defaults[kind] for kind in choices if kind in notifications.KINDS
        }
        locking.refuse_if_changed(version, locking.version_of_values(shown), current=shown)
    changed = []
    for kind, delivery in choices.items():
        if kind not in notifications.KINDS or delivery not in Delivery.values:
            continue
        if (own.get(kind) or defaults[kind]) != delivery:
            changed.append(kind)
        if delivery == defaults[kind]:
            NotificationSetting.objects.filter(user=user, kind=kind).delete()
        elif own.get(kind) != delivery:
            NotificationSetting.objects.update_or_create(
                user=user, kind=kind, defaults={"delivery": delivery}
            )
    if changed:
        audit.record(
            "notification.settings",
            actor=actor,
            obj=user,
            details={kind: choices[kind] for kind in changed},
        )
    return changed


@transaction.atomic
def notification_defaults_save(
    role: str, choices: dict[str, str], *, actor, version: str | None = None
) -> list[str]:
    """The beheerder's default for one role, per kind. Returns the kinds that changed.
    `version`: that of the defaults the page showed (`locking.version_of_values` of the kinds in
    `choices`); StaleEdit when another beheerder saved in between."""
    if role not in Role.Code.values:
        raise ValueError(f"unknown role {role!r}")
    # One writer per role at a time: the check and the writes see the same defaults.
    list(Role.objects.select_for_update().filter(code=role).values_list("pk", flat=True))
    if version:
        shown = notifications.role_choices(
            role, [kind for kind in choices if kind in notifications.KINDS]
        )
        locking.refuse_if_changed(version, locking.version_of_values(shown), current=shown)
    changed = []
    for kind, delivery in choices.items():
        if kind not in notifications.KINDS or delivery not in Delivery.values:
            continue
        stored = notifications.role_defaults(kind).get(role, notifications.info(kind).default)
        if stored == delivery:
            continue
        NotificationDefault.objects.update_or_create(
            role=role, kind=kind, defaults={"delivery": delivery}
        )
        changed.append(kind)
    if changed:
        audit.record(
            "notification.defaults",
            actor=actor,
            details={"role": role, "kinds": {kind: choices[kind] for kind in changed}},
        )
    return changed


@transaction.atomic
def notification_unsubscribe(user: User, kind: str) -> list[str]:
    """The one-click link of a mail: that kind (or, for the daily overview's own link, every
    kind the user gets that way) reaches the user in the app only. Returns the kinds."""
    if kind == mail.ALL_DIGEST:
        current = notifications.choices_for(user)
        kinds = [k for k, delivery in current.items() if delivery == Delivery.DIGEST]
    else:
        kinds = [kind]
    for each in kinds:
        NotificationSetting.objects.update_or_create(
            user=user, kind=each, defaults={"delivery": Delivery.APP}
        )
    Notification.objects.filter(
        user=user, kind__in=kinds, delivery=Delivery.DIGEST, mail=None
    ).update(delivery=Delivery.APP)
    audit.record("notification.unsubscribe", actor=user, obj=user, details={"kinds": kinds})
    return kinds


def digests_send(*, day: datetime.date | None = None, actor=None) -> int:
    """The daily overview (`manage.py notifications_digest`): for each user, one mail with the
    unread notifications of the kinds they get that way, not mailed before and that they may
    still see. Each user's overview is its own transaction; a user gets at most one per day and
    a notification is in one overview only, so running it twice sends nothing twice. Returns
    the number of overviews."""
    day = day or timezone.localdate()
    user_ids = (
        Notification.objects.filter(delivery=Delivery.DIGEST, mail=None, read_at=None)
        .values_list("user_id", flat=True)
        .distinct()
    )
    users = User.objects.filter(pk__in=list(user_ids), is_active=True).exclude(email="")
    sent = 0
    for user in users.order_by("pk"):
        if _digest_for(user, day) is not None:
            sent += 1
    if sent:
        audit.record("notifications.digest", actor=actor, details={"day": str(day), "mails": sent})
    return sent


@transaction.atomic
def _digest_for(user: User, day: datetime.date):
    pending = Notification.objects.filter(
        user=user, delivery=Delivery.DIGEST, mail=None, read_at=None
    )
    current = notifications.choices_for(user)
    dropped = [kind for kind, delivery in current.items() if delivery == Delivery.APP]
    pending.filter(kind__in=dropped).update(delivery=Delivery.APP)
    items = list(
        notifications.visible(user)
        .filter(pk__in=pending.exclude(kind__in=dropped).values("pk"))
        .order_by("created_at", "pk")
    )
    if not items or user.mails.filter(digest_on=day).exists():
        return None
    composed = mail.compose_digest(user, items, day)
    try:
        with transaction.atomic():
            sent = mail_queue(user, digest_on=day, **composed)
    except IntegrityError:  # another run made today's overview at the same moment
        return None
    Notification.objects.filter(pk__in=[item.pk for item in items]).update(mail=sent)
    return sent
