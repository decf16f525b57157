"""Experts by experience (ervaringsdeskundigen) and bridge figures: the households proposed to an
expert, the expert's contacts with them, the households an expert met by outreach, and the LAC
sessions an expert goes along to as vertrouwenspersoon.

The expert never opens a dossier: what they see of a household is the `Proposal` they accepted
(name, address, phone, the short note, the next appointment), read through `queries.py`."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Proposal(models.Model):
    """A household proposed to an expert by the dossier's worker, with the help asked and what
    the expert may know. The household appears for the expert only once accepted."""

    class Status(models.TextChoices):
        PROPOSED = "voorgesteld", _("Voorgesteld")
        ACCEPTED = "aanvaard", _("Aanvaard")
        DECLINED = "geweigerd", _("Geweigerd")
        ENDED = "beeindigd", _("Beëindigd")

    OPEN_STATUSES = (Status.PROPOSED, Status.ACCEPTED)

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="expert_proposals",
        verbose_name=_("dossier"),
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="expert_proposals",
        verbose_name=_("ervaringsdeskundige"),
    )
    help_asked = models.CharField(_("gevraagde hulp"), max_length=300)
    note = models.TextField(_("korte notitie voor de ervaringsdeskundige"), max_length=1000)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voorgesteld door"),
    )
    proposed_at = models.DateTimeField(_("voorgesteld op"), default=timezone.now)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    reason = models.CharField(_("reden"), max_length=300, blank=True)
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    # The next appointment the expert made with the household (from a contact).
    next_appointment_at = models.DateTimeField(_("volgende afspraak"), null=True, blank=True)
    next_appointment_place = models.CharField(_("plaats afspraak"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("voorstel aan ervaringsdeskundige")
        verbose_name_plural = _("voorstellen aan ervaringsdeskundigen")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "expert"],
                condition=models.Q(status__in=["voorgesteld", "aanvaard"]),
                name="expert_proposal_open_once",
            )
        ]
        indexes = [
            models.Index(fields=["expert", "status"]),
            models.Index(fields=["dossier", "status"]),
            models.Index(fields=["proposed_at"]),
            models.Index(fields=["answered_at", "status"]),
        ]

    def __str__(self):
        return f"{self.dossier.number} · {self.get_status_display()}"

    def audit_subject(self):
        return self.dossier.audit_subject()

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class Contact(models.Model):
    """One contact of the expert with a proposed household, shared with the dossier's workers."""

    class Kind(models.TextChoices):
        HOME_VISIT = "huisbezoek", _("Huisbezoek")
        PHONE = "telefoon", _("Telefoon")
        FOOD_BANK = "voedselbedeling", _("Voedselbedeling")
        MEETING_PLACE = "ontmoetingsplaats", _("Ontmoetingsplaats")
        RECEPTION = "onthaal", _("Onthaal van het OCMW")
        ALONG_OCMW = "mee_ocmw", _("Meegegaan naar het OCMW")
        ALONG_LAC = "mee_lac", _("Meegegaan naar de LAC")

    class Referral(models.TextChoices):
        NONE = "geen", _("Geen doorverwijzing")
        SUGGESTED = "voorgesteld", _("Doorverwijzing voorgesteld")
        MADE = "gedaan", _("Doorverwezen")

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("voorstel")
    )
    date = models.DateField(_("datum"))
    kind = models.CharField(_("soort contact"), max_length=20, choices=Kind.choices)
    place = models.CharField(_("plaats"), max_length=200, blank=True)
    note = models.TextField(_("korte notitie voor de maatschappelijk werker"), max_length=1000)
    referral = models.CharField(
        _("doorverwijzing"), max_length=12, choices=Referral.choices, default=Referral.NONE
    )
    referral_to = models.CharField(_("doorverwezen naar"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("contact van een ervaringsdeskundige")
        verbose_name_plural = _("contacten van ervaringsdeskundigen")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["proposal", "date"]),
            models.Index(fields=["date", "kind"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"

    def audit_subject(self):
        return self.proposal.dossier.audit_subject()


class OutreachSignal(models.Model):
    """A household an expert met by outreach and brought in: the signal (source "via
    ervaringsdeskundige") is the intake's; the expert sees only that it was received and who
    follows it."""

    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="expert_signals",
        verbose_name=_("ervaringsdeskundige"),
    )
    signal = models.OneToOneField(
        "dossiers.Signal",
        on_delete=models.CASCADE,
        related_name="expert_outreach",
        verbose_name=_("signaal"),
    )
    met_at = models.CharField(_("ontmoet bij"), max_length=20, choices=Contact.Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("signaal via ervaringsdeskundige")
        verbose_name_plural = _("signalen via ervaringsdeskundigen")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["expert", "created_at"]),
            models.Index(fields=["created_at"]),
        ]

    def __str__(self):
        return f"{self.signal} ({self.expert})"

    def audit_subject(self):
        return self.signal.dossier.audit_subject() if self.signal.dossier_id else None


class LacCompanion(models.Model):
    """The expert goes along to a LAC session as the household's vertrouwenspersoon."""

    item = models.ForeignKey(
        "lac.AgendaItem",
        on_delete=models.CASCADE,
        related_name="expert_companions",
        verbose_name=_("agendapunt"),
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="expert_lac_companions",
        verbose_name=_("ervaringsdeskundige"),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("vertrouwenspersoon op de LAC")
        verbose_name_plural = _("vertrouwenspersonen op de LAC")
        constraints = [
            models.UniqueConstraint(fields=["item", "expert"], name="expert_lac_companion_once")
        ]
        indexes = [models.Index(fields=["expert", "item"])]

    def __str__(self):
        return f"{self.expert} → {self.item}"

    def audit_subject(self):
        return self.item.dossier.audit_subject()
