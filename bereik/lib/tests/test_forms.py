import datetime

from django import forms

from bereik.lib.forms import ChoiceField, DateInput, TypedChoiceField


class _Form(forms.Form):
    day = forms.DateField(widget=DateInput())


def test_a_date_is_shown_and_typed_the_belgian_way():
    html = str(_Form(initial={"day": datetime.date(2026, 12, 5)})["day"])
    assert 'type="text"' in html and 'value="05/12/2026"' in html
    assert 'placeholder="dd/mm/jjjj"' in html and 'inputmode="numeric"' in html
    for typed in ("05/12/2026", "5/12/2026", "05-12-2026", "2026-12-05"):
        form = _Form({"day": typed})
        assert form.is_valid(), typed
        assert form.cleaned_data["day"] == datetime.date(2026, 12, 5)


def test_a_month_first_date_is_not_read_as_one():
    assert not _Form({"day": "12/31/2026"}).is_valid()


def test_no_form_uses_the_browsers_own_date_field():
    """Every date field is the dd/mm/jjjj input above (a browser's date field shows mm/dd/yyyy in
    an English browser)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offending = [
        str(path.relative_to(root))
        for path in root.rglob("*")
        if path.suffix in (".py", ".html")
        and "tests" not in path.parts
        and (
            'input_type = "date"' in (text := path.read_text(encoding="utf-8"))
            or '"type": "date"' in text
            or 'type="date"' in text
        )
    ]
    assert offending == []


class _Shared(forms.Form):
    kind = ChoiceField(choices=[("", "Alle"), ("water", "Water")], required=False)
    size = TypedChoiceField(choices=[(25, 25), (50, 50)], coerce=int, required=False)


def test_a_forms_copy_of_a_choice_field_shares_its_choices():
    """Each form made gets its own field and widget, but not a copy of choices that never
    change; choices given to one form's field are that form's alone."""
    first, second = _Shared(), _Shared()
    base = _Shared.base_fields["kind"]
    assert first.fields["kind"] is not base and first.fields["kind"].widget is not base.widget
    assert first.fields["kind"].choices is base.choices
    assert first.fields["kind"].widget.choices is base.widget.choices

    first.fields["kind"].choices = [("", "Alle"), ("gas", "Gas")]
    first.fields["kind"].widget.attrs["class"] = "form-select"
    assert second.fields["kind"].choices == [("", "Alle"), ("water", "Water")]
    assert _Shared().fields["kind"].widget.attrs == {}
    assert '<option value="gas">Gas</option>' in str(first["kind"])
    assert "gas" not in str(second["kind"])
    typed = _Shared({"size": "50"})
    assert typed.is_valid() and typed.cleaned_data["size"] == 50
    assert not _Shared({"kind": "gas"}).is_valid()


def test_a_widget_of_widgets_is_copied_as_django_copies_it():
    class Form(forms.Form):
        pair = ChoiceField(
            choices=[("a", "A")], widget=forms.MultiWidget(widgets=[forms.Select, forms.Select])
        )

    first, second = Form(), Form()
    assert first.fields["pair"].widget.widgets[0] is not second.fields["pair"].widget.widgets[0]
