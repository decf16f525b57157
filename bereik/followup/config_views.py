"""Beheer of the follow-up's lists: rights and their groups, outcome codes, external organisations,
the Energie- en Watercel checklist and the aftercare rules. Only for the functioneel beheerder.
Items are retired (not deleted) so dossiers that used them keep their meaning."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bereik.accounts import roles
from bereik.followup import actions, forms
from bereik.followup.models import (
    AftercareRule,
    CellChecklistItem,
    ExternalOrganisation,
    OutcomeCode,
    RightGroup,
    RightItem,
)
from bereik.lib import locking


@dataclass(frozen=True)
class ConfigList:
    model: type[models.Model]
    form: type
    title: str
    description: str
    detail_label: str = ""

    def queryset(self):
        qs = self.model.objects.all()
        if self.model is RightItem:
            qs = qs.select_related("group")
        if self.model is AftercareRule:
            qs = qs.prefetch_related("outcomes")
        return qs

    def detail(self, item) -> str:
        if isinstance(item, RightItem):
            return item.group.name
        if isinstance(item, OutcomeCode):
            return item.code
        if isinstance(item, AftercareRule):
            outcomes = ", ".join(outcome.name for outcome in item.outcomes.all())
            return _("na %(months)s maanden · %(outcomes)s") % {
                "months": item.months,
                "outcomes": outcomes or "—",
            }
        if isinstance(item, ExternalOrganisation):
            return " · ".join(part for part in (item.phone, item.email) if part)
        return ""


LISTS = {
    "rechten": ConfigList(
        RightItem,
        forms.RightItemForm,
        gettext_lazy("Rechten"),
        gettext_lazy("De checklist van het algemeen rechtenonderzoek."),
        gettext_lazy("Groep"),
    ),
    "groepen": ConfigList(
        RightGroup,
        forms.RightGroupForm,
        gettext_lazy("Groepen van rechten"),
        gettext_lazy("Inkomen, gezondheid, energie, ...: de indeling van de checklist."),
    ),
    "uitkomsten": ConfigList(
        OutcomeCode,
        forms.OutcomeCodeForm,
        gettext_lazy("Uitkomstcodes"),
        gettext_lazy("Waarmee een dossier afgesloten kan worden."),
        gettext_lazy("Code"),
    ),
    "organisaties": ConfigList(
        ExternalOrganisation,
        forms.ExternalOrganisationForm,
        gettext_lazy("Externe organisaties"),
        gettext_lazy("Diensten voor een warme overdracht (CAW, Mytrusto, ...)."),
        gettext_lazy("Contact"),
    ),
    "checklist-energiecel": ConfigList(
        CellChecklistItem,
        forms.CellChecklistItemForm,
        gettext_lazy("Checklist Energie- en Watercel"),
        gettext_lazy("Wat een maatschappelijk werker nakijkt voor hij naar de cel doorverwijst."),
    ),
    "nazorg": ConfigList(
        AftercareRule,
        forms.AftercareRuleForm,
        gettext_lazy("Nazorgregels"),
        gettext_lazy("Opnieuw contact opnemen, zoveel maanden na een afsluiting met een uitkomst."),
        gettext_lazy("Regel"),
    ),
}


def _config(request, slug: str) -> ConfigList:
    if not roles.is_beheerder(request.user):
        raise PermissionDenied
    config = LISTS.get(slug)
    if config is None:
        raise Http404
    return config


def config_index(request):
    if not roles.is_beheerder(request.user):
        raise PermissionDenied
    return render(request, "followup/config/index.html", {"lists": LISTS})


def config_list(request, slug):
    config = _config(request, slug)
    page = Paginator(config.queryset(), 100).get_page(request.GET.get("pagina"))
    rows = [(item, config.detail(item)) for item in page]
    return render(
        request,
        "followup/config/list.html",
        {"config": config, "slug": slug, "page": page, "rows": rows},
    )


def config_edit(request, slug, pk=None):
    config = _config(request, slug)
    item = get_object_or_404(config.model, pk=pk) if pk is not None else None
    form = config.form(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        outcomes = form.cleaned_data.get("outcomes") if config.model is AftercareRule else None
        try:
            actions.config_item_save(
                form.save(commit=False),
                actor=request.user,
                outcomes=outcomes,
                version=form.version(),
            )
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
        else:
            messages.success(request, _("'%(name)s' is bewaard.") % {"name": form.instance.name})
            return redirect("followup:config_list", slug=slug)
    return render(
        request,
        "followup/config/edit.html",
        {"config": config, "slug": slug, "form": form, "item": item},
    )
