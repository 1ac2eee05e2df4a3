"""Numeric claims: value, unit, what is counted, qualifier and time.

A token scanner finds number expressions ("$42.74 million", "1.1 million", "five",
"half a million", "3bn") sentence by sentence, then reads the unit to the right
(%, currency word, measurement, or the counted noun) and the qualifier to the left.

What is *not* a claim (the general rules):
- dates, years, times of day, ordinals, ages ("45-year-old"), compound adjectives
  ("five-year plan"), list markers, identifiers ("T-34", "Resolution 2397", "Channel One");
- vague plurals ("thousands", "in the millions");
- small counts (< 10) of a noun without a qualifier ("the two leaders", "two countries"),
  unless they count people ("three civilians") or are listed with a kept count ("sent four
  boats and 200 sailors"); "at least six satellites" is a claim;
- durations that do not measure an event: deadlines ("within six months"), points ("will open
  in four years", "after three days, ..."), time since ("the first rise in five years", "has not
  rained in six weeks"), waits ("waited three years"), "70 years since"; "lasted five hours",
  "for three days", "after three days of talks", "ordered two weeks of quarantine", "a stoppage
  of 14 months", "got to the village in under an hour", "adds 10 days to the journey" measure
  one (see _is_measured_duration);
- quantities nested in another claim: a parenthesis right after a figure (a unit conversion or
  a breakdown: "150 km (93 miles)") and a "with ..." attribute ("pieces with a range of 25 km");
  a sum in another currency in that parenthesis is a claim ("90m rupees (about $1.1m)").

What a figure counts when no noun follows it: the verb or a coordinated count ("more than 900
were rescued" counts people), or the tally it is the value of ("the toll climbed to 38").
A unit written after the number makes it a figure even right after a name ("awarded X 350m rand").
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from parallax.extract.numwords import is_digits, is_number_token, parse_number, split_digit_scale
from parallax.extract.timex import resolve_timexes, timex_at
from parallax.extract.units import (
    CLASSIFIER_NOUNS, CROWD_NOUNS, CURRENCY_ABBREVS, CURRENCY_SYMBOLS, CURRENCY_WORDS, DOLLAR_COUNTRIES,
    DURATION_CHANGE_VERBS, DURATION_NOUNS, DURATION_VERBS, ESTIMATE_VERBS, EXTRA_WORDS, MEASURE_UNITS,
    PERCENT_WORDS, QUALIFIER_SEQS, SHARED_CURRENCY_BARE, SHARED_CURRENCY_WORDS, TIME_UNITS, WAIT_VERBS,
)
from parallax.model import NumberClaim
from parallax.nlp.analyzed import AnalyzedDoc, doc_text

SMALL_COUNT = 10
PEOPLE_NOUNS = {
    "people", "persons", "civilians", "soldiers", "troops", "children", "women", "men", "casualties",
    "victims", "workers", "migrants", "refugees", "protesters", "officers", "journalists", "deaths",
    "hostages", "prisoners", "detainees", "fatalities", "passengers", "students", "patients", "residents",
}
# verbs whose bare-number object is a figure ("the toll rose to 45")
FIGURE_VERBS = {"rise", "fall", "reach", "total", "stand", "climb", "drop", "increase", "decrease",
                "jump", "number", "hit", "grow", "decline", "surge", "soar", "plunge", "exceed", "top"}
ANAPHORIC_DETS = {"the", "these", "those", "both", "its", "their", "his", "her", "our", "my", "your"}
VAGUE_SCALE_ONLY = {"thousand", "million", "billion", "trillion", "hundred", "dozen"}
SCALE_ABBR_NEED_CURRENCY = {"m", "b", "k"}
TIME_OF_DAY = {"a.m.", "p.m.", "am", "pm", "gmt", "utc", "kst", "est", "edt", "bst", "cet", "o'clock", "hrs"}
MAX_ABOUT = 80
# currency names that are also English words ("they won", "a real risk")
ENGLISH_HOMOGRAPHS = {"won", "real", "pound", "pounds"}
# nouns after "in" that say when/where a price was seen, not what the money is for
SESSION_NOUNS = {"trading", "session", "deal", "dealing", "quarter", "year", "month", "week", "day",
                 "morning", "afternoon", "evening", "term", "total", "cash", "value", "revenue", "sale"}


class _Claim:
    """One number expression while it is being read."""

    def __init__(self, first: int, last: int, value: float):
        self.first = first  # token indices of the number itself
        self.last = last
        self.value = value
        self.start = first  # token span of the whole claim (qualifier .. unit)
        self.end = last + 1
        self.currency: str | None = None
        self.unit: str | None = None
        self.kind = "bare"  # money / percent / measure / time / count / bare
        self.noun: Token | None = None
        self.about: str | None = None
        self.qualifier: str | None = None
        self.small = False  # dropped only as a small count (kept when listed beside a figure)
        self.range_to: int | None = None  # low end of a range: first token of the high end
        self.range_low: _Claim | None = None  # high end of a range: its low end
        self.elided = False  # the noun of a parallel count, elided ("a year earlier, 110")
        self.hyphen_unit = False  # "a 7,600-km border": a measure written as an adjective


def number_spans(ad: AnalyzedDoc) -> list[tuple[int, int]]:
    """Normalised (start, end) of every numeric claim (cached; used by the timeline)."""
    _claims(ad)
    return ad.extras["number_spans"]


def figure_kinds(ad: AnalyzedDoc) -> list[tuple[int, int, str]]:
    """Normalised (start, end, kind) of every numeric claim; kind is money, percent, measure, time,
    count or bare (cached; used by the timeline)."""
    _claims(ad)
    return ad.extras["number_kinds"]


def extract_numbers(ad: AnalyzedDoc) -> list[NumberClaim]:
    return [c.model_copy() for c in _claims(ad)]


def _claims(ad: AnalyzedDoc) -> list[NumberClaim]:
    if "numbers" in ad.extras:
        return ad.extras["numbers"]
    blocked = _blocked_tokens(ad)
    out: list[NumberClaim] = []
    spans: list[tuple[int, int]] = []
    kinds: list[tuple[int, int, str]] = []
    for sent in ad.doc.sents:
        claims = _sentence_claims(ad, sent, blocked)
        for k, c in enumerate(claims):
            s_char = ad.doc[c.start].idx
            next_figure = ad.doc[claims[k + 1].start].idx if k + 1 < len(claims) else None
            e_char = _claim_end_char(ad.doc, c.end)
            m = ad.mention(s_char, e_char)
            out.append(NumberClaim(
                id=f"{ad.id}-n{len(out) + 1}", doc=ad.id, start=m.start, end=m.end, text=m.text,
                value=c.value, unit=c.unit, about=c.about, qualifier=c.qualifier,
                time=timex_at(ad, sent, ad.doc[c.first].idx, next_figure), sentence=ad.orig_sentence_at(s_char),
            ))
            if not (c.kind == "time" and c.hyphen_unit):
                # a duration describing a noun ("a five-year term") is no level a date only time-stamps
                spans.append((s_char, e_char))
            kinds.append((s_char, e_char, c.kind))
    ad.extras["numbers"] = out
    ad.extras["number_spans"] = spans
    ad.extras["number_kinds"] = kinds
    return out


def _claim_end_char(doc, end: int) -> int:
    """End of a claim's last token, without a full stop the tokenizer left on an abbreviation
    ("$250m." at the end of a sentence is "$250m")."""
    last = doc[end - 1]
    e_char = last.idx + len(last)
    if len(last.text) > 1 and last.text.endswith(".") and last.text[:-1].isalnum():
        nxt = doc[end] if end < len(doc) else None
        if nxt is None or nxt.is_space or nxt.is_sent_start or nxt.text[:1].isupper():
            e_char -= 1
    return e_char


def _blocked_tokens(ad: AnalyzedDoc) -> set[int]:
    """Tokens inside dates (our own timexes) and spaCy ORDINAL/TIME-of-day entities."""
    blocked: set[int] = set()
    for tx in resolve_timexes(ad):
        blocked.update(range(tx.span.start, tx.span.end))
    for ent in ad.doc.ents:
        if ent.label_ == "ORDINAL":
            blocked.update(range(ent.start, ent.end))
    return blocked


def _sentence_claims(ad: AnalyzedDoc, sent: Span, blocked: set[int]) -> list[_Claim]:
    doc = ad.doc
    text = ad.norm.text
    claims: list[_Claim] = []
    small: list[_Claim] = []
    nested_until = -1  # tokens up to here belong to a parenthesis after a figure
    low: _Claim | None = None  # the low end of a count or duration range, decided with its high end
    i = sent.start
    while i < sent.end:
        tok = doc[i]
        if tok.text == "(" and claims and claims[-1].end == i and i > nested_until:
            close = next((j for j in range(i + 1, sent.end) if doc[j].text == ")"), sent.end - 1)
            nested_until = close
        start_num = _number_start(doc, i, sent.end)
        if start_num is None or i in blocked:
            i += 1
            continue
        first, last, value, scale_unit = start_num
        claim = _read_claim(ad, sent, first, last, value, scale_unit, claims)
        i = max(last + 1, claim.end if claim else last + 1)
        if claim is None or (first <= nested_until and not _currency_conversion(claim, claims)):
            continue
        if _is_attribute(doc, claim, claims):
            continue
        if claim.range_to is not None and claim.kind in ("count", "time"):
            low = claim  # "between 8 and 10 parcels", "three to five years", "1,800-2,200 people"
            i = claim.range_to
            continue
        if low is not None and low.range_to == claim.first:
            claim.range_low = low
        else:
            low = None
        if _keep(doc, claim, text):
            if claim.kind == "bare":
                claim.unit = _tally_unit(doc, claim, sent)
            if low is not None:
                claims.append(low)  # both ends of a range are figures ("three to five years")
            claims.append(claim)
        elif claim.small:
            small.append(claim)
        low = None
    return _listed_small_counts(claims, small)


def _currency_conversion(claim: _Claim, previous: list[_Claim]) -> bool:
    """"ordered to pay 90m rupees (about $1.1m)": money in another currency in the parenthesis
    after a money figure is the same sum as a reader elsewhere would compare it, so a claim of
    its own; unit conversions ("150 km (93 miles)") and breakdowns stay nested."""
    return (claim.kind == "money" and bool(previous) and previous[-1].kind == "money"
            and previous[-1].unit != claim.unit)


def _listed_small_counts(claims: list[_Claim], small: list[_Claim]) -> list[_Claim]:
    """A small count coordinated with a kept count is one item of a list of figures ("deployed three
    frigates and 450 sailors"): a claim like its neighbour."""
    if not small or not claims:
        return claims
    kept_nouns = {c.noun.i for c in claims if c.kind == "count" and c.noun is not None}
    rescued: list[_Claim] = []
    while True:  # along a list: "40 trucks, three boats and two dogs"
        more = [c for c in small if c not in rescued and c.noun is not None and (
            (c.noun.dep_ == "conj" and c.noun.head.i in kept_nouns)
            or any(ch.dep_ == "conj" and ch.i in kept_nouns for ch in c.noun.children))]
        if not more:
            break
        rescued += more
        kept_nouns.update(c.noun.i for c in more)
    return sorted(claims + rescued, key=lambda c: c.start) if rescued else claims


# a price in pence glued to its figure ("412p"), read only in a text that deals in sterling
_PENCE = re.compile(r"\d{1,3}(?:,\d{3})*(?:\.\d+)?p")
_PENCE_CONTEXT = re.compile(r"£|\bpence\b|\bsterling\b|\bGBP\b")


def _number_start(doc, i: int, end: int) -> tuple[int, int, float, str | None] | None:
    """If a number expression starts at token i: (first, last, value, glued unit)."""
    t = doc[i]
    low = t.lower_
    if _PENCE.fullmatch(t.text) and _PENCE_CONTEXT.search(doc_text(doc)):
        return i, i, float(t.text[:-1].replace(",", "")), "pence"  # "closed at 412p" (a sterling text)
    if not (is_number_token(t.text) or (low in ("a", "an", "half") and i + 1 < end
                                         and doc[i + 1].lower_ in VAGUE_SCALE_ONLY | {"a"})):
        return None
    if low in VAGUE_SCALE_ONLY and not is_digits(low):
        # a scale word alone ("million") only continues a number, except "a dozen"/"a million"
        if i == 0 or doc[i - 1].lower_ not in ("a", "an"):
            return None
    j = i
    words = [t.text]
    while j + 1 < end:
        n = doc[j + 1]
        nl = n.lower_
        if nl in VAGUE_SCALE_ONLY or (is_number_token(n.text) and not is_digits(nl) and not is_digits(doc[j].lower_)):
            words.append(n.text)
            j += 1
        elif nl in ("bn", "mn", "mln", "tn", "trn") or (nl.rstrip(".") in SCALE_ABBR_NEED_CURRENCY and (
                _has_currency(doc, i) or _currency_word_at(doc, j + 2, end))):
            words.append(nl.rstrip("."))
            j += 1
        elif nl == "-" and j + 2 < end and is_number_token(doc[j + 2].text) and not is_digits(doc[j + 2].lower_):
            words.append(doc[j + 2].text)  # "twenty - five"
            j += 2
        elif nl in ("a", "and") and j + 2 < end and doc[j + 2].lower_ in VAGUE_SCALE_ONLY and not is_digits(doc[j].lower_):
            words.append(nl)  # "half a million", "one hundred and twenty"
            j += 1
        else:
            break
    glued_unit = None
    ds = split_digit_scale(words[-1]) if len(words) == 1 else None
    if ds and ds[1] in SCALE_ABBR_NEED_CURRENCY and not _has_currency(doc, i) and not _currency_word_at(doc, j + 1, end):
        glued_unit = MEASURE_UNITS.get(ds[1])
        words = [ds[0]]
    value = parse_number(words)
    if value is None:
        return None
    return i, j, value, glued_unit


def _has_currency(doc, first: int) -> bool:
    return first > 0 and (doc[first - 1].lower_ in CURRENCY_SYMBOLS or _currency_abbrev(doc, first - 1))


def _currency_abbrev(doc, k: int) -> bool:
    """"Rs 7.8 billion": an abbreviated currency name, capitalised, right before the number."""
    return k >= 0 and doc[k].lower_ in CURRENCY_ABBREVS and doc[k].text[:1].isupper()


def _currency_word_at(doc, k: int, end: int) -> bool:
    """A currency name starts at token k ("rand", "Canadian dollars", "Chilean pesos"): an
    "m"/"b"/"k" glued to the number before it is a scale ("350m rand"), not metres."""
    if k >= end:
        return False
    w = doc[k].lower_
    if w in CURRENCY_WORDS or w in SHARED_CURRENCY_WORDS:
        return w not in ENGLISH_HOMOGRAPHS or doc[k].pos_ == "NOUN"
    nxt = doc[k + 1].lower_ if k + 1 < end else ""
    return (nxt in CURRENCY_WORDS or nxt in SHARED_CURRENCY_WORDS) and (w in DOLLAR_COUNTRIES or doc[k].text[:1].isupper())


def _read_claim(ad: AnalyzedDoc, sent: Span, first: int, last: int, value: float,
                glued_unit: str | None, previous: list[_Claim]) -> _Claim | None:
    doc = ad.doc
    c = _Claim(first, last, value)
    # currency before the number ("$", "US$", "€")
    if first > sent.start and doc[first - 1].lower_ in CURRENCY_SYMBOLS:
        sym = doc[first - 1].lower_
        if not (sym == "r" and doc[first - 1].text == "R" and first - 1 > sent.start and doc[first - 2].is_alpha):
            c.currency = CURRENCY_SYMBOLS[sym]
            c.start = first - 1
            if first - 2 >= sent.start and doc[first - 2].text.upper() == "US" and sym == "$":
                c.start = first - 2
    elif first > sent.start and _currency_abbrev(doc, first - 1):
        word = CURRENCY_ABBREVS[doc[first - 1].lower_]
        c.currency = _shared_currency(ad, word) if word in SHARED_CURRENCY_WORDS else CURRENCY_WORDS[word]
        c.start = first - 1
    k = last + 1
    nxt = doc[k].lower_ if k < sent.end else ""
    if glued_unit:
        c.kind, c.unit = ("money" if glued_unit == "pence" else "measure"), glued_unit
    elif c.currency:
        c.kind, c.unit = "money", c.currency
        if nxt in ("dollars", "dollar"):
            c.end = k + 1
    elif nxt in PERCENT_WORDS or (nxt == "per" and k + 1 < sent.end and doc[k + 1].lower_ == "cent"):
        c.kind, c.unit = "percent", "%"
        c.end = k + (2 if nxt == "per" else 1)
        if c.end < sent.end and doc[c.end].lower_ in ("point", "points") and nxt != "%":
            c.unit, c.end = "percentage points", c.end + 1
    elif nxt == "percentage" and k + 1 < sent.end and doc[k + 1].lower_ in ("point", "points"):
        c.kind, c.unit, c.end = "percent", "percentage points", k + 2
    elif currency := _currency_word(ad, k, sent.end):
        code, width = currency
        c.kind, c.unit, c.end = "money", code, k + width
    elif area := _area_or_volume_unit(doc, k, sent.end):
        c.kind, c.unit, c.end = "measure", area, k + 2
    elif nxt in MEASURE_UNITS and not (nxt in ("m", "t", "g") and doc[k].text != nxt):
        c.kind, c.unit, c.end = "measure", MEASURE_UNITS[nxt], k + 1
        if nxt == "nautical" and k + 1 < sent.end and doc[k + 1].lower_.startswith("mile"):
            c.end += 1
    elif nxt in TIME_UNITS:
        c.kind, c.unit, c.end = "time", TIME_UNITS[nxt], k + 1
    elif nxt in EXTRA_WORDS and k + 1 < sent.end and doc[k + 1].lower_ in TIME_UNITS:
        c.kind, c.unit, c.end = "time", TIME_UNITS[doc[k + 1].lower_], k + 2  # "for five more days"
    elif (span_unit := _duration_adjective(doc, first, last, sent.end)) is not None:
        # "a five-year term" (the claim is the adjective: a date after it dates the term, not a figure)
        c.kind, c.unit, c.end, c.hyphen_unit = "time", span_unit, k + 2, True
        c.about = doc[k + 2].text
    elif (unit := _hyphen_measure(doc, first, last, sent.end)) is not None:
        c.kind, c.unit, c.end, c.hyphen_unit = "measure", unit, k + 2, True  # "a 7,600-km border"
        noun = doc[k + 1].head
        if noun.i > k + 1 and noun.pos_ == "NOUN":
            c.about = _phrase(noun, k + 1)  # what it measures: "border"
    else:
        noun_end = _counted_noun(doc, k, sent.end)
        partitive = _partitive_noun(doc, k, sent.end) if noun_end is None else None
        if noun_end is not None:
            c.kind = "count"
            c.noun = doc[noun_end - 1]
            c.unit = _count_unit(doc, k, noun_end)
            c.end = noun_end
            c.about = doc[k:noun_end].text
        elif partitive is not None:
            # "at least 60 of the vehicles": a count of the noun after "of the"
            c.kind = "count"
            c.noun = doc[partitive - 1]
            c.unit = _count_unit(doc, k + 2, partitive)
            c.end = partitive
            c.about = doc[k + 2:partitive].text
        elif (share := _share_of_count(doc, k, sent.end)) is not None:
            # "at 11,200 out of around 14,000 polling stations": a part of the count after it
            c.kind, c.noun, c.unit = "count", share[0], share[1]
            c.about = share[1]
        elif previous and previous[-1].kind == "count" and _elliptical(doc, first, last, sent, previous[-1]):
            # "sold 64 buses in 2023; a year earlier, 110" / "23 cases, against nine a year
            # earlier": a figure standing alone beside a count counts the same thing
            p = previous[-1]
            c.kind, c.unit, c.noun, c.about, c.elided = "count", p.unit, p.noun, p.about, True
            c.end = _trailing_pp(doc, k, sent.end)
        elif previous and previous[-1].kind == "count" and doc[last].dep_ in ("conj", "appos", "dobj", "attr"):
            # "1.1 million active soldiers and another 600,000 in reserve": the unit is elided
            c.kind, c.unit = "count", previous[-1].unit
            c.noun = previous[-1].noun
            c.end = _trailing_pp(doc, k, sent.end)
            c.about = (c.unit or "") + (" " + doc[k:c.end].text if c.end > k else "")
        elif (subject_of := _counted_subject(doc, last, previous)) is not None:
            # "... and more than 900 were rescued": what the figure counts comes from the
            # verb (people are rescued) or from the count the clause is coordinated with
            c.kind, c.unit, c.about = "count", *subject_of
    if c.kind == "bare" and not glued_unit:
        _share_range_unit(ad, sent, c)
    c.qualifier, q_start = _qualifier(doc, c.start, sent.start)
    if q_start is not None:
        c.start = q_start
    if c.kind in ("money", "percent", "measure", "bare") and c.about is None:
        c.about = _subject_about(doc, c, sent)
    elif c.kind == "time":
        c.about = _subject_about(doc, c, sent)
    if c.kind == "measure":
        of = _of_phrase(doc, c.end, sent.end)
        if of:
            c.about = of
    return c


RANGE_JOINERS = {"and", "to", "-", "–", "or"}
PARTITIVE_DETS = {"the", "these", "those", "its", "their", "his", "her", "our", "your"}
# words that set a lone figure against a parallel count ("23 cases, against nine a year earlier")
CONTRAST_WORDS = {"against", "versus", "vs", "vs.", "than"}
_QUALIFIER_WORDS = {w for seq in QUALIFIER_SEQS for w in seq}


def _hyphen_measure(doc, first: int, last: int, end: int) -> str | None:
    """The unit of a measure written solid as an adjective in digits: "a 7,600-km border", "28-nanometre
    chips" (spelled-out "two-mile walk" and durations "five-year plan" stay compound adjectives)."""
    k = last + 1
    if first != last or not is_digits(doc[first].text) or k + 1 >= end or doc[k].text != "-":
        return None
    if doc[first].whitespace_ or doc[k].whitespace_:
        return None
    unit = doc[k + 1].lower_
    if len(unit) < 2 or unit not in MEASURE_UNITS or unit in ("cubic", "nautical"):
        return None
    return MEASURE_UNITS[unit]  # also "a 10-km-long tunnel"


def _duration_adjective(doc, first: int, last: int, end: int) -> str | None:
    """The unit of a duration written as an adjective before a noun that is that span of time: "a
    five-year term", "a 10-year sentence", "a six-month ban" (not "a five-year plan")."""
    k = last + 1
    if first != last or k + 2 >= end or doc[k].text not in ("-", "\u2011") or doc[first].whitespace_ or doc[k].whitespace_:
        return None
    unit, noun = doc[k + 1].lower_, doc[k + 2]
    state_of = (noun.lower_ == "state" and k + 4 < end and doc[k + 3].lower_ == "of"
                and doc[k + 4].lower_ in ("emergency", "siege", "alert"))  # "a 90-day state of emergency"
    if unit not in TIME_UNITS or unit.endswith("s") or not (noun.lower_ in DURATION_NOUNS or state_of) or (
            noun.pos_ != "NOUN"):
        return None
    return TIME_UNITS[unit]


def _share_of_count(doc, k: int, end: int) -> tuple[Token, str] | None:
    """(noun, unit) of the count a bare figure is a part of: "11,200 out of 14,000 polling stations",
    "4,100 of some 14,000 stations"."""
    j = k
    if j + 1 < end and doc[j].lower_ == "out" and doc[j + 1].lower_ == "of":
        j += 2
    elif j < end and doc[j].lower_ == "of":
        j += 1
    else:
        return None
    while j < end and j - k <= 4 and doc[j].lower_ in _QUALIFIER_WORDS | {"a", "the", "total"}:
        j += 1
    if j >= end or not is_number_token(doc[j].text) or not is_digits(doc[j].text.replace(",", "").replace(".", "")):
        return None
    while j + 1 < end and doc[j + 1].lower_ in VAGUE_SCALE_ONLY:
        j += 1
    noun_end = _counted_noun(doc, j + 1, end)
    if noun_end is None or doc[noun_end - 1].tag_ != "NNS":
        return None
    return doc[noun_end - 1], _count_unit(doc, j + 1, noun_end)


def _partitive_noun(doc, k: int, end: int) -> int | None:
    """End of the plural noun in "<number> of the <noun>" ("60 of the vehicles"), or None."""
    if k + 2 >= end or doc[k].lower_ != "of" or doc[k + 1].lower_ not in PARTITIVE_DETS:
        return None
    noun_end = _counted_noun(doc, k + 2, end)
    if noun_end is None or doc[noun_end - 1].tag_ != "NNS":
        return None
    return noun_end


def _elliptical(doc, first: int, last: int, sent: Span, prev: _Claim) -> bool:
    """A figure with no noun of its own that stands against the count before it: after a contrast
    word ("against nine", "than 40"), or alone in a verbless clause after a semicolon ("; a year
    earlier, 110"). It must end its phrase (a full stop, a comma, a semicolon or "in ...")."""
    k = last + 1
    after = doc[k] if k < sent.end else None
    if after is not None and not (after.is_punct or after.lower_ in ("in", "a", "the", "last", "this")):
        return False
    q = first
    while q - 1 > prev.end and doc[q - 1].lower_ in _QUALIFIER_WORDS:
        q -= 1
    before = doc[q - 1] if q - 1 >= sent.start else None
    if before is not None and before.lower_ in CONTRAST_WORDS:
        return True
    semi = next((j for j in range(q - 1, prev.end - 1, -1) if doc[j].text == ";"), None)
    if semi is None:
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in doc[semi + 1:q])

