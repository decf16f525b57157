"""The worklists' filters the figures link to (bereik.dossiers.filters), registered from
ReportsConfig.ready():

- "Uitkomst": the outcome code a closed dossier has (an index on Dossier.outcome behind it);
- the figure filter `cijfer`, a hidden field set by the links of the figures page: the dossiers
  behind one number (definitions.py), described in words above the list.

Combined with the worklists' own filters (opened from–to, reached, route, ...), a number's link
lists exactly the dossiers it counts.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bereik.dossiers import filters
from bereik.followup.models import OutcomeCode
from bereik.lib import lookups
from bereik.reports import definitions

NO_OUTCOME = "geen"


def outcome_choices(user) -> list[tuple[str, str]]:
    """The outcome codes, retired ones too (one query, then kept a minute: `lookups`; the same
    list on every page, whose options the filter form draws once a language)."""
    return lookups.cached(
        "outcome-codes",
        lambda: [
            *OutcomeCode.objects.order_by("order", "name").values_list("code", "name"),
            (NO_OUTCOME, gettext_lazy("Zonder uitkomst")),
        ],
        models=(OutcomeCode,),
    )


def with_outcome(queryset, value: str):
    return queryset.filter(outcome="" if value == NO_OUTCOME else value)


def with_figure(queryset, value: str):
    condition = definitions.parse(value)
    return condition.apply(queryset) if condition is not None else queryset


def describe_figure(value: str) -> str:
    condition = definitions.parse(value)
    if condition is None:
        return ""
    return _("Uit de cijfers: %(what)s") % {"what": condition.description}


def register() -> None:
    filters.register(
        "uitkomst", gettext_lazy("Uitkomst"), choices=outcome_choices, apply=with_outcome
    )
    filters.register(
        "cijfer",
        gettext_lazy("Cijfer"),
        apply=with_figure,
        field=lambda: forms.CharField(required=False, max_length=200, widget=forms.HiddenInput),
        describe=describe_figure,
    )
