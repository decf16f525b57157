from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

_warning_cache: dict = {}


class Organisation(models.Model):
    """The organisation's settings: one row, edited by the functioneel beheerder."""

    class AssignmentModel(models.TextChoices):
        PREVENTIEWERKER = "preventiewerker", _("Preventiewerker (zoals Sint-Truiden)")
        VERDELEN = "verdelen", _("Verdelen over maatschappelijk werkers (zoals Kontich)")
        SPECIALIST = "specialist", _("Specialist energie/LAC (zoals Dendermonde)")

    name = models.CharField(_("naam"), max_length=200, default="OCMW")
    street = models.CharField(_("straat en nummer"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("gemeente"), max_length=100, blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    office_hours = models.TextField(
        _("openingsuren"),
        blank=True,
        help_text=_("Zo geschreven dat brieven de tekst letterlijk kunnen overnemen."),
    )
    logo = models.ImageField(_("logo"), upload_to="organisation/", blank=True)

    assignment_model = models.CharField(
        _("toewijzingsmodel"),
        max_length=20,
        choices=AssignmentModel.choices,
        default=AssignmentModel.PREVENTIEWERKER,
    )
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("specialist energie/LAC"),
        help_text=_("Bij het specialistmodel: wie de dossiers zonder actieve begeleiding opvolgt."),
    )
    distribution_pool = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("verdeelpool"),
        help_text=_("Bij het verdeelmodel: over wie de overige dossiers verdeeld worden."),
    )
    deadline_warning_days = models.PositiveIntegerField(
        _("waarschuwen vanaf (dagen voor de termijn)"), default=7
    )
    lac_deadline_days_energy = models.PositiveIntegerField(
        _("LAC-termijn energie (kalenderdagen na de aanvraag)"), default=30
    )
    lac_deadline_days_water = models.PositiveIntegerField(
        _("LAC-termijn water (kalenderdagen na de aanvraag)"), default=30
    )
    handover_confirmation_days = models.PositiveIntegerField(
        _("warme overdracht bevestigen binnen (dagen)"), default=14
    )
    audit_retention_years = models.PositiveIntegerField(
        _("bewaartermijn toegangslog (jaren)"), default=10
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisatie")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        _warning_cache.clear()

    @classmethod
    def get(cls) -> "Organisation":
        """The one row; created with defaults the first time."""
        obj = cls.objects.order_by("pk").first()
        if obj is None:
            obj = cls.objects.create()
        return obj

    @classmethod
    def warning_days(cls) -> int:
        """The deadline warning period, cached per process for a minute (used in every list)."""
        import time

        cached = _warning_cache.get("value")
        if cached is None or time.monotonic() - cached[1] > 60:
            value = cls.objects.values_list("deadline_warning_days", flat=True).first() or 7
            _warning_cache["value"] = cached = (value, time.monotonic())
        return cached[0]

    @property
    def address_lines(self) -> list[str]:
        return [line for line in (self.street, f"{self.postcode} {self.city}".strip()) if line]


class Municipality(models.Model):
    """A municipality (deelgemeente included) the organisation serves."""

    postcode = models.CharField(_("postcode"), max_length=10)
    name = models.CharField(_("naam"), max_length=100)

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["postcode", "name"]
        constraints = [
            models.UniqueConstraint(fields=["postcode", "name"], name="unique_municipality")
        ]

    def __str__(self):
        return f"{self.postcode} {self.name}"


class Company(models.Model):
    """A water company or the energy network operator the organisation receives lists from."""

    class Kind(models.TextChoices):
        WATER = "water", _("Water")
        ENERGIE = "energie", _("Elektriciteit en gas")

    name = models.CharField(_("naam"), max_length=100, unique=True)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    active = models.BooleanField(_("actief"), default=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    address = models.TextField(_("adres (voor brieven)"), blank=True)

    class Meta:
        verbose_name = _("maatschappij")
        verbose_name_plural = _("maatschappijen")
        ordering = ["name"]

    def __str__(self):
        return self.name
