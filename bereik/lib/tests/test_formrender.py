"""The widgets and fields drawn in Python are exactly what Django's templates draw."""

import datetime
import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.template import engines
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from bereik.home.templatetags import bereik_forms
from bereik.lib import formrender
from bereik.lib.formrender import Renderer
from bereik.lib.forms import ChoiceField, Choices, Select, TypedChoiceField


class _Html:
    """Not marked safe, but with an `__html__` of its own."""

    def __str__(self):
        return "<i>y</i>"

    def __html__(self):
        return "<i>x</i>"


class Form(forms.Form):
    plain = forms.ChoiceField(
        choices=[("", "Alle"), ("x", 'X <b>& "quoted"'), ("2", mark_safe("<i>Twee</i>"))],
        required=False,
    )
    grouped = forms.ChoiceField(choices=[("Groep", [("1", "een"), ("2", "twee")]), ("3", "drie")])
    # Labels translated when drawn, numbers as values, an object that draws itself.
    lazy = ChoiceField(
        choices=[("", gettext_lazy("Alle soorten")), (7, gettext_lazy("Zoeken")), ("o", _Html())],
        required=False,
        label=gettext_lazy("Soort"),
    )
    several = forms.MultipleChoiceField(choices=[("1", "een"), ("2", "twee")])
    typed = forms.TypedChoiceField(choices=[(25, 25), (50, 50)], coerce=int)
    radio = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)
    boxes = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple, required=False
    )
    text = forms.CharField(help_text='Zoals op de <brief> & "zo"')
    number = forms.IntegerField(required=False, min_value=0)
    amount = forms.DecimalField(required=False, decimal_places=2)
    email = forms.EmailField(required=False)
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    moment = forms.DateTimeField(required=False)
    secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    agree = forms.BooleanField(required=False, label="Akkoord <ja>")
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    url = forms.URLField(required=False)


DATA = {
    "plain": "x",
    "lazy": "7",
    "grouped": "2",
    "several": ["1", "2"],
    "typed": "50",
    "boxes": ["b"],
    "text": 'Jan "de" <Smet> & zoon',
    "number": "-3",  # an error
    "amount": "12,5",
    "email": "niet-een-adres",  # an error
    "day": "2026-12-06",
    "moment": "",
    "secret": "a<b",
    "hidden": "x&y",
    "agree": "on",
    "note": "Regel 1\n<script>alert(1)</script>",
    "url": "",
}


@pytest.mark.parametrize("data", [None, DATA], ids=["empty", "bound"])
def test_the_same_widgets_as_django(data):
    theirs, ours = Form(data, renderer=DjangoTemplates()), Form(data, renderer=Renderer())
    attrs = {"class": "form-select", "aria-describedby": "id_plain_help", "data-x": True}
    for name in Form.base_fields:
        assert ours[name].as_widget(attrs=attrs) == theirs[name].as_widget(attrs=attrs), name
        assert ours[name].as_widget() == theirs[name].as_widget(), name


def test_lazy_labels_in_the_active_language():
    form = Form(renderer=Renderer())
    with override("en"):
        english = form["lazy"].as_widget()
    with override("nl-be"):
        dutch = form["lazy"].as_widget()
    theirs = Form(renderer=DjangoTemplates())
    with override("en"):
        assert english == theirs["lazy"].as_widget()
    assert '<option value="7">Zoeken</option>' in dutch
    assert '<option value="o">&lt;i&gt;y&lt;/i&gt;</option>' in dutch  # as text, as the template


def test_values_of_every_kind_as_the_templates_draw_them():
    """Values that are not text (numbers, days, a tuple) and the attributes' True and False."""
    widget = forms.TextInput(attrs={"data-on": True, "data-off": False, "maxlength": 5})
    for value in (0, 12.5, datetime.date(2026, 12, 6), ("a", "b"), mark_safe("<b>"), "<b>", None):
        ours = widget.render("x", value, renderer=Renderer())
        assert ours == widget.render("x", value, renderer=DjangoTemplates()), value


