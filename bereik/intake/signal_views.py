"""A signal entered by hand (onthaal, preventiewerker, social worker): the signal and its
household, then the open dossiers and register clients that look like the same household, then
storing it in the dossier chosen or a new one. Its attachment is downloaded like a court
document: by whoever may see its dossier."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from bereik import audit
from bereik.accounts import roles
from bereik.dossiers import access
from bereik.dossiers.models import Signal
from bereik.intake import lookalikes
from bereik.intake.actions.signals import signal_enter
from bereik.intake.signal_forms import SignalForm, TargetForm
from bereik.lib import filecheck

CHECK, SAVE, EDIT = "controleren", "opslaan", "wijzigen"


def signal_new(request):
    if not roles.can_enter_signal(request.user):
        raise PermissionDenied
    step = request.POST.get("stap", "")
    form = SignalForm(request.POST or None, can_see_insz=roles.can_see_insz(request.user))
    if request.method == "POST" and step != EDIT and form.is_valid():
        found = lookalikes.find(form.lookalike_query(), user=request.user)
        target = TargetForm(
            request.POST if step == SAVE else None,
            request.FILES if step == SAVE else None,
            found=found,
            dossier_kind=form.dossier_kind,
            visible_dossiers=access.visible_dossiers(request.user),
            can_link=roles.can_triage(request.user),
        )
        if step == SAVE and target.is_valid():
            response = _save(request, form, target)
            if response is not None:
                return response
        _record_reads(request.user, found)
        return render(
            request,
            "intake/signal_check.html",
            {"form": form, "target": target, "found": found, "dossier_kind": form.dossier_kind},
        )
    return render(request, "intake/signal_form.html", {"form": form})


def _save(request, form, target):
    upload = target.cleaned_data.get("attachment")
    try:
        signal = signal_enter(
            **form.action_fields(),
            dossier=target.cleaned_data["dossier"],
            client_id=target.client_id(),
            attachment=upload.read() if upload else None,
            attachment_name=upload.name if upload else "",
            actor=request.user,
        )
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            target.add_error(field if field in target.fields else None, errors)
        return None
    dossier = signal.dossier
    text = (
        _("Het signaal is geregistreerd in een nieuw dossier, %(number)s.")
        if signal.opened
        else _("Het signaal is toegevoegd aan dossier %(number)s.")
    )
    messages.success(request, text % {"number": dossier.number})
    for problem in signal.follow_up_problems:
        messages.warning(request, problem)
    if access.can_view_dossier(request.user, dossier):
        return redirect(dossier.get_absolute_url() + "#sectie-signalen")
    messages.info(
        request,
        _("Het dossier wordt opgevolgd door een collega; je kunt het zelf niet openen."),
    )
    return redirect("intake:signal_new")


def _record_reads(user, found) -> None:
    """The households shown are personal data: each read is in the audit trail."""
    for item in [*found.dossiers, *found.clients]:
        if item.visible and item.obj is not None:
            audit.record_read(user, item.obj, purpose="signaal registreren")


def signal_attachment(request, pk):
    """The attachment of a signal entered by hand, for whoever may see its dossier."""
    signal = get_object_or_404(Signal, pk=pk)
    if signal.dossier_id is None or not signal.attachment:
        raise Http404
    access.get_dossier_for(request.user, signal.dossier_id)
    audit.record_read(request.user, signal, purpose="bijlage van een signaal downloaden")
    try:
        stream = signal.attachment.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    try:
        kind = filecheck.sniff(stream)
    except filecheck.UnsafeFile:
        kind = None  # stored before the structure was checked: served as bytes, not as a kind
    return FileResponse(
        stream,
        as_attachment=True,
        filename=signal.attachment_name or "bijlage",
        content_type=filecheck.CONTENT_TYPES.get(kind, "application/octet-stream"),
    )
