import datetime

import pytest
import time_machine

TODAY = datetime.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def frozen_today():
    """The sample lists' dates fit 27 November 2026."""
    with time_machine.travel(datetime.datetime(2026, 11, 27, 10, 0, tzinfo=datetime.UTC)):
        yield TODAY


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
