"""The experts' part of a person's data: the export holds the proposals, contacts, outreach
signals and LAC companions; retention empties their free text under frozen time and the
impact page counts the same."""

import datetime
import json

import pytest
import time_machine
from django.core.management import call_command

from bereik.dossiers import personal_data
from bereik.dossiers.personal_data import Scope
from bereik.dossiers.tests.factories import SignalFactory
from bereik.experts import actions, impact, personal
from bereik.experts.models import Contact, LacCompanion, OutreachSignal, Proposal
from bereik.followup import actions as followup_actions
from bereik.followup.tests.factories import outcome, reached_dossier
from bereik.lac.tests.factories import AgendaItemFactory
from bereik.reports import periods

START = datetime.datetime(2020, 2, 10, 10, tzinfo=datetime.UTC)
CLOSED = datetime.datetime(2020, 3, 10, 10, tzinfo=datetime.UTC)


@pytest.fixture
def story(db, mw, ervaringsdeskundige):
    with time_machine.travel(START, tick=False):
        dossier = reached_dossier(mw, insz="85073003328", last_name="Janssens")
        proposal = actions.proposal_create(
            dossier,
            expert=ervaringsdeskundige,
            help_asked="Vertrouwen opbouwen met Els",
            note="Liefst bellen na 17 uur, Els werkt 's morgens.",
            actor=mw,
        )
        proposal = actions.proposal_accept(proposal, actor=ervaringsdeskundige)
        actions.contact_record(
            proposal,
            date=START.date(),
            kind=Contact.Kind.HOME_VISIT,
            place="Kerkstraat 12, bij Els thuis",
            note="Els is bang voor de brief van De Watergroep.",
            referral=Contact.Referral.MADE,
            referral_to="Schuldbemiddeling Els",
            actor=ervaringsdeskundige,
        )
        OutreachSignal.objects.create(
            expert=ervaringsdeskundige,
            signal=SignalFactory(dossier=dossier, insz="85073003328"),
            met_at=Contact.Kind.FOOD_BANK,
        )
        LacCompanion.objects.create(
            item=AgendaItemFactory(dossier=dossier), expert=ervaringsdeskundige, added_by=mw
        )
    with time_machine.travel(CLOSED, tick=False):
        followup_actions.dossier_close(
            dossier, outcome=outcome("opgelost_afbetalingsplan"), note="", actor=mw
        )
    return dossier


def test_the_export_holds_the_experts_records(story):
    assert "experts" in {part.key for part in personal_data.parts()}
    exported = personal.export(Scope(dossier_ids=frozenset({story.pk})))
    kinds = [record["soort gegevens"] for record in exported.records]
    assert kinds == [
        "voorstel aan ervaringsdeskundige",
        "contact van een ervaringsdeskundige",
        "signaal via ervaringsdeskundige",
        "vertrouwenspersoon op de LAC",
    ]
    text = json.dumps(exported.records, ensure_ascii=False)
    for said in ("Liefst bellen na 17 uur", "Kerkstraat 12", "Schuldbemiddeling Els"):
        assert said in text
    assert exported.records[1]["soort contact"] == "Huisbezoek"


def test_another_persons_export_holds_none_of_them(story):
    assert personal.export(Scope(dossier_ids=frozenset({story.pk + 1}))).records == []


def test_retention_empties_the_free_text_and_the_impact_counts_the_same(story):
    period = periods.between(datetime.date(2020, 1, 1), datetime.date(2020, 12, 31))
    before = impact.total(impact.counts({"x": period})["x"])
    with time_machine.travel(CLOSED + datetime.timedelta(days=6 * 365), tick=False):
        call_command("retention_apply")
    proposal = Proposal.objects.get(dossier=story)
    assert (proposal.help_asked, proposal.note, proposal.next_appointment_place) == ("", "", "")
    assert proposal.status == Proposal.Status.ACCEPTED and proposal.answered_at
    contact = Contact.objects.get(proposal=proposal)
    assert (contact.place, contact.note, contact.referral_to) == ("", "", "")
    assert contact.kind == Contact.Kind.HOME_VISIT and contact.referral == Contact.Referral.MADE
    assert OutreachSignal.objects.count() == 1 and LacCompanion.objects.count() == 1
    after = impact.total(impact.counts({"x": period})["x"])
    assert after.values == before.values and after.kinds == before.kinds
    assert before.values["contacts"] == 1 and before.values["proposed"] == 1
    exported = personal.export(Scope(dossier_ids=frozenset({story.pk})))
    assert "Els" not in json.dumps(exported.records, ensure_ascii=False)
