"""The worklists' filters on the period a dossier was opened in and whether it was reached (the
figures link to them), and filters other apps register to be set through a link."""

import datetime
from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from django.utils import timezone

from bereik.dossiers import filters
from bereik.dossiers.tests.factories import DossierFactory

D = datetime.date


def url(key="alle", **params):
    return f"{reverse('dossiers:worklist', args=[key])}?{urlencode(params)}"


def numbers(response):
    return sorted(d.number for d in response.context["page"].object_list)


def opened(day, hour=10, **fields):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    return DossierFactory(opened_at=moment, **fields)


def test_opened_from_and_to_are_belgian_days_both_included(login, preventiewerker):
    first = opened(D(2026, 3, 1), hour=0)  # 23:00 UTC the day before
    last = opened(D(2026, 3, 31), hour=23)
    opened(D(2026, 2, 28), hour=23)
    opened(D(2026, 4, 1), hour=0)

    response = login(preventiewerker).get(
        url(opened_from="01/03/2026", opened_to="31/03/2026", status="alle")
    )

    assert numbers(response) == sorted([first.number, last.number])


def test_reached_not_reached_and_reached_before_the_deadline(login, preventiewerker):
    deadline = D(2026, 12, 20)
    before = DossierFactory(reached_on=D(2026, 12, 1), deadline=deadline)
    after = DossierFactory(reached_on=D(2026, 12, 20), deadline=deadline)
    never = DossierFactory(deadline=deadline)
    client = login(preventiewerker)

    assert numbers(client.get(url(reached="ja"))) == sorted([before.number, after.number])
    assert numbers(client.get(url(reached="nee"))) == [never.number]
    assert numbers(client.get(url(reached="voor-termijn"))) == [before.number]


def test_without_company_and_without_team(login, preventiewerker, team):
    eviction = DossierFactory(company=None, team=team["onthaalteam"])
    loose = DossierFactory(team=None)
    client = login(preventiewerker)

    assert numbers(client.get(url(company="geen"))) == [eviction.number]
    assert numbers(client.get(url(team="geen"))) == [loose.number]


def test_a_filter_set_through_a_link_is_hidden_and_told_in_words(login, preventiewerker):
    DossierFactory(last_name="Eerste")
    second = DossierFactory(last_name="Tweede")
    filters.register(
        "test_link",
        "Test",
        apply=lambda qs, value: qs.filter(last_name=value),
        field=lambda: forms.CharField(required=False, widget=forms.HiddenInput),
        describe=lambda value: f"Alleen {value}",
    )
    try:
        response = login(preventiewerker).get(url(test_link="Tweede"))
    finally:
        filters._extra.pop("test_link")

    assert numbers(response) == [second.number]
    html = response.content.decode()
    assert '<input type="hidden" name="test_link" value="Tweede"' in html
    assert "Alleen Tweede" in html
