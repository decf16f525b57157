"""Court documents: a copy of a dagvaarding or verzoekschrift tot uithuiszetting (art. 1344ter
Ger.W.), registered with its key fields and its PDF. Not a table: it has its own form, and no
preview; it is kept as an import of one row (kind `uithuiszetting`) so the history lists it."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik import audit
from bereik.dossiers.actions import next_dossier_numbers
from bereik.dossiers.models import Dossier, DossierEvent, Signal
from bereik.intake import importing
from bereik.intake.actions.common import (
    EVENT_KIND,
    delete_file,
    follow_up_signal,
    user_or_none,
)
from bereik.intake.models import ImportBatch, ImportRow
from bereik.intake.rules import ImportRefused, check_size, is_pdf, refuse_if_imported
from bereik.lib import values


def eviction_register(
    *,
    document: bytes,
    file_name: str,
    document_type: str,
    tenants: str,
    street: str,
    house_number: str = "",
    box: str = "",
    postcode: str = "",
    city: str = "",
    landlord: str = "",
    sender: str = "",
    court: str = "",
    hearing_date: datetime.date,
    amount: Decimal | None = None,
    received_on: datetime.date,
    reference: str = "",
    actor,
) -> Signal:
    """Register a copy of a dagvaarding or verzoekschrift tot uithuiszetting (art. 1344ter Ger.W.)
    with its PDF: a signal, and a woonst dossier whose deadline is the hearing date (stored in one
    transaction; then matched to the register like the dossiers of a list)."""
    check_size(document)
    if not is_pdf(document):
        raise ImportRefused(_("Het bestand is geen PDF-document (gecontroleerd op de inhoud)."))
    digest = importing.sha256(document)
    refuse_if_imported(digest)
    tenant_lines = [line.strip() for line in tenants.splitlines() if line.strip()]
    if not tenant_lines:
        raise ImportRefused(_("Vul minstens één huurder in."))
    last_name, first_name = values.split_name(tenant_lines[0])
    reference = reference.strip()
    if (
        reference
        and Signal.objects.filter(
            kind=Signal.Kind.UITHUISZETTING,
            company=None,
            customer_number=reference,
            reference_date=received_on,
        ).exists()
    ):
        raise ImportRefused(
            _(
                "Een document met referentie %(reference)s, ontvangen op %(date)s, is al "
                "geregistreerd."
            )
            % {"reference": reference, "date": f"{received_on:%d/%m/%Y}"}
        )

    now = timezone.now()
    type_label = dict(EVICTION_DOCUMENT_TYPES)[document_type]
    batch = ImportBatch(
        kind=Signal.Kind.UITHUISZETTING,
        status=ImportBatch.Status.IMPORTED,
        file_name=file_name[:255],
        file_size=len(document),
        file_format="pdf",
        sha256=digest,
        rows_total=1,
        signals_created=1,
        created_by=user_or_none(actor),
        imported_by=user_or_none(actor),
        imported_at=now,
    )
    batch.file.save(file_name, ContentFile(document), save=False)
    try:
        signal = _register_document(
            batch,
            now=now,
            type_label=type_label,
            document_type=document_type,
            tenant_lines=tenant_lines,
            last_name=last_name,
            first_name=first_name,
            address={
                "street": street,
                "house_number": house_number,
                "box": box,
                "postcode": postcode,
                "city": city,
            },
            landlord=landlord,
            sender=sender,
            court=court,
            hearing_date=hearing_date,
            amount=amount,
            received_on=received_on,
            reference=reference,
            actor=actor,
        )
    except Exception:
        delete_file(batch.file.name)
        raise
    return follow_up_signal(signal, signal_kinds=[Signal.Kind.UITHUISZETTING], actor=actor)


EVICTION_DOCUMENT_TYPES = [
    ("dagvaarding", _("Dagvaarding")),
    ("verzoekschrift", _("Verzoekschrift")),
]


@transaction.atomic
def _register_document(batch, *, now, type_label, document_type, tenant_lines, last_name,
                       first_name, address, landlord, sender, court, hearing_date, amount,
                       received_on, reference, actor) -> Signal:  # fmt: skip
    user = user_or_none(actor)
    dossier = None
    if reference:
        dossier = (
            Dossier.objects.filter(
                kind=Dossier.Kind.WOONST,
                company=None,
                customer_number=reference,
                status__in=Dossier.OPEN_STATUSES,
            )
            .order_by("-opened_at")
            .first()
        )
    opened = dossier is None
    household = {"last_name": last_name, "first_name": first_name, **address}
    if opened:
        dossier = Dossier.objects.create(
            number=next_dossier_numbers(1)[0],
            kind=Dossier.Kind.WOONST,
            customer_number=reference,
            status=Dossier.Status.NEW,
            amount_due=amount,
            deadline=hearing_date,
            deadline_kind=Dossier.DeadlineKind.HEARING,
            opened_at=now,
            **household,
        )
    else:
        for name, value in household.items():
            if value:
                setattr(dossier, name, value)
        if amount is not None:
            dossier.amount_due = amount
        dossier.deadline, dossier.deadline_kind = importing.pick_deadline(
            dossier.deadline, dossier.deadline_kind, hearing_date, Dossier.DeadlineKind.HEARING
        )
        dossier.save()

    raw = {
        str(_("Soort document")): str(type_label),
        str(_("Huurder(s)")): "\n".join(tenant_lines),
        str(_("Adres")): _address_text(address),
        str(_("Verhuurder")): landlord,
        str(_("Gerechtsdeurwaarder of griffie")): sender,
        str(_("Vredegerecht")): court,
        str(_("Inleidende zitting")): f"{hearing_date:%d/%m/%Y}",
        str(_("Gevorderd bedrag")): "" if amount is None else f"{amount}".replace(".", ","),
        str(_("Ontvangen op")): f"{received_on:%d/%m/%Y}",
        str(_("Rolnummer of referentie")): reference,
    }
    signal = Signal.objects.create(
        dossier=dossier,
        kind=Signal.Kind.UITHUISZETTING,
        customer_number=reference,
        reference_date=received_on,
        received_at=now,
        last_name=last_name,
        first_name=first_name,
        amount=amount,
        measure=str(_("Inleidende zitting %(court)s") % {"court": court}).strip()[:200],
        measure_date=hearing_date,
        extra={
            "document_type": document_type,
            "tenants": tenant_lines,
            "landlord": landlord,
            "sender": sender,
            "court": court,
            "hearing_date": hearing_date.isoformat(),
        },
        raw={key: value for key, value in raw.items() if value},
        **address,
    )
    batch.dossiers_created = 1 if opened else 0
    batch.dossiers_updated = 0 if opened else 1
    batch.save()
    ImportRow.objects.create(
        batch=batch,
        number=1,
        outcome=ImportRow.Outcome.NEW_DOSSIER if opened else ImportRow.Outcome.ADDED,
        customer_number=reference,
        name=f"{last_name} {first_name}".strip(),
        signal=signal,
        dossier=dossier,
    )
    summary = (
        _("Dossier geopend: %(type)s tot uithuiszetting, inleidende zitting %(date)s")
        if opened
        else _("Signaal: %(type)s tot uithuiszetting, inleidende zitting %(date)s")
    ) % {"type": type_label, "date": f"{hearing_date:%d/%m/%Y}"}
    DossierEvent.objects.create(
        dossier=dossier,
        at=now,
        actor=user,
        kind=EVENT_KIND,
        summary=summary[:300],
        data={"signal": signal.pk, "import": batch.pk},
    )
    audit.record(
        "eviction.register",
        actor=actor,
        obj=signal,
        subject=dossier.audit_subject(),
        details={"import": batch.pk, "dossier": dossier.number, "opened": opened},
    )
    return signal


def _address_text(address: dict) -> str:
    number = address["house_number"] + (f" bus {address['box']}" if address["box"] else "")
    line = f"{address['street']} {number}".strip()
    place = f"{address['postcode']} {address['city']}".strip()
    return ", ".join(part for part in (line, place) if part)
