"""The time a question asks about ("on April 18, 1994", "in July 1994", "in 1973", "after the April 18
update"), so that `ask` can prefer the documents written then: a historian asking what was said on a day
reads that day's cables first, whatever their wording shares with the question's.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from readingroom.parse.dates import DAY_MONTH_RE, MONTH_DAY_RE, MONTH_YEAR_RE, find_dates, month_number
from readingroom.search.index import date_bounds

# A document reports an event on its day or in the days after: a cable of 19 April tells the Council's
# meeting of the 18th.
REPORT_LAG = dt.timedelta(days=7)
_YEAR = re.compile(r"\b(?P<year>1[6-9]\d\d|20\d\d)\b")


@dataclass(frozen=True)
class Period:
    low: dt.date
    high: dt.date
    any_year: bool = False  # "April 18" with no year: that day in any year

    def holds(self, date: str | None) -> bool:
        """Whether a document of this date (ISO, of any precision) was written in the period. The date is read
        as the `date:` filter reads it (yyyymmdd bounds: "1994-04" is 19940400..19940499)."""
        try:
            first, last = date_bounds(date or "")
        except ValueError:
            return False
        low, high = self._bounds
        if not self.any_year:
            return first <= high and low <= last
        year = first // 10000
        if year != last // 10000 or self.low.year != self.high.year:  # a year, or a week across New Year
            return False
        if (self.low.month, self.low.day) == (2, 29) and not calendar.isleap(year):
            return False  # 29 February, asked of a year without one
        return first % 10000 <= high % 10000 and low % 10000 <= last % 10000

    @cached_property
    def _bounds(self) -> tuple[int, int]:
        """The period's first and last day as yyyymmdd, worked out once: `holds` runs for every candidate."""
        low, high = (d.year * 10000 + d.month * 100 + d.day for d in (self.low, self.high))
        return low, high


def question_periods(question: str) -> list[Period]:
    """The periods a question names, each widened by the week in which documents report on it."""
    periods: list[Period] = []
    taken: list[tuple[int, int]] = []
    for found in find_dates(question):
        low, _, high = found.iso.partition("/")
        periods.append(Period(dt.date.fromisoformat(low), dt.date.fromisoformat(high or low) + REPORT_LAG))
        taken.append((found.start, found.end))
    for m in MONTH_YEAR_RE.finditer(question):
        if _free(m, taken) and (month := month_number(m["mon"])):
            first = dt.date(int(m["year"]), month, 1)
            periods.append(Period(first, _month_end(first) + REPORT_LAG))
            taken.append(m.span())
    for rx in (MONTH_DAY_RE, DAY_MONTH_RE):
        for m in rx.finditer(question):
            month = month_number(m["mon"])
            if _free(m, taken) and month and (day := _day_in_any_year(month, int(m["day"]))):
                periods.append(Period(day, day + REPORT_LAG, any_year=True))
                taken.append(m.span())
    for m in _YEAR.finditer(question):
        if _free(m, taken):
            year = int(m["year"])
            periods.append(Period(dt.date(year, 1, 1), dt.date(year, 12, 31) + REPORT_LAG))
    return periods


def _free(m: re.Match[str], taken: list[tuple[int, int]]) -> bool:
    return not any(s < m.end() and m.start() < e for s, e in taken)


def _day_in_any_year(month: int, day: int) -> dt.date | None:
    try:
        return dt.date(2000, month, day)  # a leap year, so 29 February stands
    except ValueError:
        return None


def _month_end(first: dt.date) -> dt.date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])
