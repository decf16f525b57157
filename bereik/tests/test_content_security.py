"""The Content-Security-Policy (ADR 0024): the header is on every page, and nothing in the
templates or in HTML written by Python needs an exception to it (no inline script or style, no
event handler attribute, no javascript: URL). A browser check (tests/browser/test_csp.py) loads
the main pages of every persona and fails on any violation Chromium reports."""

import re
import tokenize
from pathlib import Path

import pytest
from django.template import engines
from django.test import override_settings
from django.urls import path

from bereik import settings as settings_module
from bereik.lib import charts
from bereik.signin import codes

ROOT = Path(__file__).resolve().parents[1]  # the bereik package
# Rendered by WeasyPrint into a PDF, never served to a browser: the policy does not apply there and
# WeasyPrint reads its styles from the document itself.
PDF_ONLY = {
    "outreach/templates/outreach/route_sheet.html",
    "reports/templates/reports/overview_pdf.html",
    "lac/templates/lac/pdf/base.html",
    "lac/templates/lac/pdf/minutes.html",
    "lac/templates/lac/pdf/overview.html",
    "privacy/templates/privacy/export.html",
}
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE), "inline <script>"),
    (re.compile(r"<style\b", re.IGNORECASE), "<style> element"),
    (re.compile(r"<[a-z][^<>]*\sstyle\s*=", re.IGNORECASE), "style attribute"),
    (re.compile(r"<[a-z][^<>]*\son[a-z]+\s*=", re.IGNORECASE), "on* event handler"),
    (re.compile(r"javascript:", re.IGNORECASE), "javascript: URL"),
]
DIRECTIVES = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
]


def inline_found(html: str) -> list[str]:
    return [
        f"{what}: {match.group(0)[:80]}"
        for pattern, what in INLINE
        for match in pattern.finditer(html)
    ]


def _templates():
    for file in sorted(ROOT.rglob("templates/**/*.html")):
        if str(file.relative_to(ROOT)) not in PDF_ONLY:
            yield file


def _python_strings(path: Path):
    with path.open("rb") as handle:
        for token in tokenize.tokenize(handle.readline):
            if token.type == tokenize.STRING or token.type == getattr(
                tokenize, "FSTRING_MIDDLE", -1
            ):
                yield token.start[0], token.string


def test_the_checker_sees_what_it_must_refuse():
    for html in (
        "<script>alert(1)</script>",
        '<div style="color: red">',
        "<style>p {}</style>",
        '<button onclick="go()">',
        '<a href="javascript:go()">',
        '<svg><rect STYLE="fill: red"/></svg>',
    ):
        assert inline_found(html), html
    assert not inline_found('<script src="/static/x.js"></script><p class="style">on=</p>')


def test_the_scan_covers_the_templates():
    names = {str(path.relative_to(ROOT)) for path in _templates()}
    assert "templates/base.html" in names
    assert "dossiers/templates/dossiers/worklists/list.html" in names
    for relative in PDF_ONLY:
        assert (ROOT / relative).exists(), f"{relative} is gone: take it off PDF_ONLY"


def test_no_template_holds_inline_script_style_or_handlers():
    found = [
        f"{file.relative_to(ROOT)}: {problem}"
        for file in _templates()
        for problem in inline_found(file.read_text(encoding="utf-8"))
    ]
    assert not found, "\n".join(found)


def test_no_python_module_writes_inline_script_style_or_handlers():
    found = []
    for file in sorted(ROOT.rglob("*.py")):
        parts = file.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        for line, text in _python_strings(file):
            found += [
                f"{file.relative_to(ROOT)}:{line}: {problem}" for problem in inline_found(text)
            ]
    assert not found, "\n".join(found)


def test_the_charts_and_the_qr_code_draw_without_style_attributes():
    series = [charts.Series("2026", [71.2, 64.0]), charts.Series("2025", [60.1, None])]
    drawn = [
        charts.bar_chart(title="T", description="D", categories=["A", "B"], series=series),
        charts.line_chart(title="T", description="D", categories=["A", "B"], series=series),
        codes.qr_svg("otpauth://totp/Bereik:test?secret=ABC", title="QR"),
    ]
    for svg in drawn:
        assert not inline_found(svg), svg


@pytest.mark.parametrize("name", ["403.html", "404.html", "500.html"])
def test_the_error_pages_render_without_inline_style(name):
    html = engines["django"].get_template(name).render({})
    assert not inline_found(html)


def _assert_policy(response):
    policy = response["Content-Security-Policy"]
    for directive in DIRECTIVES:
        assert directive in policy, (directive, policy)
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert not inline_found(response.content.decode())


def test_the_policy_is_on_an_anonymous_page(client, db):
    _assert_policy(client.get("/login/"))


def test_the_policy_is_on_a_signed_in_page(client, login, mw):
    login(mw)
    response = client.get("/")
    assert response.status_code == 200
    _assert_policy(response)


def test_the_policy_is_on_the_error_pages(client, login, mw, beheerder):
    login(mw)
    missing = client.get("/dossiers/999999/")
    assert missing.status_code == 404
    _assert_policy(missing)
    forbidden = client.get("/accounts/beheer/")
    assert forbidden.status_code == 403
    _assert_policy(forbidden)


def _fails(request):
    raise RuntimeError("a bug")


urlpatterns = [path("kapot/", _fails)]


@override_settings(ROOT_URLCONF=__name__)
def test_the_policy_is_on_a_server_error(client, login, mw):
    client.raise_request_exception = False
    login(mw)
    response = client.get("/kapot/")
    assert response.status_code == 500
    _assert_policy(response)


def test_the_identity_provider_can_be_a_form_target():
    policy = settings_module.content_security_policy("https://idp.example.be/auth/authorize")
    assert policy["DIRECTIVES"]["form-action"] == ["'self'", "https://idp.example.be"]
    assert settings_module.content_security_policy("")["DIRECTIVES"]["form-action"] == ["'self'"]
