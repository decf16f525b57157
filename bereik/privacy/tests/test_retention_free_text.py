"""Retention also erases what names the household outside its own rows: a LAC session's notes
(the household's names replaced), a letter batch's list of dossiers that got no letter, and the
text of the mails about the dossier in the outbox. Under frozen time."""

import datetime

import time_machine

from bereik.accounts import actions as accounts_actions
from bereik.accounts.models import Mail, Notification
from bereik.dossiers.personal import MAIL_ERASED
from bereik.dossiers.personal_data import Scope
from bereik.dossiers.tests.factories import DossierFactory
from bereik.lac import personal as lac_personal
from bereik.lac.tests.factories import AgendaItemFactory, SessionFactory
from bereik.outreach.models import LetterBatch
from bereik.privacy.actions import retention_apply
from bereik.privacy.tests.test_retention import CLOSED, _closed_dossier, closed  # noqa: F401

AFTER = CLOSED + datetime.timedelta(days=5 * 365 + 2)


def test_a_lac_sessions_notes_lose_the_households_names(closed, mw):  # noqa: F811
    # Another household of the session, named as the factories never name one.
    other = DossierFactory(last_name="Oyelaran-Zwijsen", first_name="Quirina")
    with time_machine.travel(CLOSED - datetime.timedelta(days=20), tick=False):
        session = SessionFactory(
            notes=(
                f"{closed.last_name.upper()} {closed.first_name} komt later; "
                f"{closed.first_name} {closed.last_name} belde. "
                "Oyelaran-Zwijsen Quirina is verontschuldigd."
            )
        )
        AgendaItemFactory(session=session, dossier=closed)
        AgendaItemFactory(session=session, dossier=other)
    exported = lac_personal.export_notes(Scope(dossier_ids=frozenset({closed.pk})))
    assert [record["id"] for record in exported.records] == [session.pk]

    with time_machine.travel(AFTER, tick=False):
        result = retention_apply()

    session.refresh_from_db()
    assert closed.last_name.lower() not in session.notes.lower()
    assert session.notes.startswith("[naam gewist] komt later; [naam gewist] belde.")
    assert "Oyelaran-Zwijsen Quirina is verontschuldigd" in session.notes
    assert result.counts["lac_session_notes"] == 1


def test_a_letter_batch_forgets_the_dossier_that_got_no_letter(closed):  # noqa: F811
    kept = {"dossier": closed.pk + 1000, "number": "2020-009999"}
    batch = LetterBatch.objects.create(
        letter_type="laatste_brief",
        title="Reeks",
        skipped=[{"dossier": closed.pk, "number": closed.number}, kept],
    )

    with time_machine.travel(AFTER, tick=False):
        result = retention_apply()

    batch.refresh_from_db()
    assert batch.skipped == [kept]
    assert result.counts["letter_batches_skipped"] == 1


def test_the_mails_about_the_dossier_keep_no_text(closed, mw):  # noqa: F811
    with time_machine.travel(CLOSED - datetime.timedelta(days=10), tick=False):
        notification = accounts_actions.notify(
            mw, f"Termijn {closed.number}", kind=Notification.Kind.ASSIGNED, dossier=closed
        )
    mail = Mail.objects.get(pk=notification.mail_id)
    assert closed.number in mail.body
    unrelated = Mail.objects.create(user=mw, to=mw.email, subject="Bereik", body="Iets anders")

    with time_machine.travel(AFTER, tick=False):
        result = retention_apply()

    mail.refresh_from_db()
    assert mail.body == MAIL_ERASED and mail.to == mw.email
    assert Mail.objects.get(pk=unrelated.pk).body == "Iets anders"
    assert not Notification.objects.filter(pk=notification.pk).exists()
    assert result.counts["mails"] == 1


def test_only_the_names_of_a_sessions_own_households_go_and_a_surname_only_as_written(db):
    bos, peeters = (
        DossierFactory(last_name="Bos", first_name="Jan"),
        DossierFactory(last_name="Peeters", first_name="Mia"),
    )
    namesake = DossierFactory(last_name="Bos", first_name="Karel")  # kept: not erased
    first = SessionFactory(notes="Bos Jan komt niet.")
    AgendaItemFactory(session=first, dossier=bos)
    second = SessionFactory(notes="Peeters belde. Bos Karel komt met zijn buur uit het bos.")
    AgendaItemFactory(session=second, dossier=peeters)
    AgendaItemFactory(session=second, dossier=namesake)

    result = lac_personal.erase_notes(Scope(dossier_ids=frozenset({bos.pk, peeters.pk})))

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.notes == "[naam gewist] komt niet."
    assert second.notes == "[naam gewist] belde. Bos Karel komt met zijn buur uit het bos."
    assert result.counts["lac_session_notes"] == 2
