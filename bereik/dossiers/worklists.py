"""The worklists: one view for every list of dossiers, with filters, paging, export and actions
on the ticked rows.

The dossiers app has "Mijn dossiers", "Per team" and "Alle dossiers"; later apps add theirs with
`register(Worklist(...))` from their AppConfig.ready() (the triage: "Te triëren", "Te bevestigen
koppelingen", "Niet toegewezen"), and actions on the ticked rows with
`register_bulk_action(BulkAction(...))` (the triage: reassign; outreach: letters). The columns
are `bereik.dossiers.columns`, shared with the export.

Every list starts from `access.visible_dossiers(user)`. A page costs the same number of queries
whatever its size and the number of dossiers: the page's ids first, then those rows with what
the columns need in one query (a list may prefetch more, in a fixed number of queries, with
`prepare`), and a count bounded at `paging.CAP` (`bereik/lib/paging.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bereik import audit
from bereik.accounts import roles
from bereik.dossiers import access, columns, export
from bereik.dossiers.filters import ALL, OPEN, WorklistFilterForm
from bereik.dossiers.models import Dossier
from bereik.lib import paging
from bereik.lib.export import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE


@dataclass(frozen=True)
class Worklist:
    order: int  # place among the tabs
    key: str  # in the URL
    title: str
    allowed: Callable  # (user) -> bool
    select: Callable  # (user, queryset, request) -> queryset
    description: str = ""
    default_status: str = OPEN
    template: str = "dossiers/worklists/list.html"
    prepare: Callable | None = None  # (queryset) -> queryset, e.g. a prefetch for its template
    header: str = ""  # a template with buttons next to the title
    # The same rows as `select`, said for walking a long list in its order (`BoundedPaginator`
    # counts by `select`, the filter's index, and walks by this), when the two want other
    # plans: (user, queryset, request) -> queryset.
    walk: Callable | None = None


@dataclass(frozen=True)
class BulkAction:
    """Something to do with the ticked rows: a fieldset in the list's form, whose button posts
    the `dossiers` ids (and `next`) to its own view. `context(request)` adds what its template
    needs."""

    order: int
    key: str
    url_name: str  # the view the button posts to
    template: str
    allowed: Callable  # (user) -> bool
    context: Callable = field(default=lambda request: {})

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_worklists: dict[str, Worklist] = {}
_bulk_actions: dict[str, BulkAction] = {}


def register(worklist: Worklist) -> Worklist:
    _worklists[worklist.key] = worklist
    return worklist


def register_bulk_action(action: BulkAction) -> BulkAction:
    _bulk_actions[action.key] = action
    return action


def _team_select(user, queryset, request):
    """Without a team chosen in the filter: the user's own teams (all teams for those who have
    none)."""
    if request.GET.get("team"):
        return queryset
    if user.team_ids:
        return queryset.filter(team__in=sorted(user.team_ids))
    return queryset.filter(team__isnull=False)


register(
    Worklist(
        10,
        "mijn",
        gettext_lazy("Mijn dossiers"),
        roles.works_on_dossiers,
        lambda user, qs, request: qs.filter(assigned_to=user),
        gettext_lazy("De dossiers die aan jou zijn toegewezen."),
    )
)
register(
    Worklist(
        20,
        "team",
        gettext_lazy("Per team"),
        roles.works_on_dossiers,
        _team_select,
        gettext_lazy("De dossiers van een team; kies het team in de filter."),
    )
)
register(
    Worklist(
        90,
        "alle",
        gettext_lazy("Alle dossiers"),
        roles.works_on_dossiers,
        lambda user, qs, request: qs,
        gettext_lazy("Alle dossiers die je mag zien."),
    )
)


def get(key: str) -> Worklist:
    return _worklists[key]


def worklists_for(user) -> list[Worklist]:
    return sorted(
        (wl for wl in _worklists.values() if wl.allowed(user)), key=lambda wl: (wl.order, wl.key)
    )


def _get_worklist(user, key: str) -> Worklist:
    worklist = _worklists.get(key)
    if worklist is None or not worklist.allowed(user):
        raise Http404
    return worklist


def worklist_queryset(
    user, worklist: Worklist, form: WorklistFilterForm, request, *, walk: bool = False
) -> QuerySet:
    select = worklist.walk if walk and worklist.walk is not None else worklist.select
    queryset = select(user, access.visible_dossiers(user, walk=walk), request)
    return form.filter(queryset, default_status=worklist.default_status)


def index(request):
    """The Dossiers menu: caseworkers start at their own dossiers, the others at every dossier
    they may see (the preventiewerker finds "Te triëren" among the tabs)."""
    if request.user.has_role(*roles.FOLLOWERS):
        return redirect("dossiers:worklist", "mijn")
    if roles.works_on_dossiers(request.user):
        return redirect("dossiers:worklist", "alle")
    raise Http404


def worklist(request, key: str):
    worklist = _get_worklist(request.user, key)
    form = WorklistFilterForm(request.GET or None, user=request.user)
    queryset = worklist_queryset(request.user, worklist, form, request)

    def load(ids):
        rows = columns.with_related(Dossier.objects.filter(pk__in=ids), columns.screen_columns())
        rows = rows.with_attention()
        return worklist.prepare(rows) if worklist.prepare is not None else rows

    # Walked in its order with the list's and the policy's walking forms, when they differ.
    walks = worklist.walk is not None or access.dossier_q(
        request.user, walk=True
    ) is not access.dossier_q(request.user)
    walked = (
        worklist_queryset(request.user, worklist, form, request, walk=True) if walks else queryset
    )
    paginator = paging.BoundedPaginator(
        walked.order_by(*form.ordering()), form.page_size(), load=load, counted=queryset
    )
    page = paginator.get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    actions = sorted(
        (a for a in _bulk_actions.values() if a.allowed(request.user)), key=lambda a: a.order
    )
    # Drawn when the template shows them (the confirmation queue draws its own cards).
    rows = SimpleLazyObject(lambda: columns.screen_rows(page.object_list, choose=bool(actions)))
    audit.record_list_read(
        request.user,
        Dossier,
        [dossier.pk for dossier in page.object_list],
        purpose=_("werklijst %(list)s") % {"list": worklist.title},
        action="dossier.list",
    )
    context = {
        "worklist": worklist,
        "worklists": worklists_for(request.user),
        "form": form,
        "page": page,
        "rows": rows,
        "columns": columns.screen_columns(),
        "query": query.urlencode(),
        "can_see_insz": roles.can_see_insz(request.user),
        "bulk_actions": actions,
        "status_all": ALL,
    }
    for action in actions:
        context.update(action.context(request))
    return render(request, worklist.template, context)


def worklist_export(request, key: str, fmt: str):
    worklist = _get_worklist(request.user, key)
    if fmt not in export.FORMATS:
        raise Http404
    form = WorklistFilterForm(request.GET or None, user=request.user)
    queryset = worklist_queryset(request.user, worklist, form, request).order_by(*form.ordering())
    export.record_export(
        actor=request.user,
        ids=list(queryset.values_list("pk", flat=True)),
        fmt=fmt,
        purpose=_("export werklijst %(list)s") % {"list": worklist.title},
        details={"list": key},
    )
    name = export.filename(fmt, f"dossiers-{key}")
    if fmt == "csv":
        response = StreamingHttpResponse(export.csv_stream(queryset), content_type=CSV_CONTENT_TYPE)
    else:
        content, _count = export.xlsx_bytes(queryset)
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
