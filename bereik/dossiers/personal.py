"""The dossiers app's part of what Bereik holds about a person (registry:
`personal_data.py`): the dossiers, their signals, timeline and tasks; and what retention does to
them: the dossier row stays for the figures (kind, company, dates, route, status, team, worker,
outcome, amount and postcode), the person's data goes."""

import hashlib
import hmac

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.accounts.actions import mails_erase
from bereik.accounts.models import Mail, Notification
from bereik.dossiers import personal_data
from bereik.dossiers.models import Dossier, DossierEvent, Signal, Task
from bereik.dossiers.personal_data import Erased, Exported, ExportFile, Scope

DOSSIER_FIELDS = (
    "number", "kind", "company", "customer_number", "status", "last_name", "first_name", "insz",
    "birth_date", "street", "house_number", "box", "postcode", "city", "phone", "amount_due",
    "deadline", "deadline_kind", "route", "assigned_to", "team", "contact_person", "reached_on",
    "outcome", "opened_at", "closed_at",
)  # fmt: skip
SIGNAL_FIELDS = (
    "kind", "company", "customer_number", "reference_date", "received_at", "last_name",
    "first_name", "insz", "birth_date", "street", "house_number", "box", "postcode", "city",
    "phone", "amount", "session_date", "measure", "measure_date", "protected_customer", "source",
    "note", "attachment_name",
)  # fmt: skip
PERSON_BLANK = {
    "last_name": "",
    "first_name": "",
    "insz": "",
    "birth_date": None,
    "street": "",
    "house_number": "",
    "box": "",
    "city": "",
    "phone": "",
}


def pseudonym(company_id, customer_number: str) -> str:
    """The same customer of the same company gets the same stand-in, so the figures that compare
    customer numbers (a payment plan kept until the company signals the customer again) count
    the same after the anonymisation."""
    if not customer_number:
        return ""
    key = settings.SECRET_KEY.encode()
    digest = hmac.new(key, f"{company_id}|{customer_number}".encode(), hashlib.sha256)
    return "anon-" + digest.hexdigest()[:24]


def _signals(scope: Scope):
    # A weekly report's line without dossier is kept with its client once matched.
    q = Q(dossier_id__in=scope.dossier_ids) | Q(
        dossier__isnull=True, client_id__in=scope.client_ids
    )
    if scope.insz:
        q |= Q(dossier__isnull=True, insz=scope.insz)
    return Signal.objects.filter(q).select_related("company").order_by("received_at")


def export(scope: Scope) -> Exported:
    dossiers = Dossier.objects.filter(pk__in=scope.dossier_ids).select_related(
        "company", "assigned_to", "team", "contact_person"
    )
    signals = list(_signals(scope))
    events = DossierEvent.objects.filter(dossier_id__in=scope.dossier_ids).select_related(
        "dossier", "actor"
    )
    tasks = Task.objects.filter(dossier_id__in=scope.dossier_ids).select_related("dossier")
    result = Exported()
    result.records = [
        *personal_data.labelled(_("dossier"), dossiers, DOSSIER_FIELDS, dossier=False),
        *personal_data.labelled(_("signaal"), signals, SIGNAL_FIELDS, dossier=False),
        *personal_data.labelled(_("tijdlijn"), events, ("at", "actor", "kind", "summary", "text")),
        *personal_data.labelled(_("taak"), tasks, ("description", "due_date", "done_at")),
    ]
    for signal in signals:
        if signal.attachment:
            original = signal.attachment_name or signal.attachment.name.rsplit("/", 1)[-1]
            name = f"signaal-{signal.pk}-{original}"
            result.files.append(ExportFile("documenten", name, signal.attachment))
    return result


MAIL_ERASED = "[gewist na de bewaartermijn]"


def erase(scope: Scope) -> Erased:
    erased = Erased()
    dossiers = Dossier.objects.filter(pk__in=scope.dossier_ids)
    changed = []
    for dossier in dossiers.only("pk", "company_id", "customer_number"):
        dossier.customer_number = pseudonym(dossier.company_id, dossier.customer_number)
        changed.append(dossier)
    Dossier.objects.bulk_update(changed, ["customer_number"], batch_size=500)
    erased.counts["dossiers"] = dossiers.update(
        **PERSON_BLANK, client=None, anonymised_at=timezone.now()
    )
    signals = Signal.objects.filter(
        Q(dossier_id__in=scope.dossier_ids) | Q(pk__in=scope.signal_ids)
    )
    erased.files += personal_data.file_names(signals, "attachment")
    changed = []
    for signal in signals.only("pk", "company_id", "customer_number"):
        signal.customer_number = pseudonym(signal.company_id, signal.customer_number)
        changed.append(signal)
    Signal.objects.bulk_update(changed, ["customer_number"], batch_size=500)
    erased.counts["signals"] = signals.update(
        **PERSON_BLANK,
        extra={},
        raw={},
        warnings=[],
        note="",
        attachment="",
        attachment_name="",
    )
    events = DossierEvent.objects.filter(dossier_id__in=scope.dossier_ids)
    erased.counts["timeline"] = events.update(summary="", text="", data={})
    Task.objects.filter(dossier_id__in=scope.dossier_ids).update(description="")
    notifications = Notification.objects.filter(dossier_pk__in=scope.dossier_ids)
    # The outbox keeps every mail; a mail about one of these dossiers keeps its date, status and
    # addressee (the staff member), not its text (a digest is all of one user's morning), and
    # one not sent yet is cancelled: it would leave with nothing to say.
    mails = Mail.objects.filter(pk__in=notifications.exclude(mail=None).values("mail_id"))
    erased.counts["mails"], erased.counts["mails_cancelled"] = mails_erase(mails, text=MAIL_ERASED)
    erased.counts["notifications"] = notifications.delete()[0]
    return erased
