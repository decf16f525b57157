"""The forms of a signal entered by hand: the signal and its household (step 1), then where it
goes (an open dossier that looks like the same household, a new one) and its attachment."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bereik.dossiers.models import Dossier, Signal
from bereik.intake.actions.signals import HouseholdData, check_signal
from bereik.intake.forms import AmountField, UploadFileField
from bereik.intake.lookalikes import Household
from bereik.lib import insz
from bereik.lib.forms import DateInput
from bereik.organisation.models import Company

NEW = "nieuw"
OTHER = "ander"
# The deadlines a signal by hand can bring, with the kinds of signal they fit first.
DEADLINE_KINDS = [
    (Dossier.DeadlineKind.MEASURE, _("geplande afsluiting of maatregel")),
    (Dossier.DeadlineKind.HEARING, _("zitting bij de vrederechter")),
    (Dossier.DeadlineKind.SESSION, _("LAC-zitting")),
    (Dossier.DeadlineKind.OTHER, _("andere termijn")),
]
SOURCES = [("", _("— kies —")), *Signal.Source.choices]


class SignalForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort signaal"),
        choices=[(kind, Signal.Kind(kind).label) for kind in Signal.HAND_KINDS],
        widget=forms.RadioSelect,
    )
    source = forms.ChoiceField(label=_("Van wie of waar komt het signaal?"), choices=SOURCES)
    sender = forms.CharField(
        label=_("Naam van de afzender"),
        max_length=150,
        required=False,
        help_text=_("Bv. de verhuurder, de huisvestingsmaatschappij, wie belde."),
    )
    company = forms.ModelChoiceField(
        label=_("Maatschappij"),
        queryset=Company.objects.filter(active=True),
        required=False,
        help_text=_("Bij een melding over water of energie: de maatschappij die ze stuurde."),
    )
    customer_number = forms.CharField(label=_("Klantnummer of EAN"), max_length=60, required=False)
    last_name = forms.CharField(label=_("Naam"), max_length=150)
    first_name = forms.CharField(label=_("Voornaam"), max_length=100, required=False)
    street = forms.CharField(label=_("Straat"), max_length=200, required=False)
    house_number = forms.CharField(label=_("Huisnummer"), max_length=20, required=False)
    box = forms.CharField(label=_("Bus"), max_length=20, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    city = forms.CharField(label=_("Gemeente"), max_length=100, required=False)
    phone = forms.CharField(label=_("Telefoon"), max_length=40, required=False)
    birth_date = forms.DateField(label=_("Geboortedatum"), required=False, widget=DateInput())
    insz = forms.CharField(
        label=_("INSZ (rijksregisternummer)"),
        max_length=20,
        required=False,
        help_text=_("Alleen als het gezin het gaf; helpt het zoeken in het register."),
    )
    deadline = forms.DateField(
        label=_("Termijn"),
        required=False,
        widget=DateInput(),
        help_text=_("Als er een datum is: de geplande afsluiting, de zitting, ..."),
    )
    deadline_kind = forms.ChoiceField(
        label=_("Wat gebeurt er op die datum?"), choices=DEADLINE_KINDS, required=False
    )
    amount = AmountField(
        label=_("Openstaand bedrag (€)"), required=False, help_text=_("Bijvoorbeeld 1.234,56")
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat het gezin of de afzender vertelde. Komt in de tijdlijn van het dossier."),
    )

    def __init__(self, *args, can_see_insz: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_see_insz:
            del self.fields["insz"]

    def clean_insz(self):
        value = self.cleaned_data.get("insz", "")
        if value and not insz.is_valid(value):
            raise ValidationError(_("Dit is geen geldig INSZ-nummer."))
        return insz.normalize(value) if value else ""

    def clean(self):
        data = super().clean()
        kind, source = data.get("kind"), data.get("source")
        if data.get("deadline") and not data.get("deadline_kind"):
            self.add_error("deadline_kind", _("Zeg wat er op die datum gebeurt."))
        if kind and source:
            try:
                check_signal(kind=kind, source=source, company=data.get("company"))
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages)
        return data

    @property
    def labels(self) -> dict:
        """The chosen values as the user reads them (the summary of the second step)."""
        data = self.cleaned_data
        return {
            name: dict(self.fields[name].choices).get(data.get(name), "")
            for name in ("kind", "source", "deadline_kind")
        }

    @property
    def dossier_kind(self) -> str:
        return Signal.DOSSIER_KIND[self.cleaned_data["kind"]]

    def household(self) -> HouseholdData:
        data = self.cleaned_data
        return HouseholdData(
            **{
                name: data.get(name) or ("" if name != "birth_date" else None)
                for name in HouseholdData.__dataclass_fields__
            }
        )

    def lookalike_query(self) -> Household:
        data = self.cleaned_data
        company = data.get("company")
        return Household(
            last_name=data["last_name"],
            first_name=data.get("first_name", ""),
            street=data.get("street", ""),
            house_number=data.get("house_number", ""),
            box=data.get("box", ""),
            postcode=data.get("postcode", ""),
            city=data.get("city", ""),
            birth_date=data.get("birth_date"),
            insz=data.get("insz", ""),
            company_id=company.pk if company else None,
            customer_number=data.get("customer_number", ""),
        )

    def action_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "source": data["source"],
            "household": self.household(),
            "company": data.get("company"),
            "customer_number": data.get("customer_number", ""),
            "deadline": data.get("deadline"),
            "deadline_kind": data.get("deadline_kind") if data.get("deadline") else "",
            "amount": data.get("amount"),
            "sender": data.get("sender", ""),
            "note": data.get("note", ""),
        }


class TargetForm(forms.Form):
    """Where the signal goes: one of the open dossiers of its kind that look like the household,
    another open dossier by its number, or a new dossier; with a new dossier, those who triage
    may link the register client they recognise."""

    target = forms.ChoiceField(label=_("Waar komt dit signaal terecht?"), widget=forms.RadioSelect)
    other_number = forms.CharField(label=_("Nummer van het dossier"), max_length=20, required=False)
    client = forms.ChoiceField(label=_("Cliënt uit het register"), required=False)
    attachment = UploadFileField(
        label=_("Bijlage (PDF, foto of Word)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.docx"}),
    )

    def __init__(self, *args, found, dossier_kind: str, visible_dossiers, can_link: bool, **kw):
        super().__init__(*args, **kw)
        self.choosable = found.choosable(dossier_kind)
        self.dossier_kind = dossier_kind
        self.visible_dossiers = visible_dossiers
        self.fields["target"].choices = [
            *[(str(d.pk), d.number) for d in self.choosable],
            (NEW, _("Een nieuw dossier openen")),
            (OTHER, _("Bij een ander open dossier")),
        ]
        certain = [d for d in self.choosable if d.certain]
        if len(certain) == 1:
            self.fields["target"].initial = str(certain[0].pk)
        elif not self.choosable:
            self.fields["target"].initial = NEW
        self.clients = found.clients if can_link else []
        if self.clients:
            self.fields["client"].choices = [
                ("", _("Niet nu: Bereik zoekt zelf in het register")),
                *[(str(c.pk), f"{c.name} ({c.number})") for c in self.clients],
            ]
        else:
            del self.fields["client"]

    def clean(self):
        data = super().clean()
        target = data.get("target")
        data["dossier"] = None
        if target == OTHER:
            number = (data.get("other_number") or "").strip()
            dossier = self.visible_dossiers.filter(
                number=number, status__in=Dossier.OPEN_STATUSES
            ).first()
            if not number:
                self.add_error("other_number", _("Vul het dossiernummer in."))
            elif dossier is None:
                self.add_error(
                    "other_number", _("Geen open dossier met dit nummer dat je mag zien.")
                )
            elif dossier.kind != self.dossier_kind:
                self.add_error(
                    "other_number",
                    _("Dossier %(number)s is een %(kind)s-dossier.")
                    % {"number": number, "kind": dossier.get_kind_display().lower()},
                )
            data["dossier"] = dossier
        elif target and target != NEW:
            data["dossier"] = Dossier.objects.filter(pk=int(target)).first()
        if data["dossier"] is not None or target != NEW:
            data["client"] = ""
        return data

    def client_id(self) -> int | None:
        value = self.cleaned_data.get("client")
        return int(value) if value else None
