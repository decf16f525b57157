"""Outreach: contact attempts, planned home visits, letters (with their replaceable templates) and
the brochure. The rules that turn attempts into a "volgende stap" live in next_step.py."""

import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PartOfDay(models.TextChoices):
    MORNING = "voormiddag", _("voormiddag")
    AFTERNOON = "namiddag", _("namiddag")
    EVENING = "avond", _("avond")


# The brochure enclosed with the last letter, when the beheerder uploaded none (or named it so).
DEFAULT_BROCHURE_TITLE = "Goed geregeld is geld gespaard"

PART_RANK = {PartOfDay.MORNING: 0, PartOfDay.AFTERNOON: 1, PartOfDay.EVENING: 2}


def current_part_of_day(moment=None) -> str:
    hour = timezone.localtime(moment).hour
    if hour < 12:
        return PartOfDay.MORNING
    return PartOfDay.AFTERNOON if hour < 17 else PartOfDay.EVENING


def _letter_path(instance, filename):
    # No names in file paths: the file system must not tell whose letter it is.
    return f"brieven/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.docx"


def _batch_path(instance, filename):
    return f"brieven/reeksen/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.docx"


def _template_path(instance, filename):
    return f"briefsjablonen/{instance.code}-{uuid.uuid4().hex[:8]}.docx"


def _brochure_path(instance, filename):
    return f"brochure/{uuid.uuid4().hex}.pdf"


