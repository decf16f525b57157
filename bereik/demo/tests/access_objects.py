"""The objects the access table's URLs are opened with, taken from the demo.

Everything that belongs to a dossier is taken from the dossiers the social worker `mw` (Nele)
sees and `mw_other` (Tom) and the cell cannot: their ids are other people's
objects for them. A name of OBJECTS is the `object` of a row in access_table.py.
"""

from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.utils import timezone

from bereik.accounts.models import Mail, Notification, Team
from bereik.checklists import demo as checklists_demo
from bereik.checklists.actions import checklist_fill
from bereik.checklists.models import Answer, Checklist, FilledChecklist, Question
from bereik.checklists.models import Answer as ChecklistAnswer
from bereik.dossiers import access
from bereik.dossiers.models import Dossier, Signal, Task
from bereik.experts.models import LacCompanion, Proposal
from bereik.followup import models as followup
from bereik.followup.actions.records import document_add
from bereik.followup.actions.referrals import handover_create, referral_create
from bereik.followup.actions.rights import support_request_create
from bereik.intake import demo as intake_demo
from bereik.intake.actions.imports import import_upload
from bereik.intake.actions.profiles import column_profile_save
from bereik.intake.demo import tiny_pdf
from bereik.intake.models import ColumnProfile, ImportBatch
from bereik.lac.models import AgendaItem, LacPerson, Session
from bereik.organisation.models import Company, Municipality
from bereik.outreach.models import ContactAttempt, Letter, LetterBatch, PlannedVisit
from bereik.screens.models import Screen, ScreenMessage
from bereik.triage.models import Consultation, MatchCandidate
from bereik.weekly.models import ScanSuggestion
from bereik.weekly.rules import weeks_with_lines

# The personas of bereik/conftest.py, played by the demo's users.
POST = "_post"  # what a row's POST sends, next to the URL's keyword arguments
DEMO_DATA = Path(intake_demo.__file__).parent / "demo_data"

PERSONAS = {
    "onthaal": "olga",
    "preventiewerker": "pieter",
    "mw": "nele",
    "mw_other": "tom",
    "voorzitter": "vera",
    "cel": "celine",
    "ervaringsdeskundige": "eddy",
    "diensthoofd": "dirk",
    "beheerder": "bea",
}


class Missing(Exception):
    pass


def _first(queryset, what):
    found = queryset.order_by("pk").first()
    if found is None:
        raise Missing(f"the demo holds no {what}")
    return found


def _found_or_made(queryset, make):
    """The first of `queryset`, or what `make()` makes when the demo holds none: which of the
    demo's households get the follow-up stories depends on the day the demo is loaded (a
    weekend moves who reached whom first), and the table needs them in Nele's dossiers."""
    found = queryset.order_by("pk").first()
    return found if found is not None else make()


def _nele_alone(users, mine):
    """Nele's dossiers that the LAC's chair does not see either (not on an agenda): where the
    table looks for, or makes, the follow-up objects that only Nele's side may open."""
    chair = Q(pk__in=access.visible_dossiers(users["vera"]).values("pk"))
    return mine.exclude(chair)


def _team_of_none(users, keys):
    """A team none of these people is in: a referral there opens the dossier to nobody the
    table asks as someone outside it."""
    theirs = {team.pk for key in keys for team in users[key].teams.all()}
    return _first(Team.objects.exclude(pk__in=theirs).order_by("pk"), "team of none of them")


def mw_dossiers(users):
    """Dossiers Nele sees (her own and her team's) that Tom and Celine do not (Vera chairs every
    LAC session, so she sees those on an agenda)."""
    others = Q()
    for key in ("tom", "celine"):
        others |= Q(pk__in=access.visible_dossiers(users[key]).values("pk"))
    return access.visible_dossiers(users["nele"]).exclude(others)


def _profile(users):
    """The demo maps its lists by known column names: it saves no profile. Make one."""
    found = ColumnProfile.objects.order_by("pk").first()
    if found is not None:
        return found
    company = Company.objects.order_by("pk").first()
    return column_profile_save(
        company=company, kind=Signal.Kind.LAC_WATER, mapping={"Naam": "name"}, actor=users["bea"]
    )


