"""Dated events normalised against the publication date.

`resolve_timexes` finds every temporal expression (rules in timerules.py, spaCy for
context: tense, attachment, stamp lines) and normalises it in document order with a
running reference date, so "A year earlier" follows the last date mentioned.
`extract_events` turns the ones that date something the article reports into Events.

Decisions (documented here because they shape the timeline):
- durations are not points ("for five hours", "in four years", "a year and a half into the
  war", "70 years since"); "N years ago/earlier/later" are;
- attributive dates ("the 2016 launch", "the May launch", "the 2023 edition") name a thing
  already dated or a title: they feed the running reference but are not events;
- "by 2023" is a deadline/state, not an event; so is the current period of a future clause
  ("will cut spending by 15% this year"); a range ("between 2021 and 2023", "from May to
  July") is a period, not a point; but "will install X before the end of the year/month" puts a
  one-off act in the current year/month (not when the clause sets a percentage or a sum: a target);
- genitive dates ("last winter's floods", "Tuesday's vote") are attributive;
- a date that only times a figure ("In 2021 trade amounted to $45,000", "launched six
  satellites since 1998", "shipped 2m barrels last year": an amount built up over a year
  or a month) goes to NumberClaim.time, not to the timeline; so does a figure given for a flow
  noun ("declared imports worth $2m last year") and a change whose figures are only the levels
  it went to or from ("rose to $48m last year, up from $9m"); one-off acts ("fined X 2m euros
  in 2023") and changes with their amount ("traffic fell 12% last month") stay events;
- "today" in a speaker's words with a simple present of saying or being ("what we know
  today ..."), in a negated clause ("will not do so today") or with the speaking itself ("today we
  are telling them") is the present in general or the statement the attribution dates, not an event;
- dateline/publication stamps (a line with no finite verb) are skipped;
- one event per (sentence, date), per (paragraph, date) and per (date, anchor word), so a
  caption repeating the lead or a paragraph re-dating its own event adds nothing;
- future: "will", "would" (reported speech; not "would have"), "plans/expects to", "is set/
  due/scheduled/expected to", a scheduled present, "next ..." move bare weekdays/months forward
  from the publication date; a participle ("starting in May") takes its governing clause's
  tense, a past participle modifier ("the bridge, opened in May, carries ...") the past;
- participle modifiers are events ("The report, published on Tuesday, said" -> "The report
  published", the Tuesday before publication); attributive dates stay skipped;
- "since DATE" alone dates the start of a state ("has been suspended since 2013"): an event, as
  the development gold counts it (not on a to-infinitive completing a noun: "under pressure to
  stop X since 2022" does not say which state began); "since 2019, when <clause>" dates the when-clause instead, and
  any date whose main clause only times a figure still gives its when-clause as the event;
- "on Wednesday, a week after <clause>" / "on Friday, two days before <noun phrase>": the
  offset dates what follows it, measured from the closest date before it in the same sentence
  (day/week offsets from a month-precision anchor keep the anchor); no anchor, no event; the act
  an offset dates and the same verb dated again later ("was charged on Tuesday") are one event.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, datetime

from spacy.tokens import Span, Token

from parallax.extract.timerules import MONTHS, Candidate, fmt, find_candidates, resolve, resolve_offset
from parallax.model import Event
from parallax.nlp.analyzed import AnalyzedDoc

# words that introduce a bare month or year as a time ("in May", "since 2013")
TIME_PREPS = {
    "in", "on", "since", "by", "until", "till", "from", "to", "through", "throughout", "during",
    "of", "before", "after", "between", "and", "or", "around", "circa", "early", "late", "mid",
    "last", "next", "this", "back", "as", "at", "for", "into", "within", ",", "-", "–",
}
DETERMINERS = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "'s", "whose"}
STAMP_MAX_CHARS = 120
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
STAMP_WORDS = {"posted", "published", "updated", "modified", "filed", "copyright", "©"}
FUTURE_LEMMAS = {
    "plan", "expect", "intend", "aim", "schedule", "hope", "prepare", "seek", "want", "propose",
    "due", "set", "slate", "vow", "pledge", "promise", "threaten", "poise", "look",
}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
PRESENT_BE = {"is", "are", "am", "'s", "'re"}
PAST_BE = {"was", "were"}
REPORTING_LEMMAS = {"say", "tell", "announce", "add", "state", "report", "confirm", "indicate", "explain",
                    "write", "warn", "note", "claim", "insist", "predict", "signal"}
# verbs of state: a date in their clause next to a figure times the figure, not an event
STATIVE_LEMMAS = {"be", "have", "amount", "total", "account", "stand", "remain", "number", "exceed", "reach", "hold"}
COMPARISON_PREPS = {"from", "than", "over", "versus", "vs", "vs."}
# verbs of an amount accumulated over a period: their figure dated by a year or a month is a
# dated figure (output, trade, traffic, takings), not an event; one-off acts ("fined X 2m euros
# in 2023", "raised $50m in March") and changes ("fell 5% last week") stay events
AMOUNT_VERBS = {
    "produce", "supply", "export", "import", "sell", "ship", "carry", "transport", "handle", "consume",
    "generate", "earn", "mine", "extract", "pump", "refine", "process", "serve", "attract",
    "welcome", "host", "treat", "employ", "spend", "output", "deliver", "brew", "harvest",
    "catch", "emit", "burn", "book", "record", "post", "collect", "log",
}
# present-tense verbs that report or describe rather than schedule
SAY_OR_STATE = {"say", "tell", "claim", "report", "be", "have", "remain", "know", "believe", "think",
                "seem", "appear", "show", "mean", "need", "want", "warn", "add", "note"}
MAX_EVENT_CHARS = 120


@dataclass
class Timex:
    start: int  # normalised offsets
    end: int
    kind: str
    span: Span
    date: str | None = None
    prep: str = ""
    attributive: bool = False
    stamp: bool = False
    future: bool = False
    value: tuple[date, str] | None = None
    # normalised char range of the words this expression dates by itself: the event after an
    # offset ("a week after <prosecutors charged three executives>") or a when-clause
    # ("since 2019, when <a stoppage cost shippers $60 million>")
    clause: tuple[int, int] | None = None


def resolve_timexes(ad: AnalyzedDoc) -> list[Timex]:
    """Every temporal expression in the document, resolved in order (cached per document)."""
    if "timexes" in ad.extras:
        return ad.extras["timexes"]
    pub = ad.pub_date
    text = ad.norm.text
    out: list[Timex] = []
    ref: tuple[date, str] | None = None
    for c in find_candidates(text):
        span = ad.doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if c.kind == "offset":
            tx = _resolve_offset(c, span, out, text)
            if tx is not None:
                out.append(tx)  # dated from its own sentence: not a new running reference
            continue
        tx = _classify(c, span, text)
        if tx is None:
            continue
        tx.future = _is_future(span)
        if tx.future and tx.attributive and not _explicit_future_before(span):
            tx.future = False  # "annul the result of the May 3 vote": the noun names a held occasion
        tx.stamp = _is_stamp(ad, span)
        if c.kind == "end_cur" and not tx.future:
            tx.prep = "by"  # "had finished before the end of the year": which year is the story's, not ours
        resolved = _next_or_last_month(c, tx.prep, pub) or resolve(c, pub, ref, tx.future)
        if resolved is None:
            resolved = _fallback(span.text, pub)
        if resolved is None:
            continue
        tx.date, tx.value = fmt(*resolved), resolved
        when = _WHEN_CLAUSE.match(text, c.end)
        if when and not tx.stamp:
            tx.clause = (when.end(), _clause_end(text, when.end(), span.sent.end_char))
        if not tx.stamp:
            ref = resolved
        out.append(tx)
    ad.extras["timexes"] = out
    return out


_FUTURE_WORDS = frozenset({"will", "'ll", "shall", "upcoming", "coming", "next", "forthcoming", "planned"})


def _explicit_future_before(span: Span) -> bool:
    """A future word in the sentence before a date ("will contest the May 3 vote", "the upcoming
    May 3 vote")."""
    return any(t.lower_ in _FUTURE_WORDS for t in span.doc[span.sent.start:span.start])


def _next_or_last_month(c: Candidate, prep: str, pub: date | None) -> tuple[date, str] | None:
    """"next March" is the first March after the publication month, "last March" the last one
    before it, whatever the tense of the clause."""
    if c.kind != "my" or "y" in c.groups or prep not in ("next", "last") or pub is None:
        return None
    month = MONTHS[c.groups["mon"].rstrip(".").lower()]
    year = pub.year
    if prep == "next" and month <= pub.month:
        year += 1
    elif prep == "last" and month >= pub.month:
        year -= 1
    return date(year, month, 1), "M"


_WHEN_CLAUSE = re.compile(r"\s*,?\s*when\s+")
# where a clause introduced inside a sentence ends: ", " / ";" / a dash / a bracket
_CLAUSE_END = re.compile(r"[,;:]\s|\s[-–—]\s|[–—(\[]")


def _clause_end(text: str, start: int, limit: int) -> int:
    m = _CLAUSE_END.search(text, start, limit)
    end = m.start() if m else limit
    return len(text[start:end].rstrip(" \t\n.!?\"'”’")) + start


def _resolve_offset(c: Candidate, span: Span, earlier: list[Timex], text: str) -> Timex | None:
    """"on Wednesday, a week after X": the date of X, measured from the closest date before
    the offset in the same sentence; without such an anchor the offset is not resolved."""
    sent = span.sent
    anchor = None
    for t in reversed(earlier):
        if t.start < sent.start_char:
            break
        if t.value is not None and not t.stamp and t.kind != "offset" and t.end <= c.start:
            anchor = t
            break
    if anchor is None:
        return None
    resolved = resolve_offset(c, anchor.value)
    clause = (c.end + 1, _clause_end(text, c.end + 1, sent.end_char))
    if clause[1] <= clause[0]:
        return None
    return Timex(start=c.start, end=c.end, kind=c.kind, span=span, date=fmt(*resolved), value=resolved,
                 prep=c.groups["dir"].lower(), clause=clause)


_DEADLINE_BEFORE = re.compile(r"\b(?:by|before|until)\s+(?:the\s+)?(?:end|start|beginning|middle|close)\s+of\s+$", re.I)


PERIOD_END = "<period end>"  # a marker in Timex.prep, never a word
_PERIOD_END_BEFORE = re.compile(
    r"\b(?:year|years|months|quarter|quarters|half|period|weeks|days)\s+(?:to|ending|ended|through|until)\s+(?:the\s+end\s+of\s+)?$",
    re.I)


def _classify(c: Candidate, span: Span, text: str) -> Timex | None:
    """Reject non-dates ("Theresa May", "Resolution 2397"), mark attributive uses."""
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    prev_word = prev.text.lower() if prev is not None else ""
    nxt = doc[span.end] if span.end < len(doc) else None
    before_noun = nxt is not None and (
        nxt.pos_ in ("NOUN", "PROPN")
        or (nxt.pos_ == "ADJ" and nxt.i + 1 < len(doc) and doc[nxt.i + 1].pos_ == "NOUN")
    )
    attributive = (prev_word in DETERMINERS or (prev is not None and prev.tag_ in ("PRP$", "POS"))) and before_noun
    tx = Timex(start=c.start, end=c.end, kind=c.kind, span=span, prep=prev_word, attributive=attributive)
    if c.kind == "end_cur":
        tx.prep = "before"  # "will install scanners before the end of the year": done this year
    elif _DEADLINE_BEFORE.search(text, max(0, c.start - 30), c.start):
        tx.prep = "by"  # "by the end of next year": a deadline like "by 2026"
    elif _PERIOD_END_BEFORE.search(text, max(0, c.start - 30), c.start):
        tx.prep = PERIOD_END  # "in the year to March": when a period of figures ended
    bare = (c.kind == "my" and "y" not in c.groups) or c.kind == "year"
    if bare and not ("part" in c.groups or "edge" in c.groups):
        first = span[0]
        if first.pos_ in ("VERB", "AUX"):  # "may", "march"
            return None
        if attributive:
            return tx
        if first.ent_type_ in ("PERSON", "ORG", "FAC", "WORK_OF_ART", "PRODUCT"):
            return None  # "Theresa May", "August Bank"
        subject_year = c.kind == "year" and first.dep_ in ("nsubj", "nsubjpass")
        if prev is not None and prev_word not in TIME_PREPS and not subject_year:
            return None
        if (c.kind == "year" and nxt is not None and nxt.tag_ == "NNS"
                and not (prev is not None and prev.is_sent_start) and nxt.dep_ not in ("nsubj", "nsubjpass")):
            return None  # "in 2000 cases": a count, not a year; "In 2019 sales rose" is a year
    if nxt is not None and nxt.text in ("'s", "'") and not (c.kind == "year" and nxt.text == "'"):
        tx.attributive = True  # "yesterday's vote", "last winter's floods": like "the May vote"
    return tx


def _is_future(span: Span) -> bool:
    """The clause the expression attaches to speaks of the future: "will", "would" in reported
    speech, "plans to / is set to / is due to ... in October", or a scheduled present ("the
    summit begins on July 26"). Past tenses keep the past."""
    t: Token = span.root
    first_verb = True
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX"):
            aux = [ch for ch in t.children if ch.dep_ in ("aux", "auxpass")]
            aux_words = {ch.lower_ for ch in aux}
            if aux_words & FUTURE_AUX:
                return True
            # future in the past of reported speech ("she said they would meet on Friday");
            # "would have met" is a past counterfactual
            if "would" in aux_words and "have" not in aux_words:
                return True
            lemma = t.lemma_.lower()
            if lemma in FUTURE_LEMMAS:
                if t.tag_ in ("VBZ", "VBP", "VB") or (t.tag_ == "VBG" and aux_words & PRESENT_BE):
                    return True  # "plans to", "are planning to"; not "planned to" (a past plan)
                if t.tag_ == "VBN" and (aux_words & PRESENT_BE or t.dep_ in ("acl", "advcl")):
                    return True  # "is set to", "is scheduled for"; "the vote, scheduled for May"
                if aux_words & PAST_BE and t.tag_ in ("VBN", "VBG") and _reported(t):
                    return True  # "said the bridge was expected to reopen in March"
            if lemma == "be" and t.tag_ == "VBD" and _reported(t) and any(
                    ch.dep_ == "xcomp" and any(a.lower_ == "to" for a in ch.children) for ch in t.children):
                return True  # "said the committee was to meet on Friday"
            if first_verb and t.tag_ == "VBN" and t.dep_ in ("acl", "advcl") and not aux:
                return False  # "the bridge, opened in May, carries ...": a done thing
            if first_verb and t.tag_ == "VBG" and t.dep_ in ("advcl", "acl") and not aux:
                pass  # "..., starting in September": the tense is the governing clause's
            elif first_verb:
                first_verb = False
                if (t.tag_ in ("VBZ", "VBP") and t.dep_ != "aux" and not aux
                        and lemma not in SAY_OR_STATE and t.lower_ not in ("is", "are", "am")):
                    return True  # scheduled present
                if t.dep_ != "xcomp":
                    return False  # the clause's own tense decides; only infinitives look up
        elif t.lemma_.lower() in ("due", "likely", "poised") and t.head.lemma_ == "be" and t.head.tag_ in ("VBZ", "VBP"):
            return True  # "is due to reopen in March"
        if t.head.i == t.i:
            break
        t = t.head
    return False


# a dateline opening a story's first line: an all-caps place, optional region/date, an
# optional (agency), then a dash: "PLACE, Region, May 5, 2025 (Agency) — "
# capital letters, accented ones included ("SÃO PAULO", "ÎLE-D'ARC")
_UPPER = "A-Z" + "".join(ch for ch in map(chr, range(0xC0, 0x250)) if ch.isupper())
_DATELINE = re.compile(
    rf"[ \t]*[{_UPPER}][{_UPPER}'.-]{{2,}}(?: [{_UPPER}][{_UPPER}'.-]+)*(?:,[ \t]*[^\n()—–]{{1,40}}?)?[ \t]*"
    r"(?:\([^)\n]{1,40}\))?[ \t]*[—–-]{1,2}[ \t]+")


def _reported(verb: Token) -> bool:
    """The clause is what someone said (its tense is shifted back from the speaker's)."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_LEMMAS


def _is_stamp(ad: AnalyzedDoc, span: Span) -> bool:
    """A dateline or "Posted on ..." line: a short line with no finite verb, or naming a stamp."""
    text = ad.norm.text
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line_end = text.find("\n", span.end_char)
    line_end = len(text) if line_end < 0 else line_end
    sent = span.sent
    lo, hi = max(line_start, sent.start_char), min(line_end, sent.end_char)
    seg = ad.doc.char_span(lo, hi, alignment_mode="expand")
    if seg is None:
        return False
    dateline = _DATELINE.match(text, line_start)
    if dateline and span.end_char <= dateline.end():
        return True  # "GDANSK, March 5, 2025 (Nordwire) - Dockworkers walked out ..."
    lead = [t.lower_ for t in ad.doc[max(seg.start, span.start - 4): span.start]]
    short = len(seg.text.strip()) <= STAMP_MAX_CHARS
    # "Published" may tag VBD; a verb with a subject is finite whatever its tag ("The mill reopened" as VBN)
    finite = any(t.lower_ not in STAMP_WORDS and (t.tag_ in FINITE_TAGS or (t.pos_ == "VERB" and _has_subject(t)))
                 for t in seg)
    if any(w in STAMP_WORDS for w in lead) and not finite:
        return True  # "Published 12 June 2024"; not "The report, published on Tuesday, said ..."
    # a short verbless line; long ones are sentences the tagger got wrong
    return short and not finite


_DATEPARSER_OK = re.compile(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")


def _fallback(expr: str, pub: date | None) -> tuple[date, str] | None:
    """dateparser for absolute numeric forms the rules do not cover ("13/09/2023")."""
    if not _DATEPARSER_OK.search(expr):
        return None
    import dateparser  # slow to import: only when a candidate needs it

    settings = {"PREFER_DAY_OF_MONTH": "first"}
    if pub is not None:
        settings["RELATIVE_BASE"] = datetime(pub.year, pub.month, pub.day)
    parsed = dateparser.parse(expr, languages=["en"], settings=settings)
    return (parsed.date(), "D") if parsed else None


# -- events -----------------------------------------------------------------------------------

def _attachment(span: Span) -> tuple[Token, Token]:
    """(the phrase token the expression hangs from, the word it modifies)."""
    phrase = span.root
    if phrase.dep_ == "pobj" and phrase.head.dep_ == "prep":
        phrase = phrase.head
    while phrase.dep_ in ("appos", "conj", "compound", "nummod") and phrase.head.i != phrase.i:
        phrase = phrase.head
        if phrase.dep_ == "pobj" and phrase.head.dep_ == "prep":
            phrase = phrase.head
    anchor = phrase.head if phrase.head.i != phrase.i else phrase
    return phrase, anchor


def _clause_verb(tok: Token) -> Token | None:
    """The verb of the clause a word belongs to; an infinitive complement ("attempted to
    launch") reports through its governing verb."""
    t = tok
    for _ in range(10):
        if t.pos_ in ("VERB", "AUX"):
            for _ in range(4):
                if t.dep_ == "xcomp" and t.head.pos_ in ("VERB", "AUX"):
                    t = t.head
                elif t.dep_ == "xcomp" and t.head.pos_ == "ADJ" and t.head.head.pos_ in ("VERB", "AUX"):
                    t = t.head.head  # "is due to reopen", "is likely to rule"
                elif (t.tag_ == "VBG" and t.dep_ in ("advcl", "acl") and not _has_subject(t)
                      and _clause_verb_above(t) is not None):
                    t = _clause_verb_above(t)  # "..., starting in May": the clause it qualifies
                else:
                    break
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _has_subject(verb: Token) -> bool:
    return any(ch.dep_ in ("nsubj", "nsubjpass") for ch in verb.children)


def _clause_verb_above(tok: Token) -> Token | None:
    t = tok.head
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX") and t.i != tok.i:
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


_SKIP_CHILD_DEPS = {"advcl", "parataxis", "conj", "cc", "mark", "relcl", "punct"}


def _clause_text(verb: Token, phrase: Token, span: Span, other: set[int] = frozenset()) -> str:
    """The clause a date belongs to, without the date phrase, subordinate clauses or `other`
    tokens (modifiers dated by another expression); a participle modifier gets its noun
    ("The report, published on Tuesday, ..." -> "The report published")."""
    drop: set[int] = set(range(span.start, span.end)) | {t.i for t in phrase.subtree} | set(other)
    if verb.lemma_ == "be" and not any(ch.dep_ in ("attr", "acomp", "dobj", "xcomp") for ch in verb.children):
        drop = set(other)  # "The last launch was in 2016": the date is the predicate
    for ch in verb.children:
        if ch.dep_ in _SKIP_CHILD_DEPS and ch.dep_ != "punct":
            drop.update(t.i for t in ch.subtree)
    keep = [t for t in verb.subtree if t.i not in drop or t.i == verb.i]
    # a comma left next to a dropped phrase ("The bridge, [built in 1932], collapsed")
    keep = [t for t in keep if not (t.is_punct and t.text in (",", "—", "–", "-")
                                    and (t.i - 1 in drop or t.i + 1 in drop))]
    if verb.head.pos_ in ("NOUN", "PROPN") and (
            (verb.dep_ == "acl" and verb.tag_ == "VBN")
            or (verb.dep_ == "relcl" and keep and keep[0].lower_ in ("which", "who", "that"))):
        # "The report, published on Tuesday" -> "The report published"; "the airline, which
        # carried ... last year" -> "the airline carried ..."
        if verb.dep_ == "relcl":
            keep = keep[1:]
        keep = _noun_words(verb.head) + keep
    elif verb.dep_ == "relcl" and keep and keep[0].lower_ in ("where", "when", "whereby"):
        keep = keep[1:]  # "the town, where the river peaked in January" -> "the river peaked"
    while keep and (keep[0].is_punct or keep[0].is_space or keep[0].dep_ == "cc"):
        keep.pop(0)
    while keep and ((keep[-1].is_punct and keep[-1].text not in ("%", ")", "]")) or keep[-1].is_space):
        keep.pop()
    parts: list[str] = []
    for i, t in enumerate(keep):
        parts.append(t.text)
        if i + 1 < len(keep):
            parts.append(t.whitespace_ if keep[i + 1].i == t.i + 1 else " ")
    out = re.sub(r"\s+", " ", "".join(parts)).strip()
    out = _DATELINE.sub("", out, count=1) if _DATELINE.match(out) else out
    if len(out) > MAX_EVENT_CHARS:
        out = out[:MAX_EVENT_CHARS].rsplit(" ", 1)[0] + "…"
    return out


def _noun_words(noun: Token) -> list[Token]:
    """A noun with its determiner, adjectives, compounds and conjuncts ("the regional airline",
    "Lisbon and Porto")."""
    mods = [w for mod in noun.children
            if (mod.i < noun.i and mod.dep_ in ("det", "amod", "compound", "poss", "nummod"))
            or (mod.i > noun.i and mod.dep_ in ("cc", "conj"))
            for w in mod.subtree]
    return sorted(mods + [noun], key=lambda w: w.i)


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n", text)]


def extract_events(ad: AnalyzedDoc) -> list[Event]:
    from parallax.extract.numbers import number_spans  # numbers use timexes too: import late

    figures = number_spans(ad)
    para_starts = _paragraph_starts(ad.norm.text)
    timexes = resolve_timexes(ad)
    ranges = _range_ends(ad.norm.text, timexes)
    starts = [t.start for t in timexes]  # document order
    seen: set[tuple] = set()
    events: list[Event] = []
    for i, tx in enumerate(timexes):
        if tx.date is None or tx.stamp or tx.prep == PERIOD_END or i in ranges:
            continue
        if tx.prep == "by" and not _done_by_day(tx):
            continue
        if tx.attributive:
            held = _dated_occasion(tx)
            if held is None:
                continue
            # "the September 14 election", "last Sunday's vote": the day the occasion was held
            sent_i = bisect_right(ad.sentence_starts, tx.start) - 1
            keys = [("s", sent_i, tx.date), ("a", held.lemma_.lower(), tx.date)]
            if any(k in seen for k in keys):
                continue
            seen.update(keys)
            m = ad.mention(tx.start, tx.end)
            desc = " ".join(t.text for t in held.subtree if t.i <= held.i and t.dep_ != "det" and t.tag_ != "POS"
                            and not (t.i == held.left_edge.i and t.tag_ == "PRP$"))
            events.append(Event(
                id=f"{ad.id}-t{len(events) + 1}", doc=ad.id, start=m.start, end=m.end,
                text=desc, date=tx.date, date_text=m.text, sentence=ad.orig_sentence_at(tx.start),
            ))
            continue
        if tx.kind == "rel" and tx.future and tx.span.text.lower().startswith("this "):
            continue  # "will cut spending by 15% this year": a target period, like a deadline
        if tx.kind == "end_cur" and _level_figure_in_clause(ad, tx):
            continue  # "will cut costs by 8% before the end of the year": a target, not an act
        if (tx.kind == "ago" and tx.prep in COMPARISON_PREPS) or _in_comparison(tx.span):
            continue  # "up 40% from a year earlier", "compared with ... a year earlier": a baseline
        phrase, anchor = _attachment(tx.span)
        extra_drop: set[int] = set()
        if tx.kind == "year" and tx.span.root.dep_ == "nummod" and tx.span.root.head.pos_ == "NOUN":
            # "In 2019 sales rose": the tagger hung the year on the noun after it
            phrase = tx.span.root
            before = tx.span.start - 1
            if before >= 0 and ad.doc[before].pos_ == "ADP":
                extra_drop.add(before)
        verb = _clause_verb(anchor)
        if _generic_today(ad.norm.text, tx, verb, para_starts):
            continue  # "what we know today is not enough": the present, not a dated event
        if tx.prep == "since" and verb is not None and _noun_infinitive(verb) and not tx.clause:
            continue  # "under pressure to cut emissions since 2021": which state began is unclear
        phrase = _participle_between(phrase, verb) or phrase
        own_clause = _own_clause_text(ad, tx)
        if tx.kind == "offset":
            desc = own_clause
        elif own_clause and (tx.prep == "since" or _main_clause_skipped(tx, anchor, verb, figures)):
            desc = own_clause  # "the first strike since 2019, when a stoppage cost ...": the when-clause
        elif _main_clause_skipped(tx, anchor, verb, figures):
            continue
        else:
            other = _other_dated_tokens(ad, tx, verb, timexes, starts) | extra_drop
            desc = _clause_text(verb, phrase, tx.span, other) if verb is not None else tx.span.sent.text.strip()
        if not desc:
            continue
        sent_i = bisect_right(ad.sentence_starts, tx.start) - 1
        para_i = bisect_right(para_starts, tx.start) - 1
        if tx.kind == "offset":
            keys = [("o", sent_i, tx.date, desc)]  # its own event, beside the one its anchor dates
            act = _offset_verb(ad, tx)
            if act:
                keys.append(("a", act, tx.date))  # "a day after prosecutors charged X" ~ "X was charged on Tuesday"
        else:
            keys = [("s", sent_i, tx.date), ("p", para_i, tx.date)]
            if verb is not None and not own_clause and not _coordinated(tx):
                # one clause, one time: a second date the parser hung on the same verb
                # modifies a noun ("raised $5m in May 2023, a third of its peak in 2021")
                keys.append(("v", verb.i))
        if tx.kind != "offset":
            # who said it, for a verb of saying: two statements on one day are two events
            speaker = _speaker_key(anchor)
            keys.append(("a", anchor.lemma_.lower(), tx.date, speaker) if speaker else
                        ("a", anchor.lemma_.lower(), tx.date))
            noun = _event_noun(tx.span)
            if noun:
                keys.append(("a", noun, tx.date))
        if any(k in seen for k in keys):
            continue
        seen.update(keys)
        m = ad.mention(tx.start, tx.end)
        events.append(Event(
            id=f"{ad.id}-t{len(events) + 1}", doc=ad.id, start=m.start, end=m.end,
            text=desc, date=tx.date, date_text=m.text, sentence=ad.orig_sentence_at(tx.start),
        ))
    return events


# Occasions an attributive day date names the day of ("the May 3 election", "Sunday's vote").
OCCASION_NOUNS = frozenset("""election elections vote poll polls referendum ballot runoff run-off primary
caucus summit""".split())
_SAY_LEMMAS = frozenset("say tell announce state declare add claim insist confirm deny".split())


def _dated_occasion(tx: Timex) -> Token | None:
    """The occasion noun an attributive date of a precise day names ("the September 14 presidential
    election", "last Sunday's vote"); not a month or a year ("the May launch", "the 2016 edition")."""
    if tx.value is None or tx.value[1] != "D" or tx.kind == "offset":
        return None
    doc = tx.span.doc
    k = tx.span.end
    if k < len(doc) and doc[k].tag_ == "POS":
        k += 1
    while k < len(doc) and k < tx.span.end + 4 and doc[k].pos_ in ("ADJ", "NOUN", "PROPN") and (
            doc[k].lower_ not in OCCASION_NOUNS):
        k += 1
    if k < len(doc) and doc[k].lower_ in OCCASION_NOUNS and doc[k].pos_ == "NOUN":
        return doc[k]
    return None


def _done_by_day(tx: Timex) -> bool:
    """"By Sunday evening police had detained 85 people": a day and a past act completed by it date
    the act (not a deadline: "by 2026", "will have finished by Friday")."""
    if tx.value is None or tx.value[1] != "D" or tx.future or tx.kind == "end_cur":
        return False
    verb = _clause_verb(_attachment(tx.span)[1])
    if verb is None or verb.pos_ != "VERB":
        return False
    aux = {ch.lower_ for ch in verb.children if ch.dep_ in ("aux", "auxpass")}
    return "had" in aux or (verb.tag_ == "VBD" and not aux)


def _speaker_key(anchor: Token) -> str:
    """The subject of a verb of saying (lower case), so statements of two speakers on one day stay
    apart; empty for other verbs."""
    if anchor.lemma_.lower() not in _SAY_LEMMAS:
        return ""
    subj = next((ch for ch in anchor.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
    return " ".join(t.lower_ for t in subj.subtree) if subj is not None else ""


def _noun_infinitive(verb: Token) -> bool:
    """A to-infinitive completing a noun ("pressure to cut emissions", "a plan to sell")."""
    return (verb.tag_ == "VB" and verb.dep_ == "acl" and verb.head.pos_ == "NOUN"
            and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in verb.children))


def _offset_verb(ad: AnalyzedDoc, tx: Timex) -> str | None:
    """The lemma of the first verb of the clause an offset dates ("prosecutors charged ..." -> charge)."""
    if tx.clause is None:
        return None
    span = ad.doc.char_span(tx.clause[0], tx.clause[1], alignment_mode="expand")
    if span is None:
        return None
    verb = next((t for t in span if t.pos_ == "VERB"), None)
    return verb.lemma_.lower() if verb is not None else None


def _level_figure_in_clause(ad: AnalyzedDoc, tx: Timex) -> bool:
    """A percentage or a sum in the clause the expression dates (a target to reach)."""
    from parallax.extract.numbers import figure_kinds

    verb = _clause_verb(_attachment(tx.span)[1])
    if verb is None:
        return False
    lo, hi = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge)
    return any(lo <= s < hi and kind in ("money", "percent") for s, _e, kind in figure_kinds(ad))


def _in_direct_quote(text: str, pos: int, para_starts: list[int]) -> bool:
    """An odd number of double quotes between the paragraph start and pos (the normalised text
    has straight quotes; a quote running over paragraphs reopens each one)."""
    para = para_starts[bisect_right(para_starts, pos) - 1]
    return text.count('"', para, pos) % 2 == 1


def _generic_today(text: str, tx: Timex, verb: Token | None, para_starts: list[int]) -> bool:
    """"today" in a speaker's words with a simple present of saying or being ("what we know
    today", "as we speak today") means the present in general, not the day of an event."""
    if tx.kind != "dayword" or tx.span.text.lower() != "today" or verb is None:
        return False
    if not _in_direct_quote(text, tx.start, para_starts):
        return False
    aux = [ch for ch in verb.children if ch.dep_ in ("aux", "auxpass")]
    if any(ch.dep_ == "neg" for ch in verb.children) or any(ch.dep_ == "neg" for a in aux for ch in a.children):
        return True  # "we have never given in and will not do so today": today against other times
    if verb.lemma_.lower() in REPORTING_LEMMAS and verb.tag_ in ("VBZ", "VBP", "VBG") and (
            verb.tag_ != "VBG" or any(a.lower_ in PRESENT_BE for a in aux)):
        return True  # "today we are telling them ...": the speaking itself, which the attribution dates
    if verb.tag_ not in ("VBZ", "VBP") or verb.lemma_.lower() not in SAY_OR_STATE | STATIVE_LEMMAS:
        return False
    if any(ch.dep_ in ("aux", "auxpass") and ch.lemma_.lower() != "do" for ch in verb.children):
        return False  # "will say today"
    return True


def _in_comparison(span: Span) -> bool:
    """The date is inside a "compared with/to", "than", "versus", "against" or "up/down from"
    phrase."""
    t = span.root
    for _ in range(6):
        if t.lemma_.lower() == "compare" or t.lower_ in ("than", "versus", "vs", "vs.", "against"):
            return True
        if t.lower_ == "from" and t.i > 0 and t.doc[t.i - 1].lower_ in ("up", "down"):
            return True  # "up from 8,000 a year earlier"
        if (t.pos_ in ("VERB", "AUX") and t.dep_ != "prep") or t.head.i == t.i:
            return False
        t = t.head
    return False


_RANGE_GAP = {"between": re.compile(r"\s+and\s+"), "from": re.compile(r"\s*(?:to|until|till|through|-|–)\s*")}


def _range_ends(text: str, timexes: list[Timex]) -> set[int]:
    """Indexes of both ends of a period ("between 2021 and 2023", "from May to July"): an
    activity over a period is not a point on the timeline."""
    out: set[int] = set()
    for i in range(len(timexes) - 1):
        a, b = timexes[i], timexes[i + 1]
        gap = _RANGE_GAP.get(a.prep)
        if gap is not None and a.kind != "ago" and gap.fullmatch(text, a.end, b.start):
            out.update((i, i + 1))
    return out


def _participle_between(phrase: Token, verb: Token | None) -> Token | None:
    """"flights starting in January": the participle that carries the date up to the clause
    verb goes with the date phrase."""
    t = phrase
    for _ in range(6):
        if verb is None or t.i == verb.i or t.head.i == t.i:
            return None
        if t.tag_ == "VBG" and t.dep_ in ("acl", "advcl") and not _has_subject(t):
            return t
        t = t.head
    return None


def _coordinated(tx: Timex) -> bool:
    """"in May and August", "on Monday or Tuesday": one clause with several dates."""
    return tx.prep in ("and", "or", ",") or tx.span.root.dep_ == "conj"


def _main_clause_skipped(tx: Timex, anchor: Token, verb: Token | None, figures: list[tuple[int, int]]) -> bool:
    """The date only says when a figure held or a period ended, not when something happened."""
    if _dates_a_quantity(anchor, figures):
        return True  # "535 million euros a year earlier", "the three months to March"
    if verb is not None and tx.span.root.dep_ in ("nsubj", "nsubjpass"):
        return False  # "Wednesday was the first day": the date is what the clause is about
    return verb is not None and _times_a_figure(verb, tx, figures)


def _own_clause_text(ad: AnalyzedDoc, tx: Timex) -> str:
    """The words an offset or a when-clause dates, trimmed to an event description."""
    if tx.clause is None:
        return ""
    out = re.sub(r"\s+", " ", ad.norm.text[tx.clause[0]:tx.clause[1]]).strip()
    if len(out) > MAX_EVENT_CHARS:
        out = out[:MAX_EVENT_CHARS].rsplit(" ", 1)[0] + "…"
    return out


def _other_dated_tokens(ad: AnalyzedDoc, tx: Timex, verb: Token | None, timexes: list[Timex],
                        starts: list[int]) -> set[int]:
    """Tokens of the same sentence that another expression dates (an offset and its event, a
    when-clause, a participle modifier "built in 1932"): not part of this date's event."""
    if verb is None:
        return set()
    sent = tx.span.sent
    out: set[int] = set()
    for o in timexes[bisect_left(starts, sent.start_char):bisect_left(starts, sent.end_char)]:
        if o is tx or o.end > sent.end_char:
            continue
        if o.clause is not None:
            span = ad.doc.char_span(o.start, o.clause[1], alignment_mode="expand")
            if span is not None:
                out.update(range(span.start, span.end))
        other_verb = _clause_verb(_attachment(o.span)[1])
        if (other_verb is not None and other_verb.i != verb.i and other_verb.dep_ in ("acl", "relcl")
                and other_verb.i not in out and verb.left_edge.i <= other_verb.i <= verb.right_edge.i):
            out.update(t.i for t in other_verb.subtree)
    return out


def _event_noun(span: Span) -> str | None:
    """The noun right before "on/in DATE" ("their summit there on Sept. 13" -> "summit"):
    the thing the date is for, whatever the parser attached the phrase to."""
    doc = span.doc
    i = span.start - 1
    if i < 0 or doc[i].pos_ != "ADP":
        return None
    i -= 1
    while i >= 0 and doc[i].pos_ == "ADV" and i >= span.start - 4:
        i -= 1
    if i >= 0 and doc[i].pos_ == "NOUN":
        return doc[i].lemma_.lower()
    return None


def _times_a_figure(verb: Token, tx: Timex, figures: list[tuple[int, int]]) -> bool:
    """The clause states a figure and the date only says when (or since when) it held; or it
    states an amount built up over a year or a month ("shipped 2m barrels last year",
    "carried 3 million passengers in 2023", "delivered 30% of the region's milk in 2023")."""
    over_period = tx.value is not None and tx.value[1] in ("Y", "M")
    if verb.lemma_.lower() in AMOUNT_VERBS and over_period:
        objects = [ch for ch in verb.children if ch.dep_ in ("dobj", "attr", "oprd")]
        if any(lo <= s < hi for ob in objects
               for lo, hi in [(ob.left_edge.idx, ob.right_edge.idx + len(ob.right_edge))] for s, _e in figures):
            return True
    if over_period and (_flow_figure(verb, figures) or _level_only_change(verb, figures)):
        return True
    if verb.lemma_.lower() not in STATIVE_LEMMAS and tx.prep != "since":
        return False
    if tx.prep == "since" and tx.value is not None and tx.value[1] == "D" and verb.lemma_.lower() in HARM_LEMMAS:
        return False  # "200 have been injured since Saturday": the day the harm began, an event
    lo = min(t.idx for t in verb.subtree)
    hi = max(t.idx + len(t) for t in verb.subtree)
    return any(lo <= s < hi for s, _e in figures)


# verbs of harm to people: "N have been injured since <day>" dates when it began
HARM_LEMMAS = frozenset("injure wound hurt kill detain arrest displace evacuate".split())


# nouns of an amount that flows over a period: a figure given for one of them in a year or a month
# is a dated figure ("declared imports worth $2m last year", "reported sales of $5m in 2023")
FLOW_NOUNS = {
    "import", "export", "sale", "revenue", "turnover", "output", "production", "profit", "earning",
    "income", "trade", "traffic", "shipment", "consumption", "spending", "expenditure", "takings",
}
# verbs of change: their figure is a change ("fell 12%") or, after "to"/"from", only a level
CHANGE_LEMMAS = {"rise", "fall", "climb", "drop", "increase", "decrease", "jump", "grow", "decline",
                 "surge", "soar", "plunge", "slip", "edge", "dip", "sink", "tumble", "slump"}


def _figures_in(verb: Token, figures: list[tuple[int, int]]) -> list[Span]:
    """The figures of a clause (not of its subordinate clauses), as spans."""
    skip = {t.i for ch in verb.children if ch.dep_ in _SKIP_CHILD_DEPS - {"punct"} for t in ch.subtree}
    lo, hi = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge)
    out = []
    for s, e in figures:
        if lo <= s < hi:
            span = verb.doc.char_span(s, e, alignment_mode="expand")
            if span is not None and span.root.i not in skip:
                out.append(span)
    return out


def _flow_figure(verb: Token, figures: list[tuple[int, int]]) -> bool:
    """A figure given for a flow noun that is not the subject of the clause's own verb of change:
    "declared imports worth $2m last year" (a year's imports), not "exports fell 12% last year"."""
    for span in _figures_in(verb, figures):
        t = span.root
        for _ in range(4):
            if t.head.i == t.i or t.i == verb.i:
                break
            nxt = t.head
            noun = next((ch for ch in [nxt, *nxt.children] if ch.lemma_.lower() in FLOW_NOUNS
                         and ch.pos_ == "NOUN" and ch.i != verb.i), None)
            if noun is not None and not (noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i == verb.i):
                return True
            t = nxt
    return False


def _level_only_change(verb: Token, figures: list[tuple[int, int]]) -> bool:
    """"imports rose to $48m last year, up from $9m": a verb of change whose figures are only the
    levels it went to or from says what the amount was that year, a dated figure; "fell 23% in
    2024" states the change itself, an event."""
    if verb.lemma_.lower() not in CHANGE_LEMMAS:
        return False
    spans = _figures_in(verb, figures)
    if not spans:
        return False
    for span in spans:
        prep = span.root.head if span.root.dep_ == "pobj" else None
        if prep is None or prep.lower_ not in ("to", "from", "at"):
            return False
    return True


# nouns of a period: a date modifying one ends or starts the period ("the three months to March")
PERIOD_NOUNS = {"day", "days", "week", "weeks", "month", "months", "quarter", "quarters", "year", "years",
                "half", "period", "season"}


def _dates_a_quantity(anchor: Token, figures: list[tuple[int, int]]) -> bool:
    """The expression modifies a figure or a period noun rather than a verb."""
    if anchor.pos_ not in ("NOUN", "NUM", "SYM", "PROPN") or anchor.pos_ == "PROPN":
        return False
    if anchor.pos_ == "NUM" and anchor.like_num:
        return True  # "up from 37,800 a year earlier": when a number held
    if anchor.lower_ in PERIOD_NOUNS:
        return True
    return any(s <= anchor.idx < e for s, e in figures)


def _in_other_modifier(tx: Timex, near: int) -> bool:
    """The date sits in a relative clause or participle modifier that does not hold `near`."""
    verb = _clause_verb(_attachment(tx.span)[1])
    if verb is None or verb.dep_ not in ("relcl", "acl"):
        return False
    lo, hi = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge)
    return not lo <= near < hi


