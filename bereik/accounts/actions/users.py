"""Users, teams and passwords."""

from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from bereik import audit
from bereik.accounts.models import Role, Team, User
from bereik.lib import locking


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
    is_absent: bool = False,
    must_change_password: bool = False,
    actor,
) -> User:
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
        job_title=job_title,
        is_absent=is_absent,
        must_change_password=must_change_password and bool(password),
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
    version: str | None = None,
    **fields,
) -> User:
    locking.check(user, version)
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    if roles is not None:
        user.roles.set(Role.objects.filter(code__in=roles))
    if teams is not None:
        user.teams.set(teams)
    for cached in ("role_codes", "team_ids", "teams_by_name"):
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
def user_set_password(user: User, password: str, *, actor, temporary: bool = True) -> User:
    """A password set by the beheerder. A temporary one must be replaced at the next sign-in."""
    user.set_password(password)
    user.must_change_password = temporary
    user.save(update_fields=["password", "must_change_password"])
    # Never the password itself, not even hashed.
    audit.record("user.password_set", actor=actor, obj=user, details={"temporary": temporary})
    return user


@transaction.atomic
def user_change_password(user: User, password: str, *, actor) -> User:
    """A password the user chose (password change or reset link); clears a temporary one."""
    user.set_password(password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    audit.record("user.password_change", actor=actor or user, obj=user)
    return user


@transaction.atomic
def user_send_password_reset(user: User, *, actor, domain: str, use_https: bool) -> None:
    """Mail the user a link to choose a new password (the same mail as "Wachtwoord vergeten")."""
    if not user.email:
        raise ValueError("user has no e-mail address")
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": domain,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "username": user.get_username(),
        "token": default_token_generator.make_token(user),
        "protocol": "https" if use_https else "http",
    }
    PasswordResetForm().send_mail(
        "accounts/password_reset_subject.txt",
        "accounts/password_reset_email.txt",
        context,
        None,
        user.email,
    )
    audit.record("user.password_reset_mail", actor=actor, obj=user)


@transaction.atomic
def team_create(*, name: str, code: str, description: str = "", actor) -> Team:
    team = Team.objects.create(name=name, code=code, description=description)
    audit.record("team.create", actor=actor, obj=team)
    return team


@transaction.atomic
def team_update(team: Team, *, actor, version: str | None = None, **fields) -> Team:
    """Change a team's name or description; with nothing to change, only the version is
    checked (the members are set by team_set_members, in the same transaction)."""
    locking.check(team, version)
    if not fields:
        return team
    for name, value in fields.items():
        setattr(team, name, value)
    team.save()
    audit.record("team.update", actor=actor, obj=team, details={"fields": sorted(fields)})
    return team


@transaction.atomic
def team_set_members(team: Team, members, *, actor) -> Team:
    team.members.set(members)
    audit.record(
        "team.members", actor=actor, obj=team, details={"members": [m.pk for m in members]}
    )
    return team
