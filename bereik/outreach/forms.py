from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bereik.accounts import roles
from bereik.accounts.choices import PersonChoiceField
from bereik.lib import documents, filecheck
from bereik.lib.forms import DateInput, VersionedForm
from bereik.outreach import queries, rules
from bereik.outreach.models import (
    ContactAttempt,
    PartOfDay,
    PlannedVisit,
    current_part_of_day,
)


def workers():
    """Who makes contact attempts and home visits."""
    return roles.users_with(*roles.CONTACT_RECORDERS)


class AttemptForm(forms.Form):
    """Quick to fill in on a phone: everything has a sensible default but the result."""

    kind = forms.ChoiceField(label=_("Soort contact"), choices=ContactAttempt.Kind.choices)
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    part_of_day = forms.ChoiceField(
        label=_("Dagdeel"), choices=PartOfDay.choices, widget=forms.RadioSelect
    )
    result = forms.ChoiceField(
        label=_("Resultaat"), choices=ContactAttempt.Result.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Notitie"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    performed_by = PersonChoiceField(label=_("Wie"), queryset=None, required=False)
    # Shown only when the part of the day puts this attempt before one already recorded that day.
    order_confirmed = forms.BooleanField(
        label=_("Ja, dit gebeurde eerder op de dag"), required=False
    )

    def __init__(self, *args, user=None, dossier=None, replacing=None, **kwargs):
        """`dossier`: compare the part of the day with the attempts already recorded that day;
        `replacing`: the attempt a correction replaces (not compared with itself)."""
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("date", timezone.localdate())
        initial.setdefault("part_of_day", current_part_of_day())
        if user is not None:
            initial.setdefault("performed_by", user.pk)
        super().__init__(*args, **kwargs)
        self.fields["performed_by"].holding(*roles.CONTACT_RECORDERS)
        self.fields["performed_by"].empty_label = _("(niemand van de dienst)")
        self.dossier, self.replacing = dossier, replacing
        self.later_that_day: list[ContactAttempt] = []

    @property
    def asks_order(self) -> bool:
        """Whether the form shows the confirmation that the attempt came earlier that day."""
        return bool(self.later_that_day) or bool(self.data.get(self.add_prefix("order_confirmed")))

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise ValidationError(_("Een contactpoging kan niet in de toekomst liggen."))
        return date

    def clean(self):
        data = super().clean()
        if (
            data.get("result") == ContactAttempt.Result.NOT_HOME
            and data.get("kind")
            and data["kind"] not in ContactAttempt.VISIT_KINDS
        ):
            self.add_error(
                "result", _("'Niet thuis' past alleen bij een huisbezoek. Kies 'Geen reactie'.")
            )
        self._check_order(data)
        return data

    def _check_order(self, data):
        """Within a day, attempts are ordered by part of the day, then by when they were recorded,
        and the volgende stap follows the last one. A part of the day earlier than an attempt
        already recorded that day puts this one before it: say so, and ask to choose the right
        part of the day or to confirm that it came first."""
        day, part = data.get("date"), data.get("part_of_day")
        if self.dossier is None or day is None or not part or data.get("order_confirmed"):
            return
        later = queries.attempts_later_that_day(self.dossier, day, part, excluding=self.replacing)
        if not later:
            return
        self.later_that_day = later
        parts = dict(PartOfDay.choices)
        self.add_error(
            "part_of_day",
            _(
                "Op %(date)s staat al een contactpoging van later op de dag: %(later)s. Met "
                "‘%(part)s’ komt deze poging daarvóór, en de volgende stap gaat uit van wat het "
                "laatst gebeurde. Kies het dagdeel waarop het echt gebeurde, of vink hieronder "
                "aan dat het eerder op de dag was."
            )
            % {
                "date": day.strftime("%d/%m/%Y"),
                "later": ", ".join(
                    f"{attempt.get_kind_display()} ({attempt.get_part_of_day_display()})"
                    for attempt in later
                ),
                "part": parts.get(part, part),
            },
        )


class CorrectionForm(VersionedForm, AttemptForm):
    reason = forms.CharField(
        label=_("Reden van de correctie"), widget=forms.Textarea(attrs={"rows": 2})
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom schrappen?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Bijvoorbeeld: bij het verkeerde dossier ingevuld. De poging blijft zichtbaar "
            "in de geschiedenis."
        ),
    )


class VisitForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort bezoek"), choices=PlannedVisit.KINDS)
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    part_of_day = forms.ChoiceField(
        label=_("Dagdeel"),
        choices=PartOfDay.choices,
        widget=forms.RadioSelect,
        initial=PartOfDay.MORNING,
    )
    worker = PersonChoiceField(label=_("Medewerker"), queryset=None)
    note = forms.CharField(label=_("Notitie"), required=False, max_length=300)

    def __init__(self, *args, user=None, **kwargs):
        initial = kwargs.setdefault("initial", {})
        if user is not None:
            initial.setdefault("worker", user.pk)
        super().__init__(*args, **kwargs)
        self.fields["worker"].holding(*roles.CONTACT_RECORDERS)

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date < timezone.localdate():
            raise ValidationError(_("Plan een bezoek vandaag of later."))
        return date


class CancelVisitForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), max_length=300)


