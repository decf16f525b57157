"""The worklists' filter on the eviction procedure's deadlines: the next hearing, a month after
service, the eviction date (the dossier's own deadline, indexed with its kind)."""

from django.utils.translation import gettext_lazy as _

from bereik.dossiers import filters
from bereik.dossiers.models import Dossier

KINDS = (
    Dossier.DeadlineKind.HEARING,
    Dossier.DeadlineKind.NEXT_HEARING,
    Dossier.DeadlineKind.SERVICE,
    Dossier.DeadlineKind.EVICTION,
)


# The same list on every page: the filter form draws its options once a language.
CHOICES = [(kind, Dossier.DeadlineKind(kind).label) for kind in KINDS]


def register() -> None:
    filters.register(
        "uithuiszetting",
        _("Termijn uithuiszetting"),
        choices=lambda user: CHOICES,
        apply=lambda queryset, value: (
            queryset.filter(deadline_kind=value) if value in KINDS else queryset
        ),
    )
