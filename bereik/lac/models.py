"""LAC sessions: the committee's members, its sessions, the agenda and the advice per dossier.

A session belongs to one company and one kind (water, or electricity and gas). Each dossier on the
agenda is an `AgendaItem`, which carries the preparation (preparer, legal deadline) and, once the
session is held, the attendance and the advice. Closing a session locks it; later changes are
`Correction` rows that keep both values and the reason.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.dossiers.models import Dossier
from bereik.lac.deadlines import lapse_consequence
from bereik.lib.urls import int_url


def own_social_worker(dossier):
    """Route A: the client's own social worker, who prepares the dossier for the LAC whoever
    follows it up; None when the route is another, or the worker is absent or has left. Select
    `dossier__client__social_worker` with lists (only route A dossiers read it)."""
    if dossier.route != Dossier.Route.A or dossier.client_id is None:
        return None
    worker = dossier.client.social_worker
    if worker is None or not worker.is_active or worker.is_absent:
        return None
    return worker


class LacPerson(models.Model):
    """Someone who can sit on the committee. Kept as a list the beheerder edits, because most
    members (the BCSD member, the company's representative) have no account in Bereik."""

    class Function(models.TextChoices):
        CHAIR = "voorzitter", _("Voorzitter")
        BCSD = "bcsd", _("Lid BCSD")
        COMPANY = "maatschappij", _("Vertegenwoordiger maatschappij")
        DEBT_MEDIATOR = "schuldbemiddelaar", _("Schuldbemiddelaar")
        SECRETARY = "secretaris", _("Secretaris")

    name = models.CharField(_("naam"), max_length=150)
    function = models.CharField(_("functie in de LAC"), max_length=20, choices=Function.choices)
    organisation = models.CharField(
        _("organisatie of dienst"),
        max_length=150,
        blank=True,
        help_text=_("Bijvoorbeeld: Schuldbemiddeling, BCSD, Fluvius."),
    )
    company = models.ForeignKey(
        "organisation.Company",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("maatschappij"),
        help_text=_("Alleen voor een vertegenwoordiger van een maatschappij."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lac_people",
        verbose_name=_("gebruiker in Bereik"),
        help_text=_(
            "Koppel een medewerker om hem de voorbereiding van zijn zittingen te laten zien."
        ),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("LAC-lid")
        verbose_name_plural = _("LAC-leden")
        ordering = ["function", "name"]

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


class SessionQuerySet(models.QuerySet):
    def upcoming(self):
        """Sessions still to be held or closed: from today on, and not closed yet."""
        return self.filter(date__gte=timezone.localdate(), closed_at__isnull=True).order_by(
            "date", "time", "pk"
        )

    def past(self):
        """Sessions held or closed: before today, or closed (a session closed today is done)."""
        return self.filter(Q(date__lt=timezone.localdate()) | Q(closed_at__isnull=False)).order_by(
            "-date", "-time", "-pk"
        )

    def with_member(self, user):
        """Sessions where `user` sits as chair, BCSD member, schuldbemiddelaar or secretary. The
        company's representative is left out on purpose: the company receives the letter only."""
        people = LacPerson.objects.filter(user=user).values("pk")
        return self.filter(
            models.Q(chair__in=people)
            | models.Q(bcsd_member__in=people)
            | models.Q(debt_mediator__in=people)
            | models.Q(secretary__in=people)
        )


def _seat(label, **extra) -> models.ForeignKey:
    """One of a session's five seats, filled from the list of LAC people (or left empty)."""
    return models.ForeignKey(
        LacPerson,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=label,
        **extra,
    )


class Session(models.Model):
    class Kind(models.TextChoices):
        WATER = "water", _("Water")
        ENERGIE = "energie", _("Elektriciteit en gas")

    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    company = models.ForeignKey(
        "organisation.Company",
        on_delete=models.PROTECT,
        related_name="lac_sessions",
        verbose_name=_("maatschappij"),
    )
    date = models.DateField(_("datum"))
    time = models.TimeField(_("uur"), null=True, blank=True)
    place = models.CharField(_("plaats"), max_length=200, blank=True)

    chair = _seat(_("voorzitter"))
    bcsd_member = _seat(_("lid BCSD"))
    company_representative = _seat(_("vertegenwoordiger maatschappij"))
    debt_mediator = _seat(
        _("schuldbemiddelaar"),
        help_text=_("Voor de dossiers van cliënten die op een schuldbemiddelaar beroep doen."),
    )
    secretary = _seat(_("secretaris"))
    notes = models.TextField(_("opmerkingen"), blank=True)

    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgesloten door"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SessionQuerySet.as_manager()

    MEMBER_FIELDS = ["chair", "bcsd_member", "company_representative", "debt_mediator", "secretary"]

    class Meta:
        verbose_name = _("LAC-zitting")
        verbose_name_plural = _("LAC-zittingen")
        ordering = ["-date", "-time", "-pk"]
        indexes = [
            models.Index(fields=["date"]),
            models.Index(fields=["company", "kind", "date"]),
        ]

    def __str__(self):
        return _("LAC %(kind)s %(company)s %(date)s") % {
            "kind": self.get_kind_display().lower(),
            "company": self.company,
            "date": self.date.strftime("%d/%m/%Y"),
        }

    def get_absolute_url(self):
        return int_url("lac:session", self.pk)  # a link on every row of a list

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def is_past(self) -> bool:
        return self.date < timezone.localdate()

    @property
    def has_started(self) -> bool:
        """Its day has come: attendance and advice can be recorded and the session closed (a
        decision letter is dated the day it is made and says the LAC discussed the dossier)."""
        return self.date <= timezone.localdate()

    def members(self) -> list[tuple[str, "LacPerson | None"]]:
        """(label, person) for each seat, in the order of the minutes."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in self.MEMBER_FIELDS
        ]

    def member_user_ids(self) -> set[int]:
        ids = set()
        for name in ("chair", "bcsd_member", "debt_mediator", "secretary"):
            person = getattr(self, name)
            if person is not None and person.user_id:
                ids.add(person.user_id)
        return ids


class AgendaItem(models.Model):
    """One dossier on a session's agenda: its preparation and, after the session, the advice."""

    # What the company asked; decides what the law says happens when no advice comes in time.
    class Request(models.TextChoices):
        CUTOFF = "afsluiting", _("Afsluiting")
        LIMITER = "begrenzer", _("Debietbegrenzer")
        RECONNECTION = "heraansluiting", _("Heraansluiting / wegname begrenzer")

    class Attendance(models.TextChoices):
        PRESENT = "aanwezig", _("Aanwezig")
        REPRESENTED = "vertegenwoordigd", _("Vertegenwoordigd")
        ABSENT = "afwezig", _("Afwezig")

    class Representative(models.TextChoices):
        FAMILY = "familielid", _("Familielid")
        LAWYER = "advocaat", _("Advocaat")
        SOCIAL_WORKER = "maatschappelijk_werker", _("Maatschappelijk werker")
        OTHER = "andere", _("Andere vertrouwenspersoon")

    class Advice(models.TextChoices):
        PLAN = "afbetalingsplan", _("Afbetalingsplan")
        LIMITER = "debietbegrenzer", _("Debietbegrenzer")
        CUTOFF = "afsluiting", _("Afsluiting")
        RECONNECTION = "heraansluiting", _("Heraansluiting / wegname begrenzer")
        METER = "budgetmeter", _("Budgetmeter of prepaid")
        POSTPONE = "uitstel", _("Uitstel")
        NO_CUTOFF = "geen_afsluiting", _("Geen afsluiting")
        OTHER = "andere", _("Andere")

    # Advice that fits one kind of session only: a flow limiter is for water, a budget meter or
    # prepaid for electricity and gas.
    ADVICE_ONLY_FOR = {Advice.LIMITER: Dossier.Kind.WATER, Advice.METER: Dossier.Kind.ENERGIE}
    # Advice that limits or stops the supply: without unanimity the company may not do it.
    RESTRICTIVE_ADVICES = (Advice.LIMITER, Advice.CUTOFF, Advice.METER)

    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="items", verbose_name=_("zitting")
    )
    dossier = models.ForeignKey(
        Dossier, on_delete=models.PROTECT, related_name="lac_items", verbose_name=_("dossier")
    )
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    # The session date the company's list asked for; with the dossier it keeps the import
    # idempotent, also after the item was moved to another session.
    requested_date = models.DateField(_("gevraagde zittingsdatum"), null=True, blank=True)
    signal = models.ForeignKey(
        "dossiers.Signal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signaal"),
    )

    preparer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lac_items_to_prepare",
        verbose_name=_("voorbereider"),
    )
    preparer_set_by_hand = models.BooleanField(default=False)

    request_type = models.CharField(
        _("aanvraag"), max_length=20, choices=Request.choices, default=Request.CUTOFF
    )
    request_date = models.DateField(_("datum aanvraag"), null=True, blank=True)
    legal_deadline = models.DateField(_("wettelijke termijn advies"), null=True, blank=True)

    attendance = models.CharField(
        _("cliënt"), max_length=20, choices=Attendance.choices, blank=True
    )
    representative_kind = models.CharField(
        _("vertegenwoordigd door"), max_length=30, choices=Representative.choices, blank=True
    )
    representative_name = models.CharField(_("naam vertegenwoordiger"), max_length=150, blank=True)
    advice = models.CharField(_("advies"), max_length=20, choices=Advice.choices, blank=True)
    advice_other = models.CharField(_("ander advies"), max_length=200, blank=True)
    conditional = models.BooleanField(_("voorwaardelijk"), default=False)
    conditions = models.TextField(_("voorwaarden"), blank=True)
    condition_deadline = models.DateField(_("uiterlijk tegen"), null=True, blank=True)
    unanimous = models.BooleanField(_("unaniem"), null=True, blank=True)
    note = models.TextField(_("notitie"), blank=True)
    recorded_at = models.DateTimeField(_("advies genoteerd op"), null=True, blank=True)

    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["session", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "dossier"], name="lac_item_once_per_session"
            ),
            models.UniqueConstraint(
                fields=["dossier", "requested_date"],
                condition=models.Q(requested_date__isnull=False),
                name="lac_item_once_per_requested_date",
            ),
        ]
        indexes = [
            models.Index(fields=["preparer", "session"]),
            models.Index(fields=["dossier", "requested_date"]),
        ]

    def __str__(self):
        return f"{self.session}: {self.dossier.household_name}"

    def audit_subject(self):
        return self.dossier.audit_subject()

    @classmethod
    def advice_choices(cls, kind: str, *, keep: str = "") -> list[tuple[str, str]]:
        """The advice a session of `kind` can give (`keep`: a value already recorded stays)."""
        return [
            (code, label)
            for code, label in cls.Advice.choices
            if cls.ADVICE_ONLY_FOR.get(code, kind) == kind or code == keep
        ]

    # What `current_preparer` reads: select these with every list of items.
    PREPARER_RELATED = ("preparer", "dossier__assigned_to", "dossier__client__social_worker")

    @property
    def current_preparer(self):
        """Who prepares the dossier now (the rule of `preparer_for`, applied to today's dossier):
        a preparer set by hand stays; else, on route A, the client's own social worker (when
        available); else the dossier's worker, who may have changed since the item was placed.
        Only an unassigned dossier keeps the preparer picked when it was placed. Read
        `PREPARER_RELATED` with lists (selected, or prefetched as the agenda does)."""
        if self.preparer_set_by_hand:
            return self.preparer
        return own_social_worker(self.dossier) or self.dossier.assigned_to or self.preparer

    @staticmethod
    def prepared_by(user) -> Q:
        """The items `user` prepares now (the same rule as `current_preparer`, as a filter)."""
        auto = Q(preparer_set_by_hand=False)
        worker = "dossier__client__social_worker"
        own = Q(
            dossier__route=Dossier.Route.A,
            **{f"{worker}__is_active": True, f"{worker}__is_absent": False},
        )
        # Spelled out rather than ~own: a negation across the nullable client and worker would
        # also drop the dossiers without a client.
        no_own = (
            ~Q(dossier__route=Dossier.Route.A)
            | Q(**{f"{worker}__isnull": True})
            | Q(**{f"{worker}__is_active": False})
            | Q(**{f"{worker}__is_absent": True})
        )
        return (
            Q(preparer_set_by_hand=True, preparer=user)
            | (auto & own & Q(**{worker: user}))
            | (auto & no_own & Q(dossier__assigned_to=user))
            | (auto & no_own & Q(dossier__assigned_to__isnull=True, preparer=user))
        )

    @property
    def is_late(self) -> bool:
        """The session falls after the legal deadline for the advice."""
        return self.legal_deadline is not None and self.session.date > self.legal_deadline

    @property
    def lapse_consequence(self) -> str:
        return lapse_consequence(self.session.kind, self.request_type)

    @property
    def advice_label(self) -> str:
        if self.advice == self.Advice.OTHER and self.advice_other:
            return self.advice_other
        return str(self.get_advice_display()) if self.advice else ""

    @property
    def company_may_not_cut_off(self) -> bool:
        """Without unanimity the company may not cut off (nor limit the supply)."""
        return self.unanimous is False

    @property
    def representation_label(self) -> str:
        if self.attendance != self.Attendance.REPRESENTED:
            return ""
        kind = self.get_representative_kind_display() if self.representative_kind else ""
        return ", ".join(part for part in (str(kind), self.representative_name) if part)

    @property
    def has_advice(self) -> bool:
        return bool(self.advice and self.attendance)


class SkippedRequest(models.Model):
    """A LAC list asked a session for a household already on another open session's agenda, and
    the user chose to leave it there: the list's request is remembered as handled, so that the
    daily placement does not put the household on a second session after all."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="+")
    requested_date = models.DateField(_("gevraagde zittingsdatum"))
    kept_on = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("niet geplaatste aanvraag")
        verbose_name_plural = _("niet geplaatste aanvragen")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "requested_date"], name="lac_skipped_once_per_requested_date"
            )
        ]

    def __str__(self):
        return f"{self.dossier_id} {self.requested_date}"

    def audit_subject(self):
        return self.dossier.audit_subject()


class Correction(models.Model):
    """A change made after the session was closed: both values and the reason are kept."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="corrections")
    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, null=True, blank=True, related_name="corrections"
    )
    field = models.CharField(max_length=40)
    field_label = models.CharField(_("gegeven"), max_length=100)
    old_value = models.TextField(_("oude waarde"), blank=True)
    new_value = models.TextField(_("nieuwe waarde"), blank=True)
    reason = models.TextField(_("reden"))
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("correctie")
        verbose_name_plural = _("correcties")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.field_label}: {self.old_value} → {self.new_value}"
