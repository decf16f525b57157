import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from bereik.lib import documents


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (20, 10), "navy").save(out, "PNG")
    return out.getvalue()


PNG = _png()


def make_docx(*paragraphs: str, table_first: bool = False, header: str = "") -> bytes:
    document = Document()
    if table_first:
        document.add_table(rows=1, cols=1).cell(0, 0).text = "tabel"
    for text in paragraphs:
        document.add_paragraph(text)
    if header:
        document.sections[0].header.paragraphs[0].text = header
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_it_formats_dates_and_amounts_the_belgian_way():
    assert documents.format_date(datetime.date(2026, 11, 27)) == "27 november 2026"
    assert (
        documents.format_date(datetime.date(2026, 11, 27), weekday=True)
        == "vrijdag 27 november 2026"
    )
    assert documents.format_date(None) == ""
    assert documents.format_amount(Decimal("1234.5")) == "€ 1.234,50"
    assert documents.format_amount(12) == "€ 12,00"
    assert documents.format_amount(None) == ""


def test_it_fills_placeholders_in_body_and_header():
    template = make_docx("Beste {{ naam }},", "Datum: {{ datum }}", header="{{ organisatie }}")
    data = documents.render_docx(
        template, {"naam": "Jan Peeters", "datum": "27 november 2026", "organisatie": "OCMW"}
    )
    text = documents.docx_text(data)
    assert "Beste Jan Peeters," in text
    assert "Datum: 27 november 2026" in text
    assert text.startswith("OCMW")


