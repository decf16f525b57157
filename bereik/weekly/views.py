"""The weekly report's pages: the weeks (history with read marks), a week (own lines first, then
the rest of the report), the list "Waterscan te bekijken" with the decisions, and the water use
recorded on a dossier. Every view of the lines is an audited read."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bereik import audit
from bereik.accounts import roles
from bereik.audit.models import AuditEvent
from bereik.dossiers import access
from bereik.weekly import actions, rules
from bereik.weekly.forms import DecisionForm, WaterUsageForm
from bereik.weekly.models import DigestRead, DigestRun, ScanSuggestion

OTHERS_PAGE = 100
SUGGESTIONS_PAGE = 25


def _require(user) -> None:
    if not roles.can_read_weekly_report(user):
        raise PermissionDenied


def _read(user, purpose: str, signal_ids: list[int], **details) -> None:
    audit.record(
        "weekly_lines.view",
        actor=user,
        kind=AuditEvent.Kind.READ,
        purpose=purpose,
        details={"signals": signal_ids, **details},
    )


def weeks(request):
    _require(request.user)
    found = rules.weeks_with_lines()
    read = set(DigestRead.objects.filter(user=request.user).values_list("week", flat=True))
    sent = dict(DigestRun.objects.values_list("week", "sent_at"))
    rows = [{"week": w, "read": w in read, "sent_at": sent.get(w)} for w in found]
    return render(request, "weekly/weeks.html", {"rows": rows})


def week(request, week):
    _require(request.user)
    try:
        week = rules.parse_week(week)
    except ValueError:
        raise Http404 from None
    found = rules.digest(week)
    own, others = found.split(request.user.pk)
    page = Paginator(others, OTHERS_PAGE).get_page(request.GET.get("page"))
    shown = [line.pk for line in own] + [line.pk for line in page.object_list]
    if shown:
        _read(request.user, _("Weekrapport %(week)s") % {"week": week}, shown, week=week)
    return render(
        request,
        "weekly/week.html",
        {
            "week": week,
            "own": own,
            "page": page,
            "others_count": len(others),
            "total": len(found.lines),
            "receives": request.user.has_role(*roles.WEEKLY_REPORT_READERS),
        },
    )


@require_POST
def mark_read(request, week):
    """Sent by the week's page once it is shown (htmx, on load): a GET never writes."""
    _require(request.user)
    try:
        week = rules.parse_week(week)
    except ValueError:
        raise Http404 from None
    if rules.monday(week) > timezone.localdate():  # a week still to come has nothing to read
        raise Http404
    actions.digest_mark_read(week, actor=request.user)
    return HttpResponse(status=204)


def _suggestions_for(user):
    """The suggestions to look at that `user` may see: one shared list for the report's readers,
    but a suggestion on a dossier only for those who may see that dossier (the access policy);
    one without a dossier is a line of the report, which all its readers read."""
    today = timezone.localdate()
    visible = access.visible_dossiers(user).values("pk")
    return (
        ScanSuggestion.objects.filter(
            Q(status=ScanSuggestion.Status.OPEN)
            | Q(status=ScanSuggestion.Status.LATER, later_on__lte=today)
        )
        .filter(Q(dossier__isnull=True) | Q(dossier__in=visible))
        .select_related("client", "company", "dossier", "signal")
    )


def suggestions(request):
    _require(request.user)
    items = list(_suggestions_for(request.user).order_by("name", "pk"))
    pairs = [(s.client_id, s.dossier_id) for s in items]
    followers = rules.followers_of(pairs)
    shown = set(
        access.visible_dossiers(request.user)
        .filter(pk__in=[s.dossier_id for s in items if s.dossier_id])
        .values_list("pk", flat=True)
    )
    for item in items:
        item.own = request.user.pk in followers[(item.client_id, item.dossier_id)]
        item.dossier_shown = item.dossier if item.dossier_id in shown else None
    items.sort(key=lambda item: (not item.own, item.name.lower()))
    page = Paginator(items, SUGGESTIONS_PAGE).get_page(request.GET.get("page"))
    if page.object_list:
        _read(
            request.user,
            _("Waterscan te bekijken"),
            [s.signal_id for s in page.object_list if s.signal_id],
            suggestions=[s.pk for s in page.object_list],
        )
    return render(
        request,
        "weekly/suggestions.html",
        {
            "page": page,
            "form": DecisionForm(),
            "can_decide": roles.writes_dossiers(request.user),
        },
    )


@require_POST
def decide(request, pk):
    if not (roles.can_read_weekly_report(request.user) and roles.writes_dossiers(request.user)):
        raise PermissionDenied
    suggestion = get_object_or_404(_suggestions_for(request.user), pk=pk)
    if suggestion.dossier_id is not None:  # the decision writes on the dossier
        access.get_dossier_for(request.user, suggestion.dossier_id, change=True)
    form = DecisionForm(request.POST, prefix=f"s{pk}")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("weekly:suggestions")
    data = form.cleaned_data
    try:
        letter = actions.suggestion_decide(
            suggestion,
            data["decision"],
            reason=data.get("reason") or "",
            later_on=data.get("later_on"),
            actor=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("weekly:suggestions")
    if letter is not None:
        messages.success(
            request,
            _("De waterscan is aangevraagd; de brief staat in dossier %(number)s.")
            % {"number": letter.dossier.number},
        )
    else:
        messages.success(request, _("Bewaard."))
    return redirect("weekly:suggestions")


@require_POST
def water_usage(request, pk):
    dossier = access.get_dossier_for(request.user, pk, change=True)
    form = WaterUsageForm(request.POST, prefix="verbruik")
    if form.is_valid():
        try:
            actions.water_usage_record(dossier, **form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Het waterverbruik is genoteerd."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(f"{dossier.get_absolute_url()}#sectie-waterverbruik")
