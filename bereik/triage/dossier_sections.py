"""The dossier page's sections for matching, triage and assignment (registered on import from
TriageConfig.ready()): the link with the register, the route and the worker, and the overleg of
route B. Each runs a fixed handful of queries."""

from django.utils.translation import gettext_lazy as _

from bereik.accounts import roles
from bereik.dossiers import access, presence, sections
from bereik.triage.forms import (
    AssignForm,
    ConsultationForm,
    ManualLinkForm,
    NewClientForm,
    RouteForm,
    UnlinkForm,
)
from bereik.triage.models import MatchCandidate, Triage
from bereik.triage.views import can_record_consultation


@sections.register(order=5, key="client", column="side", reads=("triage",))
def client_section(request, dossier, ctx):
    user = request.user
    triage = (
        Triage.objects.filter(dossier=dossier).select_related("decided_by").first()
        if presence.has_rows(dossier, "triage")
        else None
    )
    client = None
    candidates = []
    if dossier.client_id:
        client = dossier.client  # the page reads it with the dossier, with its worker
    elif triage is not None:
        candidates = list(
            MatchCandidate.objects.filter(triage=triage, rejected_at__isnull=True).select_related(
                "client__social_worker"
            )
        )
    can_triage = roles.can_triage(user) and ctx["can_change"]
    if client is not None:
        caption = _("cliënt %(number)s") % {"number": client.client_number}
    elif candidates:
        caption = _("koppeling te bevestigen")
    else:
        caption = _("niet gekoppeld")
    return {
        "title": _("Cliëntenregister"),
        "template": "triage/sections/client.html",
        "caption": caption,
        # Open while a person has to decide which client this household is.
        "collapsed": not (candidates and can_triage),
        "client": client,
        "client_visible": client is not None and access.can_view_client_of(user, dossier),
        "triage": triage,
        "candidates": candidates,
        "can_triage": can_triage,
        "can_create_client": can_triage and roles.can_manage_register(user),
        "unlink_form": UnlinkForm(prefix="unlink"),
        "link_form": ManualLinkForm(prefix="link"),
        "new_client_form": NewClientForm(prefix="newclient"),
    }


@sections.register(order=6, key="triage", column="side")
def triage_section(request, dossier, ctx):
    user = request.user
    events = list(
        dossier.events.filter(kind__in=("route", "assignment")).order_by("-at", "-id")[:20]
    )
    last_route = next((e for e in events if e.kind == "route"), None)
    last_assignment = next((e for e in events if e.kind == "assignment"), None)
    can_triage = roles.can_triage(user) and ctx["can_change"]
    can_assign = access.can_assign(user)
    worker = dossier.assigned_to
    caption = " · ".join(
        str(part)
        for part in (
            _("route %(route)s") % {"route": dossier.route} if dossier.route else _("geen route"),
            (worker.get_full_name() or worker.username) if worker else _("niet toegewezen"),
        )
    )
    return {
        "title": _("Route en toewijzing"),
        "template": "triage/sections/triage.html",
        "caption": caption,
        "last_route": last_route,
        "last_assignment": last_assignment,
        "route_form": RouteForm(prefix="route", initial={"route": dossier.route or "C"})
        if can_triage
        else None,
        "assign_form": AssignForm(prefix="assign", initial={"worker": dossier.assigned_to_id})
        if can_assign
        else None,
    }


def _consultation_caption(open_one, latest) -> str:
    """What the section's header says: an outcome is asked, was recorded, or the overleg lapsed
    without one (the dossier left route B or was closed: `consultations_end`)."""
    if open_one is not None:
        return _("uitkomst gevraagd")
    return _("afgerond") if latest.outcome else _("vervallen")


@sections.register(order=15, key="overleg", column="main", reads=("consultations",))
def consultation_section(request, dossier, ctx):
    consultations = presence.rows(
        dossier,
        "consultations",
        dossier.consultations.select_related("former_worker", "preventiewerker", "decided_by"),
    )
    if not consultations:
        return None
    open_one = next((c for c in consultations if c.is_open), None)
    can_record = open_one is not None and can_record_consultation(request.user, open_one)
    return {
        "title": _("Overleg (route B)"),
        "template": "triage/sections/consultation.html",
        "caption": _consultation_caption(open_one, consultations[0]),
        "collapsed": open_one is None,
        "consultations": consultations,
        "open_consultation": open_one,
        "form": ConsultationForm(prefix="overleg") if can_record else None,
    }
