"""The one access policy: who may see or change a dossier, a client, an import.

Every view, list, search, export and download asks here. Apps that add ways to reach a dossier
(an LAC session membership, a referral to a team) register a *grant*: a function returning a Q
on Dossier for a user, added with `register_dossier_grant` from their AppConfig.ready().
"""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from bereik.accounts.models import Role

# Roles that work on every dossier: the preventiewerker triages all of them, onthaal imports and
# keeps the LAC secretariat, the diensthoofd answers for the whole service.
ALL_DOSSIERS_ROLES = (Role.Code.PREVENTIEWERKER, Role.Code.ONTHAAL, Role.Code.DIENSTHOOFD)
# Of those, who may change any dossier (the diensthoofd reads).
CHANGE_ALL_DOSSIERS_ROLES = (Role.Code.PREVENTIEWERKER, Role.Code.ONTHAAL)
# Roles that see the INSZ (masked by default, revealed on request).
INSZ_ROLES = (
    Role.Code.ONTHAAL,
    Role.Code.PREVENTIEWERKER,
    Role.Code.MAATSCHAPPELIJK_WERKER,
    Role.Code.ENERGIECEL,
    Role.Code.BEHEERDER,
)
IMPORT_ROLES = (Role.Code.ONTHAAL, Role.Code.BEHEERDER)
REGISTER_ROLES = (
    Role.Code.ONTHAAL,
    Role.Code.PREVENTIEWERKER,
    Role.Code.MAATSCHAPPELIJK_WERKER,
    Role.Code.BEHEERDER,
)

_dossier_grants: list[Callable] = []


def register_dossier_grant(func: Callable) -> Callable:
    """Add a way to see a dossier: `func(user) -> Q | None` on the Dossier model."""
    if func not in _dossier_grants:
        _dossier_grants.append(func)
    return func


def _anonymous(user) -> bool:
    return user is None or not user.is_authenticated or not user.is_active


def dossier_q(user) -> Q | None:
    """The Q selecting the dossiers `user` may see, or None for all of them."""
    if user.has_role(*ALL_DOSSIERS_ROLES):
        return None
    q = Q(pk__in=[])
    if user.has_role(
        Role.Code.MAATSCHAPPELIJK_WERKER,
        Role.Code.ENERGIECEL,
        Role.Code.PREVENTIEWERKER,
        Role.Code.LAC_VOORZITTER,
    ):
        q |= Q(assigned_to=user) | Q(contact_person=user)
        if user.team_ids:
            q |= Q(team__in=user.team_ids) | Q(shared_with__in=user.team_ids)
    for grant in _dossier_grants:
        extra = grant(user)
        if extra is not None:
            q |= extra
    return q


def visible_dossiers(user, queryset: QuerySet | None = None) -> QuerySet:
    """The dossiers `user` may see. The ervaringsdeskundige sees none of them (yet)."""
    from bereik.dossiers.models import Dossier

    qs = queryset if queryset is not None else Dossier.objects.all()
    if _anonymous(user):
        return qs.none()
    q = dossier_q(user)
    if q is None:
        return qs
    # The team and grant joins can repeat a row: filter on ids to keep the queryset plain.
    return qs.filter(pk__in=Dossier.objects.filter(q).values("pk"))


def can_view_dossier(user, dossier) -> bool:
    return visible_dossiers(user).filter(pk=dossier.pk).exists()


def can_change_dossier(user, dossier) -> bool:
    if _anonymous(user):
        return False
    if user.has_role(*CHANGE_ALL_DOSSIERS_ROLES):
        return True
    if user.has_role(Role.Code.DIENSTHOOFD) and not (
        dossier.assigned_to_id == user.pk or dossier.team_id in user.team_ids
    ):
        return False
    return can_view_dossier(user, dossier)


def get_dossier_for(user, pk, *, change: bool = False):
    """The dossier, or 404 when the user may not see it (no hint that it exists)."""

    dossier = visible_dossiers(user).filter(pk=pk).first()
    if dossier is None:
        raise Http404
    if change and not can_change_dossier(user, dossier):
        raise Http404
    return dossier


def visible_clients(user, queryset: QuerySet | None = None) -> QuerySet:
    """Clients a user may see: all for the roles that keep or search the register; otherwise the
    clients they follow or whose dossiers they may see."""
    from bereik.clients.models import Client

    qs = queryset if queryset is not None else Client.objects.all()
    if _anonymous(user):
        return qs.none()
    if user.has_role(
        Role.Code.ONTHAAL, Role.Code.PREVENTIEWERKER, Role.Code.DIENSTHOOFD, Role.Code.BEHEERDER
    ):
        return qs
    if user.has_role(Role.Code.ERVARINGSDESKUNDIGE) and not user.has_role(
        Role.Code.MAATSCHAPPELIJK_WERKER, Role.Code.ENERGIECEL, Role.Code.LAC_VOORZITTER
    ):
        return qs.none()
    dossier_clients = visible_dossiers(user).exclude(client=None).values("client_id")
    return qs.filter(Q(social_worker=user) | Q(pk__in=dossier_clients))


def can_manage_register(user) -> bool:
    return not _anonymous(user) and user.has_role(*REGISTER_ROLES)


def can_import(user) -> bool:
    return not _anonymous(user) and user.has_role(*IMPORT_ROLES)


# Matching and triage (confirm links, set routes, record the overleg) is the preventiewerker's
# work; onthaal, who imports the lists, may do it too.
TRIAGE_ROLES = (Role.Code.PREVENTIEWERKER, Role.Code.ONTHAAL)
# Who may (re)assign dossiers by hand: the triage roles and the diensthoofd.
ASSIGN_ROLES = (Role.Code.PREVENTIEWERKER, Role.Code.ONTHAAL, Role.Code.DIENSTHOOFD)


def can_triage(user) -> bool:
    return not _anonymous(user) and user.has_role(*TRIAGE_ROLES)


def can_assign(user, dossier=None) -> bool:
    """May (re)assign; with a dossier, only one the user can see."""
    if _anonymous(user) or not user.has_role(*ASSIGN_ROLES):
        return False
    return dossier is None or can_view_dossier(user, dossier)


def can_see_insz(user) -> bool:
    return not _anonymous(user) and user.has_role(*INSZ_ROLES)


def is_beheerder(user) -> bool:
    return not _anonymous(user) and (user.has_role(Role.Code.BEHEERDER) or user.is_superuser)


def can_view_audit(user) -> bool:
    return is_beheerder(user)


def beheerder_required(view):
    """Decorator for the Beheer pages: 403 for everyone but the functioneel beheerder."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_beheerder(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def can_view_figures(user) -> bool:
    return not _anonymous(user) and user.has_role(Role.Code.DIENSTHOOFD, Role.Code.BEHEERDER)


def can_see_restricted(user, team_id) -> bool:
    """A note or document restricted to a team (`restricted_to_team`) is for that team's members
    only, whoever else may see the dossier. Unrestricted (None) items follow the dossier."""
    if _anonymous(user):
        return False
    return team_id is None or team_id in user.team_ids


def restricted_q(user, field: str = "restricted_to_team") -> Q:
    """`can_see_restricted` as a filter, for lists of notes, events and documents."""
    if _anonymous(user):
        return Q(pk__in=[])
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__in": sorted(user.team_ids)})


def can_download_import(user, batch) -> bool:
    """The original file of an import. A list holds many households: only those who import.
    A court document is about one household: whoever may see its dossier."""
    if _anonymous(user):
        return False
    if batch.is_document:
        dossier = batch.document_dossier
        return dossier is not None and can_view_dossier(user, dossier)
    return can_import(user)
