"""Crawl what a signed-in user can reach by links, and check the pages with axe-core.

Every page is fetched as the signed-in user and must answer without a 4xx or 5xx; its links lead
on (same origin, GET links only). Pages of one shape (the same path with other ids or query
values) are fetched once per user: every shape a user reaches is covered, not every dossier.

A page is also opened in the browser and checked with axe-core (WCAG 2.1 A and AA) the first time
its kind is seen in the run: its shape and the set of elements and classes in its <main>. So a
dossier page is checked again for another role, or when another dossier shows other parts (a late
badge, a warning row), but not once for each of the six social workers whose pages look alike:
checking every page of every user would take far too long. The first page of a shape is opened in
the browser straight away (it is nearly always new); later ones are fetched without rendering.
"""

import hashlib
import os
import re
from collections import deque
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

# Not followed: signing out, Django's own admin (read-only, not Bereik's templates), static files.
SKIP = re.compile(r"^/(logout|static|beheer/django)/")
# Files, not pages: exports, PDFs, Word letters, uploaded documents.
DOWNLOAD = re.compile(
    r"(\.pdf|\.docx|\.xlsx|\.csv)$|/export\.|/download/|/bestand/|/brieven/|/document/"
    r"|/routeblad/|/brochure/$|/punt/\d+/brief/"
)
MAX_PAGES_PER_USER = 150  # a safety net; the demo users reach 3 to 60 shapes
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
BLOCKING = ("serious", "critical")


def shape(link: str) -> str:
    """The URL with its ids and query values left out: /dossiers/12/?a=1 -> /dossiers/#/?a="""
    return re.sub(r"=[^&]*", "=", re.sub(r"\d+", "#", link))


def _local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class _Page(HTMLParser):
    """The links of a page and what its <main> is made of (tags with their classes)."""

    def __init__(self, html: str):
        super().__init__()
        self.links: list[str] = []
        self.parts: set[str] = set()
        self._in_main = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "main":
            self._in_main += 1
        if self._in_main:
            self.parts.add(f"{tag}.{'.'.join(sorted((values.get('class') or '').split()))}")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])

    def handle_endtag(self, tag):
        if tag == "main":
            self._in_main -= 1

    @property
    def kind(self) -> str:
        return hashlib.sha256("\n".join(sorted(self.parts)).encode()).hexdigest()[:16]


@dataclass
class Violation:
    """One axe rule broken on one page: its elements, grouped by what is wrong with them."""

    rule: str
    impact: str
    url: str
    help: str
    failures: dict[str, list[str]]  # axe's failure summary -> CSS selectors of the elements

    def __str__(self):
        lines = [f"{self.rule} ({self.impact}) on {self.url}: {self.help}"]
        for summary, targets in self.failures.items():
            more = f" (+{len(targets) - 3} more)" if len(targets) > 3 else ""
            lines.append(f"    at {' | '.join(targets[:3])}{more}")
            lines.append(f"      {' '.join(summary.split())[:400]}")
        return "\n".join(lines)


@dataclass
class Report:
    user: str
    fetched: int = 0
    audited: int = 0
    errors: list[str] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)

    def failures(self) -> str:
        lines = []
        if self.errors:
            lines.append(f"{self.user}: {len(self.errors)} page(s) answered with an error:")
            lines += [f"  {error}" for error in self.errors]
        if self.violations:
            pages = len({violation.url for violation in self.violations})
            lines.append(
                f"{self.user}: {len(self.violations)} serious or critical axe violation(s) on "
                f"{pages} page(s) (WCAG 2.1 A/AA):"
            )
            lines += [f"  {violation}" for violation in self.violations]
        return "\n".join(lines)


def audit(page) -> list[Violation]:
    """axe-core on the page in the browser: its serious and critical WCAG 2.1 A/AA violations."""
    results = Axe().run(page, options=AXE_OPTIONS)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        failures: dict[str, list[str]] = {}
        for node in violation["nodes"]:
            target = " ".join(map(str, node["target"]))
            failures.setdefault(node.get("failureSummary", ""), []).append(target)
        found.append(
            Violation(
                rule=violation["id"],
                impact=violation["impact"],
                url=page.url,
                help=violation["help"],
                failures=failures,
            )
        )
    return found


class Run:
    """What the users' crawls of one test run share: the kinds of page checked with axe. A kind
    is claimed by creating a file named after it, so xdist workers share the claims too."""

    def __init__(self, claims: Path):
        self.claims = claims
        self.shapes: set[str] = set()  # shapes already opened in this process's browser

    def claim(self, kind: tuple[str, str]) -> bool:
        name = hashlib.sha256(repr(kind).encode()).hexdigest()
        try:
            os.close(os.open(self.claims / name, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return False
        return True


def _exception(html: str) -> str:
    """What Django's debug page (DEBUG is on) says went wrong, if this is one."""
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    value = re.search(r'<pre class="exception_value">(.*?)</pre>', html, re.S)
    if not title or not value:
        return ""
    return f": {unescape(title[1].strip())}: {unescape(value[1].strip())[:300]}"


def _open(page, link: str):
    """Open `link` in the browser: (status, final URL, content type, HTML as served), or None
    when it turns out to be a file download."""
    try:
        response = page.goto(link)
    except PlaywrightError as error:
        if "Download is starting" in str(error):
            return None
        raise
    content_type = response.headers.get("content-type", "")
    html = response.text() if "text/html" in content_type else ""
    return response.status, page.url, html


def crawl(page, user: str, base_url: str, run: Run) -> Report:
    """Visit what `page`'s signed-in user reaches from the home page."""
    report = Report(user=user)
    request = page.context.request
    shapes = {shape("/")}
    queue = deque([("/", "")])
    while queue and report.fetched < MAX_PAGES_PER_USER:
        link, referrer = queue.popleft()
        where = f"{link} (linked from {referrer})" if referrer else link
        in_browser = False
        if shape(link) not in run.shapes:
            run.shapes.add(shape(link))
            opened = _open(page, link)
            in_browser = opened is not None
        if in_browser:
            status, url, html = opened
        else:
            response = request.get(link)
            status, url = response.status, response.url
            content_type = response.headers.get("content-type", "")
            html = response.text() if "text/html" in content_type else ""
        report.fetched += 1
        if status >= 400:
            report.errors.append(f"{status} {where}{_exception(html)}")
            continue
        landed = _local(url)
        if urlsplit(url).path == "/login/":
            report.errors.append(f"sent to the sign-in page: {where}")
            continue
        if not html:
            continue
        shapes.add(shape(landed))  # a redirect's target is not fetched again
        parsed = _Page(html)
        if run.claim((shape(landed), parsed.kind)):
            if not in_browser:
                page.goto(link)
            report.audited += 1
            report.violations += audit(page)
        for href in parsed.links:
            target = urlsplit(urljoin(base_url + link, href))
            if f"{target.scheme}://{target.netloc}" != base_url:
                continue
            if SKIP.match(target.path) or DOWNLOAD.search(target.path):
                continue
            next_link = _local(target.geturl())
            if shape(next_link) in shapes:
                continue
            shapes.add(shape(next_link))
            queue.append((next_link, link))
    return report
