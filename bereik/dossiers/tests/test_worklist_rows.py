"""The worklists' rows are drawn in Python (`columns.screen_rows`) exactly as the template drew
them: the same cells, escaped and localized the same, the attention mark and the box to choose a
dossier for the bulk actions."""

import datetime
import re

import pytest
from django.template import engines
from django.utils import timezone

from bereik.dossiers import columns
from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory

TODAY = timezone.localdate()

# What the worklist template drew before the rows were drawn in Python.
ROWS_TEMPLATE = """{% load i18n %}{% for row in rows %}{% with dossier=row.dossier %}
<tr{% if dossier.deadline_near_unreached or dossier.next_step_overdue %} class="row-attention"\
{% endif %}>
{% if bulk_actions %}<td><input class="form-check-input" type="checkbox" name="dossiers" \
value="{{ dossier.pk }}" id="kies-{{ dossier.pk }}" aria-label="{% blocktranslate with \
number=dossier.number %}Dossier {{ number }} kiezen{% endblocktranslate %}"></td>{% endif %}
{% for column, value in row.cells %}<td{% if column.cell.wide_only %} \
class="d-none d-md-table-cell"{% endif %}>{{ value }}</td>{% endfor %}
</tr>
{% endwith %}{% endfor %}""".replace("\\\n", "")


def _tags(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


def _as_template_drew(rows, bulk_actions) -> str:
    context = {"rows": rows, "bulk_actions": bulk_actions}
    return _tags(engines["django"].from_string(ROWS_TEMPLATE).render(context))


def _households():
    DossierFactory(last_name='<b>Peeters & "zonen"</b>', deadline=TODAY + datetime.timedelta(2))
    DossierFactory(status=Dossier.Status.CLOSED, deadline=TODAY - datetime.timedelta(3))
    DossierFactory(reached_on=TODAY, deadline=TODAY)


@pytest.mark.parametrize("persona", ["preventiewerker", "mw"])
def test_a_worklist_page_draws_its_rows_as_the_template_did(request, login, persona, mw):
    _households()
    Dossier.objects.update(assigned_to=mw)
    response = login(request.getfixturevalue(persona)).get("/dossiers/lijsten/alle/?status=alle")
    rows, actions = response.context["rows"], response.context["bulk_actions"]
    assert len(rows) == 3
    assert actions  # the rows start with the box to choose them
    ours = _tags("".join(row.html for row in rows))
    assert ours == _as_template_drew(rows, actions)
    assert ours in _tags(response.content.decode())
    assert "&lt;b&gt;Peeters &amp; &quot;zonen&quot;&lt;/b&gt;" in ours
    assert ours.count('class="row-attention"') == 1  # the deadline near, not reached


@pytest.mark.parametrize("choose", [True, False])
def test_a_value_shown_as_it_is_is_localized_and_escaped(db, monkeypatch, choose):
    """A column without a drawing function shows its value as the template would: a date in
    the language's format, text escaped."""
    shown = [
        columns.Column("Bereikt op", lambda d: d.reached_on, cell=columns.Cell(1, "Bereikt op")),
        columns.Column("Geopend", lambda d: d.opened_at, cell=columns.Cell(3, "Geopend")),
        columns.Column("Naam", lambda d: d.last_name, cell=columns.Cell(2, "Naam", wide_only=True)),
    ]
    monkeypatch.setattr(columns, "screen_columns", lambda: shown)
    # 23:30 in UTC is the next day in Belgium: shown in local time, as the template did.
    opened = datetime.datetime(2026, 1, 1, 23, 30, tzinfo=datetime.UTC)
    DossierFactory(reached_on=datetime.date(2026, 3, 1), last_name="A & <B>", opened_at=opened)
    rows = columns.screen_rows(Dossier.objects.with_attention(), choose=choose)
    html = _tags(str(rows[0].html))
    assert html == _as_template_drew(rows, [object()] if choose else [])
    assert ('type="checkbox"' in html) == choose
    assert "<td>1 maart 2026</td>" in html and "A &amp; &lt;B&gt;" in html
    assert "<td>2 januari 2026 00:30</td>" in html
