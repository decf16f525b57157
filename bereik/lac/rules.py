"""The LAC's rules that write nothing: what an advice must hold, who prepares a dossier, what the
company asked and by when the LAC must advise, which follow-up tasks an advice asks for, and the
checks the actions run before they write. The actions (`bereik.lac.actions`) and the forms call
them; reads of the database that feed them are in `bereik.lac.queries`."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import dateformat
from django.utils.translation import gettext as _

from bereik.accounts.models import Role, User
from bereik.dossiers.models import Dossier
from bereik.lac import deadlines
from bereik.lac.models import AgendaItem, Session, own_social_worker
from bereik.lib import workdays
from bereik.organisation.models import Organisation

# Months after the session at which a payment plan advised by the LAC is checked.
DEFAULT_PLAN_CHECK_MONTHS = (3, 6, 12)

SESSION_FIELDS = ("kind", "company", "date", "time", "place", *Session.MEMBER_FIELDS, "notes")
ADVICE_FIELDS = (
    "attendance",
    "representative_kind",
    "representative_name",
    "advice",
    "advice_other",
    "conditional",
    "conditions",
    "condition_deadline",
    "unanimous",
    "note",
)


def plan_check_months() -> tuple[int, ...]:
    return tuple(getattr(settings, "LAC_PAYMENT_PLAN_CHECK_MONTHS", DEFAULT_PLAN_CHECK_MONTHS))


def date_text(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def display(obj, name: str) -> str:
    """A field's value as people read it (for the correction history)."""
    value = getattr(obj, name)
    model_field = obj._meta.get_field(name)
    if value is None or value == "":
        return ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, datetime.date):
        return date_text(value)
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    return str(value)


# --- sessions ----------------------------------------------------------------------------------


def check_kind(kind: str, company) -> None:
    if company is not None and company.kind != kind:
        raise ValidationError(
            {
                "company": _("%(company)s is geen maatschappij voor %(kind)s.")
                % {"company": company, "kind": dict(Session.Kind.choices)[kind].lower()}
            }
        )


def assert_open(session: Session) -> None:
    """Refuse changes to a closed session; asks the database, so a stale object cannot slip by."""
    closed_at = Session.objects.filter(pk=session.pk).values_list("closed_at", flat=True).first()
    if closed_at is not None:
        raise ValidationError(
            _("De zitting van %(date)s is afgesloten: de agenda kan niet meer wijzigen.")
            % {"date": date_text(session.date)}
        )


def session_day_warning(day: datetime.date | None) -> str:
    """A warning (never a refusal: a session may be held on any day) when `day` is a Saturday, a
    Sunday or a public holiday (`bereik.lib.workdays`); "" on a working day."""
    if day is None or workdays.is_working_day(day):
        return ""
    values = {"day": f"{dateformat.format(day, 'l')} {date_text(day)}"}
    holiday = workdays.holidays(day.year).get(day)
    if holiday:
        values["holiday"] = holiday
        return _("Let op: %(day)s is een feestdag (%(holiday)s). Klopt de datum?") % values
    return _("Let op: %(day)s is geen werkdag. Klopt de datum?") % values


def advice_too_early(session: Session) -> str:
    """Why nothing can be recorded yet for a session still to come (the form says it too)."""
    return _(
        "De zitting is pas op %(date)s; het advies kan vanaf die dag geregistreerd worden."
    ) % {"date": date_text(session.date)}


def close_too_early(session: Session) -> str:
    return _("De zitting is pas op %(date)s; ze kan vanaf die dag afgesloten worden.") % {
        "date": date_text(session.date)
    }


# --- the agenda --------------------------------------------------------------------------------


@dataclass
class PreparerRules:
    """What picks a preparer, loaded once for a batch: the organisation's assignment model, its
    specialist and a preventiewerker to fall back on."""

    model: str
    specialist: User | None
    preventiewerker: User | None

    @classmethod
    def load(cls) -> "PreparerRules":
        organisation = Organisation.get()
        specialist = organisation.specialist
        if specialist is not None and (specialist.is_absent or not specialist.is_active):
            specialist = None
        preventiewerker = (
            User.objects.filter(
                roles__code=Role.Code.PREVENTIEWERKER, is_active=True, is_absent=False
            )
            .order_by("pk")
            .first()
        )
        return cls(organisation.assignment_model, specialist, preventiewerker)

    def preparer_for(self, dossier: Dossier) -> User | None:
        """Route A: the client's own social worker (when available), whoever follows the dossier
        up. Otherwise the dossier's worker: the one the assignment model chose (the
        preventiewerker, the specialist, or in the verdelen model the pool's worker) or someone
        chosen by hand. An unassigned dossier goes to the specialist (specialist model) or the
        preventiewerker. `AgendaItem.current_preparer` applies the same rule later on."""
        return own_social_worker(dossier) or dossier.assigned_to or self._fallback()

    def _fallback(self) -> User | None:
        if self.model == Organisation.AssignmentModel.SPECIALIST and self.specialist is not None:
            return self.specialist
        return self.preventiewerker or self.specialist


