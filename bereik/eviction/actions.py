"""Writes of the eviction procedure. Every function takes `actor=`, runs in a transaction, leaves
an audit event and a timeline entry, and brings the dossier's deadline (the next hearing, the
earliest eviction date, the bailiff's date) and volgende stap in line."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik import audit
from bereik.dossiers import next_step
from bereik.dossiers.actions import dossier_log
from bereik.dossiers.models import Dossier
from bereik.eviction import queries, rules
from bereik.eviction.models import Hearing, Judgment, OcmwAction
from bereik.lib import locking

EVENT = "uithuiszetting"  # the timeline's family of these entries

JUDGMENT_FIELDS = ("date", "decision", "eviction_allowed_from", "served_on", "note")
HEARING_FIELDS = ("date", "court", "outcome", "postponed_to", "note")


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _d(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _check_dossier(dossier: Dossier) -> None:
    if dossier.kind != Dossier.Kind.WOONST:
        raise ValidationError(_("Alleen een woonstdossier heeft een procedure tot uithuiszetting."))
    if not dossier.is_open:
        raise ValidationError(_("Dit dossier is afgesloten."))


def procedure_follow(dossier: Dossier, *, actor) -> None:
    """The dossier's deadline as the procedure stands now, and its volgende stap."""
    facts = queries.facts_for([dossier.pk])[dossier.pk]
    deadline, kind = rules.deadline(facts)
    if (dossier.deadline, dossier.deadline_kind) != (deadline, kind):
        dossier.deadline, dossier.deadline_kind = deadline, kind
        dossier.save(update_fields=["deadline", "deadline_kind", "updated_at"])
    next_step.refresh_one(dossier, actor=actor)


@transaction.atomic
def hearing_record(
    dossier: Dossier,
    *,
    date: datetime.date,
    outcome: str,
    court: str = "",
    postponed_to: datetime.date | None = None,
    note: str = "",
    actor,
    version: str | None = None,
) -> Hearing:
    """The outcome of a hearing: a judgment, a postponement to a new date (which becomes the
    next hearing), a settlement, or struck off the roll. `version`: the one of the hearing the
    form showed ("" when it showed none); a hearing whose outcome is recorded is only written
    over from a form that showed that outcome, else StaleEdit (bereik.lib.locking)."""
    _check_dossier(dossier)
    recorded = (
        Hearing.objects.select_for_update()
        .filter(dossier=dossier, date=date)
        .exclude(outcome="")
        .first()
    )
    if recorded is not None and version is not None:
        if not version:  # the form showed no hearing, or another one
            raise locking.StaleEdit(recorded, locking.version_of(recorded, HEARING_FIELDS))
        locking.check(recorded, version)
    if outcome not in Hearing.Outcome.values:
        raise ValidationError({"outcome": _("Kies de afloop van de zitting.")})
    if date > timezone.localdate():
        raise ValidationError({"date": _("De afloop noteer je na de zitting.")})
    if outcome == Hearing.Outcome.POSTPONED:
        if postponed_to is None:
            raise ValidationError({"postponed_to": _("Naar welke datum werd de zaak uitgesteld?")})
        if postponed_to <= date:
            raise ValidationError({"postponed_to": _("De nieuwe zitting valt na deze zitting.")})
    else:
        postponed_to = None
    hearing, _created = Hearing.objects.get_or_create(
        dossier=dossier, date=date, defaults={"court": court.strip()}
    )
    hearing.court = court.strip() or hearing.court
    hearing.outcome, hearing.postponed_to, hearing.note = outcome, postponed_to, note.strip()
    hearing.recorded_at, hearing.recorded_by = timezone.now(), _user(actor)
    hearing.save()
    if postponed_to is not None:
        Hearing.objects.get_or_create(
            dossier=dossier, date=postponed_to, defaults={"court": hearing.court}
        )
    summary = _("Zitting van %(date)s: %(outcome)s") % {
        "date": _d(date),
        "outcome": hearing.get_outcome_display().lower(),
    }
    if postponed_to is not None:
        summary = _("Zitting van %(date)s uitgesteld naar %(new)s") % {
            "date": _d(date),
            "new": _d(postponed_to),
        }
    dossier_log(
        dossier, f"{EVENT}.zitting", summary, actor=actor, text=hearing.note,
        data={"hearing": hearing.pk, "outcome": outcome},
    )  # fmt: skip
    audit.record(
        "eviction.hearing",
        actor=actor,
        obj=hearing,
        details={"date": date.isoformat(), "outcome": outcome},
    )
    procedure_follow(dossier, actor=actor)
    return hearing


