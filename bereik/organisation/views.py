import mimetypes
from pathlib import Path

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bereik.home import admin_links
from bereik.lib import locking
from bereik.organisation import actions
from bereik.organisation.forms import CompanyForm, MunicipalityForm, OrganisationForm
from bereik.organisation.models import Company, Municipality, Organisation


@admin_links.beheerder_required
def settings_edit(request):
    organisation = Organisation.get()
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        if not changes:
            messages.info(request, _("Er was niets gewijzigd."))
            return redirect("organisation:settings")
        pool = changes.pop("distribution_pool", None)
        try:
            # The form already put the new values on its instance: hand the action a fresh
            # copy, so it still knows the old logo.
            actions.organisation_update(
                Organisation.get(),
                actor=request.user,
                distribution_pool=list(pool) if pool is not None else None,
                version=form.version(),
                **changes,
            )
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
        else:
            messages.success(request, _("De instellingen zijn opgeslagen."))
            return redirect("organisation:settings")
    return render(
        request, "organisation/settings.html", {"form": form, "organisation": organisation}
    )


def logo(request):
    """The logo for the settings page; any signed-in user may fetch it (it is on every letter)."""
    organisation = Organisation.get()
    if not organisation.logo:
        raise Http404
    try:
        handle = organisation.logo.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(organisation.logo.name)[0] or "application/octet-stream"
    name = Path(organisation.logo.name).name
    return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)


@admin_links.beheerder_required
def municipalities(request):
    form = MunicipalityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        municipality = actions.municipality_add(
            postcode=form.cleaned_data["postcode"],
            name=form.cleaned_data["name"],
            actor=request.user,
        )
        messages.success(request, _("%(name)s is toegevoegd.") % {"name": municipality})
        return redirect("organisation:municipalities")
    return render(
        request,
        "organisation/municipalities.html",
        {"form": form, "municipalities": Municipality.objects.all()},
    )


@require_POST
@admin_links.beheerder_required
def municipality_remove(request, pk):
    municipality = get_object_or_404(Municipality, pk=pk)
    actions.municipality_remove(municipality, actor=request.user)
    messages.success(request, _("%(name)s is verwijderd.") % {"name": municipality})
    return redirect("organisation:municipalities")


@admin_links.beheerder_required
def companies(request):
    return render(
        request, "organisation/companies.html", {"companies": Company.objects.order_by("name")}
    )


@admin_links.beheerder_required
def company_edit(request, pk=None):
    company = get_object_or_404(Company, pk=pk) if pk else None
    form = CompanyForm(request.POST or None, instance=company)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.company_save(form.instance, actor=request.user, version=form.version())
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
        else:
            messages.success(request, _("%(name)s is opgeslagen.") % {"name": saved})
            return redirect("organisation:companies")
    return render(request, "organisation/company_form.html", {"form": form, "company": company})


@require_POST
@admin_links.beheerder_required
def company_set_active(request, pk):
    company = get_object_or_404(Company, pk=pk)
    active = request.POST.get("active") == "1"
    actions.company_set_active(company, active, actor=request.user)
    if active:
        messages.success(request, _("%(name)s is opnieuw actief.") % {"name": company})
    else:
        messages.success(
            request,
            _("%(name)s is niet meer actief. Bestaande dossiers blijven bewaard.")
            % {"name": company},
        )
    return redirect("organisation:companies")
