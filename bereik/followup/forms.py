from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from bereik.accounts import roles
from bereik.accounts.choices import PersonChoiceField
from bereik.accounts.models import Team, User
from bereik.followup.models import (
    AftercareRule,
    CellChecklistItem,
    ExternalOrganisation,
    ExternalReferral,
    InternalReferral,
    OutcomeCode,
    Proposal,
    RightCheck,
    RightGroup,
    RightItem,
    SupportRequest,
    WaterScan,
)
from bereik.lib import locking, values
from bereik.lib.forms import DateInput, VersionedForm


def apply_errors(form, error) -> None:
    """Show an action's ValidationError on the form: next to the field it names, else on top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class VisibilityMixin:
    """A 'who may see this' choice: everyone on the dossier, or only one of the writer's teams."""

    def add_visibility_field(self, user):
        self.user_teams = {team.pk: team for team in user.teams_by_name}
        choices = [("", _("Iedereen die het dossier mag zien"))] + [
            (str(pk), _("Alleen mijn team: %(team)s") % {"team": team})
            for pk, team in self.user_teams.items()
        ]
        self.fields["visibility"] = forms.ChoiceField(
            label=_("Zichtbaar voor"), choices=choices, required=False
        )

    def clean_visibility(self):
        value = self.cleaned_data.get("visibility")
        if not value:
            return None
        team = self.user_teams.get(int(value))
        if team is None:
            raise forms.ValidationError(_("Kies een van je eigen teams."))
        return team


