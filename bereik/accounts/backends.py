"""Who is signed in, read on every request: the user and the codes of their roles in one query.

Django's backends read the signed-in user through the ORM on every request, and every page then
asks for the user's roles (`User.role_codes`): two queries whose building and compiling cost
more than the database's answers. `signed_in_user` reads both as one SQL statement, with Django's
conversions of the values (a raw queryset). It is every backend's `get_user`: the password's
(`Backend`, Django's ModelBackend otherwise) and the identity provider's (`signin.oidc`).
"""

from django.contrib.auth.backends import ModelBackend
from django.db import connections, router

from bereik.accounts.models import Role, User

_ROLE_CODES = "bereik_role_codes"  # the column with the user's role codes, comma-separated


def signed_in_user(user_id) -> User | None:
    """The active user with this id, their `role_codes` read with them; None for an unknown
    or deactivated user (whose sessions then end at their next request)."""
    db = router.db_for_read(User)
    connection = connections[db]
    quote = connection.ops.quote_name
    through = User.roles.through._meta
    user_table = quote(User._meta.db_table)
    aggregate = "string_agg" if connection.vendor == "postgresql" else "group_concat"
    codes = (
        f"SELECT {aggregate}(r.{quote('code')}, ',') FROM {quote(Role._meta.db_table)} r"  # noqa: S608 - model names
        f" INNER JOIN {quote(through.db_table)} t"
        f" ON t.{quote(through.get_field('role').column)} = r.{quote('id')}"
        f" WHERE t.{quote(through.get_field('user').column)} = {user_table}.{quote('id')}"
    )
    sql = f"SELECT {user_table}.*, ({codes}) AS {_ROLE_CODES} FROM {user_table} WHERE {user_table}.{quote('id')} = %s"  # noqa: S608, E501 - model names
    found = list(User.objects.db_manager(db).raw(sql, [user_id]))
    if not found or not found[0].is_active:
        return None
    user = found[0]
    listed = getattr(user, _ROLE_CODES) or ""
    user.__dict__["role_codes"] = frozenset(code for code in listed.split(",") if code)
    return user


class Backend(ModelBackend):
    """Django's password backend, reading the signed-in user with `signed_in_user`."""

    def get_user(self, user_id):
        return signed_in_user(user_id)
