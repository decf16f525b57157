"""One timeline per dossier: every event in order, filterable by type, no query per event."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from bereik.dossiers.actions import dossier_log, task_create
from bereik.followup import actions
from bereik.followup.tests.factories import reached_dossier


@pytest.fixture
def dossier(mw, team):
    return reached_dossier(mw, team["sociale_dienst"])


def at(day, hour=10):
    return time_machine.travel(datetime.datetime(2026, 11, day, hour), tick=False)


def test_it_lists_every_event_in_order(dossier, mw, login):
    with at(2):
        dossier_log(dossier, "signal", "LAC-oproeping water ontvangen", actor=None)
    with at(5):
        actions.note_add(dossier, text="Huisbezoek gepland.", actor=mw)
    with at(9):
        task_create(dossier, description="Facturen opvragen", assignee=mw, actor=mw)

    response = login(mw).get(reverse("followup:timeline", args=[dossier.pk]))

    summaries = [event.summary for event in response.context["events"]]
    assert summaries == [
        "LAC-oproeping water ontvangen",
        "Huisbezoek gepland.",
        "Taak: Facturen opvragen",
    ]


def test_it_filters_by_type(dossier, mw, login):
    dossier_log(dossier, "signal", "Signaal", actor=None)
    actions.note_add(dossier, text="Een notitie", actor=mw)

    response = login(mw).get(reverse("followup:timeline", args=[dossier.pk]), {"soort": "note"})

    assert [event.summary for event in response.context["events"]] == ["Een notitie"]
    assert ("note", "Notitie") in response.context["kinds"]
    assert ("signal", "Signaal") in response.context["kinds"]


def test_htmx_gets_only_the_list(dossier, mw, login):
    actions.note_add(dossier, text="Een notitie", actor=mw)

    response = login(mw).get(
        reverse("followup:timeline", args=[dossier.pk]), {"soort": "note"}, HTTP_HX_REQUEST="true"
    )

    content = response.content.decode()
    assert "Een notitie" in content
    assert "<html" not in content


def test_the_dossier_page_filters_the_timeline_section_too(dossier, mw, login):
    dossier_log(dossier, "signal", "Signaal van Farys", actor=None)
    actions.note_add(dossier, text="Notitie over Farys", actor=mw)

    page = login(mw).get(dossier.get_absolute_url(), {"soort": "note"}).content.decode()
    timeline = page[page.index('id="tijdlijn-lijst"') :]

    assert "Notitie over Farys" in timeline
    assert "Signaal van Farys" not in timeline


def test_the_timeline_runs_a_fixed_number_of_queries(
    dossier, mw, login, django_assert_max_num_queries
):
    for n in range(30):
        actions.note_add(dossier, text=f"Notitie {n}", actor=mw)
    client = login(mw)
    url = reverse("followup:timeline", args=[dossier.pk])
    client.get(url)

    # The logged read is three (the audit chain's head, the event, the head moved on: ADR 0027).
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert len(response.context["events"]) == 30


def test_long_timelines_open_on_the_latest_page(dossier, mw, login):
    for n in range(105):
        dossier_log(dossier, "note", f"Gebeurtenis {n}", actor=mw)

    response = login(mw).get(reverse("followup:timeline", args=[dossier.pk]))

    events = response.context["events"]
    assert events.number == 2
    assert [event.summary for event in events] == [f"Gebeurtenis {n}" for n in range(100, 105)]
    assert "Eerdere gebeurtenissen" in response.content.decode()


def test_the_filter_groups_kinds_by_family(dossier, mw, login):
    dossier_log(dossier, "lac.agenda", "Op de agenda", actor=None)
    dossier_log(dossier, "lac.advice", "LAC-advies: geen afsluiting", actor=None)
    dossier_log(dossier, "lacuna", "Iets anders", actor=None)

    response = login(mw).get(reverse("followup:timeline", args=[dossier.pk]), {"soort": "lac"})

    assert [event.summary for event in response.context["events"]] == [
        "Op de agenda",
        "LAC-advies: geen afsluiting",
    ]
    assert ("lac", "LAC") in response.context["kinds"]
    assert response.context["events"].paginator.count == 2


def test_the_events_are_counted_with_their_kinds_in_one_read(dossier, mw, login):
    """The kinds to filter on and the number of events shown come from one grouped read of the
    timeline; the page of events is the other. A filter counts only its own family."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(103):
        dossier_log(dossier, "note", f"Notitie {n}", actor=mw)
    dossier_log(dossier, "signal", "Signaal", actor=None)
    client = login(mw)
    url = reverse("followup:timeline", args=[dossier.pk])
    client.get(url)

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"soort": "note"})

    events = response.context["events"]
    assert events.paginator.count == 103 and events.number == 2
    assert [event.summary for event in events] == ["Notitie 100", "Notitie 101", "Notitie 102"]
    assert ("signal", "Signaal") in response.context["kinds"]
    reads = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].partition(" FROM ")[2].startswith('"dossiers_dossierevent"')
    ]
    assert len(reads) == 2, reads
