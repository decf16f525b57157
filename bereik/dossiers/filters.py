"""Filters of the dossier worklists and exports.

The filter form covers the dossier's own fields. Other apps add filters on their objects with
`register(...)` from their AppConfig.ready(), for example the LAC app for "LAC-zitting":

    filters.register(
        "lac_sessie",
        _("LAC-zitting"),
        choices=lambda user: [(str(s.pk), str(s)) for s in upcoming_sessions()],
        apply=lambda qs, value: qs.filter(lac_items__session_id=value),
    )

`choices(user)` runs once per page (not per row); `apply(queryset, value)` gets the submitted
value (a string) and returns the filtered queryset. Every filter needs an index behind it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.accounts import roles
from bereik.accounts.models import Team
from bereik.dossiers.models import Dossier
from bereik.organisation.models import Company


@dataclass(frozen=True)
class ExtraFilter:
    key: str
    label: str
    choices: Callable
    apply: Callable


_extra: dict[str, ExtraFilter] = {}


def register(key: str, label, *, choices: Callable, apply: Callable) -> None:
    _extra[key] = ExtraFilter(key, label, choices, apply)


OPEN = "open"
ALL = "alle"
STATUS_CHOICES = [(OPEN, _("Open")), (ALL, _("Alle statussen")), *Dossier.Status.choices]

DEADLINE_CHOICES = [
    ("", _("Alle termijnen")),
    ("verlopen", _("Verstreken")),
    ("7", _("Binnen 7 dagen")),
    ("14", _("Binnen 14 dagen")),
    ("30", _("Binnen 30 dagen")),
    ("geen", _("Zonder termijn")),
]

SORTS = {
    "termijn": (F("deadline").asc(nulls_last=True), "number"),
    "-termijn": (F("deadline").desc(nulls_last=True), "-number"),
    "nummer": ("number",),
    "-nummer": ("-number",),
    "naam": ("last_name", "first_name", "number"),
}
SORT_CHOICES = [
    ("termijn", _("Termijn (eerst)")),
    ("-termijn", _("Termijn (laatst)")),
    ("nummer", _("Dossiernummer")),
    ("-nummer", _("Dossiernummer (nieuwste)")),
    ("naam", _("Naam")),
]
PAGE_SIZES = [25, 50, 100]
UNASSIGNED = "geen"

# Dossiers that need attention now (the outreach app's definitions, bereik.outreach.queries).
DEADLINE_NEAR = "termijn-nadert"
STEP_OVERDUE = "stap-over-tijd"
ATTENTION_CHOICES = [
    ("", _("Alle dossiers")),
    (DEADLINE_NEAR, _("Termijn nadert, niet bereikt")),
    (STEP_OVERDUE, _("Volgende stap over tijd")),
]


def worker_choices() -> list[tuple[str, str]]:
    """People who follow dossiers up (one query)."""
    return [(str(u.pk), u.get_full_name() or u.username) for u in roles.followers()]


class WorklistFilterForm(forms.Form):
    """The GET form above every worklist. All fields are optional; bad values are ignored."""

    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=100,
        help_text=_("Naam, dossiernummer, klantnummer of cliëntnummer"),
    )
    kind = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle soorten")), *Dossier.Kind.choices]
    )
    company = forms.ChoiceField(label=_("Maatschappij"), required=False)
    route = forms.ChoiceField(
        label=_("Route"),
        required=False,
        choices=[("", _("Alle routes")), *Dossier.Route.choices, ("geen", _("Nog geen route"))],
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)
    worker = forms.ChoiceField(label=_("Medewerker"), required=False)
    team = forms.ChoiceField(label=_("Team"), required=False)
    deadline = forms.ChoiceField(label=_("Termijn"), required=False, choices=DEADLINE_CHOICES)
    attention = forms.ChoiceField(label=_("Aandacht"), required=False, choices=ATTENTION_CHOICES)
    sort = forms.ChoiceField(label=_("Sorteren op"), required=False, choices=SORT_CHOICES)
    per_page = forms.TypedChoiceField(
        label=_("Per pagina"),
        required=False,
        coerce=int,
        choices=[(n, n) for n in PAGE_SIZES],
        empty_value=PAGE_SIZES[0],
    )

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data, **kwargs)
        self.user = user
        self.fields["company"].choices = [("", _("Alle maatschappijen"))] + [
            (str(c.pk), c.name) for c in Company.objects.order_by("name")
        ]
        self.fields["worker"].choices = [
            ("", _("Alle medewerkers")),
            (UNASSIGNED, _("Niet toegewezen")),
            *worker_choices(),
        ]
        self.fields["team"].choices = [("", _("Alle teams"))] + [
            (str(t.pk), t.name) for t in Team.objects.order_by("name")
        ]
        for extra in _extra.values():
            self.fields[extra.key] = forms.ChoiceField(
                label=extra.label,
                required=False,
                choices=[("", _("Alle"))] + list(extra.choices(user)),
            )
        for name in ("sort", "per_page"):  # how to show the list comes after what to show
            self.fields[name] = self.fields.pop(name)

    def value(self, name: str, default=""):
        """A cleaned value; an invalid field counts as not filled in (the rest still works)."""
        if not self.is_bound:
            return default
        self.is_valid()  # cached; cleaned_data then holds the valid fields only
        return self.cleaned_data.get(name) or default

    def filter(self, queryset: QuerySet, *, default_status: str = OPEN) -> QuerySet:
        value = self.value
        text = value("q").strip()
        if text:
            queryset = queryset.filter(search_q(text))
        if value("kind"):
            queryset = queryset.filter(kind=value("kind"))
        if value("company"):
            queryset = queryset.filter(company_id=value("company"))
        route = value("route")
        if route == "geen":
            queryset = queryset.filter(route="")
        elif route:
            queryset = queryset.filter(route=route)
        status = value("status", default_status)
        if status == OPEN:
            queryset = queryset.filter(status__in=Dossier.OPEN_STATUSES)
        elif status != ALL:
            queryset = queryset.filter(status=status)
        worker = value("worker")
        if worker == UNASSIGNED:
            queryset = queryset.filter(assigned_to__isnull=True)
        elif worker:
            queryset = queryset.filter(assigned_to_id=worker)
        if value("team"):
            queryset = queryset.filter(team_id=value("team"))
        queryset = filter_deadline(queryset, value("deadline"))
        queryset = filter_attention(queryset, value("attention"))
        for extra in _extra.values():
            if value(extra.key):
                queryset = extra.apply(queryset, value(extra.key))
        return queryset

    def ordering(self) -> tuple:
        return SORTS.get(self.value("sort"), SORTS["termijn"])

    def page_size(self) -> int:
        size = self.value("per_page", PAGE_SIZES[0])
        return size if size in PAGE_SIZES else PAGE_SIZES[0]


def search_q(text: str) -> Q:
    q = Q()
    for word in text.split()[:5]:
        q &= (
            Q(last_name__icontains=word)
            | Q(first_name__icontains=word)
            | Q(number__icontains=word)
            | Q(customer_number__icontains=word)
            | Q(client__client_number__iexact=word)
        )
    return q


def filter_attention(queryset: QuerySet, choice: str) -> QuerySet:
    """The ordering of the outreach queries is left to the list (the user's sort)."""
    if choice == DEADLINE_NEAR:
        return queryset.filter(Dossier.objects.deadline_near_unreached_q())
    if choice == STEP_OVERDUE:
        return queryset.filter(Dossier.objects.next_step_overdue_q())
    return queryset


def filter_deadline(queryset: QuerySet, choice: str) -> QuerySet:
    today = timezone.localdate()
    if choice == "verlopen":
        return queryset.filter(deadline__lt=today)
    if choice == "geen":
        return queryset.filter(deadline__isnull=True)
    if choice.isdigit():
        return queryset.filter(
            deadline__gte=today, deadline__lte=today + datetime.timedelta(days=int(choice))
        )
    return queryset
