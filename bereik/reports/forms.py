from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.lib.documents import MONTHS
from bereik.lib.forms import DateInput
from bereik.reports import periods

FIRST_YEAR = 2000
LONGEST_DAYS = 366 * 10


def year_choices():
    this = timezone.localdate().year
    return [(year, str(year)) for year in range(this, FIRST_YEAR - 1, -1)]


class PeriodForm(forms.Form):
    """The period of the figures page (GET). Without it: this year up to today."""

    periode = forms.ChoiceField(
        label=_("Periode"),
        choices=[
            (periods.YEAR, _("Jaar")),
            (periods.QUARTER, _("Kwartaal")),
            (periods.MONTH, _("Maand")),
            (periods.RANGE, _("Van – tot")),
        ],
        initial=periods.YEAR,
        widget=forms.RadioSelect,
    )
    jaar = forms.TypedChoiceField(label=_("Jaar"), coerce=int, required=False)
    kwartaal = forms.TypedChoiceField(
        label=_("Kwartaal"),
        coerce=int,
        required=False,
        choices=[(n, name) for n, name in enumerate(periods.QUARTERS, start=1)],
    )
    maand = forms.TypedChoiceField(
        label=_("Maand"),
        coerce=int,
        required=False,
        choices=[(n, name) for n, name in enumerate(MONTHS, start=1)],
    )
    van = forms.DateField(label=_("Van"), required=False, widget=DateInput())
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jaar"].choices = year_choices()
        today = timezone.localdate()
        self.fields["jaar"].initial = today.year
        self.fields["kwartaal"].initial = (today.month - 1) // 3 + 1
        self.fields["maand"].initial = today.month

    def clean(self):
        data = super().clean()
        kind = data.get("periode")
        today = timezone.localdate()
        if kind in (periods.YEAR, periods.QUARTER, periods.MONTH) and not data.get("jaar"):
            self.add_error("jaar", _("Kies een jaar."))
        elif kind == periods.QUARTER and not data.get("kwartaal"):
            self.add_error("kwartaal", _("Kies een kwartaal."))
        elif kind == periods.MONTH and not data.get("maand"):
            self.add_error("maand", _("Kies een maand."))
        elif kind == periods.RANGE:
            first, last = data.get("van"), data.get("tot")
            if first is None:
                self.add_error("van", _("Geef de eerste dag van de periode."))
            if last is None:
                self.add_error("tot", _("Geef de laatste dag van de periode."))
            if first and last:
                if last < first:
                    self.add_error("tot", _("De laatste dag valt vóór de eerste."))
                elif first > today:
                    self.add_error("van", _("De periode begint na vandaag."))
                elif (last - first).days > LONGEST_DAYS:
                    self.add_error("tot", _("Kies een periode van hoogstens tien jaar."))
                elif first.year < FIRST_YEAR:
                    self.add_error("van", _("Kies een periode vanaf het jaar 2000."))
        if kind in (periods.QUARTER, periods.MONTH) and not self.errors:
            first = self.period(today=today).first
            if first > today:
                self.add_error(
                    "kwartaal" if kind == periods.QUARTER else "maand",
                    _("De periode begint na vandaag."),
                )
        return data

    def period(self, today=None) -> periods.Period:
        """The chosen period (call after is_valid())."""
        data = self.cleaned_data
        kind = data["periode"]
        if kind == periods.YEAR:
            return periods.year(data["jaar"], today)
        if kind == periods.QUARTER:
            return periods.quarter(data["jaar"], data["kwartaal"], today)
        if kind == periods.MONTH:
            return periods.month(data["jaar"], data["maand"], today)
        return periods.between(data["van"], data["tot"], today)


def chosen_period(data) -> tuple[PeriodForm, periods.Period]:
    """The form and its period; this year when nothing (or nothing valid) was chosen. Other
    parameters (the part of the page) choose no period."""
    chosen = data and any(name in data for name in PeriodForm.base_fields)
    form = PeriodForm(data if chosen else None)
    if form.is_bound and form.is_valid():
        return form, form.period()
    return form, periods.this_year()
