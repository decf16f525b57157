"""The kinds of import: one pipeline (upload -> preview -> column mapping -> confirm, the history,
an import's page, the original file, the command line), one entry here per kind of file.

The intake registers its own kinds (the companies' lists, and the court document, which has its
own form: `intake/list_kinds.py`); a later app registers its kind from its `AppConfig.ready()`
(the clients app: the register export). The intake never names those apps: its views, actions and
templates ask this registry.

    kinds.register(ImportKind(code="...", label=_("..."), spec=SPEC, plan=..., store=..., ...))

What the pipeline asks of a kind:

- `plan(content, *, filename, options)`: read, recognise and decide every row, without writing
  (raises `rules.ImportRefused`). The plan has `ready`, `table`, `recognition`, `mapping`,
  `rows` (each with `number`, `outcome`, `parsed`), `counts`, `errors`, `warnings`,
  `problem_rows` and `missing_labels`.
- `store(batch, plan, *, actor)`: write what the plan says, inside the import's transaction (the
  pipeline has locked the batch, checked it was not imported, and marks it imported with the
  plan's counts and one audit event). Returns the kind's result; `result(plan=)` makes one for a
  dry run. Both have `plan`, `batch` and `summary()` (what `--json` prints).
- `stream(batch, *, actor)` (optional): a store that takes the rows while the plan is made
  (`plan(..., sink=)` calls it with each batch of decided rows, then releases them) and whose
  `finish(plan)` gives the result: the import then holds a batch of rows at a time, not the
  whole file (the lists, `actions/lists.ListStore`; the register, `clients.actions.RegisterStore`).
  Without it, `store` gets the whole plan.
- `after_commit(result, *, actor)`: what follows once the import is committed (the lists queue
  matching, the LAC agenda and the volgende stap).
- `confirm_options(plan, data) -> Form | None`: what the kind asks with the confirm button (a
  LAC list whose households are already on another session: move, keep both or skip them); the
  form renders itself, its cleaned data are kept as `ImportBatch.options`.
- `template`: a template with the partials the shared pages include: `summary` (the preview's
  "what will happen"), `rows` (a table of `rows`, each made by `row_view(row, can_see_insz)`),
  `confirm_note` and `confirm` (above and on the confirm button), `counts` (an import's page),
  `cells` (the six count cells of the history) and `short` (the home panel).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PARTS = ("summary", "rows", "confirm_note", "confirm", "counts", "cells", "short")


@dataclass
class Options:
    """What the user said about a file besides its content."""

    kind: str
    company: Any = None  # organisation.Company, for the kinds that come from a company
    session_date: datetime.date | None = None
    overrides: dict[str, str] | None = None  # {header: field} chosen for this file only


def _all_rows(plan) -> list:
    return list(plan.rows)


@dataclass(frozen=True)
class ImportKind:
    code: str
    label: str | Promise
    spec: Any = None  # bereik.lib.columns.ImportSpec; None: not a table (a court document)
    plan: Callable | None = None  # None: not uploaded through the pipeline (own form)
    store: Callable | None = None
    stream: Callable | None = None  # (batch, *, actor) -> a sink for `plan(..., sink=)`
    result: Callable | None = None
    needs_company: bool = False
    asks_session_date: bool = False
    check: Callable[[Options], None] | None = None  # refuse options before reading the file
    after_commit: Callable | None = None
    confirm_options: Callable | None = None  # (plan, data) -> forms.Form | None
    template: str = "intake/kinds/lists.html"
    row_view: Callable[[Any, bool], dict] | None = None
    listed_rows: Callable[[Any], list] = _all_rows  # the preview's "all rows" table
    listed_rows_title: str | Promise = _("Alle rijen en wat ermee gebeurt")
    success_message: Callable[[Any], str] | None = None
    notes: Callable[[Any], list[str]] | None = None  # shown after the success message
    success_url: Callable[[Any], str] | None = None  # default: the import's page
    upload_title: str | Promise = _("Lijst opladen")
    upload_intro: str | Promise = ""
    number_label: str | Promise = _("Klantnummer")
    unrecognised_note: str | Promise = _("niet herkend: alleen bewaard in de oorspronkelijke rij")
    order: int = 100

    @property
    def uploadable(self) -> bool:
        return self.plan is not None and self.store is not None

    @property
    def parts(self) -> dict[str, str]:
        """The template names of this kind's partials, for `{% include %}`."""
        return {name: f"{self.template}#{name}" for name in PARTS}


_KINDS: dict[str, ImportKind] = {}


def register(kind: ImportKind) -> ImportKind:
    """Add a kind (registering the same code again replaces it)."""
    _KINDS[kind.code] = kind
    return kind


def find(code: str) -> ImportKind | None:
    return _KINDS.get(code)


def find_or_default(code: str) -> ImportKind:
    """The registered kind, or for a code no app registers (any more) a bare kind shown like a
    list, so that its old imports still show."""
    return _KINDS.get(code) or ImportKind(code=code, label=code)


def get(code: str) -> ImportKind:
    """The kind with this code; KeyError when no app registered it."""
    return _KINDS[code]


def all_kinds() -> list[ImportKind]:
    return sorted(_KINDS.values(), key=lambda kind: (kind.order, kind.code))


def uploadable() -> list[ImportKind]:
    return [kind for kind in all_kinds() if kind.uploadable]


def choices() -> list[tuple[str, str]]:
    """Every registered kind, for the `kind` fields of the import models and the filters."""
    return [(kind.code, kind.label) for kind in all_kinds()]


def upload_choices() -> list[tuple[str, str]]:
    return [(kind.code, kind.label) for kind in uploadable()]
