from django.db.models import Q

from bereik.accounts import roles
from bereik.triage.models import Consultation


def consultation_grant(user):
    """The former social worker asked to an overleg (route B) may open that dossier: they need
    it to decide with the preventiewerker who makes contact."""
    if not user.has_role(*roles.CASEWORKERS):
        return None
    # The ids from the overleg's own table: no join with the dossiers (4,500 overleggen of one
    # worker cost PostgreSQL 6 ms joined, for every list the worker opens).
    return Q(pk__in=Consultation.objects.filter(former_worker=user).values("dossier_id"))
