from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bereik.accounts import roles
from bereik.dossiers import access
from bereik.dossiers.models import Signal
from bereik.home import panels
from bereik.intake.models import ImportBatch, ImportRow


@panels.register(15)
def imports_panel(user):
    """For those who import: the latest imports, previews waiting for confirmation, and the
    buttons to upload a list or register an eviction document."""
    if not roles.can_import(user):
        return None
    # A court document only for whoever may see its dossier (as its file and its import page).
    visible_rows = ImportRow.objects.filter(dossier__in=access.visible_dossiers(user).values("pk"))
    shown = ~Q(kind=Signal.Kind.UITHUISZETTING) | Q(pk__in=visible_rows.values("batch_id"))
    recent = list(
        ImportBatch.objects.filter(shown, status=ImportBatch.Status.IMPORTED).select_related(
            "company"
        )[:5]
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
