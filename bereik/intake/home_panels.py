from django.utils.translation import gettext_lazy as _

from bereik.accounts import roles
from bereik.home import panels
from bereik.intake.models import ImportBatch


@panels.register(15)
def imports_panel(user):
    """For those who import: the latest imports, previews waiting for confirmation, and the
    buttons to upload a list or register an eviction document."""
    if not roles.can_import(user):
        return None
    recent = list(
        ImportBatch.objects.filter(status=ImportBatch.Status.IMPORTED).select_related("company")[:5]
    )
    waiting = list(
        ImportBatch.objects.filter(
            status=ImportBatch.Status.PREVIEW, created_by=user
        ).select_related("company")[:5]
    )
    return {
        "title": _("Lijsten en documenten importeren"),
        "template": "intake/panel.html",
        "recent": recent,
        "waiting": waiting,
    }
