"""`int_url` gives what `reverse` gives (`bereik/lib/urls.py`)."""

import pytest
from django.urls import reverse, set_script_prefix

from bereik.lib.urls import int_url


@pytest.mark.parametrize(
    ("name", "ids"),
    [
        ("dossiers:detail", (1,)),
        ("dossiers:detail", (987_654_320,)),
        ("lac:item_preparer", (42,)),
        ("lac:item_move", (7,)),
        ("triage:match_confirm", (12, 3456)),
        ("triage:match_reject", (3456, 12)),
    ],
)
def test_it_gives_what_reverse_gives(name, ids):
    assert int_url(name, *ids) == reverse(name, args=ids)
    assert int_url(name, *(str(pk) for pk in ids)) == reverse(name, args=ids)


def test_it_follows_the_script_prefix():
    try:
        set_script_prefix("/ocmw/")
        assert int_url("dossiers:detail", 5) == reverse("dossiers:detail", args=[5])
        assert int_url("dossiers:detail", 5).startswith("/ocmw/")
    finally:
        set_script_prefix("/")
    assert int_url("dossiers:detail", 5) == reverse("dossiers:detail", args=[5])


@pytest.mark.parametrize("value", ["5/../admin", "²", "-5", True, 5.7, -5, None])
def test_anything_but_a_whole_number_is_refused(value):
    with pytest.raises(ValueError):
        int_url("dossiers:detail", value)
