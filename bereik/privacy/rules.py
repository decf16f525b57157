"""What the retention periods make due today (reads only; `actions.retention_apply` erases).

- A **dossier** is due when it is closed, not yet anonymised, and closed longer ago than its
  kind's period; unless another dossier of the same company and customer number is still kept
  (the same customer: they go together, so the figures that compare customer numbers do not
  change; the pseudonym is the same for both).
- A **signal without a dossier** is due after the longest dossier period from its arrival.
- A **register client** is due when none of its dossiers is kept, it is no longer in the
  OCMW's register (or was added by hand) and it left the register (or last changed) longer ago
  than the clients' period. A client still in the register stays: Bereik mirrors the register.
- A **register export** is due when a later one was imported and it is older than the clients'
  period.
"""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from bereik.audit.actions import retention_cutoff
from bereik.clients import register
from bereik.clients.models import Client
from bereik.dossiers.models import Dossier, Signal
from bereik.intake.models import ImportBatch
from bereik.privacy.models import CLIENTS, periods


def _due_q(now: datetime.datetime, years: dict[str, int]) -> Q:
    q = Q(pk__in=[])
    for kind in Dossier.Kind.values:
        q |= Q(kind=kind, closed_at__lt=retention_cutoff(now, years[kind]))
    return q & Q(status=Dossier.Status.CLOSED, anonymised_at__isnull=True)


def due_dossiers(now: datetime.datetime | None = None) -> list[int]:
    now = now or timezone.now()
    due_q = _due_q(now, periods())
    kept_same_customer = (
        Dossier.objects.filter(
            anonymised_at__isnull=True,
            company_id=OuterRef("company_id"),
            customer_number=OuterRef("customer_number"),
        )
        .exclude(due_q)
        .exclude(customer_number="")
    )
    due = Dossier.objects.filter(due_q).exclude(
        Q(Exists(kept_same_customer)) & ~Q(customer_number="")
    )
    return list(due.order_by("pk").values_list("pk", flat=True))


def due_signals(now: datetime.datetime | None = None) -> list[int]:
    now = now or timezone.now()
    years = periods()
    longest = max(years[kind] for kind in Dossier.Kind.values)
    old = Signal.objects.filter(
        dossier__isnull=True, received_at__lt=retention_cutoff(now, longest)
    )
    return list(old.exclude(last_name="", insz="", raw={}).values_list("pk", flat=True))


def due_clients(now: datetime.datetime | None = None) -> list[int]:
    """Read inside the retention's transaction, after the dossiers were anonymised."""
    now = now or timezone.now()
    cutoff = retention_cutoff(now, periods()[CLIENTS])
    kept_dossier = Dossier.objects.filter(client_id=OuterRef("pk"), anonymised_at__isnull=True)
    left = Q(
        source=Client.Source.REGISTER,
        missing_from_register_since__isnull=False,
        missing_from_register_since__lt=timezone.localdate(cutoff),
    )
    by_hand = ~Q(source=Client.Source.REGISTER) & Q(updated_at__lt=cutoff)
    clients = Client.objects.filter(left | by_hand).exclude(Exists(kept_dossier))
    return list(clients.values_list("pk", flat=True))


def due_register_imports(now: datetime.datetime | None = None) -> list[int]:
    now = now or timezone.now()
    cutoff = retention_cutoff(now, periods()[CLIENTS])
    imports = ImportBatch.objects.filter(kind=register.KIND, status=ImportBatch.Status.IMPORTED)
    latest = imports.order_by("-imported_at", "-pk").values_list("pk", flat=True).first()
    old = imports.filter(imported_at__lt=cutoff).exclude(pk=latest).exclude(file="")
    return list(old.values_list("pk", flat=True))


def due_counts(now: datetime.datetime | None = None) -> dict[str, int]:
    """For the Beheer page: what is due today before anything is erased."""
    return {"dossiers": len(due_dossiers(now)), "signals": len(due_signals(now))}
