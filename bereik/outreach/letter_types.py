"""The practice's own letters (registered from OutreachConfig.ready()).

A letter type may act once its letter is stored (`on_created`): the not-at-home letter plans the
announced visit it proposes. The letters action calls that hook; this module depends on the
actions, never the other way round."""

from django.utils.translation import gettext_lazy as _

from bereik.lib import documents
from bereik.organisation.models import Organisation
from bereik.outreach import actions, forms, models, next_step, queries
from bereik.outreach.letters import TEMPLATE_DIR, register_letter_type
from bereik.outreach.models import ContactAttempt

DEFAULT_BROCHURE_TITLE = models.DEFAULT_BROCHURE_TITLE
# Alias for letters_generate_batch: the LAC invitation that fits each dossier's kind.
INVITATION = next_step.INVITATION


def _invitation_context(dossier, *, session_date=None, session_time="", session_place="", **extra):
    if session_date is None and dossier.deadline_kind == "lac":
        session_date = dossier.deadline
    return {
        "lac_datum": documents.format_date(session_date, weekday=True) or "…",
        "lac_uur": session_time or "…",
        "lac_plaats": session_place or ", ".join(Organisation.get().address_lines) or "…",
    }


def _not_at_home_context(
    dossier, *, visit_date=None, appointment_date=None, appointment_part="", **extra
):
    return {
        "bezoek_datum": documents.format_date(visit_date, weekday=True),
        "afspraak_datum": documents.format_date(appointment_date, weekday=True),
        "afspraak_dagdeel": appointment_part or next_step.MORNING,
    }


def _plan_announced_visit(letter, options, actor):
    dossier = letter.dossier
    worker = actor if getattr(actor, "is_authenticated", False) else None
    worker = worker or dossier.contact_person or dossier.assigned_to
    if options.get("plan_visit") and options.get("appointment_date") and worker is not None:
        actions.visit_plan(
            dossier,
            worker=worker,
            date=options["appointment_date"],
            part_of_day=options.get("appointment_part") or next_step.MORNING,
            kind=ContactAttempt.Kind.ANNOUNCED_VISIT,
            letter=letter,
            note=str(_("Aangekondigd in de niet-thuisbrief")),
            actor=actor,
        )


def _last_letter_context(dossier, **extra):
    return {"brochure_titel": queries.brochure_title()}


def _free_letter_context(dossier, *, subject="", body="", **extra):
    return {"onderwerp": subject, "tekst": documents.MultilineText(body)}


INVITATION_PLACEHOLDERS = {
    "lac_datum": "dinsdag 15 december 2026",
    "lac_uur": "14.00 uur",
    "lac_plaats": "Kazernestraat 13, 3800 Sint-Truiden",
}


def register():
    register_letter_type(
        next_step.INVITATION_WATER,
        _("Uitnodiging LAC water"),
        default_template=TEMPLATE_DIR / "uitnodiging_lac_water.docx",
        placeholders=INVITATION_PLACEHOLDERS,
        build_context=_invitation_context,
        description=_("Persoonlijke uitnodiging voor de LAC-zitting water."),
        options_form=forms.InvitationOptionsForm,
        applies_to=lambda dossier: dossier.kind == "water",
    )
    register_letter_type(
        next_step.INVITATION_ENERGY,
        _("Uitnodiging LAC elektriciteit en gas"),
        default_template=TEMPLATE_DIR / "uitnodiging_lac_energie.docx",
        placeholders=INVITATION_PLACEHOLDERS,
        build_context=_invitation_context,
        description=_("Persoonlijke uitnodiging voor de LAC-zitting elektriciteit en gas."),
        options_form=forms.InvitationOptionsForm,
        applies_to=lambda dossier: dossier.kind == "energie",
    )
    register_letter_type(
        next_step.NOT_AT_HOME,
        _("Niet-thuisbrief met nieuwe afspraak"),
        default_template=TEMPLATE_DIR / "niet_thuis.docx",
        placeholders={
            "bezoek_datum": "vrijdag 27 november 2026",
            "afspraak_datum": "vrijdag 4 december 2026",
            "afspraak_dagdeel": "voormiddag",
        },
        build_context=_not_at_home_context,
        description=_(
            "Achterlaten in de brievenbus na een onaangekondigd huisbezoek waarbij niemand thuis "
            "was; stelt een nieuwe afspraak voor."
        ),
        options_form=forms.NotAtHomeOptionsForm,
        on_created=_plan_announced_visit,
    )
    register_letter_type(
        next_step.LAST_LETTER,
        _("Laatste brief met brochure"),
        default_template=TEMPLATE_DIR / "laatste_brief.docx",
        placeholders={"brochure_titel": DEFAULT_BROCHURE_TITLE},
        build_context=_last_letter_context,
        description=_(
            "Na een aangekondigd huisbezoek zonder antwoord: vraagt om te reageren, met de "
            "brochure en de openingsuren."
        ),
        encloses_brochure=True,
    )
    register_letter_type(
        "vrije_brief",
        _("Vrije brief"),
        default_template=TEMPLATE_DIR / "vrije_brief.docx",
        placeholders={
            "onderwerp": "uw afspraak bij het OCMW",
            "tekst": "De tekst die u in Bereik typt.",
        },
        build_context=_free_letter_context,
        description=_("Een brief met een eigen onderwerp en tekst, op het briefpapier."),
        options_form=forms.FreeLetterOptionsForm,
    )
