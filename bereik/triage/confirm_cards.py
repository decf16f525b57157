"""The confirmation queue's households drawn in Python (`{% confirm_cards page.object_list %}`,
in `triage/templatetags/confirm_cards.py`).

A page of 25 households, each with up to a handful of candidates from the register, drew every
card and candidate with some sixty lookups, filters and two forms: about 30 ms a page. This
draws the same HTML (each value escaped and localized as the template engine did; a test
compares it with the template it replaced, kept as its fixture). The labels are translated once
a language; a page's households are drawn against one `Page` (`cards`): the words, the
deadline's today and the forms' links read once, not once a household or candidate.
"""

from __future__ import annotations

from django.utils.html import conditional_escape as escape
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_noop

from bereik.dossiers import cells
from bereik.lib import drawing
from bereik.lib.drawing import text
from bereik.lib.urls import int_url_maker

DASH = "—"


_labels = drawing.translated_once(
    {
        "address": gettext_noop("Adres"),
        "birth": gettext_noop("Geboortedatum"),
        "insz": gettext_noop("INSZ"),
        "number": gettext_noop("Cliëntnummer"),
        "same_address": gettext_noop("zelfde adres"),
        "differs": gettext_noop("verschilt"),
        "guidance": gettext_noop("Begeleiding"),
        "intensive": gettext_noop("ooit intensief"),
        "worker": gettext_noop("Maatschappelijk werker"),
        "likeness": gettext_noop("Gelijkenis"),
        "confirm": gettext_noop("Dit is de cliënt"),
        "reject": gettext_noop("Niet deze cliënt"),
        "none": gettext_noop("Geen van deze: nieuw voor het OCMW"),
        "deadline": gettext_noop("Termijn"),
        "dossier": gettext_noop("Dossier"),
        "score": gettext_noop("score %(score)s"),
        "parts": gettext_noop("naam %(name)s, adres %(address)s"),
    }
)


class Page:
    """What every household of a page says the same: the words, the deadline cells' page and
    the parts of the forms' links, read once."""

    def __init__(self) -> None:
        self.t = _labels()
        self.cells = cells.Page()
        self.new_url = int_url_maker("triage:match_new")
        self.confirm_url = int_url_maker("triage:match_confirm", 2)
        self.reject_url = int_url_maker("triage:match_reject", 2)


def csrf_field(token) -> str:
    """As `{% csrf_token %}` draws it from the context's token."""
    if not token or token == "NOTPROVIDED":  # noqa: S105 - Django's marker, not a secret
        return ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


def _pair(label: str, value: str) -> str:
    """A term and its value in a card's list."""
    return f'<dt class="col-5">{label}</dt><dd class="col-7">{value}</dd>\n'


def _form(action: str, csrf: str, back: str, button: str) -> str:
    return (
        f'<form method="post" action="{action}">{csrf}\n'
        f'<input type="hidden" name="next" value="{back}">\n{button}\n</form>'
    )


