"""Recognising the columns of a list and parsing its rows into fields.

An import kind describes its fields once, in an `ImportSpec`::

    SPEC = ImportSpec("lac-water", _("LAC-oproeping water"), (
        FieldSpec("customer_number", _("Klantnummer"), ("klantnummer", "klant nr"),
                  required=True, parser=values.parse_identifier),
        FieldSpec("full_name", _("Naam (volledig)"), ("naam",), parser=values.parse_full_name,
                  provides=("last_name", "first_name")),
        FieldSpec("last_name", _("Naam"), ("familienaam",), required=True),
        ...
    ))

Then::

    table = tabular.read_table(content, filename=name, header_score=SPEC.header_score)
    recognition = recognise(table.headers, SPEC, profile=saved, overrides=from_user)
    if recognition.missing:            # required fields not found: ask the user, don't guess
        ...
    rows = parse_rows(table, SPEC, recognition)   # [ParsedRow(number, values, raw, errors, ...)]

Columns are recognised only by exact known names (compared without case, accents, spaces and
punctuation), by a saved profile, or by what the user maps; never by a guess. A composite field
(a full name, an address in one column) `provides` the fields its parser fills; a required field
is covered by its own column or by a composite one. Values from a field's own column win over
values a composite column provides.

Profiles and overrides are dicts {header text: field name}; field name "" means "ignore this
column". They are keyed by header text, so a company may reorder its columns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext as _

from bereik.lib import tabular, values

IGNORE = ""


@dataclass(frozen=True)
class FieldSpec:
    name: str  # code name: used in profiles, in `--map "Header=name"` and in the parsed values
    label: str  # Dutch, for the user
    aliases: tuple[str, ...] = ()  # known column names; case, accents and punctuation don't matter
    required: bool = False
    parser: Callable = values.parse_text
    provides: tuple[str, ...] = ()  # for a composite field: the fields its parser's dict fills
    # Builds the parser from all values of the column (e.g. X-marked flag columns).
    column_parser: Callable[[list], Callable] | None = None
    help_text: str = ""


@dataclass(frozen=True)
class ImportSpec:
    kind: str
    label: str
    fields: tuple[FieldSpec, ...]
    # (field, "with" | "without", other field, replacement): a column recognised by its name as
    # `field` becomes `replacement` when `other` is (or is not) mapped too. E.g. a "Naam" column
    # next to a "Voornaam" column holds the last name only, not the full name.
    context_rules: tuple[tuple[str, str, str, str], ...] = ()

    def field(self, name: str) -> FieldSpec | None:
        return self._by_name.get(name)

    @cached_property
    def _by_name(self) -> dict[str, FieldSpec]:
        return {spec.name: spec for spec in self.fields}

    @cached_property
    def alias_index(self) -> dict[str, str]:
        """header_key(alias) -> field name. The field's own name and label count as aliases."""
        index = {}
        for spec in self.fields:
            for alias in (*spec.aliases, spec.name, str(spec.label)):
                index.setdefault(tabular.header_key(alias), spec.name)
        return index

    def header_score(self, cells: list) -> int:
        """How many cells are known column names: `tabular.read_table` takes the best row as
        the header."""
        index = self.alias_index
        return sum(
            1 for cell in cells if isinstance(cell, str) and tabular.header_key(cell) in index
        )

    @property
    def required_fields(self) -> list[FieldSpec]:
        return [spec for spec in self.fields if spec.required]


@dataclass
class Recognition:
    """How the columns of a file map to fields."""

    headers: list[str]
    mapping: dict[int, str]  # column index -> field name
    source: dict[int, str]  # column index -> "opgegeven", "profiel" or "herkend"
    unrecognised: list[int]  # column indexes kept only in the raw row
    ignored: list[int]  # column indexes the user or the profile said to ignore
    missing: list[FieldSpec]  # required fields no column covers

    @property
    def ok(self) -> bool:
        return not self.missing

    @property
    def unrecognised_headers(self) -> list[str]:
        return [self.headers[index] for index in self.unrecognised]

    def field_of(self, header: str) -> str:
        for index, name in self.mapping.items():
            if self.headers[index] == header:
                return name
        return IGNORE

    def as_profile(self) -> dict[str, str]:
        """{header: field} for every column, ignored ones as "": what a profile stores."""
        profile = dict.fromkeys(self.headers, IGNORE)
        for index, name in self.mapping.items():
            profile[self.headers[index]] = name
        return profile