class AmountField(forms.DecimalField):
    """An amount in euro as people in Belgium type it: 45,50 or 1.250,00 (or € 1 250)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return values.parse_amount(value)
        except values.ValueProblem as problem:
            raise forms.ValidationError(str(problem), code="invalid") from problem

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return number_format(value, decimal_pos=2)
        return value


class LocalizedAmountsMixin:
    """Amount fields typed the Belgian way (see AmountField)."""

    amount_fields: tuple = ()

    def localize_amounts(self):
        for name in self.amount_fields:
            old = self.fields[name]
            self.fields[name] = AmountField(
                label=old.label,
                required=old.required,
                help_text=old.help_text,
                max_digits=old.max_digits,
                decimal_places=old.decimal_places,
            )


class ProposalForm(LocalizedAmountsMixin, forms.ModelForm):
    amount_fields = ("amount_per_month",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.localize_amounts()

    class Meta:
        model = Proposal
        fields = [
            "conversation_date",
            "lac_options_discussed",
            "brochure_discussed",
            "arrangement",
            "amount_per_month",
            "months",
            "start_date",
            "arrangement_text",
            "client_agrees",
            "intensive_help_needed",
            "feedback",
        ]
        widgets = {
            "conversation_date": DateInput(),
            "start_date": DateInput(),
            "arrangement": forms.RadioSelect,
            "client_agrees": forms.RadioSelect,
            "arrangement_text": forms.Textarea(attrs={"rows": 3}),
            "feedback": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "feedback": _(
                "Wat de LAC-voorzitter moet weten voor de zitting. Bij route A geeft de "
                "maatschappelijk werker van de cliënt de terugkoppeling."
            ),
        }


class ReportForm(VersionedForm, forms.Form):
    """The sociaal verslag; its version is the number of the latest report (initial)."""

    text = forms.CharField(
        label=_("Sociaal verslag"), widget=forms.Textarea(attrs={"rows": 14}), strip=True
    )


@dataclass
class RightRow:
    """One right on the rights form: its status (radio buttons) and note, and how it stands."""

    item: RightItem
    status: forms.BoundField
    note: forms.BoundField

    @property
    def retired(self) -> bool:
        return not (self.item.active and self.item.group.active)

    @property
    def errors(self) -> list:
        return [*self.status.errors, *self.note.errors]

    @property
    def note_open(self) -> bool:
        """Show the note field: it holds a note, or something is wrong on this row."""
        return bool(self.note.value() or self.errors)

    @property
    def hidden_initial(self) -> str:
        """The values the worker saw, sent back with the form: only what she changed is saved."""
        return self.status.as_hidden(only_initial=True) + self.note.as_hidden(only_initial=True)


class RightsForm(forms.Form):
    """The algemeen rechtenonderzoek of one dossier: per right a status and a note, for the active
    rights plus retired ones this dossier uses.

    Each field sends back the value shown (a hidden initial), so `changes()` holds only the rights
    the worker changed, whatever others saved meanwhile. The submit button `MARK_REST` also puts
    every right nobody looked at yet on "na te gaan"."""

    MARK_REST = "alles_na_te_gaan"

    def __init__(self, *args, items, checks, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict: list[dict] = []
        self.items = items
        self.checks = checks
        self.mark_rest = self.is_bound and self.MARK_REST in self.data
        status_choices = [("", _("niet bekeken")), *RightCheck.Status.choices]
        for item in items:
            check = checks.get(item.pk)
            self.fields[f"status_{item.pk}"] = forms.ChoiceField(
                label=item.name,
                choices=status_choices,
                required=False,
                initial=check.status if check else "",
                widget=forms.RadioSelect,
                show_hidden_initial=True,
            )
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=_("Notitie bij %(right)s") % {"right": item.name},
                required=False,
                max_length=300,
                initial=check.note if check else "",
                show_hidden_initial=True,
            )
        self.rows = [
            RightRow(item, self[f"status_{item.pk}"], self[f"note_{item.pk}"]) for item in items
        ]

    @property
    def grouped_rows(self) -> list[tuple]:
        """(group, its rows, how many of them have a status) in the checklist's order."""
        groups = []
        for row in self.rows:
            if not groups or groups[-1][0] != row.item.group:
                groups.append((row.item.group, []))
            groups[-1][1].append(row)
        return [
            (group, rows, sum(1 for row in rows if row.item.pk in self.checks))
            for group, rows in groups
        ]

    @property
    def checked_count(self) -> int:
        return sum(1 for item in self.items if item.pk in self.checks)

    @property
    def status_counts(self) -> list[tuple[str, int]]:
        """(label, number of rights) for each status in use, in the checklist's order."""
        statuses = [check.status for check in self.checks.values()]
        return [
            (label, statuses.count(code))
            for code, label in RightCheck.Status.choices
            if code in statuses
        ]

    def _changed_rows(self):
        changed = set(self.changed_data)
        for row in self.rows:
            if row.status.name in changed or row.note.name in changed:
                yield row

    def clean(self):
        cleaned = super().clean()
        for row in self._changed_rows():
            status = cleaned.get(row.status.name)
            if status == "" and cleaned.get(row.note.name) and not self.mark_rest:
                self.add_error(
                    row.status.name,
                    _("Kies een status, of maak de notitie leeg."),
                )
        return cleaned

    def changes(self) -> dict:
        """RightItem id -> (status, note) of the rights the worker changed. A note on a right
        without status is "na te gaan" when she asked to mark the rest so."""
        result = {}
        for row in self._changed_rows():
            status = self.cleaned_data.get(row.status.name, "")
            note = self.cleaned_data.get(row.note.name, "")
            if not status and note and self.mark_rest:
                status = RightCheck.Status.TO_CHECK
            result[row.item.pk] = (status, note)
        return result

    def loaded(self) -> dict:
        """RightItem id -> (status, note) as the page showed them, for the changed rights: the
        version each change starts from (bereik.lib.locking). A post without them (not from the
        page) has nothing to compare."""
        return {
            row.item.pk: (
                self.data.get(self.add_initial_prefix(row.status.name), ""),
                (self.data.get(self.add_initial_prefix(row.note.name)) or "").strip(),
            )
            for row in self._changed_rows()
            if self.add_initial_prefix(row.status.name) in self.data
        }

    def show_conflict(self, stale: locking.StaleEdit) -> None:
        """Both versions of each right someone else changed meanwhile (`stale.current`: item,
        stored (status, note), yours); saving again keeps yours."""
        labels = dict(RightCheck.Status.choices)

        def show(status, note):
            text = str(labels.get(status, _("niet bekeken")))
            return f"{text}: {note}" if note else text

        self.add_error(None, stale)
        data = self.data.copy()
        for item, (status, note), (my_status, my_note) in stale.current:
            self.conflict.append(
                {
                    "label": item.name,
                    "theirs": show(status, note),
                    "yours": show(my_status, my_note),
                }
            )
            data[self.add_initial_prefix(f"status_{item.pk}")] = status
            data[self.add_initial_prefix(f"note_{item.pk}")] = note
        self.data = data


