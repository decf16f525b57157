import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.energy.models import MinimumSupply, SupplySituation
from bereik.lib.forms import DateInput


class MinimumSupplyForm(forms.Form):
    fuel = forms.ChoiceField(
        label=_("Energie"), choices=MinimumSupply.Fuel.choices, widget=forms.RadioSelect
    )
    decision = forms.ChoiceField(
        label=_("Beslissing"), choices=MinimumSupply.Decision.choices, widget=forms.RadioSelect
    )
    decided_on = forms.DateField(
        label=_("Beslist op"), widget=DateInput(), initial=timezone.localdate
    )
    start = forms.DateField(label=_("Van"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())
    power = forms.CharField(
        label=_("Vermogen"),
        max_length=40,
        required=False,
        help_text=_("Bijvoorbeeld 10 A of 2,3 kVA."),
    )
    paid_by = forms.ChoiceField(
        label=_("Wie betaalt?"),
        choices=MinimumSupply.Payer.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, winter=None, **kwargs):
        super().__init__(*args, **kwargs)
        if winter is not None and not self.is_bound:  # the winter stop, its last day included
            self.fields["start"].initial = winter[0]
            self.fields["end"].initial = winter[1] - datetime.timedelta(days=1)


class SupplySituationForm(forms.Form):
    social_supplier = forms.BooleanField(label=_("Fluvius is sociale leverancier"), required=False)
    meter = forms.ChoiceField(
        label=_("Meter"), choices=SupplySituation.Meter.choices, widget=forms.RadioSelect
    )
    meter_status = forms.ChoiceField(
        label=_("Status van de budgetmeter of prepaid"),
        choices=[("", _("— niet van toepassing —")), *SupplySituation.MeterStatus.choices],
        required=False,
    )
    recorded_on = forms.DateField(label=_("Op"), widget=DateInput(), initial=timezone.localdate)
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
