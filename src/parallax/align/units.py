"""The comparable units of one document: sentences and quotes with their features.

Features are cheap and model-free: content-word stems (for IDF-weighted cosine),
the resolved entities mentioned, the numbers stated, and for quotes the resolved speaker.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from parallax.extract.numwords import SIMPLE_WORDS
from parallax.model import DocAnalysis, Entity, Ref

_STOP = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
nor not now of off on once only or other our ours ourselves out over own same she should so some such than
that the their theirs them themselves then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your yours yourself yourselves
said says say told according also would could may might must shall one two new last year years time
mr mrs ms dr s t re ve ll d m least however nevertheless nonetheless meanwhile
another others many much several various every certain including among per via whether either always often
since until
people persons
""".split()) | frozenset("""
add added adds adding repeat repeated repeats state stated states stating tell tells telling saying
note noted notes explain explained explains insist insisted insists claim claimed claims argue argued argues
acknowledge acknowledged stress stressed stresses emphasise emphasised emphasize emphasized remark remarked
comment commented mention mentioned quote quoted quoting reporter reporters
""".split())  # reporting verbs: who said it is the speaker's business, not the claim's
# a claim and its denial share all their content words; polarity tells them apart
# ("refused" ~ "did not"): verbs that carry their own negation count as negated
_NEGATION = re.compile(r"(?i)\b(not|no|never|nothing|nobody|none|neither|nor|cannot|without|"
                       r"refus\w*|declin\w*|denie[sd]|deny\w*|reject\w*|fail\w*)\b|n['\u2019]t\b")
# lines that are page furniture, not reporting
_BOILERPLATE = re.compile(
    r"(?i)^\W*(copyright|©|all rights reserved|subscribe|sign up|click|read more|related|advertisement|"
    r"share this|follow us|please direct|questions or comments|contact us|photo|image|posted on|published|updated|modified|by\s+[A-Z]|from\s+[A-Z].*,\s*\w+\.? \d)"
)
_DATELINE = re.compile(r"(?i)\b(published|posted on|updated|modified)\b\W.{0,40}\d{4}")
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?", re.UNICODE)
_NUM = re.compile(r"\d")
# the words of a time stamp ("Wednesday 8 October 2025 06:00 BST", "Oct. 7, 2025 10:52 PM")
_TIMESTAMP_WORD = re.compile(
    r"(?i)^(?:\d+|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|am|pm|a|p|m|gmt|utc|[a-z]?[a-z]st|[a-z]?[a-z]dt|cet|cest|"
    r"updated|posted|published|modified|on|at)$")
_FIGURE_WORDS = re.compile(r"(?i)[$€£¥₩]|\d[\d.,]*|\b(?:hundred|thousand|million|billion|trillion|bn|m|k|"
                           r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|"
                           r"about|around|nearly|almost|over|more|than|at|least|some|roughly|approximately)\b")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2011", "-")
    return text.casefold()


