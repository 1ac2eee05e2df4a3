"""Figures across sources: the same quantity reported as agreeing or conflicting values.

Two figures are about the same quantity when their units match (a bare count and a count noun
match: "the toll rose to 42" / "42 people"), their reference times do not differ, and they
measure the same thing: the same casualty-style measure named nearest each figure ("killed 45
and injured 130": 45 dead, 130 injured), else similar claims around them (what they count, the
predicate, the names -- compared within the claim holding each figure, so "X said" frames do not
count). Values within a relative tolerance (or consistent with a qualifier such as "at least")
agree; others conflict. A conflict is a strong assertion, so it needs the stronger evidence.
"""

from __future__ import annotations

import re
from collections import Counter

from parallax.align.units import (
    CURRENCIES,
    EntityIndex,
    Unit,
    content_stems,
    is_count,
    measure_kinds,
    measure_stems,
    normalize_unit,
    units_match,
)
from parallax.model import DocAnalysis, NumberClaim, Ref

TOLERANCE = 0.02
# nouns that count people: '37 officers' and '37 police personnel' injured may be one count
_PEOPLE_UNITS = {"person", "people", "persons", "officer", "personnel", "policeman", "policemen", "police",
                 "soldier", "troop", "civilian", "protester", "demonstrator", "worker", "resident", "passenger",
                 "student", "journalist", "child", "woman", "man", "victim", "migrant", "refugee", "prisoner",
                 "detainee", "hostage", "patient", "miner", "member", "supporter", "voter", "agent"}
SAME_QUANTITY = 0.5  # evidence that two figures count one thing (agree)
SAME_QUANTITY_CONFLICT = 0.6  # ... enough to say two sources disagree about it
_WORDS = re.compile(r"[^\W\d_]+")
_OF_WHOLE = re.compile(r"(?i)\d[\d,.]*\s+(?:of|out of)\s+(?:the\s+|its\s+|their\s+)?"
                       r"(?:about\s+|around\s+|some\s+|nearly\s+)?$")
_PART_OF = re.compile(r"(?i)^\s*(?:of|out of)\s+(?:the\s+|its\s+|their\s+)?(?:about\s+|around\s+|some\s+|nearly\s+)?"
                      r"(?:\d[\d,.]*|[a-z]+\s+(?:hundred|thousand|million))")


def _unit(n: NumberClaim) -> str:
    return normalize_unit(n.unit)


# a measure only figures have: how many took part (organisers and police rarely agree on it)
_CROWD = ("crowd", "demonstrator", "protester", "marcher", "rally", "rallies", "march", "turnout")


def _figure_measures(word: str) -> list[str]:
    """The casualty-style measures of a word, and 'crowd' for the words of a gathering."""
    return measure_kinds(word) or (["crowd"] if word.startswith(_CROWD) else [])


def _measures(words: set[str]) -> set[str]:
    return {k for w in words for k in _figure_measures(w)}


def _nearest_measure(n: NumberClaim, text: str, start: int, end: int) -> set[str]:
    """The measure named nearest the figure within [start, end) ("killed 45 and injured 130")."""
    best: tuple[int, str] | None = None
    for m in _WORDS.finditer(text[start:end]):
        kinds = _figure_measures(m.group().casefold())
        if not kinds:
            continue
        pos = start + m.start()
        dist = n.start - (start + m.end()) if pos < n.start else pos - n.end
        if best is None or dist < best[0]:
            best = (dist, kinds[0])
    return {best[1]} if best else set()


def _about_stems(n: NumberClaim, text: str) -> set[str]:
    """What the figure counts, as stems with close synonyms as one class ('overhauled' = 'refurbished')."""
    if n.about:
        words = set(measure_stems(n.about))
    elif n.sentence is not None:
        words = set(measure_stems(text[n.sentence.start:n.sentence.end])) - set(measure_stems(n.text))
    else:
        return set()
    return {w for w in words if not w.startswith("~")}


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _weighted_jaccard(a: Counter, b: Counter) -> float:
    keys = set(a) | set(b)
    top = sum(min(a[k], b[k]) for k in keys)
    bottom = sum(max(a[k], b[k]) for k in keys)
    return top / bottom if bottom else 0.0


def _consistent(a: NumberClaim, b: NumberClaim) -> bool:
    """Equal within tolerance, or one figure is an approximate bound the other satisfies."""
    va, vb = a.value or 0.0, b.value or 0.0
    if abs(va - vb) <= TOLERANCE * max(abs(va), abs(vb), 1e-9):
        return True
    for x, y in ((a, b), (b, a)):
        q = (x.qualifier or "").casefold()
        vx, vy = x.value or 0.0, y.value or 0.0
        if q in ("at least", "over", "more than", "above") and vy >= vx:
            return True
        if q in ("up to", "less than", "under", "fewer than") and vy <= vx:
            return True
        if q in ("nearly", "almost", "about", "around", "roughly", "some", "approximately") and \
                abs(vx - vy) <= 0.1 * max(abs(vx), abs(vy)):
            return True
    return False


