import re
import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.dossiers.models import Signal
from bereik.intake import kinds
from bereik.lib.urls import int_url

# The code of the register export's kind, which the app owning the register registers; kept here
# for the callers that look those imports up by code (the LAC demo, the demo tests).
REGISTER = "register"


def _upload_to(batch, filename):
    # Never the user's file name in the path: it may hold a person's name and odd characters.
    suffix = PurePath(filename).suffix.lower()
    suffix = suffix if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix) else ""
    return f"intake/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class ImportBatch(models.Model):
    """One uploaded file of one of the registered kinds (`bereik.intake.kinds`): a company list,
    a court document, or the kind another app registers (the register export).

    A list is first stored as `PREVIEW` (the file waits here between preview and confirmation);
    confirming turns it into `IMPORTED`, with its counts and a result per row (ImportRow). The
    same content (sha256) is imported only once.
    """

    class Status(models.TextChoices):
        PREVIEW = "voorbeeld", _("Voorbeeld, nog niet bevestigd")
        IMPORTED = "geimporteerd", _("Geïmporteerd")

    kind = models.CharField(_("soort"), max_length=20, choices=kinds.choices, db_index=True)
    company = models.ForeignKey(
        "organisation.Company",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="import_batches",
        verbose_name=_("maatschappij"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PREVIEW
    )
    file = models.FileField(_("bestand"), upload_to=_upload_to, max_length=200)
    file_name = models.CharField(_("bestandsnaam"), max_length=255)
    file_size = models.PositiveIntegerField(_("grootte (bytes)"), default=0)
    file_format = models.CharField(_("formaat"), max_length=10, blank=True)
    sha256 = models.CharField(_("vingerafdruk (SHA-256)"), max_length=64, db_index=True)
    session_date = models.DateField(
        _("datum LAC-zitting"),
        null=True,
        blank=True,
        help_text=_("Opgegeven bij het opladen, voor rijen zonder datum."),
    )
    mapping = models.JSONField(_("kolomkoppeling"), default=dict, blank=True)
    unrecognised = models.JSONField(_("niet herkende kolommen"), default=list, blank=True)
    # What the user chose when confirming (e.g. for a LAC list's households already on another
    # session), and what the later steps of the flow report back: [{"key", "text", "url"}].
    options = models.JSONField(_("keuzes bij het bevestigen"), default=dict, blank=True)
    notes = models.JSONField(_("wat er daarna gebeurde"), default=list, blank=True)

    rows_total = models.PositiveIntegerField(_("rijen"), default=0)
    signals_created = models.PositiveIntegerField(_("nieuwe signalen"), default=0)
    signals_skipped = models.PositiveIntegerField(_("al gekend"), default=0)
    signals_unattached = models.PositiveIntegerField(_("zonder dossier"), default=0)
    rows_with_errors = models.PositiveIntegerField(_("rijen met fouten"), default=0)
    rows_with_warnings = models.PositiveIntegerField(_("rijen met waarschuwingen"), default=0)
    dossiers_created = models.PositiveIntegerField(_("nieuwe dossiers"), default=0)
    dossiers_updated = models.PositiveIntegerField(_("aangevulde dossiers"), default=0)

    created_at = models.DateTimeField(_("opgeladen op"), default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opgeladen door"),
    )
    imported_at = models.DateTimeField(_("geïmporteerd op"), null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geïmporteerd door"),
    )

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sha256"],
                condition=Q(status="geimporteerd"),
                name="intake_file_imported_once",
            )
        ]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["kind", "company", "created_at"]),
        ]

    def __str__(self):
        return _("Import %(number)s: %(file)s") % {"number": self.pk, "file": self.file_name}

    def get_absolute_url(self):
        if self.status == self.Status.PREVIEW:
            return int_url("intake:preview", self.pk)
        return int_url("intake:detail", self.pk)

    @property
    def import_kind(self) -> kinds.ImportKind:
        """The registered kind of this import (shown like a list when no app registers it)."""
        return kinds.find_or_default(self.kind)

    @property
    def is_document(self) -> bool:
        return self.kind == Signal.Kind.UITHUISZETTING

    @property
    def document_dossier(self):
        """The dossier a court document belongs to (None for a list)."""
        if not self.is_document:
            return None
        row = self.rows.select_related("dossier").first()
        return row.dossier if row else None

    def audit_subject(self):
        dossier = self.document_dossier
        return dossier.audit_subject() if dossier else None

    def describe(self) -> str:
        """ "LAC-oproeping water van De Watergroep (import 12 van 20/11/2026 door Olga Peeters)"."""
        when = timezone.localtime(self.imported_at or self.created_at)
        who = self.imported_by or self.created_by
        return _("%(kind)s%(company)s (import %(number)s van %(when)s door %(who)s)") % {
            "kind": self.get_kind_display(),
            "company": _(" van %(name)s") % {"name": self.company} if self.company else "",
            "number": self.pk,
            "when": f"{when:%d/%m/%Y %H:%M}",
            "who": (who.get_full_name() or who.username) if who else _("de opdrachtregel"),
        }


