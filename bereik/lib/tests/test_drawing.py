"""HTML drawn in Python (`lib/drawing.py`) draws a value as the template engine does, and
translates a row's words once a language."""

import datetime
from decimal import Decimal

import pytest
from django.template import engines
from django.template.defaultfilters import floatformat
from django.utils import html, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from bereik.lib import drawing


class _Drawn:
    """Not text, with an `__html__` of its own: the template draws its `str`, escaped."""

    def __str__(self):
        return "<i>y</i>"

    def __html__(self):
        return "<i>x</i>"

    def __repr__(self):  # the test's id, the same in every worker
        return "_Drawn()"


VALUES = [
    'Peeters & "zonen" <b>\'t Hof</b>',
    "",
    mark_safe("<i>al veilig</i>"),
    gettext_lazy("Acties"),
    1234567,
    0,
    Decimal("1234.50"),
    2.5,
    True,
    None,
    datetime.date(2026, 3, 1),
    # 23:30 in UTC is the next day in Belgium.
    datetime.datetime(2026, 1, 1, 23, 30, tzinfo=datetime.UTC),
    _Drawn(),
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_a_value_is_drawn_as_the_template_draws_it(value):
    template = engines["django"].from_string("{{ value }}")
    assert drawing.text(value) == template.render({"value": value})


def test_format_html_draws_what_djangos_draws():
    template = "".join('<i title="{}">' if n % 2 else "<b>{}</b>" for n in range(len(VALUES)))
    assert drawing.format_html(template, *VALUES) == html.format_html(template, *VALUES)
    drawn = drawing.format_html("<b>{}</b>", "<script>")
    assert drawn == "<b>&lt;script&gt;</b>" and isinstance(drawn, SafeString)


def test_a_rows_words_are_translated_once_a_language_and_escaped(monkeypatch):
    asked = []

    def counted(word):
        asked.append(word)
        return word

    monkeypatch.setattr(drawing, "gettext", counted)
    words = drawing.translated_once({"a": "klant", "b": "<geen> & meer"})
    with translation.override("nl-be"):
        first = words()
        for _row in range(300):
            assert words() is first
    assert first == {"a": "klant", "b": "&lt;geen&gt; &amp; meer"}
    assert asked == ["klant", "<geen> & meer"]
    with translation.override("fr"):
        assert words() is not first  # another language, translated again
    assert len(asked) == 4


@pytest.mark.parametrize("fmt", ["d/m", "d/m/Y", "d/m/Y H:i"])
@pytest.mark.parametrize(
    "value",
    [
        datetime.date(2026, 3, 1),
        datetime.date(1949, 12, 31),
        datetime.datetime(2026, 1, 1, 23, 30, tzinfo=datetime.UTC),
        datetime.datetime(2026, 7, 1, 8, 5, tzinfo=datetime.UTC),
        None,
    ],
    ids=repr,
)
def test_a_date_is_drawn_as_the_date_filter_draws_it(value, fmt):
    if "H" in fmt and type(value) is datetime.date:
        pytest.skip("a time is drawn of a moment, not of a day")
    template = engines["django"].from_string("{{ value|date:fmt }}")
    assert drawing.date(value, fmt) == template.render({"value": value, "fmt": fmt})


def test_whole_draws_what_floatformat_0_draws():
    values = [0, 1, -1, 0.5, 1.5, 2.5, -0.5, -0.4, -1.5, 99.49999, 99.5, 87.33333333, 100.0, 999.5]
    values += [i / 8 for i in range(-80, 8001)] + [i / 3 for i in range(-3000, 3000, 7)]
    values += [1e-5, 1e-100, -1e-100, 1e-190, 5e-324, 0.4999999999999999, -0.0, 999.4999]
    values += [1234.5, 10**6, float("nan"), float("inf")]
    values += ["", None, "12.5", "x", Decimal("2.5"), True]
    for language in ("nl-be", "en"):
        with translation.override(language):
            for value in values:
                assert drawing.whole(value) == floatformat(value, 0), (language, value)
