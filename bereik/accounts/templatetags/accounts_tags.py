from django import forms, template

from bereik.accounts import notifications

register = template.Library()


@register.simple_tag
def unread_notification_count(user) -> int:
    """The bell's number, on every page: one or two COUNTs (`notifications.unread_count`)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return notifications.unread_count(user)


@register.filter
def is_choice_group(field) -> bool:
    """Radio buttons and checkbox lists: rendered as a fieldset with a legend."""
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
