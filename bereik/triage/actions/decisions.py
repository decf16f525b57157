"""A person's decisions on the link between a dossier and the register: confirm or reject a
proposed client, mark the household new, link to a chosen client, undo a link (with a reason),
make a new client from the dossier. Each is one action; the dossier is then triaged."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik import audit
from bereik.clients.actions import client_create
from bereik.clients.models import Client
from bereik.dossiers.actions import dossier_log
from bereik.dossiers.models import Dossier
from bereik.lib import insz as insz_lib
from bereik.lib import matching
from bereik.triage.actions.base import triage_of
from bereik.triage.actions.matching import link_client, store_decisions
from bereik.triage.actions.routes import dossier_triage
from bereik.triage.models import MatchCandidate, Triage
from bereik.triage.queries import build_index, household_of, rejected_clients


def _open_candidate_ids(triage: Triage) -> set[int]:
    return set(
        triage.candidates.filter(rejected_at__isnull=True).values_list("client_id", flat=True)
    )


def _require_human(actor) -> None:
    if not getattr(actor, "is_authenticated", False):
        raise ValidationError(_("Alleen een medewerker kan een koppeling bevestigen."))


@transaction.atomic
def match_confirm(dossier: Dossier, client: Client, *, actor) -> Dossier:
    """A person confirms a link: a proposed candidate ("bevestigd") or any client they chose
    ("met de hand gekoppeld"). Then the dossier is triaged."""

    _require_human(actor)
    if dossier.client_id is not None:
        raise ValidationError(_("Dit dossier is al gekoppeld. Maak de koppeling eerst ongedaan."))
    triage = triage_of(dossier)
    candidate = triage.candidates.filter(client=client).first()
    if candidate is not None and candidate.rejected_at is not None:
        candidate.rejected_at, candidate.rejected_by = None, None
        candidate.save(update_fields=["rejected_at", "rejected_by"])
    method = Triage.Method.CONFIRMED if candidate is not None else Triage.Method.BY_HAND
    link_client(
        dossier,
        client.pk,
        triage,
        method=method,
        score=candidate.score if candidate else None,
        actor=actor,
    )
    dossier_triage(dossier, actor=actor)
    return dossier


@transaction.atomic
def match_reject(dossier: Dossier, client: Client, *, actor) -> Dossier:
    """A person says this candidate is not the household. With no candidate left the household
    is new to the OCMW and the dossier is triaged (route C)."""

    _require_human(actor)
    triage = triage_of(dossier)
    candidate = triage.candidates.filter(client=client, rejected_at__isnull=True).first()
    if candidate is None:
        raise ValidationError(_("Deze cliënt staat niet (meer) bij de voorstellen."))
    candidate.rejected_at, candidate.rejected_by = timezone.now(), actor
    candidate.save(update_fields=["rejected_at", "rejected_by"])
    dossier_log(
        dossier,
        "client",
        _("Voorstel %(number)s afgewezen") % {"number": client.client_number},
        actor=actor,
        data={"client": client.pk},
    )
    audit.record("dossier.reject_client", actor=actor, obj=dossier, details={"client": client.pk})
    if not _open_candidate_ids(triage) and dossier.client_id is None:
        _mark_new(dossier, triage, actor=actor)
        dossier_triage(dossier, actor=actor)
    return dossier


def _mark_new(dossier: Dossier, triage: Triage, *, actor) -> None:
    triage.match_status = Triage.MatchStatus.NEW
    triage.method, triage.score = "", None
    triage.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    triage.decided_at = timezone.now()
    triage.save()
    dossier_log(
        dossier,
        "client",
        _("Niet in het cliëntenregister: nieuw voor het OCMW"),
        actor=actor,
    )


@transaction.atomic
def match_mark_new(dossier: Dossier, *, actor) -> Dossier:
    """None of the candidates is the household: reject them all, the household is new."""

    _require_human(actor)
    if dossier.client_id is not None:
        raise ValidationError(_("Dit dossier is al gekoppeld. Maak de koppeling eerst ongedaan."))
    triage = triage_of(dossier)
    triage.candidates.filter(rejected_at__isnull=True).update(
        rejected_at=timezone.now(), rejected_by=actor
    )
    _mark_new(dossier, triage, actor=actor)
    audit.record("dossier.mark_new", actor=actor, obj=dossier)
    dossier_triage(dossier, actor=actor)
    return dossier


@transaction.atomic
def match_unlink(dossier: Dossier, *, reason: str, actor) -> Dossier:
    """Undo a link, with a reason. The client becomes a rejected candidate (so matching will
    not link it again); other candidates, if any, go to the confirmation queue."""

    _require_human(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Geef een reden om de koppeling ongedaan te maken."))
    client = dossier.client
    if client is None:
        raise ValidationError(_("Dit dossier is niet gekoppeld."))
    triage = triage_of(dossier)
    MatchCandidate.objects.update_or_create(
        triage=triage,
        client=client,
        defaults={"rejected_at": timezone.now(), "rejected_by": actor},
        create_defaults={
            "score": triage.score or 0,
            "rejected_at": timezone.now(),
            "rejected_by": actor,
        },
    )
    dossier.client = None
    dossier.save(update_fields=["client", "updated_at"])
    dossier_log(
        dossier,
        "client",
        _("Koppeling met cliënt %(number)s ongedaan gemaakt") % {"number": client.client_number},
        actor=actor,
        text=reason,
        data={"client": client.pk},
    )
    audit.record(
        "dossier.unlink_client",
        actor=actor,
        obj=dossier,
        subject=client,
        details={"client": client.pk},
    )
    triage.match_status, triage.method, triage.score = "", "", None
    triage.decided_by, triage.decided_at = actor, timezone.now()
    triage.save()
    household = household_of(dossier)
    index = build_index([household])
    rejected = rejected_clients([dossier.pk]).get(dossier.pk, ())
    decision = matching.decide(household, index, exclude=rejected)
    # After a wrong link a person decides the next one: no automatic link here.
    outcome = store_decisions([dossier], {dossier.pk: decision}, actor=actor, allow_auto=False)
    if outcome[dossier.pk] == matching.NEW:
        dossier_triage(dossier, actor=actor)
    return dossier


@transaction.atomic
def client_create_from_dossier(dossier: Dossier, *, actor, client_number: str = "") -> Client:
    """The household is new to the OCMW: make a client from the dossier and link it."""

    _require_human(actor)
    if dossier.client_id is not None:
        raise ValidationError(_("Dit dossier is al gekoppeld."))
    valid_insz = dossier.insz if insz_lib.is_valid(dossier.insz) else ""
    if valid_insz and Client.objects.filter(insz=valid_insz).exists():
        raise ValidationError(
            _("Er bestaat al een cliënt met dit INSZ; koppel het dossier aan die cliënt.")
        )
    client = client_create(
        actor=actor,
        source=Client.Source.DOSSIER,
        client_number=client_number.strip(),
        insz=valid_insz,
        last_name=dossier.last_name,
        first_name=dossier.first_name,
        birth_date=dossier.birth_date or insz_lib.birth_date(valid_insz),
        street=dossier.street,
        house_number=dossier.house_number,
        box=dossier.box,
        postcode=dossier.postcode,
        city=dossier.city,
        phone=dossier.phone,
        guidance_status=Client.Guidance.NONE,
    )
    triage = triage_of(dossier)
    link_client(dossier, client.pk, triage, method=Triage.Method.CREATED, score=None, actor=actor)
    dossier_triage(dossier, actor=actor)
    return client
