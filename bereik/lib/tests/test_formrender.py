"""The select boxes drawn in Python are exactly what Django's templates draw."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from bereik.lib.formrender import Renderer


class Form(forms.Form):
    plain = forms.ChoiceField(
        choices=[("", "Alle"), ("x", 'X <b>& "quoted"'), ("2", mark_safe("<i>Twee</i>"))],
        required=False,
    )
    grouped = forms.ChoiceField(choices=[("Groep", [("1", "een"), ("2", "twee")]), ("3", "drie")])
    several = forms.MultipleChoiceField(choices=[("1", "een"), ("2", "twee")])
    typed = forms.TypedChoiceField(choices=[(25, 25), (50, 50)], coerce=int)
    radio = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)
    text = forms.CharField()


@pytest.mark.parametrize(
    "data", [None, {"plain": "x", "grouped": "2", "several": ["1", "2"], "typed": "50"}]
)
def test_the_same_html_as_django(data):
    theirs, ours = Form(data, renderer=DjangoTemplates()), Form(data, renderer=Renderer())
    attrs = {"class": "form-select", "aria-describedby": "id_plain_help", "data-x": True}
    for name in Form.base_fields:
        assert ours[name].as_widget(attrs=attrs) == theirs[name].as_widget(attrs=attrs), name


def test_the_project_uses_it(settings):
    assert settings.FORM_RENDERER == "bereik.lib.formrender.Renderer"
