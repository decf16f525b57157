"""Views: access check (the one policy) → form → action → response."""

import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from bereik import audit
from bereik.accounts import roles
from bereik.dossiers import access
from bereik.dossiers.models import Dossier
from bereik.lib import documents
from bereik.organisation.models import Organisation
from bereik.outreach import actions, letters, next_step, queries, route_sheet
from bereik.outreach.forms import (
    AttemptForm,
    BatchForm,
    BatchInvitationOptionsForm,
    BrochureForm,
    CancelVisitForm,
    CorrectionForm,
    HandoverForm,
    LetterSendForm,
    MarkSentForm,
    TemplateUploadForm,
    VisitForm,
    WithdrawForm,
    workers,
)
from bereik.outreach.letter_types import INVITATION
from bereik.outreach.models import (
    Brochure,
    ContactAttempt,
    Letter,
    LetterBatch,
    LetterTemplate,
    PlannedVisit,
)


def _back(dossier):
    return redirect(dossier.get_absolute_url() + "#sectie-contacten")


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _parse_date(value, default=None):
    try:
        return datetime.date.fromisoformat(value) if value else default
    except ValueError:
        return default


# --- contact attempts ---------------------------------------------------------------------------

ATTEMPT_FIELDS = ("kind", "date", "part_of_day", "result", "note", "performed_by")