def _significant_digits(v: float) -> int:
    """52.4 -> 3, 11,200 -> 3, 37 -> 2, 40,000 -> 1: how specific a stated figure is."""
    text = f"{abs(v):.6f}".rstrip("0").rstrip(".")
    return len(text.replace(".", "").lstrip("0")) if "." in text else len(text.rstrip("0"))


_BOUND = {"more than": ">", "over": ">", "at least": ">", "above": ">", "up to": "<", "less than": "<",
          "under": "<", "fewer than": "<", "at most": "<"}


def _bounds_compatible(a: NumberClaim, b: NumberClaim) -> bool:
    """'about $4.2 billion' and '$4.2 billion' state one value; 'more than 40' and 'up to 40' do not."""
    qa, qb = _BOUND.get((a.qualifier or "").casefold()), _BOUND.get((b.qualifier or "").casefold())
    return not (qa and qb and qa != qb)


def _specific_value_bonus(sig: int, unit: str) -> float:
    """Two sources stating one exact value is evidence in itself, the more so the more specific the value:
    '$3.4 million' or '14 tonnes' in both (money and measures: two significant digits suffice), '52.4%' or
    '11,200 stations' (counts and shares need three; '37' helps, '40,000' does not)."""
    if is_count(unit) or unit == "%":
        return 0.3 if sig >= 3 else 0.15 if sig == 2 else 0.0
    return 0.5 if sig >= 2 else 0.0


def _people_unit(u: str) -> bool:
    return u in _PEOPLE_UNITS or u.rstrip("s") in _PEOPLE_UNITS


def _ref(n: NumberClaim) -> Ref:
    return Ref(doc=n.doc, start=n.start, end=n.end, text=n.text, kind="number", ref_id=n.id or None)


class _Figure:
    """A figure with what it is compared by: its measure, what it counts, the claim around it."""

    def __init__(self, n: NumberClaim, text: str, unit: Unit | None, index: EntityIndex):
        self.n = n
        self.unit = _unit(n)
        span = (unit.ref.start, unit.ref.end) if unit is not None else \
            ((n.sentence.start, n.sentence.end) if n.sentence is not None else (n.start, n.end))
        self.about = _about_stems(n, text)
        self.measure = _nearest_measure(n, text, *span) or _measures(self.about)
        if self.unit and not _people_unit(self.unit):
            self.measure = set()  # the dead, injured or detained are people: 'detained six containers' counts boxes
        own = set(content_stems(n.text))
        words = Counter({s: 1.0 for s in (unit.stems if unit is not None else content_stems(text[span[0]:span[1]]))
                         if s not in own and not s.startswith("~")})
        if unit is not None:
            for s in unit.peripheral:
                if s in words:
                    words[s] = 0.5
        self.words = words
        self.entities = (unit.entities if unit is not None else index.within(n.doc, *span)) - {None}
        self.part = bool(_PART_OF.match(text[n.end:n.end + 40]))  # "11,200 of 14,000 stations": a share
        self.whole = bool(_OF_WHOLE.search(text[max(0, n.start - 40):n.start]))  # ... and 14,000 the whole
        self.conversions: list[_Figure] = []  # the same sum in another currency, side by side


def _same_quantity(a: _Figure, b: _Figure) -> tuple[float, dict] | None:
    """How strongly two figures count one thing (None: they cannot)."""
    na, nb = a.n, b.n
    people = _people_unit(a.unit) and _people_unit(b.unit) and bool(a.measure & b.measure) and _consistent(na, nb)
    if not (units_match(a.unit, b.unit) or people) or not (a.unit or b.unit):
        return None  # people counted under two nouns agree only on one measure ('37 officers' / '37 personnel' hurt)
    if na.time and nb.time and na.time[:4] != nb.time[:4]:
        return None
    if a.measure and b.measure and not a.measure & b.measure:
        return None  # the dead and the injured are different quantities
    if bool(a.measure) != bool(b.measure):
        return None
    if a.part != b.part:
        return None  # a part ("11,200 of the stations") and a whole are different quantities
    if a.whole != b.whole and not _consistent(na, nb):
        return None  # "of 14,000 stations" is a total; a bare "11,200 stations" may be a part of it
    about = _jaccard(a.about, b.about)
    claim = _weighted_jaccard(a.words, b.words)
    shared_ents = a.entities & b.entities
    apart = bool(a.entities and b.entities and not shared_ents)  # claims naming only different parties
    if a.measure & b.measure:
        score = 0.6 + 0.2 * claim + 0.2 * bool(shared_ents)  # "42 killed" / "45 dead"
    else:
        score = 0.45 * about + 0.35 * min(1.0, 2 * claim) + 0.2 * bool(shared_ents)
    score -= 0.15 * apart
    sig = _significant_digits(na.value or 0.0) if na.value == nb.value and _bounds_compatible(na, nb) else 0
    score += _specific_value_bonus(sig, a.unit or b.unit)
    feats = {"unit": na.unit, "about_similarity": round(about, 3), "claim_similarity": round(claim, 3),
             "measure": sorted(a.measure & b.measure), "about": [na.about, nb.about], "values": [na.value, nb.value]}
    if shared_ents:
        feats["entities"] = sorted(shared_ents)
    if sig:
        feats["same_specific_value"] = sig
    if people and not units_match(a.unit, b.unit):
        feats["people_counted_as"] = [a.unit, b.unit]
    if na.time or nb.time:
        feats["time"] = [na.time, nb.time]
    return score, feats


