"""The eviction procedure after the summons (Gerechtelijk Wetboek art. 1344ter-quater): the
hearings before the justice of the peace and their outcome, the judgment and its service, the
eviction date the bailiff sets, and what the OCMW did. The summons itself is a signal of the
intake (`Signal.Kind.UITHUISZETTING`); how it ended is the dossier's closing with an eviction
outcome code (bereik.followup)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.dossiers.models import Dossier


class Hearing(models.Model):
    """A hearing of the case: the introductory hearing of the summons, or a later one after a
    postponement. Its outcome is recorded after it was held."""

    class Outcome(models.TextChoices):
        JUDGMENT = "vonnis", _("Vonnis uitgesproken")
        POSTPONED = "uitgesteld", _("Uitgesteld naar een nieuwe datum")
        SETTLED = "minnelijk", _("Minnelijke regeling")
        STRUCK_OFF = "doorgehaald", _("Doorgehaald van de rol")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="hearings")
    date = models.DateField(_("datum zitting"))
    court = models.CharField(_("vredegerecht"), max_length=150, blank=True)
    outcome = models.CharField(_("afloop"), max_length=20, choices=Outcome.choices, blank=True)
    postponed_to = models.DateField(_("uitgesteld naar"), null=True, blank=True)
    note = models.TextField(_("toelichting"), blank=True)
    recorded_at = models.DateTimeField(_("genoteerd op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("zitting")
        verbose_name_plural = _("zittingen")
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "date"], name="eviction_hearing_once")
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.get_outcome_display()}".strip()

    def audit_subject(self):
        return self.dossier.audit_subject()


class Judgment(models.Model):
    """The judgment of the justice of the peace: what it decided, from when it allows the
    eviction, when it was served on the tenant and the date the bailiff set for the eviction."""

    class Decision(models.TextChoices):
        EVICTION = "uithuiszetting", _("Uithuiszetting toegestaan")
        PLAN = "afbetalingsplan", _("Afbetalingsplan, geen uithuiszetting")
        REJECTED = "afgewezen", _("Vordering afgewezen")
        OTHER = "andere", _("Andere beslissing")

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="judgment")
    date = models.DateField(_("datum vonnis"))
    decision = models.CharField(_("beslissing"), max_length=20, choices=Decision.choices)
    eviction_allowed_from = models.DateField(
        _("uithuiszetting toegestaan vanaf"),
        null=True,
        blank=True,
        help_text=_("Als het vonnis zelf een datum noemt."),
    )
    served_on = models.DateField(_("betekend op"), null=True, blank=True)
    eviction_date = models.DateField(
        _("datum uithuiszetting (gerechtsdeurwaarder)"), null=True, blank=True
    )
    note = models.TextField(_("toelichting"), blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("vonnis")
        verbose_name_plural = _("vonnissen")
        indexes = [models.Index(fields=["decision", "eviction_date"])]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.get_decision_display()}"

    def audit_subject(self):
        return self.dossier.audit_subject()

    @property
    def allows_eviction(self) -> bool:
        return self.decision == self.Decision.EVICTION


class OcmwAction(models.Model):
    """Something the OCMW did in the eviction procedure; each is also a timeline entry, next to
    the contact attempts and referrals."""

    class Kind(models.TextChoices):
        CONTACT = "contact_voor_zitting", _("Contact met de huurder vóór de zitting")
        JUSTICE = "info_vrederechter", _("Informatie aan de vrederechter (met toestemming)")
        HOUSING = "woonst_zoeken", _("Zoeken naar een andere woning")
        MEDIATION = "bemiddeling", _("Bemiddeling met de verhuurder")
        LAWYER = "advocaat", _("Doorverwezen naar een advocaat (pro Deo)")
        CAW = "caw", _("Doorverwezen naar het CAW")
        OTHER = "andere", _("Andere")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="eviction_actions")
    kind = models.CharField(_("wat"), max_length=30, choices=Kind.choices)
    date = models.DateField(_("datum"), default=timezone.localdate)
    consent = models.BooleanField(_("de huurder gaf toestemming"), null=True, blank=True)
    note = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("actie van het OCMW")
        verbose_name_plural = _("acties van het OCMW")
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["kind", "date"])]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}"

    def audit_subject(self):
        return self.dossier.audit_subject()
