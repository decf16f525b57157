import datetime
import re
import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.dossiers.deadlines import DeadlineRules
from bereik.lib.days import day_start
from bereik.lib.insz import mask as mask_insz
from bereik.lib.urls import int_url
from bereik.organisation.models import Organisation


class DossierQuerySet(models.QuerySet):
    """The attention rules, each defined once as a Q: lists filter on it, rows are marked with it
    (`with_attention`), the home panels count with it."""

    @staticmethod
    def deadline_near_unreached_q(
        *, today: datetime.date | None = None, days: int | None = None
    ) -> Q:
        """Open, the household not reached, and the deadline within the warning period
        (Organisation.deadline_warning_days) or already past."""
        today = today or timezone.localdate()
        days = Organisation.warning_days() if days is None else days
        return Q(
            status__in=Dossier.OPEN_STATUSES,
            reached_on__isnull=True,
            deadline__isnull=False,
            deadline__lte=today + datetime.timedelta(days=days),
        )

    @staticmethod
    def next_step_overdue_q(*, today: datetime.date | None = None) -> Q:
        """Open, and the next step should have been taken before today."""
        today = today or timezone.localdate()
        return Q(status__in=Dossier.OPEN_STATUSES, next_step_date__lt=today)

    @staticmethod
    def opened_between_q(first: datetime.date, last: datetime.date, prefix: str = "") -> Q:
        """Opened on a day from `first` to `last` (both included, Belgian days): the dossiers of
        a period in the figures and the worklists' "Geopend vanaf / tot en met". `prefix` reaches
        the dossier from another model ("dossier__")."""
        return Q(
            **{
                f"{prefix}opened_at__gte": day_start(first),
                f"{prefix}opened_at__lt": day_start(last, days_after=1),
            }
        )

    @staticmethod
    def reached_q(prefix: str = "") -> Q:
        """The household was reached: the dossier has a "Bereikt op" date."""
        return Q(**{f"{prefix}reached_on__isnull": False})

    @staticmethod
    def reached_before_deadline_q(prefix: str = "") -> Q:
        """Reached on a day before the day of the deadline (a dossier without a deadline is never
        reached before it)."""
        return Q(
            **{
                f"{prefix}reached_on__isnull": False,
                f"{prefix}deadline__isnull": False,
                f"{prefix}reached_on__lt": F(f"{prefix}deadline"),
            }
        )

    def deadline_near_unreached(self, **kwargs) -> "DossierQuerySet":
        """The dossiers of the rule, soonest deadline first."""
        return self.filter(self.deadline_near_unreached_q(**kwargs)).order_by("deadline", "number")

    def next_step_overdue(self, **kwargs) -> "DossierQuerySet":
        """The dossiers of the rule, oldest step first."""
        return self.filter(self.next_step_overdue_q(**kwargs)).order_by("next_step_date", "number")

    def with_attention(self, **kwargs) -> "DossierQuerySet":
        """Each row marked `deadline_near_unreached` and `next_step_overdue` by the two rules."""
        return self.annotate(
            deadline_near_unreached=ExpressionWrapper(
                self.deadline_near_unreached_q(**kwargs), output_field=BooleanField()
            ),
            next_step_overdue=ExpressionWrapper(
                self.next_step_overdue_q(today=kwargs.get("today")), output_field=BooleanField()
            ),
        )


