"""Documents: DOCX from Word templates (docxtpl), batches merged into one DOCX (docxcompose), and
PDF from HTML (WeasyPrint).

A DOCX template is a Word file with Jinja placeholders such as `{{ client_naam }}`. Templates can be
uploaded by the functioneel beheerder, so they are rendered in a *sandboxed* Jinja environment
(an upload must never reach Python internals) with autoescaping on (a name with `&` or `<` must not
break the XML). `validate_docx_template` refuses a file that is not a plain .docx, has a syntax
error, or uses a placeholder the letter type does not offer, with a Dutch message that names the
problem.

Typical use:

    validate_docx_template(uploaded_bytes, {"naam": "Jan Peeters", "datum": "27 november 2026"})
    data = render_docx(template_path, {"naam": "Jan Peeters", "logo": DocxImage(png_bytes, 40)})
    batch = merge_docx([data, other_data])  # each document starts on a new page
    pdf = render_pdf("outreach/route_sheet.html", {"visits": visits})
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from os import PathLike
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_CONTENT_TYPE = "application/pdf"

# Limits for an uploaded template: a letter template is a few hundred kB at most.
MAX_ZIP_ENTRIES = 500
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
MAX_COMPRESSION_RATIO = 150

TemplateSource = bytes | str | PathLike | IO[bytes]

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


@dataclass(frozen=True)
class DocxImage:
    """An image for a placeholder (e.g. the organisation's logo); width/height in millimetres."""

    data: bytes
    width_mm: float | None = None
    height_mm: float | None = None


@dataclass(frozen=True)
class MultilineText:
    """Text typed by a user: a blank line starts a new paragraph, a single newline breaks the line.
    The paragraph keeps the style of the paragraph holding the placeholder."""

    text: str


# --- formatting ----------------------------------------------------------------------------------


def format_date(value: datetime.date | None, *, weekday: bool = False) -> str:
    """`27 november 2026`, or `vrijdag 27 november 2026` with weekday=True; "" for None."""
    if value is None:
        return ""
    text = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return f"{WEEKDAYS[value.weekday()]} {text}" if weekday else text


def format_amount(value: Decimal | float | int | None) -> str:
    """`€ 1.234,56` (Belgian notation); "" for None."""
    if value is None:
        return ""
    text = f"{Decimal(value):,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"€ {text}"


def format_number(value: Decimal | float | int | None, decimals: int = 0) -> str:
    """`1.234` or, with decimals, `68,4` (Belgian notation, halves rounded up); "" for None."""
    if value is None:
        return ""
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{exact:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def format_percent(value: Decimal | float | int | None, decimals: int = 1) -> str:
    """`68,4 %` for 68.4; "" for None."""
    if value is None:
        return ""
    return f"{format_number(value, decimals)} %"


# --- reading and checking a template -------------------------------------------------------------


def _read_bytes(source: TemplateSource) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, str | PathLike):
        with open(source, "rb") as handle:
            return handle.read()
    if hasattr(source, "seek"):
        source.seek(0)
    return source.read()


def check_docx_file(data: bytes, *, max_bytes: int | None = None) -> None:
    """Checks before any parsing: a plain .docx, not too big, no zip bomb, no macros."""
    limit = max_bytes or settings.BEREIK_MAX_UPLOAD_BYTES
    if len(data) > limit:
        raise ValidationError(
            _("Het bestand is te groot (%(size)s MB, maximum %(max)s MB).")
            % {"size": round(len(data) / 1_048_576, 1), "max": round(limit / 1_048_576, 1)},
            code="too_big",
        )
    not_docx = ValidationError(
        _(
            "Dit is geen Word-bestand (.docx). Bewaar het sjabloon in Word of LibreOffice "
            "als .docx."
        ),
        code="not_docx",
    )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise not_docx
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise not_docx from exc
    names = {entry.filename for entry in entries}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise not_docx
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ValidationError(
            _("Het sjabloon bevat macro's. Bewaar het als gewoon .docx-bestand, zonder macro's."),
            code="macros",
        )
    unpacked = sum(entry.file_size for entry in entries)
    packed = max(sum(entry.compress_size for entry in entries), 1)
    if (
        len(entries) > MAX_ZIP_ENTRIES
        or unpacked > MAX_UNCOMPRESSED_BYTES
        or unpacked / packed > MAX_COMPRESSION_RATIO
    ):
        raise ValidationError(
            _("Het bestand is uitgepakt te groot om een briefsjabloon te zijn."), code="zip_bomb"
        )


def _jinja_env():
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True)


def _open_template(source: TemplateSource):
    from docxtpl import DocxTemplate

    data = _read_bytes(source)
    check_docx_file(data, max_bytes=max(settings.BEREIK_MAX_UPLOAD_BYTES, len(data)))
    template = DocxTemplate(io.BytesIO(data))
    try:
        template.init_docx()
    except Exception as exc:  # python-docx raises several types for a damaged package
        raise ValidationError(
            _("Het Word-bestand kan niet gelezen worden. Is het beschadigd?"), code="unreadable"
        ) from exc
    return template


