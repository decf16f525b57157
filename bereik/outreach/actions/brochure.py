"""The brochure ("Goed geregeld is geld gespaard"): uploaded by the beheerder, handed over to a
household (with the last letter, or in a conversation)."""

from __future__ import annotations

import datetime
import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from bereik import audit
from bereik.dossiers.actions import dossier_log
from bereik.dossiers.models import Dossier
from bereik.lib import filecheck
from bereik.outreach import queries
from bereik.outreach.actions.shared import user_or_none
from bereik.outreach.models import Brochure, BrochureHandover, Letter


@transaction.atomic
def brochure_upload(*, title: str, data: bytes, actor) -> Brochure:
    try:
        is_pdf = filecheck.sniff(io.BytesIO(data)) == "pdf"
    except filecheck.UnsafeFile:
        is_pdf = False
    if not is_pdf:
        raise ValidationError(_("Dit is geen PDF-bestand."))
    brochure = Brochure(title=title.strip(), uploaded_by=user_or_none(actor))
    brochure.file.save("brochure.pdf", ContentFile(data), save=False)
    brochure.save()
    audit.record("brochure.upload", actor=actor, obj=brochure)
    return brochure


@transaction.atomic
def brochure_hand_over(
    dossier: Dossier,
    *,
    date: datetime.date,
    letter: Letter | None = None,
    note: str = "",
    actor,
) -> BrochureHandover:
    handover = BrochureHandover.objects.create(
        dossier=dossier,
        title=queries.brochure_title(),
        date=date,
        letter=letter,
        note=note[:300],
        created_by=user_or_none(actor),
    )
    dossier_log(
        dossier,
        "brochure",
        _("Brochure ‘%(title)s’ meegegeven op %(date)s")
        % {"title": handover.title, "date": date.strftime("%d/%m/%Y")},
        actor=actor,
        text=note,
        data={"handover": handover.pk},
    )
    audit.record("brochure.hand_over", actor=actor, obj=handover)
    return handover


@transaction.atomic
def brochure_hand_over_once(
    dossier: Dossier, *, date: datetime.date, note: str = "", actor
) -> BrochureHandover:
    """The brochure was handed over, e.g. gone through in the conversation with the household
    (bereik.followup): recorded unless the dossier already has a handover, so that the brochure
    block has one truth and a second conversation adds no second handover."""
    list(Dossier.objects.select_for_update().filter(pk=dossier.pk).values_list("pk", flat=True))
    earlier = dossier.brochure_handovers.order_by("date", "id").first()
    if earlier is not None:
        return earlier
    return brochure_hand_over(dossier, date=date, note=note, actor=actor)
