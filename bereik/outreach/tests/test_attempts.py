import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bereik.audit.models import AuditEvent
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.followup import actions as followup_actions
from bereik.outreach import actions
from bereik.outreach.models import ContactAttempt, PlannedVisit

D = datetime.date


def record(dossier, actor, **fields):
    values = {
        "kind": ContactAttempt.Kind.UNANNOUNCED_VISIT,
        "date": D(2026, 11, 27),
        "part_of_day": "voormiddag",
        "result": ContactAttempt.Result.NOT_HOME,
        "performed_by": actor,
    }
    values.update(fields)
    return actions.attempt_record(dossier, actor=actor, **values)


def test_the_first_attempt_puts_the_dossier_in_progress(
    frozen_today, route_c_dossier, preventiewerker
):
    record(route_c_dossier, preventiewerker)
    route_c_dossier.refresh_from_db()
    assert route_c_dossier.status == Dossier.Status.IN_PROGRESS
    assert route_c_dossier.reached_on is None
    assert route_c_dossier.next_step.startswith("Niet-thuisbrief")
    event = route_c_dossier.events.get(kind="contact")
    assert event.summary == "Onaangekondigd huisbezoek op 27/11/2026 (voormiddag): Niet thuis"
    assert AuditEvent.objects.filter(action="contact_attempt.create").count() == 1


def test_reaching_the_household_marks_the_dossier_reached(
    frozen_today, route_c_dossier, preventiewerker
):
    record(
        route_c_dossier,
        preventiewerker,
        kind=ContactAttempt.Kind.PHONE,
        result=ContactAttempt.Result.REACHED,
    )
    route_c_dossier.refresh_from_db()
    assert route_c_dossier.status == Dossier.Status.REACHED
    assert route_c_dossier.reached_on == D(2026, 11, 27)
    assert route_c_dossier.next_step.startswith("Hulp")


def test_a_next_step_set_by_the_follow_up_is_kept_after_reaching(
    frozen_today, route_c_dossier, preventiewerker
):
    record(
        route_c_dossier,
        preventiewerker,
        kind=ContactAttempt.Kind.PHONE,
        result=ContactAttempt.Result.REACHED,
    )
    # The help starts: a support request is pending, which the follow-up's rule puts first.
    followup_actions.support_request_create(
        route_c_dossier,
        amount=Decimal("250"),
        purpose="Achterstallige waterfactuur",
        submitted_on=D(2026, 11, 20),
        actor=preventiewerker,
    )
    route_c_dossier.refresh_from_db()
    followup_step = (route_c_dossier.next_step, route_c_dossier.next_step_date)
    assert followup_step[0].startswith("Gesprek en voorstel registreren")
    record(
        route_c_dossier,
        preventiewerker,
        kind=ContactAttempt.Kind.PHONE,
        result=ContactAttempt.Result.NO_RESPONSE,
    )
    route_c_dossier.refresh_from_db()
    assert (route_c_dossier.next_step, route_c_dossier.next_step_date) == followup_step


def test_a_correction_keeps_both_versions(frozen_today, route_c_dossier, preventiewerker, login):
    attempt = record(route_c_dossier, preventiewerker, result=ContactAttempt.Result.REACHED)
    route_c_dossier.refresh_from_db()
    assert route_c_dossier.status == Dossier.Status.REACHED

    client = login(preventiewerker)
    response = client.post(
        f"/contacten/poging/{attempt.pk}/corrigeren/",
        {
            "kind": ContactAttempt.Kind.UNANNOUNCED_VISIT,
            "date": "2026-11-27",
            "part_of_day": "voormiddag",
            "result": ContactAttempt.Result.NOT_HOME,
            "note": "",
            "performed_by": preventiewerker.pk,
            "reason": "Verkeerd aangeduid: er was niemand thuis.",
        },
    )
    assert response.status_code == 302
    old, new = ContactAttempt.objects.order_by("id")
    assert (old.is_current, old.result) == (False, ContactAttempt.Result.REACHED)
    assert (new.is_current, new.result, new.replaces) == (True, ContactAttempt.Result.NOT_HOME, old)
    assert new.correction_reason == "Verkeerd aangeduid: er was niemand thuis."
    route_c_dossier.refresh_from_db()
    assert route_c_dossier.reached_on is None
    assert route_c_dossier.status == Dossier.Status.IN_PROGRESS

    page = client.get(route_c_dossier.get_absolute_url()).content.decode()
    assert "gecorrigeerd (1 eerdere versie)" in page
    assert "Verkeerd aangeduid: er was niemand thuis." in page
    assert page.count("corrigeren</a>") == 1  # only the current version can be corrected


