from __future__ import annotations

import datetime as dt

import pytest

from mashdesk.timescales import LONDON, WorkingCalendar


def at(s: str) -> dt.datetime:
    return dt.datetime.fromisoformat(s).replace(tzinfo=LONDON)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        ("2026-11-23 10:00", "2026-11-24 10:00"),  # Monday morning: Tuesday same time
        ("2026-11-27 16:00", "2026-11-30 16:00"),  # Friday afternoon: Monday
        ("2026-11-28 11:00", "2026-11-30 17:00"),  # Saturday: the clock starts Monday 09:00
        ("2026-11-23 18:30", "2026-11-24 17:00"),  # after hours: the clock starts next morning
        ("2027-03-25 12:00", "2027-03-30 12:00"),  # Maundy Thursday: Good Friday, Easter Monday off
        ("2026-06-29 12:00", "2026-06-30 12:00"),  # summer time (BST) handled in local time
    ],
)
def test_decision_due(received: str, due: str) -> None:
    cal = WorkingCalendar()
    assert cal.decision_due(at(received)) == at(due).astimezone(dt.UTC)


def test_rag_timescales_and_elapsed_working_time() -> None:
    cal = WorkingCalendar(rag_hours={"red": 4, "amber": 24, "green": 72})
    start = at("2026-11-23 15:00")
    assert cal.rag_due(start, "red") == at("2026-11-24 11:00").astimezone(dt.UTC)
    assert cal.working_time_between(start, at("2026-11-24 11:00")) == dt.timedelta(hours=4)
    with pytest.raises(ValueError, match="timezone"):
        cal.add_working_time(dt.datetime(2026, 1, 1), dt.timedelta(hours=1))


def test_bank_holidays_are_worked_out_once_before_intake_workers_fork() -> None:
    from mashdesk import timescales

    timescales._bank_holidays.cache_clear()
    timescales.warm_bank_holidays(dt.date(2026, 5, 1))
    assert timescales._bank_holidays.cache_info().currsize == 3
    assert dt.date(2026, 12, 25) in timescales._bank_holidays(2026)
    assert dt.date(2027, 1, 1) in timescales._bank_holidays(2027)
    assert timescales._bank_holidays.cache_info().hits == 2  # already worked out, not again
