import datetime
from decimal import Decimal

from django.utils import timezone

from bereik.followup import actions as followup_actions
from bereik.followup.models import Proposal, RightCheck, RightItem
from bereik.lac.preparation import preparation_for
from bereik.lac.tests.factories import AgendaItemFactory, SessionFactory


def test_a_prepared_dossier_has_nothing_missing(db, mw):
    item = AgendaItemFactory(
        preparer=mw, dossier__assigned_to=mw, dossier__reached_on=datetime.date(2026, 11, 20)
    )
    dossier = item.dossier
    followup_actions.proposal_create(
        dossier,
        actor=mw,
        lac_options_discussed=True,
        brochure_discussed=True,
        arrangement=Proposal.Arrangement.PLAN,
        amount_per_month=Decimal("50"),
        months=12,
        start_date=datetime.date(2027, 1, 1),
        client_agrees=Proposal.Agreement.AGREES,
        feedback="Cliënt wil meewerken.",
    )
    followup_actions.report_save(dossier, text="Gezin met twee kinderen.", actor=mw)
    right = RightItem.objects.filter(active=True).first()
    followup_actions.rights_update(dossier, {right.pk: (RightCheck.Status.APPLIED, "")}, actor=mw)

    preparation = preparation_for([item])[item.pk]

    assert preparation.missing == []
    assert preparation.followup.proposal == "Afbetalingsplan € 50,00 × 12 maanden"
    assert preparation.followup.feedback == "Cliënt wil meewerken."
    assert preparation.followup.report == "Gezin met twee kinderen."
    assert "1 aangevraagd" in preparation.followup.rights


def test_the_missing_pieces_are_named(db):
    item = AgendaItemFactory()
    assert preparation_for([item])[item.pk].missing == [
        "geen voorbereider",
        "niet bereikt",
        "geen voorstel",
        "geen rechtenonderzoek",
        "geen sociaal verslag",
    ]


def test_an_unfinished_rights_investigation_is_missing(db, mw):
    item = AgendaItemFactory(preparer=mw)
    right = RightItem.objects.filter(active=True).first()
    followup_actions.rights_update(
        item.dossier, {right.pk: (RightCheck.Status.TO_CHECK, "")}, actor=mw
    )
    assert "rechtenonderzoek niet af" in preparation_for([item])[item.pk].missing


def test_the_preparation_of_many_dossiers_takes_a_fixed_number_of_queries(
    db, django_assert_num_queries
):
    session = SessionFactory()
    items = [AgendaItemFactory(session=session) for _n in range(5)]
    items = list(session.items.select_related("dossier"))
    with django_assert_num_queries(3):
        preparation_for(items)
    assert len(items) == 5


def test_the_session_page_shows_who_gave_the_feedback_and_when(db, onthaal, mw, login):
    item = AgendaItemFactory(dossier__reached_on=datetime.date(2026, 11, 20))
    proposal = followup_actions.proposal_create(
        item.dossier,
        actor=mw,
        lac_options_discussed=True,
        brochure_discussed=False,
        arrangement=Proposal.Arrangement.PLAN,
        amount_per_month=Decimal("40"),
        months=10,
        start_date=datetime.date(2027, 1, 1),
        client_agrees=Proposal.Agreement.AGREES,
        feedback="Wil een plan van € 40.",
    )
    written = timezone.localtime(proposal.created_at)

    page = login(onthaal).get(f"/lac/zitting/{item.session.pk}/").content.decode()

    assert "Wil een plan van € 40." in page
    assert f"{mw.get_full_name()}, {written:%d/%m/%Y %H:%M}" in page


def test_the_missing_pieces_are_translated_once_for_a_whole_session(db, calls_to):
    """A session of 300 households named up to six missing pieces for each, every one through
    gettext: a fifth of its agenda's time. They are translated once a language."""
    from bereik.lac import preparation

    items = [AgendaItemFactory(session=SessionFactory()) for _n in range(3)]
    preparation._missing_words.cache_clear()
    asked = calls_to(preparation, "_")
    found = preparation_for(items)
    assert all(len(found[item.pk].missing) == 5 for item in items)
    missing_words = [text for text in asked if text.startswith(("geen", "niet", "recht"))]
    assert sorted(missing_words) == sorted(set(missing_words)) and len(missing_words) == 6