def test_a_correction_needs_a_reason(route_c_dossier, preventiewerker, login):
    attempt = record(route_c_dossier, preventiewerker)
    response = login(preventiewerker).post(
        f"/contacten/poging/{attempt.pk}/corrigeren/",
        {
            "kind": attempt.kind,
            "date": "2026-11-27",
            "part_of_day": "voormiddag",
            "result": ContactAttempt.Result.REACHED,
            "reason": "",
        },
    )
    assert response.status_code == 200
    assert ContactAttempt.objects.count() == 1
    with pytest.raises(ValidationError):
        actions.attempt_correct(
            attempt, reason=" ", result=ContactAttempt.Result.REACHED, actor=preventiewerker
        )


def test_an_old_version_cannot_be_corrected_again(route_c_dossier, preventiewerker):
    attempt = record(route_c_dossier, preventiewerker)
    actions.attempt_correct(attempt, reason="typfout", note="x", actor=preventiewerker)
    with pytest.raises(ValidationError):
        actions.attempt_correct(attempt, reason="nog eens", note="y", actor=preventiewerker)


def test_a_withdrawn_letter_attempt_makes_the_letter_unsent(
    frozen_today, route_c_dossier, preventiewerker, login
):
    letter = actions.letter_generate(
        route_c_dossier, "laatste_brief", actor=preventiewerker, sent_on=frozen_today
    )
    attempt = ContactAttempt.objects.get(letter=letter)
    response = login(preventiewerker).post(
        f"/contacten/poging/{attempt.pk}/schrappen/", {"reason": "Bij het verkeerde dossier."}
    )
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert not attempt.is_current and attempt.withdrawn_reason == "Bij het verkeerde dossier."
    letter.refresh_from_db()
    assert letter.sent_on is None
    page = login(preventiewerker).get(route_c_dossier.get_absolute_url()).content.decode()
    assert "geschrapt" in page


def test_a_recorded_visit_completes_the_planned_visit(
    frozen_today, route_c_dossier, preventiewerker
):
    visit = actions.visit_plan(
        route_c_dossier,
        worker=preventiewerker,
        date=frozen_today,
        part_of_day="voormiddag",
        kind=ContactAttempt.Kind.UNANNOUNCED_VISIT,
        actor=preventiewerker,
    )
    attempt = record(route_c_dossier, preventiewerker)
    visit.refresh_from_db()
    assert (visit.status, visit.attempt) == (PlannedVisit.Status.DONE, attempt)


