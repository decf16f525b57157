from django import forms
from django.utils.translation import gettext_lazy as _

from bereik.lib.forms import DateInput
from bereik.weekly.models import ScanSuggestion, WaterUsage


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Beslissing"),
        widget=forms.RadioSelect,
        choices=[
            (ScanSuggestion.Status.ASKED, _("Scan aanvragen (brief aan de maatschappij)")),
            (ScanSuggestion.Status.NOT_USEFUL, _("Niet nuttig")),
            (ScanSuggestion.Status.LATER, _("Later bekijken")),
        ],
    )
    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=300,
        help_text=_("Verplicht bij ‘niet nuttig’."),
    )
    later_on = forms.DateField(
        label=_("Opnieuw bekijken vanaf"),
        required=False,
        widget=DateInput,
        help_text=_("Leeg: over vier weken."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == ScanSuggestion.Status.NOT_USEFUL and not data.get("reason"):
            self.add_error("reason", _("Zeg waarom een scan niet nuttig is."))
        return data


class WaterUsageForm(forms.ModelForm):
    class Meta:
        model = WaterUsage
        fields = ["m3_per_year", "people", "proposed_by", "note"]

    def clean(self):
        data = super().clean()
        if data.get("m3_per_year") is None and not data.get("proposed_by"):
            raise forms.ValidationError(_("Geef het verbruik of wie een scan voorstelde."))
        if data.get("m3_per_year") is not None and not data.get("people"):
            self.add_error(
                "people", _("Geef het aantal personen om met het gemiddelde te vergelijken.")
            )
        return data
