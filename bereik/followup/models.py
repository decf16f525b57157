"""Help, referrals and the shared follow-up dossier: what happens once a household is reached.

Two kinds of models live here:

- configurable lists the beheerder edits (rights and their groups, outcome codes, external
  organisations, the checklist for the Energie- en Watercel, aftercare rules); items are retired
  (`active=False`), never deleted, so dossiers that used them keep their meaning;
- the follow-up of one dossier (conversation and proposal, sociaal verslag, rights investigation,
  support requests, referrals, water scans, documents, closings). Notes and the timeline itself are
  DossierEvents (bereik.dossiers).
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.dossiers.models import Dossier
from bereik.lib.documents import format_amount as euro


class ConfigItem(models.Model):
    name = models.CharField(_("naam"), max_length=150)
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(
        _("in gebruik"),
        default=True,
        help_text=_(
            "Uitgeschakelde items blijven zichtbaar in de dossiers waar ze al gebruikt zijn, "
            "maar worden niet meer aangeboden."
        ),
    )

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class RightGroup(ConfigItem):
    """A group of the algemeen rechtenonderzoek checklist (inkomen, gezondheid, energie, ...)."""

    class Meta(ConfigItem.Meta):
        verbose_name = _("groep van rechten")
        verbose_name_plural = _("groepen van rechten")


class RightItem(ConfigItem):
    """One right of the checklist (verhoogde tegemoetkoming, sociaal tarief, ...)."""

    group = models.ForeignKey(
        RightGroup, on_delete=models.PROTECT, related_name="items", verbose_name=_("groep")
    )

    class Meta(ConfigItem.Meta):
        verbose_name = _("recht")
        verbose_name_plural = _("rechten")
        ordering = ["group__order", "group__name", "order", "name"]


class OutcomeCode(ConfigItem):
    """A way a dossier can end. `code` is what Dossier.outcome stores: fixed once created, so the
    label can be reworded without changing the figures. An outcome of one kind of dossier (how an
    eviction ended) is offered for that kind only."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    note_required = models.BooleanField(
        _("toelichting verplicht"),
        default=False,
        help_text=_("Bv. bij 'andere': wie afsluit, moet uitleggen waarom."),
    )
    dossier_kind = models.CharField(
        _("alleen voor dossiers van de soort"),
        max_length=10,
        choices=Dossier.Kind.choices,
        blank=True,
        help_text=_("Leeg: voor elk dossier. Bv. de afloop van een uithuiszetting: woonst."),
    )

    class Meta(ConfigItem.Meta):
        verbose_name = _("uitkomstcode")
        verbose_name_plural = _("uitkomstcodes")


class ExternalOrganisation(ConfigItem):
    """An external service a household can be handed over to (CAW, Mytrusto, ...)."""

    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)

    class Meta(ConfigItem.Meta):
        verbose_name = _("externe organisatie")
        verbose_name_plural = _("externe organisaties")


class CellChecklistItem(ConfigItem):
    """A basic a social worker checks before referring a dossier to the Energie- en Watercel."""

    class Meta(ConfigItem.Meta):
        verbose_name = _("checklistpunt Energie- en Watercel")
        verbose_name_plural = _("checklist Energie- en Watercel")


class AftercareRule(ConfigItem):
    """After `months` months, a dossier closed with one of `outcomes` (and still closed) gets a
    task for its worker to contact the household again."""

    months = models.PositiveSmallIntegerField(
        _("na (maanden)"), default=6, validators=[MinValueValidator(1)]
    )
    outcomes = models.ManyToManyField(
        OutcomeCode, related_name="aftercare_rules", verbose_name=_("bij uitkomst")
    )
    task_description = models.CharField(_("taak"), max_length=200)

    class Meta(ConfigItem.Meta):
        verbose_name = _("nazorgregel")
        verbose_name_plural = _("nazorgregels")


# --- The follow-up of one dossier -------------------------------------------------------------


class DossierPart(models.Model):
    """Base of the per-dossier records (each declares its `dossier` with its own related name)."""

    created_at = models.DateTimeField(_("geregistreerd op"), default=timezone.now)

    class Meta:
        abstract = True

    def audit_subject(self):
        return self.dossier.audit_subject()