# "cubic metres" -> m3, "square kilometres" -> km2; other bases keep the words ("cubic feet")
POWER_WORDS = {"cubic": "3", "square": "2", "sq": "2", "sq.": "2"}
METRIC_BASES = {"m", "km", "cm", "mm"}


def _area_or_volume_unit(doc, k: int, end: int) -> str | None:
    """The unit of "cubic metres" / "square miles" / "sq km" at token k (two tokens)."""
    if k + 1 >= end or doc[k].lower_ not in POWER_WORDS:
        return None
    base = MEASURE_UNITS.get(doc[k + 1].lower_)
    if base is None or base in ("cubic", "nautical miles"):
        return None
    if base in METRIC_BASES:
        return base + POWER_WORDS[doc[k].lower_]
    return f"{'cubic' if doc[k].lower_ == 'cubic' else 'square'} {base}"


def _share_range_unit(ad: AnalyzedDoc, sent: Span, c: _Claim) -> None:
    """"between 3 and 5 per cent", "8 to 10 million tonnes", "three to five years", "1,800-2,200
    workers": the first end of a range takes the unit (and scale, or counted noun) written once
    after the second."""
    doc = ad.doc
    k = c.last + 1
    if k + 1 >= sent.end or doc[k].lower_ not in RANGE_JOINERS:
        return
    if doc[k].lower_ in ("and", "or") and not (c.first > sent.start and doc[c.first - 1].lower_ == "between"):
        return  # "3 and 5 per cent" only as "between 3 and 5 per cent"
    if doc[k].lower_ in ("-", "–") and (doc[c.last].whitespace_ or doc[k].whitespace_):
        return  # "1,800-2,200" is written solid; "10 - 12" is arithmetic or a score line
    nxt = _number_start(doc, k + 1, sent.end)
    if nxt is None:
        return
    other = _read_claim(ad, sent, *nxt, [])
    if other is None or other.kind == "bare" or other.currency:
        return  # "$3 to $5" carries its own currency
    if other.kind == "count":
        # a count range needs a plural noun and a low end below the high end ("8 to 10 parcels";
        # not a "5-4 ruling" nor "24-7 coverage")
        if other.noun is None or other.noun.tag_ != "NNS" or c.value >= other.value:
            return
        c.noun, c.about = other.noun, other.about
        c.range_to = other.first
    elif other.kind == "time":
        if c.value >= other.value:
            return
        c.range_to = other.first
    c.kind, c.unit = other.kind, other.unit
    scale = doc[other.last].lower_
    if other.last > other.first and scale in ("thousand", "million", "billion", "trillion") and c.value < 1000:
        c.value *= {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}[scale]
    if c.first > sent.start and doc[c.first - 1].lower_ == "between":
        c.start = c.first - 1  # the claim reads "between 3"


