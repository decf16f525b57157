"""Helpers for HTML drawn in Python instead of templates (the worklists' rows,
`dossiers/columns.py`; the LAC agenda's rows, `lac/agenda_rows.py`; the confirmation queue's
households, `triage/confirm_cards.py`): a value as the template engine draws it, and a row's
words translated once a language instead of once a row."""

from __future__ import annotations

import functools
import html
import math
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from django.template.defaultfilters import floatformat
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext


def text(value) -> str:
    """As `{{ value }}` draws it (Django's `render_value_in_context`, escaping on): in local
    time, localized (a number, a day), made text (a lazy translation in the active language; an
    object that is not text, by its `str`) and escaped unless marked safe. Plain text (most
    cells and form values) goes straight to `html.escape`, which Django's `escape` calls, and
    HTML already drawn (`SafeString`, a drawn cell) comes back as it is, as Django gives it:
    without Django's lazy-text wrapper around `escape`, which checked every argument (a third
    of the worklists' filter form's drawing, `lib/formrender`)."""
    if type(value) is str:
        return html.escape(value)
    if type(value) is SafeString:  # a drawn cell: as it is, as Django gives it back
        return value
    value = localize(template_localtime(value))
    if not isinstance(value, str):
        value = str(value)
    return value.__html__() if hasattr(value, "__html__") else html.escape(value)


def format_html(template: str, *args) -> SafeString:
    """Django's `format_html` (the same HTML), with plain text escaped by `html.escape`
    directly and HTML already drawn (`SafeString`) taken as it is: a worklist page draws about
    400 of these, and Django's way passes each argument through `conditional_escape` and a
    lazy-text check first."""
    return SafeString(
        template.format(
            *[
                html.escape(arg)
                if type(arg) is str
                else arg
                if type(arg) is SafeString
                else conditional_escape(arg)
                for arg in args
            ]
        )
    )


_ONE = Decimal(1)


def whole(value) -> str:
    """As `{{ value|floatformat:0 }}` draws it: a number rounded half away from zero, without
    decimals. A score or a likeness (0 to 100) is done here: the filter's own way (its Decimal
    arithmetic and localization) was an eighth of the confirmation queue's page, three times a
    candidate. Anything else goes to the filter: numbers of a thousand or more, whose digits a
    locale may group, numbers so small that the filter gives them back as they are (below
    1e-183), and what is not a number (the filter gives "" or its text)."""
    if (
        type(value) in (int, float)
        and math.isfinite(value)
        and -1000 < value < 1000
        and (value == 0 or abs(value) >= 1e-100)
    ):
        return str(int(Decimal(str(value)).quantize(_ONE, rounding=ROUND_HALF_UP)))
    return floatformat(value, 0)


# The date formats of the rows drawn in Python, all digits: the same text from `strftime` as from
# the `date` filter, which reads its format letter by letter (an LAC agenda of 300 households
# has up to three dates a row).
_STRFTIME = {"d/m": "%d/%m", "d/m/Y": "%d/%m/%Y", "d/m/Y H:i": "%d/%m/%Y %H:%M"}


def date(value, fmt: str) -> str:
    """As `{{ value|date:fmt }}` draws it, for the formats of `_STRFTIME` (a time only of a
    datetime): in local time, escaped; "" for no date."""
    if value in (None, ""):
        return ""
    return conditional_escape(template_localtime(value).strftime(_STRFTIME[fmt]))


def translated_once(words: dict[str, str]) -> Callable[[], dict[str, str]]:
    """A function that gives `words` (key -> Dutch text, marked with `gettext_noop` where they
    are written) translated into the active language and escaped, each translated once a
    language: a list of hundreds of rows named the same few words in every row."""

    @functools.cache
    def in_language(language: str | None) -> dict[str, str]:
        return {key: conditional_escape(gettext(word)) for key, word in words.items()}

    def current() -> dict[str, str]:
        return in_language(get_language())

    return current
