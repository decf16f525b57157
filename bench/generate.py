"""Invented input files for the benchmarks: a company's warning list and the OCMW's register.

    .venv/bin/python bench/generate.py list FILE --rows 100000 [--register REGISTER --linked 0.67]
    .venv/bin/python bench/generate.py register FILE --clients 100000

The warning list has the shape of `farys-verwittigingen.csv` (`;`, Windows-1252, decimal comma,
8 columns). With `--register`, that share of its rows are clients of the register, written as a
company writes them ("Last, First", capitals, the box in the street); the rest are households the
register doesn't know. Next to the list, FILE.expected.csv says which client each customer number
was made from (empty: none), so that the benchmark can count wrong links.

The register has the shape of `register-export.csv` (`;`, UTF-8 with BOM, 13 columns). Both are
made without Faker, from fixed name lists and a seeded random generator: the same arguments give
the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

LAST = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Dubois",
    "Lambert",
    "Dupont",
    "Martens",
    "Leroy",
    "Claessens",
    "Hermans",
    "Aerts",
    "Smets",
    "Stevens",
    "Vermeulen",
    "Pauwels",
    "Van Damme",
    "Michiels",
    "Verstraeten",
    "Coppens",
    "Segers",
    "Cools",
    "Hendrickx",
    "Lemmens",
    "Renard",
    "Thys",
    "Ceulemans",
    "Vos",
    "Bogaert",
    "Baert",
    "Jansen",
    "Timmermans",
    "Vandenberghe",
    "Desmet",
    "Van Dyck",
    "Van Laer",
    "Bosmans",
    "Geerts",
    "Verbeke",
    "Wuyts",
]
LAST += [
    "Van de Velde", "De Clercq", "Van den Broeck", "De Backer", "Van Hoof", "D'Hondt",
]  # fmt: skip
FIRST = [
    "Lotte",
    "Emre",
    "Stijn",
    "Hilde",
    "Yasmina",
    "Ilse",
    "Tom",
    "Nele",
    "Hanne",
    "Bart",
    "Katrien",
    "Sofie",
    "Jonas",
    "Lien",
    "Pieter",
    "Els",
    "Mohamed",
    "Fatima",
    "Lucas",
    "Emma",
    "Noah",
    "Louise",
    "Arthur",
    "Olivia",
    "Jules",
    "Mila",
    "Victor",
    "Elena",
    "Finn",
    "Ayoub",
    "Sara",
    "Youssef",
    "Nora",
    "Wout",
    "Jana",
    "Kobe",
    "Lore",
    "Senne",
    "Marie",
    "Brent",
    "Ines",
    "Ruben",
    "Amber",
    "Lars",
    "Fien",
    "Robbe",
    "Julie",
]
STREETS = [
    "Kerkstraat",
    "Stationsstraat",
    "Molenstraat",
    "Tiensesteenweg",
    "Luikersteenweg",
    "Beekstraat",
    "Kapelstraat",
    "Schoolstraat",
    "Nieuwstraat",
    "Dorpsstraat",
    "Veldstraat",
    "Bergstraat",
    "Hasseltsesteenweg",
    "Naamsesteenweg",
    "Diestersteenweg",
    "Zoutleeuwstraat",
    "Montenakenweg",
    "Halmaalweg",
    "Melveren-Centrum",
    "Gorsemweg",
]
PLACES = [
    ("3800", "Sint-Truiden"), ("3850", "Nieuwerkerken"), ("3870", "Heers"), ("3803", "Gorsem"),
    ("3806", "Velm"), ("3890", "Gingelom"), ("3891", "Borlo"),
]  # fmt: skip
WORKERS = ["Nele Aerts", "Hanne Jacobs", "Bart Smets", "Katrien Claes", "Ilse Peeters"]
LIST_HEADER = ["Klantnummer", "Naam", "Adres", "Postcode en gemeente", "Openstaand bedrag",
               "Geplande actie", "Geplande datum", "Datum verwittiging"]  # fmt: skip
REGISTER_HEADER = ["Cliëntnummer", "INSZ", "Naam", "Voornaam", "Geboortedatum", "Adres",
                   "Postcode", "Gemeente", "Telefoon", "Begeleiding", "Intensieve begeleiding",
                   "Einddatum begeleiding", "Maatschappelijk werker"]  # fmt: skip


def _insz(rng: random.Random, birth: tuple[int, int, int]) -> str:
    """A valid Belgian national number (check digits mod 97) for that birth date."""
    year, month, day = birth
    serial = rng.randint(1, 997)
    base = f"{year % 100:02d}{month:02d}{day:02d}{serial:03d}"
    number = int(base) if year < 2000 else int("2" + base)
    return f"{base}{97 - number % 97:02d}"


def register_rows(count: int, seed: int = 5):
    """The register's clients: every household distinct (its own street number and box), so that
    a list made from them has one right answer per row."""
    rng = random.Random(seed)
    for n in range(count):
        birth = (rng.randint(1935, 2004), rng.randint(1, 12), rng.randint(1, 28))
        postcode, city = PLACES[n % len(PLACES)]
        street = STREETS[(n // len(PLACES)) % len(STREETS)]
        number = n // (len(PLACES) * len(STREETS)) + 1
        status = rng.choice(["Actief", "Afgesloten", "Afgesloten"])
        yield [
            f"C{1_000_000 + n}",
            _insz(rng, birth),
            rng.choice(LAST),
            rng.choice(FIRST),
            f"{birth[2]:02d}/{birth[1]:02d}/{birth[0]}",
            f"{street} {number}",
            postcode,
            city,
            f"04{rng.randint(70, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
            f"{rng.randint(10, 99)}",
            status,
            rng.choice(["ja", "nee"]),
            "" if status == "Actief" else f"{rng.randint(1, 28):02d}/06/2025",
            rng.choice(WORKERS),
        ]


def write_register(path: Path, count: int, seed: int = 5) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(REGISTER_HEADER)
        writer.writerows(register_rows(count, seed))


def _amount(rng: random.Random) -> str:
    euros = rng.randint(20, 4999)
    whole = f"{euros // 1000}.{euros % 1000:03d}" if euros >= 1000 else str(euros)
    return f"{whole},{rng.randint(0, 99):02d}"


def list_rows(count: int, *, register: Path | None = None, linked: float = 2 / 3, seed: int = 9):
    """(row, expected client number) for a warning list. Customer numbers are unique."""
    rng = random.Random(seed)
    clients = []
    if register is not None:
        with register.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, delimiter=";")
            next(reader)
            clients = list(reader)
        rng.shuffle(clients)
    for n in range(count):
        customer = str(2_000_000 + n * 7)
        amount = _amount(rng)
        measure = rng.choice(["Afsluiting", "Plaatsing debietbegrenzer"])
        planned = f"{rng.randint(1, 28):02d}/0{rng.randint(1, 3)}/2027"
        if clients and n < len(clients) and rng.random() < linked:
            client = clients[n]
            last, first = client[2], client[3]
            if rng.random() < 0.3:
                last = last.upper()
            yield (
                [
                    customer,
                    f"{last}, {first}",
                    client[5],
                    f"{client[6]} {client[7]}",
                    amount,
                    measure,
                    planned,
                    "20/11/2026",
                ],
                client[0],
            )
            continue
        postcode, city = rng.choice(PLACES)
        box = f" bus {rng.randint(1, 3)}" if n % 4 == 0 else ""
        yield (
            [
                customer,
                f"{rng.choice(LAST)}, {rng.choice(FIRST)}",
                # Street numbers the register's households don't have: a new household.
                f"{rng.choice(STREETS)} {rng.randint(2000, 9000)}{box}",
                f"{postcode} {city}",
                amount,
                measure,
                planned,
                "20/11/2026",
            ],
            "",
        )


def write_list(path: Path, count: int, *, register: Path | None = None, linked: float = 2 / 3):
    expected = path.with_suffix(path.suffix + ".expected.csv")
    with (
        path.open("w", encoding="cp1252", newline="") as handle,
        expected.open("w", encoding="utf-8", newline="") as answers,
    ):
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(LIST_HEADER)
        answer_writer = csv.writer(answers)
        for row, client in list_rows(count, register=register, linked=linked):
            writer.writerow(row)
            answer_writer.writerow([row[0], client])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["list", "register"])
    parser.add_argument("file", type=Path)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--register", type=Path)
    parser.add_argument("--linked", type=float, default=2 / 3)
    args = parser.parse_args()
    if args.what == "register":
        write_register(args.file, args.clients)
    else:
        write_list(args.file, args.rows, register=args.register, linked=args.linked)


if __name__ == "__main__":
    main()