_SNOWBALL = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem; a final -i from -y/-ies dropped ('injuri' / 'injur' are one word)."""
    w = re.sub(r"'s$", "", word)
    s = _SNOWBALL.stemWord(w)
    return s[:-1] if len(s) > 4 and s.endswith("i") else s


def content_stems(text: str) -> list[str]:
    out = []
    for w in _WORD.findall(fold(text)):
        if "'" in w and (w.split("'")[0] in _STOP or w.endswith("n't")):
            continue  # "that's", "we're", "don't"
        if w in _STOP or w.isdigit() or len(w) < 2:
            continue
        out.append(stem(w))
    return out


@dataclass
class Unit:
    """A sentence or a quote of one document."""

    ref: Ref
    stems: list[str]
    entities: set[str] = field(default_factory=set)  # resolved entity ids
    numbers: set[tuple[float, str]] = field(default_factory=set)  # (value, unit)
    speaker: str | None = None  # resolved entity id (quotes)
    speaker_name: str | None = None
    index: int = 0  # position among the document's sentences
    context: list[str] = field(default_factory=list)  # stems of the neighbouring sentences
    claim: str | None = None  # what is asserted: the reported or quoted content inside the sentence
    claim_stems: list[str] = field(default_factory=list)  # content stems of the claim, names blanked
    negated: bool = False  # the claim is stated with a negation
    speakers: frozenset[str] = frozenset()  # resolved speakers of the quotes/reported speech inside a sentence
    peripheral: frozenset[str] = frozenset()  # stems that only occur outside the claim's core (modifiers of its nouns)
    dates: frozenset[str] = frozenset()  # normalised dates of the events the claim reports
    counts: frozenset[tuple[float, str]] = frozenset()  # (value, stem of the counted noun), spelled out or digits
    headline: bool = False  # the claim is (in) the article's title

    masked: str | None = None  # the claim's own words with names blanked (what an embedding should compare)

    @property
    def claim_text(self) -> str:
        return self.claim or self.text

    @property
    def text(self) -> str:
        return self.ref.text

    def alignable(self) -> bool:
        """Not page furniture (a headline run into its dateline, a copyright line, a time stamp)."""
        body = self.text.strip()
        if _BOILERPLATE.search(body) or _DATELINE.search(body):
            return False
        return not all(_TIMESTAMP_WORD.match(w) for w in _WORD.findall(body))

    def informative(self) -> bool:
        """Worth reporting on its own: names something or states a figure, and is not furniture."""
        if not self.alignable() or self.text.rstrip().endswith("?"):
            return False  # furniture, or a subheading question
        if self.ref.kind == "claim":  # a clause: its own words say whether it asserts enough
            if len(_WORD.findall(self.text)) <= 3 and not self.numbers:
                return False  # a label ("Europe correspondent", "Related stories"), not a statement
            return len(set(self.stems)) >= 3 or bool(self.stems and (self.entities or self.numbers))
        words = len(_WORD.findall(self.text))
        if words < 6:
            return False
        return bool(self.entities or self.numbers or _NUM.search(self.text))


_NAMED_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})


class EntityIndex:
    """Resolved entity ids by document offsets; per-document ids to resolved ids."""

    def __init__(self, entities: list[Entity]):
        self.resolved: dict[str, str] = {}
        self.name: dict[str, str] = {}
        self.type: dict[str, str] = {}
        spans: dict[str, list[tuple[int, int, str]]] = {}
        roles: dict[str, list[tuple[int, int]]] = {}  # "chief executive of X": an introduction, not a claim
        for e in entities:
            self.name[e.id] = e.name
            self.type[e.id] = e.type
            self.resolved[e.id] = e.id
            for m in e.members:
                self.resolved[m] = e.id
            for m in e.mentions:
                spans.setdefault(m.doc, []).append((m.start, m.end, e.id))
            for r in e.roles:
                if r.start is not None and r.end is not None and r.end > r.start:
                    roles.setdefault(r.doc, []).append((r.start, r.end))
        self.spans = {d: sorted(v) for d, v in spans.items()}
        self.roles = {d: sorted(v) for d, v in roles.items()}
        # surface forms of named entities: a mention the extractor missed still names the entity
        forms: dict[str, str] = {}
        for e in entities:
            if e.type in _NAMED_TYPES:
                for f in {e.name, *e.aliases, *(m.text for m in e.mentions)}:
                    f = f.strip()
                    if len(f) >= 3 and f[:1].isupper():
                        forms.setdefault(f, e.id)
        self.form_entity = forms
        self._forms = re.compile(r"(?<![\w])(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                                 + r")(?![\w])") if forms else None

    def named(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, entity id) of known names written out in ``text``."""
        if self._forms is None:
            return []
        return [(m.start(), m.end(), self.form_entity[m.group()]) for m in self._forms.finditer(text)]

    def blank_mentions(self, doc: str, text: str, start: int, end: int) -> str:
        """text[start:end] with entity mentions and role phrases blanked: names count once, as entity tokens."""
        chars = list(text[start:end])
        spans = [(s, e) for s, e, _ in self.spans.get(doc, [])] + self.roles.get(doc, [])
        for s, e in spans:
            if s < end and e > start:
                for k in range(max(s, start), min(e, end)):
                    chars[k - start] = " "
        for s, e, _eid in self.named(text[start:end]):
            chars[s:e] = " " * (e - s)
        return "".join(chars)

    def within(self, doc: str, start: int, end: int, gaps: list[list[int]] = ()) -> set[str]:
        """Entities mentioned in [start, end), leaving out mentions inside ``gaps``."""
        spans = self.spans.get(doc, [])
        i = bisect_left(spans, (start, -1, ""))
        out = set()
        while i < len(spans) and spans[i][0] < end:
            s, e, eid = spans[i]
            if e <= end and self.type.get(eid) != "NORP" and not any(a <= s < b for a, b in gaps):
                out.add(eid)
            i += 1
        return out