def test_a_placeholder_split_over_formatting_runs_still_works():
    document = Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Beste {{ client_")
    paragraph.add_run("naam").bold = True
    paragraph.add_run(" }},")
    out = io.BytesIO()
    document.save(out)
    documents.validate_docx_template(out.getvalue(), {"client_naam": "Jan"})
    assert "Beste Jan," in documents.docx_text(
        documents.render_docx(out.getvalue(), {"client_naam": "Jan"})
    )


def test_it_escapes_values_so_the_xml_stays_valid():
    data = documents.render_docx(make_docx("{{ naam }}"), {"naam": "Smet & Zonen <bvba>"})
    assert "Smet & Zonen <bvba>" in documents.docx_text(data)


def test_it_renders_multiline_text_as_paragraphs_and_line_breaks():
    data = documents.render_docx(
        make_docx("{{ tekst }}"), {"tekst": documents.MultilineText("Eerste\nregel\n\nTweede")}
    )
    paragraphs = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert paragraphs == ["Eerste\nregel", "Tweede"]


def test_it_places_an_inline_image():
    data = documents.render_docx(
        make_docx("{{ logo }}"), {"logo": documents.DocxImage(PNG, width_mm=30)}
    )
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert any(name.startswith("word/media/") for name in names)


def test_it_renders_none_as_nothing():
    data = documents.render_docx(make_docx("[{{ x }}]"), {"x": None})
    assert "[]" in documents.docx_text(data)


def test_it_lists_the_placeholders_a_template_uses():
    template = make_docx(
        "{{ naam }} {{ datum|upper }}",
        "{% for r in rijen %}{{ r }}{% endfor %}",
        header="{{ kop }}",
    )
    assert documents.template_variables(template) == {"naam", "datum", "rijen", "kop"}


def test_it_accepts_a_valid_template():
    documents.validate_docx_template(make_docx("Beste {{ naam }}"), {"naam": "Jan", "extra": "x"})


def test_it_refuses_an_unknown_placeholder_naming_it():
    with pytest.raises(ValidationError) as info:
        documents.validate_docx_template(make_docx("Beste {{ klantnaam }}"), {"naam": "Jan"})
    assert info.value.code == "unknown_placeholder"
    assert "{{ klantnaam }}" in info.value.messages[0]


def test_it_refuses_a_syntax_error_pointing_at_the_paragraph():
    template = make_docx("Alles goed", "Beste {{ naam }", "Tot ziens")
    with pytest.raises(ValidationError) as info:
        documents.validate_docx_template(template, {"naam": "Jan"})
    assert info.value.code == "syntax"
    message = info.value.messages[0]
    assert "Beste {{ naam }" in message
    assert "fout" in message


def test_it_refuses_an_unclosed_block():
    with pytest.raises(ValidationError) as info:
        documents.template_variables(make_docx("{% if naam %}Beste {{ naam }}"))
    assert "niet afgesloten met {% endif %}" in info.value.messages[0]


def test_it_suggests_the_known_placeholder_that_looks_alike():
    with pytest.raises(ValidationError) as info:
        documents.validate_docx_template(
            make_docx("Op {{ bezoekdatum }}"), {"bezoek_datum": "x", "naam": "Jan"}
        )
    assert "{{ bezoekdatum }} (bedoelt u {{ bezoek_datum }}?)" in info.value.messages[0]


def test_an_unclosed_block_points_at_the_paragraph_where_it_opens():
    template = make_docx("Beste {{ naam }}", "{% if naam %}Fijn dat u er bent.", "Tot ziens")
    with pytest.raises(ValidationError) as info:
        documents.validate_docx_template(template, {"naam": "Jan"})
    message = info.value.messages[0]
    assert "„{% if naam %}Fijn dat u er bent.”" in message
    assert "Tot ziens" not in message


@pytest.mark.parametrize(
    "paragraph", ["Beste {{ naam }", "{% if naam %}Beste", "{{ naam|geheim }}", "{% doe iets %}"]
)
def test_a_syntax_error_is_explained_in_dutch_only(paragraph):
    with pytest.raises(ValidationError) as info:
        documents.validate_docx_template(make_docx(paragraph), {"naam": "Jan"})
    message = info.value.messages[0].lower()
    # Jinja's own English wording ("unexpected", "expected token", "jinja was looking for")
    # means nothing to a beheerder.
    for english in ("unexpected", "expected", "jinja", "template", "technische melding"):
        assert english not in message


def test_it_refuses_an_unknown_filter():
    with pytest.raises(ValidationError) as info:
        documents.validate_docx_template(make_docx("{{ naam|geheim }}"), {"naam": "Jan"})
    assert info.value.code == "syntax"
    assert "onbekende filter" in info.value.messages[0]


def test_it_refuses_a_file_that_is_not_a_docx():
    with pytest.raises(ValidationError) as info:
        documents.validate_docx_template(b"%PDF-1.7 not a letter", {})
    assert info.value.code == "not_docx"
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("hello.txt", "hi")
    with pytest.raises(ValidationError) as info:
        documents.validate_docx_template(archive.getvalue(), {})
    assert info.value.code == "not_docx"


def test_it_refuses_a_zip_bomb(settings):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("[Content_Types].xml", "<x/>")
        zipped.writestr("word/document.xml", "<x/>" + " " * 20_000_000)
    with pytest.raises(ValidationError) as info:
        documents.check_docx_file(archive.getvalue())
    assert info.value.code == "zip_bomb"


def test_it_refuses_a_file_that_is_too_big(settings):
    settings.BEREIK_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(ValidationError) as info:
        documents.check_docx_file(make_docx("x" * 10))
    assert info.value.code == "too_big"


def test_it_refuses_macros():
    data = make_docx("Hallo")
    archive = io.BytesIO(data)
    with zipfile.ZipFile(archive, "a") as zipped:
        zipped.writestr("word/vbaProject.bin", b"macro")
    with pytest.raises(ValidationError) as info:
        documents.check_docx_file(archive.getvalue())
    assert info.value.code == "macros"


def test_the_sandbox_keeps_templates_away_from_python_internals():
    template = make_docx("{{ naam.__class__.__mro__ }}")
    with pytest.raises(ValidationError) as info:
        documents.validate_docx_template(template, {"naam": "Jan"})
    assert info.value.code == "render"


def test_it_merges_documents_each_on_its_own_page():
    letters = [
        documents.render_docx(make_docx("Beste {{ naam }}", "Tweede alinea"), {"naam": name})
        for name in ("Anna", "Bert", "Carla")
    ]
    letters.append(make_docx("Tabelbrief", table_first=True))
    merged = documents.merge_docx(letters)
    text = documents.docx_text(merged)
    assert text.index("Beste Anna") < text.index("Beste Bert") < text.index("Beste Carla")
    assert "tabel" in text
    assert documents.count_page_breaks(merged) == 3


def test_a_single_document_merges_to_itself():
    merged = documents.merge_docx([make_docx("Alleen")])
    assert documents.docx_text(merged).strip() == "Alleen"
    assert documents.count_page_breaks(merged) == 0


def test_it_refuses_to_merge_nothing():
    with pytest.raises(ValueError):
        documents.merge_docx([])


def test_it_makes_a_pdf_from_html():
    pdf = documents.html_to_pdf("<h1>Routeblad</h1><p>Kerkstraat 1</p>")
    assert pdf.startswith(b"%PDF-")


def test_the_pdf_renderer_fetches_no_outside_addresses(monkeypatch):
    import urllib.request

    opened = []
    original = urllib.request.OpenerDirector.open

    def spy(self, url, *args, **kwargs):
        opened.append(getattr(url, "full_url", url))
        return original(self, url, *args, **kwargs)

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", spy)
    pdf = documents.html_to_pdf(
        '<img src="http://example.org/x.png"><img src="'
        + documents.image_data_uri(PNG)
        + '"><p>ok</p>'
    )
    assert pdf.startswith(b"%PDF-")
    assert opened, "the data: image should have been read"
    assert all(url.startswith("data:") for url in opened)


def test_validation_applies_the_upload_size_limit(settings):
    settings.BEREIK_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(ValidationError) as info:
        documents.validate_docx_template(make_docx("{{ naam }}"), {"naam": "Jan"})
    assert info.value.code == "too_big"
