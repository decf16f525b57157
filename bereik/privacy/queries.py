"""Finding one person for a right of access, and what Bereik holds about them."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404

from bereik.clients.models import Client
from bereik.dossiers.models import Dossier
from bereik.dossiers.personal_data import Scope
from bereik.lib import insz as insz_lib
from bereik.lib.matching import surname_key

LIMIT = 50


@dataclass(frozen=True)
class Person:
    kind: str  # "client" or "dossier"
    pk: int
    label: str
    insz_masked: str
    address: str
    scope: Scope


def search(text: str) -> tuple[list[Client], list[Dossier]]:
    """Clients and households (dossiers not linked to a client) by INSZ or by name."""
    text = text.strip()
    number = insz_lib.normalize(text)
    if number and len(number) == 11:
        clients = Client.objects.filter(insz=number)
        dossiers = Dossier.objects.filter(insz=number)
    else:
        key = surname_key(text) or text.lower()
        clients = Client.objects.filter(Q(name_key__startswith=key) | Q(last_name__icontains=text))
        dossiers = Dossier.objects.filter(last_name__icontains=text)
    clients = clients.annotate(dossier_count=Count("dossiers")).order_by("last_name", "first_name")
    dossiers = dossiers.filter(client__isnull=True, anonymised_at__isnull=True)
    return list(clients[:LIMIT]), list(
        dossiers.select_related("company").order_by("last_name")[:LIMIT]
    )


def person(kind: str, pk: int) -> tuple[Person, object]:
    """The person behind a client or a dossier's household, and their scope: the client's
    dossiers and every dossier with the same INSZ. 404 for an unknown one."""
    if kind == "client":
        subject = Client.objects.filter(pk=pk).first()
        if subject is None:
            raise Http404
        client_ids = {subject.pk}
        q = Q(client_id=subject.pk)
    elif kind == "dossier":
        subject = Dossier.objects.filter(pk=pk, anonymised_at__isnull=True).first()
        if subject is None:
            raise Http404
        client_ids = {subject.client_id} if subject.client_id else set()
        q = Q(pk=subject.pk) | Q(client_id__in=client_ids)
    else:
        raise Http404
    number = subject.insz
    if number:
        q |= Q(insz=number)
        client_ids |= set(Client.objects.filter(insz=number).values_list("pk", flat=True))
    dossier_ids = frozenset(Dossier.objects.filter(q).values_list("pk", flat=True))
    label = str(subject) if kind == "client" else subject.household_name
    found = Person(
        kind=kind,
        pk=subject.pk,
        label=label,
        insz_masked=insz_lib.mask(number),
        address=subject.address if kind == "dossier" else _client_address(subject),
        scope=Scope(dossier_ids=dossier_ids, client_ids=frozenset(client_ids), insz=number),
    )
    return found, subject


def _client_address(client: Client) -> str:
    number = client.house_number + (f" bus {client.box}" if client.box else "")
    street = f"{client.street} {number}".strip()
    place = f"{client.postcode} {client.city}".strip()
    return ", ".join(part for part in (street, place) if part)
