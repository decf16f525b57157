from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.eviction.models import Hearing, Judgment, OcmwAction
from bereik.lib.forms import DateInput, VersionedForm


class HearingForm(VersionedForm, forms.Form):
    """The outcome of a hearing: `version_record=` the hearing of the date the page opened on (its
    outcome shown when one was recorded), so a second outcome recorded from a page loaded before
    the first is refused instead of written over it (ADR 0025)."""

    date = forms.DateField(label=_("Datum van de zitting"), widget=DateInput())
    court = forms.CharField(label=_("Vredegerecht"), max_length=150, required=False)
    outcome = forms.ChoiceField(
        label=_("Afloop"), choices=Hearing.Outcome.choices, widget=forms.RadioSelect
    )
    postponed_to = forms.DateField(
        label=_("Uitgesteld naar"),
        required=False,
        widget=DateInput(),
        help_text=_("Alleen bij uitstel: de datum van de volgende zitting."),
    )
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class JudgmentForm(VersionedForm, forms.Form):
    """The judgment, or a correction of it: `version_record=` the judgment recorded so far."""

    date = forms.DateField(label=_("Datum van het vonnis"), widget=DateInput())
    decision = forms.ChoiceField(
        label=_("Beslissing"), choices=Judgment.Decision.choices, widget=forms.RadioSelect
    )
    eviction_allowed_from = forms.DateField(
        label=_("Uithuiszetting toegestaan vanaf"),
        required=False,
        widget=DateInput(),
        help_text=_("Als het vonnis zelf een datum noemt."),
    )
    served_on = forms.DateField(
        label=_("Betekend op"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Wanneer de gerechtsdeurwaarder het vonnis aan de huurder betekende. Ten vroegste "
            "een maand later mag de uithuiszetting gebeuren."
        ),
    )
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class EvictionDateForm(VersionedForm, forms.Form):
    """The bailiff's date: `version_record=` the judgment it goes on; a date someone else noted
    in between is not written over (ADR 0025). The note goes on the timeline, not the judgment."""

    eviction_date = forms.DateField(
        label=_("Datum uithuiszetting"),
        widget=DateInput(),
        help_text=_("Zoals de gerechtsdeurwaarder ze aankondigde."),
    )
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def version_fields(self) -> list[str]:
        return ["eviction_date"]


class OcmwActionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Wat deed het OCMW?"), choices=OcmwAction.Kind.choices, widget=forms.RadioSelect
    )
    date = forms.DateField(label=_("Datum"), widget=DateInput(), initial=timezone.localdate)
    consent = forms.BooleanField(
        label=_("De huurder gaf toestemming om de vrederechter te informeren"), required=False
    )
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