def timex_at(ad: AnalyzedDoc, sent: Span, near: int, limit: int | None = None) -> str | None:
    """The date a figure at normalised offset `near` refers to: the closest point date
    stated in its sentence, preferring one of the figure's own clause, then one before it; one after it only up to `limit` (the
    next figure, which a date after it belongs to: "a loss of 35m, compared with a profit of
    12m a year earlier") (used by numbers.py)."""
    best: tuple[bool, int, str] | None = None
    fig = ad.doc.char_span(near, near + 1, alignment_mode="expand")
    fig_verb = _clause_verb(fig.root) if fig is not None and len(fig) else None
    for tx in resolve_timexes(ad):
        if tx.date is None or tx.stamp or tx.attributive:
            continue
        if tx.start < sent.start_char or tx.end > sent.end_char:
            continue
        if limit is not None and tx.start > near and tx.start >= limit:
            continue
        if tx.prep != PERIOD_END and _in_other_modifier(tx, near):
            continue  # "the airline, which carried 4m passengers last year, expects to lose $2m"
        if tx.clause is not None and tx.clause[0] <= near < tx.clause[1]:
            return tx.date  # "since 2019, when a stoppage cost $60 million": the clause's own date
        if tx.prep in ("since", "by", "until", "till") or tx.kind == "offset":
            continue
        # the nearest date, one after the figure weighing double ("In 2021 trade amounted to
        # $45,000", "a loss of $140m in the same period last year")
        dist = near - tx.end if tx.end <= near else 2 * (tx.start - near)
        # a date of the figure's own clause first ("said on Thursday its loss widened from $50m
        # in the same period last year")
        other_clause = fig_verb is not None and _clause_verb(_attachment(tx.span)[1]) != fig_verb
        if best is None or (other_clause, dist) < best[:2]:
            best = (other_clause, dist, tx.date)
    return best[2] if best else None