def _attachment(dossier):
    """The demo's signals entered by hand carry no attachment: give one of Nele's signals one."""
    signal = _first(Signal.objects.filter(dossier=dossier), "signal of Nele's")
    if not signal.attachment:
        name = default_storage.save("signalen/toegang.pdf", ContentFile(tiny_pdf(["Bijlage"])))
        Signal.objects.filter(pk=signal.pk).update(attachment=name, attachment_name="bijlage.pdf")
    return signal


def _document(dossier, users):
    """The demo has one document, on a dossier Nele does not see: add one to hers."""
    found = followup.Document.objects.filter(dossier=dossier).order_by("pk").first()
    if found is not None:
        return found
    upload = SimpleUploadedFile("attest.pdf", tiny_pdf(["Attest"]), "application/pdf")
    return document_add(dossier, upload=upload, actor=users["nele"])


def _preview(users):
    """An upload kept as a preview (the demo confirms all of its own)."""
    found = ImportBatch.objects.filter(status=ImportBatch.Status.PREVIEW).order_by("pk").first()
    if found is not None:
        return found
    content = (DEMO_DATA / "farys-verwittigingen.csv").read_bytes() + b"\r\n"
    return import_upload(
        content=content,
        file_name="farys-toegang.csv",
        kind="verwittiging",
        company=Company.objects.get(name="Farys"),
        actor=users["olga"],
    )


def _filled(dossier, users):
    """The demo fills its checklists on another worker's dossier: fill one on Nele's."""
    found = FilledChecklist.objects.filter(dossier=dossier).order_by("pk").first()
    if found is not None:
        return found
    water = Checklist.objects.get(name="Water")
    answers = checklists_demo._answers(water, checklists_demo.WATER_ANSWERS)
    return checklist_fill(dossier, water, answers, actor=users["nele"])


def _mine_or_any(queryset, mine_q, what):
    """One of Nele's if the demo has one, else any (the row's personas say which)."""
    found = queryset.filter(mine_q).order_by("pk").first()
    return found if found is not None else _first(queryset, what)


def _first_week() -> str:
    found = list(weeks_with_lines())
    if not found:
        raise Missing("the demo holds no weekly report")
    return found[0]


def _expert_lists(users) -> dict:
    answer = _first(
        ChecklistAnswer.objects.filter(
            filled__filled_by=users["eddy"], referred_at__isnull=False
        ).select_related("filled__checklist"),
        "suggestion eddy referred from a guiding-questions list",
    )
    proposal = _first(
        users["eddy"].expert_proposals.filter(dossier_id=answer.filled.dossier_id),
        "eddy's household of that list",
    )
    return {
        "expert_list_household": {"pk": proposal.pk},
        "expert_list_fill": {"pk": proposal.pk, "checklist_pk": answer.filled.checklist_id},
        "expert_list_filled": {"pk": answer.filled_id},
        "expert_list_answer": {"pk": answer.pk},
    }


