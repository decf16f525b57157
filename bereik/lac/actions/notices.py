"""What the people concerned hear of a change to the agenda: an entry on the dossier's timeline
(placed, late) and in-app notifications (the preparers, the chair and secretary of a late
session). Called by the agenda's actions, inside their transaction."""

from collections import defaultdict

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bereik.accounts.actions import notify
from bereik.accounts.models import Notification
from bereik.dossiers.actions import dossier_log
from bereik.lac.models import AgendaItem, Session
from bereik.lac.rules import date_text


def flag_if_late(item: AgendaItem, *, actor) -> bool:
    """Put a late session on the dossier's timeline, with what the law says happens."""
    if not item.is_late:
        return False
    summary = _(
        "LAC-termijn overschreden: zitting op %(session)s, advies wettelijk vereist tegen "
        "%(deadline)s"
    ) % {"session": date_text(item.session.date), "deadline": date_text(item.legal_deadline)}
    dossier_log(
        item.dossier,
        "lac.deadline",
        summary,
        actor=actor,
        text=item.lapse_consequence,
        data={"item": item.pk, "session": item.session_id},
    )
    return True


def placement_log(item: AgendaItem, *, actor, text: str = "") -> None:
    session = item.session
    summary = _("Op de agenda van %(session)s") % {"session": session}
    dossier_log(
        item.dossier,
        "lac.agenda",
        summary,
        actor=actor,
        text=text,
        data={"item": item.pk, "session": session.pk},
    )


def notify_preparers(items, *, added_by=None) -> None:
    """One notification per preparer and session, not one per dossier."""
    grouped = defaultdict(list)
    for item in items:
        if item.preparer_id and item.preparer_id != getattr(added_by, "pk", None):
            grouped[(item.preparer, item.session)].append(item)
    for (preparer, session), session_items in grouped.items():
        text = ngettext(
            "%(count)d dossier voor te bereiden voor %(session)s",
            "%(count)d dossiers voor te bereiden voor %(session)s",
            len(session_items),
        ) % {"count": len(session_items), "session": session}
        notify(
            preparer,
            text,
            kind=Notification.Kind.LAC_PREPARATION,
            url=reverse("lac:my_items"),
            dossier=session_items[0].dossier if len(session_items) == 1 else None,
            count=len(session_items),
        )


def notify_late(items) -> None:
    """An import runs in the background: the chair and the secretary of the session hear of the
    households whose session falls after the legal deadline (one notification per session)."""
    grouped = defaultdict(list)
    for item in items:
        grouped[item.session_id].append(item)
    for session_items in grouped.values():
        session = Session.objects.select_related("chair", "secretary").get(
            pk=session_items[0].session_id
        )
        names = ", ".join(item.dossier.household_name for item in session_items)
        text = ngettext(
            "%(session)s valt na de wettelijke termijn voor het advies van %(count)d gezin: "
            "%(names)s. Verplaats het naar een vroegere zitting als dat kan.",
            "%(session)s valt na de wettelijke termijn voor het advies van %(count)d gezinnen: "
            "%(names)s. Verplaats ze naar een vroegere zitting als dat kan.",
            len(session_items),
        ) % {"session": session, "count": len(session_items), "names": names}
        users = {
            person.user
            for person in (session.chair, session.secretary)
            if person is not None and person.user_id and person.user.is_active
        }
        for user in users:
            notify(
                user,
                text,
                kind=Notification.Kind.LAC_LATE,
                url=session.get_absolute_url(),
                count=len(session_items),
            )
