"""What the intake refuses, before anything is stored: the exceptions that carry the Dutch message
for the user, and the checks on a file and on what was said about it."""

from __future__ import annotations

import io
import re

from django.conf import settings
from django.utils.translation import gettext as _

from bereik.dossiers.models import Signal
from bereik.intake import queries
from bereik.intake.models import WeeklyAction
from bereik.lib import filecheck, tabular
from bereik.organisation.models import Company


class ImportRefused(Exception):
    """The file is not imported at all. `message` is Dutch, for the user; `earlier` is the import
    that already brought the same file."""

    def __init__(self, message: str, *, earlier=None):
        super().__init__(message)
        self.message = message
        self.earlier = earlier


class ColumnsMissing(ImportRefused):
    """Required fields have no column: the user must map them (nothing is guessed)."""

    def __init__(self, plan):
        super().__init__(
            _(
                "Niet alle verplichte velden zijn gekoppeld aan een kolom: %(fields)s. Kolommen "
                "in het bestand: %(headers)s."
            )
            % {
                "fields": ", ".join(plan.missing_labels),
                "headers": ", ".join(plan.table.headers),
            }
        )
        self.plan = plan


def check_size(content: bytes) -> None:
    limit = settings.BEREIK_MAX_UPLOAD_BYTES
    if len(content) > limit:
        raise ImportRefused(
            _("Het bestand is te groot (%(size)s MB); het maximum is %(limit)s MB.")
            % {"size": tabular._megabytes(len(content)), "limit": tabular._megabytes(limit)}
        )
    if not content:
        raise ImportRefused(_("Het bestand is leeg."))


def refuse_if_imported(digest: str) -> None:
    """The same file is imported once: a second time is refused, naming the earlier import."""
    earlier = queries.earlier_import(digest)
    if earlier is not None:
        raise ImportRefused(
            _(
                "Dit bestand werd al geïmporteerd: %(earlier)s. Het wordt geen tweede keer "
                "ingelezen."
            )
            % {"earlier": earlier.describe()},
            earlier=earlier,
        )


def check_company(options) -> None:
    """A company list needs its company, and a LAC list the right kind of company."""
    company, kind = options.company, options.kind
    if company is None:
        raise ImportRefused(_("Kies de maatschappij die de lijst stuurde."))
    expected = {
        Signal.Kind.LAC_WATER: Company.Kind.WATER,
        Signal.Kind.LAC_ENERGIE: Company.Kind.ENERGIE,
    }.get(kind)
    if expected and company.kind != expected:
        raise ImportRefused(
            _("%(company)s is geen %(what)s: een %(kind)s komt van een %(what)s.")
            % {
                "company": company,
                "kind": dict(Signal.Kind.choices)[kind],
                "what": _("watermaatschappij")
                if expected == Company.Kind.WATER
                else _("netbeheerder"),
            }
        )


def is_pdf(content: bytes) -> bool:
    """A PDF by its content: it starts as one and parses as one (bereik.lib.filecheck)."""
    try:
        return filecheck.sniff(io.BytesIO(content)) == "pdf"
    except filecheck.UnsafeFile:
        return False


# --- The weekly report: which actions open a dossier (bereik.intake.weekly) ----------------

# Actions that call for follow-up when nobody configured them otherwise (normalised keys).
DEFAULT_FOLLOW_UP = frozenset({"afsluiting", "debietbegrenzer geplaatst"})


def action_key(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").strip().lower())[:200]


def follow_up_keys() -> set[str]:
    """The actions whose lines open a dossier: the configured ones, and the defaults nobody
    configured otherwise (one query)."""
    configured = dict(WeeklyAction.objects.values_list("key", "opens_dossier"))
    keys = {key for key, opens in configured.items() if opens}
    keys |= {key for key in DEFAULT_FOLLOW_UP if key not in configured}
    return keys


def opens_dossier(action: str, keys: set[str] | None = None) -> bool:
    return action_key(action) in (follow_up_keys() if keys is None else keys)
