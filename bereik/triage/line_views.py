"""The queue "Te bevestigen weekrapportlijnen": the lines of a weekly report whose household may
be one of a few register clients, for the triage roles to confirm (`actions/lines.py`)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from bereik import audit
from bereik.accounts import roles
from bereik.audit.models import AuditEvent
from bereik.clients.models import Client
from bereik.triage.actions import lines
from bereik.triage.models import LineMatch

PAGE_SIZE = 25


def _require(user) -> None:
    if not roles.can_triage(user):
        raise PermissionDenied


def line_queue(request):
    _require(request.user)
    queue = (
        LineMatch.objects.filter(status=LineMatch.Status.TO_CONFIRM)
        .select_related("signal", "signal__company")
        .order_by("-signal__received_at", "pk")
    )
    page = Paginator(queue, PAGE_SIZE).get_page(request.GET.get("page"))
    items = list(page.object_list)
    ids = {c["client"] for item in items for c in item.candidates}
    clients = Client.objects.in_bulk(ids)
    for item in items:
        item.proposed = [
            (clients[c["client"]], c["score"]) for c in item.candidates if c["client"] in clients
        ]
    if items:
        audit.record(
            "weekly_lines.view",
            actor=request.user,
            kind=AuditEvent.Kind.READ,
            purpose=_("Te bevestigen weekrapportlijnen"),
            details={"signals": [item.signal_id for item in items]},
        )
    return render(request, "triage/line_queue.html", {"page": page, "items": items})


@require_POST
def line_confirm(request, pk, client_pk):
    _require(request.user)
    line = get_object_or_404(LineMatch, pk=pk)
    client = get_object_or_404(Client, pk=client_pk)
    line = lines.line_confirm(line, client, actor=request.user)
    if line.same_customer:
        text = ngettext(
            "De lijn en %(n)d andere lijn van dezelfde klant zijn gekoppeld aan cliënt %(number)s.",
            "De lijn en %(n)d andere lijnen van dezelfde klant zijn gekoppeld aan cliënt "
            "%(number)s.",
            line.same_customer,
        )
    else:
        text = _("De lijn is gekoppeld aan cliënt %(number)s.")
    messages.success(request, text % {"n": line.same_customer, "number": client.client_number})
    return redirect("triage:line_queue")


@require_POST
def line_none(request, pk):
    _require(request.user)
    line = get_object_or_404(LineMatch, pk=pk)
    try:
        line = lines.line_not_in_register(line, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        text = _("Bewaard: deze lijn hoort bij niemand uit het register.")
        if line.same_customer:
            text += " " + ngettext(
                "Ook bij %(n)d andere lijn van dezelfde klant worden die cliënten niet meer "
                "voorgesteld.",
                "Ook bij %(n)d andere lijnen van dezelfde klant worden die cliënten niet meer "
                "voorgesteld.",
                line.same_customer,
            ) % {"n": line.same_customer}
        messages.success(request, text)
    return redirect("triage:line_queue")
