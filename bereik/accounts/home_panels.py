from django.utils.translation import gettext_lazy as _

from bereik.accounts import roles
from bereik.home import admin_links, panels


@panels.register(900)
def admin_shortcuts(user):
    """The beheerder's shortcuts: the same links as the Beheer page."""
    if not roles.is_beheerder(user):
        return None
    return {
        "title": _("Beheer"),
        "template": "accounts/panels/admin.html",
        "links": admin_links.links_for(user),
    }
