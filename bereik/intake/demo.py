"""Demo data: the companies' sample lists imported through the intake actions, two eviction
documents, and a signal entered by hand of every kind (a walk-in's water problem, a landlord's
and a housing company's rent arrears, a call from Fluvius about a cut-off in the winter stop, a
household outreach found), so the demo has dossiers of every kind.

The sample files are dated around Friday 27 November 2026; their dates are moved by the whole
weeks between then and today (`sample_shift`), so the deadlines in the demo are ahead and every
date keeps its weekday (a LAC session stays on a Tuesday or a Thursday). Each list is imported on
the (working) day it came in, moved the same way, with the demo clock: its dossiers are opened, its
signals received and matched to the register on that day, and so are the eviction documents.
"""

import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
from django.utils import timezone

from bereik.dossiers.models import Signal
from bereik.intake import actions
from bereik.intake import demo_hand_signals as hand_signals
from bereik.lib import clock, workdays

DATA = Path(__file__).parent / "demo_data"
SAMPLE_TODAY = datetime.date(2026, 11, 27)
# In the order of the flow: the LAC lists, then warnings, then the weekly report (whose lines
# attach to the dossiers the lists opened). With each file the day and time it came in (as the
# sample files know it, moved to a working day): the water LAC list 29 days before its session
# (the day it came in is its request date, so the session keeps the legal deadline); the energy
# list the day after the requests it lists; the warnings the day they were sent; the weekly
# report the Monday after its week.
FILES = [
    (
        "watergroep-lac-water.xlsx",
        Signal.Kind.LAC_WATER,
        "De Watergroep",
        datetime.date(2026, 11, 9),
        datetime.time(9, 15),
    ),
    (
        "fluvius-lac-energie.csv",
        Signal.Kind.LAC_ENERGIE,
        "Fluvius",
        datetime.date(2026, 11, 19),
        datetime.time(10, 0),
    ),
    (
        "farys-verwittigingen.csv",
        Signal.Kind.VERWITTIGING,
        "Farys",
        datetime.date(2026, 11, 20),
        datetime.time(15, 30),
    ),
    (
        "watergroep-weekrapport.csv",
        Signal.Kind.WEEKRAPPORT,
        "De Watergroep",
        datetime.date(2026, 11, 23),
        datetime.time(9, 0),
    ),
]
EVICTION_RECEIVED_AT = datetime.time(11, 0)  # the morning post
_DATE = re.compile(rb"\b(\d{2})/(\d{2})/(\d{4})\b")


def load(ctx):
    actor = ctx.users.get("olga")
    today = timezone.localdate()
    shift = sample_shift(today)
    results = []
    day = None
    for name, kind, company_name, received_on, received_at in FILES:
        # Each list on its own working day, after the one before: moved by whole weeks, a list
        # may fall on a public holiday and move to the next list's day.
        previous, day = day, clock.working_day(received_on + shift, today)
        if previous is not None and day <= previous:
            day = workdays.working_day_after(previous, 1)
        content = (DATA / name).read_bytes()
        if shift:
            content = (
                _shift_xlsx(content, shift)
                if name.endswith(".xlsx")
                else _shift_csv(content, shift)
            )
        with clock.at(clock.on(day, received_at)):
            results.append(
                actions.import_file(
                    content,
                    file_name=name,
                    kind=kind,
                    company=ctx.companies[company_name],
                    actor=actor,
                )
            )
    documents = []
    for details in _eviction_details(ctx, today):
        with clock.at(clock.on(details["received_on"], EVICTION_RECEIVED_AT)):
            documents.append(_eviction(ctx, actor, **details))
    by_hand = hand_signals.load(ctx, today)
    ctx.data["intake"] = {
        "imports": [r.batch for r in results],
        "evictions": documents,
        "by_hand": by_hand,
    }


def sample_shift(today: datetime.date) -> datetime.timedelta:
    """The whole weeks nearest to the days between the sample files' today and `today`."""
    return datetime.timedelta(weeks=round((today - SAMPLE_TODAY).days / 7))


def _shift_csv(content: bytes, shift: datetime.timedelta) -> bytes:
    def move(match):
        day, month, year = (int(part) for part in match.groups())
        return f"{datetime.date(year, month, day) + shift:%d/%m/%Y}".encode()

    return _DATE.sub(move, content)


def _shift_xlsx(content: bytes, shift: datetime.timedelta) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    for row in workbook.active.iter_rows():
        for cell in row:
            if isinstance(cell.value, datetime.datetime):
                cell.value = cell.value + shift
            elif isinstance(cell.value, str) and _DATE.search(cell.value.encode()):
                cell.value = _shift_csv(cell.value.encode(), shift).decode()
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _eviction_details(ctx, today) -> list[dict]:
    return [
        {
            "document_type": "dagvaarding",
            "tenants": "Vermeulen, Sofie\nVermeulen, Koen",
            "street": "Tiensesteenweg",
            "house_number": "64",
            "box": "2",
            "postcode": "3800",
            "city": "Sint-Truiden",
            "landlord": "Immo Haspengouw bv",
            "sender": "Gerechtsdeurwaarder M. Lambrechts, Hasselt",
            "court": "Vredegerecht Sint-Truiden",
            "hearing_date": today + datetime.timedelta(days=12),
            "amount": Decimal("2840.00"),
            "received_on": clock.working_day_before(today - datetime.timedelta(days=1)),
            "reference": "25A1187",
        },
        {
            "document_type": "verzoekschrift",
            "tenants": "Bouzid, Yasmina",
            "street": "Plankstraat",
            "house_number": "9",
            "postcode": "3800",
            "city": "Brustem",
            "landlord": "De heer J. Geerts",
            "sender": "Griffie Vredegerecht Sint-Truiden",
            "court": "Vredegerecht Sint-Truiden",
            "hearing_date": today + datetime.timedelta(days=26),
            "amount": Decimal("1575.50"),
            "received_on": clock.working_day_before(today),
            "reference": "25B0412",
        },
    ]


def _eviction(ctx, actor, **details):
    lines = [
        f"{details['document_type'].capitalize()} tot uithuiszetting (demo)",
        f"Rol {details['reference']} - {details['court']}",
        f"Inleidende zitting {details['hearing_date']:%d/%m/%Y}",
    ]
    return actions.eviction_register(
        document=tiny_pdf(lines),
        file_name=f"{details['document_type']}-{details['reference']}.pdf",
        actor=actor,
        **details,
    )


def tiny_pdf(lines: list[str]) -> bytes:
    """A small valid one-page PDF showing a few lines of text (Helvetica, Latin-1)."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    text = "BT /F1 12 Tf 72 760 Td 16 TL " + " ".join(f"({escape(line)}) '" for line in lines)
    stream = (text + " ET").encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)
