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

A filter that other pages set through a link rather than people through the form (the figures'
"dossiers behind this number") is registered with `field=` (its form field, e.g. a hidden one)
and `describe(value)`, the words the list shows above its rows while it is set.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.accounts import roles
from bereik.accounts.choices import people_with
from bereik.accounts.models import Team
from bereik.dossiers.models import Dossier
from bereik.dossiers.search import search_q
from bereik.lib import lookups
from bereik.lib.days import day_start
from bereik.lib.forms import ChoiceField, Choices, DateInput, TypedChoiceField
from bereik.organisation.models import Company


@dataclass(frozen=True)
class ExtraFilter:
    key: str
    label: str
    choices: Callable | None
    apply: Callable
    field: Callable | None = None  # () -> a form field, instead of a choice of `choices`
    describe: Callable | None = None  # (value) -> what the filter shows, in words


_extra: dict[str, ExtraFilter] = {}


def register(
    key: str,
    label,
    *,
    apply: Callable,
    choices: Callable | None = None,
    field: Callable | None = None,
    describe: Callable | None = None,
) -> None:
    _extra[key] = ExtraFilter(key, label, choices, apply, field, describe)


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
NONE = "geen"  # no company, no team

REACHED_YES = "ja"
REACHED_NO = "nee"
REACHED_BEFORE_DEADLINE = "voor-termijn"
REACHED_CHOICES = [
    ("", _("Bereikt of niet")),
    (REACHED_YES, _("Bereikt")),
    (REACHED_NO, _("Niet bereikt")),
    (REACHED_BEFORE_DEADLINE, _("Bereikt vóór de termijn")),
]

# Dossiers that need attention now (the outreach app's definitions, bereik.outreach.queries).
DEADLINE_NEAR = "termijn-nadert"
STEP_OVERDUE = "stap-over-tijd"
ATTENTION_CHOICES = [
    ("", _("Alle dossiers")),
    (DEADLINE_NEAR, _("Termijn nadert, niet bereikt")),
    (STEP_OVERDUE, _("Volgende stap over tijd")),
]


def _names(model) -> list[tuple[str, str]]:
    """(id, name) of every company or team, by name."""
    return [
        (str(pk), name) for pk, name in model.objects.order_by("name").values_list("pk", "name")
    ]


def _kept(key: str, read: Callable[[], list], models) -> Choices:
    """The choices `read()` gives, kept a minute (`bereik.lib.lookups`): the same `Choices` on
    every page, which its select box draws once a language."""
    return lookups.cached(f"filter:{key}", lambda: Choices(read()), models=models)


_of_lists: dict[str, tuple[list, Choices]] = {}


def _same_as(key: str, listed: list, make: Callable[[list], list]) -> Choices:
    """`make(listed)` as the same `Choices` for as long as `listed` is the same list (a list
    kept a minute elsewhere: `people_with`, an extra filter's `choices(user)`), so that they
    are drawn once a language and change when the list does (`lookups.while_same`)."""
    return lookups.while_same(_of_lists, key, listed, lambda source: Choices(make(source)))


def _workers(people: list) -> list[tuple[str, str]]:
    """The worker filter's choices: people who follow dossiers up, by name."""
    return [
        ("", _("Alle medewerkers")),
        (UNASSIGNED, _("Niet toegewezen")),
        *((str(pk), name) for pk, name in people),
    ]


def _after_all(listed: list) -> list[tuple[str, str]]:
    return [("", _("Alle")), *listed]