@transaction.atomic
def judgment_record(
    dossier: Dossier,
    *,
    date: datetime.date,
    decision: str,
    eviction_allowed_from: datetime.date | None = None,
    served_on: datetime.date | None = None,
    note: str = "",
    actor,
    version: str | None = None,
) -> Judgment:
    """The judgment (or a correction of what was recorded): its date, what it decided, from when
    it allows the eviction and when it was served on the tenant. `version`: the one of the
    judgment the form showed, "" when it showed none (bereik.lib.locking)."""
    _check_dossier(dossier)
    today = timezone.localdate()
    if decision not in Judgment.Decision.values:
        raise ValidationError({"decision": _("Kies wat de vrederechter besliste.")})
    if date > today:
        raise ValidationError({"date": _("Een vonnis noteer je nadat het uitgesproken is.")})
    if served_on is not None and (served_on < date or served_on > today):
        raise ValidationError(
            {"served_on": _("De betekening valt na het vonnis en niet in de toekomst.")}
        )
    judgment = Judgment.objects.select_for_update().filter(dossier=dossier).first()
    if judgment is not None and version is not None:
        if version:
            locking.check(judgment, version)
        else:  # someone recorded the judgment since the form was loaded without one
            raise locking.StaleEdit(judgment, locking.version_of(judgment, JUDGMENT_FIELDS))
    created = judgment is None
    if created:
        judgment = Judgment(dossier=dossier, recorded_by=_user(actor))
    old_served = judgment.served_on
    judgment.date, judgment.decision = date, decision
    judgment.eviction_allowed_from, judgment.served_on = eviction_allowed_from, served_on
    judgment.note = note.strip()
    judgment.save()
    # The hearing where the judgment was pronounced, when it is still open.
    Hearing.objects.filter(dossier=dossier, outcome="", date__lte=date).update(
        outcome=Hearing.Outcome.JUDGMENT, recorded_at=timezone.now(), recorded_by=_user(actor)
    )
    summary = _("Vonnis van %(date)s: %(decision)s") % {
        "date": _d(date),
        "decision": judgment.get_decision_display().lower(),
    }
    if not created:
        summary = _("Vonnis bijgewerkt: %(summary)s") % {"summary": summary}
    dossier_log(
        dossier, f"{EVENT}.vonnis", summary, actor=actor, text=judgment.note,
        data={"judgment": judgment.pk, "decision": decision},
    )  # fmt: skip
    if served_on is not None and served_on != old_served:
        _log_service(judgment, actor=actor)
    audit.record(
        "eviction.judgment",
        actor=actor,
        obj=judgment,
        details={"decision": decision, "created": created, "served_on": _d(served_on)},
    )
    procedure_follow(dossier, actor=actor)
    return judgment


def _log_service(judgment: Judgment, *, actor) -> None:
    earliest = rules.earliest_eviction(queries.judgment_facts(judgment))
    summary = _("Vonnis betekend op %(served)s") % {"served": _d(judgment.served_on)}
    if earliest is not None:
        summary += _(": uithuiszetting ten vroegste op %(date)s") % {"date": _d(earliest)}
    dossier_log(
        judgment.dossier, f"{EVENT}.betekening", summary, actor=actor,
        data={"judgment": judgment.pk},
    )  # fmt: skip


