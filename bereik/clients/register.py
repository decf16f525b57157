"""Reading the OCMW's register export and planning its import. No writes here: the import's
store (`actions.RegisterStore`) is handed each batch of decided rows through the plan's `sink`.

The export is read with the intake's rules (bereik.lib.tabular: encoding, separator, title rows,
size and zip checks; bereik.lib.columns: columns recognised by known names, a saved profile or
the user's mapping, never guessed; bereik.lib.values: dates, flags, INSZ). The household columns
(name, address, INSZ, birth date, phone) are the intake's own field specs.

`make_plan()` decides per row, against the database, BATCH_ROWS rows at a time with a constant
number of queries per batch:

- an error (client number missing or too long, a value unreadable, the number twice in the
  file): not imported, listed with row, field and problem;
- new: a client number not in the register yet (or a client made in Bereik with the same valid
  INSZ, which then takes the register's number);
- updated: fields differ from what is stored; a change in guidance goes into the history;
- unchanged.

Social worker names are linked to users by full name ("First Last" or "Last First", case and
accents ignored); names that match no user are listed, and kept on the client as text.
Clients that an earlier export listed but this one does not are flagged, never deleted.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from types import MappingProxyType

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bereik.accounts.models import User
from bereik.clients.models import Client
from bereik.intake import batches, importing
from bereik.intake import specs as intake_specs
from bereik.intake.models import ColumnProfile, ImportRow
from bereik.lib import columns, matching, tabular, values
from bereik.lib.columns import FieldSpec, ImportSpec, ParsedRow, Recognition

# The register export's kind of import (ImportBatch.kind, ColumnProfile.kind); registered with
# the intake's pipeline by `import_kind.py`.
KIND = "register"
_CHUNK = 500
NUMBER_LENGTH = Client._meta.get_field("client_number").max_length

_GUIDANCE_WORDS = {
    Client.Guidance.ACTIVE: {"actief", "lopend", "lopende", "in begeleiding", "ja", "open"},
    Client.Guidance.CLOSED: {"afgesloten", "beeindigd", "gestopt", "stopgezet", "gesloten", "nee"},
    Client.Guidance.NONE: {"geen", "nooit", "nooit begeleid", "geen begeleiding"},
}


def parse_guidance(value) -> str:
    """ "Actief", "Afgesloten", "Geen" (and a few synonyms) -> a Client.GUIDANCE_* code."""
    text = values.parse_text(value)
    if not text:
        return ""
    key = matching.fold(text)
    for code, words in _GUIDANCE_WORDS.items():
        if key in words:
            return code
    raise values.ValueProblem(
        _("Onbekende begeleiding '%(value)s' (verwacht: Actief, Afgesloten of Geen).")
        % {"value": text}
    )


CLIENT_NUMBER = FieldSpec(
    "client_number",
    gettext_lazy("Cliëntnummer"),
    (
        "clientnummer", "client nr", "clientnr", "nummer client", "client id", "clientcode",
        "dossiernummer ocmw", "ocmw nummer", "ocmw nr", "registratienummer", "cliëntnummer",
    ),
    required=True,
    parser=values.parse_identifier,
)  # fmt: skip
GUIDANCE = FieldSpec(
    "guidance_status",
    gettext_lazy("Begeleiding (actief / afgesloten)"),
    ("begeleiding", "status begeleiding", "begeleidingsstatus", "status", "actieve begeleiding"),
    parser=parse_guidance,
)
INTENSIVE = FieldSpec(
    "intensive_guidance",
    gettext_lazy("Intensieve begeleiding (ooit)"),
    (
        "intensieve begeleiding", "intensief", "intensief begeleid", "ooit intensief",
        "intensief traject",
    ),
    parser=values.parse_flag,
)  # fmt: skip
END_DATE = FieldSpec(
    "guidance_end_date",
    gettext_lazy("Einddatum begeleiding"),
    (
        "einddatum begeleiding", "einddatum", "einde begeleiding", "datum einde begeleiding",
        "afgesloten op", "datum afsluiting",
    ),
    parser=values.parse_date,
)  # fmt: skip
SOCIAL_WORKER = FieldSpec(
    "social_worker",
    gettext_lazy("Maatschappelijk werker"),
    (
        "maatschappelijk werker", "maatschappelijk assistent", "mw", "begeleider",
        "dossierbeheerder", "hulpverlener", "consulent",
    ),
)  # fmt: skip

SPEC = ImportSpec(
    KIND,
    gettext_lazy("Cliëntenregister"),
    (
        CLIENT_NUMBER,
        intake_specs.FULL_NAME,
        intake_specs.LAST_NAME,
        intake_specs.FIRST_NAME,
        intake_specs.INSZ,
        intake_specs.BIRTH_DATE,
        intake_specs.ADDRESS,
        intake_specs.STREET,
        intake_specs.HOUSE_NUMBER,
        intake_specs.BOX,
        intake_specs.POSTCODE,
        intake_specs.CITY,
        intake_specs.POSTCODE_CITY,
        intake_specs.PHONE,
        GUIDANCE,
        INTENSIVE,
        END_DATE,
        SOCIAL_WORKER,
    ),
    intake_specs.CONTEXT_RULES,
)

# Client fields a register row fills, and those that make up guidance.
ROW_FIELDS = (
    "last_name", "first_name", "insz", "birth_date", "street", "house_number", "box",
    "postcode", "city", "phone", "guidance_status", "intensive_guidance", "guidance_end_date",
    "social_worker_id", "social_worker_name",
)  # fmt: skip
GUIDANCE_FIELDS = (
    "guidance_status",
    "intensive_guidance",
    "guidance_end_date",
    "social_worker_id",
    "social_worker_name",
)

NEW = "nieuw"
UPDATED = "bijgewerkt"
UNCHANGED = "ongewijzigd"
ERROR = ImportRow.Outcome.ERROR
OUTCOMES = {
    NEW: gettext_lazy("nieuwe cliënt"),
    UPDATED: gettext_lazy("bijgewerkt"),
    UNCHANGED: gettext_lazy("ongewijzigd"),
    ERROR: gettext_lazy("fout, niet ingelezen"),
}


def worker_key(name: str) -> str:
    return " ".join(sorted(matching.fold(name).split()))


def users_by_name() -> dict[str, User]:
    """Active users by their full name, in any word order, without case or accents."""
    index: dict[str, User] = {}
    for user in User.objects.filter(is_active=True).order_by("pk"):
        full = f"{user.first_name} {user.last_name}".strip()
        if full:
            index.setdefault(worker_key(full), user)
    return index


@dataclass
class PlannedRow:
    parsed: ParsedRow
    outcome: str = ERROR
    fields: dict = field(default_factory=dict)  # Client field values from the row
    client: Client | None = None  # the existing client to update (an updated row's)
    changed: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def number(self) -> int:
        return self.parsed.number

    @property
    def client_number(self) -> str:
        return self.parsed.values.get("client_number", "")

    @property
    def name(self) -> str:
        v = self.parsed.values
        return f"{v.get('last_name', '')} {v.get('first_name', '')}".strip()

    @property
    def guidance_changed(self) -> bool:
        return self.outcome == NEW or bool(set(self.changed) & set(GUIDANCE_FIELDS))


@dataclass
class Plan:
    table: tabular.Table
    recognition: Recognition
    rows: list[PlannedRow] = field(default_factory=list)
    unmatched_workers: Counter = field(default_factory=Counter)
    missing_clients: int = 0  # register clients this export no longer lists
    missing_ids: list[int] = field(default_factory=list)  # their ids
    returning_clients: int = 0  # flagged as missing before, listed again now

    @property
    def ready(self) -> bool:
        return self.recognition.ok

    @property
    def spec(self) -> ImportSpec:
        return SPEC

    @property
    def mapping(self) -> dict[str, str]:
        return self.recognition.as_profile()

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def counts(self) -> dict:
        return {
            "rows": len(self.rows),
            "clients_created": self.count(NEW),
            "clients_updated": self.count(UPDATED),
            "clients_unchanged": self.count(UNCHANGED),
            "rows_with_errors": self.count(ERROR),
            "rows_with_warnings": sum(1 for row in self.rows if row.parsed.warnings),
            "guidance_changes": sum(1 for row in self.rows if row.guidance_changed),
            "clients_missing": self.missing_clients,
            "clients_returning": self.returning_clients,
            "unmatched_workers": sum(self.unmatched_workers.values()),
        }

    @property
    def errors(self):
        return [problem for row in self.rows for problem in row.parsed.errors]

    @property
    def warnings(self):
        return [problem for row in self.rows for problem in row.parsed.warnings]

    @property
    def problem_rows(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.parsed.errors or row.parsed.warnings]

    @property
    def missing_labels(self) -> list[str]:
        return [str(spec.label) for spec in self.recognition.missing]

    @property
    def unmatched_workers_sorted(self) -> list[tuple[str, int]]:
        return sorted(self.unmatched_workers.items())


def make_plan(content: bytes, *, filename: str, options, sink=None) -> Plan:
    """The register kind's `plan` (see bereik.intake.kinds): read with the intake's rules (refused
    with `ImportRefused` when it can't be read), recognise the columns (the user's mapping for
    this file in `options.overrides`, then the saved profile, then the known names) and decide
    every row.

    The rows are parsed and decided BATCH_ROWS at a time. With a `sink` (the import's store,
    `actions.RegisterStore`), each batch is handed to it as soon as it is decided, and then
    released: the plan keeps of a stored row only what the counts and the summary read (its
    outcome, what changed, its problems), so a long export is imported in bounded memory.
    Without (the preview, a dry run), every row is kept whole."""
    table = importing.read(content, filename=filename, spec=SPEC)
    overrides = options.overrides
    profile = ColumnProfile.mapping_for(None, KIND)
    recognition = columns.recognise(table.headers, SPEC, profile=profile, overrides=overrides)
    plan = Plan(table=table, recognition=recognition)
    if not plan.ready:
        return plan
    parse = columns.row_parser(table, SPEC, recognition)
    decide = _Decider(plan)
    batches.decide_in_batches(
        plan,
        table,
        lambda cells: decide([parse(row) for row in cells]),
        size=BATCH_ROWS,
        sink=sink,
        keep=lambda rows: [_released(row) for row in rows],
    )
    decide.finish()
    return plan


# Rows parsed, decided (and, when importing, stored) together: the lookups of a batch are a few
# queries, and a long export is never held whole once parsed.
BATCH_ROWS = 2000

_RELEASED = MappingProxyType({})


def _released(row: PlannedRow) -> PlannedRow:
    """A stored row as the plan keeps it: a row with problems keeps them (not its values), any
    other row becomes one shared row per outcome and change (all the counts read of it)."""
    parsed = row.parsed
    if parsed.errors or parsed.warnings:
        kept = ParsedRow(
            number=parsed.number,
            values=_RELEASED,
            cells=(),
            headers=[],
            errors=parsed.errors,
            warnings=parsed.warnings,
        )
        return PlannedRow(parsed=kept, outcome=row.outcome, changed=row.changed, note=row.note)
    return _stored_row(row.outcome, tuple(row.changed))


@functools.cache
def _stored_row(outcome: str, changed: tuple[str, ...]) -> PlannedRow:
    parsed = ParsedRow(number=0, values=_RELEASED, cells=(), headers=[], errors=(), warnings=())
    return PlannedRow(parsed=parsed, outcome=outcome, fields=_RELEASED, changed=list(changed))


def _row_fields(parsed: ParsedRow, workers: dict[str, User], plan: Plan) -> dict:
    v = parsed.values
    worker_name = (v.get("social_worker") or "").strip()
    worker = workers.get(worker_key(worker_name)) if worker_name else None
    if worker_name and worker is None:
        plan.unmatched_workers[worker_name] += 1
    status = v.get("guidance_status") or (
        Client.Guidance.CLOSED if v.get("guidance_end_date") else Client.Guidance.NONE
    )
    result = {
        "last_name": (v.get("last_name") or "")[:100],
        "first_name": (v.get("first_name") or "")[:100],
        "insz": v.get("insz") or "",
        "birth_date": v.get("birth_date"),
        "street": (v.get("street") or "")[:200],
        "house_number": (v.get("house_number") or "")[:20],
        "box": (v.get("box") or "")[:20],
        "postcode": (v.get("postcode") or "")[:10],
        "city": (v.get("city") or "")[:100],
        "phone": (v.get("phone") or "")[:40],
        "guidance_status": status,
        "intensive_guidance": bool(v.get("intensive_guidance")),
        "guidance_end_date": v.get("guidance_end_date"),
        "social_worker_id": worker.pk if worker else None,
        "social_worker_name": worker_name[:100],
    }
    if status == Client.Guidance.ACTIVE:
        result["guidance_end_date"] = None
    return result


# What a row is compared with: the client with the row's number, as stored (in the model's
# order of fields, which `Model.from_db` expects).
_COMPARED = tuple(
    column.attname
    for column in Client._meta.concrete_fields
    if column.attname
    in {"id", "client_number", "source", "missing_from_register_since", *ROW_FIELDS}
)


def _existing(numbers: list[str]) -> dict[str, dict]:
    """The stored values (`_COMPARED`) of the clients these numbers already have, a chunk of
    numbers a query. Values, not model instances: a weekly export lists every client again and
    most are unchanged."""
    found = {}
    for start in range(0, len(numbers), _CHUNK):
        chunk = numbers[start : start + _CHUNK]
        for stored in Client.objects.filter(client_number__in=chunk).values(*_COMPARED):
            found[stored["client_number"]] = stored
    return found


def _made_in_bereik_by_insz(inszs: list[str], *, taken: set[int]) -> dict[str, Client]:
    """The clients made in Bereik (by hand or from a dossier) that these new INSZs name, the
    oldest first, leaving out those a row already took: they get the register's number."""
    found = {}
    for start in range(0, len(inszs), _CHUNK):
        chunk = inszs[start : start + _CHUNK]
        made_here = (
            Client.objects.filter(insz__in=chunk)
            .exclude(source=Client.Source.REGISTER)
            .order_by("pk")
        )
        for client in made_here:
            if client.pk not in taken:
                found.setdefault(client.insz, client)
    return found


