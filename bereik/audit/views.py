from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from bereik import audit
from bereik.audit.forms import AuditFilterForm
from bereik.audit.models import AuditEvent
from bereik.home import admin_links
from bereik.lib import paging
from bereik.lib.export import CSV_CONTENT_TYPE, Column, csv_lines
from bereik.lib.paging import BoundedPaginator

EVENTS_PER_PAGE = 50


def _actor_name(event):
    actor = event.actor
    return (actor.get_full_name() or actor.username) if actor else ""


EXPORT_COLUMNS = [
    # Seconds matter in an access log: the timestamp is written as text, not as a date.
    Column("Tijdstip", lambda e: timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M:%S"), 20),
    Column("Gebruiker", _actor_name, 24),
    Column("Gebruikersnaam", lambda e: e.actor.username if e.actor else "", 16),
    Column("Soort", lambda e: e.get_kind_display(), 10),
    Column("Actie", lambda e: e.action, 24),
    Column("Objecttype", lambda e: e.object_type, 20),
    Column("Object-id", lambda e: e.object_id, 10),
    Column("Object", lambda e: e.object_repr, 32),
    Column("Type persoon", lambda e: e.subject_type, 12),
    Column("Persoon-id", lambda e: e.subject_id, 10),
    Column("Over wie", lambda e: e.subject_label, 28),
    Column("Waarom", lambda e: e.purpose, 28),
    Column(
        "Details", lambda e: "; ".join(f"{k}={v}" if k else str(v) for k, v in e.detail_pairs()), 40
    ),
]


def _filtered(request):
    """The form, and the events it asks for, newest first, said twice: so that the time's index
    serves them (a long list walked in time order, an export streamed) and so that the filters'
    indexes do (`AuditFilterForm.filter`, `indexed`: the count, a short list)."""
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.select_related("actor").order_by("-at", "-id")
    if form.is_bound and not form.is_valid():
        return form, events.none(), events.none()
    if form.is_bound:
        return form, form.filter(events, indexed=False), form.filter(events)
    return form, events, events


@admin_links.beheerder_required
def event_list(request):
    form, events, indexed = _filtered(request)
    # A trail of millions of events: a bounded count, the page's ids first (`lib/paging.py`).
    # Counted (and a short list read) through the filters' indexes; a long list walked in time
    # order: a common action ("dossier.") read and sorted through its index cost 350 ms.
    paginator = BoundedPaginator(
        events.select_related(None),
        EVENTS_PER_PAGE,
        load=lambda ids: AuditEvent.objects.filter(pk__in=ids).select_related("actor"),
        counted=indexed.select_related(None),
        walk_from=paging.CAP,  # up to CAP events read through the filters' indexes, sorted
    )
    page = paginator.get_page(request.GET.get("page"))
    rows = list(page.object_list)
    # Looking at the trail is itself in the trail (recorded after the query: it shows next time).
    audit.record(
        "audit.view",
        actor=request.user,
        kind=AuditEvent.Kind.READ,
        purpose="toegangslog raadplegen",
        details={"filters": form.summary() if form.is_bound and form.is_valid() else {}},
    )
    actions = (
        AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct()[:300]
    )
    return render(
        request,
        "audit/event_list.html",
        {"form": form, "page": page, "rows": rows, "known_actions": actions},
    )


@admin_links.beheerder_required
def event_export(request):
    form, events, indexed = _filtered(request)
    # Counted through the filters' indexes. Up to CAP events (one person's, for a request for
    # access; a rare action's) read through them and sorted; more streamed in time order, not
    # sorted. Walked in time order, a rare name's export read the whole trail.
    count = indexed.count()
    rows = indexed if count <= paging.CAP else events
    audit.record(
        "audit.export",
        actor=request.user,
        kind=AuditEvent.Kind.READ,
        purpose="toegangslog exporteren",
        details={
            "filters": form.summary() if form.is_bound and form.is_valid() else {},
            "rows": count,
        },
    )
    response = StreamingHttpResponse(
        csv_lines(EXPORT_COLUMNS, rows.iterator(chunk_size=2000)),
        content_type=CSV_CONTENT_TYPE,
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="toegangslog-{stamp}.csv"'
    return response
