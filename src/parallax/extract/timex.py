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
- "by 2023" is a deadline/state, not an event;
- a date that only times a figure ("In 2021 trade amounted to $45,000", "launched six
  satellites since 1998") goes to NumberClaim.time, not to the timeline;
- dateline/publication stamps (a line with no finite verb) are skipped;
- one event per (sentence, date), per (paragraph, date) and per (date, anchor word), so a
  caption repeating the lead or a paragraph re-dating its own event adds nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime

from spacy.tokens import Span, Token

from parallax.extract.timerules import Candidate, fmt, find_candidates, resolve
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
# verbs of state: a date in their clause next to a figure times the figure, not an event
STATIVE_LEMMAS = {"be", "have", "amount", "total", "account", "stand", "remain", "number", "exceed", "reach", "hold"}
COMPARISON_PREPS = {"from", "than", "over", "versus", "vs", "vs."}
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
        tx = _classify(c, span)
        if tx is None:
            continue
        tx.future = _is_future(span)
        tx.stamp = _is_stamp(ad, span)
        resolved = resolve(c, pub, ref, tx.future)
        if resolved is None:
            resolved = _fallback(span.text, pub)
        if resolved is None:
            continue
        tx.date = fmt(*resolved)
        if not tx.stamp:
            ref = resolved
        out.append(tx)
    ad.extras["timexes"] = out
    return out


def _classify(c: Candidate, span: Span) -> Timex | None:
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
        if c.kind == "year" and nxt is not None and nxt.tag_ == "NNS":
            return None  # "in 2000 cases": a count, not a year
    if c.kind == "dayword" and nxt is not None and nxt.text in ("'s", "'"):
        tx.attributive = True
    return tx


def _is_future(span: Span) -> bool:
    """The clause the expression attaches to speaks of the future: "will", "plans to ... in
    October", or a scheduled present ("the summit begins on July 26")."""
    t: Token = span.root
    first_verb = True
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX"):
            aux = [ch for ch in t.children if ch.dep_ in ("aux", "auxpass")]
            if any(ch.lower_ in FUTURE_AUX for ch in aux):
                return True
            # future in the past of reported speech ("she said they would meet on Friday");
            # "would have met" is a past counterfactual
            if any(ch.lower_ == "would" for ch in aux) and not any(ch.lower_ == "have" for ch in aux):
                return True
            lemma = t.lemma_.lower()
            if lemma in FUTURE_LEMMAS and t.tag_ in ("VBZ", "VBP", "VBG", "VB"):
                # "plans to", "is set to"; not "planned to" (a past plan)
                if t.tag_ != "VBG" or any(ch.lower_ in ("is", "are", "am") for ch in aux):
                    return True
            if first_verb and t.tag_ in ("VBG", "VBN") and t.dep_ in ("advcl", "acl") and not aux:
                first_verb = False  # "..., starting in September": the tense is the governing clause's
            elif first_verb:
                first_verb = False
                if (t.tag_ in ("VBZ", "VBP") and t.dep_ != "aux" and not aux
                        and lemma not in SAY_OR_STATE and t.lower_ not in ("is", "are", "am")):
                    return True  # scheduled present
                if t.dep_ != "xcomp":
                    return False  # the clause's own tense decides; only infinitives look up
        elif t.lemma_.lower() == "due" and t.head.lemma_ == "be":
            return True
        if t.head is t:
            break
        t = t.head
    return False


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
    lead = [t.lower_ for t in ad.doc[max(seg.start, span.start - 4): span.start]]
    short = len(seg.text.strip()) <= STAMP_MAX_CHARS
    finite = any(t.tag_ in FINITE_TAGS and t.lower_ not in STAMP_WORDS for t in seg)  # "Published" may tag VBD
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
    while phrase.dep_ in ("appos", "conj", "compound", "nummod") and phrase.head is not phrase:
        phrase = phrase.head
        if phrase.dep_ == "pobj" and phrase.head.dep_ == "prep":
            phrase = phrase.head
    anchor = phrase.head if phrase.head is not phrase else phrase
    return phrase, anchor


def _clause_verb(tok: Token) -> Token | None:
    """The verb of the clause a word belongs to; an infinitive complement ("attempted to
    launch") reports through its governing verb."""
    t = tok
    for _ in range(10):
        if t.pos_ in ("VERB", "AUX"):
            while t.dep_ == "xcomp" and t.head.pos_ in ("VERB", "AUX") and t.head is not t:
                t = t.head
            return t
        if t.head is t:
            return None
        t = t.head
    return None


_SKIP_CHILD_DEPS = {"advcl", "parataxis", "conj", "cc", "mark", "relcl", "punct"}


def _clause_text(verb: Token, phrase: Token, span: Span) -> str:
    drop: set[int] = set(range(span.start, span.end)) | {t.i for t in phrase.subtree}
    if verb.lemma_ == "be" and not any(ch.dep_ in ("attr", "acomp", "dobj") for ch in verb.children):
        drop = set()  # "The last launch was in 2016": the date is the predicate
    for ch in verb.children:
        if ch.dep_ in _SKIP_CHILD_DEPS and ch.dep_ != "punct":
            drop.update(t.i for t in ch.subtree)
    keep = [t for t in verb.subtree if t.i not in drop]
    while keep and (keep[0].is_punct or keep[0].is_space or keep[0].dep_ == "cc"):
        keep.pop(0)
    while keep and (keep[-1].is_punct or keep[-1].is_space):
        keep.pop()
    parts: list[str] = []
    for i, t in enumerate(keep):
        parts.append(t.text)
        if i + 1 < len(keep):
            parts.append(t.whitespace_ if keep[i + 1].i == t.i + 1 else " ")
    out = re.sub(r"\s+", " ", "".join(parts)).strip()
    if len(out) > MAX_EVENT_CHARS:
        out = out[:MAX_EVENT_CHARS].rsplit(" ", 1)[0] + "…"
    return out


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n", text)]


def extract_events(ad: AnalyzedDoc) -> list[Event]:
    from parallax.extract.numbers import number_spans  # numbers use timexes too: import late

    figures = number_spans(ad)
    para_starts = _paragraph_starts(ad.norm.text)
    seen: set[tuple] = set()
    events: list[Event] = []
    for tx in resolve_timexes(ad):
        if tx.date is None or tx.stamp or tx.attributive or tx.prep == "by":
            continue
        if tx.kind == "ago" and tx.prep in COMPARISON_PREPS:
            continue  # "up 40% from a year earlier": a baseline, not an event
        phrase, anchor = _attachment(tx.span)
        if _dates_a_quantity(anchor, figures):
            continue  # "535 million euros a year earlier", "the three months to March": when a figure held
        verb = _clause_verb(anchor)
        if verb is not None and tx.span.root.dep_ in ("nsubj", "nsubjpass"):
            pass  # "Wednesday was the first day": the date is what the clause is about
        elif verb is not None and _times_a_figure(verb, tx, figures):
            continue
        sent_i = bisect_right(ad.sentence_starts, tx.start) - 1
        para_i = bisect_right(para_starts, tx.start) - 1
        keys = [("s", sent_i, tx.date), ("p", para_i, tx.date), ("a", anchor.lemma_.lower(), tx.date)]
        noun = _event_noun(tx.span)
        if noun:
            keys.append(("a", noun, tx.date))
        if any(k in seen for k in keys):
            continue
        seen.update(keys)
        desc = _clause_text(verb, phrase, tx.span) if verb is not None else tx.span.sent.text.strip()
        m = ad.mention(tx.start, tx.end)
        events.append(Event(
            id=f"{ad.id}-t{len(events) + 1}", doc=ad.id, start=m.start, end=m.end,
            text=desc or tx.span.sent.text.strip()[:MAX_EVENT_CHARS], date=tx.date, date_text=m.text,
            sentence=ad.orig_sentence_at(tx.start),
        ))
    return events


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
    """The clause states a figure and the date only says when (or since when) it held."""
    if verb.lemma_.lower() not in STATIVE_LEMMAS and tx.prep != "since":
        return False
    lo = min(t.idx for t in verb.subtree)
    hi = max(t.idx + len(t) for t in verb.subtree)
    return any(lo <= s < hi for s, _e in figures)


# nouns of a period: a date modifying one ends or starts the period ("the three months to March")
PERIOD_NOUNS = {"day", "days", "week", "weeks", "month", "months", "quarter", "quarters", "year", "years",
                "half", "period", "season"}


def _dates_a_quantity(anchor: Token, figures: list[tuple[int, int]]) -> bool:
    """The expression modifies a figure or a period noun rather than a verb."""
    if anchor.pos_ not in ("NOUN", "NUM", "SYM", "PROPN") or anchor.pos_ == "PROPN":
        return False
    if anchor.lower_ in PERIOD_NOUNS:
        return True
    return any(s <= anchor.idx < e for s, e in figures)


def timex_at(ad: AnalyzedDoc, sent: Span, near: int) -> str | None:
    """The date a figure at normalised offset `near` refers to: the closest point date
    stated in its sentence, preferring one before it (used by numbers.py)."""
    best: tuple[int, str] | None = None
    for tx in resolve_timexes(ad):
        if tx.date is None or tx.stamp or tx.attributive:
            continue
        if tx.start < sent.start_char or tx.end > sent.end_char:
            continue
        if tx.prep in ("since", "by", "until", "till"):
            continue
        dist = near - tx.end if tx.end <= near else 10_000 + tx.start - near
        if best is None or dist < best[0]:
            best = (dist, tx.date)
    return best[1] if best else None
