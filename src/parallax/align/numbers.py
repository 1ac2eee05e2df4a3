"""Figures across sources: the same quantity reported as agreeing or conflicting values.

Two figures are about the same quantity when they share a unit, what they count
(``about``, else their sentence) is similar, their reference times do not differ, and
their sentences do not name different entities only. Values within a relative
tolerance (or consistent with a qualifier such as "at least") agree; others conflict.
"""

from __future__ import annotations

import re

from parallax.align.units import EntityIndex, content_stems, measure_kinds
from parallax.model import DocAnalysis, NumberClaim, Ref

TOLERANCE = 0.02
SAME_QUANTITY = 0.5
_LOWER = ("at least", "over", "more than", "above", "nearly", "almost", "about", "around", "roughly",
          "some", "approximately", "up to", "less than", "under", "fewer than")


def _unit(n: NumberClaim) -> str:
    return (n.unit or "").casefold().strip().rstrip("s")


_kinds = measure_kinds  # what a casualty-style count measures; different measures never conflict


def _measures(words: set[str]) -> set[str]:
    return {k for w in words for k in _kinds(w)}


def _nearest_measure(n: NumberClaim, text: str) -> set[str]:
    """The measure named nearest the figure in its sentence ("killed 45 and injured 130")."""
    if n.sentence is None:
        return set()
    best: tuple[int, str] | None = None
    for m in re.finditer(r"[^\W\d_]+", text[n.sentence.start:n.sentence.end]):
        word = m.group().casefold()
        kinds = _kinds(word)
        if not kinds:
            continue
        pos = n.sentence.start + m.start()
        dist = n.start - (n.sentence.start + m.end()) if pos < n.start else pos - n.end
        if best is None or dist < best[0]:
            best = (dist, kinds[0])
    return {best[1]} if best else set()


def _window(n: NumberClaim, text: str, before: int = 3, after: int = 6) -> set[str]:
    """Content words right around the figure, inside its sentence ("130 people were injured")."""
    if n.sentence is None:
        return set()
    left = content_stems(text[n.sentence.start:n.start])[-before:]
    right = content_stems(text[n.end:n.sentence.end])[:after]
    raw = text[max(n.sentence.start, n.start - 40):min(n.sentence.end, n.end + 60)].casefold()
    return set(left + right) | {w for w in raw.replace(",", " ").split() if _kinds(w)}


def _about_stems(n: NumberClaim, text: str) -> set[str]:
    if n.about:
        return set(content_stems(n.about))
    if n.sentence is not None:
        return set(content_stems(text[n.sentence.start:n.sentence.end])) - set(content_stems(n.text))
    return set()


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


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


def _ref(n: NumberClaim) -> Ref:
    return Ref(doc=n.doc, start=n.start, end=n.end, text=n.text, kind="number", ref_id=n.id or None)


def align_numbers(story_id: str, docs: list[DocAnalysis], index: EntityIndex) -> list:
    from parallax.align.statements import alignment_id
    from parallax.model import Alignment

    texts = {a.document.id: a.document.text for a in docs}
    claims = [n for a in docs for n in a.numbers if n.value is not None]
    abouts = {id(n): _about_stems(n, texts[n.doc]) for n in claims}
    windows = {id(n): _window(n, texts[n.doc]) for n in claims}
    measures = {id(n): _nearest_measure(n, texts[n.doc]) or _measures(abouts[id(n)]) for n in claims}
    ents = {}
    for n in claims:
        s = n.sentence
        ents[id(n)] = index.within(n.doc, s.start, s.end) if s is not None else set()
    best: dict[tuple[int, str], tuple[float, NumberClaim, dict]] = {}
    for i, a in enumerate(claims):
        for b in claims[i + 1:]:
            if a.doc == b.doc or _unit(a) != _unit(b) or not _unit(a):
                continue
            if a.time and b.time and a.time[:4] != b.time[:4]:
                continue
            ma, mb = measures[id(a)], measures[id(b)]
            if ma and mb and not ma & mb:
                continue  # the dead and the injured are different quantities
            if bool(ma) != bool(mb):
                continue
            about = 0.6 * _jaccard(abouts[id(a)], abouts[id(b)]) + 0.4 * _jaccard(windows[id(a)], windows[id(b)])
            if ma & mb:
                about = max(about, 0.6)  # both count the same thing ("42 killed" / "45 dead")
            shared_ents = ents[id(a)] & ents[id(b)]
            # sentences naming only different parties suggest different quantities
            apart = bool(ents[id(a)] and ents[id(b)] and not shared_ents)
            score = 0.75 * about + 0.25 * bool(shared_ents) - 0.15 * apart
            if score < SAME_QUANTITY:
                continue
            feats = {"unit": a.unit, "about_similarity": round(about, 3), "measure": sorted(ma & mb),
                     "about": [a.about, b.about], "values": [a.value, b.value]}
            if shared_ents:
                feats["entities"] = sorted(index.name.get(e, e) for e in shared_ents)
            if a.time or b.time:
                feats["time"] = [a.time, b.time]
            relation = "agree" if _consistent(a, b) else "conflict"
            # per figure, its best agreeing and its best conflicting counterpart
            for x, y in ((a, b), (b, a)):
                key = (id(x), relation)
                if key not in best or score > best[key][0]:
                    best[key] = (score, y, feats)
    out = []
    done: set[tuple[int, int]] = set()
    for a in claims:
        for relation in ("agree", "conflict"):
            if (id(a), relation) not in best:
                continue
            score, b, feats = best[(id(a), relation)]
            key = tuple(sorted((id(a), id(b))))
            if key in done:
                continue
            done.add(key)
            first, second = sorted((a, b), key=lambda n: (n.doc, n.start))
            ra, rb = _ref(first), _ref(second)
            out.append(Alignment(id=alignment_id(story_id, relation, ra, rb), story=story_id, relation=relation,
                                 score=round(score, 3), a=ra, b=rb, features=feats))
    return out
