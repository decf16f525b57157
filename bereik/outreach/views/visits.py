"""Home visits: plan and cancel one, a worker's day or week, the route sheet of a day (PDF)."""

import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bereik import audit
from bereik.dossiers import access
from bereik.dossiers.models import Dossier
from bereik.lib import documents
from bereik.organisation.models import Organisation
from bereik.outreach import actions, queries, route_sheet
from bereik.outreach.forms import CancelVisitForm, VisitForm, workers
from bereik.outreach.models import PlannedVisit
from bereik.outreach.views.shared import back_to_section, error_text, parse_date


def visit_create(request, pk):
    dossier = access.get_dossier_for(request.user, pk, change=True)
    initial = {key: request.GET[key] for key in ("kind", "part_of_day") if request.GET.get(key)}
    initial["date"] = parse_date(request.GET.get("date"), timezone.localdate())
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
            return back_to_section(dossier)
    audit.record_read(request.user, dossier, purpose="huisbezoek plannen")
    return render(request, "outreach/visit_form.html", {"dossier": dossier, "form": form})


@require_POST
def visit_cancel(request, visit_id):
    visit = get_object_or_404(PlannedVisit, pk=visit_id)
    dossier = access.get_dossier_for(request.user, visit.dossier_id, change=True)
    form = CancelVisitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef een reden om het huisbezoek te annuleren."))
        return back_to_section(dossier)
    try:
        actions.visit_cancel(visit, reason=form.cleaned_data["reason"], actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Het huisbezoek is geannuleerd."))
    return back_to_section(dossier)


def _worker_and_day(request):
    User = get_user_model()
    worker = request.user
    chosen = request.GET.get("medewerker", "")
    if chosen:
        if not chosen.isdigit():
            raise Http404
        worker = get_object_or_404(User, pk=chosen)
    day = parse_date(request.GET.get("datum"), timezone.localdate())
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
    audit.record_list_read(
        request.user,
        Dossier,
        [visit.dossier_id for visit in found],
        purpose="huisbezoeken",
        action="dossier.list",
    )
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
    # One event for the sheet: the dossiers whose names and addresses it prints.
    audit.record_list_read(
        request.user,
        Dossier,
        [visit.dossier_id for visit in found],
        purpose="routeblad huisbezoeken",
        action="dossier.list",
    )
    pdf = route_sheet.render_pdf(
        worker=worker, day=day, visits=found, organisation=Organisation.get()
    )
    response = HttpResponse(pdf, content_type=documents.PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="routeblad-{day.isoformat()}.pdf"'
    return response
