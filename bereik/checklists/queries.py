"""Reads of the guiding questions, for this app's pages and for others (the ervaringsdeskundige's
pages): a fixed number of queries each."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from bereik.checklists import rules
from bereik.checklists.models import Answer, FilledChecklist


def filled_for(dossier) -> QuerySet:
    """The checklists gone through on the dossier, newest first, with their counts."""
    return (
        FilledChecklist.objects.filter(dossier=dossier)
        .select_related("filled_by")
        .annotate(
            suggestion_count=Count("answers", filter=~Q(answers__suggestion="")),
            referred_count=Count("answers", filter=Q(answers__referred_at__isnull=False)),
        )
        .order_by("-filled_at", "-id")
    )


def filled_checklist(pk) -> FilledChecklist:
    """One filled checklist with its answers (404 when it does not exist; ask the access policy
    about its dossier before showing it)."""
    answers = Answer.objects.select_related("team", "organisation", "referred_by").order_by(
        "order", "id"
    )
    return get_object_or_404(
        FilledChecklist.objects.select_related("filled_by").prefetch_related(
            Prefetch("answers", queryset=answers)
        ),
        pk=pk,
    )


@dataclass(frozen=True)
class SuggestionRow:
    answer: Answer
    # Why one step is not offered to this user (their own team), or "".
    blocker: str
    # A warm handover asks for a contact person, if known.
    asks_contact: bool


def suggestion_rows(filled: FilledChecklist, user) -> list[SuggestionRow]:
    return [
        SuggestionRow(
            answer,
            rules.refer_blocker(answer, user) if answer.referable else "",
            answer.referable and answer.organisation_id is not None,
        )
        for answer in filled.suggestions
    ]
