"""The audit trail's events about a person, for a right of access ("who looked at my file").
Retention leaves them: the trail has its own period and its chain (ADR 0027, 0028)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bereik.audit.models import AuditEvent
from bereik.dossiers import personal_data
from bereik.dossiers.personal_data import Exported, Scope

FIELDS = ("at", "actor", "kind", "action", "object_repr", "purpose")


def export(scope: Scope) -> Exported:
    q = Q(subject_type="client", subject_id__in=[str(pk) for pk in scope.client_ids]) | Q(
        subject_type="dossier", subject_id__in=[str(pk) for pk in scope.dossier_ids]
    )
    events = AuditEvent.objects.filter(q).select_related("actor").order_by("seq")
    return Exported(records=personal_data.labelled(_("toegangslog"), events, FIELDS, dossier=False))
