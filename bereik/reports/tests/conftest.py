import datetime

import pytest
import time_machine
from django.utils import timezone

from bereik.dossiers.tests.factories import DossierFactory

TODAY = datetime.date(2026, 11, 27)  # a Friday


@pytest.fixture(autouse=True)
def frozen_today():
    """This year is 1 January to 27 November 2026, compared with the same days of 2025."""
    with time_machine.travel(datetime.datetime(2026, 11, 27, 10, 0, tzinfo=datetime.UTC)):
        yield TODAY


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def moment(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """A Belgian moment on `day`."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def dossier(opened: datetime.date, *, reached=None, deadline=None, at=(10, 0), **fields):
    """A dossier opened on `opened` (a Belgian day), reached on `reached`, with `deadline`."""
    return DossierFactory(
        opened_at=moment(opened, *at), reached_on=reached, deadline=deadline, **fields
    )
