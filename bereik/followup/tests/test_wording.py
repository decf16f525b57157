"""Counts are written as Dutch, not as 'recht(en)'."""

from django.urls import reverse

from bereik.followup.models import RightCheck, RightItem
from bereik.followup.tests.factories import reached_dossier


def test_saving_the_rights_investigation_counts_in_proper_dutch(mw, team, login):
    dossier = reached_dossier(mw, team["sociale_dienst"])
    first, second = RightItem.objects.all()[:2]
    client = login(mw)

    one = client.post(
        reverse("followup:rights_edit", args=[dossier.pk]),
        {f"status_{first.pk}": RightCheck.Status.APPLIED},
        follow=True,
    ).content.decode()
    two = client.post(
        reverse("followup:rights_edit", args=[dossier.pk]),
        {
            f"status_{first.pk}": RightCheck.Status.USED,
            f"status_{second.pk}": RightCheck.Status.TO_CHECK,
        },
        follow=True,
    ).content.decode()

    assert "Rechtenonderzoek bewaard: 1 recht bijgewerkt." in one
    assert "Rechtenonderzoek bewaard: 2 rechten bijgewerkt." in two
    summaries = list(dossier.events.filter(kind="rights").values_list("summary", flat=True))
    assert summaries == [
        "Rechtenonderzoek bijgewerkt: 1 recht",
        "Rechtenonderzoek bijgewerkt: 2 rechten",
    ]
    assert "recht(en)" not in two
