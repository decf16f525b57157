from django import forms
from django.utils.translation import gettext_lazy as _

from bereik.accounts.models import Mail, Notification, Role

Delivery = Notification.Delivery


class DeliveryChoicesForm(forms.Form):
    """One radio group per kind: how it reaches the user (their page) or a role's users by
    default (the beheerder's page). Each group says who gets the kind and why."""

    def __init__(self, *args, kinds, initial_choices: dict[str, str], defaults=None, **kwargs):
        super().__init__(*args, **kwargs)
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
