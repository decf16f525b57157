from bereik.checklists.models import Checklist, Question


def starting_list(name: str) -> Checklist:
    """One of the starting lists the data migration loads (Water, Energie, Woningkwaliteit,
    Geld)."""
    return Checklist.objects.get(name=name)


def question(checklist: Checklist, start: str) -> Question:
    return checklist.questions.get(text__startswith=start)
