"""Recognise temporal expressions in text and normalise them against an anchor date.

Pure functions over strings (no spaCy): `find_candidates` scans the text once with a
few regexes; `resolve` turns one candidate into a (date, precision) given the
publication date, the running reference date and whether the clause is future tense.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "several": 3, "a few": 3,
    "a couple of": 2, "two dozen": 24, "a dozen": 12,
}

_FULL_MONTH = r"January|February|March|April|May|June|July|August|September|October|November|December"
# abbreviations need a full stop or a following day number ("Sept. 13", "Sep 13")
_ABBR_MONTH = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)(?:\.|(?=\s+\d))"
_MON = rf"(?:{_FULL_MONTH}|{_ABBR_MONTH})"
_PART = r"(?:(?P<part>early|mid|late|Early|Mid|Late)[- ]|(?:the\s+)?(?P<edge>beginning|start|end|middle)\s+of\s+)"
_NUMWORD = "|".join(sorted((re.escape(k) for k in SMALL_NUMBERS), key=len, reverse=True))
_WD = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"

PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    # day/month order is ambiguous: left to dateparser (timex._fallback)
    ("numeric", re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b")),
    ("mdy", re.compile(rf"\b{_PART}?(?P<mon>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!:)(?:,?\s+(?P<y>\d{{4}})\b)?")),
    ("dmy", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON})(?:,?\s+(?P<y>\d{{4}})\b)?")),
    ("my", re.compile(rf"(?:\b{_PART})?\b(?P<mon>{_FULL_MONTH}|{_ABBR_MONTH})(?:,?\s+(?P<y>\d{{4}})\b)?")),
    ("weekday", re.compile(rf"\b(?:(?P<mod>last|next|this|coming|this coming)\s+)?(?P<wd>{_WD})\b(?!s\b)")),
    ("year", re.compile(r"(?<![\d,.$€£¥/-])\b(?:(?P<part>early|mid|late)[- ]|(?:the\s+)?(?P<edge>beginning|start|end|middle)\s+of\s+)?"
                        r"(?P<y>1[6-9]\d\d|20\d\d)\b(?!s\b|'s\b|[,.]\d|-\d|/)")),
    ("rel", re.compile(r"(?i)\b(?P<mod>last|next|this|previous|following|coming)\s+(?P<unit>year|month|week|weekend|summer|winter|spring|autumn|fall)\b")),
    ("rel_this", re.compile(r"(?i)\b(?P<dir>earlier|later)\s+this\s+(?P<unit>year|month|week)\b")),
    ("before_year", re.compile(r"(?i)\bthe\s+(?P<unit>year|month)\s+(?P<dir>before|after)\b")),
    ("dayword", re.compile(r"(?i)\b(?P<w>yesterday|today|tomorrow|tonight)\b")),
    # "before the end of the year/month": the current one (timex decides whether it dates an act)
    ("end_cur", re.compile(r"(?i)(?<=before )the\s+end\s+of\s+the\s+(?P<unit>year|month)\b")),
    ("ago", re.compile(
        rf"(?i)\b(?P<n>\d+|{_NUMWORD})(?P<half1>\s+and\s+a\s+half)?\s+(?P<unit>years?|months?|fortnights?|weeks?|days?|decades?)"
        r"(?P<half2>\s+and\s+a\s+half)?\s+(?P<dir>ago|earlier|later|previously|before(?=\s*[,.;])|after(?=\s*[,.;]))\b")),
    # "a week after prosecutors charged ...", "two days before the vote": an offset from a date
    # stated in the same sentence (timex.resolve_timexes finds it), dating what follows
    ("offset", re.compile(
        rf"(?i)\b(?P<n>\d+|{_NUMWORD})(?P<half1>\s+and\s+a\s+half)?\s+(?P<unit>years?|months?|fortnights?|weeks?|days?|decades?)"
        r"\s+(?P<dir>before|after)\b(?!\s*[,.;:])")),
]


@dataclass
class Candidate:
    start: int
    end: int
    kind: str
    groups: dict

    @property
    def length(self) -> int:
        return self.end - self.start


def find_candidates(text: str) -> list[Candidate]:
    """All non-overlapping temporal expressions, longest first where they compete."""
    found = [
        Candidate(m.start(), m.end(), kind, {k: v for k, v in m.groupdict().items() if v is not None})
        for kind, rx in PATTERNS
        for m in rx.finditer(text)
    ]
    found.sort(key=lambda c: (c.start, -c.length))
    out: list[Candidate] = []
    for c in found:
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return _merge_weekday_dates(text, out)


def _merge_weekday_dates(text: str, cands: list[Candidate]) -> list[Candidate]:
    """"Wednesday, Sept. 13" is one expression: keep the explicit date, span both."""
    out: list[Candidate] = []
    for c in cands:
        if out:
            p = out[-1]
            gap = text[p.end:c.start]
            kinds = {p.kind, c.kind}
            if "weekday" in kinds and kinds & {"mdy", "dmy", "iso"} and re.fullmatch(r"[,\s]{1,3}", gap):
                dated = c if c.kind != "weekday" else p
                out[-1] = Candidate(p.start, c.end, dated.kind, dated.groups)
                continue
        out.append(c)
    return out


# -- resolution -----------------------------------------------------------------------

Precision = str  # "Y", "M" or "D"


def fmt(d: date, precision: Precision) -> str:
    if precision == "Y":
        return f"{d.year:04d}"
    if precision == "M":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _count(n: str, half: bool) -> float:
    n = n.lower()
    v = float(n) if n.isdigit() else float(SMALL_NUMBERS.get(n, 0))
    return v + (0.5 if half else 0.0)


def resolve_offset(c: Candidate, anchor: tuple[date, Precision]) -> tuple[date, Precision]:
    """The date of what an offset introduces, from the date it is measured against: "on
    Wednesday, a week after X" -> X on Wednesday minus 7 days; "on Friday, two days before
    Y" -> Y on Friday plus 2 days."""
    unit = c.groups["unit"].lower().rstrip("s")
    finer = {"M": ("day", "week", "fortnight"), "Y": ("day", "week", "fortnight", "month")}.get(anchor[1], ())
    if unit in finer:
        return anchor  # "in March, a week after X": a week is below what the anchor says
    back = {**c.groups, "dir": "earlier" if c.groups["dir"].lower() == "after" else "later"}
    return resolve(Candidate(c.start, c.end, "ago", back), None, anchor, False)


