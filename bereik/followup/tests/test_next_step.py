"""Once the household is reached, the follow-up keeps the dossier's "volgende stap" up to date."""

import datetime

from django.utils import timezone

from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.followup import actions
from bereik.followup.models import InternalReferral, Proposal
from bereik.followup.rules import FollowupFacts, next_step
from bereik.followup.tests.factories import organisation, outcome, reached_dossier
from bereik.organisation.models import Organisation

TODAY = datetime.date(2026, 11, 27)


def _proposal(dossier, actor, **fields):
    values = {
        "conversation_date": timezone.localdate(),
        "lac_options_discussed": True,
        "brochure_discussed": True,
        "arrangement": Proposal.Arrangement.PLAN,
        "amount_per_month": 40,
        "months": 10,
        "start_date": timezone.localdate(),
        "client_agrees": Proposal.Agreement.AGREES,
        **fields,
    }
    return actions.proposal_create(dossier, actor=actor, **values)


def test_the_rule_puts_an_unreferred_intensive_need_first():
    facts = FollowupFacts(
        today=TODAY,
        has_proposal=True,
        intensive_help_unreferred=True,
        open_handovers=(("CAW", TODAY),),
        rights_to_check=3,
    )

    label, date = next_step(facts)

    assert label == "Intern doorverwijzen naar Trajectbegeleiding (intensievere hulp)"
    assert date == TODAY


def test_the_rule_asks_for_the_earliest_handover_confirmation_by_its_date():
    facts = FollowupFacts(
        today=TODAY,
        has_proposal=True,
        has_report=True,
        open_handovers=(("Mytrusto", TODAY + datetime.timedelta(days=9)), ("CAW", TODAY)),
    )

    assert next_step(facts) == ("Warme overdracht naar CAW laten bevestigen", TODAY)


def test_the_rule_goes_from_proposal_to_report_to_rights_to_support():
    base = {"today": TODAY}
    assert next_step(FollowupFacts(**base))[0].startswith("Gesprek en voorstel registreren")
    base["has_proposal"] = True
    assert next_step(FollowupFacts(**base))[0] == "Sociaal verslag schrijven"
    base["has_report"] = True
    assert next_step(FollowupFacts(**base, rights_to_check=2)) == (
        "Rechtenonderzoek afronden: 2 rechten na te gaan",
        None,
    )
    assert next_step(FollowupFacts(**base, pending_support=1))[0].startswith("Beslissing")
    assert next_step(FollowupFacts(**base))[0].startswith("Opvolgen; afsluiten")


def test_a_proposal_moves_the_next_step_on_from_the_first_help(mw, team):
    dossier = reached_dossier(mw, team["sociale_dienst"])
    dossier.next_step = "Hulp: voorstel uitwerken, brochure overlopen, rechtenonderzoek"
    dossier.save()

    _proposal(dossier, mw)

    dossier.refresh_from_db()
    assert dossier.next_step == "Sociaal verslag schrijven"
    assert dossier.next_step_date is None


def test_intensive_help_asks_for_the_referral_until_it_is_made(preventiewerker, team):
    dossier = reached_dossier(preventiewerker, team["onthaalteam"])

    _proposal(dossier, preventiewerker, intensive_help_needed=True)
    dossier.refresh_from_db()
    assert dossier.next_step.startswith("Intern doorverwijzen naar Trajectbegeleiding")
    assert dossier.next_step_date == timezone.localdate()

    actions.referral_create(
        dossier,
        to_team=team["trajectbegeleiding"],
        help_kind=InternalReferral.HelpKind.DEBT,
        reason="Schulden",
        actor=preventiewerker,
    )
    dossier.refresh_from_db()
    assert not dossier.next_step.startswith("Intern doorverwijzen")


def test_an_open_handover_is_the_next_step_until_confirmed(mw, team):
    dossier = reached_dossier(mw, team["sociale_dienst"])
    actions.report_save(dossier, text="Verslag", actor=mw)
    _proposal(dossier, mw)
    referred_on = timezone.localdate() - datetime.timedelta(days=2)

    handover = actions.handover_create(
        dossier,
        organisation=organisation("CAW"),
        contact_person="Sofie",
        referred_on=referred_on,
        actor=mw,
    )
    dossier.refresh_from_db()
    days = Organisation.get().handover_confirmation_days
    assert dossier.next_step == "Warme overdracht naar CAW laten bevestigen"
    assert dossier.next_step_date == referred_on + datetime.timedelta(days=days)

    actions.handover_confirm(handover, confirmed_on=timezone.localdate(), actor=mw)
    dossier.refresh_from_db()
    assert dossier.next_step.startswith("Opvolgen; afsluiten")
    assert dossier.next_step_date is None


def test_it_leaves_the_next_step_of_a_household_not_yet_reached_alone(mw, team):
    dossier = DossierFactory(
        status=Dossier.Status.ASSIGNED, assigned_to=mw, team=team["sociale_dienst"]
    )
    dossier.next_step = "Onaangekondigd huisbezoek"
    dossier.save()

    actions.report_save(dossier, text="Verslag voor de LAC", actor=mw)

    dossier.refresh_from_db()
    assert dossier.next_step == "Onaangekondigd huisbezoek"


def test_reopening_gives_the_dossier_a_next_step_again(mw, team):
    dossier = reached_dossier(mw, team["sociale_dienst"])
    _proposal(dossier, mw)
    actions.dossier_close(dossier, outcome=outcome("geen_hulp_gewenst"), actor=mw)
    Dossier.objects.filter(pk=dossier.pk).update(next_step="", next_step_date=None)

    actions.dossier_reopen(dossier, reason="Cliënt vraagt toch hulp", actor=mw)

    dossier.refresh_from_db()
    assert dossier.next_step == "Sociaal verslag schrijven"


def test_the_dossier_page_header_shows_the_follow_ups_next_step(mw, team, login):
    dossier = reached_dossier(mw, team["sociale_dienst"])
    _proposal(dossier, mw)

    page = login(mw).get(dossier.get_absolute_url()).content.decode()

    start = page.index('class="card dossier-header')
    header = page[start : page.index("</header>", start)]
    assert "Volgende stap" in header and "Sociaal verslag schrijven" in header
