"""The session itself: recording attendance and advice, correcting them after closing, and
closing (locking) the session."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bereik.lac import actions, policy
from bereik.lac.forms import AdviceCorrectionForm, AdviceForm
from bereik.lac.rules import advice_too_early
from bereik.lac.views.shared import (
    forbid_unless,
    item_for,
    items_of,
    log_read,
    session_for,
    validation_messages,
)


def session_record(request, pk):
    session = session_for(request.user, pk)
    forbid_unless(policy.can_record_session(request.user, session))
    items = list(items_of(request.user, session))
    log_read(request.user, session, items, purpose="LAC-zitting notuleren")
    # Before the session's day nothing can be recorded yet: the page says from when.
    open_for_recording = session.has_started and not session.is_closed
    rows = [
        {
            "item": item,
            "form": AdviceForm(instance=item, prefix=f"punt{item.pk}")
            if open_for_recording
            else None,
        }
        for item in items
    ]
    return render(
        request,
        "lac/session_record.html",
        {
            "session": session,
            "rows": rows,
            "too_early": "" if session.has_started else advice_too_early(session),
            "can_close": policy.can_close_session(request.user, session) and open_for_recording,
            "missing": [item for item in items if not item.has_advice],
        },
    )


def item_record(request, pk):
    item = item_for(request.user, pk)
    session = item.session
    forbid_unless(policy.can_record_session(request.user, session))
    if session.is_closed:
        return redirect("lac:item_correct", pk=item.pk)
    form = AdviceForm(request.POST or None, instance=item, prefix=f"punt{item.pk}")
    if request.method == "POST" and form.is_valid():
        try:
            actions.agenda_item_record(item, actor=request.user, **form.action_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Genoteerd voor %(name)s.") % {"name": item.dossier.household_name}
            )
            return redirect(reverse("lac:record", args=[session.pk]) + f"#punt-{item.pk}")
    return render(
        request,
        "lac/item_form.html",
        {
            "item": item,
            "form": form,
            "title": _("Aanwezigheid en advies"),
            # On a POST the form itself says it (a non-field error).
            "notice": "" if session.has_started or form.is_bound else advice_too_early(session),
        },
    )


def item_correct(request, pk):
    item = item_for(request.user, pk)
    session = item.session
    forbid_unless(policy.can_record_session(request.user, session))
    if not session.is_closed:
        return redirect("lac:item_record", pk=item.pk)
    form = AdviceCorrectionForm(request.POST or None, instance=item, prefix=f"punt{item.pk}")
    if request.method == "POST" and form.is_valid():
        fields = form.action_fields()
        try:
            actions.agenda_item_correct(
                item, reason=form.cleaned_data["reason"], actor=request.user, **fields
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De correctie is bewaard, met de oude waarde."))
            return redirect(session)
    return render(
        request,
        "lac/item_form.html",
        {"item": item, "form": form, "title": _("Advies corrigeren")},
    )


@require_POST
def session_close(request, pk):
    session = session_for(request.user, pk)
    forbid_unless(policy.can_close_session(request.user, session))
    try:
        actions.session_close(session, actor=request.user)
    except ValidationError as error:
        validation_messages(request, error)
        return redirect("lac:record", pk=session.pk)
    messages.success(
        request,
        _(
            "De zitting is afgesloten. De opvolgtaken van voorwaardelijke adviezen staan bij de "
            "dossiers. Wijzigingen kunnen nu alleen nog als correctie met een reden."
        ),
    )
    return redirect(session)
