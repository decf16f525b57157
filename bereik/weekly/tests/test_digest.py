"""The weekly digest: who gets which lines, the notification and its mail, the page per week with
its history and read marks, access and the audited reads, the command and the task."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from bereik.accounts.models import Mail, Notification
from bereik.audit.models import AuditEvent
from bereik.clients.models import Client
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers.models import Signal
from bereik.weekly import actions, rules
from bereik.weekly.models import DigestRead, DigestRun
from bereik.weekly.tasks import weekly_digest_task

pytestmark = pytest.mark.django_db


def _line(number, name, street, action="Herinnering", protected="Nee"):
    return (number, name, f"{street}, 3800 Sint-Truiden", action, "18/11/2026", protected, "12,50")


@pytest.fixture
def week_of_lines(import_report, mw, mw_other):
    """Three lines: a client of mw in active guidance, a client whose guidance ended, and a
    household not in the register."""
    ClientFactory(
        last_name="Martens", first_name="An", street="Brouwersstraat", house_number="13",
        guidance_status=Client.Guidance.ACTIVE, social_worker=mw,
    )  # fmt: skip
    ClientFactory(
        last_name="Peeters", first_name="Jan", street="Kerkstraat", house_number="1",
        guidance_status=Client.Guidance.CLOSED, social_worker=mw_other,
    )  # fmt: skip
    import_report(
        _line("100", "Martens An", "Brouwersstraat 13", protected="Ja"),
        _line("200", "Peeters Jan", "Kerkstraat 1"),
        _line("300", "Claes Mia", "Molenstraat 99"),
    )
    return rules.current_week()


def _own(week, user):
    own, others = rules.digest(week).split(user.pk)
    return [line.customer_number for line in own], len(others)


def test_each_worker_gets_their_clients_first_and_the_preventiewerker_the_rest(
    week_of_lines, mw, mw_other, preventiewerker
):
    week = week_of_lines
    assert _own(week, mw) == (["100"], 2)
    # Guidance ended: nobody follows this client, so the preventiewerker does.
    assert _own(week, mw_other) == ([], 3)
    assert sorted(_own(week, preventiewerker)[0]) == ["200", "300"]


def test_the_dossiers_worker_follows_its_lines(import_report, mw_other, preventiewerker):
    from bereik.triage.actions.assignment import dossier_assign

    import_report(_line("400", "Wouters Tom", "Veldstraat 4", action="Afsluiting"))
    dossier = Signal.objects.get(customer_number="400").dossier
    dossier_assign(dossier, mw_other, actor=preventiewerker, reason="test")
    assert _own(rules.current_week(), mw_other) == (["400"], 0)


def test_the_digest_is_sent_once_with_a_mail_that_names_no_one(
    week_of_lines, mw, preventiewerker, ervaringsdeskundige, settings
):
    run = actions.digest_send(week_of_lines)
    assert run is not None and run.lines == 3
    assert actions.digest_send(week_of_lines) is None  # once per week
    notification = Notification.objects.get(user=mw, kind=Notification.Kind.WEEKLY_REPORT)
    assert notification.url == reverse("weekly:week", args=[week_of_lines])
    assert "1 lijnen over je cliënten, 2 andere" in notification.text
    assert not Notification.objects.filter(user=ervaringsdeskundige).exists()
    mails = Mail.objects.filter(kind=Notification.Kind.WEEKLY_REPORT)
    assert mails.filter(to=mw.email).exists()
    for sent in mails:
        for secret in ("Martens", "Peeters", "Claes", "12,50", "12.50"):
            assert secret not in sent.subject and secret not in sent.body
    assert AuditEvent.objects.filter(action="weekly_digest.send").count() == 1


def test_the_week_page_shows_own_lines_first_and_marks_read(week_of_lines, login, mw):
    actions.digest_send(week_of_lines)
    assert Notification.objects.filter(
        user=mw, ref=f"weekrapport:{week_of_lines}", read_at__isnull=True
    ).exists()
    browser = login(mw)
    page = browser.get(reverse("weekly:week", args=[week_of_lines]))
    assert page.status_code == 200
    text = page.content.decode()
    assert text.index("Over jouw cliënten") < text.index("Martens") < text.index("De rest")
    assert "Claes" in text  # the report as a whole
    read = AuditEvent.objects.get(action="weekly_lines.view", actor=mw)
    assert read.kind == AuditEvent.Kind.READ and len(read.details["signals"]) == 3
    # The GET writes nothing; the page reports that it was shown by a POST of its own.
    assert not DigestRead.objects.filter(user=mw, week=week_of_lines).exists()
    mark = reverse("weekly:mark_read", args=[week_of_lines])
    assert f'hx-post="{mark}" hx-trigger="load"' in text
    assert browser.get(mark).status_code == 405
    assert browser.post(mark).status_code == 204
    assert browser.post(mark).status_code == 204  # twice: still one mark, one event
    assert DigestRead.objects.filter(user=mw, week=week_of_lines).count() == 1
    assert AuditEvent.objects.filter(action="weekly_digest.read", actor=mw).count() == 1
    assert not Notification.objects.filter(
        user=mw, ref=f"weekrapport:{week_of_lines}", read_at__isnull=True
    ).exists()

    history = browser.get(reverse("weekly:weeks")).content.decode()
    assert week_of_lines in history and "gelezen" in history


def test_the_ervaringsdeskundige_sees_none_of_it(week_of_lines, login, ervaringsdeskundige):
    browser = login(ervaringsdeskundige)
    for url in (
        reverse("weekly:weeks"),
        reverse("weekly:week", args=[week_of_lines]),
        reverse("weekly:suggestions"),
    ):
        assert browser.get(url).status_code == 403
    assert browser.post(reverse("weekly:mark_read", args=[week_of_lines])).status_code == 403
    assert not DigestRead.objects.filter(user=ervaringsdeskundige).exists()
    home = browser.get("/").content.decode()
    assert reverse("weekly:weeks") not in home


def test_a_wrong_week_is_not_found(login, mw):
    assert login(mw).get("/weekrapport/2026-W99/").status_code == 404
    assert login(mw).post("/weekrapport/2026-W99/gelezen/").status_code == 404
    assert login(mw).post("/weekrapport/2999-W01/gelezen/").status_code == 404  # still to come
    assert not DigestRead.objects.exists()


def test_the_week_page_runs_a_fixed_number_of_queries(
    week_of_lines, login, mw, django_assert_max_num_queries
):
    browser = login(mw)
    with django_assert_max_num_queries(30):
        browser.get(reverse("weekly:week", args=[week_of_lines]))


def test_the_command_sends_and_prints(week_of_lines, mw):
    out = io.StringIO()
    call_command("weekly_digest", "--json", stdout=out)
    summary = json.loads(out.getvalue())
    assert summary["sent"] is True
    assert summary["recipients"][mw.username]["own"] == [
        {"customer_number": "100", "action": "Herinnering", "date": "2026-11-18", "protected": True}
    ]
    assert [s["customer_number"] for s in summary["water_scan_suggestions"]] == ["100"]
    assert DigestRun.objects.filter(week=week_of_lines).exists()


def test_the_command_refuses_a_wrong_week():
    with pytest.raises(CommandError):
        call_command("weekly_digest", "--week", "week 48")


def test_the_task_sends_the_week(week_of_lines):
    result = weekly_digest_task.enqueue()
    assert result.return_value["sent"] is True


def test_a_report_in_another_week_is_another_digest(week_of_lines):
    assert rules.digest("2020-W01").lines == []
    assert actions.digest_send("2020-W01") is None