def test_an_attribute_is_escaped_as_the_filter_escapes_it():
    widget = forms.TextInput(attrs={"data-w": _Html(), "data-s": mark_safe("<b>")})
    ours = widget.render("x", "", renderer=Renderer())
    assert ours == widget.render("x", "", renderer=DjangoTemplates())
    assert 'data-w="&lt;i&gt;y&lt;/i&gt;"' in ours


def test_the_inputs_are_drawn_in_python(monkeypatch):
    """The inputs and text areas no longer go through the template engine."""
    calls = []
    monkeypatch.setattr(DjangoTemplates, "render", lambda *a, **k: calls.append(a[1]) or "")
    html = str(Form(DATA, renderer=Renderer())["text"]) + str(Form(renderer=Renderer())["note"])
    assert 'name="text"' in html and "<textarea" in html
    assert calls == []


class Picks(forms.Form):
    """The project's choice fields (`lib.forms.Select`, drawn from their choices)."""

    plain = ChoiceField(
        choices=[("", "Alle"), ("x", 'X <b>& "quoted"'), ("2", mark_safe("<i>Twee</i>"))],
        required=False,
    )
    grouped = ChoiceField(
        choices=[
            ("Groep <a>", [("1", "een"), ("2", "twee")]),
            ("", [("3", "drie")]),  # a group without a name: its options, no optgroup
            (None, "geen"),
            ("4", "vier"),
        ]
    )
    lazy = ChoiceField(
        choices=[("", gettext_lazy("Alle soorten")), (7, gettext_lazy("Zoeken")), ("o", _Html())],
        required=False,
    )
    typed = TypedChoiceField(choices=[(25, 25), (50, 50)], coerce=int)
    twice = ChoiceField(choices=[("a", "A"), ("a", "A again"), ("b", "B")])
    given = ChoiceField(choices=Choices([("", gettext_lazy("Alle")), ("1", "een")]))
    hidden_help = ChoiceField(choices=[("1", "een")], disabled=True, help_text="Uitleg")
    safe = ChoiceField(choices=[(mark_safe("<b>"), "vet"), ("<b>", mark_safe("<i>schuin</i>"))])


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"plain": "x", "grouped": "2", "lazy": "7", "typed": "50", "twice": "a", "given": "1"},
        {"grouped": "", "lazy": "o", "typed": "25", "twice": "b", "given": ""},
        {"plain": "nergens", "grouped": "geen", "typed": "zeven", "twice": "c"},
    ],
    ids=["empty", "picked", "others", "unknown"],
)
def test_the_projects_select_draws_what_django_draws(data):
    theirs, ours = Picks(data, renderer=DjangoTemplates()), Picks(data, renderer=Renderer())
    attrs = {"class": "form-select", "aria-describedby": "x_help", "data-on": True}
    for name in Picks.base_fields:
        assert type(ours.fields[name].widget) is Select
        for extra in (attrs, None):
            with override("nl-be"):
                assert ours[name].as_widget(attrs=extra) == theirs[name].as_widget(attrs=extra), (
                    name
                )


def test_the_projects_select_changed_or_of_several_values_draws_as_django(monkeypatch):
    """Other templates, or several values allowed: Django's way, not a plain select box."""
    radios = Select(choices=[("a", "A"), ("b", "B")])
    radios.template_name = "django/forms/widgets/radio.html"
    radios.option_template_name = "django/forms/widgets/radio_option.html"
    several = Select(choices=[("a", "A"), ("b", "B")])
    several.allow_multiple_selected = True
    for widget, value in ((radios, "a"), (several, ["a", "b"])):
        ours = widget.render("f", value, renderer=Renderer())
        assert ours == widget.render("f", value, renderer=DjangoTemplates())
    assert "<select" not in radios.render("f", "a", renderer=Renderer())  # the radios' markup
    assert ours.count("selected") == 2 and "multiple" in ours


def test_the_projects_select_makes_no_context(monkeypatch):
    """Drawn from the choices: Django's dictionary per option is not made."""
    monkeypatch.setattr(forms.Select, "optgroups", lambda *a, **k: pytest.fail("optgroups"))
    html = str(Picks({"twice": "a"}, renderer=Renderer())["twice"])
    assert '<option value="a" selected>A</option>' in html
    assert '<option value="a">A again</option>' in html  # only the first is selected


