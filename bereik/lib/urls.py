"""`int_url(name, *ids)`: `reverse(name, args=ids)` for the URLs that take whole numbers (a
dossier's page, an agenda item's actions), without reversing each time; `fixed_url(name,
*words)` for the URLs that name no record (the home page, the sign-out, a worklist by its key),
reversed once.

Django's `reverse` costs 40–80 µs a call; a list that links every row two or three times
(the LAC agenda of 300 households: 1,200 links) spent a fifth of its time there. The URL is
reversed once per name (script prefix and URLconf) with marker numbers, split at the markers,
and each call joins the parts around the given numbers: the same string `reverse` gives. The
URLconf is the setting's (a test may change it); the project sets no URLconf per request.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.urls import get_script_prefix, reverse

_MARKER = 987_654_321  # a number no URL of Bereik holds: where an argument goes


@functools.lru_cache(maxsize=1024)
def _parts(name: str, count: int, prefix: str, urlconf: str) -> tuple[str, ...]:
    markers = [str(_MARKER + n) for n in range(count)]
    rest = reverse(name, args=[int(marker) for marker in markers])
    parts = []
    for marker in markers:
        head, found, rest = rest.partition(marker)
        if not found:
            raise ValueError(f"{name}: the URL does not hold its argument as given")
        parts.append(head)
    parts.append(rest)
    return tuple(parts)


def _joined(parts: tuple[str, ...], ids) -> str:
    pieces = [parts[0]]
    for value, part in zip(ids, parts[1:], strict=True):
        pieces += [_whole(value), part]
    return "".join(pieces)


def int_url(name: str, *ids) -> str:
    """The URL of `name` with these whole-number arguments (as `reverse(name, args=ids)`)."""
    return _joined(_parts(name, len(ids), get_script_prefix(), settings.ROOT_URLCONF), ids)


def int_url_maker(name: str, count: int = 1) -> Callable[..., str]:
    """`int_url(name, *ids)` for a list that links each of its rows: the script prefix and the
    URL's parts looked up once, when the list is drawn. The prefix lives in an asgiref local
    (microseconds a read), and an LAC agenda of 300 households has 1,200 links."""
    parts = _parts(name, count, get_script_prefix(), settings.ROOT_URLCONF)
    if count == 1:  # a row's own link: the common case, joined directly
        head, tail = parts
        return lambda value: f"{head}{_whole(value)}{tail}"
    return lambda *ids: _joined(parts, ids)


@functools.lru_cache(maxsize=1024)
def _fixed(name: str, words: tuple[str, ...], prefix: str, urlconf: str) -> str:
    return reverse(name, args=words)


def fixed_url(name: str, *words: str) -> str:
    """The URL of `name` with these words as its arguments (as `reverse(name, args=words)`),
    for a URL that names no record: no argument, or words of a short list (a worklist's key, a
    file's format). Reversed once per name, words, script prefix and URLconf: every page has
    about ten (its header's links, a worklist's tabs), which cost a tenth of a short worklist's
    time. A record's number goes through `int_url`; anything but text is refused."""
    if not all(isinstance(word, str) for word in words):
        raise TypeError(f"{name}: fixed_url takes words, not {words!r}")
    return _fixed(name, words, get_script_prefix(), settings.ROOT_URLCONF)


def _whole(value) -> str:
    """A whole number as `reverse` writes it for an `<int:...>` argument; anything else (a bool,
    a float, a text with other characters) is refused rather than written differently."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return str(value)
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return value
    raise ValueError(f"not a whole number for a URL: {value!r}")
