"""The CSV text helpers give what the standard library would, without its copies of a long
file (`bereik.lib.csvtext`)."""

import csv
import io
import random

from bereik.lib import csvtext

PIECES = ["a", "b", ";", ",", '"', "\n", "\r", "\r\n", " ", "é", "\x0b", "\x1c", "\u2028"]


def random_texts(count: int, length: int):
    draw = random.Random(11)
    for _ in range(count):
        yield "".join(draw.choice(PIECES) for _ in range(draw.randint(0, length)))


def test_lines_are_those_stringio_gives():
    for text in random_texts(3000, 40):
        assert list(csvtext.lines(text)) == list(io.StringIO(text))


def test_a_csv_read_from_the_lines_is_the_same():
    for text in random_texts(3000, 40):
        try:
            expected = list(csv.reader(io.StringIO(text), delimiter=";"))
        except csv.Error as exc:
            expected = str(exc)
        try:
            got = list(csv.reader(csvtext.lines(text), delimiter=";"))
        except csv.Error as exc:
            got = str(exc)
        assert got == expected, repr(text)


def test_first_lines_are_those_of_splitlines():
    for text in random_texts(2000, 60):
        assert csvtext.first_lines(text, 5) == text.splitlines()[:5]
    # Longer than the first slice it reads, with a "\r\n" across the slice's end.
    long = "x" * 65_535 + "\r\n" + "\n".join(f"line {n}" for n in range(100))
    assert csvtext.first_lines(long, 60) == long.splitlines()[:60]
    many = "\n".join(f"{n};{n}" for n in range(100_000))
    assert csvtext.first_lines(many, 60) == many.splitlines()[:60]


def test_the_separator_is_found_on_the_first_lines():
    text = "Titel van de lijst\nKlantnummer;Naam;Bedrag\n" + "1;Peeters, Jan;12,50\n" * 5000
    assert csvtext.detect_delimiter(text) == ";"
    assert csvtext.detect_delimiter("a,b,c\n1,2,3\n") == ","
