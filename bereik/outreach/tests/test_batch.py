import datetime

import pytest
from django.core.exceptions import ValidationError

from bereik.audit.models import AuditEvent
from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory, SignalFactory
from bereik.lac.tests.factories import AgendaItemFactory, SessionFactory
from bereik.lib import documents
from bereik.organisation.models import Company
from bereik.outreach import actions
from bereik.outreach.models import ContactAttempt, Letter, LetterBatch


@pytest.fixture
def session_dossiers(db):
    fluvius = Company.objects.get(name="Fluvius")
    return [
        DossierFactory(last_name="Aerts", first_name="Ann"),
        DossierFactory(
            last_name="Bosmans", first_name="Bert", kind=Dossier.Kind.ENERGIE, company=fluvius
        ),
        DossierFactory(last_name="Cools", first_name="Carla"),
        DossierFactory(
            last_name="Dewit", first_name="Dirk", kind=Dossier.Kind.WOONST, company=None
        ),
    ]


def test_the_invitations_of_a_session_come_as_one_document_one_page_each(
    frozen_today, session_dossiers, onthaal
):
    batch = actions.letters_generate_batch(
        session_dossiers,
        "uitnodiging_lac",
        actor=onthaal,
        sent_on=frozen_today,
        session_time="14.00 uur",
        session_place="Kazernestraat 13",
    )
    merged = batch.content()
    text = documents.docx_text(merged)
    assert text.index("Ann Aerts") < text.index("Bert Bosmans") < text.index("Carla Cools")
    assert "Dirk Dewit" not in text
    assert documents.count_page_breaks(merged) == 2
    assert "LAC) elektriciteit en gas" in text and "LAC) water" in text
    assert batch.skipped == [
        {"dossier": session_dossiers[3].pk, "number": session_dossiers[3].number}
    ]
    letters = Letter.objects.filter(batch=batch)
    assert sorted(letters.values_list("letter_type", flat=True)) == [
        "uitnodiging_lac_energie",
        "uitnodiging_lac_water",
        "uitnodiging_lac_water",
    ]
    # Sent: each is a contact attempt on its own dossier.
    assert ContactAttempt.objects.filter(kind=ContactAttempt.Kind.LETTER).count() == 3
    assert batch.title == "Uitnodiging LAC (3 brieven)"


def test_a_batch_with_nothing_to_write_is_refused(db, onthaal):
    eviction = DossierFactory(kind=Dossier.Kind.WOONST, company=None)
    with pytest.raises(ValidationError):
        actions.letters_generate_batch([eviction], "uitnodiging_lac", actor=onthaal)
    with pytest.raises(ValidationError):
        actions.letters_generate_batch([], "laatste_brief", actor=onthaal)
    assert not LetterBatch.objects.exists()


def test_a_worklist_selection_becomes_a_batch_of_visible_dossiers_only(
    frozen_today, mw, team, login
):
    mine = [
        DossierFactory(last_name=name, first_name="X", assigned_to=mw, team=team["sociale_dienst"])
        for name in ("Eerst", "Tweede")
    ]
    hidden = DossierFactory(last_name="Verborgen")
    ids = [str(d.pk) for d in (*mine, hidden)]
    client = login(mw)

    choose = client.post("/contacten/brieven/reeks/", {"dossiers": ids, "terug": "/"})
    page = choose.content.decode()
    assert "2 dossiers gekozen" in page and "Verborgen" not in page

    options = client.post(
        "/contacten/brieven/reeks/", {"dossiers": ids, "letter_type": "uitnodiging_lac"}
    )
    assert 'name="opties-session_date"' in options.content.decode()

    response = client.post(
        "/contacten/brieven/reeks/",
        {
            "dossiers": ids,
            "letter_type": "uitnodiging_lac",
            "bevestigen": "1",
            "opties-session_date": "2026-12-15",
            "opties-session_time": "9.30 uur",
            "opties-session_place": "Zaal 2",
        },
    )
    assert response.status_code == 302
    batch = LetterBatch.objects.get()
    assert set(batch.letters.values_list("dossier__last_name", flat=True)) == {"Eerst", "Tweede"}
    assert not hidden.letters.exists()

    detail = client.get(response["Location"])
    assert detail.status_code == 200
    download = client.get(f"/contacten/brieven/reeks/{batch.pk}/download/")
    assert download.status_code == 200
    text = documents.docx_text(b"".join(download.streaming_content))
    assert "Uur: 9.30 uur" in text
    reads = AuditEvent.objects.filter(kind=AuditEvent.Kind.READ, actor=mw)
    # The batch page: one event for its list; the download: one per letter.
    listed = reads.get(action="letter.list")
    assert sorted(listed.details["ids"]) == sorted(batch.letters.values_list("pk", flat=True))
    assert reads.filter(action="letter.view").count() == 2


