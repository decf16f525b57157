"""No lost updates on the judgment (bereik.lib.locking): two saves in a row from the same loaded
form: the second is refused, shows both versions, and overwrites nothing."""

import datetime

from django.urls import reverse

from bereik.eviction import actions
from bereik.eviction.models import Judgment
from bereik.eviction.tests.test_procedure import move_to, summoned, today  # noqa: F401
from bereik.lib.tests.stale import assert_refused, two_saves


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
