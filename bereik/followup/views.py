"""Views of the follow-up on a dossier. Each: access check (the one policy) -> form -> action ->
redirect back to the dossier's section with a message. Forms that live in a section of the
dossier page also answer GET with a page of their own, where errors are shown next to the fields.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from bereik import audit
from bereik.accounts import roles
from bereik.accounts.models import Team
from bereik.dossiers import access
from bereik.dossiers.actions import task_complete, task_create
from bereik.dossiers.models import Dossier, Task
from bereik.followup import actions, forms, queries
from bereik.followup.models import (
    Document,
    ExternalReferral,
    InternalReferral,
    SupportRequest,
    WaterScan,
)
from bereik.followup.rules import limited_to_onthaal_tasks
from bereik.lib import filecheck, locking

LIST_PAGE_SIZE = 50


def _dossier(request, pk, *, change=True):
    return access.get_dossier_for(request.user, pk, change=change)


def _part(request, model, pk, *, change=True):
    """An object that belongs to a dossier, or 404 when the user may not reach that dossier."""
    obj = get_object_or_404(model, pk=pk)
    obj.dossier = access.get_dossier_for(request.user, obj.dossier_id, change=change)
    return obj


def _back(dossier, key: str):
    return redirect(f"{dossier.get_absolute_url()}#sectie-{key}")


def _next_or_back(request, dossier, key: str):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return _back(dossier, key)


def _page(request, dossier, template: str, purpose: str = "", **context):  # a read (ADR 0026)
    purpose = purpose or "opvolging: " + template.rsplit("/", 1)[-1].removesuffix(".html")
    audit.record_read(request.user, dossier, purpose=purpose)
    return render(request, template, {"dossier": dossier, **context})


# --- Conversation, proposal, sociaal verslag ---------------------------------------------------


def proposal_create(request, pk):
    dossier = _dossier(request, pk)
    form = forms.ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = actions.proposal_create(dossier, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            if (
                proposal.intensive_help_needed
                and limited_to_onthaal_tasks(request.user)
                and queries.intensive_help_unreferred(dossier, proposal)
            ):
                messages.warning(
                    request,
                    _(
                        "Het gesprek is bewaard. Intensievere hulp valt buiten de opvolging door "
                        "de preventiewerker: verwijs het dossier intern door naar "
                        "Trajectbegeleiding."
                    ),
                )
                url = reverse("followup:referral_create", args=[dossier.pk])
                return redirect(f"{url}?team={Team.TRAJECTBEGELEIDING}&intensief=1")
            messages.success(request, _("Het gesprek en het voorstel zijn bewaard."))
            return _back(dossier, "gesprek")
    history = dossier.proposals.select_related("author")[:20]
    return _page(
        request,
        dossier,
        "followup/proposal_form.html",
        form=form,
        history=history,
        purpose="gesprekken en voorstellen",
    )


def report_edit(request, pk):
    dossier = _dossier(request, pk)
    latest = queries.latest_report(dossier)
    form = forms.ReportForm(
        request.POST or None,
        initial={"text": latest.text if latest else "", "version": latest.version if latest else 0},
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = actions.report_save(
                dossier, text=form.cleaned_data["text"], actor=request.user, version=form.version()
            )
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            if latest is not None and report.pk == latest.pk:
                messages.info(request, _("Het verslag is niet gewijzigd."))
            else:
                messages.success(
                    request,
                    _("Het sociaal verslag is bewaard (versie %(version)s).")
                    % {"version": report.version},
                )
            return _back(dossier, "verslag")
    return _page(
        request,
        dossier,
        "followup/report_form.html",
        purpose="sociaal verslag",
        form=form,
        history=queries.report_history(dossier),
    )


# --- Rights investigation ----------------------------------------------------------------------


def _rights_form(dossier, data=None) -> forms.RightsForm:
    items, checks = queries.rights_checklist(dossier)
    return forms.RightsForm(data, items=items, checks=checks)


def rights_edit(request, pk):
    """The rights form. Saving returns to the dossier; with htmx the form stays, showing what was
    saved, so the worker can go on where she was."""
    dossier = _dossier(request, pk)
    form = _rights_form(dossier, request.POST or None)
    saved = ""
    if request.method == "POST" and form.is_valid():
        try:
            changed = actions.rights_update(
                dossier,
                form.changes(),
                actor=request.user,
                rest_to_check=form.mark_rest,
                loaded=form.loaded(),
            )
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            saved = (
                ngettext(
                    "Rechtenonderzoek bewaard: %(count)s recht bijgewerkt.",
                    "Rechtenonderzoek bewaard: %(count)s rechten bijgewerkt.",
                    len(changed),
                )
                % {"count": len(changed)}
                if changed
                else _("Er was niets gewijzigd.")
            )
            if not request.htmx:
                messages.success(request, saved)
                return _back(dossier, "rechten")
            form = _rights_form(dossier)  # what is stored now is the new starting point
    template = "followup/rights_form.html"
    if request.htmx:
        template += "#rights-form"
    return _page(request, dossier, template, purpose="rechtenonderzoek", form=form, saved=saved)


# --- Support requests --------------------------------------------------------------------------


def support_create(request, pk):
    dossier = _dossier(request, pk)
    form = forms.SupportRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.support_request_create(dossier, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("De steunaanvraag is geregistreerd."))
            return _back(dossier, "steun")
    return _page(
        request,
        dossier,
        "followup/support_form.html",
        form=form,
        limited=limited_to_onthaal_tasks(request.user),
    )


def support_decide(request, pk):
    support = _part(request, SupportRequest, pk)
    form = forms.SupportDecisionForm(request.POST or None, instance=support)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.support_request_decide(
                support,
                decision=data["decision"],
                decision_date=data["decision_date"],
                note=data["decision_note"],
                actor=request.user,
                version=form.version(),
            )
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("De beslissing is bewaard."))
            return _back(support.dossier, "steun")
    return _page(
        request, support.dossier, "followup/support_decide.html", form=form, support=support
    )


# --- Referrals ---------------------------------------------------------------------------------


def referral_create(request, pk):
    dossier = _dossier(request, pk)
    initial = {}
    team_code = request.GET.get("team")
    if team_code:
        initial["to_team"] = Team.objects.filter(code=team_code).first()
    intensive = request.GET.get("intensief") == "1"
    if intensive:
        initial["help_kind"] = InternalReferral.HelpKind.DEBT
    form = forms.ReferralForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            referral = actions.referral_create(dossier, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Doorverwezen naar %(team)s. Het team ziet het dossier in zijn wachtrij.")
                % {"team": referral.to_team},
            )
            return _back(dossier, "doorverwijzingen")
    return _page(request, dossier, "followup/referral_form.html", form=form, intensive=intensive)


def cell_referral_create(request, pk):
    dossier = _dossier(request, pk)
    form = forms.CellReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.referral_to_cell(
                dossier,
                checked=form.cleaned_data["checked"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Doorverwezen naar de Energie- en Watercel; het dossier wordt nu met de cel "
                    "gedeeld."
                ),
            )
            return _back(dossier, "doorverwijzingen")
    return _page(request, dossier, "followup/cell_referral_form.html", form=form)


def _decidable_referral(request, pk) -> InternalReferral:
    referral = _part(request, InternalReferral, pk)
    if referral.to_team_id not in request.user.team_ids:
        raise Http404
    return referral


@require_POST
def referral_accept(request, pk):
    referral = _decidable_referral(request, pk)
    try:
        actions.referral_accept(referral, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Doorverwijzing aanvaard: %(dossier)s.") % {"dossier": referral.dossier},
        )
    return redirect("followup:queue")


@require_POST
def referral_return(request, pk):
    referral = _decidable_referral(request, pk)
    form = forms.ReturnReferralForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef een reden om de doorverwijzing terug te sturen."))
        return redirect("followup:queue")
    try:
        actions.referral_return(referral, reason=form.cleaned_data["reason"], actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Doorverwijzing teruggestuurd: %(dossier)s.") % {"dossier": referral.dossier},
        )
    return redirect("followup:queue")


def queue(request):
    """Internal referrals to the user's teams (accept or return), and what the user sent."""
    visible = access.visible_dossiers(request.user).values("pk")
    incoming = (
        InternalReferral.objects.filter(to_team__in=request.user.team_ids, dossier__in=visible)
        .select_related("dossier", "to_team", "from_team", "referred_by", "decided_by")
        .order_by("created_at", "id")
    )
    waiting = Paginator(
        incoming.filter(status=InternalReferral.Status.OPEN), LIST_PAGE_SIZE
    ).get_page(request.GET.get("pagina"))
    decided = incoming.exclude(status=InternalReferral.Status.OPEN).order_by("-decided_at", "-id")[
        :20
    ]
    sent = (
        InternalReferral.objects.filter(referred_by=request.user, dossier__in=visible)
        .select_related("dossier", "to_team", "decided_by")
        .order_by("-created_at", "-id")[:30]
    )
    handovers = (
        ExternalReferral.objects.filter(
            referred_by=request.user, status=ExternalReferral.Status.OPEN, dossier__in=visible
        )
        .select_related("dossier", "organisation")
        .order_by("referred_on", "id")[:50]
    )
    ids = [r.dossier_id for rows in (waiting, decided, sent, handovers) for r in rows]
    audit.record_list_read(request.user, Dossier, ids, purpose="verwijzing", action="dossier.list")
    return render(
        request,
        "followup/queue.html",
        {
            "waiting": waiting,
            "decided": decided,
            "sent": sent,
            "handovers": handovers,
            "return_form": forms.ReturnReferralForm(),
        },
    )


