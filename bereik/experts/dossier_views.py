"""The dossier's side: propose the household to an expert, stop it, record the expert as
vertrouwenspersoon for a LAC session, set the contact person the letters give. Every view asks
the access policy (`get_dossier_for(..., change=True)`, 404 otherwise)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bereik import audit
from bereik.accounts import roles
from bereik.dossiers import access
from bereik.experts import actions, queries
from bereik.experts.forms import ContactPersonForm, EndForm, LacCompanionForm, ProposalForm
from bereik.experts.models import LacCompanion, Proposal

SECTION = "ervaringsdeskundige"
CONTACT_SECTION = "contactpersoon"


def _back(dossier, section=SECTION):
    return redirect(f"{dossier.get_absolute_url()}#sectie-{section}")


def _errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _page(request, dossier, form, title, intro=""):
    audit.record_read(request.user, dossier, purpose=title)  # a dossier's page (ADR 0026)
    return render(
        request,
        "eviction/form.html",
        {"dossier": dossier, "form": form, "title": title, "intro": intro},
    )


def propose(request, pk):
    dossier = access.get_dossier_for(request.user, pk, change=True)
    if not roles.can_propose_to_expert(request.user):
        raise Http404
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.proposal_create(dossier, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(
                request, _("Het gezin is voorgesteld. De ervaringsdeskundige aanvaardt of weigert.")
            )
            return _back(dossier)
    return _page(
        request,
        dossier,
        form,
        _("Voorstellen aan een ervaringsdeskundige"),
        _(
            "De ervaringsdeskundige ziet het gezin pas na aanvaarden, en dan enkel naam, adres, "
            "telefoon, je notitie en de volgende afspraak."
        ),
    )


def end(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    dossier = access.get_dossier_for(request.user, proposal.dossier_id, change=True)
    if not proposal.is_open:
        raise Http404
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.proposal_end(proposal, reason=form.cleaned_data["reason"], actor=request.user)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("De ervaringsdeskundige volgt dit gezin niet meer op."))
            return _back(dossier)
    return _page(
        request,
        dossier,
        form,
        _("Begeleiding door %(name)s stoppen")
        % {"name": proposal.expert.get_full_name() or proposal.expert.username},
    )


def lac_companion(request, pk):
    dossier = access.get_dossier_for(request.user, pk, change=True)
    items = queries.coming_items(dossier)
    experts = roles.users_with(*roles.EXPERTS).filter(
        expert_proposals__dossier=dossier, expert_proposals__status=Proposal.Status.ACCEPTED
    )
    if not items:
        raise Http404
    items = queries.items_to_offer(items)
    if not items:  # an old link or a second tab: say what was already done
        messages.info(
            request, _("Voor elke komende LAC-zitting gaat al een ervaringsdeskundige mee.")
        )
        return _back(dossier)
    form = LacCompanionForm(request.POST or None, items=items, experts=experts)
    if request.method == "POST" and form.is_valid():
        item = next(i for i in items if i.pk == form.cleaned_data["item"])
        try:
            actions.lac_companion_set(item, expert=form.cleaned_data["expert"], actor=request.user)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("De ervaringsdeskundige gaat mee als vertrouwenspersoon."))
            return _back(dossier)
    return _page(
        request,
        dossier,
        form,
        _("Ervaringsdeskundige als vertrouwenspersoon naar de LAC"),
        _("De ervaringsdeskundige ziet enkel datum, uur en plaats van de zitting."),
    )


@require_POST
def lac_companion_remove(request, pk):
    companion = get_object_or_404(LacCompanion.objects.select_related("item__session"), pk=pk)
    dossier = access.get_dossier_for(request.user, companion.item.dossier_id, change=True)
    actions.lac_companion_remove(companion, actor=request.user)
    messages.success(request, _("De vertrouwenspersoon is geschrapt."))
    return _back(dossier)


def contact_person(request, pk):
    dossier = access.get_dossier_for(request.user, pk, change=True)
    form = ContactPersonForm(request.POST or None, initial={"person": dossier.contact_person_id})
    if request.method == "POST" and form.is_valid():
        try:
            actions.dossier_contact_person_set(
                dossier,
                person=form.cleaned_data["person"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("De volgende brieven geven deze contactpersoon."))
            return _back(dossier, CONTACT_SECTION)
    return _page(
        request,
        dossier,
        form,
        _("Contactpersoon op brieven"),
        _(
            "Bv. een brugfiguur: iemand die het gezin laagdrempelig helpt en niet over steun "
            "beslist."
        ),
    )
