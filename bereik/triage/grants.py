from django.db.models import Q

from bereik.accounts import roles
from bereik.triage.models import Consultation


def consultation_grant(user):
    """The former social worker asked to an open overleg (route B) may open that dossier: they
    need it to decide with the preventiewerker who makes contact. The grant ends with the
    overleg (ADR 0031): an outcome "the former worker makes contact" assigns the dossier to
    them, so they keep it as its worker; otherwise they no longer need it."""
    if not user.has_role(*roles.CASEWORKERS):
        return None
    # The ids from the overleg's own table: no join with the dossiers (4,500 overleggen of one
    # worker cost PostgreSQL 6 ms joined, for every list the worker opens); the index
    # (former_worker, decided_at) finds the open ones.
    return Q(
        pk__in=Consultation.objects.filter(former_worker=user, decided_at__isnull=True).values(
            "dossier_id"
        )
    )
