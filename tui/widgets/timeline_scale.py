"""Where a day falls on the timeline: a compressed scale that keeps every change day visible.

Between two change days the columns grow with the logarithm of the gap (1 + log2(1 + days)),
so three busy days in June 2014 and eleven quiet months after them both stay readable; the
axis labels give the real dates.
"""
from __future__ import annotations

import math
from datetime import date


class Scale:
    """Day -> column, piecewise linear between change days; each gap weighs 1 + log2(1 + days)."""

    def __init__(self, days: list[date], width: int):
        self.days = days
        weights = [1 + math.log2(1 + (b - a).days) for a, b in zip(days, days[1:])]
        total = sum(weights) or 1.0
        self.cols = [0.0]
        for w in weights:
            self.cols.append(self.cols[-1] + w / total * (width - 1))
        self.width = width

    def col(self, day: date) -> int:
        days, cols = self.days, self.cols
        if len(days) == 1 or day <= days[0]:
            return 0
        if day >= days[-1]:
            return self.width - 1
        for i in range(len(days) - 1):
            if days[i] <= day < days[i + 1]:
                span = (days[i + 1] - days[i]).days
                return int(cols[i] + (cols[i + 1] - cols[i]) * (day - days[i]).days / span)
        return self.width - 1
