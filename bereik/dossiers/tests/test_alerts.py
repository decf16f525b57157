"""The morning's alerts (`manage.py dossier_alerts`): a deadline near with the household not
reached, a volgende stap overdue and a task due each reach the right person once."""

import datetime

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from bereik.accounts import actions as account_actions
from bereik.accounts.models import Mail, Notification, NotificationSetting
from bereik.audit.models import AuditEvent
from bereik.dossiers.actions import dossier_alerts_send, task_create
from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory

Kind = Notification.Kind
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def _kinds(user):
    return sorted(user.notifications.values_list("kind", flat=True))


def test_a_near_deadline_without_reach_alerts_the_worker_once(mw, mw_other):
    near = DossierFactory(assigned_to=mw, status=Dossier.Status.ASSIGNED, deadline=TODAY + 3 * DAY)
    DossierFactory(assigned_to=mw, deadline=TODAY + 30 * DAY)  # far off
    DossierFactory(assigned_to=mw, deadline=TODAY + 2 * DAY, reached_on=TODAY - DAY)  # reached
    DossierFactory(assigned_to=mw, deadline=TODAY + DAY, status=Dossier.Status.CLOSED)

    assert dossier_alerts_send() == {Kind.DEADLINE_NEAR: 1}

    (alert,) = mw.notifications.all()
    assert alert.kind == Kind.DEADLINE_NEAR and alert.dossier_pk == near.pk
    assert near.number in alert.text and "nog 3 dagen" in alert.text
    assert alert.url == near.get_absolute_url() + "#sectie-contacten"
    assert not mw_other.notifications.exists()
    assert dossier_alerts_send() == {}  # twice: nothing twice
    assert mw.notifications.count() == 1


def test_a_new_deadline_or_a_new_worker_is_alerted_again(mw, mw_other):
    dossier = DossierFactory(assigned_to=mw, deadline=TODAY + 3 * DAY)
    dossier_alerts_send()
    Dossier.objects.filter(pk=dossier.pk).update(deadline=TODAY + 2 * DAY, assigned_to=mw_other)
    dossier_alerts_send()
    assert mw.notifications.count() == 1 and mw_other.notifications.count() == 1


def test_an_unassigned_dossier_alerts_the_preventiewerkers(preventiewerker, onthaal, mw):
    DossierFactory(deadline=TODAY + DAY)
    dossier_alerts_send()
    assert _kinds(preventiewerker) == [Kind.DEADLINE_NEAR]
    assert not onthaal.notifications.exists() and not mw.notifications.exists()


def test_an_overdue_step_alerts_the_worker_once_per_step(mw):
    dossier = DossierFactory(
        assigned_to=mw, next_step="Onaangekondigd huisbezoek", next_step_date=TODAY - 2 * DAY
    )
    DossierFactory(assigned_to=mw, next_step="Later", next_step_date=TODAY + DAY)
    dossier_alerts_send()
    (alert,) = mw.notifications.all()
    assert alert.kind == Kind.STEP_OVERDUE and "Onaangekondigd huisbezoek" in alert.text
    dossier_alerts_send()
    Dossier.objects.filter(pk=dossier.pk).update(next_step_date=TODAY - DAY)
    dossier_alerts_send()
    assert mw.notifications.count() == 2


def test_a_task_due_alerts_its_assignee(mw, mw_other):
    dossier = DossierFactory(assigned_to=mw)
    task_create(
        dossier, description="Afbetalingsplan nagaan", assignee=mw_other, due_date=TODAY, actor=mw
    )
    task_create(dossier, description="Later", assignee=mw_other, due_date=TODAY + DAY, actor=mw)
    done = task_create(dossier, description="Gedaan", assignee=mw_other, due_date=TODAY, actor=mw)
    done.done_at = timezone.now()
    done.save()

    dossier_alerts_send()

    (alert,) = mw_other.notifications.all()
    assert alert.kind == Kind.TASK_DUE and "Afbetalingsplan nagaan" in alert.text
    assert alert.url.endswith("#sectie-taken")


def test_a_user_who_wants_them_at_once_gets_one_mail_per_kind(mw, mailoutbox):
    NotificationSetting.objects.create(user=mw, kind=Kind.DEADLINE_NEAR, delivery="mail")
    for days in (1, 2, 3):
        DossierFactory(assigned_to=mw, deadline=TODAY + days * DAY)
    dossier_alerts_send()
    sent = Mail.objects.get()
    assert sent.notifications.count() == 3
    assert sent.subject.endswith("(3)")


def test_the_command_reports_and_the_digest_follows(mw, django_capture_on_commit_callbacks, capsys):
    DossierFactory(assigned_to=mw, deadline=TODAY + DAY)
    call_command("dossier_alerts")
    assert "Termijn nadert, nog niet bereikt: 1" in capsys.readouterr().out
    call_command("dossier_alerts")
    assert "Geen nieuwe meldingen." in capsys.readouterr().out
    assert AuditEvent.objects.filter(action="dossiers.alerts").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert account_actions.digests_send() == 1
    overview = Mail.objects.get()
    assert "Termijn nadert, nog niet bereikt (1)" in overview.body


def test_the_alert_opens_the_dossier_at_its_section(login, mw):
    dossier = DossierFactory(assigned_to=mw, deadline=TODAY + DAY)
    dossier_alerts_send()
    alert = mw.notifications.get()
    response = login(mw).get(reverse("accounts:notification_open", args=[alert.pk]))
    assert response["Location"] == dossier.get_absolute_url() + "#sectie-contacten"
