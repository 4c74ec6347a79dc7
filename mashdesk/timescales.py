"""Working-time clocks: decision due one working day after receipt; RAG timescales.

Working days exclude weekends and England and Wales bank holidays (the `holidays` package).
Working hours and RAG timescales are settings, never code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class WorkingCalendar:
    day_start: dt.time = dt.time(9, 0)
    day_end: dt.time = dt.time(17, 0)
    tz: ZoneInfo = LONDON
    # RAG timescales in working hours (a common local pattern; configurable).
    rag_hours: dict[str, float] = field(default_factory=lambda: {"red": 4.0, "amber": 24.0, "green": 72.0})

    @property
    def day_length(self) -> dt.timedelta:
        today = dt.date(2000, 1, 3)
        return dt.datetime.combine(today, self.day_end) - dt.datetime.combine(today, self.day_start)

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in _bank_holidays(day.year)

    def next_working_day(self, day: dt.date) -> dt.date:
        day += dt.timedelta(days=1)
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def _clock_start(self, moment: dt.datetime) -> dt.datetime:
        """The first working instant at or after `moment`, in local time."""
        local = moment.astimezone(self.tz)
        day = local.date()
        if self.is_working_day(day):
            start = dt.datetime.combine(day, self.day_start, self.tz)
            end = dt.datetime.combine(day, self.day_end, self.tz)
            if local < start:
                return start
            if local < end:
                return local
        nxt = self.next_working_day(day)
        return dt.datetime.combine(nxt, self.day_start, self.tz)

    def add_working_time(self, moment: dt.datetime, amount: dt.timedelta) -> dt.datetime:
        """`moment` plus `amount` of working time (time outside working hours does not count)."""
        if moment.tzinfo is None:
            raise ValueError("working-time arithmetic needs a timezone-aware time")
        current = self._clock_start(moment)
        remaining = amount
        while True:
            end = dt.datetime.combine(current.date(), self.day_end, self.tz)
            available = end - current
            if remaining <= available:
                return (current + remaining).astimezone(dt.UTC)
            remaining -= available
            nxt = self.next_working_day(current.date())
            current = dt.datetime.combine(nxt, self.day_start, self.tz)

    def decision_due(self, received_at: dt.datetime) -> dt.datetime:
        """One working day after receipt."""
        return self.add_working_time(received_at, self.day_length)

    def rag_due(self, received_at: dt.datetime, rag: str) -> dt.datetime:
        hours = self.rag_hours[rag.lower()]
        return self.add_working_time(received_at, dt.timedelta(hours=hours))

    def working_time_between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """Working time elapsed from `start` to `end` (zero if end is earlier)."""
        total = dt.timedelta()
        current = self._clock_start(start)
        end_local = end.astimezone(self.tz)
        while current < end_local:
            day_end = dt.datetime.combine(current.date(), self.day_end, self.tz)
            stop = min(day_end, end_local)
            if stop > current:
                total += stop - current
            nxt = self.next_working_day(current.date())
            current = dt.datetime.combine(nxt, self.day_start, self.tz)
        return total


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[dt.date]:
    # A frozenset: membership in a HolidayBase converts its key on every test.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def warm_bank_holidays(today: dt.date | None = None) -> None:
    """Work out last, this and next year's bank holidays now, so that intake workers forked
    afterwards share them instead of each loading the holidays package's calendars again (about
    0.1 s of CPU a worker)."""
    year = (today or dt.date.today()).year
    for y in (year - 1, year, year + 1):
        _bank_holidays(y)


def calendar_from_settings(settings: dict[str, str]) -> WorkingCalendar:
    """A calendar from stored settings (keys working_day_start, working_day_end, rag_*_hours)."""
    kwargs: dict[str, object] = {}
    if "working_day_start" in settings:
        kwargs["day_start"] = dt.time.fromisoformat(settings["working_day_start"])
    if "working_day_end" in settings:
        kwargs["day_end"] = dt.time.fromisoformat(settings["working_day_end"])
    rag = {k: float(settings[f"rag_{k}_hours"]) for k in ("red", "amber", "green") if f"rag_{k}_hours" in settings}
    if rag:
        kwargs["rag_hours"] = {"red": 4.0, "amber": 24.0, "green": 72.0} | rag
    return WorkingCalendar(**kwargs)  # type: ignore[arg-type]
