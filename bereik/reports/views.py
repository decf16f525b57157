from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from bereik.reports import charts, links, overview, periods
from bereik.reports.figures import compute
from bereik.reports.forms import FIRST_YEAR, chosen_period
from bereik.reports.reads import record_workers_read
from bereik.reports.scope import HELP, LAC, OUTCOMES, OUTREACH, REACH, scope_for

PER_WORKER = "medewerker"
PART_LABELS = [
    (REACH, _lazy("Bereik")),
    (OUTREACH, _lazy("Contact")),
    (HELP, _lazy("Hulp")),
    (LAC, _lazy("LAC")),
    (OUTCOMES, _lazy("Uitkomsten")),
]


def _scope(request):
    scope = scope_for(request.user)
    if scope is None:
        raise Http404
    return scope


def index(request):
    """One part of the figures (the reach first) of a period for the viewer's scope, with the
    year earlier next to them. Each part is its own page, so each costs only its own queries."""
    scope = _scope(request)
    form, period = chosen_period(request.GET)
    part = request.GET.get("deel")
    if part not in scope.parts:
        part = scope.parts[0]
    per_worker = part == REACH and scope.per_worker and request.GET.get("per") == PER_WORKER
    figures = links.for_viewer(compute(scope, period, parts=[part], per_worker=per_worker))
    if per_worker:
        record_workers_read(request.user, period, purpose=_("cijfers per medewerker bekijken"))
    query = period.as_query()
    return render(
        request,
        "reports/index.html",
        {
            "form": form,
            "figures": figures,
            "scope": scope,
            "charts": charts.all_charts(figures),
            "per_worker": per_worker,
            "period_query": query,
            "part": part,
            "parts": [
                (key, label, urlencode({**query, "deel": key}))
                for key, label in PART_LABELS
                if key in scope.parts
            ],
            "months": [
                {
                    **row,
                    "opened_url": links.month_url(scope, row["month"]),
                    "reached_url": links.month_url(scope, row["month"], reached="ja"),
                }
                for row in figures.month_rows()
            ],
            "overview_year": period.last.year,
        },
    )


def yearly_overview(request, year: int, fmt: str):
    """The year's figures as XLSX (one sheet per part) or PDF (for the board, with the charts)."""
    scope = _scope(request)
    if fmt not in overview.FORMATS or not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404
    period = periods.year(year)
    per_worker = scope.per_worker and fmt == "xlsx"
    figures = links.for_viewer(compute(scope, period, per_worker=per_worker))
    if per_worker:
        record_workers_read(
            request.user, period, purpose=_("jaaroverzicht (Excel) met cijfers per medewerker")
        )
    content, content_type = overview.render(figures, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="cijfers-{year}.{fmt}"'
    return response
