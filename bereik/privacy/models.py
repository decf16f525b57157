from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bereik.dossiers.models import Dossier

CLIENTS = "client"

#: The defaults, in years (ADR 0028; README "Bewaartermijnen"). Water, energy and rent arrears
#: are periodic debts that lapse after five years (art. 2277 old Civil Code): a household that
#: comes back within that time is helped with its history. Other dossiers three years. A client
#: row mirrors the OCMW's register: one year after it left the register (or its last change,
#: for one added by hand) once none of its dossiers is kept.
DEFAULT_YEARS = {
    Dossier.Kind.WATER: 5,
    Dossier.Kind.ENERGIE: 5,
    Dossier.Kind.WOONST: 5,
    Dossier.Kind.ANDERE: 3,
    CLIENTS: 1,
}

SUBJECT_CHOICES = [
    *Dossier.Kind.choices,
    (CLIENTS, _("Cliënten zonder bewaard dossier")),
]


class RetentionPeriod(models.Model):
    """How long Bereik keeps a closed dossier of one kind (counted from its closing), or a
    register client none of whose dossiers is kept. A kind without a row has its default."""

    subject = models.CharField(_("voor"), max_length=20, choices=SUBJECT_CHOICES, unique=True)
    years = models.PositiveSmallIntegerField(
        _("jaren"), validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("bewaartermijn")
        verbose_name_plural = _("bewaartermijnen")

    def __str__(self):
        return f"{self.get_subject_display()}: {self.years}"


def periods() -> dict[str, int]:
    """Years per dossier kind and for clients: the beheerder's, else the defaults."""
    result = {str(key): years for key, years in DEFAULT_YEARS.items()}
    result.update(RetentionPeriod.objects.values_list("subject", "years"))
    return result
