from django.db import transaction
from django.utils import timezone

from bereik import audit
from bereik.accounts.models import Notification, Role, Team, User


@transaction.atomic
def user_create(
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str = "",
    password: str | None = None,
    roles: list[str] = (),
    teams: list[Team] = (),
    phone: str = "",
    job_title: str = "",
    actor,
) -> User:
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
        job_title=job_title,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    user.roles.set(Role.objects.filter(code__in=roles))
    user.teams.set(teams)
    audit.record("user.create", actor=actor, obj=user, details={"roles": sorted(roles)})
    return user


@transaction.atomic
def user_update(
    user: User,
    *,
    actor,
    roles: list[str] | None = None,
    teams: list[Team] | None = None,
    **fields,
) -> User:
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    if roles is not None:
        user.roles.set(Role.objects.filter(code__in=roles))
    if teams is not None:
        user.teams.set(teams)
    for cached in ("role_codes", "team_ids"):
        user.__dict__.pop(cached, None)
    changed = sorted(fields) + (["roles"] if roles is not None else [])
    changed += ["teams"] if teams is not None else []
    audit.record("user.update", actor=actor, obj=user, details={"fields": changed})
    return user


@transaction.atomic
def user_set_absent(user: User, absent: bool, *, actor) -> User:
    user.is_absent = absent
    user.save(update_fields=["is_absent"])
    audit.record("user.absent", actor=actor, obj=user, details={"absent": absent})
    return user


@transaction.atomic
def team_create(*, name: str, code: str, description: str = "", actor) -> Team:
    team = Team.objects.create(name=name, code=code, description=description)
    audit.record("team.create", actor=actor, obj=team)
    return team


@transaction.atomic
def team_set_members(team: Team, members, *, actor) -> Team:
    team.members.set(members)
    audit.record(
        "team.members", actor=actor, obj=team, details={"members": [m.pk for m in members]}
    )
    return team


def notify(user: User, text: str, *, url: str = "") -> Notification | None:
    """An in-app notification. Called inside other actions (their audit event covers it)."""
    if user is None:
        return None
    return Notification.objects.create(user=user, text=text[:300], url=url)


@transaction.atomic
def notifications_mark_read(user: User, *, actor) -> int:
    return Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())
