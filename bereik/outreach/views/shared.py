"""What the outreach views share."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from bereik.lib import values


def back_to_section(dossier):
    """Back to the dossier's "Contact en brieven" section (it unfolds and shows the message)."""
    return redirect(dossier.get_absolute_url() + "#sectie-contacten")


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def parse_date(value, default=None):
    """A date from a query string, typed dd/mm/jjjj (or ISO, as links write it)."""
    try:
        return values.parse_date(value) or default
    except values.ValueProblem:
        return default