def _attempt_saved(request, form, save, success: str) -> bool:
    """Post the attempt form's fields to `save` (record or correct); True when it was saved, else
    the form carries the errors."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(**{name: form.cleaned_data[name] for name in ATTEMPT_FIELDS})
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, success)
    return True


def attempt_create(request, pk):
    dossier = access.get_dossier_for(request.user, pk, change=True)
    initial = {
        key: request.GET[key] for key in ("kind", "part_of_day", "result") if request.GET.get(key)
    }
    if request.GET.get("date"):
        initial["date"] = _parse_date(request.GET["date"], timezone.localdate())
    form = AttemptForm(request.POST or None, user=request.user, initial=initial)
    if _attempt_saved(
        request,
        form,
        lambda **fields: actions.attempt_record(dossier, actor=request.user, **fields),
        _("De contactpoging is geregistreerd."),
    ):
        return _back(dossier)
    return render(
        request,
        "outreach/attempt_form.html",
        {"dossier": dossier, "form": form, "phone": route_sheet.household_phone(dossier)},
    )


def _attempt_for(request, attempt_id):
    attempt = get_object_or_404(ContactAttempt, pk=attempt_id)
    dossier = access.get_dossier_for(request.user, attempt.dossier_id, change=True)
    return attempt, dossier


def attempt_correct(request, attempt_id):
    attempt, dossier = _attempt_for(request, attempt_id)
    if not attempt.is_current:
        messages.warning(request, _("Deze contactpoging werd al gecorrigeerd of geschrapt."))
        return _back(dossier)
    initial = {
        "kind": attempt.kind,
        "date": attempt.date,
        "part_of_day": attempt.part_of_day,
        "result": attempt.result,
        "note": attempt.note,
        "performed_by": attempt.performed_by_id,
    }
    form = CorrectionForm(request.POST or None, user=request.user, initial=initial)
    if _attempt_saved(
        request,
        form,
        lambda **fields: actions.attempt_correct(
            attempt, reason=form.cleaned_data["reason"], actor=request.user, **fields
        ),
        _("De contactpoging is gecorrigeerd."),
    ):
        return _back(dossier)
    return render(
        request,
        "outreach/attempt_correct.html",
        {
            "dossier": dossier,
            "attempt": attempt,
            "form": form,
            "withdraw_form": WithdrawForm(auto_id="schrappen_%s"),
        },
    )


@require_POST
def attempt_withdraw(request, attempt_id):
    attempt, dossier = _attempt_for(request, attempt_id)
    form = WithdrawForm(request.POST, auto_id="schrappen_%s")
    if form.is_valid():
        try:
            actions.attempt_withdraw(
                attempt, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("De contactpoging is geschrapt."))
        return _back(dossier)
    return render(
        request,
        "outreach/attempt_correct.html",
        {
            "dossier": dossier,
            "attempt": attempt,
            "form": CorrectionForm(user=request.user, initial={"kind": attempt.kind}),
            "withdraw_form": form,
        },
    )


# --- planned visits -----------------------------------------------------------------------------


def visit_create(request, pk):
    dossier = access.get_dossier_for(request.user, pk, change=True)
    initial = {key: request.GET[key] for key in ("kind", "part_of_day") if request.GET.get(key)}
    initial["date"] = _parse_date(request.GET.get("date"), timezone.localdate())
    form = VisitForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.visit_plan(
                dossier,
                worker=data["worker"],
                date=data["date"],
                part_of_day=data["part_of_day"],
                kind=data["kind"],
                note=data["note"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het huisbezoek is gepland."))
            return _back(dossier)
    return render(request, "outreach/visit_form.html", {"dossier": dossier, "form": form})


@require_POST
def visit_cancel(request, visit_id):
    visit = get_object_or_404(PlannedVisit, pk=visit_id)
    dossier = access.get_dossier_for(request.user, visit.dossier_id, change=True)
    form = CancelVisitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef een reden om het huisbezoek te annuleren."))
        return _back(dossier)
    try:
        actions.visit_cancel(visit, reason=form.cleaned_data["reason"], actor=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Het huisbezoek is geannuleerd."))
    return _back(dossier)


def _worker_and_day(request):
    User = get_user_model()
    worker = request.user
    chosen = request.GET.get("medewerker", "")
    if chosen:
        if not chosen.isdigit():
            raise Http404
        worker = get_object_or_404(User, pk=chosen)
    day = _parse_date(request.GET.get("datum"), timezone.localdate())
    return worker, day


@require_GET
def visits(request):
    worker, day = _worker_and_day(request)
    week = request.GET.get("weergave") == "week"
    if week:
        start = day - datetime.timedelta(days=day.weekday())
        end = start + datetime.timedelta(days=6)
    else:
        start = end = day
    found = list(queries.visits_of(request.user, worker, start, end))
    days = []
    current = start
    while current <= end:
        todays = route_sheet.for_display(v for v in found if v.date == current)
        if todays or not week or current.weekday() < 5:
            days.append(
                {
                    "date": current,
                    "label": documents.format_date(current, weekday=True),
                    "visits": todays,
                }
            )
        current += datetime.timedelta(days=1)
    step = datetime.timedelta(days=7 if week else 1)
    return render(
        request,
        "outreach/visits.html",
        {
            "worker": worker,
            "workers": workers(),
            "day": day,
            "week": week,
            "days": days,
            "count": len(found),
            "previous": day - step,
            "next": day + step,
            "today": timezone.localdate(),
        },
    )


@require_GET
def visits_route_sheet(request):
    worker, day = _worker_and_day(request)
    found = list(queries.visits_of(request.user, worker, day, day))
    for visit in found:
        audit.record_read(request.user, visit.dossier, purpose="routeblad huisbezoeken")
    pdf = route_sheet.render_pdf(
        worker=worker, day=day, visits=found, organisation=Organisation.get()
    )
    response = HttpResponse(pdf, content_type=documents.PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="routeblad-{day.isoformat()}.pdf"'
    return response


# --- letters ------------------------------------------------------------------------------------


def _letter_initial(request, dossier, letter_type):
    """Sensible values to start from: the step's proposal, the LAC session, today."""
    initial = {}
    code = letter_type.code
    if code in next_step.INVITATIONS:
        initial["session_place"] = ", ".join(Organisation.get().address_lines)
        known = queries.invitation_sessions([dossier]).get(dossier.pk)
        if known is not None:
            initial.update(known.options())
    if code == next_step.NOT_AT_HOME:
        step = next_step.decide(queries.situation_for(dossier))
        if step is not None and step.code == next_step.LEAVE_NOT_AT_HOME_LETTER:
            initial.update(
                visit_date=step.visit_date,
                appointment_date=step.appointment_date,
                appointment_part=step.appointment_part,
            )
        else:
            visit_day = timezone.localdate()
            appointment, part = next_step.propose_appointment(visit_day, next_step.MORNING)
            initial.update(
                visit_date=visit_day, appointment_date=appointment, appointment_part=part
            )
        initial["plan_visit"] = True
    for key in ("visit_date", "appointment_date", "session_date"):
        if request.GET.get(key):
            initial[key] = _parse_date(request.GET[key], initial.get(key))
    if request.GET.get("appointment_part") in (next_step.MORNING, next_step.AFTERNOON):
        initial["appointment_part"] = request.GET["appointment_part"]
    return initial