def _currency_word(ad: AnalyzedDoc, k: int, end: int) -> tuple[str, int] | None:
    """(ISO code, width) of a currency named by words after a number: "dollars",
    "Canadian dollars", "Philippine pesos", "won"."""
    doc = ad.doc
    if k >= end:
        return None
    w = doc[k].lower_
    if w in DOLLAR_COUNTRIES and k + 1 < end and doc[k + 1].lower_ in ("dollars", "dollar"):
        return DOLLAR_COUNTRIES[w], 2
    if k + 1 < end and doc[k + 1].lower_ in SHARED_CURRENCY_WORDS:
        # "5 million Mexican pesos": a place word right before the name decides
        for code, places in SHARED_CURRENCY_WORDS[doc[k + 1].lower_].items():
            if code and doc[k].text in places:
                return code, 2
    if w in CURRENCY_WORDS or w in SHARED_CURRENCY_WORDS:
        if w in ENGLISH_HOMOGRAPHS and doc[k].pos_ in ("VERB", "ADJ"):
            # the tagger reads "8.5 billion won" / "2 million rand" as a verb or adjective;
            # after a scale word or a number the tagger itself calls money, it is the currency
            prev = doc[k - 1] if k > 0 else None
            if prev is None or not (prev.lower_ in ("thousand", "million", "billion", "trillion", "bn", "mn")
                                    or prev.ent_type_ == "MONEY"):
                return None
        if w in SHARED_CURRENCY_WORDS:
            return _shared_currency(ad, w), 1
        return CURRENCY_WORDS[w], 1
    return None