def recognise(
    headers: list[str],
    spec: ImportSpec,
    *,
    profile: dict[str, str] | None = None,
    overrides: dict[str, str] | None = None,
) -> Recognition:
    """Map columns to fields: the user's `overrides` first, then the saved `profile`, then the
    known names. A field gets at most one column (the first one); unknown names in a profile are
    ignored (a field may have been renamed since); see `check_overrides` for user input."""
    keys = [tabular.header_key(header) for header in headers]
    mapping: dict[int, str] = {}
    source: dict[int, str] = {}
    ignored: list[int] = []
    taken: set[str] = set()

    def apply(choices: dict[str, str] | None, label: str) -> None:
        if not choices:
            return
        wanted = {tabular.header_key(header): name for header, name in choices.items()}
        for index, key in enumerate(keys):
            if index in mapping or index in ignored or key not in wanted:
                continue
            name = wanted[key]
            if name == IGNORE:
                ignored.append(index)
            elif spec.field(name) is not None and name not in taken:
                mapping[index], source[index] = name, label
                taken.add(name)

    apply(overrides, "opgegeven")
    apply(profile, "profiel")
    for index, key in enumerate(keys):
        name = spec.alias_index.get(key)
        if index in mapping or index in ignored or name is None or name in taken:
            continue
        mapping[index], source[index] = name, "herkend"
        taken.add(name)
    _apply_context_rules(spec, mapping, source)

    unrecognised = [index for index in range(len(headers)) if index not in mapping]
    unrecognised = [index for index in unrecognised if index not in ignored]
    return Recognition(
        headers=list(headers),
        mapping=dict(sorted(mapping.items())),
        source=source,
        unrecognised=unrecognised,
        ignored=sorted(ignored),
        missing=missing_fields(spec, set(mapping.values())),
    )


def _apply_context_rules(spec: ImportSpec, mapping: dict, source: dict) -> None:
    for name, condition, other, replacement in spec.context_rules:
        if (other in mapping.values()) != (condition == "with"):
            continue
        if replacement in mapping.values() or spec.field(replacement) is None:
            continue
        for index, mapped in mapping.items():
            if mapped == name and source[index] == "herkend":
                mapping[index] = replacement
                break


def missing_fields(spec: ImportSpec, mapped: set[str]) -> list[FieldSpec]:
    covered = set(mapped)
    for name in mapped:
        covered.update(spec.field(name).provides)
    return [field_spec for field_spec in spec.required_fields if field_spec.name not in covered]


def check_overrides(headers: list[str], spec: ImportSpec, overrides: dict[str, str]) -> list[str]:
    """Dutch messages for overrides that name a column not in the file or an unknown field."""
    problems = []
    keys = {tabular.header_key(header) for header in headers}
    for header, name in overrides.items():
        if tabular.header_key(header) not in keys:
            problems.append(
                _("Kolom '%(header)s' staat niet in het bestand (wel: %(headers)s).")
                % {"header": header, "headers": ", ".join(headers)}
            )
        if name != IGNORE and spec.field(name) is None:
            problems.append(
                _("Onbekend veld '%(name)s' voor '%(header)s'. Mogelijk: %(names)s.")
                % {
                    "name": name,
                    "header": header,
                    "names": ", ".join(field_spec.name for field_spec in spec.fields),
                }
            )
    return problems


@dataclass(slots=True)
class Problem:
    row: int
    field: str
    label: str
    column: str
    message: str

    def as_dict(self) -> dict:
        return {
            "row": self.row,
            "field": self.field,
            "label": str(self.label),
            "column": self.column,
            "message": self.message,
        }


