"""Choices of people (users) read by their names alone.

A list of workers is on every dossier page (the task's, the contact attempt's and the visit's
"who", the assignment) and on every worklist (the filter, the bulk assignment). Django's
`ModelChoiceField` makes a user of every option, with every column; an organisation of 300
workers made a dossier page 17 ms slower that way. These read the id and the names only. The
field still checks a chosen value against its queryset and gives a user (`to_python`).
"""

from django import forms
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue

from bereik.accounts.models import User

NAME_FIELDS = ("pk", "first_name", "last_name", "username")


def person_choices(users: QuerySet) -> list[tuple[str, str]]:
    """(id as text, name) of each user of `users`, in its order: one query, no user made."""
    return [(str(pk), User.label(*names)) for pk, *names in users.values_list(*NAME_FIELDS)]


class _PersonIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, *names in self.queryset.values_list(*NAME_FIELDS):
            yield (ModelChoiceIteratorValue(pk, None), User.label(*names))


class PersonChoiceField(forms.ModelChoiceField):
    """A `ModelChoiceField` of users whose options are read as ids and names (see above)."""

    iterator = _PersonIterator
