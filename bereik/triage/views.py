"""The views of matching, triage and assignment: the dossier page's sections "Cliëntenregister",
"Route en toewijzing" and "Overleg" post here, and so do the worklists' confirmation queue and
bulk (re)assignment. Each checks access, runs one action and goes back with a Dutch message."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from bereik.accounts import roles
from bereik.clients.models import Client
from bereik.dossiers import access
from bereik.dossiers.models import Dossier
from bereik.triage.actions import decisions, matching
from bereik.triage.actions.assignment import dossier_assign, dossiers_assign
from bereik.triage.actions.routes import consultation_record, dossier_change_route
from bereik.triage.forms import (
    AssignForm,
    BulkAssignForm,
    ConsultationForm,
    ManualLinkForm,
    NewClientForm,
    RouteForm,
    UnlinkForm,
)
from bereik.triage.models import Consultation


def _to_section(dossier: Dossier, section: str):
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
        return _to_section(dossier, "triage")
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
        return _to_section(dossier, "triage")
    messages.success(
        request, _("Route gewijzigd naar %(route)s.") % {"route": form.cleaned_data["route"]}
    )
    return _to_section(dossier, "triage")


@require_POST
def assign(request, pk):
    dossier = access.get_dossier_for(request.user, pk)
    if not access.can_assign(request.user, dossier):
        raise PermissionDenied
    form = AssignForm(request.POST, prefix="assign")
    if not form.is_valid():
        _errors(request, form)
        return _to_section(dossier, "triage")
    worker = form.cleaned_data["worker"]
    try:
        dossier_assign(dossier, worker, reason=form.cleaned_data["reason"], actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _to_section(dossier, "triage")
    if worker is None:
        messages.success(request, _("Het dossier is aan niemand meer toegewezen."))
    else:
        messages.success(
            request,
            _("Het dossier is toegewezen aan %(worker)s.")
            % {"worker": worker.get_full_name() or worker},
        )
    return _to_section(dossier, "triage")


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
        return _to_section(dossier, "overleg")
    try:
        consultation_record(
            consultation,
            form.cleaned_data["outcome"],
            notes=form.cleaned_data["notes"],
            actor=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _to_section(dossier, "overleg")
    if not access.can_view_dossier(request.user, dossier):
        # The overleg's grant ended with it (ADR 0031): back home, not to a page now closed.
        dossier.refresh_from_db(fields=["assigned_to"])
        worker = dossier.assigned_to
        messages.success(
            request,
            _(
                "De uitkomst van het overleg is genoteerd. %(worker)s volgt dossier %(number)s "
                "verder op; je ziet het niet meer in je lijsten."
            )
            % {
                "number": dossier.number,
                "worker": (worker.get_full_name() or worker.username)
                if worker
                else _("Een collega"),
            },
        )
        return redirect("home")
    messages.success(request, _("De uitkomst van het overleg is genoteerd."))
    return _to_section(dossier, "overleg")


# --- Linking dossiers and clients -----------------------------------------------------------


def _dossier_for_triage(request, pk):
    dossier = access.get_dossier_for(request.user, pk)
    if not roles.can_triage(request.user):
        raise PermissionDenied
    return dossier


def _back(request, dossier=None):
    url = request.POST.get("next", "")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(url)
    if dossier is not None:
        return redirect(f"{dossier.get_absolute_url()}#sectie-client")
    return redirect(reverse("dossiers:worklist", args=["te-bevestigen"]))


def _run(request, dossier, func, success: str):
    try:
        func()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return _back(request, dossier)


def _decide_candidate(request, pk, client_pk, action, success: str):
    """Confirm or reject one proposed client of a dossier: `action(dossier, client, actor=)`."""
    dossier = _dossier_for_triage(request, pk)
    client = get_object_or_404(Client, pk=client_pk)
    return _run(
        request,
        dossier,
        lambda: action(dossier, client, actor=request.user),
        success % {"number": dossier.number, "client": client.client_number},
    )


@require_POST
def match_confirm(request, pk, client_pk):
    return _decide_candidate(
        request,
        pk,
        client_pk,
        decisions.match_confirm,
        _("Dossier %(number)s gekoppeld aan cliënt %(client)s."),
    )


@require_POST
def match_reject(request, pk, client_pk):
    return _decide_candidate(
        request,
        pk,
        client_pk,
        decisions.match_reject,
        _("Voorstel %(client)s afgewezen voor dossier %(number)s."),
    )


@require_POST
def match_new(request, pk):
    dossier = _dossier_for_triage(request, pk)
    return _run(
        request,
        dossier,
        lambda: decisions.match_mark_new(dossier, actor=request.user),
        _("Dossier %(number)s: het huishouden is nieuw voor het OCMW.")
        % {"number": dossier.number},
    )


@require_POST
def match_unlink(request, pk):
    dossier = _dossier_for_triage(request, pk)
    form = UnlinkForm(request.POST, prefix="unlink")
    if not form.is_valid():
        messages.error(request, _("Geef een reden om de koppeling ongedaan te maken."))
        return _back(request, dossier)
    return _run(
        request,
        dossier,
        lambda: decisions.match_unlink(
            dossier, reason=form.cleaned_data["reason"], actor=request.user
        ),
        _("De koppeling is ongedaan gemaakt."),
    )


@require_POST
def match_manual(request, pk):
    dossier = _dossier_for_triage(request, pk)
    form = ManualLinkForm(request.POST, prefix="link")
    number = form.cleaned_data["client_number"].strip() if form.is_valid() else ""
    client = Client.objects.filter(client_number__iexact=number).first() if number else None
    if client is None:
        messages.error(
            request,
            _("Cliëntnummer: geen cliënt gevonden met nummer '%(number)s'.") % {"number": number},
        )
        return _back(request, dossier)
    return _run(
        request,
        dossier,
        lambda: decisions.match_confirm(dossier, client, actor=request.user),
        _("Dossier %(number)s gekoppeld aan cliënt %(client)s.")
        % {"number": dossier.number, "client": client.client_number},
    )


@require_POST
def create_from_dossier(request, pk):
    dossier = _dossier_for_triage(request, pk)
    if not roles.can_manage_register(request.user):
        raise PermissionDenied
    form = NewClientForm(request.POST, prefix="newclient")
    number = form.cleaned_data["client_number"] if form.is_valid() else ""
    return _run(
        request,
        dossier,
        lambda: decisions.client_create_from_dossier(
            dossier, client_number=number, actor=request.user
        ),
        _("Nieuwe cliënt aangemaakt en gekoppeld aan dossier %(number)s.")
        % {"number": dossier.number},
    )


@require_POST
def match_dossier(request, pk):
    dossier = _dossier_for_triage(request, pk)
    summary = matching.match_dossiers([dossier.pk], request.user)
    messages.success(request, summary.message())
    return _back(request, dossier)


@require_POST
def match_all(request):
    if not roles.can_triage(request.user):
        raise PermissionDenied
    summary = matching.match_unlinked(actor=request.user)
    messages.success(request, summary.message())
    return _back(request)


# --- Bulk (re)assignment from a worklist ---


def _safe_next(request, url: str, default: str) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


@require_POST
def bulk_assign(request):
    if not access.can_assign(request.user):
        raise Http404
    ids = [int(v) for v in request.POST.getlist("dossiers") if v.isdigit()]
    visible = access.visible_dossiers(request.user).filter(pk__in=ids)
    form = BulkAssignForm(
        request.POST, dossier_choices=[(pk, pk) for pk in visible.values_list("pk", flat=True)]
    )
    back = _safe_next(
        request, request.POST.get("next", ""), reverse("dossiers:worklist", args=["alle"])
    )
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect(back)
    dossiers = visible.filter(pk__in=form.cleaned_data["dossiers"]).select_related("assigned_to")
    try:
        count = dossiers_assign(
            list(dossiers),
            form.cleaned_data["worker"],
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    worker = form.cleaned_data["worker"]
    messages.success(
        request,
        ngettext(
            "%(count)s dossier toegewezen aan %(worker)s.",
            "%(count)s dossiers toegewezen aan %(worker)s.",
            count,
        )
        % {"count": count, "worker": worker.get_full_name() or worker},
    )
    return redirect(back)
