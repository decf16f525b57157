"""The session itself: recording attendance and advice, correcting them after closing, and
closing (locking) the session."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bereik.lac import actions, policy, queries
from bereik.lac.forms import AdviceCorrectionForm, AdviceForm
from bereik.lac.preparation import energy_lines
from bereik.lac.rules import advice_too_early
from bereik.lac.views.shared import (
    forbid_unless,
    item_for,
    items_of,
    log_read,
    session_for,
    validation_messages,
)
from bereik.lib import locking


def session_record(request, pk):
    """One compact row per dossier with what is recorded. One dossier's form is open: the one
    asked for (?punt=, how the rows open without JavaScript) or the next one still to record;
    with htmx the rows open and save in place (`item_record`)."""
    session = session_for(request.user, pk)
    forbid_unless(policy.can_record_session(request.user, session))
    items = list(items_of(request.user, session))
    log_read(request.user, session, items, purpose="LAC-zitting notuleren")
    # Before the session's day nothing can be recorded yet: the page says from when.
    open_for_recording = session.has_started and not session.is_closed
    opened = _item_to_open(items, request.GET.get("punt")) if open_for_recording else None
    energy = energy_lines(items)
    rows = [
        {
            "item": item,
            "number": number,
            "form": _advice_form(item) if item == opened else None,
            "energy": energy.get(item.pk, []),
        }
        for number, item in enumerate(items, 1)
    ]
    return render(
        request,
        "lac/session_record.html",
        {
            "session": session,
            "rows": rows,
            "open_for_recording": open_for_recording,
            "too_early": "" if session.has_started else advice_too_early(session),
            "can_close": policy.can_close_session(request.user, session) and open_for_recording,
            **_progress(items),
        },
    )


def _item_to_open(items, asked):
    for item in items:
        if str(item.pk) == asked:
            return item
    return next((item for item in items if not item.has_advice), None)


def _advice_form(item, data=None) -> AdviceForm:
    return AdviceForm(data, instance=item, prefix=f"punt{item.pk}")


def _progress(items) -> dict:
    return {"recorded": sum(1 for item in items if item.has_advice), "total": len(items)}


def item_record(request, pk):
    item = item_for(request.user, pk)
    session = item.session
    forbid_unless(policy.can_record_session(request.user, session))
    if session.is_closed:
        return redirect("lac:item_correct", pk=item.pk)
    form = _advice_form(item, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.agenda_item_record(
                item, actor=request.user, version=form.version(), **form.action_fields()
            )
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if request.htmx:
                return _saved_in_place(request, item)
            messages.success(
                request, _("Genoteerd voor %(name)s.") % {"name": item.dossier.household_name}
            )
            return redirect(reverse("lac:record", args=[session.pk]) + f"#punt-{item.pk}")
    if request.htmx:
        # The row of the recording page, open ("toon": closed again, as it is recorded).
        show_form = session.has_started and "toon" not in request.GET
        return _row(request, item, form=form if show_form else None, focus=show_form)
    log_read(request.user, item.session, [item], purpose="LAC-agendapunt")
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


def _row_context(request, item, **extra) -> dict:
    session = item.session
    return {
        "session": session,
        "item": item,
        "number": queries.agenda_numbers(session).get(item.pk),
        "open_for_recording": session.has_started and not session.is_closed,
        "energy": energy_lines([item]).get(item.pk, []),
        **extra,
    }


def _row(request, item, *, form=None, focus=False):
    log_read(request.user, item.session, [item], purpose="LAC-agendapunt")
    return render(
        request,
        "lac/session_record.html#item",
        _row_context(request, item, form=form, focus=focus),
    )


def _saved_in_place(request, item):
    """The saved row, and out of band the progress and the next dossier still to record, open."""
    item = item_for(request.user, item.pk)
    items = list(items_of(request.user, item.session))
    parts = [
        render_to_string(
            "lac/session_record.html#item", _row_context(request, item), request=request
        ),
        render_to_string(
            "lac/session_record.html#progress",
            {**_progress(items), "oob": True, "saved": item.dossier.household_name},
            request=request,
        ),
    ]
    following = items[[i.pk for i in items].index(item.pk) + 1 :] + items
    upcoming = next((i for i in following if not i.has_advice and i.pk != item.pk), None)
    if upcoming is not None:
        parts.append(
            render_to_string(
                "lac/session_record.html#item",
                _row_context(request, upcoming, form=_advice_form(upcoming), focus=True, oob=True),
                request=request,
            )
        )
    return HttpResponse("".join(parts))


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
                item,
                reason=form.cleaned_data["reason"],
                actor=request.user,
                version=form.version(),
                **fields,
            )
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De correctie is bewaard, met de oude waarde."))
            return redirect(session)
    log_read(request.user, item.session, [item], purpose="LAC-agendapunt")
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
