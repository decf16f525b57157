"""The worklists and outreach: the volgende stap as a column, the rows that need attention
(highlighted and as filters), and letters for the ticked rows."""

import datetime
import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.organisation.actions import organisation_update
from bereik.organisation.models import Organisation
from bereik.outreach.models import Letter

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def url(key, **params):
    base = reverse("dossiers:worklist", args=[key])
    return f"{base}?{urlencode(params)}" if params else base


def numbers(response):
    return [d.number for d in response.context["page"].object_list]


@pytest.fixture
def cases(mw):
    organisation_update(Organisation.get(), deadline_warning_days=5, actor=None)
    make = DossierFactory
    return {
        "near": make(assigned_to=mw, deadline=TODAY + 4 * DAY, next_step="Bellen"),
        "past": make(assigned_to=mw, deadline=TODAY - DAY),
        "near_reached": make(assigned_to=mw, deadline=TODAY + 2 * DAY, reached_on=TODAY),
        "far": make(assigned_to=mw, deadline=TODAY + 6 * DAY),
        "late_step": make(
            assigned_to=mw,
            deadline=TODAY + 30 * DAY,
            next_step="Onaangekondigd huisbezoek",
            next_step_date=TODAY - 2 * DAY,
        ),
        "step_today": make(assigned_to=mw, next_step="Bellen", next_step_date=TODAY),
        "closed": make(
            assigned_to=mw,
            status=Dossier.Status.CLOSED,
            deadline=TODAY + DAY,
            next_step_date=TODAY - 5 * DAY,
        ),
    }


def test_the_attention_filters_use_the_outreach_definitions(login, mw, cases):
    client = login(mw)
    near = numbers(client.get(url("mijn", attention="termijn-nadert", status="alle")))
    assert sorted(near) == sorted([cases["near"].number, cases["past"].number])
    late = numbers(client.get(url("mijn", attention="stap-over-tijd", status="alle")))
    assert late == [cases["late_step"].number]
    page = client.get(url("mijn")).content.decode()
    assert "Termijn nadert, niet bereikt" in page and "Volgende stap over tijd" in page


def test_the_rows_that_need_attention_are_marked(login, mw, cases):
    response = login(mw).get(url("mijn", status="alle"))
    rows = {d.number: d for d in response.context["page"].object_list}
    flagged = {n for n, d in rows.items() if d.deadline_near_unreached}
    assert flagged == {cases["near"].number, cases["past"].number}
    assert {n for n, d in rows.items() if d.next_step_overdue} == {cases["late_step"].number}
    html = response.content.decode()
    # Marked by a border and a word, not a row colour that makes the links hard to read.
    assert html.count('<tr class="row-attention">') == 3
    assert "table-danger" not in html and "table-warning" not in html
    assert html.count('<span class="badge text-bg-danger">Termijn nadert, niet bereikt<') == 2
    assert html.count(">Over tijd<") == 1


def test_the_volgende_stap_and_its_date_are_columns(login, mw, cases):
    html = login(mw).get(url("mijn")).content.decode()
    assert '<th scope="col">Volgende stap</th>' in html
    assert "Onaangekondigd huisbezoek" in html
    assert (TODAY - 2 * DAY).strftime("%d/%m/%Y") in html


def form_fields(html: str) -> dict:
    """What the worklist form posts with the 'Brieven maken' button."""
    form = re.search(r'<form method="post" action="[^"]*" id="bulk-form">(.*?)</form>', html, re.S)
    body = form.group(1)
    button = re.search(r'<button[^>]*formaction="([^"]+)"[^>]*formnovalidate>Brieven maken', body)
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', body))
    options = re.findall(r'<select[^>]*name="letter_type">(.*?)</select>', body, re.S)[0]
    return {
        "action": button.group(1),
        "hidden": hidden,
        "letter_types": re.findall(r'<option value="([^"]+)"', options),
        "boxes": re.findall(r'name="dossiers" value="(\d+)"', body),
    }


def test_ticked_rows_get_letters_through_the_outreach_batch(login, preventiewerker):
    dossiers = [
        DossierFactory(
            deadline=TODAY + 20 * DAY, deadline_kind=Dossier.DeadlineKind.SESSION, last_name=name
        )
        for name in ("Aerts", "Bosmans")
    ]
    client = login(preventiewerker)
    page_url = url("alle", kind="water")
    fields = form_fields(client.get(page_url).content.decode())
    assert fields["action"] == reverse("outreach:batch_create")
    assert fields["letter_types"] == ["uitnodiging_lac", "laatste_brief", "vrije_brief"]
    assert fields["hidden"]["terug"].replace("&amp;", "&") == page_url
    assert sorted(fields["boxes"]) == sorted(str(d.pk) for d in dossiers)

    data = {
        **fields["hidden"],
        "dossiers": fields["boxes"],
        "letter_type": "uitnodiging_lac",
    }
    options = client.post(fields["action"], data)
    assert options.status_code == 200
    assert "2 dossiers gekozen" in options.content.decode()
    done = client.post(
        fields["action"],
        {
            **data,
            "bevestigen": "1",
            "opties-session_date": (TODAY + 20 * DAY).isoformat(),
            "opties-session_time": "14.00 uur",
            "opties-session_place": "Raadzaal",
        },
    )
    assert done.status_code == 302
    assert Letter.objects.filter(dossier__in=dossiers).count() == 2


def test_a_social_worker_can_make_letters_but_not_reassign(login, mw):
    DossierFactory(assigned_to=mw)
    html = login(mw).get(url("mijn")).content.decode()
    assert 'name="dossiers"' in html and "Brieven maken" in html
    assert "(opnieuw) toewijzen" not in html


def test_the_letters_button_skips_the_assignment_fields_and_enter_reassigns(login, preventiewerker):
    """The assignment fields are required for 'Toewijzen' only: the letters button does not
    validate them, and the form's first (default) button stays 'Toewijzen'."""
    DossierFactory()
    html = login(preventiewerker).get(url("alle")).content.decode()
    form = html.split('id="bulk-form">', 1)[1].split("</form>", 1)[0]
    buttons = re.findall(r"<button[^>]*>([^<]+)</button>", form)
    assert buttons[0].strip() == "Toewijzen"
    assert "— kies een medewerker —" in form and "---------" not in form
    assert re.search(r"<button[^>]*formnovalidate>Brieven maken", form)


def test_every_id_on_a_worklist_page_is_unique(login, preventiewerker):
    """A label must point at its own field: the filter and the reassignment both ask a worker."""
    DossierFactory()
    html = login(preventiewerker).get(url("alle")).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for target in re.findall(r'<label[^>]*\sfor="([^"]+)"', html):
        assert target in ids


def test_the_diensthoofd_reassigns_but_makes_no_letters(login, diensthoofd):
    DossierFactory()
    html = login(diensthoofd).get(url("alle")).content.decode()
    assert "(opnieuw) toewijzen" in html and 'name="dossiers"' in html
    assert "Brieven maken" not in html


def test_on_a_phone_the_filters_fold_away(login, mw):
    DossierFactory(assigned_to=mw)
    html = login(mw).get(url("mijn")).content.decode()
    assert 'data-bs-target="#filters"' in html
    assert re.search(r'<form method="get" id="filters" class="[^"]*collapse d-md-flex', html)
