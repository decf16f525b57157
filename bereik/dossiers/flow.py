"""The events of the flow: what an earlier app announces, and the later apps that follow up.

Bereik's apps are layered in the order of the flow (docs/architecture.md): an app imports only
the apps below it. When something happens early in the flow that later apps must act on, the
early app sends an event from this module and the later apps subscribe from their
`AppConfig.ready()`; the sender never names them. Every event of the flow is listed here:

- `arrived(dossier_ids, actor=, signal_kinds=, import_id=, clients=, on_other_session=)`:
  dossiers were opened, or got a new signal (an import, a signal entered by hand). `import_id`:
  the import they came with (None for a signal by hand); `clients`: dossier id -> the register
  client a person recognised when entering the signal; `on_other_session`: what the user chose
  for the households of a LAC list already on another open session ("move", "keep", "skip", or
  "" when nobody was asked). Subscribers, in order: the triage (match to the register, route,
  assign), the LAC (put LAC lists on the agenda of their session), the volgende stap.
  Sent with `send_guarded`: each subscriber runs in its own transaction once the signals are
  stored; when one fails the signals stay, the problem is reported in Dutch, and the step can be
  redone from its page.
- `changed_hands(dossier_ids, actor=)`: a dossier's worker or route changed. The LAC lets the
  preparers of coming sessions follow. Sent once per batch inside the action's transaction.
- `register_changed(client_ids, actor=)`: the client register changed (an import or a correction
  by hand): these clients' guidance changed, or new clients came in. The triage matches the
  dossiers still without a client and triages the dossiers of those clients again.
- `lines_arrived(signal_ids, actor=, import_id=)`: the lines of a company's weekly report were
  stored (with or without a dossier). Subscribers, in order: the triage (match each line to the
  register: `Signal.client`, or the confirmation queue of lines), the weekly digest (the
  protected flag of the clients and dossiers, the water-scan suggestions). Sent with
  `send_guarded` from a background task after the import.

Subscribers must be idempotent: a dossier may be handed to them again (a daily command, a
button), and they must then change and notify nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _lazy

logger = logging.getLogger(__name__)

PROBLEM = _lazy("De signalen zijn bewaard, maar %(step)s is niet gelukt; doe het later opnieuw.")


@dataclass(frozen=True)
class Subscriber:
    order: int
    key: str
    func: Callable
    label: str  # what the step does, in Dutch, for a problem report ("het koppelen aan ...")


class Event:
    def __init__(self, name: str):
        self.name = name
        self._subscribers: dict[str, Subscriber] = {}

    def connect(self, func: Callable, *, order: int, key: str, label: str = "") -> Callable:
        """Subscribe `func(ids, **kwargs)`; once per key (connecting again replaces it)."""
        self._subscribers[key] = Subscriber(order, key, func, label)
        return func

    def subscribers(self) -> list[Subscriber]:
        return sorted(self._subscribers.values(), key=lambda s: (s.order, s.key))

    @staticmethod
    def _ids(ids: Iterable[int]) -> list[int]:
        return list(dict.fromkeys(pk for pk in ids if pk is not None))

    def send(self, ids: Iterable[int], **kwargs) -> dict[str, object]:
        """Call every subscriber in order, in the caller's transaction; their results by key."""
        ids = self._ids(ids)
        if not ids:
            return {}
        return {s.key: s.func(ids, **kwargs) for s in self.subscribers()}

    def send_guarded(self, ids: Iterable[int], **kwargs) -> tuple[dict[str, object], list[str]]:
        """Call every subscriber in order, each in its own transaction; a failure is logged and
        reported (in Dutch) and the next subscriber still runs."""
        ids = self._ids(ids)
        results, problems = {}, []
        if not ids:
            return results, problems
        for subscriber in self.subscribers():
            try:
                with transaction.atomic():
                    results[subscriber.key] = subscriber.func(ids, **kwargs)
            except Exception:
                logger.exception("%s: step %s failed", self.name, subscriber.key)
                problems.append(str(PROBLEM) % {"step": subscriber.label or subscriber.key})
        return results, problems


arrived = Event("arrived")
changed_hands = Event("changed_hands")
register_changed = Event("register_changed")
lines_arrived = Event("lines_arrived")
