"""The energy specifics' forms, each on its own page from the dossier's section."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik import audit
from bereik.dossiers import access
from bereik.dossiers.models import Dossier
from bereik.energy import actions
from bereik.energy.forms import MinimumSupplyForm, SupplySituationForm
from bereik.organisation.models import Organisation

SECTION = "energie"


def _dossier(request, pk) -> Dossier:
    dossier = access.get_dossier_for(request.user, pk, change=True)
    if dossier.kind != Dossier.Kind.ENERGIE:
        raise Http404
    return dossier


def _errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _page(request, dossier, form, title):
    audit.record_read(request.user, dossier, purpose="energie: " + str(title))
    return render(request, "eviction/form.html", {"dossier": dossier, "form": form, "title": title})


def minimum_supply(request, pk):
    dossier = _dossier(request, pk)
    winter = Organisation.winter_stop().current_or_next(timezone.localdate())
    form = MinimumSupplyForm(request.POST or None, winter=winter)
    if request.method == "POST" and form.is_valid():
        try:
            actions.minimum_supply_record(dossier, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("De beslissing over minimale levering is genoteerd."))
            return redirect(f"{dossier.get_absolute_url()}#sectie-{SECTION}")
    return _page(request, dossier, form, _("Minimale levering (MLA / MLE)"))


def supply_situation(request, pk):
    dossier = _dossier(request, pk)
    form = SupplySituationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.supply_situation_record(dossier, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("De leveringssituatie is genoteerd."))
            return redirect(f"{dossier.get_absolute_url()}#sectie-{SECTION}")
    return _page(request, dossier, form, _("Budgetmeter, prepaid en sociale leverancier"))
