"""Rate limits on the public screen links, in Django's cache (fixed windows).

Two counters per client address: every request to a screen link, and the requests with a link
that does not exist (someone guessing). Past either limit the address gets 429 for every link,
its own included, until the window ends: otherwise a guesser could tell a good link by its
answer. The limits leave room for many screens behind one office address (a screen asks once a
minute).

The address is REMOTE_ADDR; behind BEREIK_PROXY_COUNT proxies, the entry of X-Forwarded-For that
the outermost of them wrote (as the sign-in's limits read it)."""

import ipaddress

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 600
REQUESTS_PER_WINDOW = 1200  # all screen requests from one address
MISSES_PER_WINDOW = 30  # links that do not exist, from one address


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    count = getattr(settings, "BEREIK_PROXY_COUNT", 0)
    if count:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
        if len(entries) >= count:
            try:
                return str(ipaddress.ip_address(entries[-count]))
            except ValueError:
                return remote
    return remote


def _key(kind: str, address: str) -> str:
    return f"screens:rate:{kind}:{address}"


def _count(key: str) -> int:
    return cache.get(key, 0)


def _hit(key: str) -> int:
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        return 1


def allow(request) -> bool:
    """Count this request; False when its address is over a limit."""
    address = client_address(request)
    requests = _hit(_key("all", address))
    return requests <= REQUESTS_PER_WINDOW and _count(_key("miss", address)) < MISSES_PER_WINDOW


def miss(request) -> None:
    """Count a link that does not exist."""
    _hit(_key("miss", client_address(request)))
