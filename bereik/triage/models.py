"""Matching and triage of a dossier: how it was linked to the client register (or why not yet),
the candidates a person confirms or rejects, whether its route and worker were set by hand, and
the overleg of route B."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.clients.models import Client
from bereik.dossiers.models import Dossier
from bereik.lib.idlists import Ids

# Dossiers whose flag one UPDATE writes (a batch's every dossier: 20 statements for 100,000).
_CHUNK = 5000


class Triage(models.Model):
    """Matching and triage of one dossier: how its link to the register was made (or why there
    is none yet) and whether its route was set by hand. The link itself is `Dossier.client`."""

    class MatchStatus(models.TextChoices):
        LINKED = "gekoppeld", _("gekoppeld")
        TO_CONFIRM = "te_bevestigen", _("te bevestigen")
        NEW = "nieuw", _("nieuw voor het OCMW")

    class Method(models.TextChoices):
        BY_INSZ = "insz", _("INSZ")
        AUTOMATIC = "automatisch", _("automatisch (naam en adres)")
        CONFIRMED = "bevestigd", _("bevestigd")
        BY_HAND = "manueel", _("met de hand gekoppeld")
        CREATED = "nieuwe_client", _("nieuwe cliënt aangemaakt vanuit het dossier")

    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="triage"
    )
    match_status = models.CharField(
        _("koppeling"), max_length=20, choices=MatchStatus.choices, blank=True, db_index=True
    )
    method = models.CharField(_("gekoppeld via"), max_length=20, choices=Method.choices, blank=True)
    score = models.FloatField(_("score"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beslist door"),
    )
    decided_at = models.DateTimeField(_("beslist op"), null=True, blank=True)
    matched_at = models.DateTimeField(_("laatst gezocht op"), null=True, blank=True)
    route_by_hand = models.BooleanField(_("route met de hand gekozen"), default=False)
    assigned_by_hand = models.BooleanField(_("met de hand toegewezen"), default=False)

    class Meta:
        verbose_name = _("triage")
        verbose_name_plural = _("triages")

    def __str__(self):
        return f"{self.dossier_id}: {self.match_status or '-'}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        fields = kwargs.get("update_fields")
        if fields is None or "match_status" in fields:
            type(self).statuses_saved([self])

    @classmethod
    def from_db(cls, db, field_names, values):
        triage = super().from_db(db, field_names, values)
        triage._stored_status = triage.__dict__.get("match_status")
        return triage

    @classmethod
    def statuses_saved(cls, triages, *, every: bool = False) -> None:
        """Keep `Dossier.to_confirm` in step with these triages' statuses, just stored (one by
        one, or at once by `bulk.update_many`): an UPDATE of the dossiers that start waiting
        for a confirmation, and one of those that stop, a chunk at a time; the dossiers in
        memory too, so that a later save of one writes the same. A row made without a status
        waits for nothing. `every`: each dossier's flag as its triage now says, changed or not
        (a batch, whose triages may have been read before a person's decision on one of them
        was committed: the batch's status is what stands, and so is its flag); only the rows
        not right already are written."""
        changing: dict[bool, list] = {True: [], False: []}
        for triage in triages:
            waiting = triage.match_status == cls.MatchStatus.TO_CONFIRM
            stored = getattr(triage, "_stored_status", "")
            if every or stored is None or waiting != (stored == cls.MatchStatus.TO_CONFIRM):
                changing[waiting].append(triage)
            triage._stored_status = triage.match_status
        for waiting, changed in changing.items():
            ids = [triage.dossier_id for triage in changed]
            for start in range(0, len(ids), _CHUNK):
                chunk = Dossier.objects.filter(pk__in=Ids(ids[start : start + _CHUNK]))
                chunk.exclude(to_confirm=waiting).update(to_confirm=waiting)
            for triage in changed:
                if cls.dossier.is_cached(triage):
                    triage.dossier.to_confirm = waiting

    def audit_subject(self):
        return self.dossier.audit_subject()

    @property
    def method_label(self) -> str:
        label = self.get_method_display()
        if self.method == self.Method.AUTOMATIC and self.score is not None:
            return f"{label}, score {self.score:.0f}"
        return str(label)


class MatchCandidate(models.Model):
    """A client proposed for a dossier, with the score and its parts (see lib.matching.Score).
    A rejected candidate is kept so matching never proposes it again."""

    triage = models.ForeignKey(Triage, on_delete=models.CASCADE, related_name="candidates")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("score"))
    details = models.JSONField(default=dict, blank=True)
    rejected_at = models.DateTimeField(null=True, blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["triage", "client"], name="unique_match_candidate")
        ]

    def __str__(self):
        return f"{self.client} ({self.score:.0f})"


class Consultation(models.Model):
    """Route B: the preventiewerker and the former social worker consult on who makes contact.
    Open until `decided_at` is set: with an outcome, or without one when it lapsed (the dossier
    left route B or was closed: `actions.routes.consultations_end`)."""

    class Outcome(models.TextChoices):
        FORMER_WORKER = "voormalig_mw", _("De vroegere maatschappelijk werker neemt contact op")
        PREVENTIEWERKER = "preventiewerker", _("De preventiewerker volgt op zoals in route C")

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="consultations"
    )
    former_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vroegere maatschappelijk werker"),
    )
    preventiewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("preventiewerker"),
    )
    requested_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices, blank=True)
    notes = models.TextField(_("verslag van het overleg"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("overleg")
        verbose_name_plural = _("overleggen")
        ordering = ["-requested_at", "-id"]
        indexes = [
            models.Index(fields=["decided_at", "dossier"]),
            models.Index(fields=["former_worker", "decided_at"]),
        ]

    def __str__(self):
        return f"{self.dossier_id}: {self.state_label}"

    def audit_subject(self):
        return self.dossier.audit_subject()

    @property
    def is_open(self) -> bool:
        return self.decided_at is None

    @property
    def state_label(self) -> str:
        if self.is_open:
            return str(_("open"))
        return str(self.get_outcome_display() or _("vervallen"))


class LineMatch(models.Model):
    """Matching of one line of a company's weekly report (a `Signal`) to the client register,
    whether or not it is in a dossier: like a dossier's `Triage`, for a line. The link itself is
    `Signal.client`; `candidates` are the clients proposed for a person to confirm
    ([{"client": id, "score": total}]), `rejected` the client ids a person ruled out."""

    class Status(models.TextChoices):
        LINKED = "gekoppeld", _("gekoppeld")
        TO_CONFIRM = "te_bevestigen", _("te bevestigen")
        NEW = "nieuw", _("niet in het register")

    signal = models.OneToOneField(
        "dossiers.Signal", on_delete=models.CASCADE, related_name="line_match"
    )
    status = models.CharField(_("koppeling"), max_length=20, choices=Status.choices, db_index=True)
    method = models.CharField(
        _("gekoppeld via"), max_length=20, choices=Triage.Method.choices, blank=True
    )
    score = models.FloatField(_("score"), null=True, blank=True)
    candidates = models.JSONField(default=list, blank=True)
    rejected = models.JSONField(default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beslist door"),
    )
    decided_at = models.DateTimeField(_("beslist op"), null=True, blank=True)
    matched_at = models.DateTimeField(_("laatst gezocht op"), default=timezone.now)

    class Meta:
        verbose_name = _("koppeling van een weekrapportlijn")
        verbose_name_plural = _("koppelingen van weekrapportlijnen")

    def __str__(self):
        return f"{self.signal_id}: {self.status}"

    def audit_subject(self):
        return self.signal.client if self.signal.client_id else None
