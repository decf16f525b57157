"""The expert's home: the proposals waiting for an answer and the households they follow."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bereik.accounts import roles
from bereik.experts import queries
from bereik.home import panels


@panels.register(4)
def expert_panel(user):
    if not roles.is_expert(user):
        return None
    return {
        "title": _("Mijn gezinnen"),
        "template": "experts/panel.html",
        "waiting": queries.waiting_proposals(user).count(),
        "following": queries.my_households(user).count(),
        "url": reverse("experts:home"),
        "outreach_url": reverse("experts:outreach"),
    }
