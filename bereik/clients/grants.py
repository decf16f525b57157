from django.db.models import Q

from bereik.accounts.models import Role


def consultation_grant(user):
    """The former social worker asked to an overleg (route B) may open that dossier: they need
    it to decide with the preventiewerker who makes contact."""
    if not user.has_role(
        Role.Code.MAATSCHAPPELIJK_WERKER, Role.Code.ENERGIECEL, Role.Code.LAC_VOORZITTER
    ):
        return None
    return Q(consultations__former_worker=user)