# An unreadable optional value is only a warning for the intake; here these decide the route,
# so a row whose guidance can't be read is not imported rather than imported as "never".
STRICT_FIELDS = ("guidance_status", "intensive_guidance", "guidance_end_date")


def _number_problem(parsed: ParsedRow, message: str) -> None:
    parsed.errors.append(
        columns.Problem(parsed.number, "client_number", str(CLIENT_NUMBER.label), "", message)
    )


class _Decider:
    """Decides the rows of an export a batch at a time, remembering across batches the numbers
    seen (a number twice in the file is an error on its later row), the clients the rows took
    (by their number, or adopted by INSZ) and the INSZs that adopted one: however the batches
    fall, and whether or not the earlier ones are stored yet (the preview stores nothing), a
    client is taken by one row and an INSZ adopts one client."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.workers = users_by_name()
        self.first_row: dict[str, int] = {}
        self.taken: set[int] = set()  # clients a row updates (by its number, or adopted)
        self.adopted_inszs: set[str] = set()
        # Asked once, before any batch is stored: a register imported into a table without
        # clients (the first and largest import) looks nothing up; without clients made in
        # Bereik (before dossiers are opened), no lookup by INSZ.
        self.look_up = Client.objects.exists()
        self.adopt = (
            self.look_up
            and Client.objects.exclude(source=Client.Source.REGISTER).exclude(insz="").exists()
        )

    def __call__(self, parsed_rows: list[ParsedRow]) -> list[PlannedRow]:
        first_row = self.first_row
        numbers = []
        for parsed in parsed_rows:
            strict = [p for p in parsed.warnings if p.field in STRICT_FIELDS]
            for problem in strict:
                parsed.warnings.remove(problem)
                problem.message = _(
                    "%(problem)s De begeleiding bepaalt de route: de rij wordt niet ingelezen."
                ) % {"problem": problem.message.removesuffix(_(" Het veld blijft leeg."))}
                parsed.errors.append(problem)
            number = parsed.values.get("client_number", "")
            if number and number in first_row:
                _number_problem(
                    parsed,
                    _("Cliëntnummer %(number)s staat al op rij %(row)s.")
                    % {"number": number, "row": first_row[number]},
                )
            elif len(number) > NUMBER_LENGTH:
                _number_problem(
                    parsed,
                    _(
                        "Cliëntnummer %(number)s is te lang: een cliëntnummer heeft hoogstens "
                        "%(length)s tekens."
                    )
                    % {"number": number, "length": NUMBER_LENGTH},
                )
                first_row[number] = parsed.number
            elif number:
                first_row[number] = parsed.number
                numbers.append(number)

        existing = _existing(sorted(numbers)) if self.look_up else {}
        self.taken.update(stored["id"] for stored in existing.values())
        adoptable = {}
        if self.adopt:
            new_inszs = {
                p.values["insz"]
                for p in parsed_rows
                if p.ok and p.values.get("insz") and p.values.get("client_number") not in existing
            } - self.adopted_inszs
            adoptable = _made_in_bereik_by_insz(sorted(new_inszs), taken=self.taken)

        plan, rows = self.plan, []
        for parsed in parsed_rows:
            row = PlannedRow(parsed=parsed)
            rows.append(row)
            if not parsed.ok:
                continue
            row.fields = _row_fields(parsed, self.workers, plan)
            stored, client = existing.get(row.client_number), None
            if stored is None and row.fields["insz"] in adoptable:
                client = adoptable.pop(row.fields["insz"])
                stored = {name: getattr(client, name) for name in _COMPARED}
                self.taken.add(client.pk)
                self.adopted_inszs.add(row.fields["insz"])
                row.note = _("Cliënt %(old)s (gemaakt in Bereik) krijgt het registernummer.") % {
                    "old": client.client_number
                }
                row.changed.append("client_number")
            if stored is None:
                row.outcome = NEW
                continue
            row.changed += [name for name, value in row.fields.items() if stored[name] != value]
            if stored["missing_from_register_since"] is not None:
                row.changed.append("missing_from_register_since")
                plan.returning_clients += 1
            if stored["source"] != Client.Source.REGISTER:
                row.changed.append("source")
            if not row.changed:
                row.outcome = UNCHANGED
                continue
            row.outcome = UPDATED
            # The client to update: made from the values read (only its compared fields).
            row.client = client or Client.from_db(
                Client.objects.db, _COMPARED, tuple(stored[name] for name in _COMPARED)
            )
        return rows

    def finish(self) -> None:
        """The register's clients this export no longer lists. Numbers in the file (also on rows
        with errors) count as listed: never flag them missing."""
        listed = self.first_row
        self.plan.missing_ids = [
            pk
            for pk, number in Client.objects.filter(
                source=Client.Source.REGISTER, missing_from_register_since__isnull=True
            ).values_list("pk", "client_number")
            if number not in listed
        ]
        self.plan.missing_clients = len(self.plan.missing_ids)