def _shared_currency(ad: AnalyzedDoc, word: str) -> str:
    """The code of a currency name several countries use, from the places the article
    mentions most; the family's default (or the bare name) when none is mentioned."""
    family = SHARED_CURRENCY_WORDS[word]
    cache = ad.extras.setdefault("currency_places", {})
    key = id(family)
    if key not in cache:
        text = ad.norm.text
        counts = {code: sum(len(re.findall(rf"\b{re.escape(p)}\b", text)) for p in places)
                  for code, places in family.items() if code}
        best = max(counts.items(), key=lambda kv: kv[1], default=(None, 0))
        default = next(iter(family))
        cache[key] = best[0] if best[1] > 0 else (default or SHARED_CURRENCY_BARE.get(word, word))
    return cache[key]


def _counted_noun(doc, k: int, end: int) -> int | None:
    """End (exclusive) of the noun phrase a number counts: modifiers then a noun.

    Hyphen-joined words ("surface-to-air", "medium-range") are read as one modifier.
    """
    j = k
    head_end = None
    quoted = False
    while j < end and j < k + 10:
        t = doc[j]
        if t.text in ("-", "\u2011") and j > k and doc[j - 1].whitespace_ == "" and j + 1 < end:
            head_end = None
            j += 2
            continue
        if t.text == '"' and (quoted or any(doc[x].text == '"' for x in range(j + 2, min(end - 1, j + 9)))):
            quoted = not quoted  # 'four "river-sea" freighters': a quoted modifier, noun after it
            head_end = None
            j += 1
            continue
        glued = j + 1 < end and doc[j + 1].text == "-" and t.whitespace_ == ""
        # a participle modifying a noun after it ("180 overhauled tanks"); right after the number
        # only when the parser says so (not "300 injured")
        participle = t.tag_ in ("VBN", "VBG") and (glued or (t.dep_ == "amod" and (
            j > k or (t.head.i > j and t.head.pos_ == "NOUN" and t.head.i < end))))
        if t.pos_ in ("NOUN", "PROPN") and not t.like_num:
            head_end = j + 1
            if not glued and (j + 1 >= end or doc[j + 1].pos_ not in ("NOUN", "PROPN")):
                return head_end
        elif t.pos_ == "ADJ" or participle:
            if head_end is not None and not glued:
                return head_end
        else:
            return head_end
        j += 1
    return head_end


