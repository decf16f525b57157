"""Creating and changing sessions: date, time, place and the five seats. After closing, a change
needs a reason and is kept as a correction."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik import audit
from bereik.lac.actions.corrections import apply_changes, keep_corrections
from bereik.lac.actions.notices import flag_if_late
from bereik.lac.models import Session
from bereik.lac.queries import has_records, previous_session
from bereik.lac.rules import SESSION_FIELDS, check_kind
from bereik.lib import locking


@transaction.atomic
def session_create(
    *,
    kind: str,
    company,
    date: datetime.date,
    time: datetime.time | None = None,
    place: str = "",
    chair=None,
    bcsd_member=None,
    company_representative=None,
    debt_mediator=None,
    secretary=None,
    notes: str = "",
    copy_previous: bool = False,
    actor,
) -> Session:
    """A new session. With `copy_previous`, empty members, time and place are taken from the
    company's previous session (the committee rarely changes)."""
    check_kind(kind, company)
    session = Session(
        kind=kind,
        company=company,
        date=date,
        time=time,
        place=place,
        chair=chair,
        bcsd_member=bcsd_member,
        company_representative=company_representative,
        debt_mediator=debt_mediator,
        secretary=secretary,
        notes=notes,
    )
    previous = previous_session(kind, company) if copy_previous else None
    if previous is not None:
        for name in ("time", "place", *Session.MEMBER_FIELDS):
            if not getattr(session, name):
                setattr(session, name, getattr(previous, name))
    session.save()
    audit.record("lac.session.create", actor=actor, obj=session)
    return session


@transaction.atomic
def session_update(
    session: Session, *, actor, reason: str = "", version: str | None = None, **fields
) -> Session:
    """Change a session. After closing, a change needs a reason and is kept as a correction."""
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise ValueError(f"Unknown session fields: {sorted(unknown)}")
    session = locking.check(session, version)
    if session.is_closed and not reason.strip():
        raise ValidationError(_("De zitting is afgesloten: geef een reden voor de correctie."))
    new_date = fields.get("date", session.date)
    if new_date != session.date and new_date > timezone.localdate() and has_records(session):
        raise ValidationError(
            {
                "date": _(
                    "Er is al aanwezigheid of advies genoteerd: de zitting kan niet naar een dag "
                    "na vandaag."
                )
            }
        )
    if "company" in fields or "kind" in fields:
        check_kind(fields.get("kind", session.kind), fields.get("company", session.company))
        if session.items.exists() and (
            fields.get("kind", session.kind) != session.kind
            or fields.get("company", session.company) != session.company
        ):
            raise ValidationError(
                _("Soort en maatschappij wijzigen kan niet meer: er staan dossiers op de agenda.")
            )
    changes = apply_changes(session, fields)
    if not changes:
        return session
    session.save()
    if session.is_closed:
        keep_corrections(session, None, changes, reason=reason, actor=actor)
    if "date" in fields:
        for item in session.items.select_related("dossier"):
            flag_if_late(item, actor=actor)
    audit.record(
        "lac.session.correct" if session.is_closed else "lac.session.update",
        actor=actor,
        obj=session,
        details={"fields": sorted(name for name, _old, _new in changes)},
    )
    return session
