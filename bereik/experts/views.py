"""The expert's own pages (phone first): the households proposed and accepted with the least
data, their contacts, a household met by outreach. Each page asks
`queries.get_household_for` / `get_waiting_for` (404 otherwise) and records an audited read with
the expert's role as purpose; no page here opens a dossier."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bereik import audit
from bereik.accounts import roles
from bereik.accounts.models import Role
from bereik.experts import actions, queries
from bereik.experts.forms import ContactForm, DeclineForm, OutreachForm
from bereik.intake.actions.signals import HouseholdData


def _expert(request):
    if not roles.is_expert(request.user):
        raise PermissionDenied
    return request.user


def _purpose(page: str) -> str:
    return f"{Role.Code.ERVARINGSDESKUNDIGE.label}: {page}"


def _errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def home(request):
    """My households: the proposals waiting for an answer, the households I follow, the
    households I brought in."""
    user = _expert(request)
    waiting = list(queries.waiting_proposals(user).select_related("dossier__client", "proposed_by"))
    proposals = list(
        queries.my_households(user)
        .select_related("dossier__client")
        .order_by("dossier__last_name", "pk")
    )
    cards = queries.households(user, proposals)
    for proposal in waiting:
        audit.record_read(user, proposal, purpose=_purpose(_("voorstel in mijn gezinnen")))
    for proposal in proposals:
        audit.record_read(user, proposal, purpose=_purpose(_("mijn gezinnen")))
    return render(
        request,
        "experts/home.html",
        {"waiting": waiting, "cards": cards, "signals": queries.my_signals(user)},
    )


def proposal(request, pk):
    """A proposal waiting for the expert's answer: the help asked, the note, the municipality."""
    user = _expert(request)
    proposal = queries.get_waiting_for(user, pk)
    form = DeclineForm(request.POST or None)
    if request.method == "POST":
        answer = request.POST.get("answer")
        try:
            if answer == "accept":
                actions.proposal_accept(proposal, actor=user)
                messages.success(request, _("Je volgt dit gezin nu op."))
                return redirect("experts:household", pk=proposal.pk)
            if answer == "decline" and form.is_valid():
                actions.proposal_decline(proposal, reason=form.cleaned_data["reason"], actor=user)
                messages.success(request, _("Je weigerde het voorstel. De medewerker ziet het."))
                return redirect("experts:home")
        except ValidationError as error:
            _errors(form, error)
    audit.record_read(user, proposal, purpose=_purpose(_("voorstel bekijken")))
    return render(request, "experts/proposal.html", {"proposal": proposal, "form": form})


def household(request, pk):
    """One household I follow: name, address, phone, the note, the next appointment, the LAC
    sessions I go along to and my own contacts."""
    user = _expert(request)
    proposal = queries.get_household_for(user, pk)
    card = queries.households(user, [proposal], with_contacts=True)[0]
    audit.record_read(user, proposal, purpose=_purpose(_("gezin bekijken")))
    return render(request, "experts/household.html", {"card": card})


def contact(request, pk):
    user = _expert(request)
    proposal = queries.get_household_for(user, pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.contact_record(proposal, actor=user, **form.action_values())
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Het contact is bewaard en gedeeld met de medewerker."))
            return redirect("experts:household", pk=proposal.pk)
    audit.record_read(user, proposal, purpose=_purpose(_("contact registreren")))
    card = queries.households(user, [proposal])[0]
    return render(request, "experts/contact.html", {"card": card, "form": form})


def outreach(request):
    """A household met by outreach, brought in as a signal "via ervaringsdeskundige"."""
    user = _expert(request)
    form = OutreachForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        household_data = HouseholdData(
            last_name=data["last_name"],
            first_name=data["first_name"],
            street=data["street"],
            house_number=data["house_number"],
            postcode=data["postcode"],
            city=data["city"],
            phone=data["phone"],
        )
        try:
            actions.outreach_signal_register(
                kind=data["kind"],
                household=household_data,
                problem=data["problem"],
                consent=data["consent"],
                met_at=data["met_at"],
                actor=user,
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(
                request,
                _("Bedankt. Het OCMW ontving het signaal en neemt contact op met het gezin."),
            )
            return redirect("experts:home")
    return render(request, "experts/outreach.html", {"form": form})


@require_POST
def end(request, pk):
    """The expert stops following a household."""
    user = _expert(request)
    proposal = queries.get_household_for(user, pk)
    reason = request.POST.get("reason", "").strip() or _("Door de ervaringsdeskundige gestopt")
    actions.proposal_end(proposal, reason=reason, actor=user)
    messages.success(request, _("Je volgt dit gezin niet meer op."))
    return redirect("experts:home")
