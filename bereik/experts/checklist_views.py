"""The guiding questions (richtvragen) on the expert's own pages: choose a list, go through it
with the household on a phone, see the suggestions and turn one into a referral in one step.

The checklists app's own pages ask the dossier access policy, which the expert is not in; these
ask the expert's own check (`queries.get_household_for`: an accepted proposal on an open dossier,
404 otherwise) and show only the questions, the expert's own answers and their suggestions,
nothing else of the dossier. Every page is an audited read with the expert's role as purpose."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from bereik import audit
from bereik.checklists import actions as checklist_actions
from bereik.checklists import forms as checklist_forms
from bereik.checklists import queries as checklist_queries
from bereik.checklists.models import Checklist
from bereik.experts import queries
from bereik.experts.views import _expert, _purpose


def choose(request, pk):
    """Which list to go through with this household, and the lists I went through with it."""
    user = _expert(request)
    proposal = queries.get_household_for(user, pk)
    audit.record_read(user, proposal, purpose=_purpose(_("richtvragen kiezen")))
    return render(
        request,
        "experts/checklist_choose.html",
        {
            "proposal": proposal,
            "name": proposal.dossier.household_name,
            "checklists": queries.active_checklists(),
            "earlier": queries.my_filled(user, proposal),
        },
    )


def fill(request, pk, checklist_pk):
    user = _expert(request)
    proposal = queries.get_household_for(user, pk)
    checklist = get_object_or_404(Checklist, pk=checklist_pk, active=True)
    form = checklist_forms.ChecklistForm(
        request.POST if request.method == "POST" else None, checklist=checklist
    )
    if request.method == "POST" and form.is_valid():
        try:
            filled = checklist_actions.checklist_fill(
                proposal.dossier,
                checklist,
                form.answers(),
                note=form.cleaned_data["note"],
                actor=user,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            count = len(filled.suggestions)
            messages.success(
                request,
                ngettext(
                    "De antwoorden zijn bewaard. Er is %(count)s voorstel.",
                    "De antwoorden zijn bewaard. Er zijn %(count)s voorstellen.",
                    count,
                )
                % {"count": count}
                if count
                else _("De antwoorden zijn bewaard. Ze stellen geen doorverwijzing voor."),
            )
            return redirect("experts:checklist_filled", pk=filled.pk)
    audit.record_read(user, proposal, purpose=_purpose(_("richtvragen overlopen")))
    return render(
        request,
        "experts/checklist_fill.html",
        {"proposal": proposal, "name": proposal.dossier.household_name, "form": form},
    )


def filled(request, pk):
    """A list I went through: the suggestions, each with its one-step referral, and my answers."""
    user = _expert(request)
    filled, proposal = queries.get_filled_for(user, pk)
    audit.record_read(user, filled, purpose=_purpose(_("richtvragen bekijken")))
    return render(
        request,
        "experts/checklist_filled.html",
        {
            "proposal": proposal,
            "name": proposal.dossier.household_name,
            "filled": filled,
            "can_change": True,
            "suggestions": checklist_queries.suggestion_rows(filled, user),
            "refer_form": checklist_forms.ReferForm(),
        },
    )


@require_POST
def refer(request, pk):
    """Turn a suggestion of a list I went through into its referral, in one step."""
    user = _expert(request)
    answer = queries.get_answer_for(user, pk)
    form = checklist_forms.ReferForm(request.POST)
    contact = form.cleaned_data["contact_person"] if form.is_valid() else ""
    try:
        answer = checklist_actions.suggestion_refer(answer, contact_person=contact, actor=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(made)s.") % {"made": answer.referral_summary})
    return redirect("experts:checklist_filled", pk=answer.filled_id)
