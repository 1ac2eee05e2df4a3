"""Publication dates as ISO 8601, with a UTC offset only when the text states a zone.

Our own patterns come first (they know news datelines and zone abbreviations);
dateparser is the fallback for metadata strings they do not cover. A time is
never invented (date only when no time is given) and neither is a zone (date
only when a time has no zone: a naive date-time would be a guess).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
# Fixed offsets in minutes. Ambiguous abbreviations, and the choice made:
#   IST  India (+05:30), not Irish (+01:00) or Israel (+02:00): by far the most common in English news.
#   CST  US Central (-06:00) unless the document is about China/Taiwan, then China (+08:00); see zone_offset().
#   AST  left out: Arabia (+03:00) and Atlantic (-04:00) are both common, so no zone is better than a guess.
_FIXED_ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "UT": 0, "WET": 0,
    "BST": 60, "CET": 60, "WAT": 60, "WEST": 60, "IRST": 210,
    "CEST": 120, "EET": 120, "SAST": 120, "CAT": 120, "IDT": 180,
    "EEST": 180, "MSK": 180, "EAT": 180, "TRT": 180,
    "GST": 240, "PKT": 300, "IST": 330, "NPT": 345, "BDT": 360,
    "ICT": 420, "WIB": 420,
    "HKT": 480, "SGT": 480, "PHT": 480, "AWST": 480, "MYT": 480, "WITA": 480,
    "KST": 540, "JST": 540, "WIT": 540, "ACST": 570, "ACDT": 630,
    "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780,
    "EST": -300, "EDT": -240, "CDT": -300, "MST": -420, "MDT": -360,
    "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600,
    "BRT": -180, "ART": -180, "CLT": -240,
}
# Generic zone names whose offset depends on the date (daylight saving): resolved with zoneinfo.
_REGIONAL_ZONES = {
    "ET": "America/New_York", "EASTERN": "America/New_York",
    "CT": "America/Chicago", "CENTRAL": "America/Chicago",
    "MT": "America/Denver", "MOUNTAIN": "America/Denver",
    "PT": "America/Los_Angeles", "PACIFIC": "America/Los_Angeles",
    "UK": "Europe/London", "LONDON": "Europe/London",
    "BEIJING": "Asia/Shanghai", "MOSCOW": "Europe/Moscow", "SEOUL": "Asia/Seoul", "TOKYO": "Asia/Tokyo",
}
_CHINA_CUES = re.compile(r"\b(China|Chinese|Beijing|Shanghai|Xinhua|Taiwan|Taipei|Hong Kong|Guangzhou|Shenzhen|yuan)\b")

_MONTH_RE = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
             r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY_RE = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_DAY_RE = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>(?:19|20)\d{2})"
_SEP = r"[\s,]*"
_DATE_RES = [
    re.compile(r"(?<![\d-])(?P<year>(?:19|20)\d{2})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d)", re.I),
    re.compile(_WEEKDAY_RE + r"\b" + _MONTH_RE + r"\s*" + _DAY_RE + r",?\s*" + _YEAR_RE + r"(?!\d)", re.I),
    re.compile(_WEEKDAY_RE + r"\b" + _DAY_RE + r"\s+(?:of\s+)?" + _MONTH_RE + r",?\s*" + _YEAR_RE + r"(?!\d)", re.I),
]
# Abbreviations must be upper case (no re.I): "on", "and" are not zones.
_ZONE_BODY = (
    r"Z\b|[+-]\d{2}:?\d{2}\b"
    # "GMT+1", "(GMT+5)", "(UTC-03:00)": an offset from GMT/UTC, bracketed or not
    r"|\(?(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?\)?"
    r"|\(?[A-Z]{2,5}\)?(?![\w])"
    r"|(?:Eastern|Central|Mountain|Pacific|Beijing|Moscow|Seoul|Tokyo|UK|London)\s+(?:[Ss]tandard\s+|[Dd]aylight\s+)?[Tt]ime"
)
_ZONE_RE = r"(?P<zone>" + _ZONE_BODY + ")"
_TIME_RE = re.compile(
    r"(?P<hour>\d{1,2})(?:[:h](?P<minute>\d{2}))(?::(?P<second>\d{2})(?:\.\d+)?)?\s*"
    r"(?P<ampm>[ap]\.?\s?m\.?(?![a-z]))?"
    r"|(?P<hour2>\d{1,2})\s*(?P<ampm2>[ap]\.?\s?m\.?(?![a-z]))"
    # British "14.30 GMT": a dot only counts when a zone or am/pm follows
    r"|(?P<hour3>\d{1,2})\.(?P<minute3>\d{2})(?=\s*(?:[ap]\.?\s?m\b|(?-i:[A-Z]{2,5}\b|[+-]\d)))",
    re.I,
)
_TIME_ZONE_BEFORE = re.compile(
    r"(?P<t>\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?:[aApP]\.?\s?[mM]\.?)?)\s*(?P<z>" + _ZONE_BODY + r")[\s,]*(?:on\s+)?$"
)
_TIME_AFTER = re.compile(r"(?:\s*(?:,|T|at|@|-|–|—|\||/)?\s*)(?=\d)", re.I)
_ZONE_AFTER = re.compile(r"\s*" + _ZONE_RE)


@dataclass(frozen=True)
class DateMatch:
    iso: str  # "2023-09-14T15:46:00+09:00" or "2023-09-13"
    start: int
    end: int
    has_time: bool
    has_zone: bool


def zone_offset(name: str, on: date, context: str = "") -> timedelta | None:
    """Offset of a zone name/abbreviation/numeric offset on a given day, or None if unknown."""
    z = name.strip().strip("()").strip()
    m = re.fullmatch(r"(?:GMT|UTC)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?", z, re.I)
    if m:
        sign = -1 if m.group(1) == "-" else 1
        hours, minutes = int(m.group(2)), int(m.group(3) or 0)
        if hours > 14 or minutes >= 60:
            return None
        return sign * timedelta(hours=hours, minutes=minutes)
    key = re.sub(r"\s+(standard\s+|daylight\s+)?time$", "", z, flags=re.I).upper()
    if key == "CST":
        return timedelta(hours=8) if _CHINA_CUES.search(context) else timedelta(hours=-6)
    if key in _FIXED_ZONES:
        return timedelta(minutes=_FIXED_ZONES[key])
    if key in _REGIONAL_ZONES:
        noon = datetime(on.year, on.month, on.day, 12, tzinfo=ZoneInfo(_REGIONAL_ZONES[key]))
        return noon.utcoffset()
    return None


def _fmt_offset(off: timedelta) -> str:
    minutes = int(off.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _date_from(m: re.Match) -> date | None:
    g = m.groupdict()
    month = int(g["month"]) if g.get("month") else _MONTHS[g["mon"][:3].lower()]
    try:
        return date(int(g["year"]), month, int(g["day"]))
    except ValueError:
        return None


def _time_from(m: re.Match) -> tuple[int, int, int] | None:
    hour = int(m.group("hour") or m.group("hour2") or m.group("hour3"))
    minute = int(m.group("minute") or m.group("minute3") or 0)
    second = int(m.group("second") or 0)
    ampm = (m.group("ampm") or m.group("ampm2") or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def find_dates(text: str, context: str = "") -> list[DateMatch]:
    """All explicit calendar dates (with year) in ``text``, each with its time and zone when stated."""
    out = []
    taken: list[tuple[int, int]] = []
    for rx in _DATE_RES:
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            d = _date_from(m)
            if d is None:
                continue
            found = _with_time(text, m.start(), m.end(), d, context)
            taken.append((found.start, found.end))
            out.append(found)
    return sorted(out, key=lambda f: f.start)


def _with_time(text: str, start: int, end: int, d: date, context: str) -> DateMatch:
    plain = DateMatch(d.isoformat(), start, end, False, False)
    # time after the date ("2023-09-14 15:46 KST", "March 3, 2024 at 10:15 a.m. EST") ...
    lead = _TIME_AFTER.match(text, end)
    tm = _TIME_RE.match(text, lead.end()) if lead else None
    t_end = tm.end() if tm else end
    # ... or before it ("10:15 a.m. EST, March 3, 2024")
    zone_text = None
    if tm is None:
        before = _TIME_ZONE_BEFORE.search(text[max(0, start - 40):start])
        if before:
            tm = _TIME_RE.match(before.group("t"))
            zone_text = before.group("z")
            start = start - len(text[max(0, start - 40):start]) + before.start()
    if tm is None or (t := _time_from(tm)) is None:
        return plain
    if zone_text is None:
        zm = _ZONE_AFTER.match(text, t_end)
        if zm:
            zone_text = zm.group("zone")
            t_end = zm.end()
    off = zone_offset(zone_text, d, context) if zone_text else None
    if off is None:
        return DateMatch(d.isoformat(), start, t_end, True, False)
    iso = f"{d.isoformat()}T{t[0]:02d}:{t[1]:02d}:{t[2]:02d}{_fmt_offset(off)}"
    return DateMatch(iso, start, t_end, True, True)


_DP_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]}
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_HAS_TIME = re.compile(r"\d{1,2}\s*[:h]\s*\d{2}|\d\s*[ap]\.?m\b", re.I)


def parse_date(value: str | None, context: str = "") -> str | None:
    """ISO 8601 for a metadata date string (JSON field, HTML meta, feed item), or None."""
    if not value or not str(value).strip():
        return None
    value = str(value).strip()
    if re.fullmatch(r"\d{10}(?:\d{3})?(?:\.\d+)?", value):  # Unix time (s or ms) is UTC by definition
        seconds = float(value) / (1000 if len(value.split(".")[0]) == 13 else 1)
        return datetime.fromtimestamp(seconds, tz=timezone.utc).replace(microsecond=0).isoformat()
    found = find_dates(value, context)
    if found:
        return found[0].iso
    if not _YEAR.search(value):
        return None  # relative dates ("yesterday") would be resolved against today: a guess
    import dateparser  # slow to import; only needed for unusual formats

    try:
        dt = dateparser.parse(value, settings=_DP_SETTINGS)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if dt is None or not 1900 <= dt.year <= 2100:
        return None
    if _HAS_TIME.search(value) and dt.tzinfo is not None and dt.utcoffset() is not None:
        return dt.replace(microsecond=0).isoformat()
    return dt.date().isoformat()


# A wire dateline without a year: "CITY, June 11 (Agency) -" / "CITY, 11 June (Agency) -".
_MONTH_DAY_DATELINE = re.compile(
    r"^\s*[^\W\d_][^\n,()]{0,40}(?:,\s*[^\W\d_][^\n,()]{0,30})?,\s*(?:"
    + _MONTH_RE.replace("(?P<mon>", "(?P<mon1>") + r"\s+(?P<day1>\d{1,2})|(?P<day2>\d{1,2})\s+"
    + _MONTH_RE.replace("(?P<mon>", "(?P<mon2>") + r")\s*(?:\([^)\n]{1,40}\)\s*)?(?:--|[-–—])", re.I | re.M)


def month_day_dateline(text: str) -> tuple[int, int] | None:
    """(month, day) of a yearless wire dateline in the first lines of ``text``, if any."""
    m = _MONTH_DAY_DATELINE.search(text[:600])
    if not m:
        return None
    mon = (m.group("mon1") or m.group("mon2") or "")[:3].casefold()
    day = int(m.group("day1") or m.group("day2"))
    month = _MONTHS.get(mon)
    try:
        return (month, day) if month and date(2000, month, day) else None
    except ValueError:
        return None


def complete_year(month_day: tuple[int, int], dated: list[date], max_days: int = 60) -> str | None:
    """The ISO date of a yearless (month, day) in the year that puts it nearest the dates of the
    documents it came with (within ``max_days`` of one), or None: a year is never guessed from nothing."""
    month, day = month_day
    best: tuple[int, date] | None = None
    for d in dated:
        for year in (d.year - 1, d.year, d.year + 1):
            try:
                cand = date(year, month, day)
            except ValueError:
                continue
            gap = abs((cand - d).days)
            if gap <= max_days and (best is None or gap < best[0]):
                best = (gap, cand)
    return best[1].isoformat() if best else None
