"""The worklists' filter "Beschermde klant" (bereik.dossiers.filters), on the dossier's
denormalised flag (indexed)."""

from django.utils.translation import gettext_lazy as _

from bereik.dossiers import filters

YES, NO, UNKNOWN = "ja", "nee", "onbekend"
# The same list on every page: the filter form draws its options once a language.
CHOICES = [
    (YES, _("Beschermde klant")),
    (NO, _("Geen beschermde klant")),
    (UNKNOWN, _("Niet gekend")),
]


def _apply(queryset, value):
    if value == YES:
        return queryset.filter(protected_customer=True)
    if value == NO:
        return queryset.filter(protected_customer=False)
    if value == UNKNOWN:
        return queryset.filter(protected_customer__isnull=True)
    return queryset


def register() -> None:
    filters.register(
        "beschermd",
        _("Beschermde klant"),
        apply=_apply,
        choices=lambda user: CHOICES,
    )