class ImportRow(models.Model):
    """What happened to one row of an import. Rows that became no signal (an error, already
    known) keep their raw data here, so nothing from the file is lost."""

    class Outcome(models.TextChoices):
        NEW_DOSSIER = "nieuw_dossier", _("nieuw dossier")
        ADDED = "toegevoegd", _("toegevoegd aan open dossier")
        UNATTACHED = "zonder_dossier", _("signaal zonder dossier")
        KNOWN = "gekend", _("al gekend, overgeslagen")
        ERROR = "fout", _("fout, niet geïmporteerd")

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveIntegerField(_("rij"))
    outcome = models.CharField(_("resultaat"), max_length=20, choices=Outcome.choices)
    customer_number = models.CharField(_("klantnummer"), max_length=60, blank=True)
    name = models.CharField(_("naam"), max_length=250, blank=True)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    signal = models.ForeignKey(
        Signal, on_delete=models.SET_NULL, null=True, blank=True, related_name="import_rows"
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    errors = models.JSONField(_("fouten"), default=list, blank=True)
    warnings = models.JSONField(_("waarschuwingen"), default=list, blank=True)
    raw = models.JSONField(_("oorspronkelijke rij"), default=dict, blank=True)

    class Meta:
        verbose_name = _("importrij")
        verbose_name_plural = _("importrijen")
        ordering = ["batch", "number"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "number"], name="intake_row_once_per_batch")
        ]
        indexes = [models.Index(fields=["batch", "outcome", "number"])]

    def __str__(self):
        return f"{self.batch_id}:{self.number} {self.outcome}"


class ColumnProfile(models.Model):
    """How a company's list of one kind maps its columns to fields, saved when a user maps
    columns by hand and used for the next file. `company` is empty for a kind that has no company
    (the register export). `mapping` is {header text: field name}; "" means "ignore"."""

    company = models.ForeignKey(
        "organisation.Company",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="column_profiles",
        verbose_name=_("maatschappij"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=kinds.choices)
    mapping = models.JSONField(_("kolomkoppeling"), default=dict)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )

    class Meta:
        verbose_name = _("kolomprofiel")
        verbose_name_plural = _("kolomprofielen")
        ordering = ["company__name", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "kind"],
                condition=Q(company__isnull=False),
                name="intake_profile_per_company_kind",
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(company__isnull=True),
                name="intake_profile_per_kind_without_company",
            ),
        ]

    def __str__(self):
        return f"{self.company or '-'} · {self.get_kind_display()}"

    @classmethod
    def mapping_for(cls, company, kind: str) -> dict:
        profile = cls.objects.filter(company=company, kind=kind).only("mapping").first()
        return profile.mapping if profile else {}


class WeeklyAction(models.Model):
    """An action a company's weekly report names ("Afsluiting", "Herinnering", ...) and whether
    a line with it about a household without an open dossier opens one (Beheer → Acties van het
    weekrapport). An action not listed here follows the default rule
    (`bereik.intake.weekly.DEFAULT_FOLLOW_UP`)."""

    key = models.CharField(_("actie (genormaliseerd)"), max_length=200, unique=True)
    label = models.CharField(_("actie"), max_length=200)
    opens_dossier = models.BooleanField(_("opent een dossier"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )

    class Meta:
        verbose_name = _("actie van het weekrapport")
        verbose_name_plural = _("acties van het weekrapport")
        ordering = ["label"]

    def __str__(self):
        return self.label
