"""The weekly digest of the companies' weekly reports, and the water-scan suggestions.

- `DigestRun`: a week's digest was sent (once per week: the command and the worker may both run).
- `DigestRead`: a user opened a week's page (the history marks what is read).
- `WaterUsage`: what a worker learnt about the household's water use (yearly m³ and the number of
  people) and who proposed a scan (the LAC, a CAW, debt mediation): the other grounds of a
  suggestion besides a protected customer.
- `ScanSuggestion`: one household for whom a free water scan may help, its grounds, and the
  worker's decision (ask, not useful with a reason, later); `basis` is what the grounds were when
  decided, so it comes back only when they change.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DigestRun(models.Model):
    week = models.CharField(_("week"), max_length=8, unique=True)  # 2026-W48
    sent_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("ontvangers"), default=0)
    lines = models.PositiveIntegerField(_("lijnen"), default=0)

    class Meta:
        verbose_name = _("weekoverzicht")
        verbose_name_plural = _("weekoverzichten")
        ordering = ["-week"]

    def __str__(self):
        return self.week


class DigestRead(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.CharField(_("week"), max_length=8)
    read_at = models.DateTimeField(_("gelezen op"), default=timezone.now)

    class Meta:
        verbose_name = _("gelezen weekoverzicht")
        verbose_name_plural = _("gelezen weekoverzichten")
        constraints = [
            models.UniqueConstraint(fields=["user", "week"], name="digest_read_once_per_week")
        ]

    def __str__(self):
        return f"{self.user_id} {self.week}"


class WaterUsage(models.Model):
    class ProposedBy(models.TextChoices):
        LAC = "lac", _("De LAC")
        CAW = "caw", _("Een CAW")
        DEBT = "schuldbemiddeling", _("Schuldbemiddeling")
        OCMW = "ocmw", _("Het OCMW (maatschappelijk werker)")

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="water_usages"
    )
    m3_per_year = models.DecimalField(
        _("verbruik per jaar (m³)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    people = models.PositiveSmallIntegerField(
        _("aantal personen in het gezin"), null=True, blank=True
    )
    proposed_by = models.CharField(
        _("waterscan voorgesteld door"), max_length=20, choices=ProposedBy.choices, blank=True
    )
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    recorded_on = models.DateField(_("genoteerd op"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("waterverbruik")
        verbose_name_plural = _("waterverbruik")
        ordering = ["-recorded_on", "-id"]

    def __str__(self):
        return f"{self.dossier_id} {self.recorded_on:%d/%m/%Y}"

    def audit_subject(self):
        return self.dossier.audit_subject()


class ScanSuggestion(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("te bekijken")
        ASKED = "aangevraagd", _("scan aangevraagd")
        NOT_USEFUL = "niet_nuttig", _("niet nuttig")
        LATER = "later", _("later bekijken")

    class Reason(models.TextChoices):
        PROTECTED = "beschermd", _("Beschermde klant")
        HIGH_USAGE = "verbruik", _("Verbruik minstens 150% van het gemiddelde")
        PROPOSED = "voorgesteld", _("Voorgesteld door de LAC, een CAW of schuldbemiddeling")

    household = models.CharField(max_length=100, unique=True)  # "c<client>" or "k<company>:<nr>"
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    company = models.ForeignKey(
        "organisation.Company", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    customer_number = models.CharField(_("klantnummer"), max_length=60, blank=True)
    name = models.CharField(_("naam"), max_length=250, blank=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signal = models.ForeignKey(
        "dossiers.Signal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reasons = models.JSONField(_("gronden"), default=list)
    basis = models.CharField(max_length=200, blank=True)  # the grounds when decided
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    later_on = models.DateField(_("opnieuw bekijken vanaf"), null=True, blank=True)
    decision_reason = models.CharField(_("reden"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("waterscan-suggestie")
        verbose_name_plural = _("waterscan-suggesties")
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["status", "later_on"])]

    def __str__(self):
        return self.name or self.household

    def audit_subject(self):
        if self.client_id:
            return self.client
        return self.dossier.audit_subject() if self.dossier_id else None

    @property
    def reason_labels(self) -> list[str]:
        labels = dict(self.Reason.choices)
        return [str(labels.get(code, code)) for code in self.reasons]