# What a casualty-style count measures, by word prefix: "the toll rose to 42" and "killing 42 people"
# state one figure of one measure in different words.
MEASURES = {
    "dead": ("dead", "died", "dies", "dying", "kill", "death", "fatal", "lives", "toll"),
    "injured": ("injur", "wound", "hurt", "hospitali", "treated"),
    "missing": ("missing", "unaccounted"),
    "displaced": ("evacua", "displace", "homeless"),
    "arrested": ("arrest", "detain", "charged", "custod"),
}


# when something happened, not what: they support a link but never make one
TIME_STEMS = frozenset(stem(w) for w in """monday tuesday wednesday thursday friday saturday sunday january february
march april june july august september october november december day days week weeks month months morning
afternoon evening night today yesterday tomorrow weekend first second third earlier later""".split())


def measure_kinds(word: str) -> list[str]:
    return [k for k, prefixes in MEASURES.items() if word.startswith(prefixes)]


# Words news reports use interchangeably for one act or thing: two outlets' renderings of one claim
# ("seized" / "impounded", "help" / "assistance") share the class. Kept to close synonyms: a
# class that also joins different acts would link different claims. Irregular past forms are listed
# (the stemmer does not know 'sold' is 'sell').
SYNONYMS = [
    "allow permit let enable", "ban prohibit forbid bar outlaw", "evade circumvent dodge sidestep bypass skirt",
    "help assist assistance aid support", "ask request seek sought", "buy purchase acquire bought", "sell resell sold resold",
    "seize seized impound confiscate", "detain arrest", "charge indict prosecute", "investigate investigation probe inquiry",
    "resign quit", "rise rose risen increase climb jump surge soar", "drop decline plunge slump tumble",
    "declare describe label list", "accuse allege blame", "deny reject dismiss", "warn caution",
    "suspend halt freeze", "shut close closure", "reopen resume", "approve endorse", "fine penalty penalise penalize",
    "broker arrange mediate", "deal agreement contract pact", "sale transaction", "cargo shipment consignment load",
    "firm company business", "official authority", "talk negotiation", "meet meeting summit met", "pay payment paid",
    "build construct built", "interpret read", "dispute contest", "evidence proof", "claim assert",
    "invite summon", "kill slay", "destroy demolish wreck", "damage harm", "flee escape fled",
    "threaten threat", "attack strike struck assault", "leader head chief", "vow pledge promise",
    "breach violate violation contravene contravention infringe", "weapon arms weaponry munition",
    "stay remain", "robbery theft steal stole stolen", "reporter journalist correspondent",
    "film stream broadcast livestream", "swear sworn oath inaugurate inauguration",
    "refurbish overhaul recondition",
]
_SYNONYM: dict[str, str] = {}


