"""Signed-in sessions for the load test (`bench/load.py`), written as JSON for Locust.

    DATABASE_URL=... python bench/load_setup.py OUT.json [--sessions 50]

Each session is what a full sign-in leaves behind: Django's own `force_login` (the user's id,
backend and password hash in the session store), the sign-in's start and last-seen moments, and
the second factor marked as given (`bereik.signin.session.second_factor_given`), as the code page
marks it. The server under test keeps `BEREIK_MFA_REQUIRED` on: nothing in the settings is
weakened, the sessions are made the way a test client makes them, in the bench's own database.
The users are those of `bench/setup_db.py`, by turns (the preventiewerker, the five social
workers, the diensthoofd); each session comes with the worklists and some of the dossiers its
user may see.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

USERNAMES = ["pieter", "mw0", "mw1", "mw2", "mw3", "mw4", "dirk"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--sessions", type=int, default=50)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bereik.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    from bereik.accounts.models import User
    from bereik.dossiers import access, worklists
    from bereik.dossiers.models import Dossier
    from bereik.signin import session

    database = str(settings.DATABASES["default"]["NAME"])
    if "load" not in database and "bench" not in database:
        # Signed-in sessions with the second factor marked given: never on a real database.
        sys.exit(f"load_setup: refusing a database not named for benchmarks ({database!r}).")
    setup_test_environment()  # the test client's hosts
    users = [User.objects.get(username=name) for name in USERNAMES]
    # What each user may open: their worklists, and dossiers they may see.
    reach = {
        user.pk: {
            "worklists": [worklist.key for worklist in worklists.worklists_for(user)],
            "dossiers": list(
                access.visible_dossiers(user).order_by("?").values_list("pk", flat=True)[:300]
            ),
        }
        for user in users
    }
    sessions = []
    for n in range(args.sessions):
        user = users[n % len(users)]
        client = Client()
        client.force_login(user)
        store = client.session
        moment = session.now()
        store[session.STARTED] = moment
        store[session.SEEN] = moment
        store[session.SECOND_FACTOR] = session.DONE
        store.save()
        sessions.append({"username": user.username, "key": store.session_key, **reach[user.pk]})
    names = sorted(
        {name[:6] for name in Dossier.objects.values_list("last_name", flat=True)[:2000]}
    )
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(
            {
                "cookie": settings.SESSION_COOKIE_NAME,
                "sessions": sessions,
                "names": names,
            },
            handle,
        )


if __name__ == "__main__":
    main()
