"""Demo data: the companies' sample lists imported through the intake actions, and two eviction
documents, so the demo has dossiers of every kind.

The sample files are dated around 27 November 2026; their dates are moved by the days between
then and today, so the deadlines in the demo are always ahead.
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

DATA = Path(__file__).parent / "demo_data"
SAMPLE_TODAY = datetime.date(2026, 11, 27)
# In the order of the flow: the LAC lists, then warnings, then the weekly report (whose lines
# attach to the dossiers the lists opened).
FILES = [
    ("watergroep-lac-water.xlsx", Signal.LAC_WATER, "De Watergroep"),
    ("fluvius-lac-energie.csv", Signal.LAC_ENERGIE, "Fluvius"),
    ("farys-verwittigingen.csv", Signal.VERWITTIGING, "Farys"),
    ("watergroep-weekrapport.csv", Signal.WEEKRAPPORT, "De Watergroep"),
]
_DATE = re.compile(rb"\b(\d{2})/(\d{2})/(\d{4})\b")


def load(ctx):
    actor = ctx.users.get("olga")
    shift = datetime.timedelta(days=(timezone.localdate() - SAMPLE_TODAY).days)
    results = []
    for name, kind, company_name in FILES:
        content = (DATA / name).read_bytes()
        if shift:
            content = (
                _shift_xlsx(content, shift)
                if name.endswith(".xlsx")
                else _shift_csv(content, shift)
            )
        results.append(
            actions.import_file(
                content,
                file_name=name,
                kind=kind,
                company=ctx.companies[company_name],
                actor=actor,
            )
        )
    documents = [_eviction(ctx, actor, **details) for details in _eviction_details(ctx)]
    ctx.data["intake"] = {"imports": [r.batch for r in results], "evictions": documents}


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


def _eviction_details(ctx) -> list[dict]:
    today = timezone.localdate()
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
            "received_on": today - datetime.timedelta(days=2),
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
            "received_on": today - datetime.timedelta(days=1),
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
