"""The dossier page: a compact header that says where the dossier stands, then the sections."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory, SignalFactory


def _header(page: str) -> str:
    start = page.index('class="card dossier-header')
    return page[start : page.index("</header>", start)]


def _dossier(worker, team, **fields):
    values = {
        "status": Dossier.Status.ASSIGNED,
        "assigned_to": worker,
        "team": team,
        "route": Dossier.Route.A,
        "amount_due": Decimal("1273.37"),
        "deadline": timezone.localdate() + datetime.timedelta(days=12),
        "deadline_kind": Dossier.DeadlineKind.SESSION,
        **fields,
    }
    return DossierFactory(**values)


def test_the_header_says_where_the_dossier_stands(mw, team, login):
    dossier = _dossier(mw, team["sociale_dienst"], next_step="Onaangekondigd huisbezoek")

    header = _header(login(mw).get(dossier.get_absolute_url()).content.decode())

    assert dossier.household_name in header and dossier.number in header
    assert "Water" in header and "De Watergroep" in header and dossier.customer_number in header
    assert "(LAC-zitting)" in header and "nog 12 dagen" in header
    assert "Route A: actieve begeleiding" in header
    assert "Mia Test" in header and "Sociale Dienst" in header
    assert "Nog niet bereikt" in header
    assert "Volgende stap" in header
    assert "Contactpoging registreren" in header


def test_amounts_are_written_the_belgian_way(mw, team, login):
    dossier = _dossier(mw, team["sociale_dienst"])
    SignalFactory(dossier=dossier, amount=Decimal("1273.37"))

    page = login(mw).get(dossier.get_absolute_url()).content.decode()

    assert "€\u00a01.273,37" in _header(page)  # the sign never ends a line
    signals = page[page.index('id="sectie-signalen"') :]
    assert "€ 1.273,37" in signals and "1273.37" not in signals


def test_a_reached_household_shows_when_it_was_reached(mw, team, login):
    dossier = _dossier(
        mw,
        team["sociale_dienst"],
        status=Dossier.Status.REACHED,
        reached_on=datetime.date(2026, 11, 20),
    )

    header = _header(login(mw).get(dossier.get_absolute_url()).content.decode())

    assert "Bereikt op 20/11/2026" in header and "Nog niet bereikt" not in header
    assert "Gesprek registreren" in header


def test_a_closed_dossier_counts_no_days_and_has_no_next_step(mw, team, login):
    dossier = _dossier(mw, team["sociale_dienst"], status=Dossier.Status.CLOSED, next_step="Bellen")
    dossier.closed_at = timezone.now()
    dossier.save()

    header = _header(login(mw).get(dossier.get_absolute_url()).content.decode())

    assert "Afgesloten op" in header
    assert "nog 12 dagen" not in header
    assert "Volgende stap" not in header and "Contactpoging registreren" not in header


def test_work_comes_first_and_the_signals_are_folded_below_it(mw, team, login):
    dossier = _dossier(mw, team["sociale_dienst"])
    SignalFactory(dossier=dossier)

    page = login(mw).get(dossier.get_absolute_url()).content.decode()

    assert page.index('id="sectie-contacten"') < page.index('id="sectie-signalen"')
    assert page.index('id="sectie-signalen"') < page.index('id="sectie-tijdlijn"')
    assert page.index('id="sectie-taken"') < page.index('id="sectie-client"')
    assert 'class="collapse" id="inhoud-signalen"' in page
    assert 'aria-controls="inhoud-signalen"' in page and "1 signaal" in page


def test_help_sections_start_folded_until_the_household_is_reached(mw, team, login):
    waiting = _dossier(mw, team["sociale_dienst"])
    reached = _dossier(
        mw,
        team["sociale_dienst"],
        status=Dossier.Status.REACHED,
        reached_on=datetime.date(2026, 11, 20),
    )
    client = login(mw)

    assert (
        'class="collapse" id="inhoud-rechten"'
        in client.get(waiting.get_absolute_url()).content.decode()
    )
    assert (
        'class="collapse show" id="inhoud-rechten"'
        in client.get(reached.get_absolute_url()).content.decode()
    )


def test_feedback_after_saving_in_a_section_can_be_shown_in_that_section(mw, team, login):
    dossier = _dossier(mw, team["sociale_dienst"])
    client = login(mw)

    response = client.post(
        reverse("followup:task_add", args=[dossier.pk]),
        {"description": "Terugbellen", "assignee": mw.pk},
        follow=True,
    )

    assert response.redirect_chain[-1][0].endswith("#sectie-taken")
    page = response.content.decode()
    # The page moves this box into the section named in the address (bereik.js, on every page).
    assert '<div id="berichten" aria-live="polite">' in page and "De taak is toegevoegd." in page
    assert '<script src="/static/bereik/bereik.js"></script>' in page
    script = (settings.BASE_DIR / "bereik" / "static" / "bereik" / "bereik.js").read_text()
    assert 'getElementById("inhoud-" + key)' in script and "prepend(feedback)" in script


def test_an_eviction_shows_its_court_reference_not_a_company(mw, team, login):
    dossier = _dossier(
        mw,
        team["sociale_dienst"],
        kind=Dossier.Kind.WOONST,
        company=None,
        customer_number="25A1187",
    )

    header = _header(login(mw).get(dossier.get_absolute_url()).content.decode())

    assert "Rolnummer of referentie" in header and "25A1187" in header
    assert "Maatschappij" not in header


def test_the_original_row_reads_as_the_spreadsheet_showed_it(mw, team, login):
    dossier = _dossier(mw, team["sociale_dienst"])
    SignalFactory(
        dossier=dossier, raw={"Saldo": 1253.97, "Datum afsluiting": "2026-12-15", "Klant": "W1"}
    )

    page = login(mw).get(dossier.get_absolute_url()).content.decode()

    raw = page[page.index('class="raw-row"') :]
    assert "1253,97" in raw and "1253.97" not in raw
    assert "15/12/2026" in raw and "2026-12-15" not in raw


def _open_sections(page: str) -> set[str]:
    import re

    return set(re.findall(r'class="collapse show" id="inhoud-([\w-]+)"', page))


def test_the_page_opens_what_matters_in_the_dossiers_phase(mw, team, login):
    """What to do now first: before the household is reached the contact section is open and the
    rest folds away; once reached, the help; once closed, the closing. The timeline and the
    signals always start folded (the caption says what they hold)."""
    client = login(mw)
    waiting = _dossier(mw, team["sociale_dienst"])
    SignalFactory(dossier=waiting)
    reached = _dossier(
        mw, team["sociale_dienst"], status=Dossier.Status.REACHED, reached_on=timezone.localdate()
    )
    closed = _dossier(
        mw,
        team["sociale_dienst"],
        status=Dossier.Status.CLOSED,
        reached_on=timezone.localdate(),
        closed_at=timezone.now(),
    )

    opened = _open_sections(client.get(waiting.get_absolute_url()).content.decode())
    assert "contacten" in opened
    assert not opened & {"gesprek", "verslag", "rechten", "tijdlijn", "signalen", "afsluiting"}

    opened = _open_sections(client.get(reached.get_absolute_url()).content.decode())
    assert {"gesprek", "verslag", "rechten"} <= opened
    assert not opened & {"contacten", "tijdlijn", "afsluiting"}

    opened = _open_sections(client.get(closed.get_absolute_url()).content.decode())
    assert "afsluiting" in opened
    assert not opened & {"contacten", "gesprek", "verslag", "rechten", "tijdlijn"}


def test_the_pages_queries_do_not_grow_with_the_dossier(mw, team, login):
    """The same number of queries for a dossier with one signal, timeline entry and task as for
    one with many; the company, team and worker are read with the dossier. (A relation without
    any row costs no query: `test_presence`.)"""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bereik.dossiers.actions import dossier_log
    from bereik.dossiers.models import Task

    client = login(mw)
    small = _dossier(mw, team["sociale_dienst"])
    SignalFactory(dossier=small)
    dossier_log(small, "note", "Notitie", actor=mw)
    Task.objects.create(dossier=small, description="Taak", assignee=mw, created_by=mw)
    large = _dossier(mw, team["sociale_dienst"])
    for n in range(6):
        SignalFactory(dossier=large)
        dossier_log(large, "note", f"Notitie {n}", actor=mw)
        Task.objects.create(dossier=large, description=f"Taak {n}", assignee=mw, created_by=mw)

    def queries(dossier):
        client.get(dossier.get_absolute_url())  # the session and the user's caches warm
        with CaptureQueriesContext(connection) as captured:
            response = client.get(dossier.get_absolute_url())
        assert response.status_code == 200
        return [query["sql"] for query in captured.captured_queries]

    few, many = queries(small), queries(large)
    assert len(few) == len(many)
    lazy = [sql for sql in many if sql.startswith("SELECT") and " LIMIT 21" in sql]
    assert not [sql for sql in lazy if '"organisation_company"' in sql.split(" FROM ")[1][:40]]
    assert not [sql for sql in lazy if '"accounts_team"' in sql.split(" FROM ")[1][:40]]
    # The user's teams by name (the notes' and documents' "zichtbaar voor"): once; the access
    # policy's team ids come with the signed-in user.
    assert len([sql for sql in many if 'JOIN "accounts_user_teams"' in sql]) == 1


def test_the_page_reads_the_contact_situation_once(mw, team, login):
    """The header's next step and the contacts section need the same rows (attempts, letters,
    visits): read once a page, not once for each."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    dossier = _dossier(mw, team["sociale_dienst"])
    client = login(mw)
    client.get(dossier.get_absolute_url())
    with CaptureQueriesContext(connection) as captured:
        page = client.get(dossier.get_absolute_url())
    assert page.status_code == 200 and page.context["next_step"] is not None
    for table in ("outreach_contactattempt", "outreach_letter", "outreach_plannedvisit"):
        reads = [q["sql"] for q in captured.captured_queries if f'FROM "{table}"' in q["sql"]]
        assert len(reads) == 1, (table, reads)


