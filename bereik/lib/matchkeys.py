"""The normalised keys of names and addresses that matching compares and blocks on
(`bereik.lib.matching`, which re-exports them): case, accents, spacing, apostrophes, particles
such as "Van den" glued to the surname, street abbreviations, "12 bus 3", "12/3", "12 b3",
"12A", postcodes. Pure functions of a text; the ones applied to every client of a register are
cached per distinct text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

# --- Normalisation -------------------------------------------------------------------------

# Surname particles, glued to the next word: "Van den Broeck" -> "vandenbroeck".
PARTICLES = frozenset(
    {
        "van",
        "von",
        "vande",
        "vanden",
        "vander",
        "de",
        "den",
        "der",
        "del",
        "della",
        "des",
        "di",
        "da",
        "du",
        "d",
        "l",
        "le",
        "la",
        "les",
        "el",
        "al",
        "ter",
        "ten",
        "te",
        "t",
        "op",
        "het",
        "in",
    }
)

_APOSTROPHES = re.compile(r"['’`´]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text) -> str:
    """Lower case, no accents, apostrophes dropped ("D'Hondt" -> "dhondt"), every other
    non-alphanumeric run turned into one space."""
    if not text:
        return ""
    return _fold(str(text))


@functools.lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    # Names and streets repeat across a list and a register: each is folded once. ASCII text
    # (most of it) has no accents to take apart.
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text.lower())
    return _NON_ALNUM.sub(" ", text).strip()


def name_tokens(text) -> list[str]:
    """The words of a name, with particles glued to the word after them."""
    tokens = fold(text).split()
    result: list[str] = []
    pending = ""
    for token in tokens:
        if token in PARTICLES:
            pending += token
            continue
        result.append(pending + token)
        pending = ""
    if pending:  # a name ending in a particle: keep it as a word of its own
        result.append(pending)
    return result


# The keys below are pure functions of a text that repeats across a list and a register (a
# surname, a street, a house number): each distinct text is worked out once.
@functools.lru_cache(maxsize=1 << 16)
def surname_key(last_name) -> str:
    """The blocking key of a surname: folded, particles and parts glued, no spaces."""
    return "".join(name_tokens(last_name))


@functools.lru_cache(maxsize=1 << 16)
def first_name_key(first_name) -> str:
    """A first name folded and glued ("Jean-Pierre" -> "jeanpierre")."""
    return fold(first_name).replace(" ", "")


# Street abbreviations (folded words) and the word they stand for.
_STREET_WORDS = {
    "str": "straat",
    "stw": "steenweg",
    "stwg": "steenweg",
    "stwy": "steenweg",
    "stnwg": "steenweg",
    "ln": "laan",
    "pl": "plein",
    "st": "sint",
    "o": "onze",
    "l": "lieve",
    "v": "vrouw",
    "kon": "koning",
    "burg": "burgemeester",
}
# Abbreviated endings glued to a street name: "Kerkstr." -> "kerkstraat".
_STREET_SUFFIXES = (("stwg", "steenweg"), ("stw", "steenweg"), ("str", "straat"), ("ln", "laan"))


@functools.lru_cache(maxsize=1 << 16)
def street_key(street) -> str:
    """A street name folded with its common abbreviations written out, without spaces."""
    words = []
    for word in fold(street).split():
        word = _STREET_WORDS.get(word, word)
        for short, full in _STREET_SUFFIXES:
            if word.endswith(short) and len(word) > len(short) + 2:
                word = word[: -len(short)] + full
                break
        words.append(word)
    return "".join(words)


# "12", "12A", "12 a", "12 bus 3", "12/3", "12 b3", "12 bte 3", "12-14", "12 bus A"
_NUMBER = re.compile(
    r"^\s*(?P<number>\d+)\s*(?:-\s*\d+)?\s*(?P<suffix>[a-z](?![a-z]))?"
    r"\s*(?:(?:bus|bte|boite|box|b|/)\s*\.?\s*(?P<box>[a-z0-9]+))?\s*$"
)
# An address in one field: "Kerkstraat 12 bus 3" -> ("Kerkstraat", "12 bus 3").
_STREET_AND_NUMBER = re.compile(r"^(?P<street>.*?[^\d\s,])[\s,]+(?P<number>\d.*)$")


def split_street(street: str) -> tuple[str, str]:
    """Split a street with the number written in it; ("Kerkstraat 12 bus 3", "") ->
    ("Kerkstraat", "12 bus 3"). Returns (street, "") when there is no number at the end."""
    match = _STREET_AND_NUMBER.match((street or "").strip())
    if not match:
        return (street or "").strip(), ""
    return match.group("street").strip(), match.group("number").strip()


@functools.lru_cache(maxsize=1 << 16)
def parse_number(house_number, box="") -> tuple[str, str, str]:
    """(number, letter suffix, box), all folded; unparseable numbers are kept whole."""
    text = fold(house_number)
    box_key = fold(box).replace(" ", "")
    if not text:
        return "", "", box_key
    # fold() turned "/" into a space; put it back as a box marker when it separated digits.
    raw = str(house_number).strip().lower()
    if "/" in raw:
        text = fold(raw.replace("/", " bus "))
    match = _NUMBER.match(text)
    if not match:
        return text.replace(" ", ""), "", box_key
    number = str(int(match.group("number")))
    suffix = match.group("suffix") or ""
    found_box = match.group("box") or ""
    return number, suffix, box_key or found_box.lstrip("0") or found_box


@functools.lru_cache(maxsize=1 << 16)
def postcode_key(postcode) -> str:
    digits = re.sub(r"\D", "", str(postcode or ""))
    return digits[:4] if len(digits) >= 4 else ""


@dataclass(frozen=True)
class Address:
    street: str  # street key
    number: str
    suffix: str
    box: str
    postcode: str

    @property
    def key(self) -> str:
        """Blocking key: postcode, street and number (the box is compared when scoring)."""
        if not (self.street and self.number):
            return ""
        return f"{self.postcode}|{self.street}|{self.number}{self.suffix}"


def normalise_address(street="", house_number="", box="", postcode="") -> Address:
    street = street or ""
    if not (house_number or "").strip():
        street, house_number = split_street(street)
    number, suffix, box_key = parse_number(house_number, box)
    return Address(street_key(street), number, suffix, box_key, postcode_key(postcode))


def address_key(street="", house_number="", box="", postcode="") -> str:
    return normalise_address(street, house_number, box, postcode).key
