"""The forms and views behind the dossier page's "Route en toewijzing" and "Overleg" sections.
Each posts, runs one action, and goes back to the section with a Dutch message."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bereik.accounts import roles
from bereik.clients.models import Consultation
from bereik.dossiers import access
from bereik.dossiers.assignment import dossier_assign
from bereik.dossiers.models import Dossier
from bereik.dossiers.triage import consultation_record, dossier_change_route


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
    worker = forms.ModelChoiceField(
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
        self.fields["worker"].queryset = roles.followers()
        self.fields["worker"].label_from_instance = lambda u: u.get_full_name() or u.username


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


def _back(dossier: Dossier, section: str):
    return redirect(f"{dossier.get_absolute_url()}#sectie-{section}")


def _errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@require_POST
def change_route(request, pk):
    dossier = access.get_dossier_for(request.user, pk)
    if not roles.can_triage(request.user):
        raise PermissionDenied
    form = RouteForm(request.POST, prefix="route")
    if not form.is_valid():
        _errors(request, form)
        return _back(dossier, "triage")
    try:
        dossier_change_route(
            dossier,
            form.cleaned_data["route"],
            reason=form.cleaned_data["reason"],
            reassign=form.cleaned_data["reassign"],
            actor=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _back(dossier, "triage")
    messages.success(
        request, _("Route gewijzigd naar %(route)s.") % {"route": form.cleaned_data["route"]}
    )
    return _back(dossier, "triage")


@require_POST
def assign(request, pk):
    dossier = access.get_dossier_for(request.user, pk)
    if not access.can_assign(request.user, dossier):
        raise PermissionDenied
    form = AssignForm(request.POST, prefix="assign")
    if not form.is_valid():
        _errors(request, form)
        return _back(dossier, "triage")
    worker = form.cleaned_data["worker"]
    try:
        dossier_assign(dossier, worker, reason=form.cleaned_data["reason"], actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _back(dossier, "triage")
    if worker is None:
        messages.success(request, _("Het dossier is aan niemand meer toegewezen."))
    else:
        messages.success(
            request,
            _("Het dossier is toegewezen aan %(worker)s.")
            % {"worker": worker.get_full_name() or worker},
        )
    return _back(dossier, "triage")


def can_record_consultation(user, consultation: Consultation) -> bool:
    return roles.can_triage(user) or (
        consultation.former_worker_id is not None and consultation.former_worker_id == user.pk
    )


@require_POST
def record_consultation(request, pk, consultation_pk):
    dossier = access.get_dossier_for(request.user, pk)
    consultation = get_object_or_404(dossier.consultations, pk=consultation_pk)
    if not can_record_consultation(request.user, consultation):
        raise PermissionDenied
    form = ConsultationForm(request.POST, prefix="overleg")
    if not form.is_valid():
        _errors(request, form)
        return _back(dossier, "overleg")
    try:
        consultation_record(
            consultation,
            form.cleaned_data["outcome"],
            notes=form.cleaned_data["notes"],
            actor=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _back(dossier, "overleg")
    messages.success(request, _("De uitkomst van het overleg is genoteerd."))
    return _back(dossier, "overleg")
