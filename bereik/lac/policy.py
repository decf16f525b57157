"""Who may see and do what with LAC sessions. Dossier access itself stays in dossiers/access.py;
this module adds the rules for sessions and registers the grant that opens a session's dossiers
to its members."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from bereik.accounts import roles
from bereik.accounts.models import Role
from bereik.dossiers import access
from bereik.lac.models import AgendaItem, Session


def member_access_days() -> int:
    """How long after its date a session still opens its dossiers to its members."""
    return int(getattr(settings, "LAC_MEMBER_ACCESS_DAYS", 90))


def member_sessions(user):
    """The sessions whose dossiers `user` sees as a member (chair, BCSD, schuldbemiddelaar,
    secretary), from the recent past on."""
    since = timezone.localdate() - datetime.timedelta(days=member_access_days())
    return Session.objects.with_member(user).filter(date__gte=since)


def member_dossier_grant(user):
    """Registered with dossiers.access: members see the dossiers on their sessions, and a preparer
    the dossiers they prepare for a session not yet closed. A subquery, so checking access costs
    no extra query."""
    if not roles.signed_in(user):
        return None
    as_member = AgendaItem.objects.filter(session__in=member_sessions(user).values("pk"))
    # The items of the open sessions first (through their index), then the preparer's rule on
    # them: ORed with the members' part in one subquery, the planner read every dossier.
    open_sessions = Session.objects.filter(closed_at__isnull=True).values("pk")
    as_preparer = AgendaItem.objects.filter(session__in=open_sessions).filter(
        AgendaItem.prepared_by(user)
    )
    return Q(pk__in=as_member.values("dossier_id")) | Q(pk__in=as_preparer.values("dossier_id"))


def sees_all_sessions(user) -> bool:
    return roles.signed_in(user) and user.has_role(*roles.LAC_ALL_SESSIONS)


def is_member(user, session) -> bool:
    return roles.signed_in(user) and user.pk in session.member_user_ids()


def can_view_session(user, session) -> bool:
    """The whole preparation of a session: the secretariat, the preventiewerker, the diensthoofd
    and the session's own members (within the access period)."""
    if sees_all_sessions(user):
        return True
    return is_member(user, session) and member_sessions(user).filter(pk=session.pk).exists()


def visible_items(user, session):
    """The agenda items `user` may see: all for those who see the session, else the items of the
    dossiers they may see (a preparer's own)."""
    items = session.items.all()
    if can_view_session(user, session):
        return items
    return items.filter(dossier__in=access.visible_dossiers(user).values("pk"))


def visible_sessions(user):
    """Sessions listed for `user`: all for the LAC staff, else those they sit on or prepare for."""
    if not roles.signed_in(user):
        return Session.objects.none()
    if sees_all_sessions(user):
        return Session.objects.all()
    prepared = AgendaItem.objects.filter(AgendaItem.prepared_by(user)).values("session_id")
    return Session.objects.filter(Q(pk__in=member_sessions(user).values("pk")) | Q(pk__in=prepared))


def can_plan_sessions(user) -> bool:
    return roles.signed_in(user) and user.has_role(*roles.LAC_PLANNERS)


def can_plan_session(user, session) -> bool:
    """Change the agenda of this session: the planners, and its chair and secretary."""
    if can_plan_sessions(user):
        return True
    return roles.signed_in(user) and user.pk in _user_ids(session, "chair", "secretary")


def can_record_session(user, session) -> bool:
    """Record attendance and advice: the secretariat and the session's chair and secretary."""
    if roles.signed_in(user) and user.has_role(Role.Code.ONTHAAL):
        return True
    return roles.signed_in(user) and user.pk in _user_ids(session, "chair", "secretary")


def can_close_session(user, session) -> bool:
    """The secretary closes (and so locks) the session; the secretariat can stand in."""
    if roles.signed_in(user) and user.has_role(Role.Code.ONTHAAL):
        return True
    return roles.signed_in(user) and user.pk in _user_ids(session, "secretary")


def can_manage_people(user) -> bool:
    return roles.is_beheerder(user)


def can_see_lac(user) -> bool:
    return roles.signed_in(user) and user.has_role(*roles.LAC_MENU)


def _user_ids(session, *fields) -> set[int]:
    ids = set()
    for name in fields:
        person = getattr(session, name)
        if person is not None and person.user_id:
            ids.add(person.user_id)
    return ids
