"""Waiting-room screens and the short messages they show in turn.

Nothing here refers to a person: a screen is a TV in a waiting room, opened by a secret link, and
a message is a text the beheerder writes for everyone in that room (ADR 0019)."""

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

TOKEN_BYTES = 24  # 32 URL-safe characters: a link nobody guesses


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class Screen(models.Model):
    """A TV in a waiting room. Its secret link (`token`) is revoked by emptying it and renewed
    by drawing a new one; the old link then answers 404."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    location = models.CharField(
        _("plaats"),
        max_length=200,
        blank=True,
        help_text=_("Waar het scherm hangt, bijvoorbeeld 'Wachtzaal gelijkvloers'."),
    )
    token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("wachtzaalscherm")
        verbose_name_plural = _("wachtzaalschermen")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return bool(self.token)


class ScreenMessage(models.Model):
    """A short message for the screens. The two defaults (the water scan and the office hours)
    are made by the migration; the office hours message without text of its own shows the
    organisation's office hours (Beheer → Organisatie)."""

    class Kind(models.TextChoices):
        BERICHT = "bericht", _("Bericht")
        WATERSCAN = "waterscan", _("Waterscan (standaard)")
        OPENINGSUREN = "openingsuren", _("Openingsuren (standaard)")

    kind = models.CharField(
        _("soort"), max_length=20, choices=Kind.choices, default=Kind.BERICHT, editable=False
    )
    title = models.CharField(_("titel"), max_length=80)
    text = models.TextField(_("tekst"), max_length=300, blank=True)
    image = models.ImageField(_("afbeelding"), upload_to="screens/", blank=True)
    image_description = models.CharField(
        _("beschrijving van de afbeelding"),
        max_length=150,
        blank=True,
        help_text=_("Wat op de afbeelding staat, voor wie ze niet ziet. Leeg: enkel versiering."),
    )
    link_url = models.URLField(
        _("webpagina (QR-code)"),
        blank=True,
        help_text=_("Het scherm toont een QR-code naar deze pagina, met het adres eronder."),
    )
    starts_on = models.DateField(_("tonen vanaf"), null=True, blank=True)
    ends_on = models.DateField(_("tonen tot en met"), null=True, blank=True)
    all_screens = models.BooleanField(_("op alle schermen"), default=True)
    screens = models.ManyToManyField(
        Screen, blank=True, related_name="messages", verbose_name=_("schermen")
    )
    active = models.BooleanField(
        _("tonen"),
        default=True,
        help_text=_("Uitvinken om een bericht even niet te tonen zonder het te verwijderen."),
    )
    position = models.PositiveSmallIntegerField(
        _("volgorde"), default=100, help_text=_("Lager komt eerst.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("schermbericht")
        verbose_name_plural = _("schermberichten")
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["active", "starts_on", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="screen_message_period",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_default(self) -> bool:
        return self.kind != self.Kind.BERICHT

    def period_state(self, today) -> str:
        """'nu', 'gepland', 'afgelopen' or 'uit' (for the Beheer list)."""
        if not self.active:
            return "uit"
        if self.starts_on and self.starts_on > today:
            return "gepland"
        if self.ends_on and self.ends_on < today:
            return "afgelopen"
        return "nu"
