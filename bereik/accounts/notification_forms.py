from django import forms
from django.utils.translation import gettext_lazy as _

from bereik.accounts.models import Mail, Notification, Role
from bereik.lib import locking
from bereik.lib.forms import VersionedForm

Delivery = Notification.Delivery


class DeliveryChoicesForm(VersionedForm, forms.Form):
    """One radio group per kind: how it reaches the user (their page) or a role's users by
    default (the beheerder's page). Each group says who gets the kind and why. Its version is
    that of the choices it shows (`locking.version_of_values`), so a second save from a page
    loaded before someone else saved is refused (ADR 0025)."""

    def __init__(self, *args, kinds, initial_choices: dict[str, str], defaults=None, **kwargs):
        super().__init__(*args, **kwargs)
        shown = {info.kind: initial_choices[info.kind] for info in kinds}
        self.fields["version"].initial = locking.version_of_values(shown)
        self.kinds = kinds
        for kind_info in kinds:
            help_text = f"{kind_info.who} {kind_info.why}"
            if defaults is not None:
                default = Delivery(defaults[kind_info.kind]).label
                help_text += " " + str(_("Standaard: %(default)s.") % {"default": default})
            self.fields[kind_info.kind] = forms.ChoiceField(
                label=kind_info.label,
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                initial=initial_choices[kind_info.kind],
                help_text=help_text,
            )

    def choices(self) -> dict[str, str]:
        """Kind -> the delivery chosen (after is_valid)."""
        return {info.kind: self.cleaned_data[info.kind] for info in self.kinds}


class RoleChoiceForm(forms.Form):
    role = forms.ChoiceField(label=_("Rol"), choices=Role.Code.choices)


class OutboxFilterForm(forms.Form):
    PROBLEMS = "problemen"
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Alle e-mails")),
            (PROBLEMS, _("Niet verstuurd: mislukt of nieuwe poging gepland")),
            *Mail.Status.choices,
        ],
    )
