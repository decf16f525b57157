from django import forms
from django.utils.translation import gettext_lazy as _

from bereik.lib import locking
from bereik.lib.forms import VersionedForm
from bereik.privacy.models import SUBJECT_CHOICES


class SearchForm(forms.Form):
    query = forms.CharField(
        label=_("Naam of INSZ"),
        max_length=100,
        min_length=2,
        help_text=_("Een familienaam (of het begin ervan) of het rijksregisternummer."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van de inzage"),
        max_length=200,
        min_length=5,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Bijvoorbeeld: inzageverzoek van de persoon zelf, ontvangen op 3/12. "
            "Komt in de toegangslog."
        ),
    )


class RetentionForm(VersionedForm, forms.Form):
    """One number of years per dossier kind, and for clients. Its version is that of the periods
    it shows (`locking.version_of_values`): a second beheerder's save from a page loaded before
    the first one saved is refused and both versions are shown (ADR 0025)."""

    def __init__(self, *args, periods: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        shown = {subject: periods[subject] for subject, _label in SUBJECT_CHOICES}
        self.fields["version"].initial = locking.version_of_values(shown)
        for subject, label in SUBJECT_CHOICES:
            self.fields[subject] = forms.IntegerField(
                label=label,
                min_value=1,
                max_value=30,
                initial=periods[subject],
                help_text=_("jaar"),
            )

    def years(self) -> dict[str, int]:
        return {subject: self.cleaned_data[subject] for subject, _label in SUBJECT_CHOICES}
