"""The sessions: the list, the form, the session page with its agenda and preparation."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik.lac import actions, policy, queries, rules
from bereik.lac.forms import AddDossierForm, SessionCorrectionForm, SessionForm
from bereik.lac.models import Session
from bereik.lac.preparation import preparation_for
from bereik.lac.views.shared import (
    forbid_unless,
    items_of,
    log_read,
    placement_messages,
    session_for,
)
from bereik.lib import locking
from bereik.organisation.models import Company


def index(request):
    user = request.user
    forbid_unless(policy.can_see_lac(user))
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
    forbid_unless(policy.can_plan_sessions(request.user))
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
                _day_message(request, session)
                placement_messages(request, result)
                return redirect(session)
    else:
        initial = {"kind": request.GET.get("soort") or Session.Kind.WATER}
        company = Company.objects.filter(pk=request.GET.get("maatschappij") or None).first()
        if company:
            initial.update(company=company, kind=company.kind)
        form = SessionForm(initial=initial)
    return render(request, "lac/session_form.html", {"form": form, "session": None})


def session_edit(request, pk):
    session = session_for(request.user, pk)
    forbid_unless(policy.can_plan_session(request.user, session))
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
                    version=form.version(),
                    **fields,
                )
            except locking.StaleEdit as stale:
                form.show_conflict(stale)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("De zitting is bijgewerkt."))
                _day_message(request, session)
                return redirect(session)
    else:
        form = form_class(instance=session)
    return render(request, "lac/session_form.html", {"form": form, "session": session})


def _day_message(request, session) -> None:
    session.refresh_from_db(fields=["date"])
    warning = rules.session_day_warning(session.date)
    if warning:
        messages.warning(request, warning)


def session_day(request):
    """The session form asks, as soon as a date is chosen, whether it is a day off (htmx)."""
    forbid_unless(policy.can_see_lac(request.user))
    try:
        day = datetime.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        day = None
    return render(
        request,
        "lac/session_form.html#day-warning",
        {"day_warning": rules.session_day_warning(day)},
    )


def session_detail(request, pk):
    session = session_for(request.user, pk)
    user = request.user
    items = list(items_of(user, session))
    log_read(user, session, items, purpose="LAC-voorbereiding bekijken")
    preparation = preparation_for(items)
    full_view = policy.can_view_session(user, session)
    can_plan = policy.can_plan_session(user, session) and not session.is_closed
    # The number of each dossier on the whole agenda (the one the chair calls out).
    if full_view:
        numbers = {item.pk: n for n, item in enumerate(items, 1)}
    else:
        numbers = queries.agenda_numbers(session)
    rows = [
        {"item": item, "prep": preparation[item.pk], "number": numbers.get(item.pk)}
        for item in items
    ]
    # Someone who does not sit on the session sees the dossiers they may see: the ones they
    # prepare first, then the others (of their team, or shared with it), under their own heading.
    own_rows, other_rows = [], []
    for row in rows:
        (own_rows if row["item"].current_preparer == user else other_rows).append(row)
    return render(
        request,
        "lac/session_detail.html",
        {
            "session": session,
            "rows": rows,
            "own_rows": own_rows,
            "other_rows": other_rows,
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
