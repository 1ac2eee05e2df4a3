"""Figures across sources: the same quantity reported as agreeing or conflicting values.

Two figures are about the same quantity when they share a unit, what they count
(``about``, else their sentence) is similar, their reference times do not differ, and
their sentences do not name different entities only. Values within a relative
tolerance (or consistent with a qualifier such as "at least") agree; others conflict.
"""

from __future__ import annotations

from parallax.align.units import EntityIndex, content_stems
from parallax.model import DocAnalysis, NumberClaim, Ref

TOLERANCE = 0.02
SAME_QUANTITY = 0.5
_LOWER = ("at least", "over", "more than", "above", "nearly", "almost", "about", "around", "roughly",
          "some", "approximately", "up to", "less than", "under", "fewer than")


def _unit(n: NumberClaim) -> str:
    return (n.unit or "").casefold().strip().rstrip("s")


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
    ents = {}
    for n in claims:
        s = n.sentence
        ents[id(n)] = index.within(n.doc, s.start, s.end) if s is not None else set()
    best: dict[int, tuple[float, NumberClaim, dict]] = {}
    for i, a in enumerate(claims):
        for b in claims[i + 1:]:
            if a.doc == b.doc or _unit(a) != _unit(b) or not _unit(a):
                continue
            if a.time and b.time and a.time[:4] != b.time[:4]:
                continue
            about = _jaccard(abouts[id(a)], abouts[id(b)])
            shared_ents = ents[id(a)] & ents[id(b)]
            if ents[id(a)] and ents[id(b)] and not shared_ents:
                continue  # the same kind of figure about different parties
            score = 0.75 * about + 0.25 * bool(shared_ents)
            if score < SAME_QUANTITY:
                continue
            feats = {"unit": a.unit, "about_similarity": round(about, 3),
                     "about": [a.about, b.about], "values": [a.value, b.value]}
            if shared_ents:
                feats["entities"] = sorted(index.name.get(e, e) for e in shared_ents)
            if a.time or b.time:
                feats["time"] = [a.time, b.time]
            for x, y in ((a, b), (b, a)):
                if id(x) not in best or score > best[id(x)][0]:
                    best[id(x)] = (score, y, feats)
    out = []
    done: set[tuple[int, int]] = set()
    for a in claims:
        if id(a) not in best:
            continue
        score, b, feats = best[id(a)]
        key = tuple(sorted((id(a), id(b))))
        if key in done:
            continue
        done.add(key)
        first, second = sorted((a, b), key=lambda n: (n.doc, n.start))
        relation = "agree" if _consistent(first, second) else "conflict"
        ra, rb = _ref(first), _ref(second)
        out.append(Alignment(id=alignment_id(story_id, relation, ra, rb), story=story_id, relation=relation,
                             score=round(score, 3), a=ra, b=rb, features=feats))
    return out
