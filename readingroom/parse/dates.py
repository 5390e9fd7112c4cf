"""Dates as archives write them: date-time groups, written dates and partial dates.

Returned values are ISO 8601 strings of the precision the source gives ("1994", "1994-04", "1994-04-15"),
never a made-up day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6,
    "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12,
}  # fmt: skip
MONTH_NAMES = (
    r"(?:JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|"
    r"SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)"
)

# A date-time group: day, hour, minute, zone letter. OCR often reads the zone "Z" as "2" or "7".
DTG_RE = re.compile(
    rf"\b(?P<day>[0-3]\d)(?P<hh>[0-2]\d)(?P<mm>[0-5]\d)(?P<zone>[Z27])\s+(?P<mon>{MONTH_NAMES})\.?\s+(?P<yy>\d{{2,4}})\b",
    re.IGNORECASE,
)
WRITTEN_DMY_RE = re.compile(rf"\b(?P<day>[0-3]?\d)\s+(?P<mon>{MONTH_NAMES})\.?,?\s+(?P<year>1[6-9]\d\d|20\d\d)\b", re.I)
WRITTEN_MDY_RE = re.compile(
    rf"\b(?P<mon>{MONTH_NAMES})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>1[6-9]\d\d|20\d\d)\b", re.I
)


# Ranges: "APRIL 6-8, 1994", "6 TO 8 APRIL 1994", "April 28 - May 2"; the year may be left to the document date.
# "AND" only after "BETWEEN": "BETWEEN 20 AND 25 APRIL" is a range, "APRIL 6 AND 8" two days
_SEP = r"\s*(?P<sep>-|–|—|\bTO\b|\bTHROUGH\b|\bTHRU\b|\bAND\b)\s*"
_BETWEEN = re.compile(r"\bBETWEEN\s+$", re.I)
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>1[6-9]\d\d|20\d\d))?"
MDY_RANGE_RE = re.compile(
    rf"\b(?P<mon>{MONTH_NAMES})\.?\s+(?P<d1>[0-3]?\d){_ORD}{_SEP}(?:(?P<mon2>{MONTH_NAMES})\.?\s+)?"
    rf"(?P<d2>[0-3]?\d){_ORD}\b{_YEAR}\b", re.I)  # fmt: skip
DMY_RANGE_RE = re.compile(
    rf"\b(?P<d1>[0-3]?\d)(?:\s+(?P<mon1>{MONTH_NAMES}))?{_SEP}(?P<d2>[0-3]?\d)\s+(?P<mon>{MONTH_NAMES})\b\.?{_YEAR}\b",
    re.I)  # fmt: skip


# Every pattern above needs a month's name and a digit; most paragraphs have neither, and one search for each
# is cheaper than running every pattern (dates were a third of ingest time).
_MONTH_WORD = re.compile(rf"\b{MONTH_NAMES}", re.I)
_DIGIT = re.compile(r"\d")


def _may_hold_dates(text: str, start: int, end: int) -> bool:
    return _DIGIT.search(text, start, end) is not None and _MONTH_WORD.search(text, start, end) is not None


@dataclass(frozen=True, slots=True)
class FoundDate:
    start: int
    end: int
    iso: str  # a date, or an ISO 8601 interval "1994-04-06/1994-04-08" for a range
    # "dtg" | "written" | "range" | "month-day" | "month-range" | "relative"; in a document dated by its year
    # alone, a month-day or month-range takes that year: "month-day-in-year" | "month-range-in-year"
    kind: str


def month_number(name: str) -> int | None:
    return MONTHS.get(name[:3].upper())


def expand_year(yy: str, pivot: int = 30) -> int:
    """Two-digit years in cables are 1900s unless small: '94' -> 1994, '05' -> 2005."""
    year = int(yy)
    if len(yy) == 4:
        return year
    return 2000 + year if year < pivot else 1900 + year


def iso_date(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= _days_in_month(year, month):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def parse_dtg(s: str) -> tuple[str, str] | None:
    """'190012Z APR 94' -> ('190012Z APR 94', '1994-04-19'); tolerates the OCR slips Z->2 and Z->7."""
    m = DTG_RE.search(s)
    if not m:
        return None
    month = month_number(m["mon"])
    iso = iso_date(expand_year(m["yy"]), month, int(m["day"]))
    if iso is None:
        return None
    normal = f"{m['day']}{m['hh']}{m['mm']}Z {m['mon'].upper()} {m['yy']}"
    return normal, iso


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[FoundDate]:
    """Every full date in text[start:end], DTGs and written dates, without overlaps."""
    end = len(text) if end is None else end
    if not _may_hold_dates(text, start, end):
        return []
    found: list[FoundDate] = [r for r in _find_ranges(text, None, start, end) if r.kind == "range"]
    for m in DTG_RE.finditer(text, start, end):
        iso = iso_date(expand_year(m["yy"]), month_number(m["mon"]), int(m["day"]))
        if iso and not any(f.start < m.end() and m.start() < f.end for f in found):
            found.append(FoundDate(m.start(), m.end(), iso, "dtg"))
    for rx in (WRITTEN_DMY_RE, WRITTEN_MDY_RE):
        for m in rx.finditer(text, start, end):
            iso = iso_date(int(m["year"]), month_number(m["mon"]), int(m["day"]))
            if iso and not any(f.start < m.end() and m.start() < f.end for f in found):
                found.append(FoundDate(m.start(), m.end(), iso, "written"))
    return sorted(found, key=lambda f: f.start)


def whole_date(s: str) -> str | None:
    """The day `s` is, when it is one written date with at most punctuation around it ("June 3, 1975.",
    "15 Apr 1994"), else None: not a range, not a date among other words."""
    found = find_dates(s)
    if len(found) != 1 or "/" in found[0].iso:
        return None
    rest = (s[: found[0].start] + s[found[0].end :]).strip(" .,")
    return found[0].iso if not rest else None


# "April 1994", "Apr. 1994": a month of a year, as a question names it or a date column holds it
MONTH_YEAR_RE = re.compile(rf"\b(?P<mon>{MONTH_NAMES})\.?,?\s+(?P<year>1[6-9]\d\d|20\d\d)\b", re.I)
_ISO_FIELD = re.compile(r"(\d{4})(?:-?(\d\d)(?:-?(\d\d))?)?(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?")  # 1994-04-15, 19940415
_NUMERIC_FIELD = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


def date_field(value: str) -> tuple[str | None, str | None]:
    """A date column's value as an ISO date (1994, 1994-04, 1994-04-15), and why not when it cannot be one.
    Spreadsheets write the same day as 1994-04-15T10:00:00Z, 19940415, April 15, 1994, 15 Apr 1994, 15/04/1994
    or 04/15/1994; 04/05/1994 is the 4th of May or the 5th of April, and is left for the reader to say."""
    value = value.strip()
    if m := _ISO_FIELD.fullmatch(value):  # a day no calendar has (1994-02-30) is kept as the source wrote it
        if m[2] and not 1 <= int(m[2]) <= 12:
            return None, "not a month of the year"
        return "-".join(part for part in (m[1], m[2], m[3]) if part), None
    if m := _NUMERIC_FIELD.fullmatch(value):
        first, second, year = int(m[1]), int(m[2]), int(m[3])
        if first <= 12 and second <= 12 and first != second:
            return None, "day and month could be either way round"
        iso = iso_date(year, second, first) if first > 12 or first == second else iso_date(year, first, second)
        return (iso, None) if iso else (None, "not a day of the calendar")
    if iso := whole_date(value):
        return iso, None
    if (m := MONTH_YEAR_RE.fullmatch(value)) and (month := month_number(m["mon"])):
        return iso_date(int(m["year"]), month), None
    return None, "not one date"


def find_ranges(text: str, anchor: str | None, start: int = 0, end: int | None = None) -> list[FoundDate]:
    """Date ranges. One that names its year is a "range"; one without takes the year of `anchor` (the document
    date) as find_relative_dates does, and is left out when there is no anchor."""
    end = len(text) if end is None else end
    return _find_ranges(text, anchor, start, end) if _may_hold_dates(text, start, end) else []


def _find_ranges(text: str, anchor: str | None, start: int, end: int) -> list[FoundDate]:
    found: list[FoundDate] = []
    for rx in (MDY_RANGE_RE, DMY_RANGE_RE):
        for m in rx.finditer(text, start, end):
            if any(f.start < m.end() and m.start() < f.end for f in found):
                continue
            g = m.groupdict()
            if g["sep"].upper() == "AND" and not _BETWEEN.search(text, max(0, m.start() - 12), m.start()):
                continue
            first_month = month_number(g.get("mon1") or g["mon"])  # DMY: "6 APRIL - 2 MAY"; MDY: "APRIL 6-8"
            last_month = month_number(g.get("mon2") or g["mon"])
            if first_month is None or last_month is None:
                continue
            kind = "range"
            if m["year"]:
                year = int(m["year"])
            elif (known := _anchor(anchor)) is not None:
                year, kind = _year_of(known, first_month, 1), "month-range" if known[1] else "month-range-in-year"
            else:
                continue
            low = iso_date(year, first_month, int(m["d1"]))
            high = iso_date(year, last_month, int(m["d2"]))
            if low and high and low < high:
                found.append(FoundDate(m.start(), m.end(), f"{low}/{high}", kind))
    return found


def parse_written_date(s: str) -> str | None:
    hits = find_dates(s)
    return hits[0].iso if hits else None


MONTH_DAY_RE = re.compile(rf"\b(?P<mon>{MONTH_NAMES})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?!,?\s+\d{{4}})", re.I)
DAY_MONTH_RE = re.compile(rf"\b(?P<day>[0-3]?\d)\s+(?P<mon>{MONTH_NAMES})\b(?!\.?,?\s+\d{{2,4}})", re.I)
_WEEKDAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
# Days counted from the document's: the longer phrases first, so "day before yesterday" is not read as "yesterday"
_RELATIVE_DAYS = {
    "day before yesterday": -2, "day after tomorrow": 2, "yesterday": -1, "last night": -1, "today": 0,
    "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "tomorrow": 1,
}  # fmt: skip
# (The look-ahead lets the scan pass a word that cannot open a phrase after one test.)
RELATIVE_RE = re.compile(
    r"\b(?=[dltnyep])(?:(?P<days>" + "|".join(w.replace(" ", r"\s+") for w in _RELATIVE_DAYS) + r")"
    r"|(?P<which>last|next|past|(?:earlier\s+|later\s+)?this)\s+(?P<unit>week(?:end)?|month|year|" + "|".join(_WEEKDAYS)
    + r"))\b", re.I)  # fmt: skip


def find_relative_dates(text: str, anchor: str | None, start: int = 0, end: int | None = None) -> list[FoundDate]:
    """Dates without a year ("April 5", "APRIL 18") and relative words ("yesterday"), resolved against the
    document's own date. A month-day later in the year than the document is taken as the year before. In a
    document dated by its year alone (a cable known by its document number, 1976DAMASC06820) a month-day takes
    that year, and its kind says so: "OCT. 3" in a January cable may be the year before."""
    known = _anchor(anchor)
    if known is None:
        return []
    end = len(text) if end is None else end
    named = _may_hold_dates(text, start, end)
    found = [r for r in _find_ranges(text, anchor, start, end) if r.kind.startswith("month-range")] if named else []
    for rx in (MONTH_DAY_RE, DAY_MONTH_RE) if named else ():
        for m in rx.finditer(text, start, end):
            if any(f.start < m.end() and m.start() < f.end for f in found):
                continue
            month, day = month_number(m["mon"]), int(m["day"])
            if month is None or not 1 <= day <= 31:
                continue
            iso = iso_date(_year_of(known, month, day), month, day)
            if iso:
                found.append(FoundDate(m.start(), m.end(), iso, "month-day" if known[1] else "month-day-in-year"))
    for m in RELATIVE_RE.finditer(text, start, end):
        rolling = m["which"] is not None and _THE.search(text, max(0, m.start() - 8), m.start()) is not None
        if iso := (_rolling(m, known) if rolling or (m["which"] or "").lower() == "past" else _relative(m, known)):
            found.append(FoundDate(m.start(), m.end(), iso, "relative"))
    return found


_THE = re.compile(r"\bthe\s+$", re.I)


def _rolling(m: re.Match[str], known: tuple[int, int | None, int | None]) -> str | None:
    """"The last year", "the past week", "the next month": the stretch of time that ends (or starts) on the
    document's day, not the calendar year or week before it — "over the last year", in a cable of 15 April
    1994, is 1993-04-15/1994-04-15."""
    year, month, day = known
    unit = m["unit"].upper()
    if day is None or month is None or unit not in ("WEEK", "MONTH", "YEAR"):
        return None
    base = dt.date(year, month, day)
    step = 1 if m["which"].lower() == "next" else -1
    if unit == "WEEK":
        other = base + dt.timedelta(days=7 * step)
    else:
        y, mo = _months_on(year, month, step * (12 if unit == "YEAR" else 1))
        other = dt.date(y, mo, min(day, _days_in_month(y, mo)))
    first, last = sorted((base, other))
    return f"{first.isoformat()}/{last.isoformat()}"


def _months_on(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) `months` after (or, negative, before) the given one."""
    y, m = divmod(year * 12 + month - 1 + months, 12)
    return y, m + 1


