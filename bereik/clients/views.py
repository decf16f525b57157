"""The client register (list, page, add and correct by hand) and the views that link dossiers
to clients (confirm, reject, new, undo, by number, new client from the dossier, match again)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from bereik import audit
from bereik.accounts import roles
from bereik.clients import actions, register, search
from bereik.clients.forms import ClientForm, ClientSearchForm
from bereik.clients.models import Client
from bereik.dossiers import access
from bereik.dossiers.models import Signal
from bereik.lib import locking


def _client_for(user, pk) -> Client:
    client = (
        access.visible_client(user, Client.objects.filter(pk=pk))
        .select_related("social_worker")
        .first()
    )
    if client is None:
        raise Http404
    return client


def client_list(request):
    # The same rule as the navigation entry: an empty list is fine, the page itself is not secret.
    if not (roles.can_manage_register(request.user) or roles.works_on_dossiers(request.user)):
        raise Http404
    form = ClientSearchForm(request.GET or None)
    clients = access.visible_clients(request.user, Client.objects.all()).select_related(
        "social_worker"
    )
    if form.is_valid():
        if form.cleaned_data["q"]:
            clients = clients.filter(search.search_q(form.cleaned_data["q"]))
        if form.cleaned_data["guidance"]:
            clients = clients.filter(guidance_status=form.cleaned_data["guidance"])
    page = Paginator(clients.order_by("last_name", "first_name", "pk"), 50).get_page(
        request.GET.get("pagina")
    )
    audit.record_list_read(
        request.user,
        Client,
        [client.pk for client in page],
        purpose=_("cliëntenlijst") if not form.is_bound else _("cliënten zoeken"),
    )
    return render(
        request,
        "clients/list.html",
        {
            "form": form,
            "page": page,
            "can_manage": roles.can_manage_register(request.user),
            "can_import": roles.can_import(request.user),
            # The register export is read in through the intake's upload, its kind chosen.
            "register_upload_url": reverse("intake:upload") + f"?soort={register.KIND}",
        },
    )


LINES_SHOWN = 20


def client_detail(request, pk):
    client = _client_for(request.user, pk)
    audit.record_read(request.user, client, purpose=_("cliëntfiche bekijken"))
    dossiers = (
        access.visible_dossiers(request.user)
        .filter(client=client)
        .select_related("company", "assigned_to")
        .order_by("-opened_at")
    )
    return render(
        request,
        "clients/detail.html",
        {
            "client": client,
            "dossiers": dossiers,
            "history": client.guidance_changes.select_related("actor")[:50],
            # The company's weekly report lines about this client, with or without a dossier.
            "lines": Signal.objects.filter(
                Q(client=client) | Q(dossier__client=client), kind=Signal.Kind.WEEKRAPPORT
            )
            .select_related("company")
            .order_by("-reference_date", "-pk")[:LINES_SHOWN],
            "can_manage": roles.can_manage_register(request.user),
            "can_see_insz": roles.can_see_insz(request.user),
        },
    )


def client_create(request):
    if not roles.can_manage_register(request.user):
        raise PermissionDenied
    can_see_insz = roles.can_see_insz(request.user)
    form = ClientForm(request.POST or None, can_see_insz=can_see_insz)
    if request.method == "POST" and form.is_valid():
        try:
            client = actions.client_create(actor=request.user, **form.changes())
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request, _("Cliënt %(number)s toegevoegd.") % {"number": client.client_number}
            )
            return redirect(client)
    return render(request, "clients/form.html", {"form": form, "client": None})


def client_edit(request, pk):
    if not roles.can_manage_register(request.user):
        raise PermissionDenied
    client = _client_for(request.user, pk)
    can_see_insz = roles.can_see_insz(request.user)
    form = ClientForm(request.POST or None, instance=client, can_see_insz=can_see_insz)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        if "insz" not in changes:
            changes["insz"] = Client.objects.values_list("insz", flat=True).get(pk=client.pk)
        try:
            actions.client_update(
                client,
                actor=request.user,
                reason=form.cleaned_data.get("reason", ""),
                version=form.version(),
                **changes,
            )
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("De gegevens van de cliënt zijn bijgewerkt."))
            return redirect(client)
    else:
        audit.record_read(request.user, client, purpose=_("cliëntfiche wijzigen"))
    return render(request, "clients/form.html", {"form": form, "client": client})


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