def handover_create(request, pk):
    dossier = _dossier(request, pk)
    form = forms.HandoverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.handover_create(dossier, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "De warme overdracht is geregistreerd. Bevestig ze zodra de dienst de cliënt "
                    "opnam."
                ),
            )
            return _back(dossier, "doorverwijzingen")
    return _page(request, dossier, "followup/handover_form.html", form=form)


def handover_decide(request, pk):
    handover = _part(request, ExternalReferral, pk)
    form = forms.HandoverDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action = (
            actions.handover_confirm
            if data["result"] == ExternalReferral.Status.CONFIRMED
            else actions.handover_cancel
        )
        try:
            action(
                handover, confirmed_on=data["confirmed_on"], note=data["note"], actor=request.user
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("De warme overdracht is afgerond."))
            return _back(handover.dossier, "doorverwijzingen")
    return _page(
        request, handover.dossier, "followup/handover_decide.html", form=form, handover=handover
    )


# --- Water scan --------------------------------------------------------------------------------


@require_POST
def water_scan_request(request, pk):
    dossier = _dossier(request, pk)
    try:
        actions.water_scan_request(dossier, requested_on=timezone.localdate(), actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De waterscan is als aangevraagd geregistreerd."))
    return _back(dossier, "waterscan")


def water_scan_result(request, pk):
    scan = _part(request, WaterScan, pk)
    form = forms.WaterScanResultForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.water_scan_record(scan, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("Het resultaat van de waterscan is bewaard."))
            return _back(scan.dossier, "waterscan")
    return _page(request, scan.dossier, "followup/water_scan_form.html", form=form, scan=scan)


# --- Notes, tasks, documents -------------------------------------------------------------------


def note_add(request, pk):
    dossier = _dossier(request, pk)
    form = forms.NoteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            actions.note_add(
                dossier,
                text=form.cleaned_data["text"],
                restricted_to_team=form.cleaned_data["visibility"],
                actor=request.user,
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("De notitie is toegevoegd."))
            return _back(dossier, "tijdlijn")
    return _page(request, dossier, "followup/note_form.html", form=form)


def task_add(request, pk):
    dossier = _dossier(request, pk)
    form = forms.TaskForm(request.POST or None, initial={"assignee": request.user})
    if request.method == "POST" and form.is_valid():
        task_create(dossier, source="opvolging", actor=request.user, **form.cleaned_data)
        messages.success(request, _("De taak is toegevoegd."))
        return _back(dossier, "taken")
    return _page(request, dossier, "followup/task_form.html", form=form)


@require_POST
def task_done(request, pk):
    task = _part(request, Task, pk)
    task_complete(task, actor=request.user)
    messages.success(request, _("Taak afgewerkt: %(task)s") % {"task": task.description})
    return _next_or_back(request, task.dossier, "taken")


def my_tasks(request):
    tasks = (
        Task.objects.filter(
            assignee=request.user,
            done_at=None,
            dossier__in=access.visible_dossiers(request.user).values("pk"),
        )
        .select_related("dossier")
        .order_by(F("due_date").asc(nulls_last=True), "id")
    )
    page = Paginator(tasks, LIST_PAGE_SIZE).get_page(request.GET.get("pagina"))
    ids = [task.dossier_id for task in page]
    audit.record_list_read(request.user, Dossier, ids, purpose="taken", action="dossier.list")
    return render(request, "followup/my_tasks.html", {"page": page})


def document_add(request, pk):
    dossier = _dossier(request, pk)
    form = forms.DocumentForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            actions.document_add(
                dossier,
                upload=form.cleaned_data["upload"],
                description=form.cleaned_data["description"],
                restricted_to_team=form.cleaned_data["visibility"],
                actor=request.user,
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("Het document is toegevoegd."))
            return _back(dossier, "documenten")
    return _page(request, dossier, "followup/document_form.html", form=form)


def document_download(request, pk):
    document = _part(request, Document, pk, change=False)
    if not roles.can_see_restricted(request.user, document.restricted_to_team_id):
        raise Http404
    audit.record_read(
        request.user,
        document,
        purpose="document downloaden",
        subject=document.dossier.audit_subject(),
    )
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=filecheck.CONTENT_TYPES[document.kind],
    )


