"""Contact attempts: record, correct, strike."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bereik import audit
from bereik.dossiers import access
from bereik.lib import locking
from bereik.outreach import actions
from bereik.outreach.forms import AttemptForm, CorrectionForm, WithdrawForm
from bereik.outreach.models import ContactAttempt
from bereik.outreach.views.shared import back_to_section, error_text, parse_date

ATTEMPT_FIELDS = ("kind", "date", "part_of_day", "result", "note", "performed_by")


def _attempt_saved(request, form, save, success: str) -> bool:
    """Post the attempt form's fields to `save` (record or correct); True when it was saved, else
    the form carries the errors."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(**{name: form.cleaned_data[name] for name in ATTEMPT_FIELDS})
    except locking.StaleEdit as stale:
        form.show_conflict(stale)
        return False
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, success)
    return True


def attempt_create(request, pk):
    dossier = access.get_dossier_for(request.user, pk, change=True)
    initial = {
        key: request.GET[key] for key in ("kind", "part_of_day", "result") if request.GET.get(key)
    }
    if request.GET.get("date"):
        initial["date"] = parse_date(request.GET["date"], timezone.localdate())
    form = AttemptForm(request.POST or None, user=request.user, dossier=dossier, initial=initial)
    if _attempt_saved(
        request,
        form,
        lambda **fields: actions.attempt_record(dossier, actor=request.user, **fields),
        _("De contactpoging is geregistreerd."),
    ):
        return back_to_section(dossier)
    audit.record_read(request.user, dossier, purpose="contactpoging registreren")
    return render(
        request,
        "outreach/attempt_form.html",
        {"dossier": dossier, "form": form},
    )


def _attempt_for(request, attempt_id):
    attempt = get_object_or_404(ContactAttempt, pk=attempt_id)
    dossier = access.get_dossier_for(request.user, attempt.dossier_id, change=True)
    return attempt, dossier


def attempt_correct(request, attempt_id):
    attempt, dossier = _attempt_for(request, attempt_id)
    if not attempt.is_current and request.method != "POST":
        messages.warning(request, _("Deze contactpoging werd al gecorrigeerd of geschrapt."))
        return back_to_section(dossier)
    initial = {
        "kind": attempt.kind,
        "date": attempt.date,
        "part_of_day": attempt.part_of_day,
        "result": attempt.result,
        "note": attempt.note,
        "performed_by": attempt.performed_by_id,
    }
    form = CorrectionForm(
        request.POST or None,
        user=request.user,
        dossier=dossier,
        replacing=attempt,
        initial=initial,
        version_record=attempt,
    )
    if _attempt_saved(
        request,
        form,
        lambda **fields: actions.attempt_correct(
            attempt, reason=form.cleaned_data["reason"], actor=request.user, **fields
        ),
        _("De contactpoging is gecorrigeerd."),
    ):
        return back_to_section(dossier)
    audit.record_read(request.user, dossier, purpose="contactpoging corrigeren")
    return render(
        request,
        "outreach/attempt_correct.html",
        {
            "dossier": dossier,
            # After a refused stale save: the version that is current now, which saving again
            # corrects.
            "attempt": form.stale.current if form.stale else attempt,
            "form": form,
            "withdraw_form": WithdrawForm(auto_id="schrappen_%s"),
        },
    )


@require_POST
def attempt_withdraw(request, attempt_id):
    attempt, dossier = _attempt_for(request, attempt_id)
    form = WithdrawForm(request.POST, auto_id="schrappen_%s")
    if form.is_valid():
        try:
            actions.attempt_withdraw(
                attempt, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("De contactpoging is geschrapt."))
        return back_to_section(dossier)
    audit.record_read(request.user, dossier, purpose="contactpoging schrappen")
    return render(
        request,
        "outreach/attempt_correct.html",
        {
            "dossier": dossier,
            "attempt": attempt,
            "form": CorrectionForm(user=request.user, initial={"kind": attempt.kind}),
            "withdraw_form": form,
        },
    )