class LetterSendForm(forms.Form):
    """Asked with every letter: does it go out today, the letter's date (posted, left in the
    letterbox, handed over)? One that goes out later is marked as sent then (MarkSentForm)."""

    mark_sent = forms.BooleanField(
        label=_(
            "De brief vertrekt vandaag: verstuurd, achtergelaten of afgegeven "
            "(telt als contactpoging)"
        ),
        required=False,
        help_text=_(
            "Vertrekt hij later? Laat dit leeg en duid hem op het dossier aan als verstuurd "
            "wanneer hij vertrekt, met de datum waarop."
        ),
    )


class MarkSentForm(forms.Form):
    """The day a letter went out: empty for today; not before the letter's own date, not on a
    day still to come."""

    sent_on = forms.DateField(
        label=_("Verstuurd op"),
        widget=DateInput(),
        required=False,
        error_messages={"invalid": _("‘Verstuurd op’ is geen geldige datum.")},
    )

    def __init__(self, *args, letter=None, **kwargs):
        self.letter = letter
        super().__init__(*args, **kwargs)

    def clean_sent_on(self):
        today = timezone.localdate()
        sent_on = self.cleaned_data.get("sent_on") or today
        if self.letter is not None:
            problem = rules.sent_on_problem(self.letter.date, sent_on, today)
            if problem:
                raise ValidationError(problem)
        return sent_on


# --- options of the built-in letter types -------------------------------------------------------


class InvitationOptionsForm(forms.Form):
    session_date = forms.DateField(label=_("Datum van de LAC-zitting"), widget=DateInput())
    session_time = forms.CharField(
        label=_("Uur"), max_length=40, help_text=_("Bijvoorbeeld: 14.00 uur")
    )
    session_place = forms.CharField(label=_("Plaats"), max_length=200)


class BatchInvitationOptionsForm(InvitationOptionsForm):
    """The LAC invitations of a selection: each dossier's own session when it is known; asked here
    only what some dossiers lack (`need_date`: date, time and place; `need_time`: the time)."""

    def __init__(self, *args, need_date=False, need_time=False, without=0, **kwargs):
        super().__init__(*args, **kwargs)
        if need_date:
            help_text = ngettext(
                "Voor het dossier zonder gekende zitting.",
                "Voor de %(count)d dossiers zonder gekende zitting.",
                without,
            ) % {"count": without}
            self.fields["session_date"].help_text = help_text
        else:
            del self.fields["session_date"], self.fields["session_place"]
            if not need_time:
                del self.fields["session_time"]
            else:
                self.fields["session_time"].help_text = _(
                    "Voor de zittingen waarvan het uur nog niet gekend is, bijvoorbeeld: 14.00 uur"
                )


class NotAtHomeOptionsForm(forms.Form):
    visit_date = forms.DateField(label=_("Datum van het huisbezoek"), widget=DateInput())
    appointment_date = forms.DateField(label=_("Nieuwe afspraak op"), widget=DateInput())
    appointment_part = forms.ChoiceField(
        label=_("Dagdeel van de afspraak"),
        choices=[(PartOfDay.MORNING, _("voormiddag")), (PartOfDay.AFTERNOON, _("namiddag"))],
        widget=forms.RadioSelect,
    )
    plan_visit = forms.BooleanField(
        label=_("Het aangekondigde huisbezoek in mijn agenda zetten"), required=False, initial=True
    )

    def clean(self):
        data = super().clean()
        visit, appointment = data.get("visit_date"), data.get("appointment_date")
        if visit and appointment and appointment <= visit:
            self.add_error("appointment_date", _("De afspraak komt na het huisbezoek."))
        if appointment and appointment.weekday() >= 5:
            self.add_error("appointment_date", _("Kies een werkdag."))
        return data


class FreeLetterOptionsForm(forms.Form):
    subject = forms.CharField(label=_("Onderwerp"), max_length=200)
    body = forms.CharField(
        label=_("Tekst"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Een lege regel begint een nieuwe alinea. Aanspreking en groet komen er vanzelf bij."
        ),
    )


# --- beheer -------------------------------------------------------------------------------------


class TemplateUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Nieuw sjabloon (.docx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx," + documents.DOCX_CONTENT_TYPE}),
    )

    def __init__(self, *args, letter_type=None, **kwargs):
        self.letter_type = letter_type
        super().__init__(*args, **kwargs)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".docx"):
            raise ValidationError(_("Kies een Word-bestand dat eindigt op .docx."))
        data = upload.read()
        documents.validate_docx_template(data, self.letter_type.all_placeholders)
        self.cleaned_data["data"] = data
        return upload


class BrochureForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"), max_length=200, initial="Goed geregeld is geld gespaard"
    )
    file = forms.FileField(
        label=_("Brochure (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.BEREIK_MAX_UPLOAD_BYTES:
            raise ValidationError(_("Het bestand is te groot."))
        try:
            kind = filecheck.sniff(upload)
        except filecheck.UnsafeFile as error:
            raise ValidationError(filecheck.refusal(error, upload.name)) from None
        if kind != "pdf":
            raise ValidationError(_("Dit is geen PDF-bestand."))
        return upload


class HandoverForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    note = forms.CharField(label=_("Notitie"), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("date", timezone.localdate())
        super().__init__(*args, **kwargs)


class BatchForm(forms.Form):
    letter_type = forms.ChoiceField(label=_("Brief"))
    mark_sent = forms.BooleanField(
        label=_("De brieven worden vandaag verstuurd (telt als contactpoging)"), required=False
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["letter_type"].choices = choices
