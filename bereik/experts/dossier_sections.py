from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bereik.accounts import roles
from bereik.dossiers import sections
from bereik.experts import queries
from bereik.experts.models import Proposal
from bereik.outreach.letters import contact_person


@sections.register(
    order=45,
    key="ervaringsdeskundige",
    open_in=(sections.HELP,),
    reads=("expert_proposals", "lac_items"),
)
def expert_section(request, dossier, ctx):
    """The experts by experience on this household: proposals and their answer, the expert's
    contacts (also on the timeline) and the LAC sessions they go along to."""
    proposals = queries.proposals_of(dossier)
    can_propose = ctx.get("can_change") and roles.can_propose_to_expert(request.user)
    if not proposals and not can_propose:
        return None
    items = queries.coming_items(dossier)
    accepted = [p for p in proposals if p.status == Proposal.Status.ACCEPTED]
    waiting = [p for p in proposals if p.status == Proposal.Status.PROPOSED]
    caption = []
    if accepted:
        caption.append(", ".join(p.expert.get_full_name() for p in accepted))
    companions = [(item, companion) for item in items for companion in item.expert_companions.all()]
    following = {p.expert_id for p in accepted}  # already named in the caption
    for item, companion in companions:
        date = f"{item.session.date:%d/%m}"
        caption.append(
            _("mee naar de LAC van %(date)s") % {"date": date}
            if companion.expert_id in following
            else _("%(name)s mee naar de LAC van %(date)s")
            % {"name": companion.expert.get_full_name(), "date": date}
        )
    if waiting:
        caption.append(
            ngettext("%(n)d voorstel wacht", "%(n)d voorstellen wachten", len(waiting))
            % {"n": len(waiting)}
        )
    return {
        "title": _("Ervaringsdeskundige"),
        "template": "experts/section.html",
        "proposals": proposals,
        "can_propose": can_propose,
        "companions": companions,
        "can_add_companion": bool(
            ctx.get("can_change") and accepted and queries.items_to_offer(items)
        ),
        "caption": " · ".join(str(part) for part in caption) or _("nog niet voorgesteld"),
    }


@sections.register(order=90, key="contactpersoon", column="side")
def contact_person_section(request, dossier, ctx):
    """Who the letters name as contact (a brugfiguur, an expert, or the assigned worker)."""
    person = contact_person(dossier)
    return {
        "title": _("Contactpersoon op brieven"),
        "template": "experts/contact_person_section.html",
        "person": person,
        "set_by_hand": dossier.contact_person_id is not None,
        "caption": person.get_full_name() if person else _("niemand"),
    }
