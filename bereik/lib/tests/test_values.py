import datetime
from decimal import Decimal

import pytest

from bereik.lib import values
from bereik.lib.values import ValueProblem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,56", "1234.56"),
        ("1234,56", "1234.56"),
        ("€ 1 234,56", "1234.56"),
        ("€\u00a01\u00a0234,56", "1234.56"),
        ("1234.56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("1.234.567,8", "1234567.80"),
        ("1.234", "1234.00"),
        ("0.125", "0.13"),
        ("0,00", "0.00"),
        ("EUR 12", "12.00"),
        ("-12,50", "-12.50"),
        ("12,50-", "-12.50"),
        ("(12,50)", "-12.50"),
        (1253.97, "1253.97"),
        (241, "241.00"),
        (Decimal("5.5"), "5.50"),
    ],
)
def test_it_reads_amounts(text, expected):
    assert values.parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["12 euro 50", "1.23.4", "abc", "12,", "1,2,3", True])
def test_it_refuses_what_is_not_an_amount(text):
    with pytest.raises(ValueProblem):
        values.parse_amount(text)


def test_an_empty_amount_is_none():
    assert values.parse_amount("  ") is None
    assert values.parse_amount(None) is None


@pytest.mark.parametrize(
    "text",
    [
        "08/12/2026",
        "8/12/2026",
        "08-12-2026",
        "08.12.2026",
        "08/12/26",
        "2026-12-08",
        "2026-12-08 00:00:00",
        "2026-12-08T00:00:00",
        "08/12/2026 14:30",
        "20261208",
        "8 december 2026",
        "dinsdag 8 dec. 2026",
        "46364",
        46364,
        46364.0,
        datetime.datetime(2026, 12, 8, 0, 0),
        datetime.date(2026, 12, 8),
    ],
)
def test_it_reads_dates(text):
    assert values.parse_date(text) == datetime.date(2026, 12, 8)


def test_it_reads_day_and_month_without_leading_zeros():
    assert values.parse_date("1/2/2027") == datetime.date(2027, 2, 1)


@pytest.mark.parametrize("text", ["12/31/2026", "31/02/2026", "morgen", "2026", "99999999"])
def test_it_refuses_what_is_not_a_date_and_never_reads_it_american(text):
    with pytest.raises(ValueProblem, match="geen geldige datum"):
        values.parse_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peeters, Jan", ("Peeters", "Jan")),
        ("Van de Velde, Marleen", ("Van de Velde", "Marleen")),
        ("Martens An", ("Martens", "An")),
        ("Van den Broeck Sarah", ("Van den Broeck", "Sarah")),
        ("El Amrani Patrick", ("El Amrani", "Patrick")),
        ("D'Hondt Hanne", ("D'Hondt", "Hanne")),
        ("VAN DAMME Jean Pierre", ("VAN DAMME", "Jean Pierre")),
        ("Claes Jean-Pierre", ("Claes", "Jean-Pierre")),
        ("De Smet", ("De Smet", "")),
        ("Coppens", ("Coppens", "")),
        ("  Peeters   Jan ", ("Peeters", "Jan")),
    ],
)
def test_it_splits_names(text, expected):
    assert values.split_name(text) == expected


def test_a_full_name_gives_both_fields():
    assert values.parse_full_name("Aerts, Hilde") == {"last_name": "Aerts", "first_name": "Hilde"}
    assert values.parse_full_name("") == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Molenstraat 45 bus 1", ("Molenstraat", "45", "1")),
        ("Molenstraat 45, bus 1", ("Molenstraat", "45", "1")),
        ("Molenstraat 45 b1", ("Molenstraat", "45", "1")),
        ("Molenstraat 45/1", ("Molenstraat", "45", "1")),
        ("Rue Haute 12 bte 3", ("Rue Haute", "12", "3")),
        ("Beekstraat 55A", ("Beekstraat", "55A", "")),
        ("Kerkstraat 12-14", ("Kerkstraat", "12-14", "")),
        ("Rue du 8 Mai 12", ("Rue du 8 Mai", "12", "")),
        ("Markt", ("Markt", "", "")),
    ],
)
def test_it_splits_an_address_in_one_column(text, expected):
    parsed = values.parse_address(text)
    assert (parsed["street"], parsed["house_number"], parsed["box"]) == expected
    assert "postcode" not in parsed


