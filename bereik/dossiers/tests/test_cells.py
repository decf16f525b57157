"""A worklist page draws its cells against one `cells.Page` (today, the warning period, the winter
stop, the words: read once a page), and a cell that says only what a few fields hold (the
deadline, a choice's label) once for the rows that hold the same: the same HTML as the cells
drew row by row."""

import datetime
import itertools

from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bereik.dossiers import cells, columns
from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.lib.drawing import format_html


def _deadline_before(dossier):
    """The deadline cell as it was drawn before `cells.Page`, row by row, from the dossier's
    own properties (each reading today's date and the organisation's settings)."""
    if not dossier.deadline:
        return mark_safe(cells.DASH)
    closed = dossier.status == "afgesloten"
    parts = [format_html("\n{}", dossier.deadline.strftime("%d/%m/%Y"))]
    if dossier.deadline_kind:
        parts.append(format_html(" ({})", dossier.get_deadline_kind_display()))
    parts.append("\n")
    days = dossier.days_left
    if closed:
        pass
    elif days < 0:
        overdue = dossier.days_overdue
        text = ngettext("%(days)s dag voorbij", "%(days)s dagen voorbij", overdue) % {
            "days": overdue
        }
        parts.append(format_html('<span class="deadline-past">{}</span>', text))
    elif days == 0:
        parts.append(format_html('<span class="deadline-near">{}</span>', _("vandaag")))
    else:
        text = ngettext("nog %(days)s dag", "nog %(days)s dagen", days) % {"days": days}
        css = "deadline-near" if dossier.deadline_is_near else ""
        parts.append(format_html('<span class="{}">{}</span>', css, text))
    parts.append("\n")
    if not closed:
        ends = dossier.winter_stop_ends
        if ends:
            text = _("Winterstop: geen afsluiting vóór %(date)s") % {
                "date": ends.strftime("%d/%m/%Y")
            }
            parts.append(
                format_html('\n<span class="badge text-bg-info winter-stop">{}</span>', text)
            )
            if dossier.cutoff_in_winter_stop:
                parts.append(
                    format_html(
                        '\n<span class="deadline-past">{}</span>',
                        _("Afsluiting gepland tijdens de winterstop: mag niet"),
                    )
                )
    return mark_safe("".join(str(part) for part in parts))


def _deadlines():
    today = timezone.localdate()
    days = [None] + [
        today + datetime.timedelta(days=n) for n in (-400, -10, -1, 0, 1, 5, 7, 8, 40, 120)
    ]
    # In the winter stop and outside it, whatever day the test runs.
    days += [datetime.date(today.year, 12, 15), datetime.date(today.year + 1, 6, 15)]
    return days


def _dossiers():
    return [
        Dossier(kind=kind, status=status, deadline=day, deadline_kind=deadline_kind)
        for kind, status, day, deadline_kind in itertools.product(
            ["water", "energie"],
            ["nieuw", "afgesloten"],
            _deadlines(),
            ["", "lac", "maatregel", "zitting"],
        )
    ]


def test_the_deadline_cell_draws_what_it_drew_row_by_row(db):
    page = cells.Page()
    drawn = 0
    for dossier in _dossiers():
        before = _deadline_before(dossier)
        assert cells.deadline(dossier, page) == before, dossier.__dict__
        assert cells.deadline(dossier) == before  # a template filter's own page
        drawn += "winter-stop" in before
    assert drawn  # the winter stop's badge was among them


def test_a_page_draws_a_deadline_once_for_the_rows_that_hold_the_same(db):
    page = cells.Page()
    day = timezone.localdate() + datetime.timedelta(days=3)
    first, same, closed = (
        Dossier(kind="water", status="nieuw", deadline=day, deadline_kind="lac"),
        Dossier(kind="water", status="toegewezen", deadline=day, deadline_kind="lac"),
        Dossier(kind="water", status="afgesloten", deadline=day, deadline_kind="lac"),
    )
    assert cells.deadline(first, page) is cells.deadline(same, page)
    assert cells.deadline(closed, page) != cells.deadline(first, page)  # no days left shown
    assert "nog 3 dagen" not in cells.deadline(closed, page)


def test_a_label_cell_is_the_choice_label_escaped_once_a_page(db):
    page = cells.Page()
    kind, status = cells.label("kind"), cells.label("status")
    water, also = Dossier(kind="woonst", status="bereikt"), Dossier(kind="woonst", status="nieuw")
    assert kind(water, page) == "Woonst (uithuiszetting)"
    assert kind(water, page) is kind(also, page)
    assert (status(water, page), status(also, page)) == ("Bereikt", "Nieuw")
    assert kind(Dossier(kind="<b>"), page) == "&lt;b&gt;"  # a value that is no choice, escaped


def test_a_worklist_page_reads_today_and_the_links_prefix_once_whatever_its_rows(db, monkeypatch):
    """Today's date goes through the active time zone, a link through the script prefix (both
    asgiref locals); the rows read them from their page."""
    from bereik.lib import urls

    today = timezone.localdate()
    for n in range(6):
        DossierFactory(kind="energie", deadline=today + datetime.timedelta(days=n))
    dossiers = list(columns.with_related(Dossier.objects.with_attention()))
    reads = []
    localdate = timezone.localdate
    monkeypatch.setattr(
        timezone, "localdate", lambda *a, **k: reads.append(1) or localdate(*a, **k)
    )
    prefix = urls.get_script_prefix
    monkeypatch.setattr(urls, "get_script_prefix", lambda: reads.append(2) or prefix())
    rows = columns.screen_rows(dossiers)
    assert len(rows) == 6 and all(row.html for row in rows)
    assert sorted(reads) == [1, 2]
    for dossier, row in zip(dossiers, rows, strict=True):
        assert f'<a href="{dossier.get_absolute_url()}">{dossier.number}</a>' in row.html