def test_choices_are_taken_as_they_are(calls_to):
    """`Choices` are not walked by Django's normalisation, for the field nor its widget: each
    gives them back at once."""
    from django.forms import widgets
    from django.utils import choices

    from bereik.lib import forms as lib_forms

    form = Picks()
    pairs = [("", "Alle"), ("1", "een")]
    asked = [calls_to(module, "normalize_choices") for module in (lib_forms, widgets, choices)]
    given = Choices(pairs)
    form.fields["plain"].choices = given
    assert [[id(a) for a in calls] for calls in asked] == [[id(given)], [id(given)], []]
    form.fields["plain"].choices = pairs
    assert asked[2] == ["Alle", "een"]  # a list: walked once, each label, then kept as Choices
    assert isinstance(form.fields["plain"].choices, Choices)
    assert form.fields["plain"].widget.choices is form.fields["plain"].choices
    form.fields["plain"].choices = given
    assert list(form.fields["plain"].choices) == pairs == list(form.fields["plain"].widget.choices)
    assert form.fields["plain"].valid_value("1") and not form.fields["plain"].valid_value("2")
    assert len(form.fields["plain"].choices) == 2


def test_choices_draw_their_options_once_a_language(calls_to):
    """A select box of `Choices` draws their options once in each language, then marks the
    chosen one; a lazy label is in the language active when it is drawn."""
    asked = calls_to(formrender, "drawn_options")
    # "Password": one of Django's own words, which it translates into Dutch.
    widget = ChoiceField(choices=[("", gettext_lazy("Password")), ("1", "een")]).widget
    with override("nl-be"):
        dutch = [widget.render("f", value, renderer=Renderer()) for value in ("", "1", "2")]
    with override("en"):
        english = widget.render("f", "", renderer=Renderer())
    assert len(asked) == 2  # Dutch once, English once
    assert '<option value="" selected>Wachtwoord</option>' in dutch[0]
    assert '<option value="1">een</option>' in dutch[0]
    assert '<option value="" >' not in dutch[1] and '<option value="">Wachtwoord' in dutch[1]
    assert '<option value="1" selected>een</option>' in dutch[1]
    assert "selected" not in dutch[2]
    assert '<option value="" selected>Password</option>' in english


@pytest.mark.parametrize(
    "pairs",
    [
        [(25, 25)],  # a number as label: written with the request's thousands
        [("d", datetime.date(2026, 12, 7))],  # a day: in the request's format
        [("o", _Html())],  # an object that draws itself
        [(True, "ja")],  # True draws as "True" but is chosen by 1
        [(_Html(), "x")],
        [("Groep", [("1", 1)])],
    ],
    ids=["number", "day", "object", "bool", "object value", "number in a group"],
)
def test_options_that_are_not_text_are_drawn_on_every_request(pairs):
    assert formrender.drawn_options(pairs) is None
    assert Choices(pairs).drawn() is None
    widget = ChoiceField(choices=pairs).widget
    ours = widget.render("f", "1", renderer=Renderer())
    assert ours == forms.Select(choices=pairs).render("f", "1", renderer=DjangoTemplates())


# What `{% form_field %}` replaced: the include `partials/field.html`, with one change: a
# checkbox's errors carry the id its `aria-describedby` names (the include left it out).
FIELD_TEMPLATE = """{% load i18n bereik_forms %}
<div class="mb-3">
  {% if field.field.widget.input_type == "checkbox" %}
    <div class="form-check">
      {{ field|control }}
      <label class="form-check-label" for="{{ field.id_for_label }}">{{ field.label }}</label>
      {% for error in field.errors %}<div class="invalid-feedback" \
id="{{ field.id_for_label }}_error">{{ error }}</div>{% endfor %}
    </div>
  {% else %}
    <label class="form-label{% if field.field.required %} required{% endif %}" \
for="{{ field.id_for_label }}">{{ field.label }}{% if field.field.required %} \
<span class="visually-hidden">({% translate "verplicht" %})</span>{% endif %}</label>
    {{ field|control }}
    {% for error in field.errors %}<div class="invalid-feedback d-block" \
id="{{ field.id_for_label }}_error">{{ error }}</div>{% endfor %}
  {% endif %}
  {% if field.help_text %}<div class="form-text" id="{{ field.id_for_label }}_help">\
{{ field.help_text }}</div>{% endif %}
</div>
""".replace("\\\n", "")


