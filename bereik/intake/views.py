import datetime
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bereik import audit
from bereik.accounts import roles
from bereik.dossiers import access
from bereik.dossiers.models import Signal
from bereik.intake import actions
from bereik.intake.forms import EvictionForm, MappingForm, UploadForm
from bereik.intake.importing import ImportRefused
from bereik.intake.models import REGISTER, ColumnProfile, ImportBatch, ImportRow
from bereik.intake.specs import spec_for
from bereik.lib import insz

PREVIEW_ROWS = 10
MAX_LISTED_ROWS = 500
CONTENT_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _require_import(user) -> None:
    if not roles.can_import(user):
        raise PermissionDenied


def upload(request):
    _require_import(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    earlier = None
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            batch = actions.import_upload(
                content=uploaded.read(),
                file_name=uploaded.name,
                kind=form.cleaned_data["kind"],
                company=form.cleaned_data["company"],
                session_date=form.cleaned_data["session_date"],
                actor=request.user,
            )
        except ImportRefused as refused:
            form.add_error("file", refused.message)
            earlier = refused.earlier
        else:
            return redirect("intake:preview", batch.pk)
    return render(request, "intake/upload.html", {"form": form, "earlier": earlier})


def _preview_batch(request, pk) -> ImportBatch:
    _require_import(request.user)
    return get_object_or_404(
        ImportBatch.objects.select_related("company", "created_by").exclude(kind=REGISTER),
        pk=pk,
        status=ImportBatch.Status.PREVIEW,
    )


def preview(request, pk):
    _require_import(request.user)
    batch = ImportBatch.objects.filter(pk=pk).first()
    if batch is None:
        raise Http404
    if batch.status != ImportBatch.Status.PREVIEW or batch.kind == REGISTER:
        return redirect(batch.get_absolute_url())
    return _render_preview(request, _preview_batch(request, pk))


def _render_preview(request, batch, mapping_form=None, status=200):
    try:
        plan = actions.plan_for(batch)
    except ImportRefused as refused:
        messages.error(request, refused.message)
        return redirect("intake:history")
    audit.record_read(request.user, batch, purpose="import voorbeeld bekijken")
    spec = spec_for(batch.kind)
    if mapping_form is None:
        mapping_form = MappingForm(headers=plan.table.headers, spec=spec, mapping=plan.mapping)
    can_see_insz = roles.can_see_insz(request.user)
    context = {
        "batch": batch,
        "plan": plan,
        "counts": plan.counts if plan.ready else None,
        "recognised": _recognised_columns(plan, spec),
        "first_rows": [_row_view(row, can_see_insz, spec) for row in plan.rows[:PREVIEW_ROWS]],
        "problems": _problems(plan.problem_rows[:MAX_LISTED_ROWS]),
        "more_problems": max(0, len(plan.problem_rows) - MAX_LISTED_ROWS),
        "all_rows": [_row_view(row, can_see_insz, spec) for row in plan.rows[:MAX_LISTED_ROWS]],
        "more_rows": max(0, len(plan.rows) - MAX_LISTED_ROWS),
        "mapping_form": mapping_form,
        "show_mapping": not plan.ready or mapping_form.is_bound,
        "importable": plan.ready
        and any(row.outcome != ImportRow.Outcome.ERROR for row in plan.rows),
    }
    return render(request, "intake/preview.html", context, status=status)


def _recognised_columns(plan, spec) -> list[dict]:
    recognition = plan.recognition
    result = []
    for index, header in enumerate(recognition.headers):
        name = recognition.mapping.get(index)
        field = spec.field(name) if name else None
        result.append(
            {
                "header": header,
                "field": field.label if field else "",
                "code": name or "",
                "source": recognition.source.get(index, ""),
                "ignored": index in recognition.ignored,
            }
        )
    return result


def _row_view(row, can_see_insz: bool, spec) -> dict:
    signal = row.signal or {}
    values = row.parsed.values
    number = values.get("house_number", "") + (f" bus {values['box']}" if values.get("box") else "")
    street = f"{values.get('street', '')} {number}".strip()
    place = f"{values.get('postcode', '')} {values.get('city', '')}".strip()
    # The parsed values (Decimal, date) rather than their stored JSON text, to show them as such.
    extra = {
        str(spec.field(key).label if spec.field(key) else key): values.get(key, value)
        for key, value in (signal.get("extra") or {}).items()
        if key != "insz_columns" and value not in ("", None)
    }
    return {
        "number": row.number,
        "customer_number": values.get("customer_number", ""),
        "name": row.name,
        "address": ", ".join(part for part in (street, place) if part),
        "insz": insz.mask(values.get("insz")) if can_see_insz and values.get("insz") else "",
        "amount": signal.get("amount", values.get("amount")),
        "date": signal.get("reference_date"),
        "deadline": row.deadline,
        "measure": values.get("measure", ""),
        "protected": values.get("protected_customer"),
        "extra": {key: _shown(value) for key, value in extra.items()},
        "outcome": row.outcome,
        "outcome_label": dict(ImportRow.Outcome.choices)[row.outcome],
        "note": row.note,
        "errors": row.parsed.errors,
    }


def _shown(value) -> str:
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return number_format(value, 2, force_grouping=True)  # 1.377,02
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    return str(value)


def _problems(rows) -> list[dict]:
    result = []
    for row in rows:
        for problem in row.parsed.errors:
            result.append({"problem": problem, "error": True, "outcome": _("niet geïmporteerd")})
        for problem in row.parsed.warnings:
            result.append({"problem": problem, "error": False, "outcome": _("wel geïmporteerd")})
    return result


@require_POST
def mapping(request, pk):
    batch = _preview_batch(request, pk)
    plan = actions.plan_for(batch)
    form = MappingForm(
        request.POST, headers=plan.table.headers, spec=spec_for(batch.kind), mapping=plan.mapping
    )
    if not form.is_valid():
        return _render_preview(request, batch, mapping_form=form, status=400)
    actions.column_profile_save(
        company=batch.company, kind=batch.kind, mapping=form.mapping(), actor=request.user
    )
    messages.success(
        request,
        _("De kolomkoppeling is bewaard voor %(company)s (%(kind)s) en wordt voortaan gebruikt.")
        % {"company": batch.company, "kind": batch.get_kind_display()},
    )
    return redirect("intake:preview", batch.pk)


@require_POST
def confirm(request, pk):
    batch = _preview_batch(request, pk)
    try:
        result = actions.import_confirm(batch, actor=request.user)
    except ImportRefused as refused:
        messages.error(request, refused.message)
        if refused.earlier is not None:
            return redirect("intake:detail", refused.earlier.pk)
        return redirect("intake:preview", batch.pk)
    counts = result.plan.counts
    messages.success(
        request,
        _(
            "Geïmporteerd. Nieuwe signalen: %(created)s · nieuwe dossiers: %(new)s · aangevulde "
            "dossiers: %(updated)s · al gekend: %(known)s · rijen met fouten: %(errors)s."
        )
        % {
            "created": counts["signals_created"],
            "new": counts["dossiers_created"],
            "updated": counts["dossiers_updated"],
            "known": counts["signals_skipped"],
            "errors": counts["rows_with_errors"],
        },
    )
    return redirect("intake:detail", result.batch.pk)


@require_POST
def discard(request, pk):
    batch = _preview_batch(request, pk)
    actions.import_discard(batch, actor=request.user)
    messages.success(request, _("Het voorbeeld is weggegooid; er werd niets geïmporteerd."))
    return redirect("intake:history")


def history(request):
    _require_import(request.user)
    batches = ImportBatch.objects.select_related("company", "created_by", "imported_by")
    kind = request.GET.get("soort", "")
    if kind:
        batches = batches.filter(kind=kind)
    page = Paginator(batches, 25).get_page(request.GET.get("pagina"))
    return render(
        request,
        "intake/history.html",
        {"page": page, "kind": kind, "kinds": ImportBatch._meta.get_field("kind").choices},
    )


def detail(request, pk):
    _require_import(request.user)
    batch = get_object_or_404(
        ImportBatch.objects.select_related("company", "created_by", "imported_by"),
        pk=pk,
        status=ImportBatch.Status.IMPORTED,
    )
    audit.record_read(request.user, batch, purpose="importresultaat bekijken")
    rows = batch.rows.select_related("dossier")
    outcome = request.GET.get("resultaat", "")
    if outcome:
        rows = rows.filter(outcome=outcome)
    page = Paginator(rows, 100).get_page(request.GET.get("pagina"))
    dossier_ids = {row.dossier_id for row in page if row.dossier_id}
    visible = set(
        access.visible_dossiers(request.user)
        .filter(pk__in=dossier_ids)
        .values_list("pk", flat=True)
    )
    insz_headers = {header for header, name in batch.mapping.items() if name == "insz"}
    for row in page:
        row.dossier_visible = row.dossier_id in visible
        row.raw_items = masked_raw(row.raw, insz_headers)
    return render(
        request,
        "intake/detail.html",
        {
            "batch": batch,
            "page": page,
            "outcome": outcome,
            "outcomes": ImportRow.Outcome.choices,
            "can_download": access.can_download_import(request.user, batch),
        },
    )


def masked_raw(raw: dict, insz_headers) -> list[tuple[str, str]]:
    """The raw row for display, with INSZ columns masked (never shown in full in a list)."""
    items = []
    for header, value in (raw or {}).items():
        if header in insz_headers and value not in ("", None):
            value = insz.mask(value) or "•••••••••••"
        items.append((header, value))
    return items


def download(request, pk):
    batch = ImportBatch.objects.filter(pk=pk).first()
    if batch is None or not access.can_download_import(request.user, batch):
        raise Http404
    return _file_response(request, batch)


def signal_document(request, pk):
    """The PDF of a court document, for whoever may see its dossier."""
    signal = get_object_or_404(Signal, pk=pk, kind=Signal.Kind.UITHUISZETTING)
    if signal.dossier_id is None:
        raise Http404
    access.get_dossier_for(request.user, signal.dossier_id)
    row = (
        ImportRow.objects.filter(signal=signal, batch__kind=Signal.Kind.UITHUISZETTING)
        .select_related("batch")
        .first()
    )
    if row is None:
        raise Http404
    return _file_response(request, row.batch)


def _file_response(request, batch):
    audit.record_read(request.user, batch, purpose="oorspronkelijk bestand downloaden")
    try:
        stream = batch.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        stream,
        as_attachment=True,
        filename=batch.file_name,
        content_type=CONTENT_TYPES.get(batch.file_format, "application/octet-stream"),
    )