def _synonym(word_stem: str) -> str | None:
    if not _SYNONYM:
        for group in SYNONYMS:
            words = group.split()
            for w in words:
                _SYNONYM.setdefault(stem(w), "=" + words[0])
    return _SYNONYM.get(word_stem)


def measure_stems(text: str) -> list[str]:
    """Content stems, a measure word standing as its measure ('toll', 'killed', 'deaths' -> '~dead') and a
    word with close synonyms as its class ('impounded' -> '=seize')."""
    out = []
    for w in _WORD.findall(fold(text)):
        kinds = measure_kinds(w)
        if kinds:
            out.append("~" + kinds[0])
            continue
        for s in content_stems(w):
            out.append(_synonym(s) or s)
    return out


def one_phrase(text: str, shared: set[str]) -> bool:
    """Do the stems in ``shared`` (2 or more) only ever occur together, as one run of words ('tally sheets',
    'polling stations')? Then they name one thing, as a single word does."""
    if len(shared) < 2:
        return False
    marks = [(measure_stems(w) or [None])[0] for w in _WORD.findall(fold(text))]
    hits = [k for k, m in enumerate(marks) if m in shared]
    covered: set[int] = set()
    n = len(shared)
    for k in range(len(marks) - n + 1):
        if set(marks[k:k + n]) == shared:
            covered |= set(range(k, k + n))
    return bool(hits) and set(hits) <= covered


CURRENCIES = frozenset("""usd eur gbp jpy cny rmb krw kpw rub inr try brl chf aud cad nzd sek nok dkk pln czk huf
uah kzt aed sar qar irr iqd egp ngn zar kes mxn ars clp cop pen idr myr thb vnd php sgd hkd twd pkr bdt ils""".split())
# units a bare count ("the toll rose to 42") cannot be: money, measures, time, shares
_MEASURE_UNITS = re.compile(r"^(?:%|percent|per cent|km|m|cm|mm|kg|g|t|tonne|ton|mile|metre|meter|liter|litre|"
                            r"barrel|hour|day|week|month|year|minute|second|degree|mw|gw|kwh|hectare|acre)$", re.I)


def is_count(unit: str) -> bool:
    """A count of things (people, workers, ships, or no unit), not money or a measure."""
    return not unit or not (_MEASURE_UNITS.match(unit) or unit in CURRENCIES)


def units_match(a: str, b: str) -> bool:
    """Same unit, or a bare count and a count noun ('42' / '42 people')."""
    return a == b or (not a or not b) and is_count(a) and is_count(b)


def units_comparable(a: str, b: str) -> bool:
    """Figures one could confuse for one another: the same unit, or two counts ('4 workers' / '130 people')."""
    return a == b or is_count(a) and is_count(b)


def shared_figures(a: "Unit", b: "Unit") -> list[tuple[float, str]]:
    """Figures both units state: equal values in matching units."""
    return sorted({(va, ua or ub) for va, ua in a.numbers for vb, ub in b.numbers
                   if abs(va - vb) <= 1e-9 * max(abs(va), 1.0) and units_match(ua, ub)})


_UNIT_FORMS = {"people": "person", "persons": "person", "men": "man", "women": "woman", "children": "child"}


def normalize_unit(unit: str | None) -> str:
    """One spelling per unit: case, plural and irregular plurals ('persons', 'people' -> 'person')."""
    u = (unit or "").casefold().strip()
    return _UNIT_FORMS.get(u, u.rstrip("s"))


def _unit_of(value: float | None, unit: str | None) -> tuple[float, str] | None:
    if value is None:
        return None
    return float(value), normalize_unit(unit)


def _own_text(text: str, start: int, end: int, gaps: list[list[int]]) -> str:
    """text[start:end] with the gaps (words of other claims) blanked, offsets kept."""
    chars = list(text[start:end])
    for a, b in gaps:
        for k in range(max(a, start), min(b, end)):
            chars[k - start] = " "
    return "".join(chars)