class WorklistFilterForm(forms.Form):
    """The GET form above every worklist. All fields are optional; bad values are ignored."""

    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=100,
        help_text=_("Naam, dossiernummer, klantnummer of cliëntnummer"),
    )
    kind = ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle soorten")), *Dossier.Kind.choices]
    )
    company = ChoiceField(label=_("Maatschappij"), required=False)
    route = ChoiceField(
        label=_("Route"),
        required=False,
        choices=[("", _("Alle routes")), *Dossier.Route.choices, ("geen", _("Nog geen route"))],
    )
    status = ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)
    worker = ChoiceField(label=_("Medewerker"), required=False)
    team = ChoiceField(label=_("Team"), required=False)
    deadline = ChoiceField(label=_("Termijn"), required=False, choices=DEADLINE_CHOICES)
    attention = ChoiceField(label=_("Aandacht"), required=False, choices=ATTENTION_CHOICES)
    opened_from = forms.DateField(label=_("Geopend vanaf"), required=False, widget=DateInput())
    opened_to = forms.DateField(label=_("Geopend tot en met"), required=False, widget=DateInput())
    reached = ChoiceField(label=_("Bereikt"), required=False, choices=REACHED_CHOICES)
    sort = ChoiceField(label=_("Sorteren op"), required=False, choices=SORT_CHOICES)
    per_page = TypedChoiceField(
        label=_("Per pagina"),
        required=False,
        coerce=int,
        choices=[(n, n) for n in PAGE_SIZES],
        empty_value=PAGE_SIZES[0],
    )

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data, **kwargs)
        self.user = user
        self._set_choices(user)
        if self._picked_from_a_newer_list():
            lookups.clear()
            self._set_choices(user)
        for name in ("sort", "per_page"):  # how to show the list comes after what to show
            self.fields[name] = self.fields.pop(name)

    def _set_choices(self, user) -> None:
        """The choices that come from the database (kept a minute: `lookups`), each list as the
        same `Choices` from page to page (`_kept`, `_same_as`): taken as they are, drawn once a
        language."""
        self.fields["company"].choices = _kept(
            "company",
            lambda: [
                ("", _("Alle maatschappijen")),
                *_names(Company),
                (NONE, _("Zonder maatschappij")),
            ],
            (Company,),
        )
        # The people as `people_with` keeps them (a minute), not kept again on top of that.
        self.fields["worker"].choices = _same_as("worker", people_with(*roles.FOLLOWERS), _workers)
        self.fields["team"].choices = _kept(
            "team",
            lambda: [("", _("Alle teams")), *_names(Team), (NONE, _("Zonder team"))],
            (Team,),
        )
        for extra in _extra.values():
            if extra.field is not None:
                self.fields[extra.key] = extra.field()
                self.fields[extra.key].label = extra.label
                continue
            self.fields[extra.key] = ChoiceField(
                label=extra.label,
                required=False,
                choices=_same_as(f"extra:{extra.key}", extra.choices(user), _after_all),
            )

    def _picked_from_a_newer_list(self) -> bool:
        """A value not among the choices kept here: perhaps one picked from a list another
        process read after this one (a company or LAC session just added), or a bad link."""
        if not self.is_bound:
            return False
        listed = ["company", "worker", "team", *(e.key for e in _extra.values() if not e.field)]
        for name in listed:
            value = self.data.get(name)
            if value and value not in {str(v) for v, _label in self.fields[name].choices}:
                return True
        return False

    def value(self, name: str, default=""):
        """A cleaned value; an invalid field counts as not filled in (the rest still works)."""
        if not self.is_bound:
            return default
        self.is_valid()  # cached; cleaned_data then holds the valid fields only
        return self.cleaned_data.get(name) or default

    def descriptions(self) -> list[str]:
        """In words, the filters set through a link that the form does not show."""
        return [
            str(extra.describe(self.value(extra.key)))
            for extra in _extra.values()
            if extra.describe is not None and self.value(extra.key)
        ]

    def filter(self, queryset: QuerySet, *, default_status: str = OPEN) -> QuerySet:
        value = self.value
        text = value("q").strip()
        if text:
            queryset = queryset.filter(search_q(text))
        if value("kind"):
            queryset = queryset.filter(kind=value("kind"))
        company = value("company")
        if company == NONE:
            queryset = queryset.filter(company__isnull=True)
        elif company:
            queryset = queryset.filter(company_id=company)
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
        team = value("team")
        if team == NONE:
            queryset = queryset.filter(team__isnull=True)
        elif team:
            queryset = queryset.filter(team_id=team)
        queryset = filter_deadline(queryset, value("deadline"))
        queryset = filter_attention(queryset, value("attention"))
        queryset = filter_opened(queryset, value("opened_from", None), value("opened_to", None))
        queryset = filter_reached(queryset, value("reached"))
        for extra in _extra.values():
            if value(extra.key):
                queryset = extra.apply(queryset, value(extra.key))
        return queryset

    def ordering(self) -> tuple:
        return SORTS.get(self.value("sort"), SORTS["termijn"])

    def page_size(self) -> int:
        size = self.value("per_page", PAGE_SIZES[0])
        return size if size in PAGE_SIZES else PAGE_SIZES[0]


def filter_attention(queryset: QuerySet, choice: str) -> QuerySet:
    """The ordering of the outreach queries is left to the list (the user's sort)."""
    if choice == DEADLINE_NEAR:
        return queryset.filter(Dossier.objects.deadline_near_unreached_q())
    if choice == STEP_OVERDUE:
        return queryset.filter(Dossier.objects.next_step_overdue_q())
    return queryset


def filter_opened(queryset: QuerySet, first, last) -> QuerySet:
    """Opened from `first` to `last` (Belgian days, both included; either may be None)."""
    if first is not None:
        queryset = queryset.filter(opened_at__gte=day_start(first))
    if last is not None:
        queryset = queryset.filter(opened_at__lt=day_start(last, days_after=1))
    return queryset


def filter_reached(queryset: QuerySet, choice: str) -> QuerySet:
    """The reach of the figures (`DossierQuerySet.reached_q` and `reached_before_deadline_q`)."""
    if choice == REACHED_YES:
        return queryset.filter(Dossier.objects.reached_q())
    if choice == REACHED_NO:
        return queryset.exclude(Dossier.objects.reached_q())
    if choice == REACHED_BEFORE_DEADLINE:
        return queryset.filter(Dossier.objects.reached_before_deadline_q())
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