def test_a_batch_is_404_for_who_cannot_see_all_its_dossiers(
    frozen_today, session_dossiers, onthaal, mw, login
):
    batch = actions.letters_generate_batch(session_dossiers[:2], "laatste_brief", actor=onthaal)
    client = login(mw)
    assert client.get(f"/contacten/brieven/reeks/{batch.pk}/").status_code == 404
    assert client.get(f"/contacten/brieven/reeks/{batch.pk}/download/").status_code == 404
    assert login(onthaal).get(f"/contacten/brieven/reeks/{batch.pk}/").status_code == 200


def test_a_view_only_role_cannot_make_letters_for_a_selection(session_dossiers, diensthoofd, login):
    ids = [str(d.pk) for d in session_dossiers]
    response = login(diensthoofd).post(
        "/contacten/brieven/reeks/",
        {"dossiers": ids, "letter_type": "laatste_brief", "bevestigen": "1"},
    )
    assert response.status_code == 302
    assert not LetterBatch.objects.exists()


def test_the_way_back_only_leads_inside_bereik(mw, team, login):
    dossier = DossierFactory(assigned_to=mw, team=team["sociale_dienst"])
    client = login(mw)
    page = client.post(
        "/contacten/brieven/reeks/", {"dossiers": [dossier.pk], "terug": "https://evil.example/"}
    ).content.decode()
    assert "evil.example" not in page
    response = client.post("/contacten/brieven/reeks/", {"dossiers": [], "terug": "//evil.example"})
    assert response["Location"] == "/"
    response = client.post("/contacten/brieven/reeks/", {"dossiers": [], "terug": "/dossiers/"})
    assert response["Location"] == "/dossiers/"


def _docx_of(client, response) -> str:
    assert response.status_code == 302, response.content.decode()[:3000]
    batch = LetterBatch.objects.get()
    download = client.get(f"/contacten/brieven/reeks/{batch.pk}/download/")
    return documents.docx_text(b"".join(download.streaming_content))


