from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.intake import kinds
from bereik.intake.actions import EVICTION_DOCUMENT_TYPES
from bereik.intake.placements import OnOtherSession
from bereik.lib import columns, tabular, values
from bereik.lib.forms import DateInput, VersionedForm
from bereik.organisation.models import Company


def _limit_text() -> str:
    return tabular._megabytes(settings.BEREIK_MAX_UPLOAD_BYTES)


class UploadFileField(forms.FileField):
    """A file no bigger than BEREIK_MAX_UPLOAD_BYTES; what it is, is checked on its content."""

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded and uploaded.size > settings.BEREIK_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Het bestand is te groot (%(size)s MB); het maximum is %(limit)s MB.")
                % {"size": tabular._megabytes(uploaded.size), "limit": _limit_text()}
            )
        return uploaded


class UploadForm(forms.Form):
    """A file and its kind (every kind the registry can upload); the company and the session date
    for the kinds that ask for them. Given a `kind` that needs no company (the register export,
    chosen from its own page), the form asks for the file only."""

    file = UploadFileField(
        label=_("Bestand (CSV of Excel)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )
    kind = forms.ChoiceField(
        label=_("Soort bestand"),
        choices=lambda: (
            [("", _("— laat Bereik voorstellen uit het bestand —"))] + kinds.upload_choices()
        ),
        required=False,
    )
    company = forms.ModelChoiceField(
        label=_("Maatschappij"),
        queryset=Company.objects.filter(active=True),
        required=False,
        empty_label=_("— laat Bereik voorstellen uit het bestand —"),
    )
    session_date = forms.DateField(
        label=_("Datum LAC-zitting"),
        required=False,
        widget=DateInput(),
        help_text=_("Alleen nodig als de lijst zelf geen kolom met de zittingsdatum heeft."),
    )

    def __init__(self, *args, kind: kinds.ImportKind | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_kind = kind
        self.fields["file"].help_text = _(
            "Maximaal %(limit)s MB. De kolommen worden herkend; je ziet eerst een voorbeeld."
        ) % {"limit": _limit_text()}
        self.fields["kind"].help_text = _(
            "Leeg gelaten: Bereik stelt de soort en de maatschappij voor uit de titel en de "
            "kolommen van het bestand, en jij bevestigt ze."
        )
        without_company = [str(k.label) for k in kinds.uploadable() if not k.needs_company]
        if without_company:
            self.fields["company"].help_text = _("Niet nodig voor: %(kinds)s.") % {
                "kinds": ", ".join(without_company)
            }
        if kind is not None:
            self.fields["kind"].initial = kind.code
            if not kind.needs_company:
                self.fields["kind"].widget = forms.HiddenInput()
                del self.fields["company"]
            if not kind.asks_session_date and not kind.needs_company:
                del self.fields["session_date"]


class KindForm(VersionedForm, forms.Form):
    """The kind and the company of an uploaded file, as Bereik proposed them from the file or as
    the user changes them, confirmed before the preview. Carries the batch's version
    (`version_record=batch`): two people confirming the same file at once do not overwrite each
    other's choice (ADR 0025)."""

    kind = forms.ChoiceField(
        label=_("Soort bestand"), choices=kinds.upload_choices, widget=forms.RadioSelect
    )
    company = forms.ModelChoiceField(
        label=_("Maatschappij"), queryset=Company.objects.filter(active=True), required=False
    )
    session_date = forms.DateField(
        label=_("Datum LAC-zitting"),
        required=False,
        widget=DateInput(),
        help_text=_("Alleen nodig als de lijst zelf geen kolom met de zittingsdatum heeft."),
    )

    def clean(self):
        data = super().clean()
        kind = kinds.find(data.get("kind") or "")
        if kind is not None and kind.needs_company and not data.get("company"):
            self.add_error("company", _("Kies de maatschappij die de lijst stuurde."))
        return data


class MappingForm(forms.Form):
    """One choice per column of the file: which field it holds, or nothing. Used for every
    import kind: give it the headers, the kind's spec and the current {header: field} mapping."""

    def __init__(self, *args, headers: list[str], spec: columns.ImportSpec, mapping: dict, **kw):
        super().__init__(*args, **kw)
        self.headers = headers
        self.spec = spec
        choices = [("", _("— niet gebruiken —"))] + [
            (field.name, f"{field.label}{' *' if field.required else ''}") for field in spec.fields
        ]
        for index, header in enumerate(headers):
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=header, choices=choices, required=False, initial=mapping.get(header, "")
            )

    def clean(self):
        data = super().clean()
        chosen: dict[str, str] = {}
        for index, header in enumerate(self.headers):
            name = data.get(f"col_{index}") or ""
            if not name:
                continue
            if name in chosen:
                self.add_error(
                    f"col_{index}",
                    _("%(field)s is al gekoppeld aan kolom '%(other)s'.")
                    % {"field": self.spec.field(name).label, "other": chosen[name]},
                )
            chosen[name] = header
        missing = columns.missing_fields(self.spec, set(chosen))
        if missing:
            raise forms.ValidationError(
                _("Koppel nog een kolom aan: %(fields)s.")
                % {"fields": ", ".join(str(field.label) for field in missing)}
            )
        return data

    def mapping(self) -> dict[str, str]:
        return {
            header: self.cleaned_data.get(f"col_{index}") or ""
            for index, header in enumerate(self.headers)
        }

    def rows(self):
        """(header, bound field) pairs for the template."""
        return [(header, self[f"col_{index}"]) for index, header in enumerate(self.headers)]


class AmountField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        try:
            return values.parse_amount(value)
        except values.ValueProblem as problem:
            raise forms.ValidationError(problem.message) from problem


class EvictionForm(forms.Form):
    document = UploadFileField(
        label=_("Kopie van het document (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    document_type = forms.ChoiceField(label=_("Soort document"), choices=EVICTION_DOCUMENT_TYPES)
    tenants = forms.CharField(
        label=_("Huurder(s)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_('Eén huurder per regel, als "Naam, Voornaam".'),
    )
    street = forms.CharField(label=_("Straat"), max_length=200)
    house_number = forms.CharField(label=_("Huisnummer"), max_length=20, required=False)
    box = forms.CharField(label=_("Bus"), max_length=20, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    city = forms.CharField(label=_("Gemeente"), max_length=100, required=False)
    landlord = forms.CharField(label=_("Verhuurder"), max_length=200, required=False)
    sender = forms.CharField(
        label=_("Gerechtsdeurwaarder of griffie"),
        max_length=200,
        required=False,
        help_text=_("Wie de kopie stuurde."),
    )
    court = forms.CharField(
        label=_("Vredegerecht"),
        max_length=150,
        help_text=_("Bijvoorbeeld: Vredegerecht Sint-Truiden"),
    )
    hearing_date = forms.DateField(label=_("Datum inleidende zitting"), widget=DateInput())
    amount = AmountField(
        label=_("Gevorderd bedrag (€)"), required=False, help_text=_("Bijvoorbeeld 1.234,56")
    )
    received_on = forms.DateField(
        label=_("Ontvangen op"), widget=DateInput(), initial=timezone.localdate
    )
    reference = forms.CharField(
        label=_("Rolnummer of referentie"),
        max_length=60,
        required=False,
        help_text=_("Een tweede document met dezelfde referentie komt in hetzelfde dossier."),
    )

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        return received_on


class OtherSessionForm(forms.Form):
    """Asked with the confirm button of a LAC list whose households are already on another open
    session's agenda: nothing is doubled without the user saying so."""

    template_name = "intake/partials/other_session.html"
    on_other_session = forms.ChoiceField(
        label=_("Wat gebeurt er met deze gezinnen?"),
        choices=OnOtherSession.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat er met deze gezinnen gebeurt.")},
    )

    def __init__(self, *args, elsewhere, **kwargs):
        super().__init__(*args, **kwargs)
        self.elsewhere = elsewhere
