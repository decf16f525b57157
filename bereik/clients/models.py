from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bereik.lib.insz import mask as mask_insz


class Client(models.Model):
    """A person in the OCMW's client register (imported from its registration system or added by
    hand). Guidance status decides the route of the dossiers linked to this client."""

    GUIDANCE_ACTIVE = "actief"
    GUIDANCE_CLOSED = "afgesloten"
    GUIDANCE_NONE = "geen"
    GUIDANCE_CHOICES = [
        (GUIDANCE_ACTIVE, _("Actieve begeleiding")),
        (GUIDANCE_CLOSED, _("Begeleiding afgesloten")),
        (GUIDANCE_NONE, _("Nooit begeleid")),
    ]

    client_number = models.CharField(_("cliëntnummer"), max_length=40, unique=True)
    insz = models.CharField(_("INSZ"), max_length=11, blank=True, db_index=True)
    last_name = models.CharField(_("naam"), max_length=100)
    first_name = models.CharField(_("voornaam"), max_length=100, blank=True)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    street = models.CharField(_("straat"), max_length=200, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=20, blank=True)
    box = models.CharField(_("bus"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True, db_index=True)
    city = models.CharField(_("gemeente"), max_length=100, blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    guidance_status = models.CharField(
        _("begeleiding"), max_length=12, choices=GUIDANCE_CHOICES, default=GUIDANCE_NONE
    )
    intensive_guidance = models.BooleanField(_("ooit intensief begeleid"), default=False)
    guidance_end_date = models.DateField(_("einddatum laatste begeleiding"), null=True, blank=True)
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clients",
        verbose_name=_("maatschappelijk werker"),
    )
    social_worker_name = models.CharField(
        _("maatschappelijk werker (zoals in het register)"), max_length=100, blank=True
    )
    # Normalised surname key (lower case, no accents, particles folded) for blocking in matching.
    name_key = models.CharField(max_length=100, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cliënt")
        verbose_name_plural = _("cliënten")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["postcode", "name_key"])]

    def __str__(self):
        return f"{self.last_name} {self.first_name}".strip()

    def audit_subject(self):
        return self

    @property
    def insz_masked(self) -> str:
        return mask_insz(self.insz)

    @property
    def address(self) -> str:
        number = self.house_number + (f" bus {self.box}" if self.box else "")
        return f"{self.street} {number}".strip() + (
            f", {self.postcode} {self.city}" if self.postcode else ""
        )
