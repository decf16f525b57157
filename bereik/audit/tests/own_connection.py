"""Run a function on a database connection of its own (a thread of its own), outside the test's
transaction: what it commits is committed at once, as after a response or in a parallel writer."""

import threading

from django.db import connections


def in_own_connection(func):
    """`func()`'s result, run in a thread (so on a connection) of its own; its error re-raised."""
    result, errors = {}, []

    def run():
        try:
            result["value"] = func()
        except Exception as error:  # noqa: BLE001 - reported in the test's own thread
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return result.get("value")
