from django import forms
from django.utils.translation import gettext_lazy as _

from bereik.accounts import roles
from bereik.clients.models import Client
from bereik.lib import insz as insz_lib
from bereik.lib.forms import DateInput, VersionedForm


class ClientForm(VersionedForm, forms.ModelForm):
    """Add or correct a client by hand. The INSZ is never shown in full: leave the field empty
    to keep the number on file."""

    version_masked = ("insz",)

    insz = forms.CharField(
        label=_("INSZ"),
        required=False,
        max_length=20,
        help_text=_("11 cijfers; punten, streepjes en spaties mogen."),
    )
    clear_insz = forms.BooleanField(label=_("Het INSZ wissen"), required=False)
    reason = forms.CharField(
        label=_("Reden van de wijziging"),
        required=False,
        max_length=200,
        help_text=_("Komt in de geschiedenis van de begeleiding als die wijzigt."),
    )

    class Meta:
        model = Client
        fields = [
            "client_number",
            "last_name",
            "first_name",
            "birth_date",
            "street",
            "house_number",
            "box",
            "postcode",
            "city",
            "phone",
            "guidance_status",
            "intensive_guidance",
            "guidance_end_date",
            "social_worker",
        ]
        widgets = {"birth_date": DateInput(), "guidance_end_date": DateInput()}

    def __init__(self, *args, can_see_insz: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["social_worker"].queryset = roles.followers()
        self.fields["social_worker"].label_from_instance = lambda u: u.get_full_name() or u
        self.fields["client_number"].required = False
        if self.instance.pk is None:
            self.fields["client_number"].help_text = _(
                "Leeg laten: Bereik geeft een nummer (B000001, ...)."
            )
            del self.fields["clear_insz"]
            del self.fields["reason"]
        else:
            self.fields["client_number"].required = True
            if self.instance.insz:
                self.fields["insz"].help_text = _(
                    "Leeg laten om het huidige INSZ (%(masked)s) te behouden."
                ) % {"masked": self.instance.insz_masked}
        if not can_see_insz:
            del self.fields["insz"]
            self.fields.pop("clear_insz", None)
        self.initial.pop("insz", None)

    def clean_insz(self):
        value = self.cleaned_data.get("insz", "")
        if not value:
            return ""
        if not insz_lib.is_valid(value):
            raise forms.ValidationError(_("Dit INSZ is niet geldig (controlegetal klopt niet)."))
        return insz_lib.normalize(value)

    def changes(self) -> dict:
        """The fields for client_create / client_update."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["client_number"] = (data.get("client_number") or "").strip()
        if self.cleaned_data.get("clear_insz"):
            data["insz"] = ""
        elif self.cleaned_data.get("insz"):
            data["insz"] = self.cleaned_data["insz"]
        worker = data.get("social_worker")
        if worker is not None:
            data["social_worker_name"] = worker.get_full_name()
        elif self.instance.pk and self.instance.social_worker_id is None:
            # Unchanged: keep a register name that matches no user of Bereik.
            data["social_worker_name"] = self.instance.social_worker_name
        else:
            data["social_worker_name"] = ""
        return data


class ClientSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=100,
        help_text=_("Naam of cliëntnummer"),
    )
    guidance = forms.ChoiceField(
        label=_("Begeleiding"),
        required=False,
        choices=[("", _("Alle")), *Client.Guidance.choices],
    )