def test_each_invitation_takes_its_own_known_session(frozen_today, onthaal, login):
    """From the agenda (date, time, place), else the LAC list, else the deadline; a date is asked
    only for the dossier that has none."""
    on_agenda = AgendaItemFactory(
        session__date=datetime.date(2026, 12, 8),
        session__time=datetime.time(9, 30),
        session__place="Zaal Gilde",
        dossier__last_name="Agenda",
    ).dossier
    on_list = SignalFactory(
        dossier__last_name="Lijst", session_date=datetime.date(2026, 12, 10)
    ).dossier
    by_deadline = DossierFactory(
        last_name="Termijn",
        deadline=datetime.date(2026, 12, 17),
        deadline_kind=Dossier.DeadlineKind.SESSION,
    )
    unknown = DossierFactory(last_name="Onbekend")
    client = login(onthaal)
    ids = [d.pk for d in (on_agenda, on_list, by_deadline, unknown)]

    page = client.post(
        "/contacten/brieven/reeks/", {"dossiers": ids, "letter_type": "uitnodiging_lac"}
    ).content.decode()
    assert "dinsdag 08/12/2026, 9.30 uur · Zaal Gilde" in page
    assert "donderdag 10/12/2026" in page and "LAC-lijst van de maatschappij" in page
    assert "donderdag 17/12/2026" in page and "termijn van het dossier" in page
    assert page.count("nog niet gekend") == 1
    assert "Voor het dossier zonder gekende zitting." in page

    # Without a date for the one that has none, nothing is made.
    refused = client.post(
        "/contacten/brieven/reeks/",
        {"dossiers": ids, "letter_type": "uitnodiging_lac", "bevestigen": "1"},
    )
    assert refused.status_code == 200
    assert not LetterBatch.objects.exists()

    text = _docx_of(
        client,
        client.post(
            "/contacten/brieven/reeks/",
            {
                "dossiers": ids,
                "letter_type": "uitnodiging_lac",
                "bevestigen": "1",
                "opties-session_date": "2026-12-22",
                "opties-session_time": "14.00 uur",
                "opties-session_place": "Kazernestraat 13",
            },
        ),
    )
    letters = {
        letter.dossier.last_name: letter.options
        for letter in Letter.objects.select_related("dossier")
    }
    assert letters["Agenda"]["session_date"] == "2026-12-08"
    assert letters["Agenda"]["session_time"] == "9.30 uur"
    assert letters["Agenda"]["session_place"] == "Zaal Gilde"
    assert letters["Lijst"]["session_date"] == "2026-12-10"
    assert letters["Lijst"]["session_time"] == "14.00 uur"  # the list names no time
    assert letters["Termijn"]["session_date"] == "2026-12-17"
    assert letters["Onbekend"]["session_date"] == "2026-12-22"
    for day in ("8 december 2026", "10 december 2026", "17 december 2026", "22 december 2026"):
        assert day in text


def test_when_every_session_is_known_nothing_is_asked(frozen_today, onthaal, login):
    session = SessionFactory(date=datetime.date(2026, 12, 8), time=datetime.time(14, 0))
    dossiers = [AgendaItemFactory(session=session).dossier for _ in range(2)]
    client = login(onthaal)
    ids = [d.pk for d in dossiers]
    page = client.post(
        "/contacten/brieven/reeks/", {"dossiers": ids, "letter_type": "uitnodiging_lac"}
    ).content.decode()
    assert 'name="opties-session_date"' not in page
    assert 'name="opties-session_time"' not in page
    text = _docx_of(
        client,
        client.post(
            "/contacten/brieven/reeks/",
            {"dossiers": ids, "letter_type": "uitnodiging_lac", "bevestigen": "1"},
        ),
    )
    assert text.count("Datum: dinsdag 8 december 2026") == 2
    assert text.count("Uur: 14.00 uur") == 2


def test_a_selection_the_user_may_not_change_says_so(session_dossiers, diensthoofd, login):
    ids = [str(d.pk) for d in session_dossiers]
    response = login(diensthoofd).post(
        "/contacten/brieven/reeks/", {"dossiers": ids, "terug": "/dossiers/"}, follow=True
    )
    page = response.content.decode()
    assert "Je mag geen van de gekozen dossiers wijzigen" in page
    assert "Kies minstens één dossier." not in page


def test_dossiers_the_user_may_only_see_are_left_out_with_a_word(diensthoofd, login):
    """The diensthoofd reads every dossier but changes only those assigned to him."""
    mine = DossierFactory(last_name="Eigen", assigned_to=diensthoofd)
    seen = DossierFactory(last_name="Gezien")
    page = (
        login(diensthoofd)
        .post("/contacten/brieven/reeks/", {"dossiers": [mine.pk, seen.pk]})
        .content.decode()
    )
    assert "1 gekozen dossier blijft buiten deze brieven: je mag het niet wijzigen." in page
    assert "1 dossier gekozen" in page
    assert "Eigen" in page and "Gezien" not in page
