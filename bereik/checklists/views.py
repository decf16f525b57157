"""Views of the guiding questions. Each: access check (the one policy; a dossier the user may not
see is a 404) -> form -> action -> redirect with a Dutch message. The pages are built for a phone:
the worker or the ervaringsdeskundige goes through a list with the household at the table."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from bereik import audit
from bereik.checklists import actions, forms, queries
from bereik.checklists.models import Answer, Checklist
from bereik.dossiers import access


def choose(request, pk):
    """Which list to go through, and the lists already gone through on this dossier."""
    dossier = access.get_dossier_for(request.user, pk, change=True)
    # Meta.ordering does not reach a query with GROUP BY: the order is named here.
    checklists = (
        Checklist.objects.filter(active=True)
        .annotate(question_count=Count("questions", filter=Q(questions__active=True)))
        .order_by("order", "name")
    )
    audit.record_read(request.user, dossier, purpose=_("richtvragen kiezen"))
    return render(
        request,
        "checklists/choose.html",
        {
            "dossier": dossier,
            "checklists": [c for c in checklists if c.question_count],
            "earlier": queries.filled_for(dossier)[:10],
        },
    )


def fill(request, pk, checklist_pk):
    dossier = access.get_dossier_for(request.user, pk, change=True)
    checklist = get_object_or_404(Checklist, pk=checklist_pk, active=True)
    form = forms.ChecklistForm(
        request.POST if request.method == "POST" else None, checklist=checklist
    )
    if request.method == "POST" and form.is_valid():
        try:
            filled = actions.checklist_fill(
                dossier,
                checklist,
                form.answers(),
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            count = len(filled.suggestions)
            if count:
                messages.success(
                    request,
                    ngettext(
                        "De antwoorden zijn bewaard. Er is %(count)s voorstel.",
                        "De antwoorden zijn bewaard. Er zijn %(count)s voorstellen.",
                        count,
                    )
                    % {"count": count},
                )
            else:
                messages.success(
                    request, _("De antwoorden zijn bewaard. Ze stellen geen doorverwijzing voor.")
                )
            return redirect("checklists:filled", pk=filled.pk)
    audit.record_read(request.user, dossier, purpose=_("richtvragen invullen"))
    return render(
        request,
        "checklists/fill.html",
        {"dossier": dossier, "checklist": checklist, "form": form},
    )


def filled(request, pk):
    """The answers and their suggestions; each suggestion can be referred in one step."""
    filled = queries.filled_checklist(pk)
    dossier = access.get_dossier_for(request.user, filled.dossier_id)
    filled.dossier = dossier
    audit.record_read(request.user, filled, purpose="richtvragen")
    return render(
        request,
        "checklists/filled.html",
        {
            "dossier": dossier,
            "filled": filled,
            "can_change": access.can_change_dossier(request.user, dossier),
            "suggestions": queries.suggestion_rows(filled, request.user),
            "refer_form": forms.ReferForm(),
        },
    )


@require_POST
def refer(request, pk):
    answer = get_object_or_404(Answer.objects.select_related("filled"), pk=pk)
    dossier = access.get_dossier_for(request.user, answer.filled.dossier_id, change=True)
    answer.filled.dossier = dossier
    form = forms.ReferForm(request.POST)
    contact = form.cleaned_data["contact_person"] if form.is_valid() else ""
    try:
        answer = actions.suggestion_refer(answer, contact_person=contact, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(made)s.") % {"made": answer.referral_summary})
    return redirect("checklists:filled", pk=answer.filled_id)
