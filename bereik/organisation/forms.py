from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from bereik.accounts import roles
from bereik.accounts.models import Role
from bereik.lib import filecheck
from bereik.lib.forms import DateInput, VersionedForm
from bereik.organisation.models import Company, Municipality, Organisation

LOGO_MAX_BYTES = 1024 * 1024
# PNG and JPEG: what Word letters and PDF reports embed without surprises. No SVG (it can carry
# scripts).
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg"}


class OrganisationForm(VersionedForm, forms.ModelForm):
    remove_logo = forms.BooleanField(label=_("Logo verwijderen"), required=False)

    GROUPS = [
        (
            _("Gegevens van de organisatie"),
            ["name", "street", "postcode", "city", "phone", "email", "website", "office_hours"],
        ),
        (_("Logo"), ["logo", "remove_logo"]),
        (
            _("Toewijzing van nieuwe dossiers"),
            ["assignment_model", "specialist", "distribution_pool"],
        ),
        (
            _("Termijnen"),
            [
                "deadline_warning_days",
                "lac_deadline_days_energy",
                "lac_deadline_days_water",
                "handover_confirmation_days",
            ],
        ),
        (
            _("Winterstop energie"),
            ["winter_stop_start", "winter_stop_end", "winter_stop_extended_until"],
        ),
        (_("Toegangslog"), ["audit_retention_years"]),
    ]
    RANGES = {
        "deadline_warning_days": (1, 90),
        "lac_deadline_days_energy": (1, 365),
        "lac_deadline_days_water": (1, 365),
        "handover_confirmation_days": (1, 180),
        "audit_retention_years": (1, 50),
    }

    class Meta:
        model = Organisation
        fields = [
            "name",
            "street",
            "postcode",
            "city",
            "phone",
            "email",
            "website",
            "office_hours",
            "logo",
            "assignment_model",
            "specialist",
            "distribution_pool",
            "deadline_warning_days",
            "lac_deadline_days_energy",
            "lac_deadline_days_water",
            "handover_confirmation_days",
            "audit_retention_years",
            "winter_stop_start",
            "winter_stop_end",
            "winter_stop_extended_until",
        ]
        widgets = {
            "winter_stop_start": forms.TextInput(attrs={"size": 5, "placeholder": "dd/mm"}),
            "winter_stop_end": forms.TextInput(attrs={"size": 5, "placeholder": "dd/mm"}),
            "winter_stop_extended_until": DateInput(),
            "office_hours": forms.Textarea(attrs={"rows": 3}),
            "assignment_model": forms.RadioSelect,
            "distribution_pool": forms.CheckboxSelectMultiple,
            # No "current file" link: uploads have no public URL (the logo view serves it).
            "logo": forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
        }
        help_texts = {
            "logo": _("PNG of JPEG, hoogstens 1 MB. Komt bovenaan de brieven en rapporten."),
            "audit_retention_years": _(
                "Hoe lang Bereik bijhoudt wie welke gegevens bekeek of wijzigde (referentie: 10 "
                "jaar). Oudere regels verwijdert de geplande taak audit_prune."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["specialist"].queryset = roles.users_with(
            Role.Code.MAATSCHAPPELIJK_WERKER, Role.Code.PREVENTIEWERKER, Role.Code.ENERGIECEL
        )
        self.fields["specialist"].empty_label = _("(niemand)")
        self.fields["distribution_pool"].queryset = roles.users_with(
            Role.Code.MAATSCHAPPELIJK_WERKER
        )
        if not self.instance.logo:
            del self.fields["remove_logo"]
        for name in ("winter_stop_start", "winter_stop_end"):  # empty: the law's default
            self.fields[name].required = False
        for name, (low, high) in self.RANGES.items():
            field = self.fields[name]
            field.min_value, field.max_value = low, high
            field.validators += [MinValueValidator(low), MaxValueValidator(high)]
            field.widget.attrs.update(min=low, max=high)

    def clean_winter_stop_start(self):
        return self.cleaned_data.get("winter_stop_start") or "01/12"

    def clean_winter_stop_end(self):
        return self.cleaned_data.get("winter_stop_end") or "01/03"

    def groups(self):
        return [
            (title, [self[name] for name in names if name in self.fields])
            for title, names in self.GROUPS
        ]

    def changes(self) -> dict:
        """The model fields that changed, with their new values (for organisation_update)."""
        data = self.cleaned_data
        changes = {
            name: data[name]
            for name in self.Meta.fields
            if name in self.changed_data and data[name] != self.initial.get(name)
        }
        if data.get("remove_logo") and "logo" not in changes:
            changes["logo"] = ""
        return changes

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        # An unchanged logo is the stored FieldFile; only a new upload carries `image`.
        image = getattr(logo, "image", None)
        if not logo or image is None:
            return logo
        if logo.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(
                _("Het logo is %(size)s groot; hoogstens %(max)s is toegelaten."),
                params={
                    "size": filesizeformat(logo.size),
                    "max": filesizeformat(LOGO_MAX_BYTES),
                },
            )
        if image.format not in LOGO_FORMATS:
            raise forms.ValidationError(
                _("Het logo moet een PNG- of JPEG-afbeelding zijn (dit is %(format)s)."),
                params={"format": image.format or _("onbekend")},
            )
        # Pillow's check above reads the header only: every pixel must decode too.
        try:
            filecheck.sniff(logo)
        except filecheck.UnsafeFile as error:
            raise forms.ValidationError(filecheck.refusal(error, logo.name)) from None
        # The stored name follows the real content, not what the uploader called the file.
        logo.name = f"logo.{LOGO_FORMATS[image.format]}"
        return logo

    def clean(self):
        cleaned = super().clean()
        model = cleaned.get("assignment_model")
        if model == Organisation.AssignmentModel.SPECIALIST and not cleaned.get("specialist"):
            self.add_error("specialist", _("Kies de specialist: bij dit model is die verplicht."))
        if model == Organisation.AssignmentModel.VERDELEN and not cleaned.get("distribution_pool"):
            self.add_error(
                "distribution_pool",
                _("Kies minstens één maatschappelijk werker om de dossiers over te verdelen."),
            )
        return cleaned


class MunicipalityForm(forms.ModelForm):
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=4,
        validators=[RegexValidator(r"^[1-9]\d{3}$", _("Een Belgische postcode heeft 4 cijfers."))],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )

    class Meta:
        model = Municipality
        fields = ["postcode", "name"]
        labels = {"name": _("Gemeente of deelgemeente")}

    def clean(self):
        cleaned = super().clean()
        postcode, name = cleaned.get("postcode"), cleaned.get("name", "").strip()
        if postcode and name:
            cleaned["name"] = name
            if Municipality.objects.filter(postcode=postcode, name__iexact=name).exists():
                self.add_error("name", _("Deze gemeente staat al in de lijst."))
        return cleaned


class CompanyForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Company
        fields = ["name", "kind", "contact_email", "address"]
        widgets = {"kind": forms.RadioSelect, "address": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "name": {"unique": _("Er bestaat al een maatschappij met deze naam.")},
        }

    def clean_name(self):
        return self.cleaned_data["name"].strip()
