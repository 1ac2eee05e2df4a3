"""Title, date, outlet and byline of a pasted plain-text article, by general layout rules.

Pasted news copy has a recognisable shape: a headline line, a dateline or a
"Posted on"/"Published" line near the top, a "By ..." byline at the start or the
end, sometimes a copyright footer. Only the first and last few lines are looked
at, so dates and names inside the story never leak into the metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parallax.ingest.dates import DateMatch, find_dates, parse_date

HEAD_LINES = 8
TAIL_LINES = 10

_FIRST_LABELS = re.compile(r"\b(posted|published|first published|publication date|date|dated|released|issued|filed)\b", re.I)
_LATER_LABELS = re.compile(r"\b(updated|modified|last updated|edited|revised)\b", re.I)
_DATE_LABEL_LINE = re.compile(
    r"^\s*(?:posted|published|first published|updated|last updated|modified|date|dated|released)\b\s*(?:on|at)?\s*[:\-–]?\s*(?P<rest>.+)$",
    re.I,
)
_FROM_LINE = re.compile(r"^\s*From\s+(?:the\s+)?(?P<outlet>[A-Z][^,:;]{1,60}?)\s*,\s*")
# capital letters and letters, accented ones included ("SÃO PAULO", "ÎLE-D'ARC")
_UP = "A-Z" + "".join(ch for ch in map(chr, range(0xC0, 0x250)) if ch.isupper())
_LETTER = "A-Za-z" + "".join(ch for ch in map(chr, range(0xC0, 0x250)) if ch.isalpha())
_WIRE_DATELINE = re.compile(
    rf"^\s*[{_UP}][{_LETTER}.'’/ -]{{1,40}}(?:,\s*[{_UP}][{_LETTER}.'’ -]{{1,30}}?)?"  # CITY[, Region]
    r"(?:,\s*[A-Z][A-Za-z.]*\.?\s*\d{1,2}(?:,\s*\d{4})?)?\s*"  # [, Month D[, YYYY]]
    r"\((?P<outlet>[A-Z][\w&.’' -]{0,40}?)\)\s*(?:--|[-–—])"
)
# a masthead or section line: "Sport & Leisure | The Valley Herald", "The Valley Ledger | Weather"
_SECTION_LINE = re.compile(r"^[^|.!?:;\d]{2,60}(?:\s\|\s[^|.!?:;\d]{2,60}){1,2}$")
_SECTION_WORD = re.compile(rf"^(?:[{_UP}][\w'’.-]*|&|and|of|the|on|for|in)$")
_REPORTS_LINE = re.compile(
    r"^\s*(?P<outlet>(?:The\s+)?(?!The\b|This\b|That\b|A\b|An\b)[A-Z][\w&.’'-]*(?:\s+[A-Z][\w&.’'-]*){0,4})"
    r"\s+(?:reports|reported)\s*(?:that\s+)?[:,—–-]"
)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)\s*(?:©\s*)?(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\s*,?\s*)?"
    r"(?P<outlet>[A-Z][\w&.,’' -]{1,80}?)\s*(?:[.,]\s*)?(?:all rights reserved\.?)?\s*$",
    re.I,
)
_SOURCE_LINE = re.compile(r"^\s*(?:Source|Sources|Originally published (?:by|in|on))\s*:?\s*(?P<outlet>[A-Z][\w&.’' -]{1,60}?)\s*\.?\s*$")
_LEGAL_SUFFIX = re.compile(r"[\s,]+(?:Inc|Ltd|LLC|L\.L\.C|PLC|plc|GmbH|Limited|Corp|Corporation|Co|S\.A|AG)\.?$")

_NAME_TOKEN = r"(?:[A-Z\u00C0-\u00DE][\w'’]*(?:-[\w'’]+)*\.?)"
_PARTICLE = r"(?:van|von|de|der|den|da|di|del|della|la|le|bin|binti|al|el|ibn|du|dos|das|ter|y)"
_PERSON_NAME = re.compile(rf"{_NAME_TOKEN}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_NAME_TOKEN}){{1,3}}")
_BY_PREFIX = re.compile(r"^\s*(?:written\s+|words\s+)?by\s*:?\s+", re.I)
_ROLE_WORDS = re.compile(
    r"\b(reporters?|writers?|correspondents?|editors?|columnists?|contributors?|journalists?|staff|producers?|"
    r"analysts?|chief|photographers?|bureau|interns?|authors?|commentators?|researchers?|special to|"
    r"desk|reporting|team|contributing)\b",
    re.I,
)
_ORG_WORDS = re.compile(
    r"\b(press|news|agency|times|post|daily|journal|herald|tribune|media|network|service|wire|"
    r"broadcasting|radio|television|tv|magazine|gazette|chronicle|telegraph|observer|review|weekly|"
    r"ledger|courier|bulletin|dispatch|examiner|inquirer|sentinel)\b",
    re.I,
)
# a wire credit: "(Reporting by Jane Doe in Oslo; Editing by John Roe)" names the reporter (the line must
# open with it: "Additional reporting by" and the editors did not write the story)
_REPORTING_BY = re.compile(r"^\s*\(?\s*reporting\s+by\s+(?P<names>[^;)]+?)\s*(?:[;)]|$)", re.I)
_NAME_SEPARATORS = re.compile(r"\s*(?:,|\band\b|&)\s*")
_SEGMENT_SEPARATORS = re.compile(r"\s*(?:,|\||\s[-–—]\s|/)\s*")


@dataclass(frozen=True)
class TextMeta:
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    byline: str | None = None


def extract_text_metadata(text: str) -> TextMeta:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        return TextMeta()
    head, tail = lines[:HEAD_LINES], lines[-TAIL_LINES:]
    context = text[:5000]
    return TextMeta(
        title=_title(lines),
        published=_published(head, tail, context),
        outlet=_outlet(head, tail),
        byline=_byline(head, tail),
    )


# --- title -------------------------------------------------------------------------------

def looks_like_headline(line: str) -> bool:
    words = line.split()
    if not 3 <= len(words) <= 25 or len(line) > 200:  # one or two words: a section label
        return False
    starts_like_headline = line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘"
    if line[-1] in ".,;:" or not starts_like_headline:
        return False
    if _BY_PREFIX.match(line) or _FROM_LINE.match(line) or _DATE_LABEL_LINE.match(line):
        return False
    if _COPYRIGHT.search(line):
        return False
    dates = find_dates(line)
    return not any((d.end - d.start) * 2 >= len(line) for d in dates)  # a dateline, not a headline


def _title(lines: list[str]) -> str | None:
    if len(lines) < 2:
        return None  # a single paragraph has no separate headline
    return lines[0] if looks_like_headline(lines[0]) else None


# --- published -----------------------------------------------------------------------------

def _published(head: list[str], tail: list[str], context: str) -> str | None:
    best: tuple[int, int, str] | None = None  # (priority, position, iso)
    for pos, line in enumerate(head):
        for prio, iso in _line_dates(line, context, labelled_only=False):
            if best is None or (prio, pos) < best[:2]:
                best = (prio, pos, iso)
    if best is None:  # some pastes put "Published ..." at the very end
        for pos, line in enumerate(tail):
            for prio, iso in _line_dates(line, context, labelled_only=True):
                if best is None or (prio, pos) < best[:2]:
                    best = (prio, pos, iso)
    return best[2] if best else None


def _line_dates(line: str, context: str, *, labelled_only: bool) -> list[tuple[int, str]]:
    """(priority, iso) for each publication-like date on a header line; lower priority wins."""
    out = []
    found = find_dates(line, context)
    for d in found:
        prio = _date_priority(line, d, labelled_only)
        if prio is not None:
            out.append((prio, d.iso))
    if not found:
        m = _DATE_LABEL_LINE.match(line)
        if m and len(line) < 100:
            iso = parse_date(m.group("rest"), context)
            if iso:
                out.append((2 if _LATER_LABELS.match(line.strip()) else 0, iso))
    return out


def _date_priority(line: str, d: DateMatch, labelled_only: bool) -> int | None:
    before = line[: d.start]
    label_first = _FIRST_LABELS.search(before)
    label_later = _LATER_LABELS.search(before)
    if label_first and (not label_later or label_first.start() > label_later.start()):
        return 0
    if label_later:
        return 2
    if labelled_only:
        return None
    if _FROM_LINE.match(line):
        return 1
    wire = _WIRE_DATELINE.match(line)
    if wire and d.start < wire.end():  # "CITY, March 5, 2025 (Agency) - ..." opens the story
        return 1
    # an unlabelled date counts only on a dateline-like line, not inside a sentence
    if (d.end - d.start) * 2 >= len(line):
        return 1
    sentence_like = line.rstrip().endswith(".") and len(line.split()) >= 6
    if len(before.split()) <= 4 and len(line) <= 100 and not sentence_like:
        return 1
    return None


# --- outlet --------------------------------------------------------------------------------

def _clean_outlet(name: str) -> str | None:
    name = _LEGAL_SUFFIX.sub("", name.strip(" .,;:-–—"))
    name = name.strip(" .,;:-–—")
    if not name or len(name.split()) > 8 or not name[0].isupper():
        return None
    return name


def _outlet(head: list[str], tail: list[str]) -> str | None:
    for line in head:
        m = _FROM_LINE.match(line)
        if m and find_dates(line[m.end():]) and line[m.end():].strip()[:1].isalnum():
            rest = line[m.end():]
            first = find_dates(rest)[0]
            if rest[: first.start].strip() == "":
                return _clean_outlet(m.group("outlet"))
    for line in head[:6]:
        m = _WIRE_DATELINE.match(line) or _REPORTS_LINE.match(line)
        if m:
            return _clean_outlet(m.group("outlet"))
    for line in head[:4]:
        outlet = _section_line_outlet(line)
        if outlet:
            return outlet
    for line in head[:6] + list(reversed(tail)):
        m = _SOURCE_LINE.match(line)
        if m:
            return _clean_outlet(m.group("outlet"))
    for line in reversed(tail):
        m = _COPYRIGHT.search(line)
        if m and len(line) < 160:
            outlet = _clean_outlet(m.group("outlet"))
            if outlet:
                return outlet
    for line in head[:6] + list(reversed(tail)):
        outlet = byline_outlet(line)
        if outlet:
            return outlet
    return None


def byline_outlet(line: str) -> str | None:
    """The outlet after the names on a "By ..." line: "By Jane Doe, The Valley Herald" -> "The Valley
    Herald"; a role ("staff reporter"), a place or a bare word after the names is not one."""
    by = _BY_PREFIX.match(line)
    if not by or len(line) > 150 or parse_byline(line) is None:
        return None
    segments = [s for s in _SEGMENT_SEPARATORS.split(line[by.end():].strip()) if s]
    trailing = [s for s in segments if _names_in(s) is None]
    if len(trailing) != 1 or trailing[0] != segments[-1]:
        return None
    seg = trailing[0].strip(" .")
    words = seg.split()
    if not 2 <= len(words) <= 6 or _ROLE_WORDS.search(seg) or not all(_SECTION_WORD.match(w) for w in words):
        return None
    if not (_ORG_WORDS.search(seg) or words[0] == "The"):
        return None
    return _clean_outlet(seg)