def eviction(request):
    _require_import(request.user)
    form = EvictionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        document = data.pop("document")
        try:
            signal = actions.eviction_register(
                document=document.read(), file_name=document.name, actor=request.user, **data
            )
        except ImportRefused as refused:
            form.add_error("document", refused.message)
        else:
            dossier = signal.dossier
            messages.success(
                request,
                _("Het document is geregistreerd in dossier %(number)s.")
                % {"number": dossier.number},
            )
            if access.can_view_dossier(request.user, dossier):
                return redirect(dossier.get_absolute_url() + "#sectie-signalen")
            return redirect("intake:history")
    return render(request, "intake/eviction.html", {"form": form})


def profiles(request):
    _require_import(request.user)
    items = list(ColumnProfile.objects.select_related("company", "updated_by"))
    for profile in items:
        spec = _spec_or_none(profile.kind)
        profile.pairs = [
            (header, (spec.field(name).label if spec and spec.field(name) else name))
            for header, name in profile.mapping.items()
            if name
        ]
    return render(request, "intake/profiles.html", {"profiles": items})


def _spec_or_none(kind):
    try:
        return spec_for(kind)
    except KeyError:
        return None


@require_POST
def profile_delete(request, pk):
    _require_import(request.user)
    profile = get_object_or_404(ColumnProfile, pk=pk)
    actions.column_profile_delete(profile, actor=request.user)
    messages.success(request, _("Het kolomprofiel is verwijderd."))
    return redirect(reverse("intake:profiles"))
