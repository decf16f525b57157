from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from bereik.accounts import roles
from bereik.accounts.choices import PersonChoiceField
from bereik.accounts.models import User
from bereik.lac.models import AgendaItem, LacPerson, Session
from bereik.lac.rules import advice_too_early, session_day_warning, validate_advice
from bereik.lib.forms import DateInput, VersionedForm
from bereik.organisation.models import Company

MEMBER_FUNCTIONS = {
    "chair": LacPerson.Function.CHAIR,
    "bcsd_member": LacPerson.Function.BCSD,
    "company_representative": LacPerson.Function.COMPANY,
    "debt_mediator": LacPerson.Function.DEBT_MEDIATOR,
    "secretary": LacPerson.Function.SECRETARY,
}


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class SessionForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Session
        fields = ["kind", "company", "date", "time", "place", *Session.MEMBER_FIELDS, "notes"]
        widgets = {
            # A day off is not refused, but the form says so as soon as it is chosen (htmx).
            "date": DateInput(
                attrs={
                    "hx-get": reverse_lazy("lac:session_day"),
                    "hx-trigger": "change",
                    "hx-target": "#datum-waarschuwing",
                }
            ),
            "time": TimeInput(),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The correction form of a closed session leaves kind and company out: they can no
        # longer change once the session has dossiers.
        if "company" in self.fields:
            self.fields["company"].queryset = Company.objects.filter(active=True)
        people = list(LacPerson.objects.filter(active=True).select_related("company"))
        for name, function in MEMBER_FUNCTIONS.items():
            current = getattr(self.instance, f"{name}_id", None)
            choices = [p for p in people if p.function == function or p.pk == current]
            field = self.fields[name]
            field.queryset = LacPerson.objects.filter(pk__in=[p.pk for p in choices])
            field.help_text = field.help_text or _("Uit de lijst van LAC-leden (Beheer).")

    def clean(self):
        data = super().clean()
        company = data.get("company") if "company" in self.fields else self._instance_company()
        kind = data.get("kind") if "kind" in self.fields else self.instance.kind
        if company and kind and company.kind != kind:
            self.add_error(
                "company", _("Deze maatschappij hoort niet bij een zitting van deze soort.")
            )
        representative = data.get("company_representative")
        if (
            representative
            and representative.company_id
            and company
            and representative.company_id != company.pk
        ):
            self.add_error(
                "company_representative",
                _("Deze vertegenwoordiger hoort bij %(company)s.")
                % {"company": representative.company},
            )
        return data

    @property
    def day_warning(self) -> str:
        """The warning for the date in the form (entered, or the session's own)."""
        if self.is_bound:
            day = self.cleaned_data.get("date") if hasattr(self, "cleaned_data") else None
        else:
            day = self.initial.get("date") or self.instance.date
        return session_day_warning(day)

    def _instance_company(self):
        return self.instance.company if self.instance.company_id else None

    def action_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def reason_field():
    return forms.CharField(
        label=_("Reden van de correctie"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("De zitting is afgesloten: de oude en de nieuwe waarde blijven bewaard."),
    )


class SessionCorrectionForm(SessionForm):
    reason = reason_field()

    class Meta(SessionForm.Meta):
        fields = ["date", "time", "place", *Session.MEMBER_FIELDS, "notes"]


class AddDossierForm(forms.Form):
    number = forms.CharField(
        label=_("Dossiernummer"),
        max_length=20,
        help_text=_("Bijvoorbeeld 2026-000123."),
    )
    reason = forms.CharField(label=_("Waarom (optioneel)"), required=False, max_length=300)


class MoveForm(forms.Form):
    session = forms.ModelChoiceField(
        label=_("Naar de zitting van"), queryset=Session.objects.none()
    )
    reason = forms.CharField(
        label=_("Reden"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500
    )

    def __init__(self, *args, item: AgendaItem, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = (
            Session.objects.filter(
                kind=item.session.kind, company_id=item.session.company_id, closed_at=None
            )
            .exclude(pk=item.session_id)
            .select_related("company")
            .order_by("date")
        )
        self.fields["session"].label_from_instance = lambda s: s.date.strftime("%d/%m/%Y")


class RemoveForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), max_length=500)


class PreparerForm(VersionedForm, forms.Form):
    """Who prepares one agenda item; carries the item's version (`version_record=item`), so a
    preparer chosen by someone else (or by the agenda's update) in between is not overwritten."""

    preparer = PersonChoiceField(
        label=_("Voorbereider"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preparer"].holding(*roles.FOLLOWERS)


UNANIMOUS_CHOICES = [("", _("— nog niet gezegd —")), ("ja", _("Ja")), ("nee", _("Nee"))]


class AdviceForm(VersionedForm, forms.ModelForm):
    unanimous = forms.TypedChoiceField(
        label=_("Unaniem"),
        choices=UNANIMOUS_CHOICES,
        coerce=lambda value: {"ja": True, "nee": False}.get(value),
        empty_value=None,
        required=False,
        help_text=_("Zonder unanimiteit mag de maatschappij niet afsluiten."),
    )

    class Meta:
        model = AgendaItem
        fields = [
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
        ]
        widgets = {
            "attendance": forms.RadioSelect(attrs={"class": "form-check-input"}),
            "conditions": forms.Textarea(attrs={"rows": 2}),
            "condition_deadline": DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendance"].choices = AgendaItem.Attendance.choices
        if self.instance.session_id:
            self.fields["advice"].choices = [
                ("", "---------"),
                *AgendaItem.advice_choices(self.instance.session.kind, keep=self.instance.advice),
            ]
        if self.instance.unanimous is not None:
            self.initial["unanimous"] = "ja" if self.instance.unanimous else "nee"

    def clean(self):
        data = super().clean()
        session = self.instance.session if self.instance.session_id else None
        if session is not None and not session.has_started:
            raise ValidationError(advice_too_early(session))
        try:
            validate_advice(data)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                if field not in self.errors:
                    self.add_error(field, messages)
        return data

    def action_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class AdviceCorrectionForm(AdviceForm):
    reason = reason_field()


class PersonForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = LacPerson
        fields = ["name", "function", "organisation", "company", "user", "email", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(is_active=True).order_by(
            "first_name", "last_name"
        )

    def clean(self):
        data = super().clean()
        if data.get("function") == LacPerson.Function.COMPANY and data.get("user"):
            self.add_error(
                "user",
                _("De vertegenwoordiger van de maatschappij krijgt geen toegang tot Bereik."),
            )
        return data
