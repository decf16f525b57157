"""Working days in Flanders: Monday to Friday, except the Belgian public holidays and the Flemish
holiday (11 July, when the OCMW is closed). A pure helper (no models): the demo puts its LAC
sessions, lists and visits on days the OCMW works (`bereik/lac/demo.py`, `bereik/lib/clock.py`).

The legal holidays: New Year, Easter Monday, Labour Day (1 May), Ascension (Easter + 39),
Whit Monday (Easter + 50), the National holiday (21 July), Assumption (15 August), All Saints
(1 November), Armistice (11 November) and Christmas.
"""

import datetime
import functools

# (month, day, name) of the holidays on a fixed date.
FIXED_HOLIDAYS = (
    (1, 1, "Nieuwjaar"),
    (5, 1, "Dag van de Arbeid"),
    (7, 11, "Vlaamse feestdag"),
    (7, 21, "Nationale feestdag"),
    (8, 15, "O.L.V.-Hemelvaart"),
    (11, 1, "Allerheiligen"),
    (11, 11, "Wapenstilstand"),
    (12, 25, "Kerstmis"),
)
# (days after Easter Sunday, name) of the holidays that move with Easter.
EASTER_HOLIDAYS = (
    (1, "Paasmaandag"),
    (39, "O.L.H.-Hemelvaart"),
    (50, "Pinkstermaandag"),
)


def easter(year: int) -> datetime.date:
    """Easter Sunday in the Gregorian calendar (the anonymous algorithm of Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


@functools.cache
def holidays(year: int) -> dict[datetime.date, str]:
    """The public holidays of `year`: date -> Dutch name."""
    days = {datetime.date(year, month, day): name for month, day, name in FIXED_HOLIDAYS}
    sunday = easter(year)
    for offset, name in EASTER_HOLIDAYS:
        days[sunday + datetime.timedelta(days=offset)] = name
    return days


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in holidays(day.year)


def working_day_on_or_before(day: datetime.date) -> datetime.date:
    while not is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def working_day_on_or_after(day: datetime.date) -> datetime.date:
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def working_day_before(day: datetime.date) -> datetime.date:
    """The last working day before `day`."""
    return working_day_on_or_before(day - datetime.timedelta(days=1))


def working_day_after(day: datetime.date, days: int = 1) -> datetime.date:
    """The `days`-th working day after `day`."""
    for _step in range(days):
        day = working_day_on_or_after(day + datetime.timedelta(days=1))
    return day
