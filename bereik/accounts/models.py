from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
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
        return self.label(self.first_name, self.last_name, self.username)

    @staticmethod
    def label(first_name: str, last_name: str, username: str) -> str:
        """How a user is named on screen: the full name (as `get_full_name`), else the
        username. Also for names read without a user (`accounts/choices.py`)."""
        return f"{first_name} {last_name}".strip() or username

    @cached_property
    def role_codes(self) -> frozenset[str]:
        """Read once per user object; the signed-in user's come with the user
        (`accounts.backends.signed_in_user`)."""
        return frozenset(role.code for role in self.roles.all())

    @cached_property
    def teams_by_name(self) -> list:
        """The user's teams by name, read once per user object (a page's forms ask for them)."""
        return list(self.teams.order_by("name"))

    @cached_property
    def team_ids(self) -> frozenset[int]:
        return frozenset(team.pk for team in self.teams_by_name)

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
    """A message for one user (dossier assigned, referral received, deadline near, ...), shown in
    the app and, as the user chose for its kind, mailed at once or in the daily overview.

    The kinds are one list (`Kind`); who gets each and why is `bereik.accounts.notifications`
    and docs/notifications.md. A notification about one dossier keeps that dossier's id
    (`dossier_pk`, no foreign key: the accounts sit below the dossiers) so that it is shown only
    while its user may still see the dossier."""

    class Kind(models.TextChoices):
        ASSIGNED = "toegewezen", _("Dossier aan jou toegewezen")
        CONSULTATION = "overleg", _("Overleg gevraagd (route B)")
        REFERRAL_RECEIVED = "doorverwijzing", _("Doorverwijzing ontvangen")
        REFERRAL_ACCEPTED = "doorverwijzing_aanvaard", _("Doorverwijzing aanvaard")
        REFERRAL_RETURNED = "doorverwijzing_terug", _("Doorverwijzing teruggestuurd")
        HANDOVER_CONFIRM = "warme_overdracht", _("Warme overdracht te bevestigen")
        LAC_PREPARATION = "lac_voorbereiding", _("LAC-voorbereiding")
        LAC_LATE = "lac_termijn", _("LAC-zitting na de wettelijke termijn")
        LAC_FEEDBACK = "lac_terugkoppeling", _("Terugkoppeling voor de LAC")
        ADVICE_CONDITIONS = "advies_voorwaarden", _("LAC-advies met voorwaarden")
        VISIT_PLANNED = "huisbezoek", _("Huisbezoek voor jou gepland")
        VISIT_CANCELLED = "huisbezoek_geannuleerd", _("Huisbezoek geannuleerd")
        TASK_DUE = "taak", _("Taak te doen")
        DEADLINE_NEAR = "termijn", _("Termijn nadert, nog niet bereikt")
        STEP_OVERDUE = "volgende_stap", _("Volgende stap over tijd")
        WEEKLY_REPORT = "weekrapport", _("Weekrapport")

    class Delivery(models.TextChoices):
        APP = "app", _("Alleen in Bereik")
        MAIL = "mail", _("Meteen per e-mail")
        DIGEST = "dagelijks", _("In het dagelijkse overzicht per e-mail")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    created_at = models.DateTimeField(auto_now_add=True)
    # Blank only for the notifications made before there were kinds.
    kind = models.CharField(_("soort"), max_length=40, choices=Kind.choices, blank=True)
    text = models.CharField(_("bericht"), max_length=300)
    url = models.CharField(_("link"), max_length=300, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    dossier_pk = models.PositiveBigIntegerField(
        _("dossier"), null=True, blank=True, help_text=_("Het dossier waarover het gaat, als één.")
    )
    # What a mail may say of it: the kind's own sentence with a dossier number or a count, never
    # the text above (which may name the household).
    mail_text = models.CharField(_("tekst voor e-mail"), max_length=300, blank=True)
    delivery = models.CharField(
        _("bezorging"), max_length=20, choices=Delivery.choices, default=Delivery.APP
    )
    mail = models.ForeignKey(
        "accounts.Mail",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("e-mail"),
    )
    # What it is about, for notifications that must be made once (a deadline, a task due): the
    # same user never gets two notifications with the same reference.
    ref = models.CharField(_("referentie"), max_length=100, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["delivery", "mail", "read_at"], name="notification_digest_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "ref"], condition=~Q(ref=""), name="notification_once_per_ref"
            )
        ]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return self.url or reverse("home")


class NotificationSetting(models.Model):
    """A user's own choice for one kind of notification; without one, the default of their roles
    (`NotificationDefault`, else the code's default) applies."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notification_settings")
    kind = models.CharField(_("soort"), max_length=40, choices=Notification.Kind.choices)
    delivery = models.CharField(
        _("bezorging"), max_length=20, choices=Notification.Delivery.choices
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_setting_once")
        ]

    def __str__(self):
        return f"{self.user} · {self.get_kind_display()}: {self.get_delivery_display()}"


class NotificationDefault(models.Model):
    """The beheerder's default for one role and kind (Beheer → Meldingen per rol)."""

    role = models.CharField(_("rol"), max_length=40, choices=Role.Code.choices)
    kind = models.CharField(_("soort"), max_length=40, choices=Notification.Kind.choices)
    delivery = models.CharField(
        _("bezorging"), max_length=20, choices=Notification.Delivery.choices
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["role", "kind"], name="notification_default_once")
        ]

    def __str__(self):
        return (
            f"{self.get_role_display()} · {self.get_kind_display()}: {self.get_delivery_display()}"
        )


class Mail(models.Model):
    """The outbox: every notification mail, stored before it is sent by the task worker, with
    its attempts. The body is the whole mail: a short text and links into Bereik, never personal
    data (`bereik.accounts.mail`)."""

    class Status(models.TextChoices):
        QUEUED = "wachtrij", _("In de wachtrij")
        SENDING = "bezig", _("Wordt verstuurd")
        RETRY = "opnieuw", _("Mislukt, nieuwe poging gepland")
        SENT = "verstuurd", _("Verstuurd")
        FAILED = "mislukt", _("Mislukt")
        # Never sent: what it was about was erased before it left (retention, ADR 0028).
        CANCELLED = "geannuleerd", _("Geannuleerd, niet verstuurd")

    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="mails"
    )
    to = models.EmailField(_("aan"))
    # The kind of the notifications it carries; blank for the daily overview.
    kind = models.CharField(
        _("soort"), max_length=40, choices=Notification.Kind.choices, blank=True
    )
    digest_on = models.DateField(_("overzicht van"), null=True, blank=True)
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("tekst"))
    headers = models.JSONField(_("kopregels"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.CharField(_("laatste fout"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="mail_due_idx"),
            models.Index(fields=["created_at"], name="mail_created_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "digest_on"],
                condition=Q(digest_on__isnull=False),
                name="mail_one_digest_per_day",
            )
        ]

    def __str__(self):
        return f"{self.to}: {self.subject}"

    @property
    def is_digest(self) -> bool:
        return self.digest_on is not None

    @property
    def can_retry(self) -> bool:
        return self.status in (self.Status.FAILED, self.Status.RETRY)
