"""Form widgets every app shares."""

from django import forms


class DateInput(forms.DateInput):
    """A date typed as Belgians write it, dd/mm/jjjj, whatever language the browser speaks (a
    browser's own date field shows mm/dd/yyyy in an English browser). The form field reads it
    with the nl-BE input formats (dd/mm/jjjj, dd-mm-jjjj) and ISO dates."""

    input_type = "text"

    def __init__(self, attrs=None, format=None):  # noqa: A002 - Django's argument name
        attrs = {
            "placeholder": "dd/mm/jjjj",
            "inputmode": "numeric",
            "autocomplete": "off",
            "size": 10,
            **(attrs or {}),
        }
        super().__init__(attrs=attrs, format=format or "%d/%m/%Y")
