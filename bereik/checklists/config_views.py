"""Beheer of the guiding questions: the lists and their questions, each with the answer that
suggests a referral and where it refers to. Only for the functioneel beheerder; lists and
questions are retired (not deleted) so what was filled keeps its meaning."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from bereik.checklists import actions, forms
from bereik.checklists.models import Checklist, Question
from bereik.followup.forms import apply_errors
from bereik.home.admin_links import beheerder_required
from bereik.lib import locking


@beheerder_required
def config_index(request):
    questions = Question.objects.select_related("team", "organisation").order_by("order", "id")
    checklists = Checklist.objects.prefetch_related(Prefetch("questions", queryset=questions))
    return render(request, "checklists/beheer/index.html", {"checklists": checklists})


@beheerder_required
def checklist_edit(request, pk=None):
    checklist = get_object_or_404(Checklist, pk=pk) if pk is not None else None
    form = forms.ChecklistAdminForm(request.POST or None, instance=checklist)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.checklist_save(
                form.save(commit=False), actor=request.user, version=form.version()
            )
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
        else:
            messages.success(request, _("De lijst '%(name)s' is bewaard.") % {"name": saved})
            return redirect(f"{_index_url()}#lijst-{saved.pk}")
    return render(
        request,
        "checklists/beheer/edit.html",
        {
            "form": form,
            "title": checklist.name if checklist else _("Nieuwe lijst richtvragen"),
            "back": _index_url(),
        },
    )


@beheerder_required
def question_edit(request, checklist_pk, pk=None):
    checklist = get_object_or_404(Checklist, pk=checklist_pk)
    question = get_object_or_404(Question, pk=pk, checklist=checklist) if pk is not None else None
    form = forms.QuestionForm(request.POST or None, instance=question, checklist=checklist)
    if request.method == "POST" and form.is_valid():
        try:
            question = actions.question_save(
                form.save(commit=False), actor=request.user, version=form.version()
            )
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De vraag is bewaard."))
            return redirect(f"{_index_url()}#lijst-{checklist.pk}")
    return render(
        request,
        "checklists/beheer/edit.html",
        {
            "form": form,
            "title": _("Vraag in de lijst %(name)s") % {"name": checklist.name},
            "back": f"{_index_url()}#lijst-{checklist.pk}",
        },
    )


def _index_url() -> str:
    return reverse("checklists:config_index")