def _template_parts(template) -> list[str]:
    """The XML of the body, headers and footers, as docxtpl will render them."""
    from docx.opc.oxml import parse_xml

    parts = [template.xml_to_string(template.docx._element.body)]
    for uri in (template.HEADER_URI, template.FOOTER_URI):
        for rel in template.docx._part.rels.values():
            if rel.reltype == uri and rel.target_part.blob:
                parts.append(template.xml_to_string(parse_xml(rel.target_part.blob)))
    return parts


# Jinja's messages (English) mapped to a Dutch explanation; the English text is never shown.
_HINTS = [
    (
        "unexpected end of template",
        gettext_lazy(
            "een {% if %} of {% for %} wordt niet afgesloten met {% endif %} of {% endfor %}"
        ),
    ),
    ("unknown tag", gettext_lazy("er staat een onbekende opdracht tussen {% en %}")),
    ("no filter named", gettext_lazy("er wordt een onbekende filter gebruikt")),
    (
        "unexpected '}'",
        gettext_lazy("een veld wordt niet goed afgesloten: na de naam komen twee accolades }}"),
    ),
    ("unexpected char", gettext_lazy("er staat een teken dat in een veld niet mag")),
    ("expected token", gettext_lazy("een veld tussen {{ en }} is niet goed geschreven")),
]

_BLOCK_TAG = re.compile(r"{%-?\s*(if|for|endif|endfor)\b")


def _unclosed_block_line(xml: str) -> int | None:
    """The line (paragraph) of the innermost {% if %} or {% for %} that is never closed."""
    stack: list[tuple[str, int]] = []
    for match in _BLOCK_TAG.finditer(xml):
        tag = match.group(1)
        line = xml.count("\n", 0, match.start()) + 1
        if tag in ("if", "for"):
            stack.append((tag, line))
        elif stack and stack[-1][0] == tag[3:]:
            stack.pop()
    return stack[-1][1] if stack else None


def _paragraph_text(xml: str, lineno: int | None) -> str:
    lines = xml.splitlines()
    line = lines[lineno - 1] if lineno and lineno <= len(lines) else ""
    snippet = " ".join(re.sub(r"<[^>]+>", "", line).split())
    return snippet[:77] + "…" if len(snippet) > 80 else snippet


def _syntax_problem(exc, xml: str) -> ValidationError:
    """A Dutch message pointing at the paragraph with the error (for a block that is never
    closed: the paragraph where it opens, not the end of the letter Jinja stopped at)."""
    message = str(exc.message or exc).lower()
    lineno = exc.lineno
    if "unexpected end of template" in message:
        lineno = _unclosed_block_line(xml) or lineno
    snippet = _paragraph_text(xml, lineno)
    hint = next(
        (text for key, text in _HINTS if key in message),
        _("de schrijfwijze van een veld klopt niet"),
    )
    text = _(
        "Het sjabloon bevat een fout%(where)s: %(hint)s. Elk veld staat tussen {{ en }}, "
        "elke opdracht tussen {%% en %%}."
    ) % {
        "where": (_(" bij de tekst „%(snippet)s”") % {"snippet": snippet}) if snippet else "",
        "hint": hint,
    }
    return ValidationError(text, code="syntax")


def template_variables(source: TemplateSource) -> set[str]:
    """The placeholder names a DOCX template uses (variables it reads and does not define itself).

    Raises ValidationError (in Dutch) when the file is not a .docx or has a syntax error."""
    from jinja2 import TemplateSyntaxError, meta

    template = _open_template(source)
    env = _jinja_env()
    names: set[str] = set()
    for xml in _template_parts(template):
        # As docxtpl does when rendering: one line per paragraph, so an error has a paragraph.
        xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", template.patch_xml(xml))
        try:
            names |= meta.find_undeclared_variables(env.parse(xml))
        except TemplateSyntaxError as exc:
            raise _syntax_problem(exc, xml) from exc
    return names


def _unknown_field(name: str, placeholders: Mapping[str, Any]) -> str:
    """`{{ bezoekdatum }} (bedoelt u {{ bezoek_datum }}?)` when a known field looks alike."""
    import difflib

    field = f"{{{{ {name} }}}}"
    close = difflib.get_close_matches(name, list(placeholders), n=1, cutoff=0.75)
    if not close:
        return field
    return _("%(field)s (bedoelt u {{ %(known)s }}?)") % {"field": field, "known": close[0]}