class ContactAttempt(models.Model):
    """One try to reach the household. Versions are never changed: a correction adds a new row that
    `replaces` the old one (which stops being current), so the history keeps both."""

    class Kind(models.TextChoices):
        UNANNOUNCED_VISIT = "huisbezoek_onaangekondigd", _("Onaangekondigd huisbezoek")
        ANNOUNCED_VISIT = "huisbezoek_aangekondigd", _("Aangekondigd huisbezoek")
        PHONE = "telefoon", _("Telefoon")
        LETTER = "brief", _("Brief")
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("Sms")
        OFFICE = "gesprek_dienst", _("Gesprek op de dienst")
        ACCOMPANIED = "samen_naar_dienst", _("Samen met de cliënt naar de dienst of de LAC")
        OTHER = "andere", _("Andere")

    VISIT_KINDS = (Kind.UNANNOUNCED_VISIT, Kind.ANNOUNCED_VISIT)

    class Result(models.TextChoices):
        REACHED = "bereikt", _("Bereikt")
        NOT_HOME = "niet_thuis", _("Niet thuis")
        NO_RESPONSE = "geen_reactie", _("Geen reactie (nog niet)")
        REFUSED = "geweigerd", _("Geweigerd")
        MOVED = "verhuisd", _("Verhuisd")
        DECEASED = "overleden", _("Overleden")
        OTHER = "andere", _("Andere")

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="contact_attempts"
    )
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    date = models.DateField(_("datum"))
    part_of_day = models.CharField(_("dagdeel"), max_length=12, choices=PartOfDay.choices)
    result = models.CharField(_("resultaat"), max_length=20, choices=Result.choices)
    note = models.TextField(_("notitie"), blank=True)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wie"),
    )
    letter = models.ForeignKey(
        "Letter",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attempts",
        verbose_name=_("brief"),
    )

    is_current = models.BooleanField(default=True)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("corrigeert"),
    )
    correction_reason = models.TextField(_("reden van de correctie"), blank=True)
    withdrawn_reason = models.TextField(_("reden van het schrappen"), blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # When the attempt was first entered (kept on corrections, for the order within a day).
    recorded_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("contactpoging")
        verbose_name_plural = _("contactpogingen")
        ordering = ["date", "recorded_at", "id"]
        indexes = [
            models.Index(fields=["dossier", "is_current", "date"]),
            models.Index(fields=["result", "date"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}: {self.result_label}"

    def audit_subject(self):
        return self.dossier.audit_subject()

    @property
    def result_label(self) -> str:
        """The result as a worker reads it: a letter without reaction yet was simply sent."""
        if self.kind == self.Kind.LETTER and self.result == self.Result.NO_RESPONSE:
            return str(_("verstuurd"))
        return str(self.get_result_display())

    @property
    def is_visit(self) -> bool:
        return self.kind in self.VISIT_KINDS

    def sort_key(self):
        return (self.date, PART_RANK.get(self.part_of_day, 0), self.recorded_at, self.pk or 0)


class PlannedVisit(models.Model):
    """A home visit in a worker's agenda; done when its contact attempt is recorded."""

    class Status(models.TextChoices):
        PLANNED = "gepland", _("gepland")
        DONE = "gedaan", _("gedaan")
        CANCELLED = "geannuleerd", _("geannuleerd")

    KINDS = [(kind, ContactAttempt.Kind(kind).label) for kind in ContactAttempt.VISIT_KINDS]

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="planned_visits"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="planned_visits",
        verbose_name=_("medewerker"),
    )
    date = models.DateField(_("datum"))
    part_of_day = models.CharField(_("dagdeel"), max_length=12, choices=PartOfDay.choices)
    kind = models.CharField(_("soort"), max_length=30, choices=KINDS)
    note = models.CharField(_("notitie"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    attempt = models.ForeignKey(
        ContactAttempt, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    letter = models.ForeignKey(
        "Letter",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("De brief die dit bezoek aankondigt."),
    )
    cancel_reason = models.CharField(_("reden"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("gepland huisbezoek")
        verbose_name_plural = _("geplande huisbezoeken")
        ordering = ["date", "part_of_day", "id"]
        indexes = [
            models.Index(fields=["worker", "date", "status"]),
            models.Index(fields=["dossier", "status"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y} {self.get_part_of_day_display()}"

    def audit_subject(self):
        return self.dossier.audit_subject()


class LetterBatch(models.Model):
    """Several letters merged into one DOCX to print at once (LAC invitations, a worklist
    selection). Each letter is also stored on its own dossier."""

    letter_type = models.CharField(_("soort brief"), max_length=60)
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(upload_to=_batch_path)
    skipped = models.JSONField(default=list, blank=True, encoder=DjangoJSONEncoder)
    # The page the batch was made from (a worklist, a LAC session), for the way back to it.
    origin_url = models.CharField(_("gemaakt vanuit"), max_length=500, blank=True)
    origin_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("reeks brieven")
        verbose_name_plural = _("reeksen brieven")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    def content(self) -> bytes:
        with self.file.open("rb") as handle:
            return handle.read()


class Letter(models.Model):
    """A letter generated for a dossier: its type, who made it and when, the DOCX, and whether
    (and when) it was sent. Sending a letter of a contact type records a contact attempt of kind
    brief."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="letters"
    )
    letter_type = models.CharField(_("soort brief"), max_length=60, db_index=True)
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(upload_to=_letter_path)
    options = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    template_version = models.CharField(_("sjabloon"), max_length=100, blank=True)
    # The date written on the letter; it cannot be sent before it.
    date = models.DateField(_("datum van de brief"), default=timezone.localdate)
    batch = models.ForeignKey(
        LetterBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="letters"
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemaakt door"),
    )
    sent_on = models.DateField(_("verstuurd op"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["dossier", "created_at"])]

    def __str__(self):
        return f"{self.title} ({self.created_at:%d/%m/%Y})"

    def audit_subject(self):
        return self.dossier.audit_subject()

    def content(self) -> bytes:
        with self.file.open("rb") as handle:
            return handle.read()

    @property
    def download_name(self) -> str:
        # No person's name in a file name that ends up in download folders and logs.
        return f"{self.letter_type}-{self.dossier.number}-{self.pk}.docx"


class LetterTemplate(models.Model):
    """The beheerder's replacement for a letter type's default template. No row: the default
    file shipped with the application is used."""

    code = models.CharField(_("soort brief"), max_length=60, unique=True)
    file = models.FileField(upload_to=_template_path)
    original_name = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("briefsjabloon")
        verbose_name_plural = _("briefsjablonen")

    def __str__(self):
        return self.code

    def content(self) -> bytes:
        with self.file.open("rb") as handle:
            return handle.read()


class Brochure(models.Model):
    """The brochure enclosed with the last letter ("Goed geregeld is geld gespaard"). The newest
    row is the one in use."""

    title = models.CharField(_("titel"), max_length=200, default=DEFAULT_BROCHURE_TITLE)
    file = models.FileField(_("PDF"), upload_to=_brochure_path)
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("brochure")
        verbose_name_plural = _("brochures")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self):
        return self.title

    @classmethod
    def current(cls) -> "Brochure | None":
        return cls.objects.order_by("-uploaded_at", "-id").first()


class BrochureHandover(models.Model):
    """The brochure was given to the household (with the last letter, or in person)."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="brochure_handovers"
    )
    title = models.CharField(_("brochure"), max_length=200)
    date = models.DateField(_("datum"))
    letter = models.ForeignKey(
        Letter, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("notitie"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("brochure overhandigd")
        verbose_name_plural = _("brochures overhandigd")
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.title} {self.date:%d/%m/%Y}"

    def audit_subject(self):
        return self.dossier.audit_subject()
