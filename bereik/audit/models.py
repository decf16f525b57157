from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.audit import hashing


class AuditChain(models.Model):
    """The head of the audit trail's chain: one row (pk 1), the last event's position and hash,
    and where the chain starts after pruning. Every writer reads this row under a lock and moves
    it on, inside its transaction: the row lock (PostgreSQL) or the write lock (SQLite) makes the
    writers take turns, so two of them can never link to the same event (ADR 0027)."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=hashing.GENESIS)
    start_seq = models.PositiveBigIntegerField(default=1)
    start_prev_hash = models.CharField(max_length=64, default=hashing.GENESIS)
    restarted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("keten van de toegangslog")

    def __str__(self):
        return f"#{self.seq} {self.hash[:12]}"

    @classmethod
    def lock(cls) -> "AuditChain":
        """The head, locked until the caller's transaction ends. Call inside transaction.atomic.

        PostgreSQL locks the row (SELECT ... FOR UPDATE). SQLite has no row locks: in Bereik's
        IMMEDIATE transactions the write lock is already held; in a deferred one a no-op UPDATE
        takes it first, so two writers can never both read the same head."""
        if connection.vendor == "sqlite" and not _sqlite_immediate():
            cls.objects.filter(pk=1).update(seq=models.F("seq"))
        head = cls.objects.select_for_update().filter(pk=1).first()
        if head is None:  # a flushed database
            head, _created = cls.objects.get_or_create(pk=1)
        return head


def _sqlite_immediate() -> bool:
    return connection.settings_dict.get("OPTIONS", {}).get("transaction_mode") == "IMMEDIATE"


class _Head:
    """The chain's head as `_linked` reads and moves it: its position and hash, read under the
    lock and written back as SQL (a SELECT and an UPDATE; a deferred SQLite transaction first
    takes the write lock with a no-op UPDATE). Every audited request (each page that shows a
    person's data records its read) does this while it holds the lock, which the other writers
    wait for: the ORM's building and compiling of these two small statements cost more than the
    database's answers."""

    def __init__(self):
        quote = connection.ops.quote_name
        table = quote(AuditChain._meta.db_table)
        seq, hash_, id_ = quote("seq"), quote("hash"), quote("id")
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite" and not _sqlite_immediate():
                cursor.execute(f"UPDATE {table} SET {seq} = {seq} WHERE {id_} = 1")  # noqa: S608 - the model's table
            lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
            cursor.execute(f"SELECT {seq}, {hash_} FROM {table} WHERE {id_} = 1{lock}")  # noqa: S608 - the model's table
            row = cursor.fetchone()
        if row is None:  # a flushed database
            head = AuditChain.lock()
            row = (head.seq, head.hash)
        self.update = f"UPDATE {table} SET {seq} = %s, {hash_} = %s WHERE {id_} = 1"  # noqa: S608 - the model's table
        self.seq, self.hash = row

    def save(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(self.update, [self.seq, self.hash])


def _linked(events, insert):
    """Give unsaved events their place in the chain (seq, prev_hash, hash) and `insert()` them,
    in one transaction with the head's update."""
    with transaction.atomic(savepoint=False):
        head = _Head()
        for event in events:
            if event.at is None:
                event.at = timezone.now()
            event.details = hashing.normalise_details(event.details)
            head.seq += 1
            event.seq = head.seq
            event.prev_hash = head.hash
            event.hash = hashing.event_hash(event)
            head.hash = event.hash
        result = insert()
        head.save()
    return result


class AuditEventQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Batched writes join the chain too, in the order given."""
        objs = list(objs)
        return _linked(
            objs, lambda: super(AuditEventQuerySet, self).bulk_create(objs, *args, **kwargs)
        )

    def update(self, **kwargs):
        raise PermissionDenied("Audit events cannot be changed.")

    def delete(self):
        raise PermissionDenied("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    """One write done through an action, or one read of a page showing a person's data.

    Append-only: who (actor), when (at), what (action, object), about whom (subject) and why
    (purpose). Never store an INSZ in any of these fields.
    """

    class Kind(models.TextChoices):
        WRITE = "write", _("wijziging")
        READ = "read", _("inzage")

    # The moment it happened: a read written after the response keeps the moment of the read;
    # the chain's hash covers it (set before the event joins the chain).
    at = models.DateTimeField(_("tijdstip"), default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wie"),
    )
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.WRITE)
    action = models.CharField(_("actie"), max_length=80, db_index=True)
    object_type = models.CharField(_("objecttype"), max_length=80, blank=True)
    object_id = models.CharField(_("object-id"), max_length=40, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    subject_type = models.CharField(_("type persoon"), max_length=40, blank=True)
    subject_id = models.CharField(_("persoon-id"), max_length=40, blank=True)
    subject_label = models.CharField(_("over wie"), max_length=200, blank=True, db_index=True)
    purpose = models.CharField(_("waarom"), max_length=200, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    # The chain (ADR 0027): the position, the previous event's hash and this event's own.
    seq = models.PositiveBigIntegerField(_("volgnummer"), unique=True, editable=False)
    prev_hash = models.CharField(_("vorige hash"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("auditgebeurtenissen")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["actor", "at"]),
            models.Index(fields=["subject_type", "subject_id", "at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("Audit events cannot be changed.")
        _linked([self], lambda: super(AuditEvent, self).save(*args, **kwargs))

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Audit events cannot be deleted.")

    def detail_pairs(self) -> list[tuple[str, object]]:
        """The details as (key, value) pairs for templates, where `details.items` would look up a
        key named "items" first."""
        if isinstance(self.details, dict):
            return list(self.details.items())
        return [("", self.details)] if self.details else []


class AuditSubject(models.Model):
    """One row a list read showed: the event, the rows' model ("dossiers.dossier") and the id.
    Written with the event (`services.create`) so the person search finds list reads through an
    index (`bereik.audit.subjects`); derived from the event's details, which the chain hashes, so
    it is an index, not part of the chain. Goes with its event when the trail is pruned."""

    event = models.ForeignKey(AuditEvent, on_delete=models.CASCADE, related_name="subjects")
    model = models.CharField(max_length=80)
    object_id = models.BigIntegerField()

    class Meta:
        verbose_name = _("persoon in een lijst")
        verbose_name_plural = _("personen in lijsten")
        indexes = [models.Index(fields=["model", "object_id"])]

    def __str__(self):
        return f"{self.model}:{self.object_id}"
