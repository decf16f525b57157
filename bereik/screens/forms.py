import re

from django import forms
from django.core.validators import MaxValueValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from bereik.lib import insz
from bereik.lib.forms import DateInput, VersionedForm
from bereik.screens.models import Screen, ScreenMessage

IMAGE_MAX_BYTES = 2 * 1024 * 1024
# PNG and JPEG only: no SVG (it can carry scripts).
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg"}
# Eleven digits, written together or as on the eID (YY.MM.DD-XXX.CC).
_NUMBER = re.compile(r"\d[\d .\-/]{9,16}\d")


class ScreenForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Screen
        fields = ["name", "location"]


def _looks_personal(text: str) -> bool:
    """A valid INSZ in a text meant for a waiting room is a mistake (the screens never show
    personal data)."""
    return any(insz.is_valid(insz.normalize(match)) for match in _NUMBER.findall(text))


class ScreenMessageForm(VersionedForm, forms.ModelForm):
    link_url = forms.URLField(
        label=_("Webpagina (QR-code)"),
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=_("Het scherm toont een QR-code naar deze pagina, met het adres eronder."),
    )
    remove_image = forms.BooleanField(label=_("Afbeelding verwijderen"), required=False)

    class Meta:
        model = ScreenMessage
        fields = [
            "title",
            "text",
            "image",
            "image_description",
            "link_url",
            "starts_on",
            "ends_on",
            "all_screens",
            "screens",
            "active",
            "position",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4, "maxlength": 300}),
            "title": forms.TextInput(attrs={"maxlength": 80}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "screens": forms.CheckboxSelectMultiple,
            # No "current file" link: uploads have no public URL.
            "image": forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
            "position": forms.NumberInput(attrs={"min": 0, "max": 999}),
        }
        help_texts = {
            "title": _("Kort: hoogstens 80 tekens. Nooit namen of andere persoonsgegevens."),
            "text": _("Hoogstens 300 tekens, te lezen van achteraan in de wachtzaal."),
            "image": _("PNG of JPEG, hoogstens 2 MB. Komt naast de tekst."),
            "starts_on": _("Leeg: vanaf nu."),
            "ends_on": _("Leeg: tot je het bericht uitzet of verwijdert."),
            "screens": _("Alleen als het bericht niet op alle schermen komt."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["screens"].queryset = Screen.objects.order_by("name")
        self.fields["screens"].required = False
        self.fields["position"].validators.append(MaxValueValidator(999))
        if not self.instance.image:
            del self.fields["remove_image"]
        if self.instance.kind == ScreenMessage.Kind.OPENINGSUREN:
            self.fields["text"].help_text = _(
                "Leeg: de openingsuren en het telefoonnummer uit Beheer → Organisatie, "
                "altijd actueel."
            )

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if _looks_personal(title):
            raise forms.ValidationError(_("Een rijksregisternummer hoort niet op een scherm."))
        return title

    def clean_text(self):
        text = self.cleaned_data.get("text", "").strip()
        if _looks_personal(text):
            raise forms.ValidationError(_("Een rijksregisternummer hoort niet op een scherm."))
        if not text and self.instance.kind != ScreenMessage.Kind.OPENINGSUREN:
            raise forms.ValidationError(_("Schrijf een korte tekst."))
        return text

    def clean_image(self):
        image_file = self.cleaned_data.get("image")
        image = getattr(image_file, "image", None)  # only a new upload carries `image`
        if not image_file or image is None:
            return image_file
        if image_file.size > IMAGE_MAX_BYTES:
            raise forms.ValidationError(
                _("De afbeelding is %(size)s groot; hoogstens %(max)s is toegelaten."),
                params={
                    "size": filesizeformat(image_file.size),
                    "max": filesizeformat(IMAGE_MAX_BYTES),
                },
            )
        if image.format not in IMAGE_FORMATS:
            raise forms.ValidationError(
                _("De afbeelding moet een PNG- of JPEG-bestand zijn (dit is %(format)s)."),
                params={"format": image.format or _("onbekend")},
            )
        image_file.name = f"bericht.{IMAGE_FORMATS[image.format]}"
        return image_file

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("Het einde ligt voor het begin."))
        if not data.get("all_screens") and not data.get("screens"):
            self.add_error("screens", _("Kies de schermen, of vink 'op alle schermen' aan."))
        return data

    def action_fields(self) -> dict:
        """The model fields for screen_message_save (screens apart)."""
        data = self.cleaned_data
        fields = {
            name: data[name] for name in self.Meta.fields if name != "screens" and name in data
        }
        if "image" in self.changed_data:
            fields["image"] = data["image"]
        elif data.get("remove_image"):
            fields["image"] = ""
        else:
            fields.pop("image", None)
        return fields
