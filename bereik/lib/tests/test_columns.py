import pytest

from bereik.lib import columns, values
from bereik.lib.columns import FieldSpec, ImportSpec, parse_rows, recognise
from bereik.lib.tabular import read_table

SPEC = ImportSpec(
    "test",
    "Test",
    (
        FieldSpec(
            "customer_number",
            "Klantnummer",
            ("klantnummer", "klant nr"),
            required=True,
            parser=values.parse_identifier,
        ),
        FieldSpec(
            "full_name",
            "Naam en voornaam",
            ("naam", "klant"),
            parser=values.parse_full_name,
            provides=("last_name", "first_name"),
        ),
        FieldSpec("last_name", "Naam", ("familienaam",), required=True),
        FieldSpec("first_name", "Voornaam", ("voornaam",)),
        FieldSpec("amount", "Bedrag", ("bedrag", "openstaand"), parser=values.parse_amount),
        FieldSpec("insz", "INSZ", ("rijksregisternummer",), parser=values.parse_insz),
        FieldSpec(
            "protected",
            "Beschermd",
            ("beschermde klant",),
            parser=values.parse_flag,
            column_parser=values.flag_parser_for,
        ),
    ),
    (("full_name", "with", "first_name", "last_name"),),
)


def test_it_recognises_columns_whatever_their_case_accents_or_punctuation():
    recognition = recognise(["KLANT-NR.", "Naam", "Openstaand:", "Iets anders"], SPEC)
    assert recognition.mapping == {0: "customer_number", 1: "full_name", 2: "amount"}
    assert recognition.unrecognised_headers == ["Iets anders"]
    assert recognition.ok


def test_a_name_column_next_to_a_first_name_column_is_the_last_name():
    recognition = recognise(["Klantnummer", "Naam", "Voornaam"], SPEC)
    assert recognition.mapping == {0: "customer_number", 1: "last_name", 2: "first_name"}


def test_it_does_not_guess_a_required_field():
    recognition = recognise(["Nummer", "Naam"], SPEC)
    assert [field.name for field in recognition.missing] == ["customer_number"]
    assert not recognition.ok


def test_a_composite_column_covers_the_fields_it_provides():
    assert recognise(["Klantnummer", "Klant"], SPEC).ok


def test_a_profile_and_overrides_come_before_the_known_names():
    headers = ["Nummer", "Naam", "Bedrag"]
    recognition = recognise(
        headers, SPEC, profile={"nummer": "customer_number", "Bedrag": ""}, overrides={}
    )
    assert recognition.mapping == {0: "customer_number", 1: "full_name"}
    assert recognition.ignored == [2]
    assert recognition.source == {0: "profiel", 1: "herkend"}
    recognition = recognise(headers, SPEC, profile={"Nummer": "customer_number"},
                            overrides={"Bedrag": "customer_number"})  # fmt: skip
    assert recognition.mapping[2] == "customer_number"
    assert recognition.source[2] == "opgegeven"
    assert 0 not in recognition.mapping


def test_it_reports_overrides_naming_unknown_columns_or_fields():
    problems = columns.check_overrides(["Naam"], SPEC, {"Klant": "full_name", "Naam": "nope"})
    assert any("Klant" in problem for problem in problems)
    assert any("nope" in problem for problem in problems)


def test_the_profile_keeps_every_column():
    recognition = recognise(["Klantnummer", "Rest"], SPEC)
    assert recognition.as_profile() == {"Klantnummer": "customer_number", "Rest": ""}


def _table(rows):
    content = "\r\n".join(";".join(row) for row in rows).encode()
    return read_table(content, filename="lijst.csv", header_score=SPEC.header_score)


def test_it_parses_rows_with_errors_and_warnings_per_field():
    table = _table(
        [
            ["Klantnummer", "Naam", "Bedrag", "Rijksregisternummer", "Extra"],
            ["1001", "Peeters, Jan", "1.234,56", "93051822361", "x"],
            ["", "Martens An", "veel", "93051822362", ""],
        ]
    )
    recognition = recognise(table.headers, SPEC)
    first, second = parse_rows(table, SPEC, recognition)
    assert first.ok
    assert first.values["last_name"] == "Peeters"
    assert str(first.values["amount"]) == "1234.56"
    assert first.raw == {
        "Klantnummer": "1001",
        "Naam": "Peeters, Jan",
        "Bedrag": "1.234,56",
        "Rijksregisternummer": "93051822361",
        "Extra": "x",
    }
    assert not second.ok
    assert [(p.row, p.field) for p in second.errors] == [(3, "customer_number")]
    assert [(p.field, p.column) for p in second.warnings] == [
        ("amount", "Bedrag"),
        ("insz", "Rijksregisternummer"),
    ]
    assert "blijft leeg" in second.warnings[0].message
    assert "insz" not in second.values
    assert "amount" not in second.values


def test_a_column_of_marks_reads_empty_as_no():
    table = _table([["Klantnummer", "Naam", "Beschermde klant"], ["1", "A", "X"], ["2", "B", ""]])
    rows = parse_rows(table, SPEC, recognise(table.headers, SPEC))
    assert [row.values.get("protected") for row in rows] == [True, False]


@pytest.mark.parametrize("cells", [["Klantnummer", "Naam"], ["klant nr", "familienaam"]])
def test_the_header_score_counts_known_names(cells):
    assert SPEC.header_score(cells) == 2
