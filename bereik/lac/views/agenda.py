"""The agenda: filling it from the imported lists, adding, moving and removing dossiers, their
preparers, and a preparer's own list of dossiers to prepare."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from bereik import audit
from bereik.audit.models import AuditEvent
from bereik.dossiers import access
from bereik.lac import actions, policy, queries
from bereik.lac.forms import AddDossierForm, MoveForm, PreparerForm, RemoveForm
from bereik.lac.models import Session
from bereik.lac.preparation import preparation_for
from bereik.lac.views.shared import (
    forbid_unless,
    item_for,
    late_message,
    log_read,
    placement_messages,
    session_for,
    validation_messages,
)
from bereik.lib import locking


@require_POST
def fill_agenda(request):
    forbid_unless(policy.can_plan_sessions(request.user))
    result = actions.agenda_fill_from_imports(actor=request.user)
    if not (result.placed or result.skipped or result.not_placed_elsewhere):
        messages.info(
            request, _("Alle dossiers van de geïmporteerde LAC-lijsten staan al op een agenda.")
        )
    placement_messages(request, result)
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


@require_POST
def refresh_preparers(request, pk):
    session = session_for(request.user, pk)
    forbid_unless(policy.can_plan_session(request.user, session))
    try:
        count = actions.agenda_refresh_preparers(session, actor=request.user)
    except ValidationError as error:
        validation_messages(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "%(count)d voorbereider bijgewerkt.", "%(count)d voorbereiders bijgewerkt.", count
            )
            % {"count": count},
        )
    return redirect(session)


@require_POST
def add_dossier(request, pk):
    session = session_for(request.user, pk)
    forbid_unless(policy.can_plan_session(request.user, session))
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
                validation_messages(request, error)
            else:
                messages.success(
                    request,
                    _("%(name)s staat op de agenda.") % {"name": dossier.household_name},
                )
                if item.is_late:
                    messages.warning(request, late_message(item))
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
        validation_messages(request, error)
    else:
        messages.success(
            request,
            _("Op de agenda van %(session)s gezet.") % {"session": session},
        )
        if item.is_late:
            messages.warning(request, late_message(item))
    return redirect(dossier.get_absolute_url() + "#sectie-lac")


def item_move(request, pk):
    item = item_for(request.user, pk)
    forbid_unless(policy.can_plan_session(request.user, item.session))
    form = MoveForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["session"]
        forbid_unless(policy.can_plan_session(request.user, target))
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
                messages.warning(request, late_message(item))
            return redirect(
                item.session if policy.can_view_session(request.user, target) else "lac:index"
            )
    log_read(request.user, item.session, [item], purpose="LAC-agendapunt")
    return render(
        request,
        "lac/item_form.html",
        {"item": item, "form": form, "title": _("Naar een andere zitting verplaatsen")},
    )


def item_remove(request, pk):
    item = item_for(request.user, pk)
    forbid_unless(policy.can_plan_session(request.user, item.session))
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
    log_read(request.user, item.session, [item], purpose="LAC-agendapunt")
    return render(
        request,
        "lac/item_form.html",
        {"item": item, "form": form, "title": _("Van de agenda halen"), "danger": True},
    )


def item_preparer(request, pk):
    item = item_for(request.user, pk)
    forbid_unless(policy.can_plan_session(request.user, item.session))
    form = PreparerForm(
        request.POST or None,
        initial={"preparer": getattr(item.current_preparer, "pk", None)},
        version_record=item,
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.agenda_item_set_preparer(
                item, form.cleaned_data["preparer"], actor=request.user, version=form.version()
            )
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De voorbereider is aangepast."))
            return redirect(item.session)
    log_read(request.user, item.session, [item], purpose="LAC-agendapunt")
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
