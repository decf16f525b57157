from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from bereik.accounts.models import Role, Team, User
from bereik.lib.forms import VersionedForm


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


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoek op naam, gebruikersnaam of e-mail"), required=False)
    role = forms.ChoiceField(
        label=_("Rol"), required=False, choices=[("", _("Alle rollen")), *Role.Code.choices]
    )
    team = forms.ModelChoiceField(
        label=_("Team"), required=False, queryset=Team.objects.all(), empty_label=_("Alle teams")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Actief")),
            ("inactive", _("Niet actief")),
            ("absent", _("Afwezig")),
            ("all", _("Iedereen")),
        ],
    )


class UserForm(VersionedForm, forms.ModelForm):
    """A staff member's details, roles and teams. Saved by the view through the actions."""

    field_order = [
        "first_name",
        "last_name",
        "username",
        "email",
        "phone",
        "job_title",
        "roles",
        "teams",
        "is_active",
        "is_absent",
        "password_method",
        "temporary_password",
    ]

    roles = forms.MultipleChoiceField(
        label=_("Rollen"),
        choices=Role.Code.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Een gebruiker kan meerdere rollen hebben. De rollen bepalen wat hij ziet."),
    )
    teams = forms.ModelMultipleChoiceField(
        label=_("Teams"),
        queryset=Team.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = User
        fields = [
            "first_name",
            "last_name",
            "username",
            "email",
            "phone",
            "job_title",
            "is_active",
            "is_absent",
        ]
        help_texts = {
            "username": _("Om aan te melden. Letters, cijfers en . @ + - _ (geen spaties)."),
            "is_active": _(
                "Wie niet actief is, kan niet meer aanmelden. Zijn gegevens en historiek blijven."
            ),
        }
        labels = {"is_active": _("Actief")}

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        if self.instance.pk:
            self.fields["roles"].initial = sorted(self.instance.role_codes)
            self.fields["teams"].initial = list(self.instance.team_ids)

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email:
            others = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
            other = others.first()
            if other is not None:
                # The reset mail goes to an address: two accounts on one address is ambiguous.
                message = _("Dit e-mailadres hoort al bij %(user)s. Kies een eigen adres.")
                raise forms.ValidationError(message, params={"user": other})
        return email

    def clean(self):
        cleaned = super().clean()
        # A beheerder cannot lock themselves out: someone must be able to undo it.
        if self.instance.pk and self.instance == self.actor:
            keeps_role = Role.Code.BEHEERDER in cleaned.get("roles", [])
            if Role.Code.BEHEERDER in self.instance.role_codes and not keeps_role:
                self.add_error(
                    "roles", _("Je kan je eigen rol van functioneel beheerder niet afnemen.")
                )
            if cleaned.get("is_active") is False:
                self.add_error(
                    "is_active", _("Je kan je eigen account niet op niet-actief zetten.")
                )
        return cleaned


class UserCreateForm(UserForm):
    MAIL = "mail"
    TEMPORARY = "temporary"

    password_method = forms.ChoiceField(
        label=_("Wachtwoord"),
        widget=forms.RadioSelect,
        initial=MAIL,
        choices=[
            (MAIL, _("Stuur een mail met een link om zelf een wachtwoord te kiezen")),
            (
                TEMPORARY,
                _("Stel een tijdelijk wachtwoord in (te wijzigen bij de eerste aanmelding)"),
            ),
        ],
    )
    temporary_password = forms.CharField(
        label=_("Tijdelijk wachtwoord"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Alleen nodig als je een tijdelijk wachtwoord instelt. Minstens 8 tekens."),
    )

    class Meta(UserForm.Meta):
        fields = [name for name in UserForm.Meta.fields if name != "is_active"]

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("password_method")
        if method == self.MAIL and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", _("Vul een e-mailadres in om de link te kunnen sturen."))
        if method == self.TEMPORARY:
            password = cleaned.get("temporary_password")
            if not password:
                self.add_error("temporary_password", _("Vul een tijdelijk wachtwoord in."))
            else:
                candidate = User(
                    username=cleaned.get("username", ""),
                    first_name=cleaned.get("first_name", ""),
                    last_name=cleaned.get("last_name", ""),
                    email=cleaned.get("email", ""),
                )
                try:
                    password_validation.validate_password(password, candidate)
                except forms.ValidationError as error:
                    self.add_error("temporary_password", error)
        return cleaned


class SetPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Tijdelijk wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("De gebruiker moet het bij de volgende aanmelding door een eigen vervangen."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        password_validation.validate_password(password, self.user)
        return password


class TeamForm(VersionedForm, forms.ModelForm):
    members = forms.ModelMultipleChoiceField(
        label=_("Leden"),
        queryset=User.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Team
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Keep inactive members selectable, or saving the team would silently drop them.
            self.fields["members"].queryset = User.objects.filter(
                Q(is_active=True) | Q(teams=self.instance)
            ).distinct()
            self.fields["members"].initial = list(
                self.instance.members.values_list("pk", flat=True)
            )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        code = slugify(name).replace("-", "_")
        if not code:
            raise forms.ValidationError(_("Geef een naam met minstens één letter of cijfer."))
        if not self.instance.pk and Team.objects.filter(code=code).exists():
            raise forms.ValidationError(_("Er bestaat al een team met (bijna) deze naam."))
        self.code = code
        return name
