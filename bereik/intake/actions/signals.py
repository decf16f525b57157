"""A signal entered by hand: a warning mailed by the company for one household, a walk-in at
reception, a landlord's or housing company's rent arrears, a household found by outreach, a call
from Fluvius, a signal an ervaringsdeskundige brings in. It goes the same way as a line of a list:
stored with its household in a dossier (an open one the user chose, or a new one), then the
flow's `arrived` event: matching to the register, triage, assignment, the volgende stap."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik import audit
from bereik.dossiers.actions import next_dossier_numbers
from bereik.dossiers.models import Dossier, DossierEvent, Signal
from bereik.intake.actions.common import EVENT_KIND, delete_file, follow_up_signal, user_or_none
from bereik.intake.importing import HOUSEHOLD_FIELDS, pick_deadline
from bereik.intake.rules import check_size
from bereik.lib import filecheck, insz
from bereik.organisation.models import Company

# What a signal by hand may carry as attachment: a scan, a photo, a letter.
ATTACHMENT_KINDS = ("pdf", "png", "jpeg", "docx")
# The company a kind of signal comes from.
COMPANY_KIND = {
    Signal.Kind.HAND_WATER: Company.Kind.WATER,
    Signal.Kind.HAND_ENERGIE: Company.Kind.ENERGIE,
}


@dataclass(frozen=True)
class HouseholdData:
    last_name: str
    first_name: str = ""
    street: str = ""
    house_number: str = ""
    box: str = ""
    postcode: str = ""
    city: str = ""
    phone: str = ""
    birth_date: datetime.date | None = None
    insz: str = ""

    def fields(self) -> dict:
        values = {name: getattr(self, name) for name in HOUSEHOLD_FIELDS}
        values["insz"] = insz.normalize(self.insz) if self.insz else ""
        return values


def check_signal(*, kind: str, source: str, company=None, dossier: Dossier | None = None) -> None:
    """Refuse (ValidationError, in Dutch, by field) what does not fit together."""
    if kind not in Signal.HAND_KINDS:
        raise ValidationError({"kind": _("Kies de soort signaal.")})
    if source not in Signal.Source.values:
        raise ValidationError({"source": _("Kies van wie of waar het signaal komt.")})
    if kind == Signal.Kind.HUURACHTERSTAL and source not in Signal.RENT_ARREARS_SOURCES:
        raise ValidationError(
            {
                "source": _(
                    "Huurachterstal komt van de verhuurder of van de sociale "
                    "huisvestingsmaatschappij."
                )
            }
        )
    expected = COMPANY_KIND.get(kind)
    if company is not None:
        if expected is None:
            raise ValidationError(
                {
                    "company": _(
                        "Alleen een melding over water of energie komt van een maatschappij."
                    )
                }
            )
        if company.kind != expected:
            raise ValidationError(
                {
                    "company": _("%(company)s levert geen %(what)s.")
                    % {"company": company, "what": Company.Kind(expected).label.lower()}
                }
            )
    if dossier is not None:
        if not dossier.is_open:
            raise ValidationError({"dossier": _("Dit dossier is afgesloten.")})
        if dossier.kind != Signal.DOSSIER_KIND[kind]:
            raise ValidationError(
                {
                    "dossier": _("Dossier %(number)s is een %(kind)s-dossier.")
                    % {"number": dossier.number, "kind": dossier.get_kind_display().lower()}
                }
            )
        if company is not None and dossier.company_id not in (None, company.pk):
            raise ValidationError(
                {
                    "dossier": _("Dossier %(number)s is van %(company)s.")
                    % {"number": dossier.number, "company": dossier.company}
                }
            )


def check_attachment(content: bytes, name: str) -> str:
    """The kind of an attachment, checked on its content; ValidationError otherwise."""
    try:
        check_size(content)
    except Exception as refused:
        raise ValidationError({"attachment": getattr(refused, "message", str(refused))}) from None
    try:
        kind = filecheck.sniff(io.BytesIO(content))
    except filecheck.UnsafeFile as error:
        raise ValidationError({"attachment": filecheck.refusal(error, name)}) from None
    if kind not in ATTACHMENT_KINDS:
        raise ValidationError(
            {
                "attachment": _(
                    "De bijlage moet een PDF, een foto (PNG of JPEG) of een Word-bestand zijn "
                    "(gecontroleerd op de inhoud)."
                )
            }
        )
    return kind


def signal_enter(
    *,
    kind: str,
    source: str,
    household: HouseholdData,
    company: Company | None = None,
    customer_number: str = "",
    deadline: datetime.date | None = None,
    deadline_kind: str = "",
    amount: Decimal | None = None,
    sender: str = "",
    note: str = "",
    consent: bool | None = None,
    attachment: bytes | None = None,
    attachment_name: str = "",
    dossier: Dossier | None = None,
    client_id: int | None = None,
    actor,
) -> Signal:
    """Store a signal entered by hand in `dossier` (an open dossier of its kind) or in a new
    dossier, then send the flow's `arrived` event for it, as an import does. `client_id`: a
    register client the user recognised for a new dossier (the triage links it by hand).
    Returns the signal with `opened` (a new dossier) and `follow_up_problems`."""
    if attachment:
        check_attachment(attachment, attachment_name)
    stored: list[str] = []
    try:
        signal = _store(
            kind=kind,
            source=source,
            household=household,
            company=company,
            customer_number=customer_number.strip(),
            deadline=deadline,
            deadline_kind=deadline_kind or (Dossier.DeadlineKind.OTHER if deadline else ""),
            amount=amount,
            sender=sender.strip(),
            note=note.strip(),
            consent=consent,
            attachment=attachment,
            attachment_name=attachment_name,
            dossier=dossier,
            stored=stored,
            actor=actor,
        )
    except Exception:
        for name in stored:
            delete_file(name)
        raise
    clients = {signal.dossier_id: client_id} if client_id and signal.opened else None
    return follow_up_signal(signal, signal_kinds=[kind], actor=actor, clients=clients)


@transaction.atomic
def _store(*, kind, source, household, company, customer_number, deadline, deadline_kind,
           amount, sender, note, consent, attachment, attachment_name, dossier, stored,
           actor) -> Signal:  # fmt: skip
    if dossier is not None:
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    check_signal(kind=kind, source=source, company=company, dossier=dossier)
    now = timezone.now()
    today = timezone.localdate()
    if (
        company is not None
        and customer_number
        and Signal.objects.filter(
            company=company, kind=kind, customer_number=customer_number, reference_date=today
        ).exists()
    ):
        raise ValidationError(
            {
                "customer_number": _(
                    "Vandaag werd al een %(kind)s geregistreerd voor klant %(number)s van "
                    "%(company)s."
                )
                % {
                    "kind": Signal.Kind(kind).label.lower(),
                    "number": customer_number,
                    "company": company,
                }
            }
        )
    values = household.fields()
    opened = dossier is None
    if opened:
        dossier = Dossier.objects.create(
            number=next_dossier_numbers(1)[0],
            kind=Signal.DOSSIER_KIND[kind],
            company=company,
            customer_number=customer_number,
            status=Dossier.Status.NEW,
            amount_due=amount,
            deadline=deadline,
            deadline_kind=deadline_kind if deadline else "",
            opened_at=now,
            **values,
        )
    else:
        for name, value in values.items():
            if value:
                setattr(dossier, name, value)
        if amount is not None:
            dossier.amount_due = amount
        if company is not None and dossier.company_id is None:
            dossier.company = company
            dossier.customer_number = dossier.customer_number or customer_number
        dossier.deadline, dossier.deadline_kind = pick_deadline(
            dossier.deadline, dossier.deadline_kind, deadline, deadline_kind
        )
        dossier.save()

    extra = {"deadline_kind": deadline_kind} if deadline else {}
    if sender:
        extra["sender"] = sender
        if kind == Signal.Kind.HUURACHTERSTAL:
            extra["landlord"] = sender
    signal = Signal(
        dossier=dossier,
        kind=kind,
        source=source,
        company=company,
        customer_number=customer_number,
        reference_date=today,
        received_at=now,
        amount=amount,
        measure=str(Dossier.DeadlineKind(deadline_kind).label) if deadline else "",
        measure_date=deadline,
        session_date=deadline if deadline_kind == Dossier.DeadlineKind.SESSION else None,
        extra=extra,
        note=note,
        consent=consent,
        entered_by=user_or_none(actor),
        **{name: value or "" for name, value in values.items() if name != "birth_date"},
        birth_date=values["birth_date"],
    )
    if attachment:
        signal.attachment_name = (attachment_name or "bijlage")[:255]
        signal.attachment.save(signal.attachment_name, ContentFile(attachment), save=False)
        stored.append(signal.attachment.name)
    signal.save()
    signal.opened = opened

    label = Signal.Kind(kind).label
    source_label = Signal.Source(source).label
    who = f"{source_label}: {sender}" if sender else source_label
    summary = (
        _("Dossier geopend: %(kind)s (%(source)s), met de hand geregistreerd")
        if opened
        else _("Signaal: %(kind)s (%(source)s), met de hand geregistreerd")
    ) % {"kind": label, "source": who}
    DossierEvent.objects.create(
        dossier=dossier,
        at=now,
        actor=user_or_none(actor),
        kind=EVENT_KIND,
        summary=summary[:300],
        text=note,
        data={"signal": signal.pk, "by_hand": True},
    )
    audit.record(
        "signal.enter",
        actor=actor,
        obj=signal,
        subject=dossier.audit_subject(),
        details={
            "dossier": dossier.number,
            "opened": opened,
            "kind": kind,
            "source": source,
            "attachment": bool(attachment),
        },
    )
    return signal
