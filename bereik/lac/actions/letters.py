"""Documents a session makes and keeps on each dossier: the decision letters after the session
and the invitations before it (letters of bereik.outreach)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bereik import audit
from bereik.lac.letters import CODES, invitation_options
from bereik.lac.models import Session
from bereik.lac.queries import invited_for
from bereik.lac.rules import assert_open
from bereik.outreach import actions as outreach_actions
from bereik.outreach.letter_types import INVITATION


@transaction.atomic
def decision_letters_create(items, recipient: str, *, actor) -> bytes:
    """Make and store the decision letters of `items` (one session) for `recipient` ("klant" or
    "maatschappij"); each letter is kept on its dossier. Returns one DOCX, the letters merged into
    one file when there are several."""
    items = list(items)
    if not items:
        raise ValidationError(_("Er is nog geen advies genoteerd."))
    code = CODES[recipient]
    session = items[0].session
    if len(items) == 1:
        data = outreach_actions.letter_generate(
            items[0].dossier, code, actor=actor, session=session.pk
        ).content()
    else:
        batch = outreach_actions.letters_generate_batch(
            [item.dossier for item in items],
            code,
            actor=actor,
            title=_("Beslissingen LAC %(session)s (%(recipient)s)")
            % {"session": session, "recipient": recipient},
            session=session.pk,
        )
        data = batch.content()
    audit.record(
        "lac.letters",
        actor=actor,
        obj=session,
        details={"recipient": recipient, "items": [item.pk for item in items]},
    )
    return data


@transaction.atomic
def session_invitations_create(session: Session, dossiers, *, sent_on=None, actor):
    """The LAC invitations of a session's households as one batch (bereik.outreach), each letter on
    its own page, with the session's date, time and place. Households that already have an
    invitation for this session are left out, so a second click makes no duplicates. Returns the
    batch and the number left out."""
    assert_open(session)
    dossiers = list(dossiers)
    invited = invited_for(session, [dossier.pk for dossier in dossiers])
    todo = [dossier for dossier in dossiers if dossier.pk not in invited]
    if not todo:
        raise ValidationError(
            _("Alle gezinnen op deze agenda kregen al een uitnodiging voor deze zitting.")
        )
    batch = outreach_actions.letters_generate_batch(
        todo,
        INVITATION,
        actor=actor,
        sent_on=sent_on,
        title=_("Uitnodigingen %(session)s (%(count)d brieven)")
        % {"session": session, "count": len(todo)},
        origin_url=session.get_absolute_url(),
        origin_label=_("Terug naar de LAC-zitting"),
        **invitation_options(session),
    )
    audit.record(
        "lac.invitations",
        actor=actor,
        obj=session,
        details={"batch": batch.pk, "letters": len(todo), "already": len(invited)},
    )
    return batch, len(invited)