def test_the_form_is_quick_and_refuses_nonsense(
    frozen_today, route_c_dossier, preventiewerker, login
):
    client = login(preventiewerker)
    form = client.get(f"/contacten/dossier/{route_c_dossier.pk}/poging/?kind=telefoon")
    page = form.content.decode()
    assert 'value="27/11/2026"' in page  # today by default
    assert 'value="voormiddag" checked' in page  # the part of the day it is now
    assert '<option value="telefoon" selected>' in page
    response = client.post(
        f"/contacten/dossier/{route_c_dossier.pk}/poging/",
        {
            "kind": ContactAttempt.Kind.PHONE,
            "date": "2026-11-28",
            "part_of_day": "voormiddag",
            "result": ContactAttempt.Result.NOT_HOME,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Een contactpoging kan niet in de toekomst liggen." in page
    assert "past alleen bij een huisbezoek" in page
    assert not ContactAttempt.objects.exists()


def test_the_dossier_section_shows_the_quick_form_only_to_who_may_change(
    route_c_dossier, preventiewerker, diensthoofd, login
):
    page = login(preventiewerker).get(route_c_dossier.get_absolute_url()).content.decode()
    assert "Contactpoging registreren" in page
    page = login(diensthoofd).get(route_c_dossier.get_absolute_url()).content.decode()
    assert "Contact en brieven" in page
    assert "Contactpoging registreren" not in page
    response = login(diensthoofd).post(
        f"/contacten/dossier/{route_c_dossier.pk}/poging/",
        {
            "kind": ContactAttempt.Kind.PHONE,
            "date": "2026-11-27",
            "part_of_day": "voormiddag",
            "result": ContactAttempt.Result.REACHED,
        },
    )
    assert response.status_code == 404


def test_the_section_does_not_query_per_attempt(
    frozen_today, route_c_dossier, preventiewerker, login, django_assert_max_num_queries
):
    client = login(preventiewerker)
    record(route_c_dossier, preventiewerker)
    actions.letter_generate(route_c_dossier, "laatste_brief", actor=preventiewerker)
    with CaptureQueriesContext(connection) as few:
        client.get(route_c_dossier.get_absolute_url())
    for _ in range(6):
        attempt = record(
            route_c_dossier,
            preventiewerker,
            kind=ContactAttempt.Kind.PHONE,
            result=ContactAttempt.Result.NO_RESPONSE,
        )
        actions.attempt_correct(attempt, reason="typfout", note="x", actor=preventiewerker)
        actions.letter_generate(
            route_c_dossier, "laatste_brief", actor=preventiewerker, sent_on=frozen_today
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(route_c_dossier.get_absolute_url())


class TestAccess:
    """A worker outside the dossier gets nothing: 404 on every attempt, letter and visit view."""

    @pytest.fixture
    def setup(self, frozen_today, mw, preventiewerker, team):
        dossier = DossierFactory(assigned_to=mw, team=team["sociale_dienst"])
        attempt = record(dossier, mw)
        letter = actions.letter_generate(dossier, "laatste_brief", actor=mw)
        visit = actions.visit_plan(
            dossier,
            worker=mw,
            date=frozen_today,
            part_of_day="namiddag",
            kind=ContactAttempt.Kind.ANNOUNCED_VISIT,
            actor=mw,
        )
        return dossier, attempt, letter, visit

    def urls(self, dossier, attempt, letter, visit):
        return [
            ("get", f"/contacten/dossier/{dossier.pk}/poging/"),
            ("post", f"/contacten/dossier/{dossier.pk}/poging/"),
            ("get", f"/contacten/poging/{attempt.pk}/corrigeren/"),
            ("post", f"/contacten/poging/{attempt.pk}/schrappen/"),
            ("get", f"/contacten/dossier/{dossier.pk}/brief/laatste_brief/"),
            ("post", f"/contacten/dossier/{dossier.pk}/brief/laatste_brief/"),
            ("get", f"/contacten/brief/{letter.pk}/download/"),
            ("post", f"/contacten/brief/{letter.pk}/verstuurd/"),
            ("get", f"/contacten/dossier/{dossier.pk}/huisbezoek/"),
            ("post", f"/contacten/huisbezoek/{visit.pk}/annuleren/"),
            ("post", f"/contacten/dossier/{dossier.pk}/brochure/"),
        ]

    def test_a_worker_outside_the_dossier_gets_404_everywhere(self, setup, mw_other, login):
        client = login(mw_other)
        for method, url in self.urls(*setup):
            response = getattr(client, method)(url, {"reason": "x"} if method == "post" else None)
            assert response.status_code == 404, url
        dossier, attempt, letter, visit = setup
        attempt.refresh_from_db()
        letter.refresh_from_db()
        visit.refresh_from_db()
        assert attempt.is_current and letter.sent_on is None
        assert visit.status == PlannedVisit.Status.PLANNED
        assert not AuditEvent.objects.filter(actor=mw_other).exists()

    def test_the_worker_on_the_dossier_gets_through(self, setup, mw, login):
        client = login(mw)
        for method, url in self.urls(*setup):
            if method == "get":
                assert client.get(url).status_code == 200, url

    def test_a_letter_download_is_a_logged_read(self, setup, mw, login):
        dossier, attempt, letter, visit = setup
        response = login(mw).get(f"/contacten/brief/{letter.pk}/download/")
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        b"".join(response.streaming_content)  # the read is written once the file has gone
        event = AuditEvent.objects.get(
            kind=AuditEvent.Kind.READ, actor=mw, purpose="brief downloaden"
        )
        assert event.object_id == str(letter.pk)
        assert event.subject_id == str(dossier.pk)

    def test_an_outsider_does_not_see_the_section_at_all(self, setup, mw_other, login):
        dossier = setup[0]
        assert login(mw_other).get(dossier.get_absolute_url()).status_code == 404

    def test_unknown_objects_are_404(self, mw, login):
        client = login(mw)
        assert client.get("/contacten/brief/999999/download/").status_code == 404
        assert client.get("/contacten/poging/999999/corrigeren/").status_code == 404


def test_a_sent_letter_reads_as_sent_not_as_no_reaction(
    frozen_today, route_c_dossier, preventiewerker, login
):
    actions.letter_generate(
        route_c_dossier,
        "uitnodiging_lac_water",
        actor=preventiewerker,
        sent_on=frozen_today,
        session_date=datetime.date(2026, 12, 15),
        session_time="14.00 uur",
        session_place="Raadzaal",
    )
    attempt = ContactAttempt.objects.get(kind=ContactAttempt.Kind.LETTER)
    assert attempt.result_label == "verstuurd"
    section = login(preventiewerker).get(route_c_dossier.get_absolute_url()).content.decode()
    assert ">verstuurd</span>" in section
    assert "Geen reactie (nog niet)</span>" not in section


def test_the_waiting_step_has_its_own_button_next_to_the_general_one(
    frozen_today, route_c_dossier, preventiewerker, login
):
    for kind in (ContactAttempt.Kind.UNANNOUNCED_VISIT, ContactAttempt.Kind.ANNOUNCED_VISIT):
        actions.attempt_record(
            route_c_dossier,
            kind=kind,
            date=frozen_today,
            part_of_day="voormiddag",
            result=ContactAttempt.Result.NOT_HOME,
            actor=preventiewerker,
        )
    actions.letter_generate(
        route_c_dossier, "laatste_brief", actor=preventiewerker, sent_on=frozen_today
    )
    page = login(preventiewerker).get(route_c_dossier.get_absolute_url()).content.decode()
    start = page.index("card-footer next-step")
    step = page[start : page.index("</header>", start)]
    assert "Reactie afwachten" in step
    assert "Reactie of telefoon registreren" in step
    # The step's own button, then the general one, once.
    assert step.index("Reactie of telefoon registreren") < step.index("Contactpoging registreren")
    assert step.count("Contactpoging registreren") == 1


def test_the_next_step_is_shown_once_in_the_page_header(
    frozen_today, route_c_dossier, preventiewerker, login
):
    page = login(preventiewerker).get(route_c_dossier.get_absolute_url()).content.decode()
    assert page.count("Uitnodiging voor de LAC versturen") == 1
    start = page.index("card dossier-header")
    header = page[start : page.index("</header>", start)]
    assert "Uitnodiging voor de LAC versturen" in header
    assert page.count(">Brief maken</a>") == 1


def test_the_phone_form_marks_the_required_choices(route_c_dossier, preventiewerker, login):
    page = login(preventiewerker).get(f"/contacten/dossier/{route_c_dossier.pk}/poging/")
    html = page.content.decode()
    assert '<legend class="form-label fs-6 mb-1 required">Resultaat' in html
    assert 'Resultaat <span class="visually-hidden">(verplicht)</span>' in html


def test_the_phone_form_offers_the_registers_number_to_call(preventiewerker, login, db):
    dossier = DossierFactory(phone="", client=ClientFactory(phone="0495 24 71 55"))
    page = login(preventiewerker).get(f"/contacten/dossier/{dossier.pk}/poging/").content.decode()
    assert '<a href="tel:0495 24 71 55">0495 24 71 55</a>' in page
