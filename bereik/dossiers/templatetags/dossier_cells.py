"""The deadline and the attention badge of a dossier, drawn by `bereik.dossiers.cells` (the one
definition the worklists use too)."""

from django import template

from bereik.dossiers import cells

register = template.Library()


@register.filter
def deadline_cell(dossier):
    return cells.deadline(dossier)


@register.filter
def attention_cell(dossier):
    return cells.attention(dossier)
