"""The client register (list, page, add and correct by hand) and the views that link dossiers
to clients (confirm, reject, new, undo, by number, new client from the dossier, match again)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bereik import audit
from bereik.accounts import roles
from bereik.clients import actions, register
from bereik.clients.forms import (
    ClientForm,
    ClientSearchForm,
    RegisterUploadForm,
)
from bereik.clients.models import Client
from bereik.dossiers import access
from bereik.intake import actions as intake_actions
from bereik.intake.forms import MappingForm
from bereik.intake.importing import ImportRefused
from bereik.intake.models import REGISTER, ImportBatch
from bereik.lib import insz as insz_lib


def _client_for(user, pk) -> Client:
    client = (
        access.visible_clients(user, Client.objects.all())
        .filter(pk=pk)
        .select_related("social_worker")
        .first()
    )
    if client is None:
        raise Http404
    return client


def client_list(request):
    # The same rule as the navigation entry: an empty list is fine, the page itself is not secret.
    if not (roles.can_manage_register(request.user) or roles.works_on_dossiers(request.user)):
        raise Http404
    form = ClientSearchForm(request.GET or None)
    clients = access.visible_clients(request.user, Client.objects.all()).select_related(
        "social_worker"
    )
    if form.is_valid():
        for word in form.cleaned_data["q"].split()[:5]:
            clients = clients.filter(
                Q(last_name__icontains=word)
                | Q(first_name__icontains=word)
                | Q(client_number__iexact=word)
            )
        if form.cleaned_data["guidance"]:
            clients = clients.filter(guidance_status=form.cleaned_data["guidance"])
    page = Paginator(clients.order_by("last_name", "first_name", "pk"), 50).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "clients/list.html",
        {
            "form": form,
            "page": page,
            "can_manage": roles.can_manage_register(request.user),
            "can_import": roles.can_import(request.user),
        },
    )


def client_detail(request, pk):
    client = _client_for(request.user, pk)
    audit.record_read(request.user, client, purpose=_("cliëntfiche bekijken"))
    dossiers = (
        access.visible_dossiers(request.user)
        .filter(client=client)
        .select_related("company", "assigned_to")
        .order_by("-opened_at")
    )
    return render(
        request,
        "clients/detail.html",
        {
            "client": client,
            "dossiers": dossiers,
            "history": client.guidance_changes.select_related("actor")[:50],
            "can_manage": roles.can_manage_register(request.user),
            "can_see_insz": roles.can_see_insz(request.user),
        },
    )


def client_create(request):
    if not roles.can_manage_register(request.user):
        raise PermissionDenied
    can_see_insz = roles.can_see_insz(request.user)
    form = ClientForm(request.POST or None, can_see_insz=can_see_insz)
    if request.method == "POST" and form.is_valid():
        try:
            client = actions.client_create(actor=request.user, **form.changes())
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request, _("Cliënt %(number)s toegevoegd.") % {"number": client.client_number}
            )
            return redirect(client)
    return render(request, "clients/form.html", {"form": form, "client": None})


def client_edit(request, pk):
    if not roles.can_manage_register(request.user):
        raise PermissionDenied
    client = _client_for(request.user, pk)
    can_see_insz = roles.can_see_insz(request.user)
    form = ClientForm(request.POST or None, instance=client, can_see_insz=can_see_insz)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        if "insz" not in changes:
            changes["insz"] = Client.objects.values_list("insz", flat=True).get(pk=client.pk)
        try:
            actions.client_update(
                Client.objects.get(pk=client.pk),
                actor=request.user,
                reason=form.cleaned_data.get("reason", ""),
                **changes,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("De gegevens van de cliënt zijn bijgewerkt."))
            return redirect(client)
    else:
        audit.record_read(request.user, client, purpose=_("cliëntfiche wijzigen"))
    return render(request, "clients/form.html", {"form": form, "client": client})


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# --- Register import ------------------------------------------------------------------------

PREVIEW_ROWS = 10
MAX_LISTED_ROWS = 500


def _require_import(user) -> None:
    if not roles.can_import(user):
        raise PermissionDenied


def register_upload(request):
    _require_import(request.user)
    form = RegisterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            batch = actions.register_upload(
                content=uploaded.read(), file_name=uploaded.name, actor=request.user
            )
        except ImportRefused as refused:
            form.add_error("file", refused.message)
        else:
            return redirect("clients:register_preview", batch.pk)
    return render(request, "clients/register_upload.html", {"form": form})


def _register_batch(request, pk) -> ImportBatch:
    _require_import(request.user)
    return get_object_or_404(ImportBatch, pk=pk, kind=REGISTER, status=ImportBatch.Status.PREVIEW)


def _row_view(row, can_see_insz: bool) -> dict:
    v = row.parsed.values
    number = v.get("house_number", "") + (f" bus {v['box']}" if v.get("box") else "")
    street = f"{v.get('street', '')} {number}".strip()
    place = f"{v.get('postcode', '')} {v.get('city', '')}".strip()
    fields = row.fields
    return {
        "number": row.number,
        "client_number": row.client_number,
        "name": row.name,
        "insz": insz_lib.mask(v.get("insz")) if can_see_insz and v.get("insz") else "",
        "address": ", ".join(part for part in (street, place) if part),
        "guidance": dict(Client.Guidance.choices).get(fields.get("guidance_status"), ""),
        "intensive": fields.get("intensive_guidance"),
        "worker": fields.get("social_worker_name", ""),
        "worker_linked": bool(fields.get("social_worker_id")),
        "outcome": row.outcome,
        "outcome_label": register.OUTCOMES[row.outcome],
        "changed": [str(_FIELD_LABELS.get(name, name)) for name in row.changed],
        "note": row.note,
        "errors": row.parsed.errors,
    }


_FIELD_LABELS = {
    "last_name": gettext_lazy("naam"),
    "first_name": gettext_lazy("voornaam"),
    "insz": gettext_lazy("INSZ"),
    "birth_date": gettext_lazy("geboortedatum"),
    "street": gettext_lazy("straat"),
    "house_number": gettext_lazy("huisnummer"),
    "box": gettext_lazy("bus"),
    "postcode": gettext_lazy("postcode"),
    "city": gettext_lazy("gemeente"),
    "phone": gettext_lazy("telefoon"),
    "guidance_status": gettext_lazy("begeleiding"),
    "intensive_guidance": gettext_lazy("intensief"),
    "guidance_end_date": gettext_lazy("einddatum"),
    "social_worker_id": gettext_lazy("maatschappelijk werker"),
    "social_worker_name": gettext_lazy("naam maatschappelijk werker"),
    "client_number": gettext_lazy("cliëntnummer"),
    "missing_from_register_since": gettext_lazy("terug in de export"),
    "source": gettext_lazy("herkomst"),
}


def register_preview(request, pk, mapping_form=None, status=200):
    batch = _register_batch(request, pk)
    try:
        plan = actions.register_plan_for(batch)
    except ImportRefused as refused:
        messages.error(request, refused.message)
        return redirect("clients:register_upload")
    audit.record_read(request.user, batch, purpose=_("voorbeeld registerimport bekijken"))
    if mapping_form is None:
        mapping_form = MappingForm(
            headers=plan.table.headers, spec=register.SPEC, mapping=plan.mapping
        )
    can_see_insz = roles.can_see_insz(request.user)
    problems = [
        {"problem": p, "error": True, "outcome": _("niet ingelezen")}
        for row in plan.problem_rows[:MAX_LISTED_ROWS]
        for p in row.parsed.errors
    ] + [
        {"problem": p, "error": False, "outcome": _("wel ingelezen")}
        for row in plan.problem_rows[:MAX_LISTED_ROWS]
        for p in row.parsed.warnings
    ]
    problems.sort(key=lambda item: item["problem"].row)
    recognised = []
    for index, header in enumerate(plan.recognition.headers):
        name = plan.recognition.mapping.get(index)
        spec = register.SPEC.field(name) if name else None
        recognised.append(
            {
                "header": header,
                "field": spec.label if spec else "",
                "code": name or "",
                "source": plan.recognition.source.get(index, ""),
                "ignored": index in plan.recognition.ignored,
            }
        )
    changed_rows = [r for r in plan.rows if r.outcome in (register.NEW, register.UPDATED)]
    return render(
        request,
        "clients/register_preview.html",
        {
            "batch": batch,
            "plan": plan,
            "counts": plan.counts if plan.ready else None,
            "recognised": recognised,
            "problems": problems,
            "first_rows": [_row_view(r, can_see_insz) for r in plan.rows[:PREVIEW_ROWS]],
            "changed_rows": [_row_view(r, can_see_insz) for r in changed_rows[:MAX_LISTED_ROWS]],
            "more_changed": max(0, len(changed_rows) - MAX_LISTED_ROWS),
            "unmatched_workers": sorted(plan.unmatched_workers.items()),
            "mapping_form": mapping_form,
            "mapping_action": reverse("clients:register_mapping", args=[batch.pk]),
            "show_mapping": not plan.ready or mapping_form.is_bound,
            "importable": plan.ready and any(r.outcome != register.ERROR for r in plan.rows),
        },
        status=status,
    )


@require_POST
def register_mapping(request, pk):
    batch = _register_batch(request, pk)
    plan = actions.register_plan_for(batch)
    form = MappingForm(
        request.POST, headers=plan.table.headers, spec=register.SPEC, mapping=plan.mapping
    )
    if not form.is_valid():
        return register_preview(request, pk, mapping_form=form, status=400)
    intake_actions.column_profile_save(
        company=None, kind=REGISTER, mapping=form.mapping(), actor=request.user
    )
    messages.success(
        request,
        _("De kolomkoppeling is bewaard en wordt voortaan gebruikt voor de registerexport."),
    )
    return redirect("clients:register_preview", batch.pk)


@require_POST
def register_confirm(request, pk):
    batch = _register_batch(request, pk)
    try:
        result = actions.register_confirm(batch, actor=request.user)
    except ImportRefused as refused:
        messages.error(request, refused.message)
        return redirect("clients:register_preview", batch.pk)
    counts = result.plan.counts
    messages.success(
        request,
        _(
            "Register ingelezen: %(new)s nieuwe cliënten, %(updated)s bijgewerkt, %(same)s "
            "ongewijzigd, %(errors)s rijen met fouten, %(missing)s niet meer in de export."
        )
        % {
            "new": counts["clients_created"],
            "updated": counts["clients_updated"],
            "same": counts["clients_unchanged"],
            "errors": counts["rows_with_errors"],
            "missing": counts["clients_missing"],
        },
    )
    if result.match is not None:
        messages.info(request, result.match.message())
    return redirect("clients:list")


@require_POST
def register_discard(request, pk):
    batch = _register_batch(request, pk)
    intake_actions.import_discard(batch, actor=request.user)
    messages.success(request, _("Het voorbeeld is weggegooid; er werd niets ingelezen."))
    return redirect("clients:register_upload")