def resolve(c: Candidate, pub: date | None, ref: tuple[date, Precision] | None,
            future: bool) -> tuple[date, Precision] | None:
    """(date, precision) of a candidate, or None when it cannot be anchored (an offset is
    resolved by resolve_offset against a date of its own sentence)."""
    g = c.groups
    k = c.kind
    if k == "iso":
        try:
            return date(int(g["y"]), int(g["m"]), int(g["d"])), "D"
        except ValueError:
            return None
    if k in ("mdy", "dmy"):
        month = MONTHS[g["mon"].rstrip(".").lower()]
        day = int(g["d"])
        year = int(g["y"]) if "y" in g else None
        if year is None:
            if pub is None:
                return None
            year = pub.year
            try:
                # an unyeared date well in the future of the article is last year's, one
                # already past in a future-tense clause is next year's
                if future and date(year, month, day) < pub - timedelta(days=7):
                    year += 1
                elif not future and date(year, month, day) > pub + timedelta(days=62):
                    year -= 1
            except ValueError:
                return None
        try:
            return date(year, month, day), "D"
        except ValueError:
            return None
    if k == "my":
        month = MONTHS[g["mon"].rstrip(".").lower()]
        if "y" in g:
            return date(int(g["y"]), month, 1), "M"
        if pub is None:
            return None
        year = pub.year
        if future:
            if month < pub.month:
                year += 1
        elif month > pub.month:
            year -= 1
        return date(year, month, 1), "M"
    if k == "weekday":
        if pub is None:
            return None
        wd = WEEKDAYS[g["wd"].lower()]
        mod = (g.get("mod") or "").lower()
        if mod in ("next", "coming", "this coming") or (future and mod != "last"):
            ahead = (wd - pub.weekday()) % 7
            if ahead == 0 and mod in ("next", "coming", "this coming"):
                ahead = 7
            return pub + timedelta(days=ahead), "D"
        back = (pub.weekday() - wd) % 7
        if back == 0 and mod == "last":
            back = 7
        return pub - timedelta(days=back), "D"
    if k == "year":
        return date(int(g["y"]), 1, 1), "Y"
    if k in ("rel", "rel_this"):
        base = pub
        mod = (g.get("mod") or "this").lower()
        unit = g["unit"].lower()
        if mod in ("previous", "following"):
            if ref is None:
                return None
            base = ref[0]
        if base is None:
            return None
        step = {"last": -1, "previous": -1, "next": 1, "following": 1, "coming": 1}.get(mod, 0)
        if unit == "year" or unit in ("summer", "winter", "spring", "autumn", "fall"):
            return date(base.year + step, 1, 1), "Y"
        if unit == "month":
            return add_months(base.replace(day=1), step), "M"
        d = base + timedelta(days=7 * step)
        return d, "M"  # a week is too vague for a day; keep the month
    if k == "before_year":
        if ref is None:
            return None
        step = -1 if g["dir"].lower() == "before" else 1
        if g["unit"].lower() == "year":
            return date(ref[0].year + step, 1, 1), "Y"
        return add_months(ref[0].replace(day=1), step), "M"
    if k == "end_cur":
        if pub is None:
            return None
        if g["unit"].lower() == "year":
            return date(pub.year, 1, 1), "Y"
        return pub.replace(day=1), "M"
    if k == "dayword":
        if pub is None:
            return None
        shift = {"yesterday": -1, "tomorrow": 1}.get(g["w"].lower(), 0)
        return pub + timedelta(days=shift), "D"
    if k == "ago":
        direction = g["dir"].lower()
        if direction in ("ago", "previously"):
            base, sign, prec_cap = pub, -1, None
        else:
            if ref is None:
                return None
            base, sign, prec_cap = ref[0], (-1 if direction in ("earlier", "before") else 1), ref[1]
        if base is None:
            return None
        n = _count(g["n"], "half1" in g or "half2" in g)
        unit = g["unit"].lower().rstrip("s")
        if unit in ("year", "decade"):
            months = round(n * (12 if unit == "year" else 120))
            d = add_months(base, sign * months)
            prec = "Y" if months % 12 == 0 else "M"
        elif unit == "month":
            d, prec = add_months(base, sign * round(n)), "M"
        elif unit in ("week", "fortnight"):
            d, prec = base + timedelta(days=sign * (7 if unit == "week" else 14) * n), "D"
        else:
            d, prec = base + timedelta(days=sign * n), "D"
        if prec_cap is not None and "YMD".index(prec_cap) < "YMD".index(prec):
            prec = prec_cap  # "a day later" after "in 2019" is still only 2019
        return d, prec
    return None
