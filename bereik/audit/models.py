from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("Audit events cannot be changed.")

    def delete(self):
        raise PermissionDenied("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    """One write done through an action, or one read of a page showing a person's data.

    Append-only: who (actor), when (at), what (action, object), about whom (subject) and why
    (purpose). Never store an INSZ in any of these fields.
    """

    class Kind(models.TextChoices):
        WRITE = "write", _("wijziging")
        READ = "read", _("inzage")

    # The moment it happened: a read written after the response keeps the moment of the read.
    at = models.DateTimeField(_("tijdstip"), default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wie"),
    )
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.WRITE)
    action = models.CharField(_("actie"), max_length=80, db_index=True)
    object_type = models.CharField(_("objecttype"), max_length=80, blank=True)
    object_id = models.CharField(_("object-id"), max_length=40, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    subject_type = models.CharField(_("type persoon"), max_length=40, blank=True)
    subject_id = models.CharField(_("persoon-id"), max_length=40, blank=True)
    subject_label = models.CharField(_("over wie"), max_length=200, blank=True, db_index=True)
    purpose = models.CharField(_("waarom"), max_length=200, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("auditgebeurtenissen")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["actor", "at"]),
            models.Index(fields=["subject_type", "subject_id", "at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Audit events cannot be deleted.")

    def detail_pairs(self) -> list[tuple[str, object]]:
        """The details as (key, value) pairs for templates, where `details.items` would look up a
        key named "items" first."""
        if isinstance(self.details, dict):
            return list(self.details.items())
        return [("", self.details)] if self.details else []
