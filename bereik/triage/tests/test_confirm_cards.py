"""The confirmation queue's households are drawn in Python (`triage/confirm_cards.py`) exactly
as `triage/confirm.html` drew them (kept in `confirm_cards_before.html`): the household, every
open candidate with what matched, the INSZ only for those who may see it, and the three forms."""

import datetime
import re
from pathlib import Path

import pytest
from django.template import engines
from django.utils import timezone

from bereik.clients.models import Client
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers.tests.factories import DossierFactory
from bereik.triage.confirm_cards import card, cards
from bereik.triage.models import Triage

BEFORE = (Path(__file__).parent / "confirm_cards_before.html").read_text()
TODAY = timezone.localdate()


def _tags(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html).strip())


def _queue(mw):
    household = DossierFactory(
        last_name="<Peeters>",
        first_name='An "&"',
        birth_date=datetime.date(1980, 5, 6),
        insz="85073003328",
        deadline=TODAY + datetime.timedelta(days=3),
    )
    bare = DossierFactory(street="", house_number="", postcode="", city="", company=None)
    for dossier in (household, bare):
        Triage.objects.create(dossier=dossier, match_status=Triage.MatchStatus.TO_CONFIRM)
    known = ClientFactory(
        last_name="Peeters <b>",
        birth_date=datetime.date(1980, 5, 6),
        insz="85073003328",
        social_worker=mw,
        guidance_status=Client.Guidance.ACTIVE,
        intensive_guidance=True,
    )
    named = ClientFactory(social_worker=None, social_worker_name="Vera <M>", birth_date=None)
    nobody = ClientFactory(social_worker=None, social_worker_name="", street="", postcode="")
    household.triage.candidates.create(
        client=known,
        score=82.6,
        details={"same_address": True, "birth_date": "same", "name": 91.2, "address": 100},
    )
    household.triage.candidates.create(
        client=named, score=70, details={"birth_date": "different", "name": 75.5}
    )
    bare.triage.candidates.create(client=nobody, score=66.4, details={})


@pytest.mark.parametrize("can_see_insz", [True, False])
def test_a_household_is_drawn_as_the_template_drew_it(login, preventiewerker, mw, can_see_insz):
    _queue(mw)
    response = login(preventiewerker).get("/dossiers/lijsten/te-bevestigen/")
    page, request = response.context["page"], response.wsgi_request
    token = response.context["csrf_token"]
    assert len(page.object_list) == 2
    theirs = (
        engines["django"]
        .from_string(BEFORE)
        .render(
            {"page": page, "can_see_insz": can_see_insz, "csrf_token": token, "request": request}
        )
    )
    back = request.get_full_path()
    ours = "".join(
        card(dossier, can_see_insz=can_see_insz, csrf_token=token, back=back) for dossier in page
    )
    assert _tags(ours) == _tags(theirs)
    # The page's way (`{% confirm_cards %}`): its households drawn against one page, the same.
    assert cards(page, can_see_insz=can_see_insz, csrf_token=token, back=back) == ours
    assert "&lt;Peeters&gt;" in ours and "Vera &lt;M&gt;" in ours
    assert ("INSZ" in ours) == can_see_insz
    assert ours.count('name="csrfmiddlewaretoken"') == 2 + 3 * 2


def test_the_page_draws_its_households_with_it(login, preventiewerker, mw):
    _queue(mw)
    response = login(preventiewerker).get("/dossiers/lijsten/te-bevestigen/")
    context = response.context
    ours = "".join(
        card(
            dossier,
            can_see_insz=context["can_see_insz"],
            csrf_token=context["csrf_token"],
            back=response.wsgi_request.get_full_path(),
        )
        for dossier in context["page"]
    )
    assert _tags(ours) in _tags(response.content.decode())
    assert "score 83" in ours and "naam 91, adres 100" in ours


def test_a_page_of_the_queue_reads_its_links_prefix_once_whatever_its_households(
    login, preventiewerker, mw, monkeypatch
):
    """The script prefix lives in an asgiref local: each household and candidate read it for
    each of their forms' links. Nor does the page draw the worklists' table rows it does not
    show."""
    from bereik.dossiers import columns
    from bereik.lib import urls

    client = login(preventiewerker)
    reads, drawn = [], []
    prefix, screen_rows = urls.get_script_prefix, columns.screen_rows
    monkeypatch.setattr(urls, "get_script_prefix", lambda: reads.append(1) or prefix())
    monkeypatch.setattr(
        columns, "screen_rows", lambda *a, **k: drawn.append(1) or screen_rows(*a, **k)
    )
    counts = []
    for households in (2, 4):
        _queue(mw)
        reads.clear()
        page = client.get("/dossiers/lijsten/te-bevestigen/").content.decode()
        assert page.count("Geen van deze: nieuw voor het OCMW") == households
        counts.append(len(reads))
    assert counts[0] == counts[1]
    assert drawn == []