_COUNT_TOKEN = re.compile(r"\d+(?:[,.]\d+)*|[^\W\d_][\w'-]*|[^\w\s]")


def _count_value(word: str) -> float | None:
    w = word.casefold().replace(",", "")
    if w.isdigit():
        return float(w)
    return float(SIMPLE_WORDS[w]) if w in SIMPLE_WORDS else None


def counted_nouns(text: str) -> frozenset[tuple[float, str]]:
    """Counts of a noun written in the text, spelled out or in digits: 'eight containers' ->
    (8, 'contain'); '180 overhauled tanks' counts tanks (and, harmlessly, 'overhauled'); 'two of
    its five berths' counts berths twice. The noun is among the (up to three) content words right
    after the number, before any function word or punctuation."""
    toks = _COUNT_TOKEN.findall(text)
    out = set()
    for i, tok in enumerate(toks):
        v = _count_value(tok)
        if v is None:
            continue
        j = i + 1
        values = [v]
        # 'two of its five berths'
        if j + 2 < len(toks) and toks[j].casefold() == "of" and toks[j + 1].casefold() in ("its", "the", "their"):
            w = _count_value(toks[j + 2])
            if w is not None:
                values.append(w)
                j += 3
        for word in toks[j:j + 3]:
            low = word.casefold()
            if low in _STOP or not word[:1].isalpha() or _count_value(word) is not None:
                break
            for x in values:
                out.add((x, stem(low)))
    return frozenset(out)


def _keep_only(text: str, ranges: list[list[int]]) -> str:
    """``text`` with everything outside ``ranges`` blanked."""
    chars = [" "] * len(text)
    for a, b in ranges:
        chars[max(a, 0):b] = text[max(a, 0):b]
    return "".join(chars[:len(text)])


def _sentence_units(analysis: DocAnalysis, index: EntityIndex, nums: list) -> list[Unit]:
    """One unit per sentence (analyses stored before claims were extracted)."""
    doc = analysis.document
    text = doc.text
    sentences: list[Unit] = []
    for k, s in enumerate(analysis.sentences):
        start, end = s.start, s.end
        while end > start and text[end - 1].isspace():
            end -= 1
        body = text[start:end]
        if not body.strip():
            continue
        claim_spans = [(q.start, q.end) for q in analysis.quotes if start <= q.start and q.end <= end and q.end > q.start]
        claim = " ".join(text[a:b] for a, b in claim_spans) or None
        blanked = [index.blank_mentions(doc.id, text, a, b) for a, b in claim_spans or [(start, end)]]
        named = {eid for _s, _e, eid in index.named(body) if index.type.get(eid) != "NORP"}
        sentences.append(Unit(
            ref=Ref(doc=doc.id, start=start, end=end, text=body, kind="sentence"),
            stems=content_stems(index.blank_mentions(doc.id, text, start, end)),
            entities=index.within(doc.id, start, end) | named,
            numbers={v for n in nums if start <= n.start < end and (v := _unit_of(n.value, n.unit))},
            index=k,
            claim=claim,
            claim_stems=[t for b in blanked for t in content_stems(b)],
            negated=bool(_NEGATION.search(claim or body)),
            speakers=frozenset(index.resolved.get(q.speaker.entity, q.speaker.entity) for q in analysis.quotes
                               if start <= q.start and q.end <= end and q.speaker is not None and q.speaker.entity),
        ))
    return sentences


