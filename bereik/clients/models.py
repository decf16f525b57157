from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.lib import matching
from bereik.lib.insz import mask as mask_insz
from bereik.lib.urls import int_url


class Client(models.Model):
    """A person in the OCMW's client register (imported from its registration system or added by
    hand). Guidance status decides the route of the dossiers linked to this client."""

    class Guidance(models.TextChoices):
        ACTIVE = "actief", _("Actieve begeleiding")
        CLOSED = "afgesloten", _("Begeleiding afgesloten")
        NONE = "geen", _("Nooit begeleid")

    client_number = models.CharField(_("cliëntnummer"), max_length=40, unique=True)
    insz = models.CharField(_("INSZ"), max_length=11, blank=True, db_index=True)
    last_name = models.CharField(_("naam"), max_length=100)
    first_name = models.CharField(_("voornaam"), max_length=100, blank=True)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    street = models.CharField(_("straat"), max_length=200, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=20, blank=True)
    box = models.CharField(_("bus"), max_length=20, blank=True)
    # No index of its own: (postcode, name_key) below serves a lookup by postcode alone.
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("gemeente"), max_length=100, blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    guidance_status = models.CharField(
        _("begeleiding"), max_length=12, choices=Guidance.choices, default=Guidance.NONE
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
    # Postcode, street and number, normalised (bereik.lib.matching.address_key), for blocking.
    address_key = models.CharField(max_length=250, blank=True, db_index=True)

    class Source(models.TextChoices):
        REGISTER = "register", _("registerexport")
        HAND = "hand", _("met de hand toegevoegd")
        DOSSIER = "dossier", _("aangemaakt vanuit een dossier")

    source = models.CharField(
        _("herkomst"), max_length=10, choices=Source.choices, default=Source.HAND
    )
    # Set when a register import no longer lists a client it listed before (never deleted).
    missing_from_register_since = models.DateField(
        _("niet meer in de registerexport sinds"), null=True, blank=True
    )
    # Beschermde klant (water): what the latest signal that says so tells, with its date and
    # where it came from (kept by `bereik.clients.protection.refresh`); None: nothing said.
    protected_customer = models.BooleanField(
        _("beschermde klant"), null=True, blank=True, db_index=True
    )
    protected_on = models.DateField(
        _("beschermde klant volgens signaal van"), null=True, blank=True
    )
    protected_source = models.CharField(_("bron beschermde klant"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cliënt")
        verbose_name_plural = _("cliënten")
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["postcode", "name_key"]),
            # The register list's order (`views.client_list`): its pages read the index.
            models.Index(fields=["last_name", "first_name", "id"], name="client_name_order"),
            # The search by client number in any case (`search.number_q`).
            models.Index(Upper("client_number"), name="client_number_upper"),
        ]

    def __str__(self):
        return f"{self.last_name} {self.first_name}".strip()

    def save(self, *args, **kwargs):
        self.refresh_keys()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key", "address_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return int_url("clients:detail", self.pk)  # a link on every row of a list

    def refresh_keys(self) -> None:
        """The matching keys follow the name and address (also call before bulk writes)."""
        keys = Client.matching_keys(
            self.last_name, self.street, self.house_number, self.box, self.postcode
        )
        self.name_key, self.address_key = keys["name_key"], keys["address_key"]

    @staticmethod
    def matching_keys(last_name, street, house_number, box, postcode) -> dict[str, str]:
        """`name_key` and `address_key` of a client with this name and address (for a client
        inserted as values, without a model instance)."""
        return {
            "name_key": matching.surname_key(last_name)[:100],
            "address_key": matching.address_key(street, house_number, box, postcode)[:250],
        }

    def as_person(self) -> matching.Person:
        return matching.Person(
            id=self.pk,
            last_name=self.last_name,
            first_name=self.first_name,
            insz=self.insz,
            birth_date=self.birth_date,
            street=self.street,
            house_number=self.house_number,
            box=self.box,
            postcode=self.postcode,
        )

    @property
    def in_active_guidance(self) -> bool:
        return self.guidance_status == self.Guidance.ACTIVE

    @property
    def full_name(self) -> str:
        return str(self)

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


class GuidanceChange(models.Model):
    """One change in a client's guidance (status, intensive, end date, social worker), from a
    register import or by hand. Append-only: the history the register export itself forgets."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="guidance_changes")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source = models.CharField(_("bron"), max_length=200, blank=True)
    guidance_status = models.CharField(
        _("begeleiding"), max_length=12, choices=Client.Guidance.choices
    )
    intensive_guidance = models.BooleanField(_("ooit intensief begeleid"), default=False)
    guidance_end_date = models.DateField(_("einddatum"), null=True, blank=True)
    social_worker_name = models.CharField(_("maatschappelijk werker"), max_length=100, blank=True)
    # What it was before (empty for the first entry).
    previous = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("wijziging in de begeleiding")
        verbose_name_plural = _("wijzigingen in de begeleiding")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["client", "at"])]

    def __str__(self):
        return f"{self.client}: {self.get_guidance_status_display()}"
