from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Role(models.Model):
    """A role from the product map. A user can hold several; the codes are fixed in code."""

    class Code(models.TextChoices):
        ONTHAAL = "onthaal", _("Onthaal / administratief medewerker")
        PREVENTIEWERKER = "preventiewerker", _("Preventiewerker")
        MAATSCHAPPELIJK_WERKER = "maatschappelijk_werker", _("Maatschappelijk werker")
        LAC_VOORZITTER = "lac_voorzitter", _("LAC-voorzitter")
        ENERGIECEL = "energiecel", _("Medewerker Energie- en Watercel")
        ERVARINGSDESKUNDIGE = "ervaringsdeskundige", _("Ervaringsdeskundige / brugfiguur")
        DIENSTHOOFD = "diensthoofd", _("Diensthoofd / beleidsmedewerker")
        BEHEERDER = "beheerder", _("Functioneel beheerder")

    code = models.CharField(_("code"), max_length=40, unique=True, choices=Code.choices)

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        ordering = ["code"]

    def __str__(self):
        return str(self.get_code_display())


class Team(models.Model):
    ONTHAALTEAM = "onthaalteam"
    SOCIALE_DIENST = "sociale_dienst"
    TRAJECTBEGELEIDING = "trajectbegeleiding"
    SCHULDBEMIDDELING = "schuldbemiddeling"
    ENERGIECEL = "energiecel"

    name = models.CharField(_("naam"), max_length=100, unique=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A staff member. Roles and teams decide what they see (`accounts/roles.py` and the access
    policy, `dossiers/access.py`)."""

    roles = models.ManyToManyField(Role, blank=True, related_name="users", verbose_name=_("rollen"))
    teams = models.ManyToManyField(
        Team, blank=True, related_name="members", verbose_name=_("teams")
    )
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    job_title = models.CharField(_("functie"), max_length=100, blank=True)
    is_absent = models.BooleanField(
        _("afwezig"),
        default=False,
        help_text=_("Afwezige medewerkers krijgen geen dossiers via automatische toewijzing."),
    )
    must_change_password = models.BooleanField(
        _("moet wachtwoord wijzigen"),
        default=False,
        help_text=_("Na een tijdelijk wachtwoord: bij de volgende aanmelding een eigen kiezen."),
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["first_name", "last_name"]

    def __str__(self):
        return self.get_full_name() or self.username

    @cached_property
    def role_codes(self) -> frozenset[str]:
        return frozenset(role.code for role in self.roles.all())

    @cached_property
    def team_ids(self) -> frozenset[int]:
        return frozenset(team.pk for team in self.teams.all())

    def has_role(self, *codes: str) -> bool:
        return bool(self.role_codes.intersection(codes))

    @property
    def is_beheerder(self) -> bool:
        """The functioneel beheerder; a superuser counts as one."""
        return self.is_superuser or self.has_role(Role.Code.BEHEERDER)

    @property
    def role_labels(self) -> list[str]:
        labels = dict(Role.Code.choices)
        return [str(labels[c]) for c in sorted(self.role_codes) if c in labels]


class Notification(models.Model):
    """An in-app message for one user (dossier assigned, referral received, ...)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    created_at = models.DateTimeField(auto_now_add=True)
    text = models.CharField(_("bericht"), max_length=300)
    url = models.CharField(_("link"), max_length=300, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return self.url or reverse("home")
