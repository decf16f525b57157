"""What sign-in keeps in the session: when it started, when the user was last seen, and whether
the second factor is still to be given. Nothing here touches the database."""

import time

# Epoch seconds of the sign-in and of the last request (kept to the minute, see `seen`).
STARTED = "signin.started"
SEEN = "signin.seen"
# "pending" while the second factor is asked and not given yet; "done" once given.
SECOND_FACTOR = "signin.second_factor"
PENDING = "pending"
DONE = "done"
# During enrolment: the new app's secret (hex), kept here until a code proves it was set up.
NEW_KEY = "signin.new_key"
# Recovery codes just made, shown once on the next page and then forgotten.
NEW_CODES = "signin.new_codes"
# Seen is written at most once a minute, so a page view does not always write the session.
SEEN_GRANULARITY = 60


def now() -> int:
    return int(time.time())


def start(request) -> None:
    """Called at every sign-in (the `user_logged_in` signal)."""
    moment = now()
    request.session[STARTED] = moment
    request.session[SEEN] = moment


def touch(request, moment: int) -> None:
    if moment - request.session.get(SEEN, 0) >= SEEN_GRANULARITY:
        request.session[SEEN] = moment


def second_factor_state(request) -> str | None:
    return request.session.get(SECOND_FACTOR)


def ask_second_factor(request) -> None:
    request.session[SECOND_FACTOR] = PENDING


def second_factor_given(request) -> None:
    request.session[SECOND_FACTOR] = DONE
    request.session.pop(NEW_KEY, None)
