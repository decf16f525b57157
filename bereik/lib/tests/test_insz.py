import datetime

import pytest

from bereik.lib import insz


def test_it_accepts_the_documented_example():
    assert insz.is_valid("93051822361")
    assert insz.century("93051822361") == 1900


def test_it_accepts_separators_and_spaces():
    assert insz.normalize("93.05.18-223.61") == "93051822361"
    assert insz.normalize(" 930518 223 61 ") == "93051822361"


def test_it_rejects_a_wrong_check():
    assert not insz.is_valid("93051822362")


def test_it_handles_births_after_2000():
    body = "050312123"
    check = 97 - int("2" + body) % 97
    number = f"{body}{check:02d}"
    assert insz.century(number) == 2000
    assert insz.birth_date(number) == datetime.date(2005, 3, 12)


def test_it_restores_a_leading_zero_dropped_by_a_spreadsheet():
    body = "050312123"
    check = 97 - int("2" + body) % 97
    assert insz.normalize(int(f"{body}{check:02d}")) == f"{body}{check:02d}"


def test_it_accepts_a_bisnummer_and_unknown_birth_dates():
    body = "934518223"  # month 05 + 40
    number = f"{body}{97 - int(body) % 97:02d}"
    assert insz.is_valid(number)
    unknown = "930000223"
    number = f"{unknown}{97 - int(unknown) % 97:02d}"
    assert insz.is_valid(number)
    assert insz.birth_date(number) is None


def test_it_rejects_garbage():
    assert insz.normalize("abc") == ""
    assert not insz.is_valid("")
    assert not insz.is_valid(None)


def test_mask_hides_the_birth_date_and_counter():
    assert insz.mask("93051822361") == "••.••.••-•••.61"
    assert "930518" not in insz.mask("93051822361")


def test_only_ascii_digits_make_an_insz():
    """ "²" is a digit to str.isdigit() but not to int(): such a number is no INSZ, and reading
    it in an import is a warning on its row, not an error of the whole import."""
    from bereik.lib import values

    assert insz.normalize("²" * 11) == ""
    assert insz.century("²" * 11) is None
    assert not insz.is_valid("8501011234²")
    with pytest.raises(values.ValueProblem) as problem:
        values.parse_insz("85.01.01-123.4²")
    assert problem.value.warning and problem.value.fallback == ""
