"""Eddy opens nothing else: every URL of the app with the ids of other households answers 404,
and the dossier's own pages stay closed to him, also for the households he follows."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from bereik.checklists.actions import checklist_fill
from bereik.checklists.models import Checklist, Reply
from bereik.dossiers.tests.factories import DossierFactory
from bereik.experts import actions
from bereik.experts.urls import urlpatterns
from bereik.lac.tests.factories import AgendaItemFactory


@pytest.fixture
def others(mw, ervaringsdeskundige, other_expert, accepted):
    """Objects of other households: another expert's accepted household, a proposal to eddy he
    has not answered, one he declined, one that was ended, a LAC companion of another expert."""

    def propose(expert):
        return actions.proposal_create(
            DossierFactory(assigned_to=mw), expert=expert, help_asked="x", note="y", actor=mw
        )

    of_other = actions.proposal_accept(propose(other_expert), actor=other_expert)
    waiting = propose(ervaringsdeskundige)
    declined = actions.proposal_decline(propose(ervaringsdeskundige), actor=ervaringsdeskundige)
    ended = actions.proposal_accept(propose(ervaringsdeskundige), actor=ervaringsdeskundige)
    actions.proposal_end(ended, reason="klaar", actor=mw)
    item = AgendaItemFactory(dossier=of_other.dossier)
    companion = actions.lac_companion_set(item, expert=other_expert, actor=mw)
    water = Checklist.objects.get(name="Water")
    filled = checklist_fill(
        of_other.dossier,
        water,
        {water.questions.get(text__startswith="Is de waterfactuur"): Reply.YES},
        actor=other_expert,
    )
    return {
        "filled": filled,
        "accepted_elsewhere": of_other,
        "waiting": waiting,
        "declined": declined,
        "ended": ended,
        "companion": companion,
    }


def _ids(name, others, accepted):
    """The ids to try for each URL of the app."""
    proposals = [p.pk for key, p in others.items() if key not in ("companion", "filled")]
    dossiers = [p.dossier_id for key, p in others.items() if key not in ("companion", "filled")]
    return {
        # The expert's own pages: any proposal that is not his accepted one.
        "proposal": [others["accepted_elsewhere"].pk, others["declined"].pk, others["ended"].pk,
                     accepted.pk],
        "household": proposals,
        "contact": proposals,
        "stop": proposals,
        "checklist_choose": proposals,
        # Another expert's list, and its answer (the fill page, with two ids: test_checklists).
        "checklist_filled": [others["filled"].pk],
        "checklist_refer": [others["filled"].answers.get().pk],
        # The dossier's side: closed to him, also for the household he follows.
        "propose": [*dossiers, accepted.dossier_id],
        "lac_companion": [*dossiers, accepted.dossier_id],
        "contact_person": [*dossiers, accepted.dossier_id],
        "end": [*proposals, accepted.pk],
        "lac_companion_remove": [others["companion"].pk],
    }[name]  # fmt: skip


@pytest.mark.parametrize("method", ["get", "post"])
def test_every_url_of_the_app_with_other_ids_answers_404(
    method, others, accepted, ervaringsdeskundige, login
):
    client = login(ervaringsdeskundige)
    tried = set()
    for pattern in urlpatterns:
        if "<int:pk>" not in str(pattern.pattern) or str(pattern.pattern).count("<int:") > 1:
            continue
        for pk in _ids(pattern.name, others, accepted):
            url = reverse(f"experts:{pattern.name}", args=[pk])
            response = getattr(client, method)(url, {"answer": "accept", "reason": "x"})
            assert response.status_code in (404, 405), (url, response.status_code)
            assert response.status_code == 404 or method == "get", url
        tried.add(pattern.name)
    assert tried == {
        p.name
        for p in urlpatterns
        if "<int:pk>" in str(p.pattern) and str(p.pattern).count("<int:") == 1
    }
    others["waiting"].refresh_from_db()
    assert others["waiting"].status == "voorgesteld"


def _dossier_urls(resolver=None, prefix=""):
    """Every URL of the project that takes one `pk` (the dossier's pages among them), outside
    the expert's own pages."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "experts":
                continue
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _dossier_urls(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            converters = entry.pattern.converters
            if list(converters) == ["pk"] and type(converters["pk"]).__name__ == "IntConverter":
                yield f"{prefix}{entry.name}"


def test_the_dossiers_own_pages_stay_closed_for_the_household_he_follows(
    accepted, ervaringsdeskundige, login
):
    client = login(ervaringsdeskundige)
    pk = accepted.dossier_id
    names = list(_dossier_urls())
    assert "dossiers:detail" in names and "followup:timeline" in names
    opened = []
    for name in names:
        response = client.get(reverse(name, args=[pk]))
        if response.status_code == 200:
            opened.append(name)
    assert opened == []
    assert accepted.dossier.last_name not in client.get(reverse("dossiers:list")).content.decode()
