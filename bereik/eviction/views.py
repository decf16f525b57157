"""The eviction procedure's forms, each on its own page from the dossier's section: the outcome
of a hearing, the judgment and its service, the bailiff's date, what the OCMW did."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik import audit
from bereik.dossiers import access
from bereik.dossiers.models import Dossier
from bereik.eviction import actions, queries
from bereik.eviction.forms import EvictionDateForm, HearingForm, JudgmentForm, OcmwActionForm
from bereik.eviction.models import Judgment
from bereik.lib import locking

SECTION = "uithuiszetting"


def _dossier(request, pk) -> Dossier:
    dossier = access.get_dossier_for(request.user, pk, change=True)
    if dossier.kind != Dossier.Kind.WOONST or not dossier.is_open:
        raise Http404
    return dossier


def _back(dossier):
    return redirect(f"{dossier.get_absolute_url()}#sectie-{SECTION}")


def _errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _page(request, dossier, form, title, intro=""):
    audit.record_read(request.user, dossier, purpose="uithuiszetting: " + str(title))
    return render(
        request,
        "eviction/form.html",
        {"dossier": dossier, "form": form, "title": title, "intro": intro},
    )


def hearing(request, pk):
    dossier = _dossier(request, pk)
    procedure = queries.procedure_of(dossier, today=timezone.localdate())
    initial = {}
    asked = request.GET.get("datum", "")
    try:
        initial["date"] = datetime.date.fromisoformat(asked) if asked else None
    except ValueError:
        initial["date"] = None
    if initial["date"] is None and procedure.open_hearing is not None:
        initial["date"] = procedure.open_hearing.date
    if procedure.open_hearing is not None:
        initial["court"] = procedure.open_hearing.court
    shown = queries.hearing_on(dossier, initial["date"])
    if shown is not None and shown.outcome:  # a correction: the page shows what it changes
        initial.update(
            court=shown.court,
            outcome=shown.outcome,
            postponed_to=shown.postponed_to,
            note=shown.note,
        )
    form = HearingForm(request.POST or None, initial=initial, version_record=shown)
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "version"}
        try:
            hearing = actions.hearing_record(
                dossier, actor=request.user, version=form.version(), **data
            )
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("De afloop van de zitting is genoteerd."))
            if hearing.outcome == hearing.Outcome.JUDGMENT:
                url = reverse("eviction:judgment", args=[dossier.pk])
                return redirect(f"{url}?datum={hearing.date.isoformat()}")
            return _back(dossier)
    return _page(request, dossier, form, _("Afloop van een zitting"))


def judgment(request, pk):
    dossier = _dossier(request, pk)
    current = Judgment.objects.filter(dossier=dossier).first()
    initial = {}
    if current is not None:
        initial = {
            "date": current.date,
            "decision": current.decision,
            "eviction_allowed_from": current.eviction_allowed_from,
            "served_on": current.served_on,
            "note": current.note,
        }
    elif request.GET.get("datum"):
        try:
            initial = {"date": datetime.date.fromisoformat(request.GET["datum"])}
        except ValueError:
            initial = {}
    form = JudgmentForm(request.POST or None, initial=initial, version_record=current)
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "version"}
        try:
            actions.judgment_record(dossier, actor=request.user, version=form.version(), **data)
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Het vonnis is genoteerd."))
            return _back(dossier)
    return _page(request, dossier, form, _("Vonnis en betekening"))


def eviction_date(request, pk):
    dossier = _dossier(request, pk)
    current = Judgment.objects.filter(dossier=dossier).first()
    initial = {"eviction_date": current.eviction_date} if current is not None else {}
    form = EvictionDateForm(request.POST or None, initial=initial, version_record=current)
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "version"}
        try:
            actions.eviction_date_set(dossier, actor=request.user, version=form.version(), **data)
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("De datum van de uithuiszetting is genoteerd."))
            return _back(dossier)
    return _page(request, dossier, form, _("Datum van de uithuiszetting"))


def action_create(request, pk):
    dossier = _dossier(request, pk)
    form = OcmwActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.ocmw_action_record(dossier, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Genoteerd wat het OCMW deed."))
            return _back(dossier)
    return _page(request, dossier, form, _("Wat het OCMW deed"))
