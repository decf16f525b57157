"""No lost updates on the judgment (bereik.lib.locking): two saves in a row from the same loaded
form: the second is refused, shows both versions, and overwrites nothing."""

import datetime

from django.urls import reverse

from bereik.eviction import actions
from bereik.eviction.models import Hearing, Judgment
from bereik.eviction.tests.test_procedure import move_to, summoned, today  # noqa: F401
from bereik.lib.tests.stale import assert_refused, loaded_form, two_saves


def test_a_judgment_corrected_twice_at_once(summoned, onthaal, login, time_machine):  # noqa: F811
    move_to(time_machine, datetime.date(2026, 12, 11))
    actions.judgment_record(
        summoned, date=datetime.date(2026, 12, 10), decision="uithuiszetting", actor=onthaal
    )
    url = reverse("eviction:judgment", args=[summoned.pk])

    first, second = two_saves(
        login(onthaal), url, {"note": "Notitie van Olga"}, {"note": "Notitie van een collega"}
    )

    assert first.status_code == 302
    assert_refused(second, "Notitie van Olga", "Notitie van een collega")
    assert Judgment.objects.get(dossier=summoned).note == "Notitie van Olga"


def test_a_judgment_recorded_twice_from_an_empty_form(summoned, onthaal, login, time_machine):  # noqa: F811
    move_to(time_machine, datetime.date(2026, 12, 11))
    url = reverse("eviction:judgment", args=[summoned.pk])
    client = login(onthaal)
    page = client.get(url).content.decode()
    assert 'name="version"' in page

    data = {"date": "10/12/2026", "version": ""}
    first = client.post(url, {**data, "decision": "uithuiszetting", "note": "Olga"})
    second = client.post(url, {**data, "decision": "afgewezen", "note": "Collega"})

    assert first.status_code == 302
    assert_refused(second, "Olga", "Collega")
    judgment = Judgment.objects.get(dossier=summoned)
    assert (judgment.decision, judgment.note) == ("uithuiszetting", "Olga")


def test_a_hearings_outcome_recorded_twice_at_once(summoned, onthaal, login, time_machine):  # noqa: F811
    move_to(time_machine, datetime.date(2026, 12, 11))
    url = reverse("eviction:hearing", args=[summoned.pk])
    client = login(onthaal)
    # The summons' hearing of 10/12, no outcome recorded yet: the page carries an empty version.
    loaded = loaded_form(client.get(url).content.decode())
    assert loaded["date"] == "10/12/2026" and loaded["version"] == ""

    first = client.post(url, {**loaded, "outcome": "minnelijk", "note": "Regeling van Olga"})
    second = client.post(url, {**loaded, "outcome": "doorgehaald", "note": "Van een collega"})

    assert first.status_code == 302
    assert_refused(second, "Minnelijke regeling", "Doorgehaald van de rol", "Regeling van Olga")
    hearing = Hearing.objects.get(dossier=summoned, date=datetime.date(2026, 12, 10))
    assert (hearing.outcome, hearing.note) == ("minnelijk", "Regeling van Olga")


def test_a_recorded_outcome_is_shown_and_corrected_from_a_fresh_page(
    summoned,  # noqa: F811
    onthaal,
    login,
    time_machine,
):
    move_to(time_machine, datetime.date(2026, 12, 11))
    actions.hearing_record(
        summoned, date=datetime.date(2026, 12, 10), outcome="minnelijk", note="Olga", actor=onthaal
    )
    client = login(onthaal)
    url = reverse("eviction:hearing", args=[summoned.pk]) + "?datum=2026-12-10"
    loaded = loaded_form(client.get(url).content.decode())
    assert (loaded["outcome"], loaded["note"]) == ("minnelijk", "Olga")

    response = client.post(url, {**loaded, "outcome": "doorgehaald", "note": "Toch doorgehaald"})

    assert response.status_code == 302
    assert Hearing.objects.get(dossier=summoned, date="2026-12-10").outcome == "doorgehaald"


def test_a_hearing_recorded_twice_from_a_page_that_showed_none(
    summoned,  # noqa: F811
    onthaal,
    login,
    time_machine,
):
    move_to(time_machine, datetime.date(2026, 12, 11))
    url = reverse("eviction:hearing", args=[summoned.pk]) + "?datum=2026-12-03"
    client = login(onthaal)
    loaded = loaded_form(client.get(url).content.decode())
    assert loaded["version"] == ""

    first = client.post(url, {**loaded, "outcome": "uitgesteld", "postponed_to": "10/12/2026"})
    second = client.post(url, {**loaded, "outcome": "minnelijk", "note": "Collega"})

    assert first.status_code == 302
    assert_refused(second, "Uitgesteld naar een nieuwe datum", "Minnelijke regeling")
    assert Hearing.objects.get(dossier=summoned, date="2026-12-03").outcome == "uitgesteld"


def test_the_bailiffs_date_noted_twice_at_once(summoned, onthaal, login, time_machine):  # noqa: F811
    move_to(time_machine, datetime.date(2027, 1, 21))
    actions.judgment_record(
        summoned,
        date=datetime.date(2027, 1, 14),
        decision="uithuiszetting",
        served_on=datetime.date(2027, 1, 20),
        actor=onthaal,
    )
    url = reverse("eviction:eviction_date", args=[summoned.pk])

    first, second = two_saves(
        login(onthaal), url, {"eviction_date": "03/03/2027"}, {"eviction_date": "10/03/2027"}
    )

    assert first.status_code == 302
    assert_refused(second, "03/03/2027", "10/03/2027")
    assert Judgment.objects.get(dossier=summoned).eviction_date == datetime.date(2027, 3, 3)