def _section_line_outlet(line: str) -> str | None:
    """The outlet on a masthead/section line: short title-case segments joined by " | ", one of
    them an outlet name ("Sport & Leisure | The Valley Herald" -> "The Valley Herald")."""
    if not _SECTION_LINE.match(line.strip()):
        return None
    segments = [seg.strip() for seg in line.split("|")]
    if not all(seg and len(seg.split()) <= 6 and all(_SECTION_WORD.match(w) for w in seg.split())
               and seg[0].isupper() for seg in segments):
        return None
    named = [seg for seg in segments if _ORG_WORDS.search(seg) and len(seg.split()) >= 2]
    return _clean_outlet(named[0]) if len(named) == 1 else None


# --- byline --------------------------------------------------------------------------------

def _is_acronym(token: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{2,5}", token))


def _is_person_name(s: str) -> bool:
    if not _PERSON_NAME.fullmatch(s) or _ROLE_WORDS.search(s) or _ORG_WORDS.search(s):
        return False
    tokens = s.split()
    if tokens[0] == "The":  # "By Jane Doe, The Valley Herald": an outlet, not a second author
        return False
    # "Jane Doe AP": an agency acronym after a mixed-case name is not part of it
    return not (_is_acronym(tokens[-1]) and not all(t.isupper() for t in tokens))


def _leading_name(segment: str) -> str | None:
    """The name in "JANE DOE Associated Press" / "Jane Doe AP": a name followed by an outlet or role."""
    tokens = segment.split()
    for cut in range(len(tokens) - 1, 1, -1):
        head, rest = " ".join(tokens[:cut]), " ".join(tokens[cut:])
        # a lone generic word ("Press") is the end of an outlet name, not a whole one
        outlet_like = _ORG_WORDS.search(rest) and len(rest.split()) >= 2
        if _is_person_name(head) and (outlet_like or _ROLE_WORDS.search(rest) or _is_acronym(rest)):
            return head
    return None


def _names_in(segment: str) -> list[str] | None:
    """The person names in "Jane Doe and John Roe", or None if any part is not a name."""
    parts = [p for p in _NAME_SEPARATORS.split(segment) if p]
    return parts if parts and all(_is_person_name(p) for p in parts) else None


def parse_byline(line: str) -> str | None:
    """Names from a byline line ("By Jane Doe and John Roe, staff reporters" -> "Jane Doe and John Roe")."""
    line = line.strip()
    if len(line) > 150:
        return None
    by = _BY_PREFIX.match(line)
    body = line[by.end():] if by else line
    # "in Seoul" / "for Reuters" after the names
    parts = re.split(r"\s+(?:in|for|at)\s+(?=[A-Z])", body, maxsplit=1)
    body = parts[0]
    placed = len(parts) == 2 and len(parts[1].split()) <= 4  # "Jane Doe in Brussels"
    segments = [s for s in _SEGMENT_SEPARATORS.split(body) if s]
    if not segments:
        return None
    kept_end = 0
    for i, seg in enumerate(segments):
        if _names_in(seg) is None:
            break
        kept_end = i + 1
    if kept_end == 0:
        lead = _leading_name(segments[0]) if by else None
        return lead
    trailing = segments[kept_end:]
    if not by:
        # without "By", demand the "Jane Doe, Reuters" / "Jane Doe, Staff Writer" shape
        if kept_end != 1 or len(trailing) > 1 or (not trailing and not placed):
            return None
        if trailing and (len(trailing[0].split()) > 5 or not (
                _ROLE_WORDS.search(trailing[0]) or _ORG_WORDS.search(trailing[0])
                or re.fullmatch(r"[A-Z][\w&.-]+", trailing[0]))):
            return None
    elif trailing and len(" ".join(trailing).split()) > 10:
        return None  # a sentence that starts with "By", not a byline
    # keep the names as written, without the role/affiliation part
    end = 0
    for seg in segments[:kept_end]:
        end = body.index(seg, end) + len(seg)
    return body[:end].strip(" ,")


def _byline(head: list[str], tail: list[str]) -> str | None:
    for line in head[:6] + list(reversed(tail)):
        if _BY_PREFIX.match(line):
            name = parse_byline(line)
            if name:
                return name
    for line in head[1:5] + list(reversed(tail[-4:])):
        name = parse_byline(line)
        if name:
            return name
    for line in reversed(tail):
        m = _REPORTING_BY.match(line)
        if m:
            name = parse_byline(m.group("names"))
            if name is None and _names_in(m.group("names").strip()):
                name = m.group("names").strip()
            if name:
                return name
    return None
