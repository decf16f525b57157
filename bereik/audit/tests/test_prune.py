import datetime

import time_machine
from django.core.management import call_command

from bereik import audit
from bereik.audit.actions import retention_cutoff
from bereik.audit.models import AuditEvent
from bereik.organisation import actions as organisation_actions
from bereik.organisation.models import Organisation

NOW = datetime.datetime(2026, 11, 27, 3, 0, tzinfo=datetime.UTC)


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
    assert prune.details["deleted"] == 1


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
