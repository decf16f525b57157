"""The impact of the experts by experience (`bereik.experts.impact` counts), on a page of the
figures: the same period choice, the year earlier next to it; the breakdown per expert is an
audited read as the breakdown per worker is."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from bereik.accounts import roles
from bereik.accounts.models import User
from bereik.experts import impact as impact_counts
from bereik.experts.models import Contact
from bereik.reports.forms import chosen_period
from bereik.reports.reads import record_workers_read

IMPACT_LABELS = [
    ("proposed", _lazy("Gezinnen voorgesteld")),
    ("accepted", _lazy("Voorstellen aanvaard")),
    ("declined", _lazy("Voorstellen geweigerd")),
    ("contacts", _lazy("Contacten")),
    ("suggested", _lazy("Doorverwijzingen voorgesteld")),
    ("referred", _lazy("Doorverwezen")),
    ("signals", _lazy("Gezinnen aangebracht (outreach)")),
    ("households", _lazy("Dossiers geopend via een ervaringsdeskundige")),
    ("reached", _lazy("… waarvan bereikt")),
]


def impact(request):
    """The impact figures: an expert's own, or every expert's for the diensthoofd (and the
    beheerder), this period next to the same days a year earlier."""
    user = request.user
    if roles.can_read_expert_impact(user):
        expert = None
    elif roles.is_expert(user):
        expert = user
    else:
        raise PermissionDenied
    form, period = chosen_period(request.GET)
    previous = period.previous()
    data = impact_counts.counts({"now": period, "before": previous}, expert=expert)
    now, before = impact_counts.total(data["now"]), impact_counts.total(data["before"])
    rows = [(label, now.values[key], before.values[key]) for key, label in IMPACT_LABELS]
    kinds = [
        (label, now.kinds[value], before.kinds[value]) for value, label in Contact.Kind.choices
    ]
    per_expert = []
    if expert is None:
        ids = set(data["now"]) | set(data["before"])
        names = {u.pk: u.get_full_name() or u.username for u in User.objects.filter(pk__in=ids)}
        per_expert = sorted(
            (
                (names.get(pk, "—"), [data["now"][pk].values[key] for key, _label in IMPACT_LABELS])
                for pk in ids
            ),
            key=lambda row: row[0],
        )
        if per_expert:
            record_workers_read(user, period, purpose=_("impact per ervaringsdeskundige bekijken"))
    return render(
        request,
        "reports/experts.html",
        {
            "form": form,
            "period": period,
            "previous": previous,
            "rows": rows,
            "kinds": kinds,
            "per_expert": per_expert,
            "labels": [label for _key, label in IMPACT_LABELS],
            "own": expert is not None,
        },
    )
