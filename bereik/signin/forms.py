from django import forms
from django.utils.translation import gettext_lazy as _

from bereik.accounts.models import User
from bereik.signin import codes


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_(
            "De 6 cijfers die je app nu toont. Geen toegang tot je app? Typ een van je "
            "herstelcodes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        code = codes.normalize(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(_("Vul de code in."))
        return code


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=_("Code uit de app"),
        max_length=12,
        help_text=_(
            "De 6 cijfers die de app toont nadat je de QR-code hebt gescand of de sleutel hebt "
            "ingetypt."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        code = codes.normalize(self.cleaned_data["code"])
        if not codes.looks_like_app_code(code):
            raise forms.ValidationError(_("Een code uit de app heeft 6 cijfers."))
        return code


class UserSearchForm(forms.Form):
    q = forms.CharField(label=_("Zoek een gebruiker"), required=False, max_length=100)


class UnlockForm(forms.Form):
    """One account or one address whose failed sign-ins the beheerder clears."""

    user = forms.ModelChoiceField(queryset=User.objects.all(), required=False)
    address = forms.GenericIPAddressField(required=False)

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("user")) == bool(cleaned.get("address")):
            raise forms.ValidationError(_("Kies een account of een adres."))
        return cleaned
