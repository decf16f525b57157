"""Faker names for factories that a page shows exactly as written.

A few Belgian surnames carry an apostrophe (D'Hondt), which a template escapes (D&#x27;Hondt):
a test that looks for the name in a page would then fail, or one that asserts the name is
absent would pass for the wrong reason, depending on the draw. The factories take names that
HTML leaves as they are; escaping itself is tested on purpose elsewhere (XSS payloads).

Each test draws from a seed of its own id (`reseed`, an autouse fixture in `bereik/conftest.py`):
a test gets the same names on every run, whatever worker runs it and whatever ran before, so
a test that holds for its names holds in CI too (a random first name holding "Pe" once made a
two-letter search find a second dossier in CI only)."""

import html
import zlib

import factory
from faker import Faker

_faker = Faker("nl_BE")


def reseed(test_id: str) -> None:
    """The names a test draws from here on depend on its id alone."""
    _faker.seed_instance(zlib.crc32(test_id.encode()))


def plain(kind: str) -> str:
    """A Faker value of `kind` (last_name, first_name, name) that HTML escaping leaves alone."""
    while True:
        value = getattr(_faker, kind)()
        if html.escape(value) == value:
            return value


def plain_faker(kind: str) -> factory.LazyFunction:
    return factory.LazyFunction(lambda: plain(kind))