class Proposal(DossierPart):
    """A conversation with the household and the proposal worked out. The latest one is the
    terugkoppeling (feedback) the LAC chair and the session preparation read."""

    class Arrangement(models.TextChoices):
        PLAN = "afbetalingsplan", _("Afbetalingsplan")
        OTHER = "andere", _("Andere regeling")
        NONE = "geen", _("Nog geen voorstel")

    class Agreement(models.TextChoices):
        AGREES = "ja", _("Ja, de cliënt gaat akkoord")
        DISAGREES = "nee", _("Nee")
        PENDING = "nog_niet", _("Nog niet beslist")

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="proposals"
    )
    conversation_date = models.DateField(_("datum gesprek"), default=timezone.localdate)
    lac_options_discussed = models.BooleanField(_("mogelijkheden van de LAC besproken"))
    brochure_discussed = models.BooleanField(
        _("brochure 'Goed geregeld is geld gespaard' overlopen")
    )
    arrangement = models.CharField(_("voorstel"), max_length=20, choices=Arrangement.choices)
    amount_per_month = models.DecimalField(
        _("bedrag per maand"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    months = models.PositiveSmallIntegerField(_("aantal maanden"), null=True, blank=True)
    start_date = models.DateField(_("eerste betaling"), null=True, blank=True)
    arrangement_text = models.TextField(_("regeling in woorden"), blank=True)
    client_agrees = models.CharField(_("akkoord cliënt"), max_length=10, choices=Agreement.choices)
    intensive_help_needed = models.BooleanField(
        _("intensievere hulp nodig"),
        default=False,
        help_text=_("Bv. schuldhulpverlening of arbeidstrajectbegeleiding."),
    )
    feedback = models.TextField(_("terugkoppeling voor de LAC-voorzitter"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("door"),
    )

    class Meta:
        verbose_name = _("gesprek en voorstel")
        verbose_name_plural = _("gesprekken en voorstellen")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["dossier", "created_at"])]

    def __str__(self):
        return f"{self.get_arrangement_display()} ({self.conversation_date:%d/%m/%Y})"

    def clean(self):
        errors = {}
        if self.arrangement == self.Arrangement.PLAN:
            if self.amount_per_month is None or self.amount_per_month <= 0:
                errors["amount_per_month"] = _("Geef het bedrag per maand van het plan.")
            if not self.months:
                errors["months"] = _("Geef het aantal maanden van het plan.")
            if self.start_date is None:
                errors["start_date"] = _("Geef de datum van de eerste betaling.")
        elif self.arrangement == self.Arrangement.OTHER and not self.arrangement_text.strip():
            errors["arrangement_text"] = _("Beschrijf de regeling in woorden.")
        if errors:
            raise ValidationError(errors)

    @property
    def plan_total(self):
        if self.amount_per_month is None or not self.months:
            return None
        return self.amount_per_month * self.months


class SocialReport(DossierPart):
    """One version of the sociaal verslag for the LAC. Editing adds a version: history is kept."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="social_reports"
    )
    version = models.PositiveIntegerField(_("versie"))
    text = models.TextField(_("sociaal verslag"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )

    class Meta:
        verbose_name = _("sociaal verslag")
        verbose_name_plural = _("sociale verslagen")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "version"], name="unique_report_version")
        ]

    def __str__(self):
        return f"{self.dossier} v{self.version}"


class RightCheck(models.Model):
    """The status of one right in a dossier's algemeen rechtenonderzoek."""

    class Status(models.TextChoices):
        USED = "al_benut", _("al benut")
        APPLIED = "aangevraagd", _("aangevraagd")
        NOT_ELIGIBLE = "niet_gerechtigd", _("niet gerechtigd")
        TO_CHECK = "na_te_gaan", _("na te gaan")

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="right_checks"
    )
    item = models.ForeignKey(
        RightItem, on_delete=models.PROTECT, related_name="checks", verbose_name=_("recht")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    note = models.CharField(_("notitie"), max_length=300, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("recht in onderzoek")
        verbose_name_plural = _("rechtenonderzoek")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "item"], name="unique_right_per_dossier")
        ]

    def __str__(self):
        return f"{self.item}: {self.get_status_display()}"

    def audit_subject(self):
        return self.dossier.audit_subject()