# --- Closing and reopening ---------------------------------------------------------------------


def dossier_close(request, pk):
    dossier = _dossier(request, pk)
    if not dossier.is_open:
        messages.info(request, _("Dit dossier is al afgesloten."))
        return _back(dossier, "afsluiting")
    form = forms.CloseForm(request.POST or None, dossier=dossier)
    if request.method == "POST" and form.is_valid():
        try:
            actions.dossier_close(dossier, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("Het dossier is afgesloten."))
            return _back(dossier, "afsluiting")
    return _page(request, dossier, "followup/close_form.html", form=form)


def dossier_reopen(request, pk):
    dossier = _dossier(request, pk)
    form = forms.ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.dossier_reopen(dossier, reason=form.cleaned_data["reason"], actor=request.user)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("Het dossier is heropend."))
            return _back(dossier, "afsluiting")
    return _page(request, dossier, "followup/reopen_form.html", form=form)


# --- Timeline ----------------------------------------------------------------------------------


def timeline(request, pk):
    dossier = _dossier(request, pk, change=False)
    audit.record_read(request.user, dossier, purpose="tijdlijn")
    context = {
        "dossier": dossier,
        **queries.timeline_context(
            request.user,
            dossier,
            kind=request.GET.get("soort", ""),
            page=request.GET.get("pagina"),
        ),
    }
    if request.htmx:
        return render(request, "followup/timeline.html#entries", context)
    return render(request, "followup/timeline.html", context)
