from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bereik import audit
from bereik.accounts import roles
from bereik.dossiers import access
from bereik.dossiers.models import Signal
from bereik.intake import actions, detect, kinds, queries
from bereik.intake.forms import EvictionForm, KindForm, MappingForm, UploadForm
from bereik.intake.models import ColumnProfile, ImportBatch, ImportRow
from bereik.intake.rules import ImportRefused
from bereik.lib import insz, locking

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


def _kind_or_404(code: str) -> kinds.ImportKind:
    kind = kinds.find(code)
    if kind is None or not kind.uploadable:
        raise Http404
    return kind


def upload(request):
    """Upload a file of any kind. `?soort=<kind>` chooses the kind (the register page links here
    with its kind); a kind without company then asks for the file only."""
    _require_import(request.user)
    chosen = kinds.find(request.GET.get("soort", ""))
    chosen = chosen if chosen is not None and chosen.uploadable else None
    form = UploadForm(request.POST or None, request.FILES or None, kind=chosen)
    earlier = None
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            batch = actions.import_upload(
                content=uploaded.read(),
                file_name=uploaded.name,
                kind=form.cleaned_data["kind"],
                company=form.cleaned_data.get("company"),
                session_date=form.cleaned_data.get("session_date"),
                actor=request.user,
            )
        except ImportRefused as refused:
            form.add_error("file", refused.message)
            earlier = refused.earlier
        else:
            return redirect("intake:preview", batch.pk)
    return render(request, "intake/upload.html", {"form": form, "earlier": earlier, "kind": chosen})


def _preview_batch(request, pk) -> tuple[ImportBatch, kinds.ImportKind]:
    _require_import(request.user)
    batch = get_object_or_404(
        ImportBatch.objects.select_related("company", "created_by"),
        pk=pk,
        status=ImportBatch.Status.PREVIEW,
    )
    return batch, _kind_or_404(batch.kind)


def preview(request, pk):
    _require_import(request.user)
    batch = ImportBatch.objects.select_related("company", "created_by").filter(pk=pk).first()
    if batch is None:
        raise Http404
    if batch.status != ImportBatch.Status.PREVIEW:
        return redirect(batch.get_absolute_url())
    if batch.options.get("to_confirm"):
        return redirect("intake:kind", batch.pk)
    return _render_preview(request, batch, _kind_or_404(batch.kind))


def kind(request, pk):
    """Confirm (or change) the kind and the company of an uploaded file before its preview: what
    Bereik read in the file is proposed, with why, never used without the user."""
    _require_import(request.user)
    batch = get_object_or_404(
        ImportBatch.objects.select_related("company"), pk=pk, status=ImportBatch.Status.PREVIEW
    )
    proposal = batch.options.get("proposal") or {}
    initial = {"kind": batch.kind, "company": batch.company, "session_date": batch.session_date}
    form = KindForm(request.POST or None, initial=initial, version_record=batch)
    if request.method == "POST" and form.is_valid():
        try:
            actions.import_set_kind(
                batch,
                kind=form.cleaned_data["kind"],
                company=form.cleaned_data.get("company"),
                session_date=form.cleaned_data.get("session_date"),
                actor=request.user,
                version=form.version(),
            )
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
        except ImportRefused as refused:
            form.add_error(None, refused.message)
        else:
            return redirect("intake:preview", batch.pk)
    return render(
        request,
        "intake/kind.html",
        {
            "batch": batch,
            "form": form,
            "reasons": proposal.get("reasons", []),
            "proposed": batch.options.get("to_confirm", False),
        },
    )


