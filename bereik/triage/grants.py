from django.db.models import Q

from bereik.accounts import roles


def consultation_grant(user):
    """The former social worker asked to an overleg (route B) may open that dossier: they need
    it to decide with the preventiewerker who makes contact."""
    if not user.has_role(*roles.CASEWORKERS):
        return None
    return Q(consultations__former_worker=user)
