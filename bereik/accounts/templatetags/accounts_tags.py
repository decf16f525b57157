from django import forms, template

from bereik.accounts.models import Notification

register = template.Library()


@register.simple_tag
def unread_notification_count(user) -> int:
    """The navbar badge: one indexed COUNT per page."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at=None).count()


@register.filter
def is_choice_group(field) -> bool:
    """Radio buttons and checkbox lists: rendered as a fieldset with a legend."""
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
