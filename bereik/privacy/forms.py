from django import forms
from django.utils.translation import gettext_lazy as _

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


class RetentionForm(forms.Form):
    """One number of years per dossier kind, and for clients."""

    def __init__(self, *args, periods: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for subject, label in SUBJECT_CHOICES:
            self.fields[subject] = forms.IntegerField(
                label=label,
                min_value=1,
                max_value=30,
                initial=periods[subject],
                help_text=_("jaar"),
            )
