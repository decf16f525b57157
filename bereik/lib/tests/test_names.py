import html

import pytest

from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers.tests.factories import DossierFactory
from bereik.lac.tests.factories import LacPersonFactory
from bereik.lib.tests import names


def test_plain_names_skip_what_html_escapes(monkeypatch):
    drawn = iter(["D'Hondt", "Peeters"])
    monkeypatch.setattr(names._faker, "last_name", lambda: next(drawn))
    assert names.plain("last_name") == "Peeters"


@pytest.mark.django_db
def test_the_factories_names_are_shown_as_written():
    built = [DossierFactory.build() for _ in range(300)] + [
        ClientFactory.build() for _ in range(300)
    ]
    values = [d.last_name for d in built] + [d.first_name for d in built]
    values += [LacPersonFactory.build().name for _ in range(300)]
    assert all(html.escape(v) == v for v in values)


def _names(count=20):
    return [names.plain("first_name") + " " + names.plain("last_name") for _ in range(count)]


def test_a_test_draws_the_same_names_on_every_run(request):
    """The autouse fixture seeded this test from its id: drawing again from that seed gives the
    same names, whatever ran before in this process; another id gives others."""
    drawn = _names()
    names.reseed("bereik/some/other_test.py::test_other")
    other = _names()
    names.reseed(request.node.nodeid)
    assert _names() == drawn
    assert other != drawn