@dataclass(slots=True)
class ParsedRow:
    number: int
    values: dict
    cells: list  # the row as read, in the order of `headers` (shared with the table's row)
    headers: list[str]
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def raw(self) -> dict:
        """The row as original header -> value, JSON-safe (made when asked: a 100,000-row list
        keeps its cells once, not a second time as dicts)."""
        return {
            header: tabular.json_safe(value)
            for header, value in zip(self.headers, self.cells, strict=False)
            if not tabular.is_blank(value)
        }

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_rows(table: tabular.Table, spec: ImportSpec, recognition: Recognition) -> list[ParsedRow]:
    """Parse every row with the fields' parsers (`row_parser`)."""
    parse = row_parser(table, spec, recognition)
    return [parse(row) for row in table.rows]


def row_parser(table: tabular.Table, spec: ImportSpec, recognition: Recognition):
    """A function that parses one row of `table` with the fields' parsers, so that a long list
    can be parsed a batch of rows at a time (a column parser has seen the whole column first).

    An empty or unreadable required field (or a field that fills one) is an error: the row can't
    be used. An unreadable optional value is a warning and stays empty, so one bad amount never
    costs a household its row; the raw row keeps what the file said. A parser's own warnings
    (values.ValueProblem with warning=True) use its fallback value."""
    columns = []
    for index, name in recognition.mapping.items():
        field_spec = spec.field(name)
        parser = field_spec.parser
        if field_spec.column_parser is not None:
            parser = field_spec.column_parser(table.column(index))
        columns.append((index, field_spec, parser, table.headers[index]))

    # Fields whose problem makes the row unusable: the required ones and those that fill them.
    required_specs = spec.required_fields
    required = {field_spec.name for field_spec in required_specs}
    essential = required | {
        field_spec.name for field_spec in spec.fields if set(field_spec.provides) & required
    }
    headers = table.headers

    # What the loop below needs of each column, unpacked once (it runs for every cell).
    steps = [
        (index, parser, field_spec.name, field_spec.provides, field_spec, header)
        for index, field_spec, parser, header in columns
    ]
    required_names = [(field_spec.name, field_spec) for field_spec in required_specs]

    def parse(row: tabular.Row) -> ParsedRow:
        cells = row.values
        direct: dict = {}
        provided: dict = {}
        failed: set[str] = set()
        result = ParsedRow(number=row.number, values={}, cells=cells, headers=headers)
        for index, parser, name, provides, field_spec, header in steps:
            try:
                value = parser(cells[index])
            except values.ValueProblem as problem:
                item = Problem(row.number, name, field_spec.label, header, problem.message)
                if problem.warning:
                    result.warnings.append(item)
                    value = problem.fallback
                elif name not in essential:
                    # An unreadable optional value must not cost the whole row: it stays empty,
                    # the raw row keeps what the file said.
                    item.message = _("%(problem)s Het veld blijft leeg.") % {
                        "problem": problem.message
                    }
                    result.warnings.append(item)
                    continue
                else:
                    result.errors.append(item)
                    failed.update((name, *provides))
                    continue
            if provides:
                for part_name, part in (value or {}).items():
                    if part is not None and part != "":
                        provided.setdefault(part_name, part)
            elif value is not None and value != "":
                # An empty direct value leaves what another field provided.
                direct[name] = value
        result.values = {**provided, **direct} if provided else direct
        for name, field_spec in required_names:
            if name not in failed:
                value = result.values.get(name)
                if value is None or value == "":
                    result.errors.append(
                        Problem(
                            row.number,
                            name,
                            field_spec.label,
                            _column_for(field_spec, columns),
                            _("%(field)s is leeg; dit veld is verplicht.")
                            % {"field": field_spec.label},
                        )
                    )
        return result

    return parse


def _column_for(field_spec: FieldSpec, columns) -> str:
    for _index, spec, _parser, header in columns:
        if spec.name == field_spec.name or field_spec.name in spec.provides:
            return header
    return ""
