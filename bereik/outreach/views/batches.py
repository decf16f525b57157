"""Letters for a selection of dossiers (a worklist's ticked rows, a LAC session): choose the
letter and its options, make them all, download them as one file."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from bereik import audit
from bereik.accounts import roles
from bereik.dossiers import access
from bereik.dossiers.models import Dossier
from bereik.lib import documents
from bereik.organisation.models import Organisation
from bereik.outreach import actions, letters, next_step, queries, rules
from bereik.outreach.forms import BatchForm, BatchInvitationOptionsForm
from bereik.outreach.models import Letter, LetterBatch
from bereik.outreach.rules import batch_letter_choices


def _changeable(user, dossiers):
    if user.has_role(*roles.CHANGE_ALL_DOSSIERS):
        return list(dossiers)
    return [dossier for dossier in dossiers if access.can_change_dossier(user, dossier)]


def _safe_back(request) -> str:
    back = request.POST.get("terug", "")
    allowed = url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return back if back and allowed else ""


def _batch_dossiers(request, back):
    """The chosen dossiers the user may change, or a redirect with the reason when there are
    none. Dossiers the user may see but not change are left out, with a message; dossiers they
    may not see are left out silently (nothing hints that they exist)."""
    ids = [value for value in request.POST.getlist("dossiers") if value.isdigit()]
    visible = list(access.visible_dossiers(request.user).filter(pk__in=ids).order_by("number"))
    dossiers = _changeable(request.user, visible)
    left_out = len(visible) - len(dossiers)
    if not dossiers:
        if left_out:
            messages.error(
                request,
                _(
                    "Je mag geen van de gekozen dossiers wijzigen, dus je kunt er geen brieven "
                    "voor maken."
                ),
            )
        else:
            messages.error(request, _("Kies minstens één dossier."))
        return None, redirect(back or "home")
    if left_out:
        messages.warning(
            request,
            ngettext(
                "%(count)d gekozen dossier blijft buiten deze brieven: je mag het niet wijzigen.",
                "%(count)d gekozen dossiers blijven buiten deze brieven: je mag ze niet wijzigen.",
                left_out,
            )
            % {"count": left_out},
        )
    return dossiers, None


def _invitation_sessions(dossiers) -> tuple[list[dict], dict]:
    """The LAC session of each dossier an invitation goes to (water and energy), and what the
    form must still ask: `need_date` when a dossier has no known session, `need_time` when a
    known session has no time."""
    invited = [d for d in dossiers if d.kind in (Dossier.Kind.WATER, Dossier.Kind.ENERGIE)]
    known = queries.invitation_sessions(invited)
    today = timezone.localdate()
    rows = []
    for dossier in invited:
        session = known.get(dossier.pk)
        notice = rules.short_notice(dossier, session.date, today) if session else None
        rows.append({"dossier": dossier, "session": session, "notice": notice})
    without = sum(1 for row in rows if row["session"] is None)
    need_time = any(row["session"] is not None and not row["session"].time for row in rows)
    return rows, {"need_date": bool(without), "need_time": need_time, "without": without}


@require_POST
def batch_create(request):
    """Letters for a selection of dossiers, e.g. from a worklist: POST `dossiers` (ids, repeated),
    optionally `letter_type` (`uitnodiging_lac`, `laatste_brief`, `vrije_brief`) and `terug` (the
    page to go back to). The LAC invitation takes each dossier's own session when it is known and
    asks a date only for the dossiers without one."""
    back = _safe_back(request)
    dossiers, refused = _batch_dossiers(request, back)
    if refused is not None:
        return refused
    code = request.POST.get("letter_type", "")
    choices = batch_letter_choices()
    if code not in dict(choices):
        return render(
            request,
            "outreach/batch_form.html",
            {"dossiers": dossiers, "choices": choices, "back": back},
        )
    confirmed = "bevestigen" in request.POST
    data = request.POST if confirmed else None
    sessions, per_dossier = [], {}
    if code == next_step.INVITATION:
        sessions, needs = _invitation_sessions(dossiers)
        per_dossier = {
            row["dossier"].pk: row["session"].options() for row in sessions if row["session"]
        }
        initial = {"session_place": ", ".join(Organisation.get().address_lines)}
        options_form = BatchInvitationOptionsForm(data, prefix="opties", initial=initial, **needs)
    else:
        options_class = letters.get_letter_type(code).options_form
        options_form = options_class(data, prefix="opties") if options_class else None
    form = BatchForm(data, choices=choices, initial={"letter_type": code})
    if confirmed and form.is_valid() and (options_form is None or options_form.is_valid()):
        options = options_form.cleaned_data if options_form else {}
        sent_on = timezone.localdate() if form.cleaned_data["mark_sent"] else None
        try:
            batch = actions.letters_generate_batch(
                dossiers,
                code,
                actor=request.user,
                sent_on=sent_on,
                options_per_dossier=per_dossier,
                origin_url=back,
                origin_label=_("Terug naar de werklijst") if back else "",
                **options,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("outreach:batch_detail", batch.pk)
    return render(
        request,
        "outreach/batch_options.html",
        {
            "dossiers": dossiers,
            "code": code,
            "label": dict(choices)[code],
            "form": form,
            "options_form": options_form if options_form and options_form.fields else None,
            "sessions": sessions,
            "short_notice": _short_notice([row["notice"] for row in sessions]),
            "back": back,
        },
    )


def _short_notice(notices) -> str:
    notices = [notice for notice in notices if notice is not None]
    return rules.short_notice_message(notices) if notices else ""


def _batch_for(request, batch_id):
    """A batch is only for users who may see every dossier in it."""
    batch = get_object_or_404(LetterBatch, pk=batch_id)
    batch_letters = list(batch.letters.select_related("dossier").order_by("dossier__number"))
    dossier_ids = {letter.dossier_id for letter in batch_letters}
    visible = set(
        access.visible_dossiers(request.user)
        .filter(pk__in=dossier_ids)
        .values_list("pk", flat=True)
    )
    if not batch_letters or visible != dossier_ids:
        raise Http404
    return batch, batch_letters


@require_GET
def batch_detail(request, batch_id):
    batch, batch_letters = _batch_for(request, batch_id)
    audit.record_list_read(
        request.user,
        Letter,
        [letter.pk for letter in batch_letters],
        purpose="reeks brieven bekijken",
    )
    return render(
        request,
        "outreach/batch_detail.html",
        {
            "batch": batch,
            "letters": batch_letters,
            "short_notice": _short_notice(rules.letter_short_notices(batch_letters)),
        },
    )


@require_GET
def batch_download(request, batch_id):
    batch, batch_letters = _batch_for(request, batch_id)
    for letter in batch_letters:
        audit.record_read(request.user, letter, purpose="reeks brieven downloaden")
    return FileResponse(
        batch.file.open("rb"),
        as_attachment=True,
        filename=f"brieven-{batch.created_at:%Y%m%d}-{batch.pk}.docx",
        content_type=documents.DOCX_CONTENT_TYPE,
    )
