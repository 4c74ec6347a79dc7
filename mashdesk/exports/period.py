"""Dates as the front door means them: calendar days in London, compared with stored UTC text."""

from __future__ import annotations

import datetime as dt

from mashdesk.accounts import clock
from mashdesk.timescales import LONDON


def utc_bound(day: dt.date) -> str:
    """The start of `day` in London as UTC text comparable with stored timestamps.

    Stored times are ISO-8601 UTC with or without fractions; a bound without fraction or offset
    sorts before every stored time of the same second, so `at >= bound` includes midnight.
    """
    start = dt.datetime.combine(day, dt.time(0, 0), LONDON).astimezone(dt.UTC)
    return start.strftime("%Y-%m-%dT%H:%M:%S")


def parse_utc(value: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def london(value: str) -> dt.datetime:
    """A stored UTC timestamp as a naive London wall-clock time (what a spreadsheet shows)."""
    return parse_utc(value).astimezone(LONDON).replace(tzinfo=None)


def london_date(value: str) -> dt.date:
    return parse_utc(value).astimezone(LONDON).date()


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (the 31st becomes the month's last day)."""
    total = day.year * 12 + (day.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def today_london() -> dt.date:
    return clock.now().astimezone(LONDON).date()


def age_years(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