class Dossier(DeadlineRules, models.Model):
    """An opvolgingsdossier: the signals about one household and one threat, followed up from first
    signal to outcome. Household fields are copied from the latest signal (what the company says);
    `client` is the link to the OCMW's register once matched."""

    class Kind(models.TextChoices):
        WATER = "water", _("Water")
        ENERGIE = "energie", _("Energie")
        WOONST = "woonst", _("Woonst (uithuiszetting)")
        ANDERE = "andere", _("Andere")

    class Status(models.TextChoices):
        NEW = "nieuw", _("Nieuw")
        ASSIGNED = "toegewezen", _("Toegewezen")
        IN_PROGRESS = "in_behandeling", _("In behandeling")
        REACHED = "bereikt", _("Bereikt")
        CLOSED = "afgesloten", _("Afgesloten")

    # Status pipeline: allowed moves are data; each change is a DossierEvent.
    PIPELINE = {
        Status.NEW: [Status.ASSIGNED, Status.IN_PROGRESS, Status.REACHED, Status.CLOSED],
        Status.ASSIGNED: [Status.NEW, Status.IN_PROGRESS, Status.REACHED, Status.CLOSED],
        Status.IN_PROGRESS: [Status.ASSIGNED, Status.REACHED, Status.CLOSED],
        Status.REACHED: [Status.IN_PROGRESS, Status.CLOSED],
        Status.CLOSED: [Status.IN_PROGRESS, Status.REACHED],  # reopening, with a reason
    }
    OPEN_STATUSES = [Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS, Status.REACHED]

    class Route(models.TextChoices):
        A = "A", _("A: actieve begeleiding")
        B = "B", _("B: vroeger intensief begeleid")
        C = "C", _("C: nooit intensief begeleid of onbekend")

    class DeadlineKind(models.TextChoices):
        SESSION = "lac", _("LAC-zitting")
        MEASURE = "maatregel", _("geplande maatregel")
        HEARING = "zitting", _("inleidende zitting")
        # The eviction procedure after the summons (bereik.eviction).
        NEXT_HEARING = "volgende_zitting", _("volgende zitting")
        SERVICE = "betekening", _("een maand na de betekening")
        EVICTION = "uithuiszetting", _("datum uithuiszetting")
        OTHER = "andere", _("termijn uit het signaal")

    number = models.CharField(_("dossiernummer"), max_length=20, unique=True)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, db_index=True)
    company = models.ForeignKey(
        "organisation.Company",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("maatschappij"),
    )
    customer_number = models.CharField(_("klantnummer"), max_length=60, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )

    # The household as the signals describe it.
    last_name = models.CharField(_("naam"), max_length=150)
    first_name = models.CharField(_("voornaam"), max_length=100, blank=True)
    insz = models.CharField(_("INSZ"), max_length=11, blank=True, db_index=True)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    street = models.CharField(_("straat"), max_length=200, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=20, blank=True)
    box = models.CharField(_("bus"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("gemeente"), max_length=100, blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    amount_due = models.DecimalField(
        _("openstaand bedrag"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    deadline = models.DateField(_("termijn"), null=True, blank=True, db_index=True)
    deadline_kind = models.CharField(
        _("soort termijn"), max_length=20, choices=DeadlineKind.choices, blank=True
    )

    # Matching, triage and assignment.
    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("cliënt"),
    )
    route = models.CharField(
        _("route"), max_length=1, choices=Route.choices, blank=True, db_index=True
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_dossiers",
        verbose_name=_("toegewezen aan"),
    )
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("team"),
    )
    shared_with = models.ManyToManyField(
        "accounts.Team",
        blank=True,
        related_name="shared_dossiers",
        verbose_name=_("gedeeld met"),
        help_text=_("Teams die het opvolgingsdossier mee opvolgen (bv. de Energie- en Watercel)."),
    )
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_dossiers",
        verbose_name=_("contactpersoon op brieven"),
        help_text=_("Leeg: de toegewezen medewerker. Bv. een brugfiguur."),
    )

    # Beschermde klant (water) as the latest signal that says so tells it, else the client's
    # (kept up to date by `bereik.clients.protection.refresh`); None: nothing said.
    protected_customer = models.BooleanField(
        _("beschermde klant"), null=True, blank=True, db_index=True
    )
    # Its link to the register waits for a confirmation: the triage's status, kept here by
    # `Triage.statuses_saved` for the lists' indexes (ADR 0029, fifteenth round).
    to_confirm = models.BooleanField(default=False, editable=False)
    # Denormalised for worklists (kept up to date by the outreach actions).
    reached_on = models.DateField(_("bereikt op"), null=True, blank=True)
    next_step = models.CharField(_("volgende stap"), max_length=200, blank=True)
    next_step_date = models.DateField(_("datum volgende stap"), null=True, blank=True)

    outcome = models.CharField(_("uitkomst"), max_length=60, blank=True)
    opened_at = models.DateTimeField(_("geopend op"), default=timezone.now)
    # Set when the retention period had passed and the person's data was erased (ADR 0028).
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["deadline", "number"]
        indexes = [
            models.Index(fields=["company", "customer_number", "kind", "status"]),
            models.Index(fields=["assigned_to", "status", "deadline"]),
            models.Index(fields=["team", "status", "deadline"]),
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["anonymised_at", "kind", "closed_at"], name="dossier_retention"),
            models.Index(fields=["next_step_date"]),
            # The figures and the worklists' period filters: dossiers opened in a period, with
            # what the reach figures read, so the counts come from the index alone.
            models.Index(
                fields=[
                    "opened_at",
                    "reached_on",
                    "deadline",
                    "route",
                    "kind",
                    "company",
                    "assigned_to",
                    "team",
                    "status",
                    "outcome",
                ],
                name="dossier_figures",
            ),
            models.Index(fields=["reached_on"]),
            # The worklists' "Bereikt" filter: the open dossiers reached (or reached before
            # their deadline), read without the others. The reached_on index alone does not
            # serve it: where few are reached, SQLite's statistics make it read every dossier.
            models.Index(
                fields=["status", "deadline", "reached_on"],
                condition=Q(reached_on__isnull=False),
                name="dossier_reached",
            ),
            models.Index(fields=["outcome", "status"]),
            models.Index(fields=["deadline_kind", "deadline"]),
            # "Te triëren" (dossiers without a route) and the sort by name.
            models.Index(fields=["route", "status"], name="dossier_route_status"),
            # "Te triëren": the few without a route that wait for nothing; the confirmation queue.
            models.Index(
                fields=["status"], condition=Q(route="", to_confirm=False), name="dossier_untriaged"
            ),
            models.Index(
                fields=["status"],
                condition=Q(to_confirm=True, client__isnull=True),
                name="dossier_to_confirm",
            ),
            models.Index(fields=["last_name", "first_name", "number"], name="dossier_name"),
            models.Index(fields=["kind", "status", "deadline"], name="dossier_kind_status"),
            # A worker's first dossiers by deadline (the home page).
            models.Index(fields=["assigned_to", "deadline", "number"], name="dossier_mine"),
            # The worklists' default order (deadline, then number), read in the index's order.
            models.Index(fields=["deadline", "number"], name="dossier_deadline_order"),
        ]

    def __str__(self):
        return f"{self.number} {self.household_name}"

    def get_absolute_url(self):
        return int_url("dossiers:detail", self.pk)  # a link on every row of every list

    def audit_subject(self):
        return self.client or self

    @property
    def household_name(self) -> str:
        if self.anonymised_at is not None:
            return str(_("(geanonimiseerd)"))
        return f"{self.last_name} {self.first_name}".strip()

    @property
    def insz_masked(self) -> str:
        return mask_insz(self.insz)

    @property
    def address_line(self) -> str:
        number = self.house_number + (f" bus {self.box}" if self.box else "")
        return f"{self.street} {number}".strip()

    @property
    def address(self) -> str:
        place = f"{self.postcode} {self.city}".strip()
        return ", ".join(part for part in (self.address_line, place) if part)

    @property
    def contact_phone(self) -> str:
        """The household's phone: the dossier's own number (a company's list seldom has one),
        else the linked client's in the register. Lists select `client` with the dossiers."""
        if self.phone:
            return self.phone
        client = self.client if self.client_id else None
        return client.phone if client is not None else ""

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED

    def can_move_to(self, status: str) -> bool:
        return status in self.PIPELINE.get(self.status, [])


