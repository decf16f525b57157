"""The clients app's part of what Bereik holds about a person (`dossiers/personal_data.py`):
the register row and its guidance history. Retention deletes the client (its history and
match candidates go with it; its dossiers keep their anonymised rows)."""

from django.utils.translation import gettext_lazy as _

from bereik.clients.models import Client, GuidanceChange
from bereik.dossiers import personal_data
from bereik.dossiers.personal_data import Erased, Exported, Scope

CLIENT_FIELDS = (
    "client_number", "insz", "last_name", "first_name", "birth_date", "street", "house_number",
    "box", "postcode", "city", "phone", "guidance_status", "intensive_guidance",
    "guidance_end_date", "social_worker_name", "source", "missing_from_register_since",
    "created_at", "updated_at",
)  # fmt: skip
CHANGE_FIELDS = (
    "at", "actor", "source", "guidance_status", "intensive_guidance", "guidance_end_date",
    "social_worker_name",
)  # fmt: skip


def export(scope: Scope) -> Exported:
    clients = Client.objects.filter(pk__in=scope.client_ids)
    changes = GuidanceChange.objects.filter(client_id__in=scope.client_ids).select_related("actor")
    return Exported(
        records=[
            *personal_data.labelled(
                _("cliënt in het register"), clients, CLIENT_FIELDS, dossier=False
            ),
            *personal_data.labelled(
                _("wijziging begeleiding"), changes, CHANGE_FIELDS, dossier=False
            ),
        ]
    )


def erase(scope: Scope) -> Erased:
    deleted = Client.objects.filter(pk__in=scope.client_ids).delete()[1]
    return Erased(counts={"clients": deleted.get(Client._meta.label, 0)})


personal_data.register(20, "clients", _("Cliëntenregister"), export=export, erase=erase)
