"""Checking the audit trail's chain (`manage.py audit_verify`) and cutting off its oldest part
(`audit_prune`), which records where the chain restarts (ADR 0027)."""

from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik.audit import hashing
from bereik.audit.models import AuditChain, AuditEvent


@dataclass(frozen=True)
class Verdict:
    checked: int
    first_seq: int | None
    last_seq: int
    head_hash: str
    broken_seq: int | None = None
    broken_id: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_seq is None


def verify(*, chunk_size: int = 2000) -> Verdict:
    """Walk the chain from where it (re)starts to the head and give the first broken link: a
    changed event (its hash no longer matches), a removed one (a gap, or a link to something
    else) or an inserted one; removed events at the end show as a head past the last event."""
    head = AuditChain.objects.filter(pk=1).first() or AuditChain()
    expected_seq, expected_prev = head.start_seq, head.start_prev_hash
    checked, first = 0, None
    events = AuditEvent.objects.filter(seq__lte=head.seq).order_by("seq")
    for event in events.iterator(chunk_size=chunk_size):
        first = event.seq if first is None else first
        reason = ""
        if event.seq != expected_seq:
            reason = _("ontbrekende gebeurtenissen: volgnummer %(expected)s verwacht") % {
                "expected": expected_seq
            }
        elif event.prev_hash != expected_prev:
            reason = _("de schakel naar de vorige gebeurtenis klopt niet")
        elif hashing.event_hash(event) != event.hash:
            reason = _("de inhoud is gewijzigd na het schrijven")
        if reason:
            return Verdict(checked, first, head.seq, head.hash, event.seq, event.pk, reason)
        checked += 1
        expected_seq, expected_prev = event.seq + 1, event.hash
    if expected_seq != head.seq + 1 or expected_prev != head.hash:
        reason = _("de laatste gebeurtenissen ontbreken: de keten eindigt bij %(seq)s") % {
            "seq": head.seq
        }
        return Verdict(checked, first, head.seq, head.hash, expected_seq, None, reason)
    # Read after the walk: a writer commits its event and the head together, so an event past
    # the head read now was not written through the chain.
    now = AuditChain.objects.filter(pk=1).first()
    if now is not None and AuditEvent.objects.filter(seq__gt=now.seq).exists():
        reason = _("er staan gebeurtenissen na het einde van de keten")
        return Verdict(checked, first, head.seq, head.hash, head.seq + 1, None, reason)
    return Verdict(checked, first, head.seq, head.hash)


def cut(before) -> tuple[int, int]:
    """Delete the oldest part of the chain: every event before the first one written at or after
    `before` (a prefix, so what remains still links up). Record on the head where the chain now
    starts and the hash it starts from. Call inside the prune's transaction.

    Returns (deleted, restart_seq)."""
    head = AuditChain.lock()
    keep_from = (
        AuditEvent.objects.filter(at__gte=before).order_by("seq").values_list("seq", flat=True)
    ).first()
    if keep_from is None:
        # Everything is older: the chain restarts with the next event, linked to the last one.
        keep_from, start_prev = head.seq + 1, head.hash
    else:
        start_prev = AuditEvent.objects.values_list("prev_hash", flat=True).get(seq=keep_from)
    old = AuditEvent.objects.filter(seq__lt=keep_from)
    # AuditEventQuerySet refuses delete() on purpose; retention is the one exception.
    _total, counts = models.QuerySet.delete(old)  # with their AuditSubject rows
    deleted = counts.get(AuditEvent._meta.label, 0)
    if deleted:
        head.start_seq, head.start_prev_hash = keep_from, start_prev
        head.restarted_at = timezone.now()
        head.save(update_fields=["start_seq", "start_prev_hash", "restarted_at"])
    return deleted, keep_from


def count_before(before) -> int:
    keep_from = (
        AuditEvent.objects.filter(at__gte=before).order_by("seq").values_list("seq", flat=True)
    ).first()
    old = AuditEvent.objects.all()
    return old.filter(seq__lt=keep_from).count() if keep_from is not None else old.count()
