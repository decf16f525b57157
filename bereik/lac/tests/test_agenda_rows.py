"""The LAC agenda's rows are drawn in Python (`lac/agenda_rows.py`) exactly as the templates drew
them (kept in `agenda_rows_before.html`): every cell, escaped, localized and in local time, with
and without the planner's actions and the feedback row."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import engines

from bereik.lac import agenda_rows
from bereik.lac.models import AgendaItem
from bereik.lac.preparation import FollowupData, Preparation
from bereik.lac.tests.factories import AgendaItemFactory

BEFORE = (Path(__file__).parent / "agenda_rows_before.html").read_text()


def _tags(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html).strip())


def _rows(mw):
    mw.first_name, mw.last_name = 'Jo "<b>"', "& Co"
    mw.save()
    worker = mw
    full = AgendaItemFactory(
        dossier__last_name="<Peeters>",
        dossier__customer_number="K&1",
        dossier__amount_due=Decimal("1234.5"),
        legal_deadline=datetime.date(2026, 1, 2),  # before the session: late
        advice=AgendaItem.Advice.PLAN,
        conditional=True,
        unanimous=False,
        preparer=worker,
        preparer_set_by_hand=True,
    )
    bare = AgendaItemFactory(dossier__customer_number="", dossier__amount_due=None)
    other = AgendaItemFactory(advice=AgendaItem.Advice.OTHER, advice_other="Iets <anders>")
    prepared = Preparation(
        reached_on=datetime.date(2026, 3, 4),
        followup=FollowupData(
            proposal="€ 45 × 12 <maanden>",
            client_agrees="ja & graag",
            feedback="Regel één\nRegel <twee>",
            feedback_by="Tom <W>",
            # 23:30 in UTC is the next day in Belgium.
            feedback_at=datetime.datetime(2026, 1, 1, 23, 30, tzinfo=datetime.UTC),
            report="verslag",
            report_version=3,
            rights="2 rechten",
            rights_open=1,
        ),
        attention=[("Termijn", "de termijn <verstrijkt>"), ("Verslag", "ontbreekt & zo")],
        energy=["Winterstop <tot 1/3>", "Budgetmeter"],
    )
    return [
        {"item": full, "prep": prepared, "number": 1},
        {"item": bare, "prep": Preparation(reached_on=None, followup=FollowupData()), "number": 2},
        {"item": other, "prep": Preparation(None, FollowupData(rights="1 recht")), "number": 1000},
    ]


@pytest.mark.parametrize("can_plan", [True, False])
@pytest.mark.parametrize("full_view", [True, False])
def test_an_agenda_row_is_drawn_as_the_templates_drew_it(mw, can_plan, full_view):
    rows = _rows(mw)
    context = {"rows": rows, "can_plan": can_plan, "full_view": full_view}
    theirs = engines["django"].from_string(BEFORE).render(context)
    ours = "".join(
        agenda_rows.agenda_row(row, can_plan=can_plan, full_view=full_view) for row in rows
    )
    assert _tags(ours) == _tags(theirs.replace("<tbody>", "").replace("</tbody>", ""))
    # The page's way (`{% lac_agenda_rows %}`): the rows drawn against one page, the same.
    assert agenda_rows.agenda_rows(rows, can_plan=can_plan, full_view=full_view) == ours
    assert "&lt;Peeters&gt;" in ours and "Iets &lt;anders&gt;" in ours
    assert ("2/01/2026 00:30" in ours) == full_view  # the feedback, in local time
    assert ("Van de agenda halen" in ours) == can_plan


def test_the_preparation_cells_and_attention_are_the_same_functions_on_my_items(mw, monkeypatch):
    """`{% lac_prep_cells %}` and `{% lac_attention %}` (the preparer's own list) draw with
    the agenda's functions."""
    calls = []
    for name in ("prep_cells", "attention"):
        real = getattr(agenda_rows, name)
        monkeypatch.setattr(
            agenda_rows, name, lambda *a, _real=real, _name=name: calls.append(_name) or _real(*a)
        )
    html = engines["django"].from_string(
        "{% load lac_rows %}{% lac_attention row.prep %}{% lac_prep_cells row %}"
    )
    row = _rows(mw)[0]
    drawn = html.render({"row": row})
    assert calls == ["attention", "prep_cells"]
    assert "versie 3" in drawn and "akkoord cliënt: ja &amp; graag" in drawn


def test_an_agenda_reads_its_links_prefix_once_whatever_its_rows(mw, monkeypatch):
    """The script prefix lives in an asgiref local, read in microseconds: an agenda of 300
    households read it four times a row (its links)."""
    from bereik.lib import urls

    rows = _rows(mw)
    reads = []
    prefix = urls.get_script_prefix
    monkeypatch.setattr(urls, "get_script_prefix", lambda: reads.append(1) or prefix())
    counts = []
    for drawn in (rows, rows * 4):
        reads.clear()
        agenda_rows.agenda_rows(drawn, can_plan=True, full_view=True)
        counts.append(len(reads))
    assert counts[0] == counts[1] <= 4  # once for each kind of link on the rows