def test_the_page_reads_the_conversations_once(mw, team, login):
    """A dossier without a conversation: the section reads the proposals once, and does not ask
    again whether intensive help still needs a referral."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    dossier = _dossier(mw, team["sociale_dienst"])
    client = login(mw)
    client.get(dossier.get_absolute_url())
    with CaptureQueriesContext(connection) as captured:
        assert client.get(dossier.get_absolute_url()).status_code == 200
    reads = [q["sql"] for q in captured.captured_queries if 'FROM "followup_proposal"' in q["sql"]]
    assert len(reads) == 1


def test_the_lists_of_workers_on_the_dossier_page_and_a_worklist_read_names_only(
    mw, preventiewerker, team, login
):
    """Every "who" select box (the task's, the contact attempt's, the visit's, the assignment;
    a worklist's filter and bulk assignment) reads the workers' ids and names, not whole users:
    an organisation of hundreds of workers has them on every such page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bereik.lib import lookups

    dossier = _dossier(mw, team["sociale_dienst"])
    client = login(preventiewerker)
    for url in (dossier.get_absolute_url(), reverse("dossiers:worklist", args=["alle"])):
        client.get(url)
        lookups.clear()  # the lists are kept a minute: read them again
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url)
        assert page.status_code == 200
        lists = [
            q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT DISTINCT")
        ]
        lists = [sql for sql in lists if sql.partition(" FROM ")[2].startswith('"accounts_user"')]
        assert lists and not [sql for sql in lists if '"password"' in sql], url
        assert mw.get_full_name() in page.content.decode()


def test_the_forms_without_a_conflict_draw_no_conflict_part(mw, team, login):
    """A form shows both versions only after a save that met another one
    (`partials/conflict.html`): the dossier page's forms, which have none, do not include it
    (an include costs, and the page has about ten forms)."""
    dossier = _dossier(mw, team["sociale_dienst"])

    page = login(mw).get(dossier.get_absolute_url())

    drawn = [template.name for template in page.templates]
    assert drawn.count("partials/form.html") >= 3
    assert "partials/conflict.html" not in drawn
