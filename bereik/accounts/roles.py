"""Who holds which role, and what a role may do whatever the dossier.

The role groups are defined here once; every app asks these names. Which dossiers and persons a
user may see or change is the access policy (`bereik.dossiers.access`), built on these groups.
"""

from django.db.models import Q, QuerySet

from bereik.accounts.models import Role, User

R = Role.Code

# Caseworkers follow the dossiers of their own caseload and teams.
CASEWORKERS = (R.MAATSCHAPPELIJK_WERKER, R.ENERGIECEL, R.LAC_VOORZITTER)
# People who follow dossiers up: dossiers are assigned to them, they call and visit.
FOLLOWERS = (R.PREVENTIEWERKER, *CASEWORKERS)
# Who works on a household's dossier: the followers and onthaal (letters, the follow-up).
DOSSIER_WRITERS = (R.ONTHAAL, *FOLLOWERS)
# Who has worklists: the writers and the diensthoofd, who reads.
DOSSIER_READERS = (*DOSSIER_WRITERS, R.DIENSTHOOFD)
# Who registers a signal by hand (a walk-in, a landlord's letter, a call from Fluvius): the writers.
SIGNAL_ENTRY = DOSSIER_WRITERS
# Who records a contact with a household: the writers and the ervaringsdeskundige.
CONTACT_RECORDERS = (*DOSSIER_WRITERS, R.ERVARINGSDESKUNDIGE)
# Roles that work on every dossier: the preventiewerker triages all of them, onthaal imports and
# keeps the LAC secretariat, the diensthoofd answers for the whole service.
ALL_DOSSIERS = (R.PREVENTIEWERKER, R.ONTHAAL, R.DIENSTHOOFD)
# Of those, who may change any dossier (the diensthoofd reads).
CHANGE_ALL_DOSSIERS = (R.PREVENTIEWERKER, R.ONTHAAL)
# Roles that see the INSZ (masked by default, revealed on request).
INSZ = (R.ONTHAAL, R.PREVENTIEWERKER, R.MAATSCHAPPELIJK_WERKER, R.ENERGIECEL, R.BEHEERDER)
# Who imports the companies' lists and the register.
IMPORT = (R.ONTHAAL, R.BEHEERDER)
# Who keeps the client register (adds and corrects clients) and sees all of it.
REGISTER = (R.ONTHAAL, R.PREVENTIEWERKER, R.MAATSCHAPPELIJK_WERKER, R.BEHEERDER)
REGISTER_READERS = (R.ONTHAAL, R.PREVENTIEWERKER, R.DIENSTHOOFD, R.BEHEERDER)
# Matching and triage (confirm links, set routes, record the overleg) is the preventiewerker's
# work; onthaal, who imports the lists, may do it too.
TRIAGE = (R.PREVENTIEWERKER, R.ONTHAAL)
# Who may (re)assign dossiers by hand: the triage roles and the diensthoofd.
ASSIGN = (*TRIAGE, R.DIENSTHOOFD)
# Who reads the figures.
FIGURES = (R.DIENSTHOOFD, R.BEHEERDER)
# Experts by experience (`bereik.experts`): who works as one (own pages with the least data, never
# the dossier), who proposes a household to them, and who reads the impact of all of them.
EXPERTS = (R.ERVARINGSDESKUNDIGE,)
EXPERT_PROPOSERS = (R.MAATSCHAPPELIJK_WERKER, R.PREVENTIEWERKER)
EXPERT_IMPACT_READERS = (R.DIENSTHOOFD, R.BEHEERDER)
# The LAC: who keeps or follows every session (the secretariat, the preventiewerker who prepares
# most dossiers, the diensthoofd who reads), who plans them, and who sees the LAC in the menu
# (preparers see their own items there).
LAC_ALL_SESSIONS = (R.ONTHAAL, R.PREVENTIEWERKER, R.DIENSTHOOFD)
LAC_PLANNERS = (R.ONTHAAL, R.PREVENTIEWERKER)
LAC_MENU = (
    R.ONTHAAL,
    R.LAC_VOORZITTER,
    R.PREVENTIEWERKER,
    R.MAATSCHAPPELIJK_WERKER,
    R.ENERGIECEL,
    R.DIENSTHOOFD,
    R.BEHEERDER,
)
# Who sees a person's data somewhere in Bereik: every role (the ervaringsdeskundige the
# households they contact, the diensthoofd every dossier, the beheerder imports and the audit
# trail). They sign in with a second factor (`bereik.signin`).
PERSONAL_DATA = (*DOSSIER_READERS, R.ERVARINGSDESKUNDIGE, R.BEHEERDER)