def _attachment_path(signal, filename):
    # Never the user's file name in the path: it may hold a person's name.
    suffix = PurePath(filename).suffix.lower()
    suffix = suffix if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix) else ""
    return f"signals/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Signal(models.Model):
    """One line of a company list, or one court document: what came in from outside.

    `raw` keeps the original row (header -> value) exactly as read; the other fields are parsed.
    """

    class Kind(models.TextChoices):
        LAC_WATER = "lac-water", _("LAC-oproeping water")
        LAC_ENERGIE = "lac-energie", _("LAC-aanvraag energie")
        VERWITTIGING = "verwittiging", _("Verwittiging")
        WEEKRAPPORT = "weekrapport", _("Weekrapport")
        UITHUISZETTING = "uithuiszetting", _("Dagvaarding of verzoekschrift uithuiszetting")
        # Signals entered by hand (bereik.intake, "Signaal registreren").
        HAND_WATER = "hand-water", _("Melding water")
        HAND_ENERGIE = "hand-energie", _("Melding energie")
        HAND_UITHUISZETTING = "hand-uithuiszetting", _("Melding uithuiszetting")
        HUURACHTERSTAL = "huurachterstal", _("Huurachterstal")
        HAND_ANDERE = "hand-andere", _("Andere melding")

    DOSSIER_KIND = {
        Kind.LAC_WATER: Dossier.Kind.WATER,
        Kind.LAC_ENERGIE: Dossier.Kind.ENERGIE,
        Kind.UITHUISZETTING: Dossier.Kind.WOONST,
        Kind.HAND_WATER: Dossier.Kind.WATER,
        Kind.HAND_ENERGIE: Dossier.Kind.ENERGIE,
        Kind.HAND_UITHUISZETTING: Dossier.Kind.WOONST,
        Kind.HUURACHTERSTAL: Dossier.Kind.WOONST,
        Kind.HAND_ANDERE: Dossier.Kind.ANDERE,
    }
    HAND_KINDS = (
        Kind.HAND_WATER,
        Kind.HAND_ENERGIE,
        Kind.HAND_UITHUISZETTING,
        Kind.HUURACHTERSTAL,
        Kind.HAND_ANDERE,
    )

    class Source(models.TextChoices):
        """Where a signal came from. An imported list or a court document leaves it empty (its
        kind says it); a signal entered by hand names it."""

        COMPANY_LETTER = "maatschappij_brief", _("Brief of mail van de maatschappij")
        COMPANY_CALL = "maatschappij_telefoon", _("Telefoon van de maatschappij (bv. Fluvius)")
        WALK_IN = "onthaal", _("Zelf langsgekomen aan het onthaal")
        PHONE = "telefoon", _("Telefoon of mail van het gezin")
        LANDLORD = "verhuurder", _("Verhuurder")
        SOCIAL_HOUSING = "huisvestingsmaatschappij", _("Sociale huisvestingsmaatschappij")
        OUTREACH = "outreach", _("Outreach (huisbezoek, straathoekwerk)")
        EXPERT = "ervaringsdeskundige", _("Via ervaringsdeskundige")
        OTHER_SERVICE = "dienst", _("Andere dienst of organisatie (CAW, huisarts, school, ...)")
        OTHER = "andere", _("Andere")

    # Rent arrears come from the landlord or the social housing company.
    RENT_ARREARS_SOURCES = (Source.LANDLORD, Source.SOCIAL_HOUSING)

    dossier = models.ForeignKey(
        Dossier,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("dossier"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, db_index=True)
    company = models.ForeignKey(
        "organisation.Company",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("maatschappij"),
    )
    customer_number = models.CharField(_("klantnummer"), max_length=60, blank=True)
    reference_date = models.DateField(_("datum"), null=True, blank=True)
    received_at = models.DateTimeField(_("ontvangen op"), default=timezone.now)

    last_name = models.CharField(_("naam"), max_length=150, blank=True)
    first_name = models.CharField(_("voornaam"), max_length=100, blank=True)
    insz = models.CharField(_("INSZ"), max_length=11, blank=True)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    street = models.CharField(_("straat"), max_length=200, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=20, blank=True)
    box = models.CharField(_("bus"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("gemeente"), max_length=100, blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    amount = models.DecimalField(
        _("bedrag"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    session_date = models.DateField(_("datum LAC"), null=True, blank=True)
    measure = models.CharField(_("maatregel / actie"), max_length=200, blank=True)
    measure_date = models.DateField(_("datum maatregel"), null=True, blank=True)
    protected_customer = models.BooleanField(_("beschermde klant"), null=True, blank=True)
    # The register client this line is about, when a line without dossier (a weekrapport) was
    # matched to the register (bereik.triage, `match_lines`); a dossier's signals go by its client.
    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("cliënt"),
    )
    # Everything else that was parsed (EAN, debts per fuel, reason, court, bailiff, ...).
    extra = models.JSONField(_("overige gegevens"), default=dict, blank=True)
    raw = models.JSONField(_("oorspronkelijke rij"), default=dict, blank=True)
    warnings = models.JSONField(_("waarschuwingen"), default=list, blank=True)

    # A signal entered by hand: where it came from, who entered it, a note and an attachment.
    source = models.CharField(
        _("bron"), max_length=30, choices=Source.choices, blank=True, db_index=True
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geregistreerd door"),
    )
    note = models.TextField(_("toelichting"), blank=True)
    consent = models.BooleanField(
        _("toestemming van het gezin om het signaal door te geven"), null=True, blank=True
    )
    attachment = models.FileField(
        _("bijlage"), upload_to=_attachment_path, max_length=200, blank=True
    )
    attachment_name = models.CharField(_("naam bijlage"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["company", "kind", "customer_number", "reference_date"]),
            models.Index(fields=["kind", "received_at"]),
        ]
        constraints = [
            # The intake skips a signal it already has; this is the safety net under it. Rows
            # without a company, customer number or date can't be recognised, so they are free.
            models.UniqueConstraint(
                fields=["company", "kind", "customer_number", "reference_date"],
                condition=models.Q(company__isnull=False, reference_date__isnull=False)
                & ~models.Q(customer_number=""),
                name="signal_once_per_company_kind_customer_date",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.last_name} {self.first_name}".strip()

    def audit_subject(self):
        return self.dossier.audit_subject() if self.dossier_id else None

    @property
    def by_hand(self) -> bool:
        return self.kind in self.HAND_KINDS


class DossierEvent(models.Model):
    """One entry of the dossier's timeline (append-only): signal received, assigned, attempt,
    letter, note, task, referral, decision, status change, ... Apps add their own `kind` strings."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("soort"), max_length=40, db_index=True)
    summary = models.CharField(_("samenvatting"), max_length=300)
    text = models.TextField(_("toelichting"), blank=True)
    restricted_to_team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Alleen zichtbaar voor dit team."),
    )
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["dossier", "at"])]

    def __str__(self):
        return self.summary


class Task(models.Model):
    """A to-do on a dossier for one worker (follow-up of an advice, aftercare, handover check)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="tasks")
    description = models.CharField(_("omschrijving"), max_length=300)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("voor wie"),
    )
    due_date = models.DateField(_("tegen"), null=True, blank=True)
    done_at = models.DateTimeField(_("gedaan op"), null=True, blank=True)
    source = models.CharField(_("oorsprong"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        ordering = ["done_at", "due_date", "id"]
        indexes = [models.Index(fields=["assignee", "done_at", "due_date"])]

    def __str__(self):
        return self.description

    @property
    def is_overdue(self) -> bool:
        return (
            self.done_at is None
            and self.due_date is not None
            and (self.due_date < timezone.localdate())
        )
