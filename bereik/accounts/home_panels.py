from django.utils.translation import gettext_lazy as _

from bereik.accounts import background, roles
from bereik.accounts.models import Mail
from bereik.home import admin_links, panels


@panels.register(890)
def delivery_problems(user):
    """Mails that did not go out and background tasks that failed: only when there are any."""
    if not roles.is_beheerder(user):
        return None
    mails = Mail.objects.filter(status__in=(Mail.Status.FAILED, Mail.Status.RETRY)).count()
    tasks = background.failed_results().count()
    if not mails and not tasks:
        return None
    return {
        "title": _("E-mails en achtergrondtaken"),
        "template": "accounts/panels/delivery_problems.html",
        "mails": mails,
        "tasks": tasks,
    }


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
