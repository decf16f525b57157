"""For the tests of optimistic locking on each edit form (bereik.lib.locking): the form as the
page drew it, and two saves in a row from that same loaded form.

    first, second = two_saves(client, url, {"last_name": "Eerste"}, {"last_name": "Tweede"})
    assert first.status_code == 302
    assert_refused(second)
"""

from html import unescape
from html.parser import HTMLParser


class _FormFields(HTMLParser):
    """The fields of the form on a page that holds the hidden `version` field (the edit form):
    what a browser would send if the person pressed save without changing anything."""

    def __init__(self, prefix: str = ""):
        super().__init__(convert_charrefs=True)
        self.prefix = prefix
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None
        self._first_option: str | None = None

    def handle_starttag(self, tag, attrs):
        values = {key: (value if value is not None else "") for key, value in attrs}
        name = values.get("name", "")
        if tag == "form":
            self._form = {}
            self.forms.append(self._form)
        if self._form is None:
            return
        if tag == "input" and name:
            kind = values.get("type", "text")
            if kind in {"submit", "button", "file", "image"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in values:
                    self._form.setdefault(name, []).append(values.get("value", "on"))
                return
            self._form.setdefault(name, []).append(values.get("value", ""))
        elif tag == "select" and name:
            self._select, self._first_option = name, None
            self._form.setdefault(name, [])
        elif tag == "option" and self._select:
            value = values.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in values:
                self._form[self._select].append(value)
        elif tag == "textarea" and name:
            self._textarea = name
            self._form[name] = [""]

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            self._form[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select and self._form is not None:
            if not self._form[self._select] and self._first_option is not None:
                self._form[self._select].append(self._first_option)
            self._select = None
        elif tag == "textarea" and self._textarea and self._form is not None:
            text = self._form[self._textarea][-1]
            self._form[self._textarea][-1] = text[1:] if text.startswith("\n") else text
            self._textarea = None
        elif tag == "form":
            self._form = None


def loaded_form(html: str, version_field: str = "version") -> dict:
    """The data of the edit form on `html` (the one with the hidden version field)."""
    parser = _FormFields()
    parser.feed(html)
    for form in parser.forms:
        if version_field in form:
            return {
                name: values if len(values) > 1 else (values[0] if values else "")
                for name, values in form.items()
            }
    raise AssertionError(f"no form with a {version_field!r} field on the page")


def two_saves(client, url: str, first: dict, second: dict, *, version_field="version"):
    """Load the form once, then save it twice from what was loaded: the second save comes from a
    form that is now stale, as when two people had it open."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    loaded = loaded_form(page.content.decode(), version_field)
    assert version_field in loaded, "the form carries no version"
    assert loaded[version_field] or not version_field.endswith("version"), "an empty version"
    return client.post(url, {**loaded, **first}), client.post(url, {**loaded, **second})


def assert_refused(response, *shown: str) -> None:
    """The stale save was refused with the Dutch message, and the page shows both versions."""
    assert response.status_code == 200, response.status_code
    html = unescape(response.content.decode())
    assert "Iemand anders heeft dit intussen bewaard" in html
    assert "Hun versie (nu bewaard)" in html and "Jouw versie (niet bewaard)" in html
    for text in shown:
        assert text.lower() in html.lower(), text
