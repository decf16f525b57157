"""What a file says about itself: the company in a title row ("De Watergroep – LAC-oproeping"),
an EAN column (Fluvius, the network operator), the kind in a title or in its columns. Only a
proposal, with its reasons: the user confirms it before the preview (never guessed silently).
No writes here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from bereik.intake import kinds
from bereik.lib import columns, tabular
from bereik.lib.matching import fold
from bereik.organisation.models import Company

# Words in a title that name the kind of list (folded text); LAC lists also name the supply.
TITLE_WORDS = {
    "verwittiging": (
        "verwittiging",
        "verwittigingen",
        "verwittigingsbrief",
        "verwittigingsbrieven",
    ),
    "weekrapport": ("weekrapport", "weekoverzicht"),
    "register": ("clientenregister", "registerexport"),
}
LAC_WORDS = ("lac", "lokale adviescommissie")
SUPPLY_WORDS = {
    "lac-water": ("water", "debietbegrenzer", "waterbegrenzer"),
    "lac-energie": ("energie", "elektriciteit", "gas", "aardgas"),
}
LAC_BY_COMPANY = {Company.Kind.WATER: "lac-water", Company.Kind.ENERGIE: "lac-energie"}
# A kind's columns must beat the next one by this much (distinctive fields weigh most).
MARGIN = 0.5


@dataclass
class Proposal:
    kind: str = ""
    company: Company | None = None
    reasons: list[str] = field(default_factory=list)

    @property
    def as_options(self) -> dict:
        return {
            "kind": self.kind,
            "company": self.company.pk if self.company else None,
            "reasons": self.reasons,
        }


def kind_name(code: str) -> str:
    """The kind's label inside a sentence: "een verwittiging", "een LAC-oproeping water"."""
    label = str(kinds.find_or_default(code).label)
    return label if label[:3].isupper() else label[:1].lower() + label[1:]


def header_score(cells: list) -> int:
    """The best score any kind's columns give a row (to find the header of a file whose kind is
    not known yet)."""
    return max((kind.spec.header_score(cells) for kind in _table_kinds()), default=0)


def _table_kinds() -> list[kinds.ImportKind]:
    return [kind for kind in kinds.uploadable() if kind.spec is not None]


def _has_words(text: str, words) -> bool:
    return any(re.search(rf"\b{re.escape(word)}\b", text) for word in words)


def _company_in(text: str, companies) -> list[Company]:
    return [c for c in companies if fold(c.name) and _has_words(text, (fold(c.name),))]


def _kind_from_title(text: str, company: Company | None) -> str:
    for code, words in TITLE_WORDS.items():
        if _has_words(text, words) and kinds.find(code):
            return code
    if _has_words(text, LAC_WORDS):
        found = [code for code, words in SUPPLY_WORDS.items() if _has_words(text, words)]
        if len(found) == 1:
            return found[0]
        if company is not None:  # a LAC list of a water company is about water
            return LAC_BY_COMPANY[company.kind]
    return ""


def _kind_from_columns(headers: list[str], company: Company | None) -> str:
    """The kind whose columns the file has, when one clearly fits best: every required field
    found, and the fields few kinds have weigh most. A LAC list of the other supply than the
    company's is left out."""
    other_lac = {
        code
        for kind, code in LAC_BY_COMPANY.items()
        if company is not None and kind != company.kind
    }
    table_kinds = [kind for kind in _table_kinds() if kind.code not in other_lac]
    in_kinds: dict[str, int] = {}
    for kind in table_kinds:
        for spec in kind.spec.fields:
            in_kinds[spec.name] = in_kinds.get(spec.name, 0) + 1
    scores = []
    for kind in table_kinds:
        recognition = columns.recognise(headers, kind.spec)
        if not recognition.ok:
            continue
        fields = set(recognition.mapping.values())
        scores.append((sum(1 / in_kinds[name] for name in fields), kind.code))
    scores.sort(reverse=True)
    if not scores:
        return ""
    if len(scores) == 1 or scores[0][0] - scores[1][0] >= MARGIN:
        return scores[0][1]
    return ""


def propose(table: tabular.Table) -> Proposal:
    """The kind and the company the file names, with the reasons in Dutch."""
    proposal = Proposal()
    titles = [text for text in (*table.titles, table.sheet) if text]
    folded = fold(" ".join(titles))
    companies = list(Company.objects.filter(active=True))
    named = _company_in(folded, companies)
    if len(named) == 1:
        proposal.company = named[0]
        proposal.reasons.append(
            _("de titel van het bestand noemt %(company)s") % {"company": named[0]}
        )
    ean = [h for h in table.headers if tabular.header_key(h) in ("ean", "eancode", "eannummer")]
    if ean and not named:
        energy = [c for c in companies if c.kind == Company.Kind.ENERGIE]
        if len(energy) == 1:
            proposal.company = energy[0]
            proposal.reasons.append(
                _("de kolom '%(column)s' (EAN) hoort bij de netbeheerder %(company)s")
                % {"column": ean[0], "company": energy[0]}
            )
    code = _kind_from_title(folded, proposal.company)
    if code:
        proposal.kind = code
        proposal.reasons.append(_("de titel noemt een %(kind)s") % {"kind": kind_name(code)})
    else:
        code = _kind_from_columns(table.headers, proposal.company)
        if code:
            proposal.kind = code
            proposal.reasons.append(
                _("de kolommen passen bij een %(kind)s") % {"kind": kind_name(code)}
            )
    kind = kinds.find(proposal.kind)
    if kind is not None and not kind.needs_company:
        proposal.company = None
    return proposal


def contradictions(table: tabular.Table, *, kind: str, company) -> list[str]:
    """What the file says that differs from what the user chose (shown on the preview)."""
    proposal = propose(table)
    said = []
    if company is not None and proposal.company is not None and proposal.company != company:
        said.append(
            _("Het bestand lijkt van %(found)s te komen (%(why)s), je koos %(chosen)s.")
            % {"found": proposal.company, "why": proposal.reasons[0], "chosen": company}
        )
    if proposal.kind and proposal.kind != kind:
        said.append(
            _("Het bestand lijkt een %(found)s, je koos %(chosen)s.")
            % {
                "found": kind_name(proposal.kind),
                "chosen": kind_name(kind),
            }
        )
    return said