def _candidate(dossier, candidate, *, can_see_insz: bool, csrf: str, back: str, page: Page) -> str:
    t = page.t
    client, details = candidate.client, candidate.details
    score = t["score"] % {"score": text(drawing.whole(candidate.score))}
    same = f' <span class="text-success">✓ {t["same_address"]}</span>'
    birth = {
        "same": ' <span class="text-success">✓</span>',
        "different": f' <span class="text-danger">✗ {t["differs"]}</span>',
    }.get(details.get("birth_date"), "")
    worker = client.social_worker.get_full_name() if client.social_worker else ""
    guidance = text(client.get_guidance_status_display())
    if client.intensive_guidance:
        guidance += f", {t['intensive']}"
    likeness = t["parts"] % {
        "name": text(drawing.whole(details.get("name", ""))),
        "address": text(drawing.whole(details.get("address", ""))),
    }
    insz = _pair(t["insz"], text(client.insz_masked or DASH)) if can_see_insz else ""
    confirm = _form(
        page.confirm_url(dossier.pk, client.pk),
        csrf,
        back,
        f'<button class="btn btn-success btn-sm" type="submit">{t["confirm"]}</button>',
    )
    reject = _form(
        page.reject_url(dossier.pk, client.pk),
        csrf,
        back,
        f'<button class="btn btn-outline-danger btn-sm" type="submit">{t["reject"]}</button>',
    )
    return (
        '<div class="col">\n<div class="border rounded p-2 h-100">\n'
        f'<h3 class="h6 mb-1">{text(client.last_name)} {text(client.first_name)} '
        f'<span class="badge text-bg-light border">{score}</span></h3>\n'
        '<dl class="row small mb-2">\n'
        + _pair(t["number"], text(client.client_number))
        + _pair(
            t["address"],
            text(client.address or DASH) + (same if details.get("same_address") else ""),
        )
        + _pair(t["birth"], (drawing.date(client.birth_date, "d/m/Y") or DASH) + birth)
        + insz
        + _pair(t["guidance"], guidance)
        + _pair(t["worker"], text(worker or client.social_worker_name or DASH))
        + _pair(t["likeness"], likeness)
        + f'</dl>\n<div class="d-flex gap-2">\n{confirm}\n{reject}\n</div>\n</div>\n</div>\n'
    )


def cards(dossiers, *, can_see_insz: bool, csrf_token, back: str) -> SafeString:
    """The households of a page of the queue, drawn against one `Page`."""
    page = Page()
    return mark_safe(  # noqa: S308 - each card escaped
        "".join(
            card(dossier, can_see_insz=can_see_insz, csrf_token=csrf_token, back=back, page=page)
            for dossier in dossiers
        )
    )


def card(
    dossier, *, can_see_insz: bool, csrf_token, back: str, page: Page | None = None
) -> SafeString:
    """One household of the queue with its open candidates (`dossier.triage.open_candidates`),
    as `triage/confirm.html` drew it. `back`: where the buttons return (the page's own URL)."""
    page = page or Page()
    t = page.t
    csrf, back = csrf_field(csrf_token), escape(back)
    company = text(dossier.company or "")
    insz = _pair(t["insz"], text(dossier.insz_masked or DASH)) if can_see_insz else ""
    none = _form(
        page.new_url(dossier.pk),
        csrf,
        back,
        f'<button class="btn btn-outline-secondary btn-sm" type="submit">{t["none"]}</button>',
    )
    candidates = "".join(
        _candidate(dossier, candidate, can_see_insz=can_see_insz, csrf=csrf, back=back, page=page)
        for candidate in dossier.triage.open_candidates
    )
    return mark_safe(  # noqa: S308 - every value escaped above
        f'<section class="card mb-3" aria-labelledby="huishouden-{dossier.pk}">\n'
        '<div class="card-body">\n<div class="row g-3">\n<div class="col-lg-4">\n'
        f'<h2 class="h5" id="huishouden-{dossier.pk}">'
        f'<a href="{escape(page.cells.dossier_url(dossier.pk))}">'
        f"{text(dossier.household_name)}</a></h2>\n"
        f'<p class="small text-body-secondary mb-1">{t["dossier"]} {text(dossier.number)} · '
        f"{text(dossier.get_kind_display())} · {company} {text(dossier.customer_number)}</p>\n"
        '<dl class="row small mb-2">\n'
        + _pair(t["address"], text(dossier.address or DASH))
        + _pair(t["birth"], drawing.date(dossier.birth_date, "d/m/Y") or DASH)
        + insz
        + _pair(t["deadline"], cells.deadline(dossier, page.cells))
        + f"</dl>\n{none}\n</div>\n"
        '<div class="col-lg-8">\n<div class="row row-cols-1 row-cols-md-2 g-2">\n'
        f"{candidates}</div>\n</div>\n</div>\n</div>\n</section>\n"
    )
