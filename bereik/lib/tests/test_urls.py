"""`int_url` and `fixed_url` give what `reverse` gives (`bereik/lib/urls.py`)."""

import pathlib
import re

import pytest
from django.conf import settings
from django.template import engines
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils.safestring import mark_safe

from bereik.lib import urls
from bereik.lib.urls import fixed_url, int_url


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
    with pytest.raises(ValueError):
        urls.int_url_maker("dossiers:detail")(value)


def test_a_maker_gives_what_int_url_gives_with_the_prefix_of_when_it_was_made():
    """A list's links, made with the prefix of the request that draws the list."""
    assert urls.int_url_maker("lac:item_move")(7) == reverse("lac:item_move", args=[7])
    try:
        set_script_prefix("/ocmw/")
        make = urls.int_url_maker("dossiers:detail")
    finally:
        set_script_prefix("/")
    assert make(5) == "/ocmw/dossiers/5/" == "/ocmw" + reverse("dossiers:detail", args=[5])


def test_a_maker_of_two_ids_gives_what_reverse_gives_and_takes_two():
    make = urls.int_url_maker("triage:match_confirm", 2)
    assert make(12, 3456) == reverse("triage:match_confirm", args=[12, 3456])
    for ids in [(12,), (12, 3456, 7)]:
        with pytest.raises(ValueError):
            make(*ids)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("home", ()),
        ("logout", ()),
        ("accounts:notifications", ()),
        ("dossiers:worklist", ("alle",)),
        ("dossiers:worklist", (mark_safe("mijn"),)),  # a key marked safe, as a template gives it
        ("dossiers:worklist_export", ("te-trieren", "xlsx")),
    ],
)
def test_a_fixed_url_is_what_reverse_gives(name, words):
    assert fixed_url(name, *words) == reverse(name, args=words)


def test_a_fixed_url_is_reversed_once_and_follows_the_script_prefix(monkeypatch):
    urls._fixed.cache_clear()
    asked = []
    monkeypatch.setattr(
        urls, "reverse", lambda name, args: asked.append(name) or reverse(name, args=args)
    )
    for _twice in range(2):
        assert fixed_url("dossiers:worklist", "alle") == "/dossiers/lijsten/alle/"
    try:
        set_script_prefix("/ocmw/")
        assert fixed_url("dossiers:worklist", "alle") == "/ocmw/dossiers/lijsten/alle/"
    finally:
        set_script_prefix("/")
    assert asked == ["dossiers:worklist"] * 2  # once for each prefix


@pytest.mark.parametrize("word", [5, None, True])
def test_a_fixed_url_takes_words_only(word):
    """A record's number goes through `int_url`: a list of every record's URL is not kept."""
    with pytest.raises(TypeError):
        fixed_url("dossiers:worklist", word)


def test_the_tag_draws_the_url_or_keeps_it_as_a_variable():
    template = engines["django"].from_string(
        "<a href=\"{% fixed_url 'dossiers:worklist' key %}\">"
        "{% fixed_url 'home' as home %}{{ home }}"
    )
    assert template.render({"key": "alle"}) == '<a href="/dossiers/lijsten/alle/">/'


def test_both_follow_the_urlconf(settings):
    """A test may serve the project under another URLconf: the URLs kept are the setting's."""
    assert fixed_url("home") == "/" and int_url("dossiers:detail", 5) == "/dossiers/5/"
    settings.ROOT_URLCONF = "bereik.lib.tests.urls_elsewhere"
    assert fixed_url("home") == "/elders/"
    assert int_url("dossiers:detail", 5) == "/elders/dossiers/5/"


def test_every_int_url_of_the_templates_takes_whole_numbers_only():
    """`{% int_url %}` is for the URLs whose arguments are records' numbers: each that a
    template names is made with as many numbers as the tag gives, and its URL takes numbers
    only (a URL of a UUID, such as a background task's, or of a word stays `{% url %}`)."""
    tag = re.compile(r"""\{% int_url ['"]([\w:-]+)['"]((?: [\w.]+)+) %\}""")
    texts = [
        path.read_text()
        for path in pathlib.Path(settings.BASE_DIR, "bereik").rglob("templates/**/*.html")
    ]
    found = {(name, len(args.split())) for text in texts for name, args in tag.findall(text)}
    assert sum(text.count("{% int_url") for text in texts) == sum(
        len(tag.findall(text)) for text in texts
    )  # every tag read by the pattern
    assert len(found) > 100
    for name, count in sorted(found):
        numbers = range(1, count + 1)
        assert int_url(name, *numbers) == reverse(name, args=numbers)
        with pytest.raises(NoReverseMatch):  # a word where a number goes: not this URL
            reverse(name, args=["x"] * count)


def test_the_records_links_are_what_reverse_gives():
    """A record's page on every row of a list (the register, the sessions, the imports), also
    under a script prefix."""
    from bereik.clients.models import Client
    from bereik.intake.models import ImportBatch
    from bereik.lac.models import Session

    preview = ImportBatch(pk=9, status=ImportBatch.Status.PREVIEW)
    done = ImportBatch(pk=9, status=ImportBatch.Status.IMPORTED)
    for prefix in ("/", "/ocmw/"):
        try:
            set_script_prefix(prefix)
            assert Client(pk=7).get_absolute_url() == reverse("clients:detail", args=[7])
            assert Session(pk=8).get_absolute_url() == reverse("lac:session", args=[8])
            assert preview.get_absolute_url() == reverse("intake:preview", args=[9])
            assert done.get_absolute_url() == reverse("intake:detail", args=[9])
            assert done.get_absolute_url().startswith(prefix)
        finally:
            set_script_prefix("/")