# Notifications (`bereik.accounts.notifications`): who is warned about an unassigned dossier
# whose deadline comes near (the preventiewerker triages every new dossier), who chairs the LAC
# and who keeps its sessions (chair and secretary), and who gets the weekly report.
UNASSIGNED_WATCHERS = (R.PREVENTIEWERKER,)
LAC_CHAIRS = (R.LAC_VOORZITTER,)
LAC_SESSION_KEEPERS = (R.LAC_VOORZITTER, R.ONTHAAL)
# The weekly digest goes to every social worker and the preventiewerker (who gets the lines
# nobody follows); onthaal and the diensthoofd may read it too; the ervaringsdeskundige never.
WEEKLY_REPORT_READERS = FOLLOWERS
WEEKLY_REPORT_VIEWERS = (*FOLLOWERS, R.ONTHAAL, R.DIENSTHOOFD)
WEEKLY_REPORT_CATCHERS = (R.PREVENTIEWERKER,)


def signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def has_any(user, roles) -> bool:
    return signed_in(user) and user.has_role(*roles)


def users_with(*codes) -> QuerySet:
    """Active users holding one of the roles, by name (one query)."""
    return (
        User.objects.filter(is_active=True, roles__code__in=codes)
        .distinct()
        .order_by("first_name", "last_name")
    )


def followers() -> QuerySet:
    """The people who follow dossiers up: whom a dossier can be assigned to."""
    return users_with(*FOLLOWERS)


def follows_dossiers(user) -> bool:
    return has_any(user, FOLLOWERS)


def works_on_dossiers(user) -> bool:
    """Has worklists."""
    return has_any(user, DOSSIER_READERS)


def writes_dossiers(user) -> bool:
    return has_any(user, DOSSIER_WRITERS)


def can_enter_signal(user) -> bool:
    return has_any(user, SIGNAL_ENTRY)


def can_manage_register(user) -> bool:
    return has_any(user, REGISTER)


def can_import(user) -> bool:
    return has_any(user, IMPORT)


def can_read_weekly_report(user) -> bool:
    return has_any(user, WEEKLY_REPORT_VIEWERS)


def can_triage(user) -> bool:
    return has_any(user, TRIAGE)


def can_see_insz(user) -> bool:
    return has_any(user, INSZ)


def sees_personal_data(user) -> bool:
    return has_any(user, PERSONAL_DATA)


def is_expert(user) -> bool:
    return has_any(user, EXPERTS)


def can_propose_to_expert(user) -> bool:
    return has_any(user, EXPERT_PROPOSERS)


def can_read_expert_impact(user) -> bool:
    return has_any(user, EXPERT_IMPACT_READERS)


def can_view_figures(user) -> bool:
    return has_any(user, FIGURES)


def is_beheerder(user) -> bool:
    """The functioneel beheerder (or a superuser): the Beheer pages
    (`bereik.home.admin_links.beheerder_required`)."""
    return signed_in(user) and user.is_beheerder


def can_see_restricted(user, team_id) -> bool:
    """A note or document restricted to a team (`restricted_to_team`) is for that team's members
    only, whoever else may see the dossier. Unrestricted (None) items follow the dossier."""
    if not signed_in(user):
        return False
    return team_id is None or team_id in user.team_ids


def restricted_q(user, field: str = "restricted_to_team") -> Q:
    """`can_see_restricted` as a filter, for lists of notes, events and documents."""
    if not signed_in(user):
        return Q(pk__in=[])
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__in": sorted(user.team_ids)})
