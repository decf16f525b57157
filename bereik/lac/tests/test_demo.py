from bereik.accounts import demo as accounts_demo
from bereik.dossiers.models import Task
from bereik.lac import demo, queries
from bereik.lac.models import Session
from bereik.organisation import demo as organisation_demo


def test_the_demo_has_past_and_upcoming_sessions_in_both_kinds(db):
    from bereik.demo.loader import make_context

    ctx = make_context()
    organisation_demo.load(ctx)
    accounts_demo.load(ctx)

    demo.load(ctx)

    for kind in (Session.WATER, Session.ENERGIE):
        past = Session.objects.past().filter(kind=kind).get()
        assert past.is_closed
        assert all(item.has_advice for item in past.items.all())
        upcoming = Session.objects.upcoming().filter(kind=kind).get()
        assert not upcoming.is_closed and upcoming.items.count() == 3
        assert upcoming.chair is not None
        assert any(item.is_late for item in upcoming.items.all())
    assert Task.objects.filter(source__startswith="lac:").exists()
    # Some households are divided over the social workers, as in Kontich: Nele prepares them.
    assert queries.items_to_prepare(ctx.users["nele"]).filter(session__kind=Session.ENERGIE)