def letter_create(request, pk, code):
    dossier = access.get_dossier_for(request.user, pk, change=True)
    try:
        letter_type = letters.get_letter_type(code)
    except LookupError:
        raise Http404 from None
    if not letter_type.manual or not letter_type.is_for(dossier):
        raise Http404
    data = request.POST if request.method == "POST" else None
    options_form = (
        letter_type.options_form(
            data, prefix="opties", initial=_letter_initial(request, dossier, letter_type)
        )
        if letter_type.options_form
        else None
    )
    # Letters left behind at a visit go out the same day; others are printed and posted later.
    left_behind = code in (next_step.NOT_AT_HOME, next_step.LAST_LETTER)
    send_form = LetterSendForm(
        data,
        prefix="verzending",
        initial={"mark_sent": left_behind, "sent_on": timezone.localdate()},
    )
    if (
        request.method == "POST"
        and send_form.is_valid()
        and (options_form is None or options_form.is_valid())
    ):
        options = options_form.cleaned_data if options_form else {}
        sent_on = send_form.cleaned_data["sent_on"] if send_form.cleaned_data["mark_sent"] else None
        try:
            letter = actions.letter_generate(
                dossier, code, actor=request.user, sent_on=sent_on, **options
            )
        except ValidationError as error:
            send_form.add_error(None, error)
        else:
            messages.success(
                request,
                format_html(
                    '{} <a href="{}" class="alert-link">{}</a>',
                    _("De brief is klaar."),
                    reverse("outreach:letter_download", args=[letter.pk]),
                    _("Download de brief (Word)"),
                ),
            )
            return _back(dossier)
    return render(
        request,
        "outreach/letter_form.html",
        {
            "dossier": dossier,
            "letter_type": letter_type,
            "options_form": options_form,
            "send_form": send_form,
            "brochure": Brochure.current() if letter_type.encloses_brochure else None,
        },
    )


def _letter_for(request, letter_id, *, change=False):
    letter = get_object_or_404(Letter.objects.select_related("dossier"), pk=letter_id)
    access.get_dossier_for(request.user, letter.dossier_id, change=change)
    return letter


@require_GET
def letter_download(request, letter_id):
    letter = _letter_for(request, letter_id)
    audit.record_read(request.user, letter, purpose="brief downloaden")
    return FileResponse(
        letter.file.open("rb"),
        as_attachment=True,
        filename=letter.download_name,
        content_type=documents.DOCX_CONTENT_TYPE,
    )


@require_POST
def letter_mark_sent(request, letter_id):
    letter = _letter_for(request, letter_id, change=True)
    form = MarkSentForm(request.POST or {"sent_on": timezone.localdate()})
    sent_on = form.cleaned_data["sent_on"] if form.is_valid() else timezone.localdate()
    try:
        actions.letter_mark_sent(letter, sent_on=sent_on, actor=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("De brief is als verstuurd aangeduid."))
    return _back(letter.dossier)


@require_POST
def brochure_handover(request, pk):
    dossier = access.get_dossier_for(request.user, pk, change=True)
    form = HandoverForm(request.POST, auto_id="brochure_%s")
    if form.is_valid():
        actions.brochure_hand_over(
            dossier,
            date=form.cleaned_data["date"],
            note=form.cleaned_data["note"],
            actor=request.user,
        )
        messages.success(request, _("Genoteerd: de brochure is meegegeven."))
    else:
        messages.error(request, _("Geef een geldige datum."))
    return _back(dossier)


# --- batches ------------------------------------------------------------------------------------


def _changeable(user, dossiers):
    if user.has_role(*roles.CHANGE_ALL_DOSSIERS):
        return list(dossiers)
    return [dossier for dossier in dossiers if access.can_change_dossier(user, dossier)]


BATCH_TYPES = [INVITATION, next_step.LAST_LETTER, "vrije_brief"]


def _batch_choices():
    choices = [(INVITATION, _("Uitnodiging LAC (water of energie, volgens het dossier)"))]
    for code in BATCH_TYPES[1:]:
        try:
            choices.append((code, letters.get_letter_type(code).label))
        except LookupError:
            continue
    return choices


def _safe_back(request) -> str:
    back = request.POST.get("terug", "")
    allowed = url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return back if back and allowed else ""


