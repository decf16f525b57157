"""`{% confirm_card dossier %}`: a household of the confirmation queue, drawn in Python
(`bereik/triage/confirm_cards.py`)."""

from django import template

from bereik.triage.confirm_cards import card

register = template.Library()


@register.simple_tag(takes_context=True)
def confirm_card(context, dossier):
    return card(
        dossier,
        can_see_insz=bool(context.get("can_see_insz")),
        csrf_token=context.get("csrf_token"),
        back=context["request"].get_full_path(),
    )
