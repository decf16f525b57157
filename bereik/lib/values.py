"""Parsers for the values found in company lists and register exports.

Each parser takes one cell as read by `bereik.lib.tabular` (a string from a CSV; str, int, float,
bool or datetime from an XLSX) and returns the parsed value, or an empty value (None or "") for an
empty cell. A value that can't be understood raises `ValueProblem` with a Dutch message naming the
value; nothing is ever guessed silently (an American date, an amount with letters: refused).

A `ValueProblem` with `warning=True` is not fatal: the row is still usable with `fallback` as the
value (an INSZ with a wrong check digit is kept out of matching but the row is imported).

Composite parsers (a full name, an address in one column, "postcode gemeente") return a dict with
the keys of the fields they fill: `last_name`, `first_name`, `street`, `house_number`, `box`,
`postcode`, `city`.

Parsers:  parse_text, parse_identifier, parse_amount, parse_date, parse_flag (and
flag_parser_for a whole column), parse_insz, parse_full_name / split_name, parse_address,
parse_house_number, parse_postcode_city, parse_postcode.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from bereik.lib import insz as insz_lib

EXCEL_EPOCH = datetime.date(1899, 12, 30)  # serial 1 = 1900-01-01, with Excel's leap-year bug
MAX_AMOUNT = Decimal("9999999999.99")  # what a DecimalField(max_digits=12, decimal_places=2) holds

# Words that start a surname: "Van den Broeck Sarah" has surname "Van den Broeck".
NAME_PARTICLES = {
    "van", "vander", "vanden", "vande", "de", "der", "den", "di", "da", "du", "del", "della",
    "des", "le", "la", "les", "el", "al", "ben", "bin", "ter", "ten", "te", "von", "vom", "zu",
    "op", "in", "'t", "t", "v.d.", "vd", "mc", "mac", "o'", "d'", "l'", "st", "st.", "sint",
    "saint",
}  # fmt: skip

_TRUE_WORDS = {"ja", "j", "yes", "y", "1", "x", "waar", "true", "ok", "v", "wel"}
_FALSE_WORDS = {"nee", "neen", "n", "no", "0", "onwaar", "false", "niet", "geen"}
_MARKS = {"x", "✓", "✔", "☑", "×", "v"}

MONTHS = {
    "jan": 1, "januari": 1, "feb": 2, "februari": 2, "mrt": 3, "maa": 3, "maart": 3,
    "apr": 4, "april": 4, "mei": 5, "jun": 6, "juni": 6, "jul": 7, "juli": 7,
    "aug": 8, "augustus": 8, "sep": 9, "sept": 9, "september": 9, "okt": 10, "oct": 10,
    "oktober": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

_SPACES = re.compile(r"\s+")
_SCIENTIFIC = re.compile(r"\d+(?:[.,]\d+)?[eE][+]?\d+")  # 5,41459E+17: Excel rounded it
_BELGIAN_PREFIX = re.compile(r"^B\s?-\s?")  # B-3800
_CURRENCY = re.compile(r"(?i)^\s*(?:€|eur(?:o)?)\.?|(?:€|eur(?:o)?)\s*$")
_TIME_SUFFIX = re.compile(r"^(.+?)(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})$")
_WRITTEN_DATE = re.compile(r"^(?:[a-z]+\s+)?(\d{1,2})\.?\s+([a-z]+)\.?\s+(\d{4})$")
_BOX = re.compile(
    r"^(?P<before>.*\d[a-z]{0,2})\s*,?\s*(?:bus|bte|boite|boîte|box|b)\s*\.?\s*(?P<box>[0-9a-z][\w.\-]*)$",
    re.IGNORECASE,
)
_SLASH_BOX = re.compile(r"^(?P<before>.*\d[a-z]{0,2})\s*/\s*(?P<box>[0-9a-z][\w.\-]*)$", re.I)
_NUMBER = re.compile(
    r"^(?P<street>.*?\S)[\s,]+(?P<number>\d+(?:\s?[a-z]{1,2})?(?:\s?-\s?\d+[a-z]?)?)$",
    re.IGNORECASE,
)
_TRAILING_PLACE = re.compile(
    r"^(?P<rest>.*?)(?P<sep>[\s,]+)(?:B\s?-\s?)?(?P<postcode>\d{4})\s+(?P<city>[^\d,][^,]*)$",
    re.IGNORECASE,
)
_POSTCODE_FIRST = re.compile(r"^(?:B\s?-\s?)?(?P<postcode>\d{4})\b\s*[-,]?\s*(?P<city>.*)$", re.I)
_POSTCODE_LAST = re.compile(r"^(?P<city>.*?)[\s,(]+(?P<postcode>\d{4})\)?$")


class ValueProblem(ValueError):
    """A cell that can't be used as it is. `message` is Dutch, for the user.

    `warning=True`: not fatal, use `fallback` instead (the row is still imported)."""

    def __init__(self, message: str, *, warning: bool = False, fallback=None):
        super().__init__(message)
        self.message = message
        self.warning = warning
        self.fallback = fallback


def _empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _shown(value) -> str:
    text = str(value).strip()
    return text if len(text) <= 60 else text[:57] + "..."


# --------------------------------------------------------------------------------------------
# Text


def parse_text(value) -> str:
    """Text as written, trimmed, inner runs of whitespace made single. Never evaluated: a name
    like "=HYPERLINK(...)" stays exactly that text. A whole number read from Excel loses ".0"."""
    if type(value) is str:
        text = value.strip()
        # Most cells: no run of spaces, no other whitespace (every whitespace character but the
        # space is unprintable), so nothing to replace.
        if "  " not in text and text.isprintable():
            return text
        return _SPACES.sub(" ", text)
    if _empty(value):
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time(0, 0):
        return value.date().strftime("%d/%m/%Y")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return _SPACES.sub(" ", str(value)).strip()


def parse_identifier(value) -> str:
    """A customer number, EAN or client number. Refuses a number Excel already rounded (more than
    15 digits, or written as 5,41459E+17): the real number is lost and must not be matched."""
    if _empty(value):
        return ""
    if isinstance(value, float):
        if not value.is_integer() or abs(value) >= 1e15:
            raise ValueProblem(
                _(
                    "Het nummer %(value)s is door Excel afgerond; zet deze kolom als tekst in "
                    "het bestand."
                )
                % {"value": _shown(value)}
            )
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = parse_text(value).lstrip("'")
    if ("e" in text or "E" in text) and _SCIENTIFIC.fullmatch(text):
        raise ValueProblem(
            _(
                "Het nummer %(value)s staat in wetenschappelijke notatie: Excel heeft het "
                "afgerond. Zet deze kolom als tekst in het bestand."
            )
            % {"value": _shown(text)}
        )
    return text


# --------------------------------------------------------------------------------------------
# Amounts


def parse_amount(value) -> Decimal | None:
    """An amount in euro with two decimals.

    Accepts numbers and the ways lists write them: 1.234,56 / 1234,56 / € 1 234,56 / 1234.56 /
    -12,50 / (12,50) / 12,50-. One comma is always the decimal separator; one dot followed by
    exactly three digits ("1.234") is a thousands separator, as Belgian lists write it.
    """
    if _empty(value):
        return None
    if isinstance(value, bool):
        raise ValueProblem(_("%(value)s is geen bedrag.") % {"value": _shown(value)})
    if isinstance(value, int | float | Decimal):
        return _check_amount(Decimal(str(value)), value)
    text = str(value).strip()
    cleaned = _CURRENCY.sub("", text)
    cleaned = re.sub(r"[\s\u00a0\u202f']", "", cleaned)
    negative = False
    if cleaned.startswith("(") and cleaned.endswith(")"):
        negative, cleaned = True, cleaned[1:-1]
    if cleaned.endswith("-"):
        negative, cleaned = True, cleaned[:-1]
    if cleaned.startswith(("-", "+")):
        negative, cleaned = cleaned[0] == "-", cleaned[1:]
    if not re.fullmatch(r"\d[\d.,]*", cleaned) or cleaned[-1] in ".,":
        raise ValueProblem(_("'%(value)s' is geen geldig bedrag.") % {"value": _shown(text)})
    number = _normalise_separators(cleaned)
    if number is None:
        raise ValueProblem(_("'%(value)s' is geen geldig bedrag.") % {"value": _shown(text)})
    amount = Decimal(number)
    return _check_amount(-amount if negative else amount, text)


def _normalise_separators(text: str) -> str | None:
    """Digits with "." as the decimal point, or None when the grouping makes no sense."""
    commas, dots = text.count(","), text.count(".")
    if commas and dots:
        decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        whole, _sep, fraction = text.rpartition(decimal_sep)
        if thousands not in whole or decimal_sep in whole or not _grouped(whole, thousands):
            return None
        return whole.replace(thousands, "") + "." + fraction
    if commas == 1:
        return text.replace(",", ".")
    if commas > 1:
        return text.replace(",", "") if _grouped(text, ",") else None
    if dots > 1:
        return text.replace(".", "") if _grouped(text, ".") else None
    if dots == 1:
        whole, fraction = text.split(".")
        if len(fraction) == 3 and whole != "0" and not whole.startswith("0"):
            return whole + fraction  # "1.234": Belgian thousands separator
    return text


def _grouped(text: str, separator: str) -> bool:
    parts = text.split(separator)
    return 1 <= len(parts[0]) <= 3 and all(len(part) == 3 for part in parts[1:])


def _check_amount(amount: Decimal, shown) -> Decimal:
    try:
        amount = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except InvalidOperation as exc:
        raise ValueProblem(
            _("'%(value)s' is geen geldig bedrag.") % {"value": _shown(shown)}
        ) from exc
    if abs(amount) > MAX_AMOUNT or not amount.is_finite():
        raise ValueProblem(_("Het bedrag %(value)s is te groot.") % {"value": _shown(shown)})
    return amount


# --------------------------------------------------------------------------------------------
# Dates


def parse_date(value) -> datetime.date | None:
    """A date. Accepts Excel dates and serial numbers, dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy,
    dd.mm.yyyy, two-digit years, ISO yyyy-mm-dd (with or without a time), yyyymmdd and written
    Dutch dates ("8 december 2026", "di 8 dec 2026"). Day comes before month: "12/31/2026" is
    refused, never read as an American date."""
    if _empty(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, bool):
        raise ValueProblem(_("%(value)s is geen datum.") % {"value": _shown(value)})
    if isinstance(value, int | float):
        return _from_number(value, value)
    if type(value) is str:
        if len(value) == 10 and value[2] == value[5] == "/" and value.isascii():
            # dd/mm/yyyy, what most lists write: read without the patterns below.
            day, month, year = value[:2], value[3:5], value[6:]
            if day.isdigit() and month.isdigit() and year.isdigit():
                try:
                    return datetime.date(int(year), int(month), int(day))
                except ValueError:
                    pass  # 31/02/2026: the patterns below say what is wrong
        # A list holds few distinct dates (and a register's birth dates repeat): each text is
        # read once. The year is part of the key: two-digit years depend on it.
        return _date_from_text(value, datetime.date.today().year)
    return _date_from_text.__wrapped__(value, None)


@functools.lru_cache(maxsize=8192)
def _date_from_text(value, _year) -> datetime.date:
    text = _SPACES.sub(" ", str(value)).strip().lower()
    timed = _TIME_SUFFIX.match(text)
    if timed and not _ISO_DATE.match(text) and not _DAY_FIRST.match(text):
        text = timed.group(1)
    try:
        if match := _ISO_DATE.match(text):
            year, month, day = (int(part) for part in match.groups())
            return datetime.date(year, month, day)
        if match := _DAY_FIRST.match(text):
            day, month, year = (int(part) for part in match.groups())
            return datetime.date(_full_year(year, match.group(3)), month, day)
        if match := _WRITTEN_DATE.match(text):
            month = MONTHS.get(match.group(2))
            if month:
                return datetime.date(int(match.group(3)), month, int(match.group(1)))
        if re.fullmatch(r"\d{8}", text):
            return _from_eight_digits(text)
        if re.fullmatch(r"\d{5}(?:[.,]0+)?", text):
            return _from_number(float(text.replace(",", ".")), value)
    except ValueError:
        pass
    raise ValueProblem(
        _("'%(value)s' is geen geldige datum (verwacht dd/mm/jjjj).") % {"value": _shown(value)}
    )


def _full_year(year: int, written: str) -> int:
    if len(written) == 4:
        return year
    pivot = (datetime.date.today().year + 10) % 100
    return 2000 + year if year <= pivot else 1900 + year


def _from_eight_digits(text: str) -> datetime.date:
    if text[:2] in {"19", "20"}:
        try:
            return datetime.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        except ValueError:
            pass
    return datetime.date(int(text[4:]), int(text[2:4]), int(text[:2]))


def _from_number(number, shown) -> datetime.date:
    if float(number).is_integer() and 19000101 <= number <= 21001231:
        return _from_eight_digits(str(int(number)))
    # Excel serials: 1 = 1900-01-01 ... 73050 = 2099-12-31. A fraction is the time of day.
    if 1 <= number <= 73050:
        return EXCEL_EPOCH + datetime.timedelta(days=int(number))
    raise ValueProblem(_("%(value)s is geen geldige datum.") % {"value": _shown(shown)})


# --------------------------------------------------------------------------------------------
# Yes / no


def parse_flag(value, *, empty=None) -> bool | None:
    """ja/nee, J/N, yes/no, 1/0, waar/onwaar, X or a check mark. Empty gives `empty` (None:
    unknown); for a column of marks where an empty cell means "no", see flag_parser_for."""
    if _empty(value):
        return empty
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value)
        raise ValueProblem(_("%(value)s is geen ja of nee.") % {"value": _shown(value)})
    text = str(value).strip().lower().rstrip(".")
    if text in _TRUE_WORDS or text in _MARKS:
        return True
    if text in _FALSE_WORDS:
        return False
    raise ValueProblem(
        _("'%(value)s' is geen ja of nee (verwacht ja/nee, J/N, 1/0 of X).")
        % {"value": _shown(value)}
    )


def flag_parser_for(values: list) -> Callable:
    """The flag parser for a whole column: when the column marks "yes" with an X (or a check
    mark) and never writes a "no", an empty cell means no; otherwise an empty cell is unknown."""
    texts = {str(v).strip().lower() for v in values if not _empty(v)}
    marks_only = bool(texts) and texts <= _MARKS

    def parse(value):
        return parse_flag(value, empty=False if marks_only else None)

    return parse


# --------------------------------------------------------------------------------------------
# INSZ


def parse_insz(value) -> str:
    """The INSZ as 11 digits (dots, dashes and spaces removed; a leading zero Excel dropped is put
    back). An invalid number is a warning with fallback "": it is not used for matching and the
    row is still imported. The number itself is never put in a message."""
    if _empty(value):
        return ""
    digits = insz_lib.normalize(value)
    if not digits:
        raise ValueProblem(
            _("Het INSZ heeft geen 11 cijfers; het wordt niet gebruikt."),
            warning=True,
            fallback="",
        )
    if not insz_lib.digits_valid(digits):
        raise ValueProblem(
            _("Het INSZ is ongeldig (controlegetal klopt niet); het wordt niet gebruikt."),
            warning=True,
            fallback="",
        )
    return digits


# --------------------------------------------------------------------------------------------
# Names


def split_name(text: str) -> tuple[str, str]:
    """(last name, first name) from one text.

    "Last, First" splits at the comma. Without a comma the order is "Last First": leading
    particles belong to the surname ("Van den Broeck Sarah", "El Amrani Patrick"), and so do
    leading words in capitals ("VAN DAMME Jean Pierre"). A two-part surname without particle
    ("Peeters Janssens Marie") can't be told apart from a second first name: the first word is
    taken as the surname.
    """
    text = parse_text(text)
    if not text:
        return "", ""
    if "," in text:
        last, _sep, first = text.partition(",")
        return last.strip(), first.strip(" ,")
    tokens = text.split(" ")
    if len(tokens) == 1:
        return text, ""
    capitals = 0
    while capitals < len(tokens) and _is_capitalised_word(tokens[capitals]):
        capitals += 1
    if 0 < capitals < len(tokens):
        return " ".join(tokens[:capitals]), " ".join(tokens[capitals:])
    index = 0
    while index < len(tokens) - 1 and tokens[index].lower() in NAME_PARTICLES:
        index += 1
    return " ".join(tokens[: index + 1]), " ".join(tokens[index + 1 :])


def _is_capitalised_word(token: str) -> bool:
    letters = [char for char in token if char.isalpha()]
    return len(letters) > 1 and all(char.isupper() for char in letters)


def parse_full_name(value) -> dict:
    """A name in one column: {"last_name", "first_name"} (see split_name)."""
    last, first = split_name(value)
    return {"last_name": last, "first_name": first} if last or first else {}


# --------------------------------------------------------------------------------------------
# Addresses


def parse_house_number(value) -> dict:
    """ "43 bus 1", "43 b 1", "43/1", "12A", "12-14": {"house_number", "box"}."""
    text = parse_text(value)
    if not text:
        return {}
    for pattern in (_BOX, _SLASH_BOX):
        if match := pattern.match(text):
            return {"house_number": match.group("before").strip(), "box": match.group("box")}
    return {"house_number": text, "box": ""}


def parse_address(value) -> dict:
    """An address in one column: "Molenstraat 45 bus 1", "Beekstraat 55A", and also with the
    place: "Brouwersstraat 13, 3800 Brustem". Returns the keys found among street,
    house_number, box, postcode, city. Without a house number the whole text is the street."""
    text = parse_text(value)
    if not text:
        return {}
    result = {}
    match = _TRAILING_PLACE.match(text)
    if match and _is_place(match):
        text = match.group("rest").strip(" ,")
        result["postcode"] = match.group("postcode")
        result["city"] = match.group("city").strip()
    box = ""
    for pattern in (_BOX, _SLASH_BOX):
        if match := pattern.match(text):
            text, box = match.group("before").strip(), match.group("box")
            break
    if match := _NUMBER.match(text):
        result.update(street=match.group("street").strip(" ,"), house_number=match.group("number"))
    else:
        result.update(street=text, house_number="")
    result["box"] = box
    return result


def _is_place(match) -> bool:
    """Is the "1234 Word" at the end a postcode and city, not a house number and a box?"""
    if re.match(r"(?i)(?:bus|bte|box|b)\b", match.group("city")):
        return False
    return "," in match.group("sep") or bool(re.search(r"(?i)\d[a-z]{0,2}$", match.group("rest")))


def parse_postcode(value) -> str:
    if _empty(value):
        return ""
    text = parse_text(value).upper()
    if text.startswith("B"):
        text = _BELGIAN_PREFIX.sub("", text)
    if len(text) > 10:
        raise ValueProblem(_("'%(value)s' is geen postcode.") % {"value": _shown(value)})
    return text


def parse_postcode_city(value) -> dict:
    """ "3800 Sint-Truiden", "B-3800 Sint-Truiden", "Sint-Truiden (3800)": {"postcode", "city"}.
    Without a postcode it is a warning and the text is kept as the city."""
    text = parse_text(value)
    if not text:
        return {}
    for pattern in (_POSTCODE_FIRST, _POSTCODE_LAST):
        if match := pattern.match(text):
            return {"postcode": match.group("postcode"), "city": match.group("city").strip(" ,()")}
    raise ValueProblem(
        _("Geen postcode gevonden in '%(value)s'.") % {"value": _shown(text)},
        warning=True,
        fallback={"city": text},
    )
