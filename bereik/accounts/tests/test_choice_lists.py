"""Radio lists (accounts/partials/choices.html) offer no meaningless empty option."""

from django import forms
from django.template.loader import render_to_string


class ChoiceForm(forms.Form):
    required = forms.ChoiceField(
        label="Voorstel", choices=[("", "---------"), ("plan", "Afbetalingsplan")]
    )
    optional = forms.ChoiceField(
        label="Soort",
        required=False,
        choices=[("", "---------"), ("a", "Andere")],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["required"].widget = forms.RadioSelect(choices=self.fields["required"].choices)


def test_a_required_radio_list_has_no_empty_option_and_an_optional_one_says_geen():
    html = render_to_string("accounts/partials/fields.html", {"form": ChoiceForm()})

    assert "---------" not in html
    assert 'name="required" value=""' not in html
    assert 'name="optional" value=""' in html and ">Geen</label>" in html
    assert 'class="form-label fs-6 mb-1 required"' in html
