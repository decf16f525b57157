"""LAC pages. Thin: access check -> form -> action -> response. Session access is decided in
bereik/lac/policy.py, dossier access in bereik/dossiers/access.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from bereik import audit
from bereik.accounts import roles
from bereik.audit.models import AuditEvent
from bereik.dossiers import access
from bereik.lac import actions, letters, policy, queries
from bereik.lac.forms import (
    AddDossierForm,
    AdviceCorrectionForm,
    AdviceForm,
    MoveForm,
    PersonForm,
    PreparerForm,
    RemoveForm,
    SessionCorrectionForm,
    SessionForm,
)
from bereik.lac.models import AgendaItem, LacPerson, Session
from bereik.lac.preparation import preparation_for
from bereik.lib.documents import DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE, render_pdf
from bereik.organisation.models import Company, Organisation

# --- helpers -----------------------------------------------------------------------------------


def _session_for(user, pk) -> Session:
    """The session, or 404 when the user sees none of it (no hint that it exists)."""
    session = get_object_or_404(
        Session.objects.select_related("company", *Session.MEMBER_FIELDS), pk=pk
    )
    if policy.can_view_session(user, session) or policy.visible_items(user, session).exists():
        return session
    raise Http404


def _item_for(user, pk) -> AgendaItem:
    item = get_object_or_404(
        AgendaItem.objects.select_related(
            "session", "session__company", *[f"session__{f}" for f in Session.MEMBER_FIELDS]
        ),
        pk=pk,
    )
    if not policy.visible_items(user, item.session).filter(pk=item.pk).exists():
        raise Http404
    return item


def _items(user, session):
    return (
        policy.visible_items(user, session)
        .select_related("dossier__company", "session", *AgendaItem.PREPARER_RELATED)
        .order_by("position", "pk")
    )


def _log_read(user, session, items, purpose: str) -> None:
    """One read event per page with the dossiers shown (who, why, when, about whom)."""
    audit.record(
        "lac.session.view",
        actor=user,
        obj=session,
        purpose=purpose,
        details={"dossiers": [item.dossier_id for item in items]},
        kind=AuditEvent.Kind.READ,
    )


def _validation_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _forbid_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# --- sessions ----------------------------------------------------------------------------------


def index(request):
    user = request.user
    _forbid_unless(policy.can_see_lac(user))
    sessions = queries.sessions_with_counts(policy.visible_sessions(user))
    upcoming = list(sessions.upcoming()[:50])
    past_page = Paginator(sessions.past(), 20).get_page(request.GET.get("pagina"))
    can_plan = policy.can_plan_sessions(user)
    unplaced = queries.unplaced_dossier_ids() if can_plan else []
    return render(
        request,
        "lac/index.html",
        {
            "upcoming": upcoming,
            "past_page": past_page,
            "can_plan": can_plan,
            "unplaced_count": len(unplaced),
            "my_items_count": queries.items_to_prepare(user).count(),
            "can_manage_people": policy.can_manage_people(user),
        },
    )


def session_new(request):
    _forbid_unless(policy.can_plan_sessions(request.user))
    if request.method == "POST":
        form = SessionForm(request.POST)
        if form.is_valid():
            try:
                session = actions.session_create(
                    **form.action_fields(), copy_previous=True, actor=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                ids = queries.unplaced_dossier_ids(
                    since=session.date,
                    company=session.company,
                    kind=session.kind,
                    date=session.date,
                )
                result = actions.agenda_place_imported(ids, actor=request.user)
                messages.success(request, _("De zitting is aangemaakt."))
                _placement_messages(request, result)
                return redirect(session)
    else:
        initial = {"kind": request.GET.get("soort") or Session.Kind.WATER}
        company = Company.objects.filter(pk=request.GET.get("maatschappij") or None).first()
        if company:
            initial.update(company=company, kind=company.kind)
        form = SessionForm(initial=initial)
    return render(request, "lac/session_form.html", {"form": form, "session": None})


def session_edit(request, pk):
    session = _session_for(request.user, pk)
    _forbid_unless(policy.can_plan_session(request.user, session))
    form_class = SessionCorrectionForm if session.is_closed else SessionForm
    if request.method == "POST":
        form = form_class(request.POST, instance=Session.objects.get(pk=session.pk))
        if form.is_valid():
            fields = form.action_fields()
            try:
                actions.session_update(
                    session,
                    reason=form.cleaned_data.get("reason", ""),
                    actor=request.user,
                    **fields,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("De zitting is bijgewerkt."))
                return redirect(session)
    else:
        form = form_class(instance=session)
    return render(request, "lac/session_form.html", {"form": form, "session": session})


def session_detail(request, pk):
    session = _session_for(request.user, pk)
    user = request.user
    items = list(_items(user, session))
    _log_read(user, session, items, purpose="LAC-voorbereiding bekijken")
    preparation = preparation_for(items)
    full_view = policy.can_view_session(user, session)
    can_plan = policy.can_plan_session(user, session) and not session.is_closed
    rows = [{"item": item, "prep": preparation[item.pk]} for item in items]
    return render(
        request,
        "lac/session_detail.html",
        {
            "session": session,
            "rows": rows,
            "full_view": full_view,
            "missing_count": sum(1 for row in rows if row["prep"].missing),
            "late_items": [item for item in items if item.is_late],
            "today": timezone.localdate(),
            "can_plan": can_plan,
            "can_edit": policy.can_plan_session(user, session),
            "can_record": policy.can_record_session(user, session),
            "can_close": policy.can_close_session(user, session)
            and session.has_started
            and not session.is_closed,
            "add_form": AddDossierForm() if can_plan else None,
            "corrections": session.corrections.select_related("item__dossier", "actor")
            if full_view
            else [],
        },
    )


def session_overview_pdf(request, pk):
    session = _session_for(request.user, pk)
    _forbid_unless(policy.can_view_session(request.user, session))
    items = list(_items(request.user, session))
    _log_read(request.user, session, items, purpose="LAC-voorbereiding afdrukken")
    preparation = preparation_for(items)
    pdf = render_pdf(
        "lac/pdf/overview.html",
        {
            "session": session,
            "rows": [{"item": item, "prep": preparation[item.pk]} for item in items],
            "organisation": Organisation.get(),
            "printed_at": timezone.localtime(),
        },
    )
    return _download(pdf, PDF_CONTENT_TYPE, f"lac-voorbereiding-{session.date:%Y-%m-%d}.pdf")


def session_minutes_pdf(request, pk):
    session = _session_for(request.user, pk)
    _forbid_unless(policy.can_view_session(request.user, session))
    items = list(_items(request.user, session))
    _log_read(request.user, session, items, purpose="LAC-verslag afdrukken")
    pdf = render_pdf(
        "lac/pdf/minutes.html",
        {
            "session": session,
            "items": items,
            "corrections": session.corrections.select_related("item__dossier"),
            "organisation": Organisation.get(),
            "printed_at": timezone.localtime(),
        },
    )
    return _download(pdf, PDF_CONTENT_TYPE, f"lac-verslag-{session.date:%Y-%m-%d}.pdf")


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
def session_close(request, pk):
    session = _session_for(request.user, pk)
    _forbid_unless(policy.can_close_session(request.user, session))
    try:
        actions.session_close(session, actor=request.user)
    except ValidationError as error:
        _validation_messages(request, error)
        return redirect("lac:record", pk=session.pk)
    messages.success(
        request,
        _(
            "De zitting is afgesloten. De opvolgtaken van voorwaardelijke adviezen staan bij de "
            "dossiers. Wijzigingen kunnen nu alleen nog als correctie met een reden."
        ),
    )
    return redirect(session)


@require_POST
def fill_agenda(request):
    _forbid_unless(policy.can_plan_sessions(request.user))
    result = actions.agenda_fill_from_imports(actor=request.user)
    if not result.placed and not result.skipped:
        messages.info(
            request, _("Alle dossiers van de geïmporteerde LAC-lijsten staan al op een agenda.")
        )
    _placement_messages(request, result)
    if result.preparers_changed:
        count = len(result.preparers_changed)
        messages.info(
            request,
            ngettext(
                "%(count)d agendapunt heeft een nieuwe voorbereider: wie het dossier nu "
                "opvolgt. Die kreeg een melding.",
                "%(count)d agendapunten hebben een nieuwe voorbereider: wie het dossier nu "
                "opvolgt. Die kregen een melding.",
                count,
            )
            % {"count": count},
        )
    return redirect("lac:index")


def _placement_messages(request, result) -> None:
    if result.sessions_created:
        dates = ", ".join(f"{s.company} {s.date:%d/%m/%Y}" for s in result.sessions_created)
        messages.info(request, _("Nieuwe zitting(en) aangemaakt: %(dates)s.") % {"dates": dates})
    if result.placed:
        messages.success(
            request,
            ngettext(
                "%(count)d dossier op de agenda gezet.",
                "%(count)d dossiers op de agenda gezet.",
                len(result.placed),
            )
            % {"count": len(result.placed)},
        )
    for item in result.late:
        messages.warning(request, _late_message(item))
    for dossier, reason in result.skipped[:10]:
        messages.warning(
            request,
            _("Dossier %(number)s niet geplaatst: %(reason)s.")
            % {"number": dossier.number, "reason": reason},
        )


def _late_message(item) -> str:
    return _(
        "%(name)s: de zitting van %(session)s valt na de wettelijke termijn (%(deadline)s). "
        "%(consequence)s"
    ) % {
        "name": item.dossier.household_name,
        "session": item.session.date.strftime("%d/%m/%Y"),
        "deadline": item.legal_deadline.strftime("%d/%m/%Y"),
        "consequence": item.lapse_consequence,
    }


@require_POST
def refresh_preparers(request, pk):
    session = _session_for(request.user, pk)
    _forbid_unless(policy.can_plan_session(request.user, session))
    try:
        count = actions.agenda_refresh_preparers(session, actor=request.user)
    except ValidationError as error:
        _validation_messages(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "%(count)d voorbereider bijgewerkt.", "%(count)d voorbereiders bijgewerkt.", count
            )
            % {"count": count},
        )
    return redirect(session)


# --- the agenda --------------------------------------------------------------------------------


@require_POST
def add_dossier(request, pk):
    session = _session_for(request.user, pk)
    _forbid_unless(policy.can_plan_session(request.user, session))
    form = AddDossierForm(request.POST)
    if form.is_valid():
        number = form.cleaned_data["number"].strip()
        # Only a dossier the user may see can be added: adding opens it to the members.
        dossier = access.visible_dossiers(request.user).filter(number=number).first()
        if dossier is None:
            messages.error(
                request, _("Geen dossier met nummer %(number)s gevonden.") % {"number": number}
            )
        else:
            try:
                item = actions.agenda_add(
                    session, dossier, reason=form.cleaned_data["reason"], actor=request.user
                )
            except ValidationError as error:
                _validation_messages(request, error)
            else:
                messages.success(
                    request,
                    _("%(name)s staat op de agenda.") % {"name": dossier.household_name},
                )
                if item.is_late:
                    messages.warning(request, _late_message(item))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(session)


@require_POST
def add_from_dossier(request, pk):
    """From the dossier page: put the dossier on a coming session's agenda."""
    dossier = access.get_dossier_for(request.user, pk)
    session = Session.objects.filter(pk=request.POST.get("session") or None).first()
    if session is None or not policy.can_plan_session(request.user, session):
        raise Http404
    try:
        item = actions.agenda_add(session, dossier, actor=request.user)
    except ValidationError as error:
        _validation_messages(request, error)
    else:
        messages.success(
            request,
            _("Op de agenda van %(session)s gezet.") % {"session": session},
        )
        if item.is_late:
            messages.warning(request, _late_message(item))
    return redirect(dossier.get_absolute_url() + "#sectie-lac")


