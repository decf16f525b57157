import datetime

import time_machine
from django.core.management import call_command

from bereik import audit
from bereik.audit.actions import retention_cutoff
from bereik.audit.models import AuditEvent
from bereik.organisation import actions as organisation_actions
from bereik.organisation.models import Organisation

# After the personas' own events (written at the real time), so that these come first in the chain.
NOW = datetime.datetime.now(datetime.UTC).replace(microsecond=0) + datetime.timedelta(days=3 * 365)


def test_it_deletes_only_events_older_than_the_retention_period(mw, beheerder):
    organisation_actions.organisation_update(
        Organisation.get(), actor=beheerder, audit_retention_years=2
    )
    with time_machine.travel(NOW - datetime.timedelta(days=2 * 365 + 10), tick=False):
        old = audit.record("dossier.view", actor=mw)
    with time_machine.travel(NOW - datetime.timedelta(days=2 * 365 - 10), tick=False):
        recent = audit.record("dossier.view", actor=mw)
    with time_machine.travel(NOW, tick=False):
        call_command("audit_prune")
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk=recent.pk).exists()
    prune = AuditEvent.objects.get(action="audit.prune")
    assert prune.details["deleted"] == recent.seq - 1
    assert prune.details["chain_restarts_at"] == recent.seq
    assert prune.details["chain_restarts_from"] == old.hash


def test_it_cuts_the_chain_before_the_first_event_still_inside_the_period(mw, beheerder):
    """A trail is a chain: an older event written after a newer one (a clock set back) stays
    until everything before it may go, so what is left still links up."""
    organisation_actions.organisation_update(
        Organisation.get(), actor=beheerder, audit_retention_years=2
    )
    with time_machine.travel(NOW - datetime.timedelta(days=10), tick=False):
        recent = audit.record("dossier.view", actor=mw)
    with time_machine.travel(NOW - datetime.timedelta(days=5 * 365), tick=False):
        late_old = audit.record("dossier.view", actor=mw)
    with time_machine.travel(NOW, tick=False):
        call_command("audit_prune")
    assert AuditEvent.objects.filter(pk__in=[recent.pk, late_old.pk]).count() == 2
    assert not AuditEvent.objects.filter(seq__lt=recent.seq).exists()


def test_a_dry_run_deletes_nothing(mw):
    with time_machine.travel(NOW - datetime.timedelta(days=20 * 365), tick=False):
        old = audit.record("dossier.view", actor=mw)
    with time_machine.travel(NOW, tick=False):
        call_command("audit_prune", "--dry-run")
    assert AuditEvent.objects.filter(pk=old.pk).exists()
    assert not AuditEvent.objects.filter(action="audit.prune").exists()


def test_the_cutoff_survives_a_leap_day():
    leap = datetime.datetime(2028, 2, 29, 12, tzinfo=datetime.UTC)
    assert retention_cutoff(leap, 1) == datetime.datetime(2027, 2, 28, 12, tzinfo=datetime.UTC)
