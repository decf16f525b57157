"""What the outreach actions share."""

from django.utils.translation import gettext as _

from bereik.outreach.models import ContactAttempt


def user_or_none(actor):
    """The actor as a user to store (created_by, sent_by, ...); None for a system actor."""
    return actor if getattr(actor, "is_authenticated", False) else None


def attempt_summary(attempt: ContactAttempt) -> str:
    return _("%(kind)s op %(date)s (%(part)s): %(result)s") % {
        "kind": attempt.get_kind_display(),
        "date": attempt.date.strftime("%d/%m/%Y"),
        "part": attempt.get_part_of_day_display(),
        "result": attempt.result_label,
    }