def _render_preview(request, batch, kind, mapping_form=None, status=200, options_form=None):
    try:
        plan = queries.plan_for(batch)
    except ImportRefused as refused:
        messages.error(request, refused.message)
        return redirect("intake:history")
    if options_form is None and plan.ready and kind.confirm_options is not None:
        options_form = kind.confirm_options(plan, None)
    audit.record_read(request.user, batch, purpose="import voorbeeld bekijken")
    if mapping_form is None:
        mapping_form = MappingForm(headers=plan.table.headers, spec=kind.spec, mapping=plan.mapping)
    can_see_insz = roles.can_see_insz(request.user)
    listed = kind.listed_rows(plan) if plan.ready else []
    context = {
        "batch": batch,
        "kind": kind,
        "parts": kind.parts,
        "plan": plan,
        "counts": plan.counts if plan.ready else None,
        "recognised": _recognised_columns(plan, kind.spec),
        "first_rows": [kind.row_view(row, can_see_insz) for row in plan.rows[:PREVIEW_ROWS]],
        "problems": _problems(plan.problem_rows[:MAX_LISTED_ROWS]),
        "more_problems": max(0, len(plan.problem_rows) - MAX_LISTED_ROWS),
        "all_rows": [kind.row_view(row, can_see_insz) for row in listed[:MAX_LISTED_ROWS]],
        "more_rows": max(0, len(listed) - MAX_LISTED_ROWS),
        "mapping_form": mapping_form,
        "show_mapping": not plan.ready or mapping_form.is_bound,
        "importable": plan.ready and any(row.parsed.ok for row in plan.rows),
        "options_form": options_form,
        # What the file says of itself, when it differs from the company and kind chosen.
        "contradictions": detect.contradictions(plan.table, kind=batch.kind, company=batch.company)
        if kind.needs_company
        else [],
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
    batch, kind = _preview_batch(request, pk)
    plan = queries.plan_for(batch)
    form = MappingForm(
        request.POST, headers=plan.table.headers, spec=kind.spec, mapping=plan.mapping
    )
    if not form.is_valid():
        return _render_preview(request, batch, kind, mapping_form=form, status=400)
    actions.column_profile_save(
        company=batch.company, kind=batch.kind, mapping=form.mapping(), actor=request.user
    )
    if batch.company:
        message = _(
            "De kolomkoppeling is bewaard voor %(company)s (%(kind)s) en wordt voortaan gebruikt."
        ) % {"company": batch.company, "kind": kind.label}
    else:
        message = _("De kolomkoppeling is bewaard voor %(kind)s en wordt voortaan gebruikt.") % {
            "kind": kind.label
        }
    messages.success(request, message)
    return redirect("intake:preview", batch.pk)


@require_POST
def confirm(request, pk):
    batch, kind = _preview_batch(request, pk)
    options = {}
    if kind.confirm_options is not None:
        try:
            form = kind.confirm_options(queries.plan_for(batch), request.POST)
        except ImportRefused as refused:
            messages.error(request, refused.message)
            return redirect("intake:preview", batch.pk)
        if form is not None and not form.is_valid():
            return _render_preview(request, batch, kind, status=400, options_form=form)
        options = form.cleaned_data if form is not None else {}
    try:
        result = actions.import_confirm(batch, actor=request.user, options=options)
    except ImportRefused as refused:
        messages.error(request, refused.message)
        if refused.earlier is not None:
            return redirect("intake:detail", refused.earlier.pk)
        return redirect("intake:preview", batch.pk)
    messages.success(request, kind.success_message(result))
    for note in kind.notes(result) if kind.notes else []:
        messages.info(request, note)
    if kind.success_url is not None:
        return redirect(kind.success_url(result))
    return redirect("intake:detail", result.batch.pk)


@require_POST
def discard(request, pk):
    _require_import(request.user)
    batch = get_object_or_404(ImportBatch, pk=pk, status=ImportBatch.Status.PREVIEW)
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
    _mark_hidden_documents(request.user, page)
    return render(
        request,
        "intake/history.html",
        {"page": page, "kind": kind, "kinds": kinds.choices()},
    )


def _mark_hidden_documents(user, page) -> None:
    """A court document is about one household: its file name (often the tenant's name) only
    for whoever may see its dossier, the same rule as its download (`can_download_import`)."""
    documents = [batch.pk for batch in page if batch.is_document]
    dossiers = dict(
        ImportRow.objects.filter(batch__in=documents, dossier__isnull=False).values_list(
            "batch_id", "dossier_id"
        )
    )
    visible = set(
        access.visible_dossiers(user)
        .filter(pk__in=set(dossiers.values()))
        .values_list("pk", flat=True)
    )
    for batch in page:
        batch.hidden = batch.is_document and dossiers.get(batch.pk) not in visible


def detail(request, pk):
    _require_import(request.user)
    batch = get_object_or_404(
        ImportBatch.objects.select_related("company", "created_by", "imported_by"),
        pk=pk,
        status=ImportBatch.Status.IMPORTED,
    )
    if not access.can_download_import(request.user, batch):
        # A court document: its tenant, roll number and dossier only for whoever may see the
        # dossier, as its file (a list: whoever imports, as `_require_import` asked).
        raise Http404
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
    kind = batch.import_kind
    return render(
        request,
        "intake/detail.html",
        {
            "batch": batch,
            "kind": kind,
            "parts": kind.parts,
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
        kind = kinds.find(profile.kind)
        spec = kind.spec if kind else None
        profile.pairs = [
            (header, (spec.field(name).label if spec and spec.field(name) else name))
            for header, name in profile.mapping.items()
            if name
        ]
    return render(request, "intake/profiles.html", {"profiles": items})


@require_POST
def profile_delete(request, pk):
    _require_import(request.user)
    profile = get_object_or_404(ColumnProfile, pk=pk)
    actions.column_profile_delete(profile, actor=request.user)
    messages.success(request, _("Het kolomprofiel is verwijderd."))
    return redirect(reverse("intake:profiles"))
