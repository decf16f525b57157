"""The Content-Security-Policy holds in the browser (ADR 0024): every demo user signs in and opens
their main pages (home, each entry of the navigation, the first dossier and worklist reached,
the Beheer page for the beheerder) while Chromium reports any violation of the policy, as a
console message ("Refused to ...") or a `securitypolicyviolation` event. None may occur: a page
that needs an inline script or style, an event handler attribute or a resource from elsewhere
fails here with what was refused."""

import re

import pytest

from tests.browser.test_demo_pages import DEMO_USERS

pytestmark = pytest.mark.browser

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""
MORE = re.compile(r"^/(dossiers/\d+/|dossiers/werklijst/|accounts/beheer/$|lac/zitting/\d+/$)")
MAX_MORE = 4


def _main_pages(page) -> list[str]:
    nav = page.eval_on_selector_all(
        "#hoofdmenu a.nav-link[href^='/']", "links => links.map(link => link.getAttribute('href'))"
    )
    links = page.eval_on_selector_all(
        "main a[href^='/']", "links => links.map(link => link.getAttribute('href'))"
    )
    more, seen = [], set()
    for link in links:
        found = MORE.match(link)
        kind = found and re.sub(r"\d+", "#", found.group(1))
        if kind and kind not in seen and len(more) < MAX_MORE:
            seen.add(kind)
            more.append(link)
    return list(dict.fromkeys([*nav, *more]))


def _listen(context, page) -> list[str]:
    context.add_init_script(LISTEN)
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text or message.text.startswith("Refused to")
            else None
        ),
    )
    return refused


def test_the_listener_sees_a_violation(new_context, demo_server):
    """The check itself: an inline style and an inline script on a Bereik page are refused and
    reported."""
    context = new_context(base_url=demo_server)
    page = context.new_page()
    refused = _listen(context, page)
    page.goto("/login/")
    page.evaluate(
        """() => {
        document.body.insertAdjacentHTML("beforeend", '<p style="color: red">x</p>');
        const script = document.createElement("script");
        script.textContent = "window.ranInline = true";
        document.body.append(script);
    }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.ranInline") is None
    violations = page.evaluate("window.__cspViolations")
    assert any(v.startswith("style-src") for v in violations), violations
    assert any(v.startswith("script-src") for v in violations), violations
    assert refused


@pytest.mark.parametrize("username", DEMO_USERS)
def test_no_page_of_a_demo_user_breaks_the_content_security_policy(
    new_context, sign_in, demo_server, username
):
    context = new_context(base_url=demo_server)
    page = context.new_page()
    refused = _listen(context, page)

    def check(url: str) -> None:
        violations = page.evaluate("window.__cspViolations || []")
        refused.extend(f"{url}: {violation}" for violation in violations)

    page.goto("/login/")
    check("/login/")
    sign_in(page, username)
    check("/")
    for url in _main_pages(page):
        response = page.goto(url)
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        header = response.header_value("content-security-policy") or ""
        assert "script-src 'self'" in header, url
        # Fold a section open and shut where there is one: Bootstrap's script sets sizes.
        toggles = page.locator("[data-bs-toggle='collapse']:visible")
        if toggles.count():
            toggles.first.click()
        check(url)
    assert not refused, "\n".join(refused)
