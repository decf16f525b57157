"""Short lists kept a minute per process (`lib.lookups`), dropped when their models change here."""

import types

from bereik.accounts.models import Role, Team
from bereik.conftest import make_user
from bereik.lib import lookups


def _reader(values):
    calls = []

    def read():
        calls.append(1)
        return list(values)

    return read, calls


def test_a_list_is_read_once_a_minute(db, monkeypatch):
    read, calls = _reader(["a"])
    assert lookups.cached("k", read, models=(Team,)) == ["a"]
    assert lookups.cached("k", read, models=(Team,)) == ["a"]
    assert len(calls) == 1

    later = lookups.time.monotonic() + lookups.SECONDS + 1
    monkeypatch.setattr(lookups, "time", types.SimpleNamespace(monotonic=lambda: later))
    lookups.cached("k", read, models=(Team,))
    assert len(calls) == 2


def test_a_save_or_delete_here_drops_the_lists_of_its_model(db):
    teams, team_calls = _reader(["teams"])
    roles, role_calls = _reader(["roles"])
    lookups.cached("teams", teams, models=(Team,))
    lookups.cached("roles", roles, models=(Role,))

    team = Team.objects.create(name="Nieuw", code="nieuw")
    lookups.cached("teams", teams, models=(Team,))
    lookups.cached("roles", roles, models=(Role,))
    assert (len(team_calls), len(role_calls)) == (2, 1)  # only the teams read again

    team.delete()
    lookups.cached("teams", teams, models=(Team,))
    assert len(team_calls) == 3


def test_a_change_of_roles_drops_the_lists_of_users_and_roles(db):
    from bereik.accounts.models import User

    user = make_user("zoe", (Role.Code.ONTHAAL,))
    read, calls = _reader(["people"])
    lookups.cached("people", read, models=(User, Role))

    role = Role.objects.get(code=Role.Code.PREVENTIEWERKER)
    user.roles.add(role)  # from the user's side
    lookups.cached("people", read, models=(User, Role))
    role.users.remove(user)  # from the role's side
    lookups.cached("people", read, models=(User, Role))
    assert len(calls) == 3


def test_a_list_read_before_the_commit_is_dropped_again_after_it(
    db, django_capture_on_commit_callbacks
):
    read, calls = _reader(["teams"])
    lookups.cached("teams", read, models=(Team,))
    with django_capture_on_commit_callbacks() as callbacks:
        Team.objects.create(name="Nieuw", code="nieuw")
        lookups.cached("teams", read, models=(Team,))  # another page, before the commit
    assert len(calls) == 2
    for callback in callbacks:
        callback()
    lookups.cached("teams", read, models=(Team,))
    assert len(calls) == 3


def test_lists_past_their_minute_are_let_go(db, monkeypatch):
    read, _calls = _reader(["x"])
    lookups.cached("lac-sessions:gisteren", read, models=(Team,))
    later = lookups.time.monotonic() + lookups.SECONDS + 1
    monkeypatch.setattr(lookups, "time", types.SimpleNamespace(monotonic=lambda: later))
    lookups.cached("lac-sessions:vandaag", read, models=(Team,))
    assert set(lookups._lists) == {"lac-sessions:vandaag"}


def test_what_is_made_of_a_source_is_made_again_only_for_another_object():
    kept, made = {}, []

    def make(source):
        made.append(source)
        return len(source)

    first, equal = ["a", "b"], ["a", "b"]
    assert lookups.while_same(kept, "k", first, make) == 2
    assert lookups.while_same(kept, "k", first, make) == 2
    assert made == [first]  # the same list: not made again
    assert lookups.while_same(kept, "k", equal, make) == 2
    assert made == [first, equal] and made[1] is equal  # an equal but other list: made again
    assert lookups.while_same(kept, "other", first, make) == 2 and len(made) == 3
    assert kept["k"][0] is equal  # the source is held, so its id cannot be taken by another
