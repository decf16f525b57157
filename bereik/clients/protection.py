"""Beschermde klant (water): the register client and the dossier say what the latest signal that
says so tells (a weekrapport, a LAC list or a warning with a "Beschermde klant" column).

`refresh(client_ids=, dossier_ids=)` keeps the denormalised flags up to date (like the volgende
stap, a derived value: no audit event of its own; the action that brought the signal records
one). A client takes the latest signal about them that says yes or no (their lines and the
signals of their dossiers), with its date and source; a dossier its own latest such signal, else
its client's. A few queries per call, whatever the number of ids.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone

from bereik.clients.models import Client
from bereik.dossiers.models import Dossier, Signal
from bereik.lib.idlists import Ids

CHUNK = 500


def _day(signal: Signal):
    return signal.reference_date or timezone.localdate(signal.received_at)


def _latest(signals) -> dict:
    """key -> the latest signal, from (key, signal) pairs."""
    latest: dict = {}
    for key, signal in signals:
        current = latest.get(key)
        if current is None or (_day(signal), signal.received_at, signal.pk) > (
            _day(current),
            current.received_at,
            current.pk,
        ):
            latest[key] = signal
    return latest


def source_label(signal: Signal) -> str:
    company = signal.company.name if signal.company_id else ""
    return f"{signal.get_kind_display()} {company}".strip()[:200]


def refresh(client_ids: Iterable[int] = (), dossier_ids: Iterable[int] = ()) -> None:
    client_ids = sorted({pk for pk in client_ids if pk})
    dossier_ids = {pk for pk in dossier_ids if pk}
    for start in range(0, len(client_ids), CHUNK):
        _refresh_clients(client_ids[start : start + CHUNK])
        dossier_ids.update(
            Dossier.objects.filter(client_id__in=client_ids[start : start + CHUNK]).values_list(
                "pk", flat=True
            )
        )
    dossier_ids = sorted(dossier_ids)
    for start in range(0, len(dossier_ids), CHUNK):
        _refresh_dossiers(dossier_ids[start : start + CHUNK])


def _refresh_clients(ids: list[int]) -> None:
    signals = (
        Signal.objects.filter(Q(client_id__in=ids) | Q(dossier__client_id__in=ids))
        .filter(protected_customer__isnull=False)
        .select_related("company", "dossier")
        .only(
            "pk",
            "kind",
            "reference_date",
            "received_at",
            "protected_customer",
            "client_id",
            "company__name",
            "dossier__client_id",
        )
    )
    latest = _latest(
        ((s.client_id or (s.dossier.client_id if s.dossier_id else None)), s) for s in signals
    )
    changed = []
    fields = ["protected_customer", "protected_on", "protected_source"]
    for client in Client.objects.filter(pk__in=ids).only("pk", *fields):
        signal = latest.get(client.pk)
        new = (
            (signal.protected_customer, _day(signal), source_label(signal))
            if signal
            else (None, None, "")
        )
        if (client.protected_customer, client.protected_on, client.protected_source) != new:
            client.protected_customer, client.protected_on, client.protected_source = new
            changed.append(client)
    Client.objects.bulk_update(changed, fields)


def _refresh_dossiers(ids: list[int]) -> None:
    own = _latest(
        (s.dossier_id, s)
        for s in Signal.objects.filter(
            dossier_id__in=Ids(ids), protected_customer__isnull=False
        ).only("pk", "dossier_id", "reference_date", "received_at", "protected_customer")
    )
    # Read as values (a dossier has many columns): one UPDATE per new value, not per dossier.
    changed: dict[bool | None, list[int]] = {}
    current = Dossier.objects.filter(pk__in=Ids(ids)).values_list(
        "pk", "protected_customer", "client__protected_customer"
    )
    for pk, flag, client_flag in current:
        signal = own.get(pk)
        new = signal.protected_customer if signal is not None else client_flag
        if flag != new:
            changed.setdefault(new, []).append(pk)
    for new, pks in changed.items():
        Dossier.objects.filter(pk__in=pks).update(protected_customer=new)