def _batch_dossiers(request, back):
    """The chosen dossiers the user may change, or a redirect with the reason when there are
    none. Dossiers the user may see but not change are left out, with a message; dossiers they
    may not see are left out silently (nothing hints that they exist)."""
    ids = [value for value in request.POST.getlist("dossiers") if value.isdigit()]
    visible = list(access.visible_dossiers(request.user).filter(pk__in=ids).order_by("number"))
    dossiers = _changeable(request.user, visible)
    left_out = len(visible) - len(dossiers)
    if not dossiers:
        if left_out:
            messages.error(
                request,
                _(
                    "Je mag geen van de gekozen dossiers wijzigen, dus je kunt er geen brieven "
                    "voor maken."
                ),
            )
        else:
            messages.error(request, _("Kies minstens één dossier."))
        return None, redirect(back or "home")
    if left_out:
        messages.warning(
            request,
            ngettext(
                "%(count)d gekozen dossier blijft buiten deze brieven: je mag het niet wijzigen.",
                "%(count)d gekozen dossiers blijven buiten deze brieven: je mag ze niet wijzigen.",
                left_out,
            )
            % {"count": left_out},
        )
    return dossiers, None


def _invitation_sessions(dossiers) -> tuple[list[dict], dict]:
    """The LAC session of each dossier an invitation goes to (water and energy), and what the
    form must still ask: `need_date` when a dossier has no known session, `need_time` when a
    known session has no time."""
    invited = [d for d in dossiers if d.kind in (Dossier.Kind.WATER, Dossier.Kind.ENERGIE)]
    known = queries.invitation_sessions(invited)
    rows = [{"dossier": dossier, "session": known.get(dossier.pk)} for dossier in invited]
    without = sum(1 for row in rows if row["session"] is None)
    need_time = any(row["session"] is not None and not row["session"].time for row in rows)
    return rows, {"need_date": bool(without), "need_time": need_time, "without": without}