def _relative(m: re.Match[str], known: tuple[int, int | None, int | None]) -> str | None:
    """The day, week (an interval, Monday to Sunday), month or year a relative phrase names, at the precision
    the document's date allows: "last year" needs only its year, "yesterday" its day. "This Tuesday" and a
    weekday alone are left unresolved: whether the one before or after is meant, the words do not say."""
    year, month, day = known
    if m["days"]:
        if day is None:
            return None
        offset = _RELATIVE_DAYS[" ".join(m["days"].lower().split())]
        return (dt.date(year, month, day) + dt.timedelta(days=offset)).isoformat()  # type: ignore[arg-type]
    step = {"last": -1, "next": 1}.get(m["which"].lower(), 0)
    unit = m["unit"].upper()
    if unit == "YEAR":
        return str(year + step)
    if unit == "MONTH":
        if month is None:
            return None
        return "{:04d}-{:02d}".format(*_months_on(year, month, step))
    if day is None:
        return None
    base = dt.date(year, month, day)  # type: ignore[arg-type]
    monday = base - dt.timedelta(days=base.weekday())
    if unit in ("WEEK", "WEEKEND"):
        first = monday + dt.timedelta(days=7 * step + (5 if unit == "WEEKEND" else 0))
        return f"{first.isoformat()}/{(first + dt.timedelta(days=6 if unit == 'WEEK' else 1)).isoformat()}"
    if step == 0:
        return None
    ahead = (_WEEKDAYS.index(unit) - base.weekday()) % 7
    if step > 0:
        return (base + dt.timedelta(days=ahead or 7)).isoformat()
    return (base - dt.timedelta(days=(7 - ahead) % 7 or 7)).isoformat()


_ANCHOR = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")


def _anchor(anchor: str | None) -> tuple[int, int | None, int | None] | None:
    """A document date as (year, month, day), month and day None where the date stops short of them — or where a
    source gives one no calendar has (a bulk file's "1994-02-30": the month and year still anchor "April 5")."""
    m = _ANCHOR.match(anchor or "")
    if m is None or int(m[1]) == 0:  # year 0 is no date
        return None
    year, month, day = (int(g) if g else None for g in m.groups())
    if month is not None and not 1 <= month <= 12:
        return year, None, None  # type: ignore[return-value]
    if day is not None and month is not None and not 1 <= day <= _days_in_month(year, month):  # type: ignore[arg-type]
        return year, month, None  # type: ignore[return-value]
    return year, month, day  # type: ignore[return-value]


def _year_of(anchor: tuple[int, int | None, int | None], month: int, day: int) -> int:
    """The year of a month-day in a document of this date: its own, unless the month-day falls more than a month
    after the document's date, which is then the year before (a July cable's "DEC 28")."""
    year, a_month, a_day = anchor
    if a_month is None:
        return year
    if (month, day) <= (a_month, a_day or 31) or month - a_month <= 1:
        return year
    return year - 1
