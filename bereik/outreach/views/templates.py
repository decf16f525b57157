"""The beheerder's letter templates (download, replace, restore) and the brochure (upload, print,
hand over to a household)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bereik.accounts import roles
from bereik.dossiers import access
from bereik.lib import documents
from bereik.outreach import actions, letters
from bereik.outreach.forms import BrochureForm, HandoverForm, TemplateUploadForm
from bereik.outreach.models import Brochure, LetterTemplate
from bereik.outreach.views.shared import back_to_section


def _require_beheerder(request):
    if not roles.is_beheerder(request.user):
        raise PermissionDenied


def _templates_page(request, *, failed_code="", failed_form=None, brochure_form=None, status=200):
    custom = {t.code: t for t in LetterTemplate.objects.select_related("uploaded_by")}
    rows = []
    for letter_type in letters.letter_types():
        form = failed_form if letter_type.code == failed_code else None
        rows.append(
            {
                "type": letter_type,
                "custom": custom.get(letter_type.code),
                "form": form or TemplateUploadForm(auto_id=f"sjabloon_{letter_type.code}_%s"),
                "open": letter_type.code == failed_code,
                "placeholders": sorted(letter_type.placeholders.items()),
            }
        )
    return render(
        request,
        "outreach/templates.html",
        {
            "rows": rows,
            "common": sorted(letters.COMMON_PLACEHOLDERS.items()),
            "brochure": Brochure.current(),
            "brochure_form": brochure_form or BrochureForm(auto_id="brochure_%s"),
        },
        status=status,
    )


@require_GET
def templates(request):
    _require_beheerder(request)
    return _templates_page(request)


def _letter_type_or_404(code):
    try:
        return letters.get_letter_type(code)
    except LookupError:
        raise Http404 from None


@require_POST
def template_upload(request, code):
    _require_beheerder(request)
    letter_type = _letter_type_or_404(code)
    form = TemplateUploadForm(
        request.POST, request.FILES, letter_type=letter_type, auto_id=f"sjabloon_{code}_%s"
    )
    if form.is_valid():
        try:
            actions.letter_template_upload(
                code,
                form.cleaned_data["data"],
                original_name=form.cleaned_data["file"].name,
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(
                request,
                _("Het nieuwe sjabloon voor ‘%(label)s’ is in gebruik.")
                % {"label": letter_type.label},
            )
            return redirect("outreach:templates")
    messages.error(
        request,
        _("Het sjabloon voor ‘%(label)s’ is geweigerd; het vorige blijft in gebruik.")
        % {"label": letter_type.label},
    )
    return _templates_page(request, failed_code=code, failed_form=form, status=400)


@require_GET
def template_download(request, code):
    _require_beheerder(request)
    letter_type = _letter_type_or_404(code)
    if request.GET.get("standaard"):
        data, suffix = letter_type.default_template.read_bytes(), "standaard"
    else:
        data, _version = letters.active_template(code)
        suffix = "in-gebruik"
    response = HttpResponse(data, content_type=documents.DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{code}-{suffix}.docx"'
    return response


@require_POST
def template_restore(request, code):
    _require_beheerder(request)
    letter_type = _letter_type_or_404(code)
    actions.letter_template_restore(code, actor=request.user)
    messages.success(
        request,
        _("‘%(label)s’ gebruikt opnieuw het standaardsjabloon.") % {"label": letter_type.label},
    )
    return redirect("outreach:templates")


@require_POST
def brochure_upload(request):
    _require_beheerder(request)
    form = BrochureForm(request.POST, request.FILES, auto_id="brochure_%s")
    if form.is_valid():
        try:
            actions.brochure_upload(
                title=form.cleaned_data["title"],
                data=form.cleaned_data["file"].read(),
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("De brochure is opgeladen."))
            return redirect("outreach:templates")
    return _templates_page(request, brochure_form=form, status=400)


@require_GET
def brochure_download(request):
    brochure = Brochure.current()
    if brochure is None:
        raise Http404
    return FileResponse(
        brochure.file.open("rb"),
        as_attachment=False,
        filename="brochure.pdf",
        content_type=documents.PDF_CONTENT_TYPE,
    )


@require_POST
def brochure_handover(request, pk):
    dossier = access.get_dossier_for(request.user, pk, change=True)
    form = HandoverForm(request.POST, auto_id="brochure_%s")
    if form.is_valid():
        actions.brochure_hand_over(
            dossier,
            date=form.cleaned_data["date"],
            note=form.cleaned_data["note"],
            actor=request.user,
        )
        messages.success(request, _("Genoteerd: de brochure is meegegeven."))
    else:
        messages.error(request, _("Geef een geldige datum."))
    return back_to_section(dossier)
