"""`{% confirm_cards dossiers %}`: the households of a page of the confirmation queue (its
`page.object_list`), drawn in Python (`bereik/triage/confirm_cards.py`)."""

from django import template

from bereik.triage.confirm_cards import cards

register = template.Library()


@register.simple_tag(takes_context=True)
def confirm_cards(context, dossiers):
    return cards(
        dossiers,
        can_see_insz=bool(context.get("can_see_insz")),
        csrf_token=context.get("csrf_token"),
        back=context["request"].get_full_path(),
    )