def build(users) -> dict:
    """OBJECTS: name → the URL's keyword arguments."""
    mine = mw_dossiers(users)
    dossier = _first(
        mine.filter(status__in=Dossier.OPEN_STATUSES, client__isnull=False),
        "open dossier of Nele's with a client",
    )
    item = _first(AgendaItem.objects.filter(dossier__in=mine), "agenda item of Nele's")
    eviction_signal = _first(
        Signal.objects.filter(
            kind=Signal.Kind.UITHUISZETTING, dossier__status__in=Dossier.OPEN_STATUSES
        ),
        "court document's signal on an open dossier",
    )
    session = item.session
    documents = ImportBatch.objects.filter(kind=Signal.Kind.UITHUISZETTING)
    eviction_batch = _first(documents, "court document")
    user = users["hanne"]
    pictured = _first(ScreenMessage.objects.exclude(image=""), "screen message with an image")
    alone_dossiers = _nele_alone(users, mine)
    alone = _first(
        alone_dossiers.filter(status__in=Dossier.OPEN_STATUSES), "open dossier of Nele's alone"
    )
    o = {
        "none": {},
        "dossier": {"pk": dossier.pk},
        "client": {"pk": dossier.client_id},
        "user": {"pk": user.pk},
        "team": {"pk": _first(Team.objects.all(), "team").pk},
        "notification": {
            "pk": _first(Notification.objects.filter(user=users["nele"]), "notification").pk
        },
        "mail": {"pk": _first(Mail.objects.all(), "mail").pk},
        "task_uuid": {"pk": "00000000-0000-0000-0000-000000000000"},
        "municipality": {"pk": _first(Municipality.objects.all(), "municipality").pk},
        "company": {"pk": _first(Company.objects.all(), "company").pk},
        "worklist": {"key": "alle"},
        "worklist_export": {"key": "alle", "fmt": "csv"},
        "import_list": {
            "pk": _first(ImportBatch.objects.exclude(kind=Signal.Kind.UITHUISZETTING), "list").pk
        },
        "import_document": {"pk": eviction_batch.pk},
        "import_preview": {"pk": _preview(users).pk},
        "signal_attachment": {"pk": _attachment(dossier).pk},
        "profile": {"pk": _profile(users).pk},
        "candidate": {
            "pk": (
                c := _first(
                    MatchCandidate.objects.filter(rejected_at=None).select_related("triage"),
                    "match candidate",
                )
            ).triage.dossier_id,
            "client_pk": c.client_id,
        },
        "consultation": {
            "pk": (
                k := _first(Consultation.objects.filter(dossier__in=mine), "consultation")
            ).dossier_id,
            "consultation_pk": k.pk,
        },
        "attempt": {
            "attempt_id": _first(ContactAttempt.objects.filter(dossier__in=mine), "attempt").pk
        },
        "visit": {"visit_id": _first(PlannedVisit.objects.filter(dossier__in=mine), "visit").pk},
        "letter_type": {"pk": dossier.pk, "code": "vrije_brief"},
        "letter": {"letter_id": _first(Letter.objects.filter(dossier__in=mine), "letter").pk},
        "letter_batch": {"batch_id": _first(LetterBatch.objects.all(), "letter batch").pk},
        "template": {"code": "vrije_brief"},
        "support": {
            "pk": _found_or_made(
                followup.SupportRequest.objects.filter(dossier__in=alone_dossiers),
                lambda: support_request_create(
                    alone,
                    amount=Decimal("120.00"),
                    purpose="Voorschot waterfactuur",
                    submitted_on=timezone.localdate(),
                    actor=users["nele"],
                ),
            ).pk
        },
        "handover": {
            "pk": _found_or_made(
                followup.ExternalReferral.objects.filter(dossier__in=alone_dossiers),
                lambda: handover_create(
                    alone,
                    organisation=_first(
                        followup.ExternalOrganisation.objects.filter(active=True), "organisation"
                    ),
                    contact_person="Onthaal",
                    referred_on=timezone.localdate(),
                    reason="Budgetbegeleiding",
                    actor=users["nele"],
                ),
            ).pk
        },
        "water_scan": {
            "pk": _first(followup.WaterScan.objects.filter(dossier__in=mine), "water scan").pk
        },
        "task": {"pk": _first(Task.objects.filter(dossier__in=mine), "task").pk},
        "document": {"pk": _document(dossier, users).pk},
        "referral": {
            "pk": _found_or_made(
                followup.InternalReferral.objects.filter(dossier__in=alone_dossiers),
                lambda: referral_create(
                    alone,
                    to_team=_team_of_none(users, ("nele", "tom", "celine", "vera")),
                    help_kind=followup.InternalReferral.HelpKind.BUDGET,
                    reason="Vraag naar budgetbeheer.",
                    actor=users["nele"],
                ),
            ).pk
        },
        "config_list": {"slug": "organisaties"},
        "config_item": {
            "slug": "organisaties",
            "pk": _first(followup.ExternalOrganisation.objects.all(), "organisation").pk,
        },
        "energy_dossier": {
            "pk": _first(
                mine.filter(kind=Dossier.Kind.ENERGIE, status__in=Dossier.OPEN_STATUSES),
                "open energy dossier of Nele's",
            ).pk
        },
        # The eviction dossiers are the preventiewerker's: other people's for Nele.
        "eviction_dossier": {"pk": eviction_signal.dossier_id},
        "eviction_signal": {"pk": eviction_signal.pk},
        "referral_open": {
            "pk": _first(
                followup.InternalReferral.objects.filter(
                    status=followup.InternalReferral.Status.OPEN
                ),
                "open referral",
            ).pk
        },
        "dossier_to_agenda": {
            "pk": dossier.pk,
            POST: {
                "session": _first(
                    Session.objects.upcoming().filter(closed_at=None), "coming session"
                ).pk
            },
        },
        "screen": {"pk": (screen := _first(Screen.objects.all(), "screen")).pk},
        "screen_message": {"pk": pictured.pk},
        "screen_token": {"token": screen.token},
        "screen_image": {
            "token": screen.token,
            "pk": pictured.pk,
        },
        "session": {"pk": session.pk},
        "session_letters": {"pk": session.pk, "recipient": "klant"},
        "item": {"pk": item.pk},
        "item_letter": {"pk": item.pk, "recipient": "klant"},
        "lac_person": {"pk": _first(LacPerson.objects.all(), "LAC member").pk},
        "checklist": {"pk": (checklist := _first(Checklist.objects.all(), "checklist")).pk},
        "question": {
            "checklist_pk": checklist.pk,
            "pk": _first(Question.objects.filter(checklist=checklist), "question").pk,
        },
        "question_new": {"checklist_pk": checklist.pk},
        "checklist_fill": {
            "pk": dossier.pk,
            "checklist_pk": _first(Checklist.objects.filter(active=True), "active checklist").pk,
        },
        "filled_checklist": {"pk": (filled := _filled(dossier, users)).pk},
        "checklist_answer": {
            "pk": _first(Answer.objects.filter(filled=filled), "checklist answer").pk
        },
        # Eddy is the demo's only expert: the proposals are his own (others are refused first).
        "proposal_waiting": {
            "pk": _first(
                Proposal.objects.filter(
                    status=Proposal.Status.PROPOSED, dossier__status__in=Dossier.OPEN_STATUSES
                ),
                "proposal waiting for the expert",
            ).pk
        },
        "proposal_followed": {
            "pk": _first(
                Proposal.objects.filter(
                    status=Proposal.Status.ACCEPTED, dossier__status__in=Dossier.OPEN_STATUSES
                ),
                "household the expert follows",
            ).pk
        },
        "proposal_of_mine": {
            "pk": _mine_or_any(
                Proposal.objects.all(), Q(dossier__in=mine), "proposal on a dossier"
            ).pk
        },
        "lac_companion": {"pk": _first(LacCompanion.objects.all(), "LAC companion").pk},
        "week": {"week": _first_week()},
        "scan_suggestion": {
            "pk": _first(
                ScanSuggestion.objects.filter(status=ScanSuggestion.Status.OPEN),
                "open scan suggestion",
            ).pk
        },
        # The demo leaves no weekly report line unmatched: the line URLs are opened with none.
        "line_match": {"pk": 999_999_999},
        "line_match_client": {"pk": 999_999_999, "client_pk": dossier.client_id},
        "privacy_person": {"kind": "client", "pk": dossier.client_id},
        "year": {"year": 2025, "fmt": "xlsx"},
        # The guiding questions on eddy's own pages: a household he follows, the list he went
        # through with it, and its water scan suggestion (already referred: a POST writes nothing).
        **_expert_lists(users),
        "reset_token": {"uidb64": "MQ", "token": "abc-def"},
        "unsubscribe_token": {"token": "not-a-token"},
    }
    return o


