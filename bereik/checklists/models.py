"""Guiding questions (richtvragen): short question lists on water, energy, housing quality and
money that a worker or an ervaringsdeskundige goes through with a household to see where to refer
it. The beheerder edits the lists; each question names the answer that suggests a referral and
where to (a water scan, a team of the OCMW, an external organisation, or only advice).

A filled checklist is kept with the dossier: every answer with the question's text and its
suggestion as they were when answered, so editing a list later changes nothing that was filled.
Questions and lists are retired (`active=False`), never deleted."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from bereik.followup.models import InternalReferral


class Reply(models.TextChoices):
    YES = "ja", _("Ja")
    NO = "nee", _("Nee")
    UNKNOWN = "weet_niet", _("Weet niet")


class Target(models.TextChoices):
    """Where a suggestion refers the household to, and so what one step does with it."""

    WATER_SCAN = "waterscan", _("Waterscan aanvragen")
    TEAM = "team", _("Interne doorverwijzing naar een team van het OCMW")
    ORGANISATION = "organisatie", _("Warme overdracht naar een externe organisatie")
    ADVICE = "advies", _("Alleen een advies (geen doorverwijzing)")


class Checklist(models.Model):
    """One list of guiding questions (Water, Energie, Woningkwaliteit, Geld)."""

    name = models.CharField(_("naam"), max_length=100)
    intro = models.CharField(
        _("uitleg"),
        max_length=300,
        blank=True,
        help_text=_("Eén zin boven de vragen, voor wie ze met het gezin overloopt."),
    )
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(
        _("in gebruik"),
        default=True,
        help_text=_(
            "Een uitgeschakelde lijst wordt niet meer aangeboden; wat ermee ingevuld is, blijft."
        ),
    )

    class Meta:
        verbose_name = _("lijst richtvragen")
        verbose_name_plural = _("lijsten richtvragen")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Question(models.Model):
    """A question, the answer that suggests a referral, and where that referral goes."""

    checklist = models.ForeignKey(
        Checklist, on_delete=models.PROTECT, related_name="questions", verbose_name=_("lijst")
    )
    text = models.CharField(_("vraag"), max_length=300)
    help_text = models.CharField(
        _("toelichting"),
        max_length=300,
        blank=True,
        help_text=_("Optioneel: hoe je de vraag stelt of waar je op let."),
    )
    suggest_on = models.CharField(
        _("antwoord dat een doorverwijzing voorstelt"),
        max_length=10,
        choices=Reply.choices,
        default=Reply.YES,
    )
    suggestion = models.CharField(
        _("voorstel"),
        max_length=200,
        help_text=_("Wat Bereik bij dat antwoord voorstelt, bv. 'Gratis waterscan aanvragen'."),
    )
    target = models.CharField(
        _("doorverwijzen naar"), max_length=20, choices=Target.choices, default=Target.ADVICE
    )
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team"),
        help_text=_("Bij een interne doorverwijzing."),
    )
    help_kind = models.CharField(
        _("soort hulp"),
        max_length=30,
        choices=InternalReferral.HelpKind.choices,
        blank=True,
        help_text=_("Bij een interne doorverwijzing."),
    )
    organisation = models.ForeignKey(
        "followup.ExternalOrganisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("externe organisatie"),
        help_text=_("Bij een warme overdracht."),
    )
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(
        _("in gebruik"),
        default=True,
        help_text=_("Een uitgeschakelde vraag wordt niet meer gesteld; de antwoorden blijven."),
    )

    class Meta:
        verbose_name = _("richtvraag")
        verbose_name_plural = _("richtvragen")
        ordering = ["checklist__order", "checklist__name", "order", "id"]

    def __str__(self):
        return self.text

    def clean(self):
        errors = {}
        if self.target == Target.TEAM:
            if self.team_id is None:
                errors["team"] = _("Kies het team waarnaar doorverwezen wordt.")
            if not self.help_kind:
                errors["help_kind"] = _("Kies de soort hulp die gevraagd wordt.")
        if self.target == Target.ORGANISATION and self.organisation_id is None:
            errors["organisation"] = _("Kies de organisatie voor de warme overdracht.")
        if errors:
            raise ValidationError(errors)

    def routing(self) -> dict:
        """Where a suggestion of this question refers to (kept with each answer)."""
        routed_to_team = self.target == Target.TEAM
        return {
            "target": self.target,
            "team_id": self.team_id if routed_to_team else None,
            "help_kind": self.help_kind if routed_to_team else "",
            "organisation_id": self.organisation_id if self.target == Target.ORGANISATION else None,
        }


class FilledChecklist(models.Model):
    """A checklist gone through with the household, kept with the dossier for its workers."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="filled_checklists"
    )
    checklist = models.ForeignKey(
        Checklist, on_delete=models.PROTECT, related_name="filled", verbose_name=_("lijst")
    )
    checklist_name = models.CharField(_("lijst"), max_length=100)
    filled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("overlopen door"),
    )
    filled_at = models.DateTimeField(_("overlopen op"), default=timezone.now)
    note = models.TextField(_("notitie"), blank=True)

    class Meta:
        verbose_name = _("ingevulde richtvragen")
        verbose_name_plural = _("ingevulde richtvragen")
        ordering = ["-filled_at", "-id"]
        indexes = [models.Index(fields=["dossier", "filled_at"])]

    def __str__(self):
        return f"{self.checklist_name} ({timezone.localtime(self.filled_at):%d/%m/%Y})"

    def audit_subject(self):
        return self.dossier.audit_subject()

    @cached_property
    def suggestions(self) -> list:
        """The answers that suggest a referral, in the list's order (prefetch `answers`)."""
        return [answer for answer in self.answers.all() if answer.suggests]


class Answer(models.Model):
    """One answer. When it is the answer its question names, it carries the suggestion (text and
    routing as they were), and once acted on, who referred and what was made."""

    filled = models.ForeignKey(FilledChecklist, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    question_text = models.CharField(_("vraag"), max_length=300)
    reply = models.CharField(_("antwoord"), max_length=10, choices=Reply.choices)
    order = models.PositiveIntegerField(default=0)
    suggestion = models.CharField(_("voorstel"), max_length=200, blank=True)
    target = models.CharField(max_length=20, choices=Target.choices, blank=True)
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    help_kind = models.CharField(
        max_length=30, choices=InternalReferral.HelpKind.choices, blank=True
    )
    organisation = models.ForeignKey(
        "followup.ExternalOrganisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    referred_at = models.DateTimeField(_("doorverwezen op"), null=True, blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    referral_summary = models.CharField(_("doorverwijzing"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("antwoord op een richtvraag")
        verbose_name_plural = _("antwoorden op richtvragen")
        ordering = ["order", "id"]
        indexes = [models.Index(fields=["target", "referred_at"])]

    def __str__(self):
        return f"{self.question_text}: {self.get_reply_display()}"

    def audit_subject(self):
        return self.filled.audit_subject()

    @property
    def suggests(self) -> bool:
        return bool(self.suggestion)

    @property
    def referable(self) -> bool:
        """A suggestion one step can turn into a referral (advice is only shown)."""
        return self.suggests and self.target != Target.ADVICE
