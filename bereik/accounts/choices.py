"""Choices of people (users) read by their names alone.

A list of workers is on every dossier page (the task's, the contact attempt's and the visit's
"who", the assignment) and on every worklist (the filter, the bulk assignment). Django's
`ModelChoiceField` makes a user of every option, with every column; an organisation of 300
workers made a dossier page 17 ms slower that way. These read the id and the names only. The
field still checks a chosen value against its queryset and gives a user (`to_python`).

The lists of the people holding some roles (`people_with`, `PersonChoiceField.holding`) are
kept a minute per process (`bereik.lib.lookups`): the same few lists are on every such page.
"""

from django import forms
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue

from bereik.accounts import roles
from bereik.accounts.models import Role, User
from bereik.lib import lookups
from bereik.lib.forms import Select

NAME_FIELDS = ("pk", "first_name", "last_name", "username")


def people_with(*codes: str) -> list[tuple[int, str]]:
    """(id, name) of the active users holding one of the roles `codes`, by name: one query,
    then kept a minute (or until a user or a role changes in this process)."""
    return lookups.cached(
        "people:" + ",".join(sorted(codes)),
        lambda: [
            (pk, User.label(*names))
            for pk, *names in roles.users_with(*codes).values_list(*NAME_FIELDS)
        ],
        models=(User, Role),
    )


class _PersonIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.role_codes:
            people = people_with(*self.field.role_codes)
        else:
            people = (
                (pk, User.label(*names)) for pk, *names in self.queryset.values_list(*NAME_FIELDS)
            )
        for pk, name in people:
            yield (ModelChoiceIteratorValue(pk, None), name)


class PersonChoiceField(forms.ModelChoiceField):
    """A `ModelChoiceField` of users whose options are read as ids and names (see above)."""

    iterator = _PersonIterator
    widget = Select  # drawn from its choices (`lib.forms.Select`)
    role_codes: tuple[str, ...] = ()

    def holding(self, *codes: str) -> None:
        """The active users holding one of the roles `codes`: the options shown from
        `people_with`, a chosen one checked against the database (`roles.users_with`)."""
        self.queryset = _holding(codes)  # the field takes a copy of it (`.all()`)
        self.role_codes = codes


# The queries of `holding`, made once per process for each tuple of roles and never run
# themselves (a field copies one): making one cost 0.3 ms, and a dossier's page draws a few
# such fields.
_queries: dict[tuple[str, ...], QuerySet] = {}


def _holding(codes: tuple[str, ...]) -> QuerySet:
    query = _queries.get(codes)
    if query is None:
        query = _queries[codes] = roles.users_with(*codes)
    return query
