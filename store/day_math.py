"""Day arithmetic that cannot leave the calendar.

Reports come from the open web: a `published: 0001-01-01` or `9999-12-31`, or a relative
phrase ("days later") told after an event dated near either end, would make `day +
timedelta(...)` raise OverflowError and stop the status, the timeline, incidents or an
export. Every date step in store/ goes through `shift`, which stops at the ends instead:
a bound past 9999-12-31 is 9999-12-31 (as late as a day can be), a window before year 1
starts at year 1. No real report is near either end, so nothing real moves.

    shift(day, days) -> date   # day + days, clamped to [date.min, date.max]
"""
from __future__ import annotations

from datetime import date

_FIRST, _LAST = date.min.toordinal(), date.max.toordinal()


def shift(day: date, days: int) -> date:
    """`day` moved by `days` (negative: back), stopping at the first or last day of the calendar."""
    n = day.toordinal() + days
    if _FIRST <= n <= _LAST:
        return date.fromordinal(n)
    return date.min if n < _FIRST else date.max
