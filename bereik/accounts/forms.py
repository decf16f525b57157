from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Gebruikersnaam of wachtwoord klopt niet. Let op hoofdletters en kleine letters."
        ),
        "inactive": _("Deze account is niet actief. Vraag de functioneel beheerder om hulp."),
    }

    username = forms.CharField(
        label=_("Gebruikersnaam"), widget=forms.TextInput(attrs={"autofocus": True})
    )