def _claim_units(analysis: DocAnalysis, index: EntityIndex, nums: list) -> list[Unit]:
    """One unit per claim: a sentence holding several claims is compared claim by claim."""
    doc = analysis.document
    text = doc.text
    sent_index = {s.start: k for k, s in enumerate(analysis.sentences)}
    title = " ".join((doc.title or "").split())
    out: list[Unit] = []
    for c in analysis.claims:
        own = _own_text(text, c.start, c.end, c.gaps)
        # figures count as figures, not as words; what they count ('soldiers', 'tonnes') stays a word
        figures = [[n.start - c.start + m.start(), n.start - c.start + m.end()]
                   for n in nums if c.start <= n.start and n.end <= c.end for m in _FIGURE_WORDS.finditer(n.text)]
        # names count as entity tokens
        blanked = _own_text(index.blank_mentions(doc.id, text, c.start, c.end), 0, c.end - c.start,
                            [[a - c.start, b - c.start] for a, b in c.gaps] + figures)
        named = {eid for _s, _e, eid in index.named(own) if index.type.get(eid) != "NORP"}
        ents = index.within(doc.id, c.start, c.end, c.gaps)
        speaker = None
        if c.speaker is not None and c.speaker.entity:
            speaker = index.resolved.get(c.speaker.entity, c.speaker.entity)
        stems = measure_stems(blanked)
        if c.core:
            outside = [[a - c.start, b - c.start] for a, b in c.core]
            core_text = _own_text(_keep_only(blanked, outside), 0, len(blanked), [])
            core_stems = set(measure_stems(core_text))
            peripheral = frozenset(set(stems) - core_stems)
        else:
            peripheral = frozenset()
        out.append(Unit(
            ref=Ref(doc=doc.id, start=c.start, end=c.end, text=c.text, kind="claim", ref_id=c.id or None),
            stems=stems,
            entities=ents | named,
            numbers={v for n in nums if c.start <= n.start < c.end and not any(a <= n.start < b for a, b in c.gaps)
                     and (v := _unit_of(n.value, n.unit))},
            index=sent_index.get(c.sentence.start, 0) if c.sentence else 0,
            claim=own,
            masked=" ".join(_own_text(index.blank_mentions(doc.id, text, c.start, c.end), 0, c.end - c.start,
                                      [[a - c.start, b - c.start] for a, b in c.gaps]).split()) or None,
            claim_stems=stems,
            negated=c.negated or bool(_NEGATION.search(own)),
            speaker=speaker,
            speaker_name=c.speaker.name if c.speaker else None,
            speakers=frozenset({speaker} if speaker else ()),
            peripheral=peripheral,
            dates=frozenset(e.date for e in analysis.events if c.start <= e.start < c.end
                            and not any(a <= e.start < b for a, b in c.gaps)),
            counts=counted_nouns(own),
            headline=bool(title) and c.sentence is not None
            and " ".join(text[c.sentence.start:c.sentence.end].split()) == title,
        ))
    return out


def document_units(analysis: DocAnalysis, index: EntityIndex) -> tuple[list[Unit], list[Unit]]:
    """(statements, quotes) of one document, in text order; statements are claims when extracted, else sentences."""
    doc = analysis.document
    nums = sorted(analysis.numbers, key=lambda n: n.start)
    statements = _claim_units(analysis, index, nums) if analysis.claims else _sentence_units(analysis, index, nums)
    for i, u in enumerate(statements):
        # context: the statements of the neighbouring sentences and the rest of this one
        u.context = [t for v in statements[max(0, i - 3): i + 4]
                     if v is not u and abs(v.index - u.index) <= 1 for t in v.stems]
    statements = [u for u in statements if u.alignable()]
    quotes: list[Unit] = []
    for q in analysis.quotes:
        if q.kind not in ("direct", "partial") or q.end <= q.start:
            continue
        spk = None
        if q.speaker is not None and q.speaker.entity:
            spk = index.resolved.get(q.speaker.entity, q.speaker.entity)
        quotes.append(Unit(
            ref=Ref(doc=doc.id, start=q.start, end=q.end, text=q.text, kind="quote", ref_id=q.id),
            stems=content_stems(q.text),
            entities=index.within(doc.id, q.start, q.end),
            speaker=spk,
            negated=bool(_NEGATION.search(q.text)),
            speaker_name=q.speaker.name if q.speaker else None,
        ))
    return statements, quotes