def _count_unit(doc, k: int, noun_end: int) -> str:
    head = doc[noun_end - 1]
    unit = head.text.lower() if head.pos_ != "PROPN" else head.text
    if head.lower_ in CLASSIFIER_NOUNS and noun_end - 2 >= k and doc[noun_end - 2].pos_ == "NOUN":
        unit = f"{doc[noun_end - 2].lower_} {unit}"
    return unit


# verbs whose subject (passive) or object is people: a bare figure as their subject counts people
PEOPLE_VERBS = {
    "evacuate", "kill", "injure", "wound", "rescue", "arrest", "detain", "die", "flee", "displace",
    "hospitalize", "hospitalise", "hurt", "drown", "abduct", "kidnap", "deport", "infect", "relocate",
    "strand", "trap", "jail", "imprison", "sentence", "convict", "charge", "execute", "survive",
    "perish", "vote", "protest", "march", "riot", "strike", "emigrate", "migrate", "enlist", "recruit",
}


def _counted_subject(doc, last: int, previous: list[_Claim]) -> tuple[str, str] | None:
    """(unit, about) of a bare figure standing as the subject of a verb ("more than 900 were
    rescued", "12 died"): people for a verb whose subject is people, else the unit of a count
    in a clause it is coordinated with ("30 tanks were destroyed and 12 were damaged")."""
    tok = doc[last]
    verb = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ != "VERB" or verb.i == tok.i:
        return None
    if tok.lower_ == "one" or any(ch.dep_ == "det" for ch in tok.children) or (
            tok.i > 0 and doc[tok.i - 1].lower_ in ("no", "the", "each", "every", "any", "those", "these")):
        return None  # "no one had been charged", "the 12 were freed": a pronoun or an anaphor
    prior = previous[-1] if previous and previous[-1].kind == "count" and previous[-1].unit else None
    if verb.lemma_.lower() in PEOPLE_VERBS:
        unit = prior.unit if prior is not None and prior.noun is not None and prior.noun.lower_ in PEOPLE_NOUNS \
            else "people"
        return unit, verb.text
    if prior is not None and prior.noun is not None:
        other = prior.noun.head
        if other.pos_ in ("VERB", "AUX") and (verb.head.i == other.i or other.head.i == verb.i) and \
                "conj" in (verb.dep_, other.dep_):
            return prior.unit, verb.text
    return None


