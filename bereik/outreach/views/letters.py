"""Letters of one dossier: make one, download it, mark it as sent."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bereik import audit
from bereik.dossiers import access
from bereik.lib import documents
from bereik.organisation.models import Organisation
from bereik.outreach import actions, letters, next_step, queries, rules
from bereik.outreach.forms import LetterSendForm, MarkSentForm
from bereik.outreach.models import Brochure, Letter
from bereik.outreach.views.shared import back_to_section, error_text, parse_date


def _letter_initial(request, dossier, letter_type):
    """Sensible values to start from: the step's proposal, the LAC session, today."""
    initial = {}
    code = letter_type.code
    if code in next_step.INVITATIONS:
        initial["session_place"] = ", ".join(Organisation.get().address_lines)
        known = queries.invitation_sessions([dossier]).get(dossier.pk)
        if known is not None:
            initial.update(known.options())
    if code == next_step.NOT_AT_HOME:
        step = next_step.decide(queries.situation_for(dossier))
        if step is not None and step.code == next_step.LEAVE_NOT_AT_HOME_LETTER:
            initial.update(
                visit_date=step.visit_date,
                appointment_date=step.appointment_date,
                appointment_part=step.appointment_part,
            )
        else:
            visit_day = timezone.localdate()
            appointment, part = next_step.propose_appointment(visit_day, next_step.MORNING)
            initial.update(
                visit_date=visit_day, appointment_date=appointment, appointment_part=part
            )
        initial["plan_visit"] = True
    for key in ("visit_date", "appointment_date", "session_date"):
        if request.GET.get(key):
            initial[key] = parse_date(request.GET[key], initial.get(key))
    if request.GET.get("appointment_part") in (next_step.MORNING, next_step.AFTERNOON):
        initial["appointment_part"] = request.GET["appointment_part"]
    return initial


def letter_create(request, pk, code):
    dossier = access.get_dossier_for(request.user, pk, change=True)
    try:
        letter_type = letters.get_letter_type(code)
    except LookupError:
        raise Http404 from None
    if not letter_type.manual or not letter_type.is_for(dossier):
        raise Http404
    data = request.POST if request.method == "POST" else None
    options_form = (
        letter_type.options_form(
            data, prefix="opties", initial=_letter_initial(request, dossier, letter_type)
        )
        if letter_type.options_form
        else None
    )
    # Letters left behind at a visit go out the same day; others are printed and posted later.
    left_behind = code in (next_step.NOT_AT_HOME, next_step.LAST_LETTER)
    send_form = LetterSendForm(data, prefix="verzending", initial={"mark_sent": left_behind})
    if (
        request.method == "POST"
        and send_form.is_valid()
        and (options_form is None or options_form.is_valid())
    ):
        options = options_form.cleaned_data if options_form else {}
        sent_on = timezone.localdate() if send_form.cleaned_data["mark_sent"] else None
        try:
            letter = actions.letter_generate(
                dossier, code, actor=request.user, sent_on=sent_on, **options
            )
        except ValidationError as error:
            send_form.add_error(None, error)
        else:
            messages.success(
                request,
                format_html(
                    '{} <a href="{}" class="alert-link">{}</a>',
                    _("De brief is klaar."),
                    reverse("outreach:letter_download", args=[letter.pk]),
                    _("Download de brief (Word)"),
                ),
            )
            notices = rules.letter_short_notices([letter])
            if notices:
                messages.warning(request, rules.short_notice_message(notices))
            return back_to_section(dossier)
    audit.record_read(request.user, dossier, purpose="brief maken")
    return render(
        request,
        "outreach/letter_form.html",
        {
            "dossier": dossier,
            "letter_type": letter_type,
            "options_form": options_form,
            "send_form": send_form,
            "brochure": Brochure.current() if letter_type.encloses_brochure else None,
            "short_notice": _short_notice(dossier, letter_type, options_form),
        },
    )


def _short_notice(dossier, letter_type, options_form) -> str:
    """The warning of an LAC invitation for a session within the notice period, as the form
    stands (the date typed, else the session known)."""
    if letter_type.code not in next_step.INVITATIONS or options_form is None:
        return ""
    cleaned = getattr(options_form, "cleaned_data", {})
    session_date = cleaned.get("session_date") or options_form.initial.get("session_date")
    if not isinstance(session_date, datetime.date):
        return ""
    notice = rules.short_notice(dossier, session_date, timezone.localdate())
    return rules.short_notice_message([notice]) if notice else ""


def _letter_for(request, letter_id, *, change=False):
    letter = get_object_or_404(Letter.objects.select_related("dossier"), pk=letter_id)
    access.get_dossier_for(request.user, letter.dossier_id, change=change)
    return letter


@require_GET
def letter_download(request, letter_id):
    letter = _letter_for(request, letter_id)
    audit.record_read(request.user, letter, purpose="brief downloaden")
    return FileResponse(
        letter.file.open("rb"),
        as_attachment=True,
        filename=letter.download_name,
        content_type=documents.DOCX_CONTENT_TYPE,
    )


@require_POST
def letter_mark_sent(request, letter_id):
    letter = _letter_for(request, letter_id, change=True)
    # The step's button posts no date: today.
    form = MarkSentForm(request.POST, letter=letter)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["sent_on"]))
        return back_to_section(letter.dossier)
    try:
        actions.letter_mark_sent(letter, sent_on=form.cleaned_data["sent_on"], actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("De brief is als verstuurd aangeduid."))
    return back_to_section(letter.dossier)
