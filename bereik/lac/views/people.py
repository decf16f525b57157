"""The list of people who can sit on the committee, kept by the beheerder."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from bereik.lac import actions, policy
from bereik.lac.forms import PersonForm
from bereik.lac.models import LacPerson
from bereik.lac.views.shared import forbid_unless
from bereik.lib import locking


def people(request):
    forbid_unless(policy.can_manage_people(request.user))
    items = LacPerson.objects.select_related("company", "user").order_by(
        "-active", "function", "name"
    )
    return render(request, "lac/people.html", {"people": items})


def person_edit(request, pk=None):
    forbid_unless(policy.can_manage_people(request.user))
    person = get_object_or_404(LacPerson, pk=pk) if pk else LacPerson()
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            actions.person_save(form.save(commit=False), actor=request.user, version=form.version())
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
        else:
            messages.success(request, _("%(name)s is bewaard.") % {"name": form.instance.name})
            return redirect("lac:people")
    return render(request, "lac/person_form.html", {"form": form, "person": person})
