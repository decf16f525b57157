import datetime
import re

from django import forms
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.audit import subjects
from bereik.audit.models import AuditEvent
from bereik.lib import insz
from bereik.lib.forms import DateInput


def action_prefix_q(text: str, *, indexed: bool = True) -> Q:
    """The actions that start with `text`, in any case (actions are lower case: "dossier.view",
    "dossier."). `indexed`: said so that the action's index serves it, on SQLite as a range (its
    LIKE ignores case, so no index in the column's binary order serves it); PostgreSQL has a
    pattern index on the column for `startswith`. Not `indexed` (a long list walked in time
    order): `startswith`, which SQLite then checks on each event the time's index gives."""
    prefix = text.strip().lower()
    if indexed and connection.vendor == "sqlite":
        return Q(action__gte=prefix, action__lt=prefix + "\U0010ffff")
    return Q(action__startswith=prefix)


class ActorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        label = user.get_full_name() or user.username
        return label if user.is_active else f"{label} ({_('niet actief')})"


class AuditFilterForm(forms.Form):
    actor = ActorChoiceField(
        label=_("Wie"),
        queryset=get_user_model().objects.order_by("first_name", "last_name", "pk"),
        required=False,
        empty_label=_("Iedereen"),
    )
    person = forms.CharField(
        label=_("Over wie"),
        required=False,
        max_length=100,
        help_text=_(
            "Een deel van de naam of het dossiernummer, of het interne nummer. Ook de lijsten "
            "waarin de persoon stond."
        ),
    )
    date_from = forms.DateField(
        label=_("Van"),
        required=False,
        widget=DateInput(),
    )
    date_to = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=DateInput(),
    )
    action = forms.CharField(
        label=_("Actie"),
        required=False,
        max_length=80,
        help_text=_("Bijvoorbeeld dossier.view, of dossier. voor alle acties op dossiers."),
        widget=forms.TextInput(attrs={"list": "audit-actions"}),
    )
    kind = forms.ChoiceField(
        label=_("Soort"),
        required=False,
        choices=[
            ("", _("Inzage en wijziging")),
            (AuditEvent.Kind.READ, _("Alleen inzage")),
            (AuditEvent.Kind.WRITE, _("Alleen wijziging")),
        ],
    )

    def clean_person(self):
        person = self.cleaned_data["person"].strip()
        # Eleven digits, however written, look like an INSZ (a dossier number has ten).
        if len(re.sub(r"\D", "", person)) == 11 and insz.normalize(person):
            # The trail never holds an INSZ, so searching on one finds nothing; and it must not
            # end up in the record of this search either.
            raise forms.ValidationError(
                _("Zoek op naam of dossiernummer. Het INSZ staat niet in het toegangslog.")
            )
        return person

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Deze datum ligt vóór de begindatum."))
        return cleaned

    def _about(self, person: str, *, indexed: bool):
        """The person filter, made once for each form: the list filters twice (`indexed` or
        not), and the filter reads the trail's kinds of subject for a number."""
        made = self.__dict__.setdefault("_about_q", {})
        if person not in made:
            types = subjects.subject_types() if subjects.is_number(person) else None
            made[person] = {
                True: subjects.about(person, types=types),
                False: subjects.about(person, walk=True, types=types),
            }
        return made[person][indexed]

    def filter(self, queryset, *, indexed: bool = True):
        data = self.cleaned_data
        if data.get("actor"):
            queryset = queryset.filter(actor=data["actor"])
        if data.get("person"):
            queryset = queryset.filter(self._about(data["person"], indexed=indexed))
        tz = timezone.get_current_timezone()
        if data.get("date_from"):
            start = datetime.datetime.combine(data["date_from"], datetime.time.min, tzinfo=tz)
            queryset = queryset.filter(at__gte=start)
        if data.get("date_to"):
            end = data["date_to"] + datetime.timedelta(days=1)
            queryset = queryset.filter(
                at__lt=datetime.datetime.combine(end, datetime.time.min, tzinfo=tz)
            )
        if data.get("action"):
            queryset = queryset.filter(action_prefix_q(data["action"], indexed=indexed))
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        return queryset

    def summary(self) -> dict:
        """The filters used, for the audit event that records this search."""
        result = {}
        for name, value in self.cleaned_data.items():
            if value in (None, ""):
                continue
            if isinstance(value, get_user_model()):
                value = value.pk
            elif isinstance(value, datetime.date):
                value = value.isoformat()
            result[name] = value
        return result
