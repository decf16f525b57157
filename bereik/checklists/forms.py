"""Forms of the guiding questions. `ChecklistForm` is what a phone page renders with
`checklists/partials/checklist_form.html`: one Ja / Nee / Weet niet choice per question and a
note; `answers()` gives what `actions.checklist_fill` takes."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from bereik.checklists.models import Checklist, Question, Reply
from bereik.followup.models import ExternalOrganisation
from bereik.lib.forms import VersionedForm


@dataclass(frozen=True)
class Row:
    question: Question
    field: forms.BoundField


class ChecklistForm(forms.Form):
    note = forms.CharField(
        label=_("Notitie voor de maatschappelijk werker (optioneel)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat het gezin zelf vertelde en belangrijk is voor de doorverwijzing."),
    )

    def __init__(self, data=None, *, checklist: Checklist, questions=None, **kwargs):
        super().__init__(data, **kwargs)
        self.checklist = checklist
        if questions is None:
            questions = checklist.questions.filter(active=True).order_by("order", "id")
        self.questions = list(questions)
        for question in self.questions:
            self.fields[self.field_name(question)] = forms.ChoiceField(
                label=question.text,
                help_text=question.help_text,
                choices=Reply.choices,
                required=False,
                widget=forms.RadioSelect,
            )
        # The note comes after the questions.
        self.order_fields([self.field_name(q) for q in self.questions] + ["note"])

    @staticmethod
    def field_name(question: Question) -> str:
        return f"vraag_{question.pk}"

    @property
    def rows(self) -> list[Row]:
        return [Row(question, self[self.field_name(question)]) for question in self.questions]

    def clean(self):
        cleaned = super().clean()
        if self.questions and not any(cleaned.get(self.field_name(q)) for q in self.questions):
            raise forms.ValidationError(_("Beantwoord minstens één vraag."))
        return cleaned

    def answers(self) -> dict:
        """Question → reply, for the questions answered."""
        return {
            question: self.cleaned_data[self.field_name(question)]
            for question in self.questions
            if self.cleaned_data.get(self.field_name(question))
        }


class ReferForm(forms.Form):
    contact_person = forms.CharField(
        label=_("Contactpersoon bij de dienst (als je die kent)"),
        required=False,
        max_length=150,
    )


class ChecklistAdminForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Checklist
        fields = ["name", "intro", "order", "active"]


class QuestionForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Question
        fields = [
            "text",
            "help_text",
            "suggest_on",
            "suggestion",
            "target",
            "team",
            "help_kind",
            "organisation",
            "order",
            "active",
        ]
        widgets = {"suggest_on": forms.RadioSelect, "target": forms.RadioSelect}

    def __init__(self, *args, checklist: Checklist, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.checklist = checklist
        if self.instance.pk is None:
            last = checklist.questions.order_by("-order").values_list("order", flat=True).first()
            self.initial.setdefault("order", (last or 0) + 10)
        current = self.instance.organisation_id
        organisations = ExternalOrganisation.objects.filter(active=True)
        if current:
            organisations = organisations | ExternalOrganisation.objects.filter(pk=current)
        self.fields["organisation"].queryset = organisations.order_by("order", "name")
