"""What a session prints and sends: the preparation overview and the minutes (PDF), the decision
letters and the invitations (Word, kept on each dossier by bereik.outreach)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from bereik.accounts import roles
from bereik.dossiers import access
from bereik.lac import actions, letters, policy
from bereik.lac.preparation import preparation_for
from bereik.lac.views.shared import (
    download,
    forbid_unless,
    item_for,
    items_of,
    log_read,
    session_for,
    validation_messages,
)
from bereik.lib.documents import DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE, render_pdf
from bereik.organisation.models import Organisation


def session_overview_pdf(request, pk):
    session = session_for(request.user, pk)
    forbid_unless(policy.can_view_session(request.user, session))
    items = list(items_of(request.user, session))
    log_read(request.user, session, items, purpose="LAC-voorbereiding afdrukken")
    preparation = preparation_for(items)
    pdf = render_pdf(
        "lac/pdf/overview.html",
        {
            "session": session,
            "rows": [{"item": item, "prep": preparation[item.pk]} for item in items],
            "organisation": Organisation.get(),
            "printed_at": timezone.localtime(),
        },
    )
    return download(pdf, PDF_CONTENT_TYPE, f"lac-voorbereiding-{session.date:%Y-%m-%d}.pdf")


def session_minutes_pdf(request, pk):
    session = session_for(request.user, pk)
    forbid_unless(policy.can_view_session(request.user, session))
    items = list(items_of(request.user, session))
    log_read(request.user, session, items, purpose="LAC-verslag afdrukken")
    pdf = render_pdf(
        "lac/pdf/minutes.html",
        {
            "session": session,
            "items": items,
            "corrections": session.corrections.select_related("item__dossier"),
            "organisation": Organisation.get(),
            "printed_at": timezone.localtime(),
        },
    )
    return download(pdf, PDF_CONTENT_TYPE, f"lac-verslag-{session.date:%Y-%m-%d}.pdf")


@require_POST  # it makes a letter and records it: never on a plain GET (a link, a prefetch)
def item_letter(request, pk, recipient):
    item = item_for(request.user, pk)
    session = item.session
    forbid_unless(policy.can_record_session(request.user, session))
    if recipient not in letters.RECIPIENTS:
        raise Http404
    if not item.advice:
        messages.error(request, _("Er is nog geen advies voor dit dossier."))
        return redirect(session)
    data = actions.decision_letters_create([item], recipient, actor=request.user)
    # The dossier number, not the name: file names end up in download folders and logs.
    return download(
        data,
        DOCX_CONTENT_TYPE,
        f"lac-beslissing-{recipient}-{session.date:%Y-%m-%d}-{item.dossier.number}.docx",
    )


@require_POST
def session_letters(request, pk, recipient):
    session = session_for(request.user, pk)
    forbid_unless(policy.can_record_session(request.user, session))
    if recipient not in letters.RECIPIENTS:
        raise Http404
    items = [item for item in items_of(request.user, session) if item.advice]
    if not items:
        messages.error(request, _("Er is nog geen advies genoteerd."))
        return redirect(session)
    data = actions.decision_letters_create(items, recipient, actor=request.user)
    return download(
        data, DOCX_CONTENT_TYPE, f"lac-beslissingen-{recipient}-{session.date:%Y-%m-%d}.docx"
    )


@require_POST
def session_invitations(request, pk):
    """The invitations of the session's households as one Word file to print (bereik.outreach
    stores each letter on its dossier and shows the batch)."""
    session = session_for(request.user, pk)
    forbid_unless(policy.can_plan_session(request.user, session) and not session.is_closed)
    dossiers = [item.dossier for item in items_of(request.user, session)]
    if not request.user.has_role(*roles.CHANGE_ALL_DOSSIERS):
        dossiers = [d for d in dossiers if access.can_change_dossier(request.user, d)]
    sent_on = timezone.localdate() if request.POST.get("verstuurd") else None
    try:
        batch, already = actions.session_invitations_create(
            session, dossiers, sent_on=sent_on, actor=request.user
        )
    except ValidationError as error:
        validation_messages(request, error)
        return redirect(session)
    if already:
        messages.info(
            request,
            ngettext(
                "%(count)d gezin kreeg al een uitnodiging voor deze zitting en zit er niet bij.",
                "%(count)d gezinnen kregen al een uitnodiging voor deze zitting en zitten er "
                "niet bij.",
                already,
            )
            % {"count": already},
        )
    return redirect("outreach:batch_detail", batch.pk)