@transaction.atomic
def judgment_serve(dossier: Dossier, *, served_on: datetime.date, actor) -> Judgment:
    """The judgment was served on the tenant: the earliest eviction date follows."""
    _check_dossier(dossier)
    judgment = Judgment.objects.filter(dossier=dossier).first()
    if judgment is None:
        raise ValidationError(_("Noteer eerst het vonnis."))
    if served_on < judgment.date or served_on > timezone.localdate():
        raise ValidationError(
            {"served_on": _("De betekening valt na het vonnis en niet in de toekomst.")}
        )
    judgment.served_on = served_on
    judgment.save(update_fields=["served_on", "updated_at"])
    _log_service(judgment, actor=actor)
    audit.record("eviction.served", actor=actor, obj=judgment, details={"served_on": _d(served_on)})
    procedure_follow(dossier, actor=actor)
    return judgment


@transaction.atomic
def eviction_date_set(
    dossier: Dossier,
    *,
    eviction_date: datetime.date,
    note: str = "",
    actor,
    version: str | None = None,
) -> Judgment:
    """The date the bailiff set for the eviction (never before the earliest date the law
    allows). `version`: the judgment's as the form showed it; StaleEdit when someone noted
    another date in between (bereik.lib.locking)."""
    _check_dossier(dossier)
    judgment = Judgment.objects.select_for_update().filter(dossier=dossier).first()
    if judgment is not None and version:
        judgment = locking.check(judgment, version)
    if judgment is None or not judgment.allows_eviction:
        raise ValidationError(_("Er is geen vonnis dat de uithuiszetting toestaat."))
    earliest = rules.earliest_eviction(queries.judgment_facts(judgment))
    if earliest is not None and eviction_date < earliest:
        raise ValidationError(
            {
                "eviction_date": _(
                    "Vóór %(date)s mag er niet uitgezet worden (een maand na de betekening)."
                )
                % {"date": _d(earliest)}
            }
        )
    judgment.eviction_date = eviction_date
    judgment.save(update_fields=["eviction_date", "updated_at"])
    dossier_log(
        dossier,
        f"{EVENT}.datum",
        _("Datum uithuiszetting vastgelegd door de gerechtsdeurwaarder: %(date)s")
        % {"date": _d(eviction_date)},
        actor=actor,
        text=note.strip(),
        data={"judgment": judgment.pk},
    )
    audit.record(
        "eviction.date", actor=actor, obj=judgment, details={"eviction_date": _d(eviction_date)}
    )
    procedure_follow(dossier, actor=actor)
    return judgment


@transaction.atomic
def ocmw_action_record(
    dossier: Dossier,
    *,
    kind: str,
    date: datetime.date,
    note: str = "",
    consent: bool | None = None,
    actor,
) -> OcmwAction:
    """What the OCMW did: contact before the hearing, information to the justice of the peace
    (only with the tenant's consent), a housing search, mediation, a referral to a lawyer or
    the CAW."""
    _check_dossier(dossier)
    if kind not in OcmwAction.Kind.values:
        raise ValidationError({"kind": _("Kies wat het OCMW deed.")})
    if date > timezone.localdate():
        raise ValidationError({"date": _("Deze datum ligt in de toekomst.")})
    if kind == OcmwAction.Kind.JUSTICE and not consent:
        raise ValidationError(
            {
                "consent": _(
                    "Informatie aan de vrederechter geef je alleen met de toestemming van de "
                    "huurder."
                )
            }
        )
    action = OcmwAction.objects.create(
        dossier=dossier,
        kind=kind,
        date=date,
        note=note.strip(),
        consent=consent if kind == OcmwAction.Kind.JUSTICE else None,
        created_by=_user(actor),
    )
    dossier_log(
        dossier,
        f"{EVENT}.actie",
        _("Wat het OCMW deed (%(date)s): %(kind)s")
        % {"date": _d(date), "kind": action.get_kind_display()},
        actor=actor,
        text=action.note,
        data={"action": action.pk, "kind": kind},
    )
    audit.record("eviction.action", actor=actor, obj=action, details={"kind": kind})
    next_step.refresh_one(dossier, actor=actor)
    return action
