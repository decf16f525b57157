from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from bereik.lib import lookups
from bereik.organisation.winter import WinterStop, parse_day_month


def _day_month(value: str) -> None:
    try:
        parse_day_month(value)
    except ValueError:
        raise ValidationError(
            _("Schrijf een dag en maand als dd/mm, bijvoorbeeld 01/12 (niet 29/02).")
        ) from None


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
    # The winter stop of the energy procedure (bereik/organisation/winter.py).
    winter_stop_start = models.CharField(
        _("winterstop: eerste dag (dd/mm)"),
        max_length=5,
        default="01/12",
        validators=[_day_month],
        help_text=_("Vanaf deze dag mag Fluvius niet afsluiten."),
    )
    winter_stop_end = models.CharField(
        _("winterstop: weer afsluiten vanaf (dd/mm)"),
        max_length=5,
        default="01/03",
        validators=[_day_month],
        help_text=_("De eerste dag na de winterstop."),
    )
    winter_stop_extended_until = models.DateField(
        _("verlenging door de minister: weer afsluiten vanaf"),
        null=True,
        blank=True,
        help_text=_(
            "Alleen invullen als de minister de winterstop van een winter verlengt; geldt voor "
            "de winter die net voor deze datum eindigt."
        ),
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisatie")

    def __str__(self):
        return self.name

    @classmethod
    def _cached(cls, key: str, read):
        """A setting read on every row of a list or every page, kept per process for a minute
        and dropped when the organisation is saved here (`bereik.lib.lookups`)."""
        return lookups.cached(f"organisation.{key}", read, models=(cls,))

    @classmethod
    def get(cls) -> "Organisation":
        """The one row; created with defaults the first time."""
        obj = cls.objects.order_by("pk").first()
        if obj is None:
            obj = cls.objects.create()
        return obj

    @classmethod
    def display_name(cls) -> str:
        """The organisation's name in every page's header, cached like `warning_days`."""
        return cls._cached(
            "name", lambda: cls.objects.values_list("name", flat=True).first() or "Bereik"
        )

    @classmethod
    def warning_days(cls) -> int:
        """The deadline warning period, cached per process for a minute (used in every list)."""
        return cls._cached(
            "value",
            lambda: cls.objects.values_list("deadline_warning_days", flat=True).first() or 7,
        )

    @classmethod
    def winter_stop(cls) -> WinterStop:
        """The winter stop as set by the beheerder (defaults: 01/12 to 01/03), cached like
        `warning_days`."""
        return cls._cached("winter_stop", lambda: cls.get().winter_stop_rule())

    def winter_stop_rule(self) -> WinterStop:
        try:
            start = parse_day_month(self.winter_stop_start)
            end = parse_day_month(self.winter_stop_end)
        except ValueError:
            start, end = WinterStop.start, WinterStop.end
        return WinterStop(start, end, self.winter_stop_extended_until)

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
