"""Passages: paragraphs that make the same point in other words.

Calibration (mutual-best paragraph pairs with no claim linked, seeds + demo gold): the two gold
passages scored 0.269 / 0.462 with 5 / 4 shared content words; every wrong candidate had either
fewer than 4 shared words (up to 0.275) or a score under 0.21. Two positives are thin evidence:
the thresholds are deliberately strict, and docs/evaluation.md reports what they add per corpus.

Claim alignment needs shared words between two claims. Two outlets often make one point with
different claims — one says the other side "might dodge" a ban on the grounds that a technology
is dual-use, the other that the same ban "can be interpreted differently" because experts
disagree about that technology — and no claim pair shares enough. Their paragraphs do: the
ban, the technology and the parties recur across the paragraph's claims. Two paragraphs are
aligned ("agree", ends of kind "passage") when each is the other's best paragraph in that
source by IDF-weighted cosine of their claims' words and names, the score reaches
SAME_PASSAGE, they share at least MIN_SHARED content words (names alone are the story's
topic), and no claim of one is linked to a claim of the other (then the claim links say what they
share, and a paragraph link would also join the claims they do not share).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from parallax.align.units import Unit, units_comparable, units_match
from parallax.model import DocAnalysis, Ref

SAME_PASSAGE = 0.25  # mutual-best paragraph cosine at which two paragraphs make one point
MIN_SHARED = 4  # content words (not names) the two paragraphs must share
MIN_CLAIMS = 2  # a paragraph of one short claim is a claim: claim alignment decides it
ENT_PREFIX = "@"


@dataclass
class Passage:
    ref: Ref
    units: list[Unit] = field(default_factory=list)
    bag: Counter = field(default_factory=Counter)


def document_passages(analysis: DocAnalysis, statements: list[Unit], bag_of) -> list[Passage]:
    """The paragraphs of a document (split at line breaks) holding at least MIN_CLAIMS claims, or one long one."""
    text = analysis.document.text
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    by_para: dict[int, list[Unit]] = {}
    for u in statements:
        if u.ref.kind != "claim" or not u.informative():
            continue
        k = _index_at(starts, u.ref.start)
        by_para.setdefault(k, []).append(u)
    out = []
    for k, units in sorted(by_para.items()):
        if len(units) < MIN_CLAIMS and len(units[0].stems) < 8:
            continue
        start = starts[k]
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        body = text[start:end]
        lead = len(body) - len(body.lstrip())
        body = body.strip()
        bag: Counter = Counter()
        for u in units:
            bag.update(bag_of(u))
        out.append(Passage(ref=Ref(doc=analysis.document.id, start=start + lead, end=start + lead + len(body),
                                   text=body, kind="passage"), units=units, bag=bag))
    return out


def _figures_apart(p: Passage, q: Passage) -> bool:
    fp = set().union(*(u.numbers for u in p.units))
    fq = set().union(*(u.numbers for u in q.units))
    comparable = [(x, y) for x in fp for y in fq if units_comparable(x[1], y[1])]
    return bool(comparable) and not any(x[0] == y[0] and units_match(x[1], y[1]) for x, y in comparable)


def _index_at(starts: list[int], pos: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo


def passage_links(left: list[Passage], right: list[Passage], cosine,
                  linked: set[tuple[int, int]]) -> list[tuple[Passage, Passage, float, dict]]:
    """Mutual-best paragraph pairs that make one point and whose claims are not linked already."""
    scores: dict[tuple[int, int], tuple[float, list[str]]] = {}
    for i, p in enumerate(left):
        for j, q in enumerate(right):
            s, shared = cosine(p.bag, q.bag)
            if s > 0:
                scores[(i, j)] = (s, shared)
    best_l: dict[int, tuple[float, int]] = {}
    best_r: dict[int, tuple[float, int]] = {}
    for (i, j), (s, _sh) in scores.items():
        if s > best_l.get(i, (0.0, -1))[0]:
            best_l[i] = (s, j)
        if s > best_r.get(j, (0.0, -1))[0]:
            best_r[j] = (s, i)
    out = []
    for i, (s, j) in best_l.items():
        if s < SAME_PASSAGE or best_r.get(j, (0.0, -1))[1] != i:
            continue
        p, q = left[i], right[j]
        if any((id(a), id(b)) in linked for a in p.units for b in q.units):
            continue  # their claims are aligned one by one already: the claim links say what they share
        words = [w for w in scores[(i, j)][1] if not w.startswith(ENT_PREFIX)]
        if len(words) < MIN_SHARED:
            continue
        if _figures_apart(p, q):
            continue  # "45 killed" / "42 killed": the same event told with conflicting figures is no agreement
        feats = {"lexical": round(s, 3), "content_words": words[:8], "via": "passage",
                 "claims": [[u.ref.ref_id for u in p.units], [u.ref.ref_id for u in q.units]]}
        out.append((p, q, s, feats))
    return out
