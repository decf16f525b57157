"""The beheerder's letter templates: a replacement uploaded, or the default restored."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from bereik import audit
from bereik.lib import documents
from bereik.outreach import letters as registry
from bereik.outreach.actions.shared import user_or_none
from bereik.outreach.models import LetterTemplate


@transaction.atomic
def letter_template_upload(
    letter_type_code: str, data: bytes, *, original_name: str = "", actor
) -> LetterTemplate:
    """Replace a letter type's template. Refused (ValidationError in Dutch) when invalid: the
    template in use stays."""
    letter_type = registry.get_letter_type(letter_type_code)
    documents.validate_docx_template(data, letter_type.all_placeholders)
    template = LetterTemplate.objects.filter(code=letter_type.code).first()
    old_file = template.file.name if template else None
    if template is None:
        template = LetterTemplate(code=letter_type.code)
    template.original_name = original_name[:200]
    template.uploaded_at = timezone.now()
    template.uploaded_by = user_or_none(actor)
    template.file.save(f"{letter_type.code}.docx", ContentFile(data), save=False)
    template.save()
    if old_file:
        storage = template.file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    audit.record(
        "letter_template.upload",
        actor=actor,
        obj=template,
        details={"type": letter_type.code, "name": template.original_name},
    )
    return template


@transaction.atomic
def letter_template_restore(letter_type_code: str, *, actor) -> None:
    """Go back to the default template shipped with the application."""
    template = LetterTemplate.objects.filter(code=letter_type_code).first()
    if template is None:
        return
    name, storage = template.file.name, template.file.storage
    audit.record("letter_template.restore", actor=actor, obj=template)
    template.delete()
    transaction.on_commit(lambda: storage.delete(name))
