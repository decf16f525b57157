"""Energy specifics of a dossier (Energiedecreet, Energiebesluit): the OCMW's decisions on
minimum supply in winter (gas: MLA, electricity: MLE) and the household's supply situation
(Fluvius as social supplier, the budget meter or the prepaid function of the digital meter and
its status). The winter stop itself is the organisation's setting
(`bereik.organisation.winter`)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.dossiers.models import Dossier


class MinimumSupply(models.Model):
    """A decision of the OCMW on minimum supply: granted (from when to when, at what power, who
    pays) or refused."""

    class Fuel(models.TextChoices):
        GAS = "gas", _("Aardgas (MLA)")
        ELECTRICITY = "elektriciteit", _("Elektriciteit (MLE)")

    class Decision(models.TextChoices):
        GRANTED = "toegekend", _("Toegekend")
        REFUSED = "geweigerd", _("Geweigerd")

    class Payer(models.TextChoices):
        OCMW = "ocmw", _("Het OCMW")
        CLIENT = "klant", _("De klant")
        SHARED = "samen", _("OCMW en klant samen")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="minimum_supplies")
    fuel = models.CharField(_("energie"), max_length=20, choices=Fuel.choices)
    decision = models.CharField(_("beslissing"), max_length=20, choices=Decision.choices)
    decided_on = models.DateField(_("beslist op"))
    start = models.DateField(_("van"), null=True, blank=True)
    end = models.DateField(_("tot en met"), null=True, blank=True)
    power = models.CharField(
        _("vermogen"), max_length=40, blank=True, help_text=_("Bijvoorbeeld 10 A of 2,3 kVA.")
    )
    paid_by = models.CharField(_("wie betaalt"), max_length=10, choices=Payer.choices, blank=True)
    note = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("minimale levering")
        verbose_name_plural = _("minimale leveringen")
        ordering = ["-decided_on", "-pk"]
        indexes = [
            models.Index(fields=["decided_on", "fuel", "decision"]),
            models.Index(fields=["dossier", "decided_on"]),
        ]

    def __str__(self):
        return f"{self.get_fuel_display()}: {self.get_decision_display()}"

    def audit_subject(self):
        return self.dossier.audit_subject()

    @property
    def code(self) -> str:
        return "MLA" if self.fuel == self.Fuel.GAS else "MLE"

    def active_on(self, day) -> bool:
        return (
            self.decision == self.Decision.GRANTED
            and self.start is not None
            and self.start <= day
            and (self.end is None or day <= self.end)
        )


class SupplySituation(models.Model):
    """The household's supply as recorded on a day; the latest is the current one (earlier ones
    stay as its history)."""

    class Meter(models.TextChoices):
        NONE = "geen", _("Geen budgetmeter of prepaid")
        BUDGET = "budgetmeter", _("Budgetmeter")
        PREPAID = "prepaid", _("Prepaidfunctie van de digitale meter")

    class MeterStatus(models.TextChoices):
        ACTIVE = "actief", _("Actief")
        REMOVAL_ASKED = "wegname_gevraagd", _("Wegname gevraagd")
        REMOVED = "weggenomen", _("Weggenomen")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="supply_situations")
    recorded_on = models.DateField(_("op"), default=timezone.localdate)
    social_supplier = models.BooleanField(
        _("Fluvius is sociale leverancier"),
        default=False,
        help_text=_("Het gezin vond geen nieuwe leverancier: de netbeheerder levert."),
    )
    meter = models.CharField(_("meter"), max_length=20, choices=Meter.choices)
    meter_status = models.CharField(
        _("status van de meter"), max_length=20, choices=MeterStatus.choices, blank=True
    )
    note = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("leveringssituatie")
        verbose_name_plural = _("leveringssituaties")
        ordering = ["-recorded_on", "-pk"]
        indexes = [
            models.Index(fields=["dossier", "recorded_on"]),
            models.Index(fields=["meter", "meter_status"]),
        ]

    def __str__(self):
        return self.summary

    def audit_subject(self):
        return self.dossier.audit_subject()

    @property
    def summary(self) -> str:
        parts = [str(self.get_meter_display())]
        if self.meter_status:
            parts[0] += f": {str(self.get_meter_status_display()).lower()}"
        if self.social_supplier:
            parts.append(str(_("Fluvius sociale leverancier")))
        return " · ".join(parts)
