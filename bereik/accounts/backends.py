"""Who is signed in, read on every request: the user, the codes of their roles and the ids of
their teams in one query.

Django's backends read the signed-in user through the ORM on every request, and every page then
asks for the user's roles (`User.role_codes`) and, for those who follow dossiers up, their teams
(`User.team_ids`, the access policy's): three queries whose building and compiling cost more than
the database's answers. `signed_in_user` reads them as one SQL statement, with Django's
conversions of the values (a raw queryset). It is every backend's `get_user`: the password's
(`Backend`, Django's ModelBackend otherwise) and the identity provider's (`signin.oidc`).
"""

from django.contrib.auth.backends import ModelBackend
from django.db import connections, router

from bereik.accounts.models import Role, User

_ROLE_CODES = "bereik_role_codes"  # the column with the user's role codes, comma-separated
_TEAM_IDS = "bereik_team_ids"  # the column with the ids of the user's teams, comma-separated


def signed_in_user(user_id) -> User | None:
    """The active user with this id, their `role_codes` and `team_ids` read with them; None for
    an unknown or deactivated user (whose sessions then end at their next request)."""
    db = router.db_for_read(User)
    connection = connections[db]
    quote = connection.ops.quote_name
    aggregate = "string_agg" if connection.vendor == "postgresql" else "group_concat"
    user_table = quote(User._meta.db_table)
    user_id_column = f"{user_table}.{quote(User._meta.pk.column)}"

    def column(through, name: str) -> str:
        return quote(through._meta.get_field(name).column)

    roles, teams = User.roles.through, User.teams.through
    role_codes = (
        f"SELECT {aggregate}(r.{quote('code')}, ',') FROM {quote(roles._meta.db_table)} t"  # noqa: S608 - model names
        f" INNER JOIN {quote(Role._meta.db_table)} r"
        f" ON r.{quote(Role._meta.pk.column)} = t.{column(roles, 'role')}"
        f" WHERE t.{column(roles, 'user')} = {user_id_column}"
    )
    team_ids = (
        f"SELECT {aggregate}(CAST(t.{column(teams, 'team')} AS TEXT), ',')"  # noqa: S608 - model names
        f" FROM {quote(teams._meta.db_table)} t WHERE t.{column(teams, 'user')} = {user_id_column}"
    )
    sql = (
        f"SELECT {user_table}.*, ({role_codes}) AS {_ROLE_CODES}, ({team_ids}) AS {_TEAM_IDS}"  # noqa: S608 - model names
        f" FROM {user_table} WHERE {user_id_column} = %s"
    )
    found = list(User.objects.db_manager(db).raw(sql, [user_id]))
    if not found or not found[0].is_active:
        return None
    user = found[0]
    codes, teams_listed = getattr(user, _ROLE_CODES) or "", getattr(user, _TEAM_IDS) or ""
    user.__dict__["role_codes"] = frozenset(code for code in codes.split(",") if code)
    user.__dict__["team_ids"] = frozenset(int(pk) for pk in teams_listed.split(",") if pk)
    return user


class Backend(ModelBackend):
    """Django's password backend, reading the signed-in user with `signed_in_user`."""

    def get_user(self, user_id):
        return signed_in_user(user_id)
