"""INSZ (rijksregisternummer / bisnummer): normalise, validate, mask.

11 digits: YYMMDD, a 3-digit counter, a 2-digit check = 97 - (first 9 digits mod 97); for people
born in 2000 or later the 9 digits are prefixed with "2". A bisnummer adds 20 or 40 to the month.
Month and day may be 00 (birth date unknown). Store digits only; show masked by default.
"""

import datetime
import re

_NON_DIGITS = re.compile(r"[\s.\-/]")


def normalize(value) -> str:
    """Digits only, or '' when the value is not 11 digits after removing separators."""
    if value is None:
        return ""
    text = _NON_DIGITS.sub("", str(value).strip())
    if text.endswith(".0") and text[:-2].isdigit():  # a number read from a spreadsheet
        text = text[:-2]
    if len(text) == 10 and text.isdigit():
        # Spreadsheets drop the leading zero of people born in 2000-2009.
        text = "0" + text
    # ASCII digits only: "²" is a digit to isdigit() but not to int().
    return text if len(text) == 11 and text.isascii() and text.isdigit() else ""


def century(insz: str) -> int | None:
    """1900 or 2000 when the check digits match for that century, else None."""
    if len(insz) != 11 or not (insz.isascii() and insz.isdigit()):
        return None
    body, check = int(insz[:9]), int(insz[9:])
    if 97 - (body % 97) == check:
        return 1900
    if 97 - (int("2" + insz[:9]) % 97) == check:
        return 2000
    return None


def is_valid(value) -> bool:
    return digits_valid(normalize(value))


def digits_valid(digits: str) -> bool:
    """`is_valid` of a number already normalised (`normalize`): 11 digits or ''."""
    if not digits or century(digits) is None:
        return False
    month = int(digits[2:4]) % 20  # bisnummer adds 20 or 40
    day = int(digits[4:6])
    return month <= 12 and day <= 31


def birth_date(value) -> datetime.date | None:
    """The birth date an INSZ encodes, when it is valid and complete."""
    digits = normalize(value)
    if not is_valid(digits):
        return None
    year = century(digits) + int(digits[:2])
    month, day = int(digits[2:4]) % 20, int(digits[4:6])
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def format(value) -> str:  # noqa: A001 - reads naturally as insz.format(...)
    digits = normalize(value)
    if not digits:
        return ""
    return f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}-{digits[6:9]}.{digits[9:]}"


def mask(value) -> str:
    """Masked for display: only the last two digits of the counter-check part stay visible."""
    digits = normalize(value)
    if not digits:
        return ""
    return f"••.••.••-•••.{digits[9:]}"