def item_move(request, pk):
    item = _item_for(request.user, pk)
    _forbid_unless(policy.can_plan_session(request.user, item.session))
    form = MoveForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["session"]
        _forbid_unless(policy.can_plan_session(request.user, target))
        try:
            actions.agenda_item_move(
                item, target, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Verplaatst naar de zitting van %(date)s.")
                % {"date": target.date.strftime("%d/%m/%Y")},
            )
            if item.is_late:
                messages.warning(request, _late_message(item))
            return redirect(
                item.session if policy.can_view_session(request.user, target) else "lac:index"
            )
    return render(
        request,
        "lac/item_form.html",
        {"item": item, "form": form, "title": _("Naar een andere zitting verplaatsen")},
    )


def item_remove(request, pk):
    item = _item_for(request.user, pk)
    _forbid_unless(policy.can_plan_session(request.user, item.session))
    form = RemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = item.session
        try:
            actions.agenda_item_remove(item, reason=form.cleaned_data["reason"], actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het dossier is van de agenda gehaald."))
            return redirect(session)
    return render(
        request,
        "lac/item_form.html",
        {"item": item, "form": form, "title": _("Van de agenda halen"), "danger": True},
    )


def item_preparer(request, pk):
    item = _item_for(request.user, pk)
    _forbid_unless(policy.can_plan_session(request.user, item.session))
    form = PreparerForm(
        request.POST or None, initial={"preparer": getattr(item.current_preparer, "pk", None)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.agenda_item_set_preparer(
                item, form.cleaned_data["preparer"], actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De voorbereider is aangepast."))
            return redirect(item.session)
    return render(
        request,
        "lac/item_form.html",
        {"item": item, "form": form, "title": _("Voorbereider kiezen")},
    )


def my_items(request):
    items = list(queries.items_to_prepare(request.user))
    if items:
        audit.record(
            "lac.items.view",
            actor=request.user,
            purpose="LAC-voorbereiding",
            details={"dossiers": [item.dossier_id for item in items]},
            kind=AuditEvent.Kind.READ,
        )
    preparation = preparation_for(items)
    return render(
        request,
        "lac/my_items.html",
        {"rows": [{"item": item, "prep": preparation[item.pk]} for item in items]},
    )


# --- the session itself ------------------------------------------------------------------------


def session_record(request, pk):
    session = _session_for(request.user, pk)
    _forbid_unless(policy.can_record_session(request.user, session))
    items = list(_items(request.user, session))
    _log_read(request.user, session, items, purpose="LAC-zitting notuleren")
    # Before the session's day nothing can be recorded yet: the page says from when.
    open_for_recording = session.has_started and not session.is_closed
    rows = [
        {
            "item": item,
            "form": AdviceForm(instance=item, prefix=f"punt{item.pk}")
            if open_for_recording
            else None,
        }
        for item in items
    ]
    return render(
        request,
        "lac/session_record.html",
        {
            "session": session,
            "rows": rows,
            "too_early": "" if session.has_started else actions.advice_too_early(session),
            "can_close": policy.can_close_session(request.user, session) and open_for_recording,
            "missing": [item for item in items if not item.has_advice],
        },
    )


def item_record(request, pk):
    item = _item_for(request.user, pk)
    session = item.session
    _forbid_unless(policy.can_record_session(request.user, session))
    if session.is_closed:
        return redirect("lac:item_correct", pk=item.pk)
    form = AdviceForm(request.POST or None, instance=item, prefix=f"punt{item.pk}")
    if request.method == "POST" and form.is_valid():
        try:
            actions.agenda_item_record(item, actor=request.user, **form.action_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Genoteerd voor %(name)s.") % {"name": item.dossier.household_name}
            )
            return redirect(reverse("lac:record", args=[session.pk]) + f"#punt-{item.pk}")
    return render(
        request,
        "lac/item_form.html",
        {
            "item": item,
            "form": form,
            "title": _("Aanwezigheid en advies"),
            # On a POST the form itself says it (a non-field error).
            "notice": ""
            if session.has_started or form.is_bound
            else actions.advice_too_early(session),
        },
    )


def item_correct(request, pk):
    item = _item_for(request.user, pk)
    session = item.session
    _forbid_unless(policy.can_record_session(request.user, session))
    if not session.is_closed:
        return redirect("lac:item_record", pk=item.pk)
    form = AdviceCorrectionForm(request.POST or None, instance=item, prefix=f"punt{item.pk}")
    if request.method == "POST" and form.is_valid():
        fields = form.action_fields()
        try:
            actions.agenda_item_correct(
                item, reason=form.cleaned_data["reason"], actor=request.user, **fields
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De correctie is bewaard, met de oude waarde."))
            return redirect(session)
    return render(
        request,
        "lac/item_form.html",
        {"item": item, "form": form, "title": _("Advies corrigeren")},
    )


# --- letters -----------------------------------------------------------------------------------


def item_letter(request, pk, recipient):
    item = _item_for(request.user, pk)
    session = item.session
    _forbid_unless(policy.can_record_session(request.user, session))
    if recipient not in letters.RECIPIENTS:
        raise Http404
    if not item.advice:
        messages.error(request, _("Er is nog geen advies voor dit dossier."))
        return redirect(session)
    data = actions.decision_letters_create([item], recipient, actor=request.user)
    # The dossier number, not the name: file names end up in download folders and logs.
    return _download(
        data,
        DOCX_CONTENT_TYPE,
        f"lac-beslissing-{recipient}-{session.date:%Y-%m-%d}-{item.dossier.number}.docx",
    )


def session_letters(request, pk, recipient):
    session = _session_for(request.user, pk)
    _forbid_unless(policy.can_record_session(request.user, session))
    if recipient not in letters.RECIPIENTS:
        raise Http404
    items = [item for item in _items(request.user, session) if item.advice]
    if not items:
        messages.error(request, _("Er is nog geen advies genoteerd."))
        return redirect(session)
    data = actions.decision_letters_create(items, recipient, actor=request.user)
    return _download(
        data, DOCX_CONTENT_TYPE, f"lac-beslissingen-{recipient}-{session.date:%Y-%m-%d}.docx"
    )


@require_POST
def session_invitations(request, pk):
    """The invitations of the session's households as one Word file to print (bereik.outreach
    stores each letter on its dossier and shows the batch)."""
    session = _session_for(request.user, pk)
    _forbid_unless(policy.can_plan_session(request.user, session) and not session.is_closed)
    dossiers = [item.dossier for item in _items(request.user, session)]
    if not request.user.has_role(*roles.CHANGE_ALL_DOSSIERS):
        dossiers = [d for d in dossiers if access.can_change_dossier(request.user, d)]
    sent_on = timezone.localdate() if request.POST.get("verstuurd") else None
    try:
        batch, already = actions.session_invitations_create(
            session, dossiers, sent_on=sent_on, actor=request.user
        )
    except ValidationError as error:
        _validation_messages(request, error)
        return redirect(session)
    if already:
        messages.info(
            request,
            ngettext(
                "%(count)d gezin kreeg al een uitnodiging voor deze zitting en zit er niet bij.",
                "%(count)d gezinnen kregen al een uitnodiging voor deze zitting en zitten er "
                "niet bij.",
                already,
            )
            % {"count": already},
        )
    return redirect("outreach:batch_detail", batch.pk)


# --- the list of members (beheerder) -----------------------------------------------------------


def people(request):
    _forbid_unless(policy.can_manage_people(request.user))
    items = LacPerson.objects.select_related("company", "user").order_by(
        "-active", "function", "name"
    )
    return render(request, "lac/people.html", {"people": items})


def person_edit(request, pk=None):
    _forbid_unless(policy.can_manage_people(request.user))
    person = get_object_or_404(LacPerson, pk=pk) if pk else LacPerson()
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        actions.person_save(form.save(commit=False), actor=request.user)
        messages.success(request, _("%(name)s is bewaard.") % {"name": form.instance.name})
        return redirect("lac:people")
    return render(request, "lac/person_form.html", {"form": form, "person": person})