class SupportRequest(DossierPart):
    """A steunaanvraag: a request for financial support from the OCMW."""

    class Decision(models.TextChoices):
        PENDING = "in_behandeling", _("in behandeling")
        GRANTED = "toegekend", _("toegekend")
        REFUSED = "geweigerd", _("geweigerd")

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="support_requests"
    )
    amount = models.DecimalField(_("bedrag"), max_digits=10, decimal_places=2)
    purpose = models.CharField(_("doel"), max_length=200)
    submitted_on = models.DateField(_("ingediend op"), default=timezone.localdate)
    in_trajectory = models.BooleanField(
        _("binnen een traject"),
        default=False,
        help_text=_("Een aanvraag binnen een begeleidingstraject (niet voor het Onthaalteam)."),
    )
    decision = models.CharField(
        _("beslissing"), max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    decision_date = models.DateField(_("datum beslissing"), null=True, blank=True)
    decision_note = models.CharField(_("toelichting beslissing"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("steunaanvraag")
        verbose_name_plural = _("steunaanvragen")
        ordering = ["-submitted_on", "-id"]

    def __str__(self):
        return f"{self.purpose} ({euro(self.amount)})"


class InternalReferral(DossierPart):
    """A referral to another team of the OCMW. The dossier is shared with that team while the
    referral is open or accepted; a returned referral ends the sharing it started."""

    class Status(models.TextChoices):
        OPEN = "open", _("wacht op het team")
        ACCEPTED = "aanvaard", _("aanvaard")
        RETURNED = "teruggestuurd", _("teruggestuurd")

    ACTIVE_STATUSES = [Status.OPEN, Status.ACCEPTED]

    class HelpKind(models.TextChoices):
        DEBT = "schuldhulpverlening", _("Schuldhulpverlening")
        WORK = "arbeidstrajectbegeleiding", _("Arbeidstrajectbegeleiding")
        BUDGET = "budgetbeheer", _("Budgetbegeleiding of budgetbeheer")
        ENERGY = "energie_water", _("Energie en water (backoffice)")
        OTHER = "andere", _("Andere")

    INTENSIVE_KINDS = [HelpKind.DEBT, HelpKind.WORK, HelpKind.BUDGET]

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="internal_referrals"
    )
    to_team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, related_name="+", verbose_name=_("naar team")
    )
    from_team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("van team"),
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("doorverwezen door"),
    )
    help_kind = models.CharField(_("soort hulp"), max_length=30, choices=HelpKind.choices)
    reason = models.TextField(_("vraag en context"))
    # The Energie- en Watercel checklist as it was answered (labels at the time).
    checklist = models.JSONField(_("checklist"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    decided_at = models.DateTimeField(_("beslist op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    return_reason = models.TextField(_("reden terugsturen"), blank=True)
    shared_by_referral = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("interne doorverwijzing")
        verbose_name_plural = _("interne doorverwijzingen")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["to_team", "status", "created_at"]),
            models.Index(fields=["referred_by", "status"]),
        ]

    def __str__(self):
        return f"{self.to_team}: {self.get_help_kind_display()}"


class ExternalReferral(DossierPart):
    """A warm handover: the worker brings the household and an external service together and
    confirms the service took it up. Unconfirmed too long → a task for the referrer."""

    class Status(models.TextChoices):
        OPEN = "open", _("wacht op bevestiging")
        CONFIRMED = "bevestigd", _("opgenomen door de dienst")
        CANCELLED = "niet_opgenomen", _("niet opgenomen")

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="external_referrals"
    )
    organisation = models.ForeignKey(
        ExternalOrganisation,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("organisatie"),
    )
    contact_person = models.CharField(_("contactpersoon"), max_length=150)
    contact_details = models.CharField(
        _("telefoon of e-mail contactpersoon"), max_length=150, blank=True
    )
    referred_on = models.DateField(_("doorverwezen op"), default=timezone.localdate)
    meeting_date = models.DateField(_("gezamenlijk gesprek op"), null=True, blank=True)
    reason = models.TextField(_("vraag en context"), blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("doorverwezen door"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    confirmed_on = models.DateField(_("bevestigd op"), null=True, blank=True)
    confirmation_note = models.CharField(_("toelichting"), max_length=300, blank=True)
    reminder_task = models.OneToOneField(
        "dossiers.Task", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("warme overdracht")
        verbose_name_plural = _("warme overdrachten")
        ordering = ["-referred_on", "-id"]
        indexes = [models.Index(fields=["status", "referred_on"])]

    def __str__(self):
        return f"{self.organisation} ({self.referred_on:%d/%m/%Y})"

    @property
    def reminder_from(self):
        """The day the confirmation is counted from: the referral, or the joint meeting if later."""
        if self.meeting_date and self.meeting_date > self.referred_on:
            return self.meeting_date
        return self.referred_on


class WaterScan(DossierPart):
    """A (free) water scan asked from the water company for the household."""

    class Status(models.TextChoices):
        REQUESTED = "aangevraagd", _("aangevraagd")
        DONE = "uitgevoerd", _("uitgevoerd")
        CANCELLED = "geannuleerd", _("geannuleerd")

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="water_scans"
    )
    requested_on = models.DateField(_("aangevraagd op"), default=timezone.localdate)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    done_on = models.DateField(_("uitgevoerd op"), null=True, blank=True)
    result = models.TextField(_("resultaat"), blank=True)

    class Meta:
        verbose_name = _("waterscan")
        verbose_name_plural = _("waterscans")
        ordering = ["-requested_on", "-id"]
        indexes = [models.Index(fields=["status", "requested_on"])]

    def __str__(self):
        return f"{_('Waterscan')} {self.requested_on:%d/%m/%Y}"


def document_path(instance, filename: str) -> str:
    # A random name: the original (often a person's name) stays in the database only.
    return f"followup/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Document(DossierPart):
    """A file on the dossier, checked by content on upload; served only through the download view
    (access policy + logged read)."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        PNG = "png", "PNG"
        JPEG = "jpeg", "JPEG"
        DOCX = "docx", "Word (DOCX)"
        XLSX = "xlsx", "Excel (XLSX)"

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(_("bestand"), upload_to=document_path, max_length=200)
    original_name = models.CharField(_("bestandsnaam"), max_length=255)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)
    restricted_to_team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("alleen voor team"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["dossier", "created_at"])]

    def __str__(self):
        return self.original_name


class Closure(models.Model):
    """One closing of a dossier with its outcome; reopening is recorded on the same row."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="closures"
    )
    outcome = models.ForeignKey(
        OutcomeCode, on_delete=models.PROTECT, related_name="closures", verbose_name=_("uitkomst")
    )
    note = models.TextField(_("toelichting"), blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    reopened_at = models.DateTimeField(_("heropend op"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reopen_reason = models.TextField(_("reden heropenen"), blank=True)

    class Meta:
        verbose_name = _("afsluiting")
        verbose_name_plural = _("afsluitingen")
        ordering = ["-closed_at", "-id"]
        indexes = [models.Index(fields=["outcome", "reopened_at", "closed_at"])]

    def __str__(self):
        return f"{self.dossier}: {self.outcome}"

    def audit_subject(self):
        return self.dossier.audit_subject()


class AftercareTask(models.Model):
    """Marks that a rule already made its task for a closing (keeps the daily run idempotent)."""

    closure = models.ForeignKey(Closure, on_delete=models.CASCADE, related_name="aftercare")
    rule = models.ForeignKey(AftercareRule, on_delete=models.CASCADE, related_name="+")
    task = models.OneToOneField(
        "dossiers.Task", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["closure", "rule"], name="unique_aftercare_per_rule")
        ]

    def __str__(self):
        return f"{self.closure}: {self.rule}"