def test_an_address_may_end_with_postcode_and_city():
    assert values.parse_address("Begijnhof 81 bus 1, 3800 Brustem") == {
        "street": "Begijnhof",
        "house_number": "81",
        "box": "1",
        "postcode": "3800",
        "city": "Brustem",
    }
    assert values.parse_address("Kerkstraat 7 3800 Sint-Truiden")["city"] == "Sint-Truiden"


def test_a_box_is_not_mistaken_for_a_place():
    parsed = values.parse_address("Steenweg 1000 bus 2")
    assert (parsed["house_number"], parsed["box"]) == ("1000", "2")
    assert "postcode" not in parsed


@pytest.mark.parametrize(
    ("text", "expected"),
    [("43 bus 1", ("43", "1")), ("100A", ("100A", "")), ("12/3", ("12", "3")), (7, ("7", ""))],
)
def test_it_splits_a_house_number_and_its_box(text, expected):
    parsed = values.parse_house_number(text)
    assert (parsed["house_number"], parsed["box"]) == expected


@pytest.mark.parametrize(
    "text",
    ["3800 Sint-Truiden", "B-3800 Sint-Truiden", "3800 - Sint-Truiden", "Sint-Truiden (3800)"],
)
def test_it_splits_postcode_and_city(text):
    assert values.parse_postcode_city(text) == {"postcode": "3800", "city": "Sint-Truiden"}


def test_a_place_without_postcode_is_a_warning_keeping_the_city():
    with pytest.raises(ValueProblem) as problem:
        values.parse_postcode_city("Sint-Truiden")
    assert problem.value.warning
    assert problem.value.fallback == {"city": "Sint-Truiden"}


def test_a_postcode_read_as_a_number_is_text():
    assert values.parse_postcode(3800) == "3800"
    assert values.parse_postcode(3800.0) == "3800"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ja", True), ("Nee", False), ("J", True), ("n", False), ("yes", True), ("No", False),
        ("1", True), ("0", False), (1, True), (0, False), ("X", True), ("x", True),
        ("✓", True), (True, True), ("", None),
    ],
)  # fmt: skip
def test_it_reads_yes_no_flags(text, expected):
    assert values.parse_flag(text) is expected


def test_an_empty_cell_in_a_column_of_marks_means_no():
    parse = values.flag_parser_for(["X", "", None, "x"])
    assert parse("X") is True
    assert parse("") is False
    parse_words = values.flag_parser_for(["ja", "", "nee"])
    assert parse_words("") is None


def test_it_refuses_what_is_not_yes_or_no():
    with pytest.raises(ValueProblem, match="geen ja of nee"):
        values.parse_flag("misschien")


@pytest.mark.parametrize(
    "text", ["93051822361", "93.05.18-223.61", "930518 223 61", "93-05-18 223-61", 93051822361]
)
def test_it_reads_an_insz_with_or_without_separators(text):
    assert values.parse_insz(text) == "93051822361"


def test_it_restores_the_leading_zero_excel_dropped():
    assert values.parse_insz(3101013023) == "03101013023"


def test_an_invalid_insz_is_a_warning_without_the_number():
    with pytest.raises(ValueProblem) as problem:
        values.parse_insz("93051822362")
    assert problem.value.warning
    assert problem.value.fallback == ""
    assert "93051822362" not in problem.value.message
    with pytest.raises(ValueProblem) as short:
        values.parse_insz("1234")
    assert short.value.warning


def test_text_is_kept_literally():
    assert values.parse_text('=HYPERLINK("http://x","y")') == '=HYPERLINK("http://x","y")'
    assert values.parse_text("  Van   de  Velde ") == "Van de Velde"
    assert values.parse_text(7886092.0) == "7886092"


def test_an_identifier_rounded_by_excel_is_refused():
    assert values.parse_identifier(7886092.0) == "7886092"
    assert values.parse_identifier("'0012") == "0012"
    with pytest.raises(ValueProblem, match="afgerond"):
        values.parse_identifier(541459128978638465.0)
    with pytest.raises(ValueProblem, match="wetenschappelijke notatie"):
        values.parse_identifier("5,41459E+17")
