"""No lost updates on a contact attempt's correction (bereik.lib.locking): two corrections in a
row from the same loaded form: the second is refused, shows both versions, and corrects nothing;
saving again corrects the version that is current now."""

from bereik.lib.tests.stale import assert_refused, loaded_form, two_saves
from bereik.outreach.models import ContactAttempt
from bereik.outreach.tests.test_attempts import record


def test_a_contact_attempt_corrected_twice_at_once(
    frozen_today, route_c_dossier, preventiewerker, login
):
    attempt = record(route_c_dossier, preventiewerker, note="Eerste notitie")
    client = login(preventiewerker)
    url = f"/contacten/poging/{attempt.pk}/corrigeren/"

    first, second = two_saves(
        client,
        url,
        {"note": "Notitie van Pieter", "reason": "Aangevuld"},
        {"note": "Notitie van een collega", "reason": "Ook aangevuld"},
    )

    assert first.status_code == 302
    assert_refused(second, "Notitie van Pieter", "Notitie van een collega")
    current = ContactAttempt.objects.get(is_current=True)
    assert current.note == "Notitie van Pieter"
    assert ContactAttempt.objects.count() == 2
    # The page now corrects the current version: saving again keeps the collega's note.
    again = loaded_form(second.content.decode())
    assert f'action="/contacten/poging/{current.pk}/corrigeren/"' in second.content.decode()
    assert client.post(f"/contacten/poging/{current.pk}/corrigeren/", again).status_code == 302
    assert ContactAttempt.objects.get(is_current=True).note == "Notitie van een collega"