class SupportRequestForm(LocalizedAmountsMixin, forms.ModelForm):
    amount_fields = ("amount",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.localize_amounts()

    class Meta:
        model = SupportRequest
        fields = ["amount", "purpose", "submitted_on", "in_trajectory"]
        widgets = {"submitted_on": DateInput()}


class SupportDecisionForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = SupportRequest
        fields = ["decision", "decision_date", "decision_note"]
        widgets = {"decision_date": DateInput(), "decision": forms.RadioSelect}


class ReferralForm(forms.Form):
    to_team = forms.ModelChoiceField(label=_("Naar team"), queryset=Team.objects.none())
    help_kind = forms.ChoiceField(label=_("Soort hulp"), choices=InternalReferral.HelpKind.choices)
    reason = forms.CharField(
        label=_("Vraag en context"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat het team moet weten om het dossier op te nemen."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The Energie- en Watercel has its own form with the checklist.
        self.fields["to_team"].queryset = (
            Team.objects.exclude(pk__in=user.team_ids)
            .exclude(code=Team.ENERGIECEL)
            .order_by("name")
        )
        self.fields["help_kind"].choices = [
            choice
            for choice in InternalReferral.HelpKind.choices
            if choice[0] != InternalReferral.HelpKind.ENERGY
        ]


class CellReferralForm(forms.Form):
    checked = forms.ModelMultipleChoiceField(
        label=_("Nagekeken"),
        queryset=CellChecklistItem.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    reason = forms.CharField(
        label=_("Vraag aan de Energie- en Watercel"), widget=forms.Textarea(attrs={"rows": 4})
    )


class HandoverForm(forms.ModelForm):
    class Meta:
        model = ExternalReferral
        fields = [
            "organisation",
            "contact_person",
            "contact_details",
            "referred_on",
            "meeting_date",
            "reason",
        ]
        widgets = {
            "referred_on": DateInput(),
            "meeting_date": DateInput(),
            "reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = ExternalOrganisation.objects.filter(active=True)


class HandoverDecisionForm(forms.Form):
    result = forms.ChoiceField(
        label=_("Resultaat"),
        choices=[
            (ExternalReferral.Status.CONFIRMED, _("De dienst nam de cliënt op")),
            (ExternalReferral.Status.CANCELLED, _("Niet opgenomen")),
        ],
        widget=forms.RadioSelect,
    )
    confirmed_on = forms.DateField(label=_("Datum"), widget=DateInput())
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=300)


class WaterScanResultForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Resultaat"),
        choices=[
            (WaterScan.Status.DONE, _("uitgevoerd")),
            (WaterScan.Status.CANCELLED, _("geannuleerd")),
        ],
        widget=forms.RadioSelect,
    )
    done_on = forms.DateField(label=_("Uitgevoerd op"), widget=DateInput(), required=False)
    result = forms.CharField(
        label=_("Resultaat van de scan"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class NoteForm(VisibilityMixin, forms.Form):
    text = forms.CharField(label=_("Notitie"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_visibility_field(user)


class DocumentForm(VisibilityMixin, forms.Form):
    upload = forms.FileField(
        label=_("Bestand"),
        help_text=_("PDF, PNG, JPEG, Word (DOCX) of Excel (XLSX)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.docx,.xlsx"}),
    )
    description = forms.CharField(label=_("Omschrijving"), required=False, max_length=200)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_visibility_field(user)


class TaskForm(forms.Form):
    description = forms.CharField(label=_("Taak"), max_length=300)
    assignee = PersonChoiceField(label=_("Voor wie"), queryset=User.objects.none())
    due_date = forms.DateField(label=_("Tegen"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].holding(*roles.DOSSIER_WRITERS)


class CloseForm(forms.Form):
    outcome = forms.ModelChoiceField(
        label=_("Uitkomst"), queryset=OutcomeCode.objects.filter(active=True)
    )
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, dossier=None, **kwargs):
        super().__init__(*args, **kwargs)
        if dossier is not None:  # the outcomes for every dossier and those of its kind
            self.fields["outcome"].queryset = OutcomeCode.objects.filter(
                Q(dossier_kind="") | Q(dossier_kind=dossier.kind), active=True
            )


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Reden om te heropenen"), max_length=500)


class ReturnReferralForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden om terug te sturen"), widget=forms.Textarea(attrs={"rows": 2})
    )


# --- Beheer: the configurable lists ------------------------------------------------------------


class RightGroupForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = RightGroup
        fields = ["name", "order", "active"]


class RightItemForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = RightItem
        fields = ["name", "group", "order", "active"]


class OutcomeCodeForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = OutcomeCode
        fields = ["name", "order", "note_required", "dossier_kind", "active"]


class ExternalOrganisationForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = ExternalOrganisation
        fields = ["name", "phone", "email", "address", "order", "active"]


class CellChecklistItemForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = CellChecklistItem
        fields = ["name", "order", "active"]


class AftercareRuleForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = AftercareRule
        fields = ["name", "months", "outcomes", "task_description", "order", "active"]
        widgets = {"outcomes": forms.CheckboxSelectMultiple}
