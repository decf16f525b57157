"""The forms of matching, triage and assignment."""

from django import forms
from django.utils.translation import gettext_lazy

from bereik.accounts import roles
from bereik.accounts.choices import PersonChoiceField
from bereik.dossiers.models import Dossier
from bereik.triage.models import Consultation


class RouteForm(forms.Form):
    route = forms.ChoiceField(label=gettext_lazy("Route"), choices=Dossier.Route.choices)
    reason = forms.CharField(
        label=gettext_lazy("Reden"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    reassign = forms.BooleanField(
        label=gettext_lazy("Opnieuw toewijzen volgens het toewijzingsmodel"),
        required=False,
        initial=True,
    )


class AssignForm(forms.Form):
    worker = PersonChoiceField(
        label=gettext_lazy("Toewijzen aan"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("— niemand —"),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reden"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].holding(*roles.FOLLOWERS)


class ConsultationForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Wie neemt contact op?"),
        choices=Consultation.Outcome.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    notes = forms.CharField(
        label=gettext_lazy("Verslag van het overleg"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class UnlinkForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Waarom is dit niet de juiste cliënt?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ManualLinkForm(forms.Form):
    client_number = forms.CharField(label=gettext_lazy("Cliëntnummer"), max_length=40)


class NewClientForm(forms.Form):
    client_number = forms.CharField(
        label=gettext_lazy("Cliëntnummer in het register"),
        max_length=40,
        required=False,
        help_text=gettext_lazy("Leeg laten als het OCMW nog geen nummer gaf."),
    )


class BulkAssignForm(forms.Form):
    dossiers = forms.TypedMultipleChoiceField(coerce=int, label=gettext_lazy("Dossiers"))
    worker = PersonChoiceField(
        label=gettext_lazy("Toewijzen aan"),
        queryset=roles.followers().none(),
        empty_label=gettext_lazy("— kies een medewerker —"),
    )
    reason = forms.CharField(label=gettext_lazy("Reden"), max_length=500, widget=forms.TextInput())
    next = forms.CharField(required=False, widget=forms.HiddenInput())

    def __init__(self, *args, dossier_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].holding(*roles.FOLLOWERS)
        self.fields["dossiers"].choices = dossier_choices
