from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bereik import audit
from bereik.audit.models import AuditEvent
from bereik.home import admin_links
from bereik.lib import locking
from bereik.privacy import actions, export, queries, rules
from bereik.privacy.forms import ReasonForm, RetentionForm, SearchForm
from bereik.privacy.models import DEFAULT_YEARS, SUBJECT_CHOICES, periods


@admin_links.beheerder_required
@require_http_methods(["GET", "POST"])
def retention(request):
    current = periods()
    form = RetentionForm(request.POST or None, periods=current)
    if request.method == "POST" and form.is_valid():
        try:
            changed = actions.retention_periods_update(
                form.years(), actor=request.user, version=form.version()
            )
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
        else:
            if changed:
                messages.success(request, _("De bewaartermijnen zijn opgeslagen."))
            else:
                messages.info(request, _("Er was niets gewijzigd."))
            return redirect("privacy:retention")
    defaults = [(label, DEFAULT_YEARS[key]) for key, label in SUBJECT_CHOICES]
    context = {"form": form, "defaults": defaults, "due": rules.due_counts()}
    return render(request, "privacy/retention.html", context)


@admin_links.beheerder_required
@require_http_methods(["GET", "POST"])
def access(request):
    """Find the person: by POST only, so a name or an INSZ never lands in a URL or a log."""
    form = SearchForm(request.POST or None)
    clients = dossiers = None
    if request.method == "POST" and form.is_valid():
        clients, dossiers = queries.search(form.cleaned_data["query"])
        audit.record(
            "privacy.search",
            actor=request.user,
            kind=AuditEvent.Kind.READ,
            purpose=_("inzageverzoek: persoon zoeken"),
            details={"clients": [c.pk for c in clients], "dossiers": [d.pk for d in dossiers]},
        )
    context = {"form": form, "clients": clients, "dossiers": dossiers}
    return render(request, "privacy/access.html", context)


@admin_links.beheerder_required
@require_http_methods(["GET", "POST"])
def person(request, kind, pk):
    found, subject = queries.person(kind, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = actions.person_export(
            found, subject, reason=form.cleaned_data["reason"], actor=request.user
        )
        response = HttpResponse(data, content_type="application/zip")
        filename = f"inzage-{kind}-{pk}.zip"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    audit.record_read(
        request.user, subject, purpose=_("inzageverzoek voorbereiden"), action="privacy.person"
    )
    counts = [
        (part.title, len(exported.records), len(exported.files))
        for part, exported in export.collect(found.scope)
    ]
    context = {"form": form, "person": found, "counts": counts}
    return render(request, "privacy/person.html", context)