def _tags(html: str) -> str:
    """The markup without the white space between tags."""
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("data", [None, DATA], ids=["empty", "bound"])
@pytest.mark.parametrize("auto_id", ["id_%s", False])
def test_form_field_draws_what_the_include_drew(data, auto_id):
    engine = engines["django"]
    include, tag = engine.from_string(FIELD_TEMPLATE), engine.from_string("{% form_field field %}")
    form = Form(data, auto_id=auto_id)
    form.is_valid()
    if data:
        assert form.errors  # the errors are drawn too
    for field in form:
        context = {"field": field}
        assert _tags(tag.render(context)) == _tags(include.render(context)), field.name


def test_form_field_marks_required_fields_and_links_help_and_errors():
    form = Form(DATA)
    form.is_valid()
    html = engines["django"].from_string("{% form_field form.number %}{% form_field form.text %}")
    html = html.render({"form": form})
    assert 'aria-describedby="id_number_error"' in html and 'aria-invalid="true"' in html
    label = '<label class="form-label required" for="id_text">Text <span class="visually-hidden">'
    assert label in html
    assert "(verplicht)" in html
    assert 'id="id_text_help">Zoals op de &lt;brief&gt; &amp; &quot;zo&quot;</div>' in html


def test_every_described_by_names_an_element_of_the_field():
    """The help and error ids that a control's `aria-describedby` names are in the markup, for
    a checkbox too."""
    form = Form({**DATA, "agree": "", "text": ""})
    form.fields["agree"].required = True
    form.is_valid()
    engine = engines["django"]
    for field in form:
        html = engine.from_string("{% form_field field %}").render({"field": field})
        described = re.search(r'aria-describedby="([^"]+)"', html)
        for id_ in described.group(1).split() if described else []:
            assert f'id="{id_}"' in html, (field.name, id_)
    assert form.errors["agree"]


def test_the_project_uses_it(settings):
    assert settings.FORM_RENDERER == "bereik.lib.formrender.Renderer"


# What `{% filter_controls %}` replaced: the loop of the worklists' filter form.
FILTER_TEMPLATE = """{% load bereik_forms %}{% for field in form.visible_fields %}
    <div class="col-6 col-md-4 col-xl-2">
      <label class="form-label small mb-1" for="{{ field.id_for_label }}">{{ field.label }}</label>
      {{ field|control }}
    </div>
  {% endfor %}"""


@pytest.mark.parametrize("data", [None, DATA], ids=["empty", "bound"])
def test_filter_controls_draw_what_the_loop_drew(data):
    engine = engines["django"]
    loop, tag = (
        engine.from_string(FILTER_TEMPLATE),
        engine.from_string("{% filter_controls form %}"),
    )
    form = Form(data)
    form.is_valid()
    context = {"form": form}
    drawn = tag.render(context)
    assert _tags(drawn) == _tags(loop.render(context))
    assert '<label class="form-label small mb-1" for="id_lazy">Soort</label>' in drawn


def test_filter_controls_draw_a_label_once_a_language(monkeypatch):
    """A filter field's label is drawn once a language, and again when the field has another
    label."""
    monkeypatch.setattr(bereik_forms, "_drawn_labels", {})

    class Few(forms.Form):
        word = forms.CharField(label=gettext_lazy("Password"), required=False)

    tag = engines["django"].from_string("{% filter_controls form %}")
    form = Few()
    with override("nl-be"):
        dutch = [tag.render({"form": form}) for _twice in range(2)]
    with override("en"):
        english = tag.render({"form": form})
    assert dutch[0] == dutch[1]
    assert 'for="id_word">Wachtwoord</label>' in dutch[0]
    assert 'for="id_word">Password</label>' in english
    assert len(bereik_forms._drawn_labels) == 2
    other = Few()
    other.fields["word"].label = "Woord"
    with override("nl-be"):
        assert 'for="id_word">Woord</label>' in tag.render({"form": other})
