"""What the outreach views share."""

import datetime

from django.core.exceptions import ValidationError
from django.shortcuts import redirect


def back_to_section(dossier):
    """Back to the dossier's "Contact en brieven" section (it unfolds and shows the message)."""
    return redirect(dossier.get_absolute_url() + "#sectie-contacten")


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def parse_date(value, default=None):
    try:
        return datetime.date.fromisoformat(value) if value else default
    except ValueError:
        return default