# nouns naming a tally ("the toll rose to 45", "the number of evacuees reached 300")
TALLY_NOUNS = {"toll", "number", "count", "tally", "total"}
# what a tally of casualties counts when it names no plural noun ("the number of dead")
CASUALTY_WORDS = {"dead", "death", "deaths", "injured", "wounded", "missing", "casualties", "fatalities",
                  "victims", "displaced", "evacuated", "homeless", "survivors"}


def _tally_unit(doc, c: _Claim, sent: Span) -> str | None:
    """The unit of a bare figure a tally reached: "the (death) toll rose to 45" counts people;
    "the number of evacuees rose to 300" counts evacuees; "the number of dead" people.
    Figures that count something the sentence does not say stay without a unit."""
    t = doc[c.last]
    verb = t.head.head if t.dep_ == "pobj" else t.head
    subj = next((ch for ch in verb.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
    if _estimated_at(doc, c):
        # "put the number of demonstrators at 12,000", "estimated the crowd at 12,000"
        subj = next((ch for ch in verb.children if ch.dep_ == "dobj"), None)
        if subj is not None and subj.lemma_.lower() in CROWD_NOUNS:
            return "people"
    if subj is None or subj.lemma_.lower() not in TALLY_NOUNS:
        return None
    of = next((ch for ch in subj.children if ch.dep_ == "prep" and ch.lower_ == "of"), None)
    counted = next((ch for ch in of.children if ch.dep_ == "pobj"), None) if of is not None else None
    if counted is None:
        return "people" if subj.lemma_.lower() == "toll" else None
    if counted.lower_ in CASUALTY_WORDS or counted.lower_ in PEOPLE_NOUNS or counted.pos_ != "NOUN":
        return "people" if counted.lower_ in CASUALTY_WORDS | PEOPLE_NOUNS else None
    return counted.lower_ if counted.tag_ == "NNS" else None


def _estimated_at(doc, c: _Claim) -> bool:
    """A bare figure an estimate puts something "at": "police put the number of X at about 12,000",
    "estimated the crowd at 12,000"."""
    t = doc[c.last]
    if t.dep_ != "pobj" or t.head.lower_ != "at":
        return False
    verb = t.head.head
    return verb.pos_ == "VERB" and verb.lemma_.lower() in ESTIMATE_VERBS and any(
        ch.dep_ == "dobj" and (ch.lemma_.lower() in CROWD_NOUNS or ch.lemma_.lower() in TALLY_NOUNS)
        for ch in verb.children)


def _trailing_pp(doc, k: int, end: int) -> int:
    """Include a short "in reserve" / "on duty" after an elided figure."""
    if k < end and doc[k].dep_ == "prep" and k + 1 < end and doc[k + 1].pos_ in ("NOUN", "PROPN"):
        return k + 2
    return k


_QUALIFIER_MAX = max(len(seq) for seq in QUALIFIER_SEQS)


def _qualifier(doc, start: int, sent_start: int) -> tuple[str | None, int | None]:
    before = tuple(t.lower_ for t in doc[max(sent_start, start - _QUALIFIER_MAX):start])  # read once
    for seq in QUALIFIER_SEQS:
        n = len(seq)
        a = start - n
        if a < sent_start:
            continue
        if before[len(before) - n:] == seq:
            if seq == ("some",) and a > sent_start and doc[a - 1].lower_ in ("of", "in"):
                return None, None
            return " ".join(seq), a
    return None, None


def _of_phrase(doc, k: int, end: int) -> str | None:
    if k + 1 < end and doc[k].lower_ == "of":
        t = doc[k + 1]
        for j in range(k + 1, min(end, k + 6)):
            if doc[j].pos_ in ("NOUN", "PROPN"):
                t = doc[j]
                if j + 1 >= end or doc[j + 1].pos_ not in ("NOUN", "PROPN"):
                    break
        return doc[k + 1:t.i + 1].text
    return None


def _subject_about(doc, c: _Claim, sent: Span) -> str | None:
    """What a money/percent figure is about: a following "in X"/"of X", an appositive's head,
    or the subject of its clause."""
    of = _of_phrase(doc, c.end, sent.end)
    if of:
        return of
    if c.kind == "money" and c.end + 1 < sent.end and doc[c.end].lower_ in ("in", "on", "for"):
        nxt = doc[c.end + 1]
        noun = nxt
        while noun.dep_ in ("amod", "compound") and noun.head.i > noun.i and noun.head.i < sent.end:
            noun = noun.head  # "in emergency funds" -> funds
        if nxt.pos_ in ("NOUN", "ADJ") and not nxt.ent_type_ and noun.lemma_.lower() not in SESSION_NOUNS:
            # "$3bn in aid", "$4.5m on flood defences"; not "in 2020" nor "$45 in early trading"
            return _phrase(noun)
    unit_tok = doc[c.end - 1]
    if unit_tok.dep_ == "pobj" and unit_tok.head.lower_ == "of" and unit_tok.head.head.pos_ == "NOUN":
        return _phrase(unit_tok.head.head, c.first)  # "winds of up to 90 mph", "a fine of $5m"
    tok = doc[c.last]
    if tok.dep_ == "appos" and tok.head.pos_ == "NOUN":
        return _phrase(tok.head)
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX"):
            subj = next((ch for ch in t.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.dep_ != "expl" and subj.pos_ != "PRON":
                return _phrase(subj, c.first)
            attr = next((ch for ch in t.children if ch.dep_ == "attr" and ch.i != tok.i), None)
            if attr is not None:
                return _phrase(attr, c.first)
            return None
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _phrase(tok: Token, figure: int | None = None) -> str:
    """The noun phrase of a token, without relative clauses/appositives, trimmed; without the
    modifier holding the figure itself ("the fine of 2 million rand" -> "the fine")."""
    drop = {t.i for ch in tok.children
            if (ch.dep_ in ("relcl", "appos", "acl", "punct", "advmod") and ch.i > tok.i)
            or (figure is not None and ch.left_edge.i <= figure <= ch.right_edge.i)
            for t in ch.subtree}
    # clauses and appositives deeper in the phrase ("shares of the company, which listed ...")
    drop |= {t.i for d in tok.subtree if d.i > tok.i and d.dep_ in ("relcl", "appos", "acl") and d.i not in drop
             for t in d.subtree}
    words = [t for t in tok.subtree if t.i not in drop]
    while words and (words[-1].is_punct or words[-1].pos_ in ("ADP", "CCONJ")):
        words.pop()
    out = " ".join(t.text for t in words)
    out = re.sub(r" - ", "-", out)
    return out[:MAX_ABOUT].rsplit(" ", 1)[0] if len(out) > MAX_ABOUT else out


def _is_attribute(doc, claim: _Claim, previous: list[_Claim]) -> bool:
    """A measurement describing the previous figure's noun ("pieces with a range of 25 km")."""
    if not previous or claim.kind not in ("measure", "time", "percent"):
        return False
    p = previous[-1]
    between = doc[p.end:claim.start]
    if not between or between[0].lower_ != "with":
        return False
    return not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.text in (";", ".") for t in between)


def _keep(doc, c: _Claim, text: str) -> bool:
    first = doc[c.first]
    before = text[first.idx - 1] if first.idx > 0 else " "
    before2 = text[first.idx - 2] if first.idx > 1 else " "
    after_i = doc[c.last].idx + len(doc[c.last])
    after = text[after_i: after_i + 2]
    # identifiers and model names: "T-72", "Falcon-9", "G7"
    if (before == "-" and before2.isalnum() and c.range_low is None
            and not (before2.isdigit() and c.kind in ("percent", "money", "measure"))):
        return False  # but "2-3%" and "1,800-2,200 workers" are ranges
    if before.isalpha():
        return False
    # compound adjectives and ages: "five-year plan", "45-year-old"; not "a 7,600-km border"
    if (after.startswith("-") and len(after) > 1 and after[1].isalpha() and c.kind not in ("money",)
            and not c.hyphen_unit):
        return False
    nxt = doc[c.last + 1] if c.last + 1 < len(doc) else None
    if nxt is not None and (nxt.lower_ in TIME_OF_DAY or nxt.text == ":"):
        return False
    if ":" in first.text:
        return False
    # a capitalised number word mid-sentence or a number after a capitalised noun is a name
    # or an identifier ("Channel One", "Resolution 2397", "Article 5")
    prev = doc[c.first - 1] if c.first > 0 else None
    # a unit written after the number makes it a figure whatever precedes it: "fined Borlan
    # Textiles 350m rand" (the tagger may even run the name into the figure)
    unit_after = c.kind in ("money", "percent", "measure") and c.end > c.last + 1
    if not c.currency and not unit_after and c.start == c.first and prev is not None and not prev.is_sent_start:
        if first.text[:1].isupper() and first.is_alpha and not first.is_sent_start:
            return False
        if prev.text[:1].isupper() and prev.pos_ in ("PROPN", "NOUN") and prev.is_alpha:
            return False
    if first.is_sent_start or (prev is not None and prev.text in ("\n", "\n\n")):
        if nxt is not None and nxt.text in (".", ")") and c.kind in ("bare",):
            return False  # list marker "1."
    # bare four-digit years that escaped the date rules
    if c.kind in ("bare", "count") and is_digits(first.text) and re.fullmatch(r"1[6-9]\d\d|20\d\d", first.text):
        if c.kind == "bare" or (c.noun is not None and c.noun.tag_ != "NNS"):
            return False
    if c.kind in ("money", "percent", "measure"):
        return True
    if c.kind == "time":
        # "a five-year term": the noun is the span the duration measures
        return (c.hyphen_unit and c.value >= 1) or _is_measured_duration(doc, c)
    if c.kind == "count":
        if c.noun is not None and c.noun.lower_ in TIME_UNITS:
            return False
        if c.noun is not None and doc[c.last + 1].tag_ == "NNP" and doc[c.last + 1].text[:1].isupper():
            return False  # "737 MAX", "Boeing 787": a model or a name, not a count
        small = c.value < SMALL_COUNT
        det = prev is not None and c.start == c.first and prev.lower_ in ANAPHORIC_DETS
        if det and small:
            return False
        if c.elided:
            return True  # the parallel count it stands against is a claim
        if small and c.qualifier is None and c.range_low is None and _object_count(c):
            return True  # "customs seized eight containers": a count of what was acted on
        if small and c.noun is not None and c.noun.lemma_.lower() == "occasion" and prev is not None and (
                prev.lower_ == "on" and c.start == c.first):
            return True  # "asked on three occasions": how often
        if small and c.qualifier is None and c.range_low is None and (
                c.noun is None or c.noun.lower_ not in PEOPLE_NOUNS):
            c.small = c.noun is not None
            return c.unit is not None and c.noun is None  # elided unit of a real figure
        if nxt is not None and nxt.lower_ == "of" and small:
            return False
        return True
    # bare: a figure only as the object of a verb of change/level ("rose to 45")
    if c.value < SMALL_COUNT:
        return False
    if _estimated_at(doc, c):
        return True
    t = doc[c.last]
    head = t.head.head if t.dep_ == "pobj" else t.head
    return head.lemma_.lower() in FIGURE_VERBS


def _object_count(c: _Claim) -> bool:
    """A small count (2-9) of a plural noun that is the direct object of a verb, or coordinated with
    one ("detained six containers", "will launch two satellites"), or adding to a list ("at X and two
    other ports"): what the action counts. Subjects and prepositional objects ("two countries agreed", "talks between
    two sides") stay out, like "one"."""
    noun = c.noun
    if noun is None or c.value < 2 or noun.tag_ != "NNS" or noun.lemma_.lower() in ("one", "other"):
        return False
    if noun.dep_ == "conj" and any(ch.lower_ == "other" and ch.dep_ == "amod" for ch in noun.children):
        return True  # "at Fornby and two other ports": how many more the list holds
    t = noun
    for _ in range(3):
        if t.dep_ != "conj" or t.head.i == t.i:
            break
        t = t.head
    return t.dep_ == "dobj" and t.head.pos_ == "VERB"


def _is_measured_duration(doc, c: _Claim) -> bool:
    """A duration is a claim when it measures an event or a change: "lasted five hours", "took
    four weeks", "spent two years", "sentenced to 10 years", "blocked the road for (at least)
    three days", "after three days of talks", "Five hours of talks ...", "adds roughly 10 days
    to the journey", "delayed by two weeks". Not when it places or bounds a time or only says
    time passed: a deadline ("within six months"), a point ("in four years", "after three days,
    ...", "two years ago"), a period start or an age ("70 years since", "five years old"), a
    wait ("have waited three years" says time passed; nothing is measured)."""
    head_of_range = c.range_low or c  # "over three to five years": the words before the low end
    start = head_of_range.start
    prev = doc[start - 1].lower_ if start > 0 else ""  # the word before any qualifier
    unit = doc[c.end - 1]
    on_verb = (unit.dep_ == "npadvmod" and unit.head.pos_ == "VERB") or (
        unit.dep_ == "pobj" and unit.head.lower_ == "over" and unit.head.head.pos_ == "VERB")
    if head_of_range.qualifier == "over" and on_verb and doc[start - 1].pos_ not in ("ADP", "SCONJ") \
            and c.end < len(doc) and doc[c.end].lower_ not in ("ago", "earlier", "later", "old"):
        # "will deliver the tanks over three to five years": the span of the action (not "a 9%
        # raise over two years", which dates the figure it follows)
        return True
    nxt = doc[c.end] if c.end < len(doc) else None
    nxt_word = nxt.lower_ if nxt is not None else ""
    unit_tok = doc[c.end - 1]
    governor = _governing_verb(unit_tok)
    gov_lemma = governor.lemma_.lower() if governor is not None else ""
    if gov_lemma in WAIT_VERBS:
        return False
    if prev == "by":
        return gov_lemma in DURATION_CHANGE_VERBS  # "delayed by two weeks"; not "by three years' time"
    if prev == "in" and _done_in(doc, c, governor):
        return True  # "the water reached the town in under an hour": how long a done thing took
    if prev == "of" and _event_noun_of(doc, c.start - 1):
        return True  # "a stoppage of at least 14 months", "a delay of two weeks"
    if prev in ("within", "in", "since", "of", "ago", "every", "per", "than"):
        return False
    if nxt_word in ("ago", "earlier", "later", "since", "old", "before", "after", "into", "from", "away"):
        return False
    of_event = nxt_word == "of" and c.end + 1 < len(doc) and doc[c.end + 1].pos_ in ("NOUN", "VERB", "ADJ")
    if prev == "after":
        return of_event  # "after three days of talks" measures the talks; "after three days, ..." is a point
    if prev == "for":
        return True
    head = unit_tok.head
    if unit_tok.dep_ in ("dobj", "npadvmod", "obj") and head.lemma_.lower() in DURATION_VERBS | DURATION_CHANGE_VERBS:
        return True
    if unit_tok.dep_ == "pobj" and head.lower_ in ("for", "to") and head.head.lemma_.lower() in DURATION_VERBS:
        return True
    # "Five hours of talks ended ...", "ordered two weeks of quarantine": the duration of the
    # event named after "of"
    return of_event and unit_tok.dep_ in ("nsubj", "nsubjpass", "dobj")


# nouns after which "of <duration>" does not measure an event: a frame, a bound or an age
# ("a period of six months", "a maximum of 30 days", "at the age of 12 years")
DURATION_FRAME_NOUNS = {
    "period", "time", "span", "space", "course", "window", "deadline", "maximum", "minimum", "limit",
    "total", "average", "age", "interval", "lifetime", "matter", "end", "start", "beginning", "middle",
    "rest", "remainder", "part", "half", "term", "duration", "length", "life", "horizon", "notice",
}
# prepositions that make the whole "<noun> of <duration>" a deadline or a point
POINT_PREPS = {"within", "by", "until", "till", "since"}


def _event_noun_of(doc, of_i: int) -> bool:
    """"a stoppage of at least 14 months": the noun before "of" is an event the duration measures,
    not a frame or a bound, and the phrase is not itself a deadline ("within a period of ...")."""
    if of_i < 1 or doc[of_i].lower_ != "of":
        return False
    noun = doc[of_i].head
    if noun.i >= of_i or noun.pos_ != "NOUN" or noun.lemma_.lower() in DURATION_FRAME_NOUNS:
        return False
    if noun.lower_ in TIME_UNITS or (noun.dep_ == "pobj" and noun.head.lower_ in POINT_PREPS):
        return False
    return True


def _done_in(doc, c: _Claim, governor: Token | None) -> bool:
    """"in (under) N minutes" after a verb in a past tense: how long it took ("got to the
    village in under an hour", "was rebuilt in three months"); not a point ahead ("will open in
    four years") nor a frame ("the first rise in five years", "for the first time in decades")."""
    if governor is None or c.start < 1 or governor.pos_ != "VERB":
        return False
    in_tok = doc[c.start - 1]
    if in_tok.head.i != governor.i:
        return False  # "in" hangs on a noun or an adjective ("the first rise in five years")
    if in_tok.i > 0 and doc[in_tok.i - 1].lower_ in ("time", "times", "once", "ever", "yet"):
        return False  # "visited for the first time in four years": how long since, not how long
    if governor.dep_ in ("relcl", "acl") and any(
            ch.tag_ in ("JJS", "RBS") or ch.ent_type_ == "ORDINAL" for ch in governor.head.children):
        return False  # "the first meeting they had in four years", "the worst flood it has seen in decades"
    aux = {ch.lower_ for ch in governor.children if ch.dep_ in ("aux", "auxpass")}
    if aux & {"will", "shall", "'ll", "wo", "would", "could", "can", "may", "might", "must", "should", "has", "have"}:
        return False  # a point ahead, or "has not rained in six weeks": time since
    if any(ch.dep_ == "neg" for ch in governor.children):
        return False
    return governor.tag_ == "VBD" or (governor.tag_ == "VBN" and bool(aux & {"was", "were", "had"}))


def _governing_verb(tok: Token) -> Token | None:
    t = tok.head
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None