def request_for(signal, organisation, kind) -> tuple[str, datetime.date | None, datetime.date]:
    """(request type, request date, legal deadline) of a dossier placed from `signal` (None: put
    on the agenda by hand without a list)."""
    if signal is not None:
        request_type, request_date = deadlines.request_of(signal)
    else:
        request_type = (
            deadlines.REQUEST_LIMITER if kind == Session.Kind.WATER else deadlines.REQUEST_CUTOFF
        )
        request_date = None
    return request_type, request_date, deadlines.legal_deadline(kind, request_date, organisation)


# --- the advice --------------------------------------------------------------------------------


def validate_advice(values: dict) -> None:
    """The rules an advice must follow, for the form and the action alike."""
    errors = {}
    if values.get("attendance") == AgendaItem.Attendance.REPRESENTED and not values.get(
        "representative_kind"
    ):
        errors["representative_kind"] = _("Zeg door wie de cliënt vertegenwoordigd was.")
    if values.get("advice") == AgendaItem.Advice.OTHER and not values.get("advice_other"):
        errors["advice_other"] = _("Omschrijf het advies.")
    if values.get("conditional"):
        if not values.get("conditions", "").strip():
            errors["conditions"] = _("Een voorwaardelijk advies heeft voorwaarden.")
        if not values.get("condition_deadline"):
            errors["condition_deadline"] = _("Een voorwaardelijk advies heeft een uiterste datum.")
    if values.get("advice") and not values.get("attendance"):
        errors["attendance"] = _("Noteer of de cliënt aanwezig, vertegenwoordigd of afwezig was.")
    if errors:
        raise ValidationError(errors)


def advice_values(item: AgendaItem, fields: dict) -> dict:
    """The item's advice with `fields` applied, emptied where it no longer applies, validated."""
    unknown = set(fields) - set(ADVICE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown advice fields: {sorted(unknown)}")
    values = {name: getattr(item, name) for name in ADVICE_FIELDS}
    values.update(fields)
    if values["attendance"] != AgendaItem.Attendance.REPRESENTED:
        values["representative_kind"] = ""
        values["representative_name"] = ""
    if values["advice"] != AgendaItem.Advice.OTHER:
        values["advice_other"] = ""
    if not values["conditional"]:
        values["conditions"] = ""
        values["condition_deadline"] = None
    validate_advice(values)
    return values


def advice_summary(item: AgendaItem) -> str:
    """The advice in one line, for the dossier's timeline."""
    if not item.advice:
        return _("LAC-advies gewist")
    parts = [_("LAC-advies: %(advice)s") % {"advice": item.advice_label}]
    if item.conditional:
        parts.append(
            _("voorwaardelijk tot %(date)s") % {"date": date_text(item.condition_deadline)}
        )
    if item.unanimous is False:
        parts.append(_("niet unaniem: de maatschappij mag niet afsluiten"))
    return ", ".join(parts)


def followup_tasks_wanted(item: AgendaItem) -> list[tuple[str, str, datetime.date]]:
    """(key, description, due date) of the checks an advice asks for."""
    wanted = []
    if item.advice == AgendaItem.Advice.PLAN:
        for months in plan_check_months():
            wanted.append(
                (
                    f"plan{months}",
                    _("Afbetalingsplan nagaan (%(months)d maanden na de LAC)") % {"months": months},
                    deadlines.months_later(item.session.date, months),
                )
            )
    if item.conditional and item.condition_deadline:
        wanted.append(
            (
                "voorwaarden",
                _("Voorwaarden LAC-advies nagaan: %(conditions)s")
                % {"conditions": item.conditions[:200]},
                item.condition_deadline,
            )
        )
    return wanted
