import datetime

import pytest

from bereik.lib import workdays

D = datetime.date


@pytest.mark.parametrize(
    ("year", "sunday"),
    [(2024, D(2024, 3, 31)), (2025, D(2025, 4, 20)), (2026, D(2026, 4, 5)), (2027, D(2027, 3, 28))],
)
def test_easter(year, sunday):
    assert workdays.easter(year) == sunday


def test_the_public_holidays_of_2026():
    assert sorted(workdays.holidays(2026)) == [
        D(2026, 1, 1),
        D(2026, 4, 6),  # Easter Monday
        D(2026, 5, 1),
        D(2026, 5, 14),  # Ascension
        D(2026, 5, 25),  # Whit Monday
        D(2026, 7, 11),
        D(2026, 7, 21),
        D(2026, 8, 15),
        D(2026, 11, 1),
        D(2026, 11, 11),
        D(2026, 12, 25),
    ]


def test_working_days_skip_weekends_and_holidays():
    assert not workdays.is_working_day(D(2026, 11, 11))  # Wapenstilstand, a Wednesday
    assert not workdays.is_working_day(D(2026, 11, 14))  # a Saturday
    assert workdays.is_working_day(D(2026, 11, 12))
    assert workdays.working_day_before(D(2026, 11, 12)) == D(2026, 11, 10)
    assert workdays.working_day_after(D(2026, 12, 24)) == D(2026, 12, 28)
    assert workdays.working_day_after(D(2026, 12, 23), 2) == D(2026, 12, 28)
    assert workdays.working_day_on_or_after(D(2026, 5, 25)) == D(2026, 5, 26)
    assert workdays.working_day_on_or_before(D(2026, 4, 6)) == D(2026, 4, 3)
