"""Decisions of the guiding questions that need no write."""

from django.utils.translation import gettext as _

from bereik.checklists.models import Answer, Question, Target


def suggests(question: Question, reply: str) -> bool:
    """Does this reply to the question suggest its referral?"""
    return bool(reply) and reply == question.suggest_on


def refer_blocker(answer: Answer, user) -> str:
    """Why one step cannot turn this suggestion into a referral for `user`, or "" when it can.
    Advice and suggestions already acted on are not referable at all (`Answer.referable`)."""
    if answer.target == Target.TEAM and answer.team_id in user.team_ids:
        return _("Dit is je eigen team: neem het zelf op.")
    return ""


def referral_reason(answer: Answer) -> str:
    """What the referral says about where it came from (the receiving service reads it)."""
    return _(
        "%(suggestion)s. Voorgesteld door de richtvragen %(checklist)s: '%(question)s' – %(reply)s."
    ) % {
        "suggestion": answer.suggestion.rstrip("."),
        "checklist": answer.filled.checklist_name,
        "question": answer.question_text,
        "reply": answer.get_reply_display().lower(),
    }


def default_contact_person(organisation) -> str:
    """A warm handover names a contact person; one step without a name names the service's
    reception, which the worker can correct when confirming the handover."""
    return _("onthaal van %(organisation)s") % {"organisation": organisation}
