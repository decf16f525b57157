"""The LAC agenda's rows, drawn in Python (`bereik/lac/agenda_rows.py`):
`{% lac_agenda_rows rows can_plan full_view %}` (every row of a session's agenda),
`{% lac_prep_cells row %}`,
`{% lac_attention prep %}`."""

from django import template

from bereik.lac import agenda_rows

register = template.Library()


@register.simple_tag
def lac_agenda_rows(rows, can_plan, full_view):
    return agenda_rows.agenda_rows(rows, can_plan=bool(can_plan), full_view=bool(full_view))


@register.simple_tag
def lac_prep_cells(row):
    return agenda_rows.prep_cells(row["item"], row["prep"])


@register.simple_tag
def lac_attention(prep):
    return agenda_rows.attention(prep)
