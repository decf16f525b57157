"""The eviction procedure as a rule of the volgende stap (`bereik.dossiers.next_step`, order 5,
before the help and the contact rules): what the court's calendar asks of a woonst dossier now.

- a hearing ahead and nothing done yet: the letter to the tenant before the hearing;
- a hearing passed without its outcome: record it;
- a judgment that allows the eviction, not served yet: follow up the service;
- served: look for housing before the earliest eviction date;
- the bailiff's date set: arrange housing and shelter by then; passed: record how it ended.

Otherwise the other rules decide (the contact sequence, the help)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik.dossiers import next_step as steps
from bereik.dossiers.models import Dossier
from bereik.eviction import queries, rules
from bereik.lib import workdays
from bereik.outreach.models import ContactAttempt

SERVICE_FOLLOW_UP_DAYS = 7  # after the judgment: ask whether it was served
HOUSING_BEFORE_DAYS = 7  # the housing search should be settled a week before the date


def _d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def step_for(dossier: Dossier, facts: rules.Facts, *, contacted: bool, today):
    """(label, due, button label, url) or None when the procedure asks nothing now."""
    pk = dossier.pk
    judgment = facts.judgment
    if judgment is not None:
        if not judgment.allows_eviction:
            return None
        if judgment.eviction_date is not None:
            if judgment.eviction_date < today:
                return (
                    _("Afloop van de uithuiszetting noteren en het dossier afsluiten"),
                    judgment.eviction_date,
                    _("Dossier afsluiten"),
                    reverse("followup:dossier_close", args=[pk]),
                )
            return (
                _("Uithuiszetting op %(date)s: woonst en opvang regelen")
                % {"date": _d(judgment.eviction_date)},
                workdays.working_day_on_or_before(
                    judgment.eviction_date - datetime.timedelta(days=HOUSING_BEFORE_DAYS)
                ),
                _("Wat het OCMW deed noteren"),
                reverse("eviction:action_create", args=[pk]),
            )
        earliest = rules.earliest_eviction(judgment)
        if earliest is None:
            return (
                _("Betekening van het vonnis opvolgen"),
                workdays.working_day_on_or_after(
                    judgment.date + datetime.timedelta(days=SERVICE_FOLLOW_UP_DAYS)
                ),
                _("Betekening noteren"),
                reverse("eviction:judgment", args=[pk]),
            )
        return (
            _("Andere woonst zoeken vóór %(date)s (vroegste uithuiszetting)")
            % {"date": _d(earliest)},
            workdays.working_day_on_or_before(
                earliest - datetime.timedelta(days=HOUSING_BEFORE_DAYS)
            ),
            _("Datum uithuiszetting noteren"),
            reverse("eviction:eviction_date", args=[pk]),
        )
    if facts.open_hearings:
        first = min(facts.open_hearings)
        if first < today:
            return (
                _("Afloop van de zitting van %(date)s noteren") % {"date": _d(first)},
                first,
                _("Afloop zitting noteren"),
                reverse("eviction:hearing", args=[pk]) + f"?datum={first.isoformat()}",
            )
        if not contacted:
            return (
                _("Brief aan de huurder vóór de zitting van %(date)s") % {"date": _d(first)},
                max(today, dossier.opened_at.date()) if dossier.opened_at else today,
                _("Brief maken"),
                reverse("outreach:letter_create", args=[pk, queries.LETTER_BEFORE_HEARING]),
            )
    return None


def _situations(dossiers) -> dict[int, tuple]:
    today = timezone.localdate()
    woonst = [d for d in dossiers if d.kind == Dossier.Kind.WOONST]
    if not woonst:
        return {}
    ids = [d.pk for d in woonst]
    facts = queries.facts_for(ids)
    contacted = queries.with_letter_before_hearing(ids) | set(
        ContactAttempt.objects.filter(dossier_id__in=ids).values_list("dossier_id", flat=True)
    )
    result = {}
    for dossier in woonst:
        if dossier.reached_on is not None:
            contacted.add(dossier.pk)
        step = step_for(dossier, facts[dossier.pk], contacted=dossier.pk in contacted, today=today)
        if step is not None:
            result[dossier.pk] = step
    return result


def applies(dossiers) -> set[int]:
    return set(_situations(dossiers))


def steps_for(dossiers, *, actor=None) -> dict[int, steps.NextStep | None]:
    today = timezone.localdate()
    return {
        pk: steps.NextStep(label, due, today=today)
        for pk, (label, due, _button, _url) in _situations(dossiers).items()
    }


def page_step(dossier, can_change: bool) -> steps.NextStep | None:
    found = _situations([dossier]).get(dossier.pk)
    if found is None:
        return None
    label, due, button, url = found
    actions = (steps.Action(label=button, url=url),) if can_change else ()
    return steps.NextStep(label, due, actions=actions)


RULE = steps.Rule(order=5, key="eviction", applies=applies, steps=steps_for, page=page_step)
