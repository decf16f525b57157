"""The contact rules as the rule of the volgende stap (`bereik.dossiers.next_step`): every open
dossier until the help has started, from the attempts, letters and visits (`next_step.decide`,
the Sint-Truiden sequence), with the buttons that take the step on the dossier's page."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.dossiers import next_step as steps
from bereik.outreach import next_step
from bereik.outreach.actions import reached_and_status_sync
from bereik.outreach.models import ContactAttempt, PartOfDay
from bereik.outreach.queries import situation_on_page, situations_for


def _url(name, *args, **query):
    url = reverse(name, args=args)
    query = {key: value for key, value in query.items() if value not in (None, "")}
    return f"{url}?{urlencode(query)}" if query else url


def step_actions(dossier, step) -> list[steps.Action]:
    """The buttons that take the next step."""
    if step is None:
        return []
    pk = dossier.pk
    if step.code in (next_step.INVITE, next_step.LEAVE_LAST_LETTER):
        return [
            steps.Action(
                label=_("Brief maken"),
                url=_url("outreach:letter_create", pk, step.letter_type),
            )
        ]
    if step.code == next_step.LEAVE_NOT_AT_HOME_LETTER:
        return [
            steps.Action(
                label=_("Niet-thuisbrief maken"),
                url=_url(
                    "outreach:letter_create",
                    pk,
                    step.letter_type,
                    visit_date=step.visit_date.isoformat(),
                    appointment_date=step.appointment_date.isoformat(),
                    appointment_part=step.appointment_part,
                ),
            )
        ]
    if step.code == next_step.SEND_LETTER:
        return [
            steps.Action(
                label=_("Als verstuurd aanduiden"),
                post=reverse("outreach:letter_mark_sent", args=[step.letter_id]),
            ),
            steps.Action(
                label=_("Brief downloaden"),
                url=reverse("outreach:letter_download", args=[step.letter_id]),
                secondary=True,
            ),
        ]
    if step.code in (next_step.FIRST_VISIT, next_step.SECOND_VISIT):
        today = timezone.localdate()
        result = steps.Action(
            label=_("Resultaat van het bezoek registreren"),
            url=_url(
                "outreach:attempt_create",
                pk,
                kind=step.visit_kind,
                part_of_day=step.part_of_day,
            ),
        )
        plan = steps.Action(
            label=_("Huisbezoek inplannen"),
            url=_url(
                "outreach:visit_create",
                pk,
                kind=step.visit_kind,
                date=max(step.date, today).isoformat() if step.date else "",
                part_of_day=step.part_of_day,
            ),
            secondary=True,
        )
        return [result] if step.planned else [result, plan]
    if step.code in (next_step.CONTACT, next_step.WAIT):
        # Not "Contactpoging registreren": that is the general button right below.
        label = _("Reactie of telefoon registreren") if step.code == next_step.WAIT else None
        return [
            steps.Action(
                label=label or _("Resultaat van het contact registreren"),
                url=_url("outreach:attempt_create", pk, kind=ContactAttempt.Kind.PHONE),
            )
        ]
    return []  # help and closing are taken on the follow-up sections


def step_moment(step) -> dict:
    """What the page header adds to a step's date: the part of the day of a visit planned or
    announced for that day (the step then happens *on* its date), and for the not-at-home letter
    the new appointment it will propose."""
    parts = dict(PartOfDay.choices)
    moment = {}
    if step.part_of_day and step.code in (next_step.FIRST_VISIT, next_step.SECOND_VISIT):
        moment["part"] = str(parts.get(step.part_of_day, step.part_of_day))
    if step.code == next_step.LEAVE_NOT_AT_HOME_LETTER and step.appointment_date:
        moment["appointment"] = steps.Appointment(
            step.appointment_date, str(parts.get(step.appointment_part, step.appointment_part))
        )
    return moment


def _as_step(step: next_step.Step | None, today) -> steps.NextStep | None:
    if step is None:
        return None
    return steps.NextStep(step.label, step.date, today=today)


def applies(dossiers) -> set[int]:
    return {dossier.pk for dossier in dossiers}


def steps_for(dossiers, *, actor=None) -> dict[int, steps.NextStep | None]:
    """The steps of these dossiers, with three reads whatever their number. A dossier whose
    reached date or status lags its attempts is brought in line first (rare: the actions that
    record attempts keep them in line)."""
    today = timezone.localdate()
    result = {}
    for dossier, situation in zip(dossiers, situations_for(dossiers, today=today), strict=True):
        reached_and_status_sync(dossier, situation, actor=actor)
        result[dossier.pk] = _as_step(next_step.decide(situation), today)
    return result


def page_step(dossier, can_change: bool) -> steps.NextStep | None:
    situation = situation_on_page(dossier)
    step = next_step.decide(situation)
    if step is None:
        return None
    return steps.NextStep(
        step.label,
        step.date,
        actions=tuple(step_actions(dossier, step)) if can_change else (),
        today=situation.today,
        **step_moment(step),
    )


RULE = steps.Rule(order=20, key="contact", applies=applies, steps=steps_for, page=page_step)