OBJECT_NAMES = frozenset(
    {
        "none",
        "dossier",
        "client",
        "user",
        "team",
        "notification",
        "mail",
        "task_uuid",
        "municipality",
        "company",
        "worklist",
        "worklist_export",
        "import_list",
        "import_document",
        "import_preview",
        "signal_attachment",
        "profile",
        "candidate",
        "consultation",
        "attempt",
        "visit",
        "letter_type",
        "letter",
        "letter_batch",
        "template",
        "support",
        "handover",
        "water_scan",
        "task",
        "document",
        "referral",
        "config_list",
        "config_item",
        "energy_dossier",
        "eviction_dossier",
        "eviction_signal",
        "referral_open",
        "dossier_to_agenda",
        "screen",
        "screen_message",
        "screen_token",
        "screen_image",
        "session",
        "session_letters",
        "item",
        "item_letter",
        "lac_person",
        "checklist",
        "question",
        "question_new",
        "checklist_fill",
        "filled_checklist",
        "checklist_answer",
        "proposal_waiting",
        "proposal_followed",
        "proposal_of_mine",
        "lac_companion",
        "week",
        "scan_suggestion",
        "line_match",
        "line_match_client",
        "privacy_person",
        "year",
        "expert_list_household",
        "expert_list_fill",
        "expert_list_filled",
        "expert_list_answer",
        "reset_token",
        "unsubscribe_token",
    }
)