def align_numbers(story_id: str, docs: list[DocAnalysis], index: EntityIndex,
                  units: dict[str, list[Unit]] | None = None) -> list:
    """Agreeing and conflicting figures between the story's documents: per figure, its best
    counterpart of each relation in each other document."""
    from parallax.align.statements import alignment_id
    from parallax.model import Alignment

    texts = {a.document.id: a.document.text for a in docs}
    figures: list[_Figure] = []
    for a in docs:
        statements = (units or {}).get(a.document.id, [])
        for n in a.numbers:
            if n.value is None:
                continue
            holder = next((u for u in statements if u.ref.start <= n.start < u.ref.end), None)
            figures.append(_Figure(n, texts[n.doc], holder, index))
    _link_conversions(figures, texts)
    best: dict[tuple[int, str, str], tuple[float, _Figure, dict]] = {}
    for i, a in enumerate(figures):
        for b in figures[i + 1:]:
            if a.n.doc == b.n.doc:
                continue
            found = _same_quantity(a, b)
            if found is None:
                continue
            score, feats = found
            relation = "agree" if _consistent(a.n, b.n) else "conflict"
            if score < (SAME_QUANTITY if relation == "agree" else SAME_QUANTITY_CONFLICT):
                continue
            if feats.get("entities"):
                feats["entities"] = sorted(index.name.get(e, e) for e in feats["entities"])
            for x, y in ((a, b), (b, a)):
                key = (id(x), relation, y.n.doc)
                if key not in best or score > best[key][0]:
                    best[key] = (score, y, feats)
    out = []
    done: set[tuple[int, int]] = set()
    by_id = {id(f): f for f in figures}
    for (xid, relation, _doc), (score, y, feats) in sorted(best.items(), key=lambda kv: -kv[1][0]):
        x = by_id[xid]
        # mutual: y's best counterpart of this relation in x's document is x
        back = best.get((id(y), relation, x.n.doc))
        if back is None or back[1] is not x:
            continue
        # a figure stated twice in one article (headline and body) links both times
        # (a sum's conversion into another currency agrees with what the sum agrees with)
        for x2 in _twins(x, figures, relation == "agree"):
            for y2 in _twins(y, figures, relation == "agree"):
                key = tuple(sorted((id(x2), id(y2))))
                if key in done:
                    continue
                done.add(key)
                first, second = sorted((x2.n, y2.n), key=lambda n: (n.doc, n.start))
                ra, rb = _ref(first), _ref(second)
                f = feats
                if x2.unit != x.unit or y2.unit != y.unit:
                    f = {**feats, "via_conversion": [x.n.text, y.n.text]}
                out.append(Alignment(id=alignment_id(story_id, relation, ra, rb), story=story_id, relation=relation,
                                     score=round(min(score, 1.0), 3), a=ra, b=rb, features=f))
    return out


# what stands between a sum and its conversion: "$4.2 billion (about 6.1 trillion won)", "..., or some 340 billion rubles"
_CONVERSION_GAP = re.compile(r"(?i)^\s*(?:\(|,?\s*or\b|[,\u2013\u2014-])\s*(?:about|some|around|roughly|nearly|approximately|"
                             r"almost|an estimated|the equivalent of|equivalent to|worth)?\s*$")


def _link_conversions(figures: list[_Figure], texts: dict[str, str]) -> None:
    """A sum given in two currencies side by side is one quantity: each is the other's conversion."""
    by_doc: dict[str, list[_Figure]] = {}
    for f in figures:
        by_doc.setdefault(f.n.doc, []).append(f)
    for doc, figs in by_doc.items():
        figs.sort(key=lambda f: f.n.start)
        for f, g in zip(figs, figs[1:]):
            if f.unit in CURRENCIES and g.unit in CURRENCIES and f.unit != g.unit and \
                    _CONVERSION_GAP.match(texts[doc][f.n.end:g.n.start]):
                f.conversions.append(g)
                g.conversions.append(f)


def _twins(f: _Figure, figures: list[_Figure], conversions: bool = True) -> list[_Figure]:
    """``f``, the figures of its article stating the same value of the same measure, and its conversions
    into other currencies."""
    same = [g for g in figures if g is f or g.n.doc == f.n.doc and g.n.value == f.n.value
            and units_match(g.unit, f.unit) and g.measure == f.measure and (g.measure or g.unit == f.unit)]
    return same + [c for g in same for c in g.conversions if conversions and c not in same]