def validate_docx_template(source: TemplateSource, placeholders: Mapping[str, Any]) -> None:
    """Refuse a template that is not a plain .docx, has a syntax error, uses a placeholder that is
    not in `placeholders` (name -> example value), or fails to render with the example values."""
    source = _read_bytes(source)
    check_docx_file(source)
    used = template_variables(source)
    unknown = sorted(used - set(placeholders))
    if unknown:
        fields = ", ".join(_unknown_field(name, placeholders) for name in unknown)
        raise ValidationError(
            _(
                "Het sjabloon gebruikt een onbekend veld: %(fields)s. Gebruik alleen de velden uit "
                "de lijst (let op de schrijfwijze)."
            )
            % {"fields": fields},
            code="unknown_placeholder",
        )
    try:
        render_docx(source, dict(placeholders))
    except ValidationError:
        raise
    except Exception as exc:  # anything a sandboxed template can throw at render time
        raise ValidationError(
            _("Het sjabloon kan niet ingevuld worden: %(error)s") % {"error": exc},
            code="render",
        ) from exc


# --- rendering ----------------------------------------------------------------------------------


def _prepare_value(template, value):
    from docx.shared import Mm
    from docxtpl import InlineImage, Listing

    if isinstance(value, DocxImage):
        return InlineImage(
            template,
            io.BytesIO(value.data),
            width=Mm(value.width_mm) if value.width_mm else None,
            height=Mm(value.height_mm) if value.height_mm else None,
        )
    if isinstance(value, MultilineText):
        paragraphs = re.split(r"\n\s*\n", value.text.replace("\r\n", "\n").strip())
        return Listing("\a".join(paragraphs))
    if value is None:
        return ""
    return value


def render_docx(source: TemplateSource, context: Mapping[str, Any]) -> bytes:
    """Fill a DOCX template with `context` and return the new document's bytes.

    Values can be strings, numbers, `DocxImage` or `MultilineText`; None renders as nothing."""
    template = _open_template(source)
    prepared = {key: _prepare_value(template, value) for key, value in context.items()}
    template.render(prepared, jinja_env=_jinja_env(), autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def _start_on_new_page(document) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    body = document.element.body
    first = next((el for el in body if el.tag != qn("w:sectPr")), None)
    if first is not None and first.tag == qn("w:p"):
        Paragraph(first, document._body).paragraph_format.page_break_before = True
        return
    # A table (or nothing) comes first: put a paragraph with a page break before it.
    paragraph = OxmlElement("w:p")
    run = OxmlElement("w:r")
    page_break = OxmlElement("w:br")
    page_break.set(qn("w:type"), "page")
    run.append(page_break)
    paragraph.append(run)
    body.insert(0, paragraph)


def merge_docx(documents: Sequence[bytes]) -> bytes:
    """One DOCX holding all `documents` in order, each starting on a new page (for printing a batch
    of letters at once). Page setup comes from the first document."""
    from docx import Document
    from docxcompose.composer import Composer

    if not documents:
        raise ValueError("merge_docx needs at least one document")
    composer = Composer(Document(io.BytesIO(documents[0])))
    for data in documents[1:]:
        document = Document(io.BytesIO(data))
        _start_on_new_page(document)
        composer.append(document)
    out = io.BytesIO()
    composer.save(out)
    return out.getvalue()


def docx_text(data: bytes) -> str:
    """All text of a DOCX (headers, body with tables, footers), one paragraph per line. For checks
    and tests; the order within the body is the document order."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    document = Document(io.BytesIO(data))

    def paragraphs(element, parent) -> Iterable[str]:
        for p in element.iter(qn("w:p")):
            yield Paragraph(p, parent).text

    lines: list[str] = []
    for section in document.sections:
        lines.extend(paragraphs(section.header._element, section.header))
    lines.extend(paragraphs(document.element.body, document._body))
    for section in document.sections:
        lines.extend(paragraphs(section.footer._element, section.footer))
    return "\n".join(lines)


def count_page_breaks(data: bytes) -> int:
    """Explicit page breaks in a DOCX (page-break-before paragraphs and page-break runs)."""
    from docx import Document
    from docx.oxml.ns import qn

    body = Document(io.BytesIO(data)).element.body
    before = sum(
        1 for el in body.iter(qn("w:pageBreakBefore")) if el.get(qn("w:val")) not in ("0", "false")
    )
    runs = sum(1 for el in body.iter(qn("w:br")) if el.get(qn("w:type")) == "page")
    return before + runs


# --- PDF ----------------------------------------------------------------------------------------


def html_to_pdf(html: str) -> bytes:
    """A PDF from HTML with WeasyPrint. Only `data:` URLs are fetched (embed images and styles):
    a document with personal data never makes the server reach out to another address."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, url_fetcher=fetcher).write_pdf()


def render_pdf(template_name: str, context: Mapping[str, Any] | None = None) -> bytes:
    """Render a Django HTML template to PDF (route sheets, minutes, reports)."""
    from django.template.loader import render_to_string

    return html_to_pdf(render_to_string(template_name, dict(context or {})))


def image_data_uri(data: bytes, content_type: str = "image/png") -> str:
    """A data: URI for embedding an image (e.g. the logo) in HTML meant for `html_to_pdf`."""
    import base64

    return f"data:{content_type};base64,{base64.b64encode(data).decode('ascii')}"
