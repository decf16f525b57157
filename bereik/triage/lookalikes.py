"""The households that look like one typed by hand (a signal entered at reception), found with
the matching the triage uses for the lists: the open dossiers, and the clients of the register.
Registered with the intake (`bereik.intake.lookalikes`) from TriageConfig.ready()."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from bereik.clients.models import Client
from bereik.dossiers import access
from bereik.dossiers.models import Dossier
from bereik.intake.lookalikes import Found, Household, Lookalike
from bereik.lib import insz, matching
from bereik.triage.queries import build_index
from bereik.triage.rules import thresholds

MAX_DOSSIERS = 8
MAX_CLIENTS = 5


def _person(household: Household) -> matching.Person:
    return matching.Person(
        id=None,
        last_name=household.last_name,
        first_name=household.first_name,
        insz=insz.normalize(household.insz) if household.insz else "",
        birth_date=household.birth_date,
        street=household.street,
        house_number=household.house_number,
        box=household.box,
        postcode=household.postcode,
    ).prepare()


def _reasons(score: matching.Score | None, *, same_customer: bool = False) -> list[str]:
    reasons = []
    if same_customer:
        reasons.append(_("zelfde klantnummer bij dezelfde maatschappij"))
    if score is None:
        return reasons
    if score.insz == matching.SAME:
        reasons.append(_("zelfde INSZ"))
    if score.same_name:
        reasons.append(_("zelfde naam"))
    elif score.name >= 80:
        reasons.append(_("gelijkaardige naam"))
    if score.same_address:
        reasons.append(_("zelfde adres"))
    elif score.address >= 80:
        reasons.append(_("gelijkaardig adres"))
    if score.birth_date == matching.SAME:
        reasons.append(_("zelfde geboortedatum"))
    return reasons


def _open_dossiers(household: Household, person: matching.Person):
    """The open dossiers worth scoring: same customer number, INSZ, postcode and street, or a
    surname that contains the longest word of the typed one (one query)."""
    condition = Q(pk__in=[])
    if household.company_id and household.customer_number:
        condition |= Q(company_id=household.company_id, customer_number=household.customer_number)
    if person.valid_insz:
        condition |= Q(insz=person.valid_insz)
    words = sorted((w for w in household.last_name.split() if len(w) >= 3), key=len)
    if words:
        condition |= Q(last_name__icontains=words[-1])
    street_words = sorted((w for w in household.street.split() if len(w) >= 4), key=len)
    if household.postcode and street_words:
        condition |= Q(postcode=household.postcode, street__icontains=street_words[-1])
    return (
        Dossier.objects.filter(condition, status__in=Dossier.OPEN_STATUSES)
        .select_related("company", "assigned_to", "team")
        .order_by("-opened_at")[:200]
    )


def _dossier_lookalikes(household: Household, person: matching.Person, *, user, limits):
    found = []
    for dossier in _open_dossiers(household, person):
        candidate = matching.Person(
            id=dossier.pk,
            last_name=dossier.last_name,
            first_name=dossier.first_name,
            insz=dossier.insz,
            birth_date=dossier.birth_date,
            street=dossier.street,
            house_number=dossier.house_number,
            box=dossier.box,
            postcode=dossier.postcode,
        ).prepare()
        score = matching.score(person, candidate, limits)
        same_customer = bool(
            household.company_id
            and household.customer_number
            and dossier.company_id == household.company_id
            and dossier.customer_number == household.customer_number
        )
        certain = same_customer or (score is not None and score.insz == matching.SAME)
        if not certain and (score is None or score.total < limits.review):
            continue
        found.append((dossier, score, same_customer, certain))
    found.sort(key=lambda row: (not row[3], -(row[1].total if row[1] else 0)))
    found = found[:MAX_DOSSIERS]
    visible = set(
        access.visible_dossiers(user)
        .filter(pk__in=[row[0].pk for row in found])
        .values_list("pk", flat=True)
    )
    result = []
    for dossier, score, same_customer, certain in found:
        shown = dossier.pk in visible
        details = [str(dossier.company) if dossier.company_id else ""]
        if shown:
            worker = dossier.assigned_to
            details.append(
                _("behandeld door %(name)s") % {"name": worker.get_full_name() or worker}
                if worker
                else _("nog niet toegewezen")
            )
        result.append(
            Lookalike(
                pk=dossier.pk,
                name=dossier.household_name if shown else "",
                address=dossier.address if shown else "",
                reasons=_reasons(score, same_customer=same_customer),
                score=score.total if score else 100.0,
                certain=certain,
                visible=shown,
                number=dossier.number,
                kind=dossier.kind,
                kind_label=str(dossier.get_kind_display()),
                detail=" · ".join(part for part in details if part),
                url=dossier.get_absolute_url() if shown else "",
                obj=dossier,
            )
        )
    return result


def _client_lookalikes(person: matching.Person, *, user, limits):
    index = build_index([person], limits)
    scored = []
    for client in index.candidates(person):
        score = matching.score(person, client, limits)
        if score is not None and score.total >= limits.review:
            scored.append((client.id, score))
    scored.sort(key=lambda row: -row[1].total)
    scored = scored[:MAX_CLIENTS]
    clients = access.visible_clients(
        user, Client.objects.filter(pk__in=[pk for pk, _score in scored])
    ).select_related("social_worker")
    clients = {client.pk: client for client in clients}
    result = []
    for pk, score in scored:
        client = clients.get(pk)
        if client is None:
            continue
        worker = client.social_worker
        guidance = str(client.get_guidance_status_display())
        if worker is not None:
            guidance += " · " + (worker.get_full_name() or worker.username)
        result.append(
            Lookalike(
                pk=client.pk,
                name=client.full_name,
                address=client.address,
                reasons=_reasons(score),
                score=score.total,
                certain=score.insz == matching.SAME,
                number=client.client_number,
                detail=guidance,
                url=client.get_absolute_url(),
                obj=client,
            )
        )
    return result


def find_lookalikes(household: Household, *, user) -> Found:
    if not household.last_name.strip():
        return Found()
    limits = thresholds()
    person = _person(household)
    return Found(
        dossiers=_dossier_lookalikes(household, person, user=user, limits=limits),
        clients=_client_lookalikes(person, user=user, limits=limits),
    )
