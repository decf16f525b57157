import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.accounts import roles
from bereik.accounts.choices import PersonChoiceField
from bereik.accounts.models import User
from bereik.dossiers.models import Signal
from bereik.experts.actions import OUTREACH_KINDS
from bereik.experts.models import Contact
from bereik.lib.forms import DateInput


class ProposalForm(forms.Form):
    expert = PersonChoiceField(label=_("Ervaringsdeskundige"), queryset=User.objects.none())
    help_asked = forms.CharField(
        label=_("Welke hulp vraag je?"),
        max_length=300,
        help_text=_("Bv. vertrouwen opbouwen, meegaan naar het OCMW, mee naar de LAC."),
    )
    note = forms.CharField(
        label=_("Korte notitie voor de ervaringsdeskundige"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Alleen wat de ervaringsdeskundige mag weten. Die ziet verder enkel naam, adres en "
            "telefoon: geen INSZ, bedragen, verslagen, notities of documenten."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].holding(*roles.EXPERTS)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom niet? (niet verplicht)"), max_length=300, required=False
    )


class EndForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), max_length=300)


class ContactForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    kind = forms.ChoiceField(
        label=_("Soort contact"), choices=Contact.Kind.choices, widget=forms.RadioSelect
    )
    place = forms.CharField(label=_("Plaats (niet verplicht)"), max_length=200, required=False)
    note = forms.CharField(
        label=_("Korte notitie voor de maatschappelijk werker"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Komt in de tijdlijn van het dossier."),
    )
    referral = forms.ChoiceField(
        label=_("Kwam er een doorverwijzing van?"),
        choices=Contact.Referral.choices,
        initial=Contact.Referral.NONE,
        widget=forms.RadioSelect,
    )
    referral_to = forms.CharField(
        label=_("Naar wie of wat?"),
        max_length=200,
        required=False,
        help_text=_("Bv. waterscan, CAW, Mytrusto, Sociale Dienst."),
    )
    appointment_date = forms.DateField(
        label=_("Volgende afspraak: datum (niet verplicht)"), required=False, widget=DateInput()
    )
    appointment_time = forms.TimeField(
        label=_("Uur"),
        required=False,
        widget=forms.TimeInput(attrs={"placeholder": "uu:mm", "inputmode": "numeric"}),
    )
    appointment_place = forms.CharField(label=_("Plaats afspraak"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        day, time = data.get("appointment_date"), data.get("appointment_time")
        if time and not day:
            self.add_error("appointment_date", _("Geef ook de datum van de afspraak."))
        elif day and day < timezone.localdate():
            self.add_error(
                "appointment_date", _("Een volgende afspraak ligt niet in het verleden.")
            )
        return data

    def action_values(self) -> dict:
        data = dict(self.cleaned_data)
        day = data.pop("appointment_date")
        time = data.pop("appointment_time")
        place = data.pop("appointment_place")
        appointment = None
        if day:
            appointment = timezone.make_aware(
                datetime.datetime.combine(day, time or datetime.time(0, 0))
            )
        return {**data, "next_appointment_at": appointment, "next_appointment_place": place}


class OutreachForm(forms.Form):
    """A household met by outreach: the least the OCMW needs to reach it."""

    met_at = forms.ChoiceField(
        label=_("Waar ontmoette je het gezin?"),
        choices=Contact.Kind.choices,
        widget=forms.RadioSelect,
    )
    kind = forms.ChoiceField(
        label=_("Waarover gaat het probleem?"),
        choices=[(kind, Signal.Kind(kind).label) for kind in OUTREACH_KINDS],
        widget=forms.RadioSelect,
    )
    last_name = forms.CharField(label=_("Naam"), max_length=150)
    first_name = forms.CharField(label=_("Voornaam"), max_length=100, required=False)
    street = forms.CharField(label=_("Straat"), max_length=200, required=False)
    house_number = forms.CharField(label=_("Huisnummer"), max_length=20, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    city = forms.CharField(label=_("Gemeente"), max_length=100, required=False)
    phone = forms.CharField(label=_("Telefoon"), max_length=40, required=False)
    problem = forms.CharField(
        label=_("Wat is het probleem?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kort, in de woorden van het gezin. Het onthaal of de preventiewerker leest dit."
        ),
    )
    consent = forms.BooleanField(
        label=_("Het gezin gaat akkoord dat het OCMW contact opneemt"),
        error_messages={
            "required": _("Vraag eerst of het gezin akkoord gaat dat het OCMW contact opneemt.")
        },
    )

    def clean(self):
        data = super().clean()
        if not (data.get("street") or data.get("phone")):
            self.add_error(
                "phone",
                _("Geef een adres of een telefoonnummer, zodat het OCMW het gezin bereikt."),
            )
        return data


class ContactPersonForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Contactpersoon op brieven"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("— de toegewezen medewerker —"),
        help_text=_(
            "Naam, telefoon en e-mail van deze persoon komen op de volgende brieven. Een "
            "ervaringsdeskundige krijgt daardoor geen toegang tot het dossier."
        ),
    )
    reason = forms.CharField(label=_("Reden"), max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = User.objects.filter(is_active=True).order_by(
            "first_name", "last_name"
        )


class LacCompanionForm(forms.Form):
    item = forms.TypedChoiceField(label=_("LAC-zitting"), coerce=int)
    expert = PersonChoiceField(label=_("Ervaringsdeskundige"), queryset=User.objects.none())

    def __init__(self, *args, items=(), experts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [
            (item.pk, f"{item.session.date:%d/%m/%Y} · {item.session.place or item.session}")
            for item in items
        ]
        self.fields["expert"].queryset = experts if experts is not None else User.objects.none()