@require_POST
def batch_create(request):
    """Letters for a selection of dossiers, e.g. from a worklist: POST `dossiers` (ids, repeated),
    optionally `letter_type` (`uitnodiging_lac`, `laatste_brief`, `vrije_brief`) and `terug` (the
    page to go back to). The LAC invitation takes each dossier's own session when it is known and
    asks a date only for the dossiers without one."""
    back = _safe_back(request)
    dossiers, refused = _batch_dossiers(request, back)
    if refused is not None:
        return refused
    code = request.POST.get("letter_type", "")
    choices = _batch_choices()
    if code not in dict(choices):
        return render(
            request,
            "outreach/batch_form.html",
            {"dossiers": dossiers, "choices": choices, "back": back},
        )
    confirmed = "bevestigen" in request.POST
    data = request.POST if confirmed else None
    sessions, per_dossier = [], {}
    if code == INVITATION:
        sessions, needs = _invitation_sessions(dossiers)
        per_dossier = {
            row["dossier"].pk: row["session"].options() for row in sessions if row["session"]
        }
        initial = {"session_place": ", ".join(Organisation.get().address_lines)}
        options_form = BatchInvitationOptionsForm(data, prefix="opties", initial=initial, **needs)
    else:
        options_class = letters.get_letter_type(code).options_form
        options_form = options_class(data, prefix="opties") if options_class else None
    form = BatchForm(data, choices=choices, initial={"letter_type": code})
    if confirmed and form.is_valid() and (options_form is None or options_form.is_valid()):
        options = options_form.cleaned_data if options_form else {}
        sent_on = timezone.localdate() if form.cleaned_data["mark_sent"] else None
        try:
            batch = actions.letters_generate_batch(
                dossiers,
                code,
                actor=request.user,
                sent_on=sent_on,
                options_per_dossier=per_dossier,
                **options,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("outreach:batch_detail", batch.pk)
    return render(
        request,
        "outreach/batch_options.html",
        {
            "dossiers": dossiers,
            "code": code,
            "label": dict(choices)[code],
            "form": form,
            "options_form": options_form if options_form and options_form.fields else None,
            "sessions": sessions,
            "back": back,
        },
    )


def _batch_for(request, batch_id):
    """A batch is only for users who may see every dossier in it."""
    batch = get_object_or_404(LetterBatch, pk=batch_id)
    batch_letters = list(batch.letters.select_related("dossier").order_by("dossier__number"))
    dossier_ids = {letter.dossier_id for letter in batch_letters}
    visible = set(
        access.visible_dossiers(request.user)
        .filter(pk__in=dossier_ids)
        .values_list("pk", flat=True)
    )
    if not batch_letters or visible != dossier_ids:
        raise Http404
    return batch, batch_letters


@require_GET
def batch_detail(request, batch_id):
    batch, batch_letters = _batch_for(request, batch_id)
    return render(request, "outreach/batch_detail.html", {"batch": batch, "letters": batch_letters})


@require_GET
def batch_download(request, batch_id):
    batch, batch_letters = _batch_for(request, batch_id)
    for letter in batch_letters:
        audit.record_read(request.user, letter, purpose="reeks brieven downloaden")
    return FileResponse(
        batch.file.open("rb"),
        as_attachment=True,
        filename=f"brieven-{batch.created_at:%Y%m%d}-{batch.pk}.docx",
        content_type=documents.DOCX_CONTENT_TYPE,
    )


# --- templates and brochure (beheerder) ----------------------------------------------------------


def _require_beheerder(request):
    if not roles.is_beheerder(request.user):
        raise PermissionDenied


def _templates_page(request, *, failed_code="", failed_form=None, brochure_form=None, status=200):
    custom = {t.code: t for t in LetterTemplate.objects.select_related("uploaded_by")}
    rows = []
    for letter_type in letters.letter_types():
        form = failed_form if letter_type.code == failed_code else None
        rows.append(
            {
                "type": letter_type,
                "custom": custom.get(letter_type.code),
                "form": form or TemplateUploadForm(auto_id=f"sjabloon_{letter_type.code}_%s"),
                "open": letter_type.code == failed_code,
                "placeholders": sorted(letter_type.placeholders.items()),
            }
        )
    return render(
        request,
        "outreach/templates.html",
        {
            "rows": rows,
            "common": sorted(letters.COMMON_PLACEHOLDERS.items()),
            "brochure": Brochure.current(),
            "brochure_form": brochure_form or BrochureForm(auto_id="brochure_%s"),
        },
        status=status,
    )


@require_GET
def templates(request):
    _require_beheerder(request)
    return _templates_page(request)


def _letter_type_or_404(code):
    try:
        return letters.get_letter_type(code)
    except LookupError:
        raise Http404 from None


@require_POST
def template_upload(request, code):
    _require_beheerder(request)
    letter_type = _letter_type_or_404(code)
    form = TemplateUploadForm(
        request.POST, request.FILES, letter_type=letter_type, auto_id=f"sjabloon_{code}_%s"
    )
    if form.is_valid():
        try:
            actions.letter_template_upload(
                code,
                form.cleaned_data["data"],
                original_name=form.cleaned_data["file"].name,
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(
                request,
                _("Het nieuwe sjabloon voor ‘%(label)s’ is in gebruik.")
                % {"label": letter_type.label},
            )
            return redirect("outreach:templates")
    messages.error(
        request,
        _("Het sjabloon voor ‘%(label)s’ is geweigerd; het vorige blijft in gebruik.")
        % {"label": letter_type.label},
    )
    return _templates_page(request, failed_code=code, failed_form=form, status=400)


@require_GET
def template_download(request, code):
    _require_beheerder(request)
    letter_type = _letter_type_or_404(code)
    if request.GET.get("standaard"):
        data, suffix = letter_type.default_template.read_bytes(), "standaard"
    else:
        data, _version = letters.active_template(code)
        suffix = "in-gebruik"
    response = HttpResponse(data, content_type=documents.DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{code}-{suffix}.docx"'
    return response


@require_POST
def template_restore(request, code):
    _require_beheerder(request)
    letter_type = _letter_type_or_404(code)
    actions.letter_template_restore(code, actor=request.user)
    messages.success(
        request,
        _("‘%(label)s’ gebruikt opnieuw het standaardsjabloon.") % {"label": letter_type.label},
    )
    return redirect("outreach:templates")


@require_POST
def brochure_upload(request):
    _require_beheerder(request)
    form = BrochureForm(request.POST, request.FILES, auto_id="brochure_%s")
    if form.is_valid():
        try:
            actions.brochure_upload(
                title=form.cleaned_data["title"],
                data=form.cleaned_data["file"].read(),
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("De brochure is opgeladen."))
            return redirect("outreach:templates")
    return _templates_page(request, brochure_form=form, status=400)


@require_GET
def brochure_download(request):
    brochure = Brochure.current()
    if brochure is None:
        raise Http404
    return FileResponse(
        brochure.file.open("rb"),
        as_attachment=False,
        filename="brochure.pdf",
        content_type=documents.PDF_CONTENT_TYPE,
    )
