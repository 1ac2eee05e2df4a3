"""Statement alignment within a story: claims, quotes, passages, figures, and what only one source says.

The units are claims (extract/claims.py: one clause, one voice), or whole sentences for analyses
stored before claims existed. Two claims say the same thing when they are each other's best
counterpart in the other source and score >= SAME_SENTENCE on IDF-weighted words (Snowball stems;
close synonyms and casualty measures as one class; figures as figures; names counted once, as
entity tokens; words that only identify a participant at half weight), after these gates cap a
pair below the threshold (the reasons land in ``features["not_same"]``):
- too little shared: one token, or less weight than one word only two units share, and no figure;
- only modifiers shared: no word in common in both claims' predicate cores (names are the story's
  cast, and time words such as 'Saturday' or 'second day' say when, not what);
- different figures, counts or dates ("42 killed" / "130 injured", "eight containers" / "six");
- different speakers, when both are named people: two people's words are two statements;
- negation on one side only scores NEGATION_MISMATCH times lower.
Paragraphs that make one point in other words are linked by align/passages.py; figures by
align/numbers.py; quotes (two renderings of one quote) by character and word similarity.

Measured with bench/align_embeddings.py (complete golds: demo and held-out sets 4-6; every link
that matches no gold pair is false) — figures in docs/evaluation.md. The thresholds were set on the
seeds and the demo; held-out sets 5 and 6 were scored after.

Embeddings (optional extra, all-MiniLM-L6-v2) never change lexical links and never decide
only-here on their own: they add "agree" links between claims with no lexical counterpart that
are mutual best by cosine (claim text with names blanked: names dominate small encoders), share a
resolved entity or a figure, and reach EMB_AGREE. At claim level they were measured neutral on
four corpora and mixed on one (docs/evaluation.md), so they stay off by default.
"""

from __future__ import annotations

import hashlib
import math
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz

from parallax.align.numbers import align_numbers
from parallax.align.passages import document_passages, passage_links
from parallax.align.units import (
    TIME_STEMS,
    EntityIndex,
    Unit,
    document_units,
    fold,
    one_phrase,
    shared_figures,
    units_comparable,
)
from parallax.extract.lexicon import TITLE_NOUNS
from parallax.model import Alignment, DocAnalysis, Entity, Ref, Story

SAME_SENTENCE = 0.28  # mutual-best score at which two claims (or sentences) say the same thing
SAME_QUOTE = 0.55
FUZZY_FLOOR = 0.55
SAME_SENTENCE_ONE_WAY = 0.45  # a claim's best match that is not mutual
ONLY_HERE = 0.22  # below this best score a claim has no counterpart in the other sources
W_LEX, W_NUM, W_CTX = 0.8, 0.1, 0.1
CLAIM_OVERLAP = 0.2  # IDF cosine of the claims' own words (names blanked) a link needs without a shared figure
NEGATION_MISMATCH = 0.75  # one side negated, the other not
NEAR_VERBATIM = 0.8  # bag cosine at which two claims say the same words, whichever of them are core
ENT_PREFIX = "@"
EMB_AGREE = 0.70  # claim-embedding cosine for an "agree" link (see the module docstring)

Embedder = Callable[[list[str]], Sequence[Sequence[float]]]


def alignment_id(story: str | None, relation: str, a, b) -> str:
    key = f"{story}|{relation}|{a.doc}:{a.start}:{a.end}|{b.doc + ':' + str(b.start) + ':' + str(b.end) if b else '-'}"
    return "A" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


class _Weights:
    """IDF weights of stems and entities over the story's units."""

    def __init__(self, units: list[Unit]):
        n = max(len(units), 1)
        df = Counter(s for u in units for s in set(u.stems) | {ENT_PREFIX + e for e in u.entities})
        self.stem = {s: math.log((n + 1) / (c + 1)) + 1.0 for s, c in df.items()}
        # the weight of a word that only two units share: one such word, or two commoner ones, is
        # the least evidence for one claim (a shared 'blast' or 'injured' alone is the story's topic)
        self.min_mass = math.log((n + 1) / 3) + 1.0 - 1e-6

    def cosine(self, a: list[str] | Counter, b: list[str] | Counter) -> tuple[float, list[str]]:
        ca = a if isinstance(a, Counter) else Counter(a)
        cb = b if isinstance(b, Counter) else Counter(b)
        shared = set(ca) & set(cb)
        if not shared:
            return 0.0, []
        w = self.stem
        dot = sum(ca[s] * cb[s] * w.get(s, 1.0) ** 2 for s in shared)
        na = math.sqrt(sum((c * w.get(s, 1.0)) ** 2 for s, c in ca.items()))
        nb = math.sqrt(sum((c * w.get(s, 1.0)) ** 2 for s, c in cb.items()))
        return dot / (na * nb), sorted(shared, key=lambda s: (-w.get(s, 1.0), s))


PERIPHERAL = 0.5  # weight of words that only identify a participant ('the broker behind the sale')


def _bag(u: Unit) -> Counter:
    """Content stems plus resolved entities as tokens: "Berlin" (the government) and "Germany" count as one word.

    A claim's words outside its predicate and argument heads count PERIPHERAL times.
    """
    bag: Counter = Counter()
    for s in u.stems:
        bag[s] += PERIPHERAL if s in u.peripheral else 1.0
    for e in sorted(u.entities):
        bag[ENT_PREFIX + e] += 1.0
    return bag


def _sentence_score(a: Unit, b: Unit, w: _Weights, index: EntityIndex, emb: float | None) -> tuple[float, dict]:
    bag_a, bag_b = _bag(a), _bag(b)
    lex, shared = w.cosine(bag_a, bag_b)
    mass = sum(w.stem.get(t, 1.0) * min(bag_a[t], bag_b[t]) for t in shared)
    nums = shared_figures(a, b)
    ctx, _ = w.cosine(a.stems + a.context, b.stems + b.context)
    score = W_LEX * lex + W_NUM * bool(nums) + W_CTX * ctx
    words = [s for s in shared if not s.startswith(ENT_PREFIX)]
    # the claims themselves (reported content, names blanked) must share words: the same speaker
    # and names around a different predicate are not the same statement
    claim, _ = w.cosine(a.claim_stems, b.claim_stems)
    capped = []
    if claim < CLAIM_OVERLAP and not nums:
        capped.append("claims barely share words")
    if a.negated != b.negated:
        score *= NEGATION_MISMATCH
    if (mass < w.min_mass or len(shared) < 2) and not nums:
        capped.append("too little shared")  # one word, however rare, is a topic, not a claim
    # a name both mention is the story's cast: what they assert of it must share a word too
    core_shared = [t for t in shared if not t.startswith(ENT_PREFIX) and t not in a.peripheral
                   and t not in b.peripheral and t not in TIME_STEMS]
    if not core_shared and not nums and lex < NEAR_VERBATIM:
        # what they share only describes a participant, not what either asserts (unless they share nearly all)
        capped.append("only modifiers shared")
    own = {t for t in words if t not in TIME_STEMS}
    if not nums and len(own) <= 3 and one_phrase(a.claim or a.text, own) and one_phrase(b.claim or b.text, own):
        capped.append("one phrase shared")  # 'the tally sheets', however rare, is a topic, not a claim
    # "42 killed" / "130 injured", or this week's fire and one three years ago: not one claim
    if _figures_apart(a, b):
        capped.append("different figures")
    if _dates_apart(a, b):
        capped.append("different dates")
    if _counts_apart(a, b):
        capped.append("different counts")  # 'seized eight containers' / 'detained six containers'
    if _different_people(a, b, index):
        capped.append("different speakers")
    if a.headline != b.headline or a.headline and score < SAME_SENTENCE_ONE_WAY:
        # a headline sums a story up: it restates a body claim rather than making one, and two
        # headlines share the story's words whatever angle each takes
        capped.append("headline")
    if capped:
        score = min(score, SAME_SENTENCE - 0.01)
    ents = [s[len(ENT_PREFIX):] for s in shared if s.startswith(ENT_PREFIX)]
    feats: dict = {"lexical": round(lex, 3), "claim": round(claim, 3), "content_words": words[:8],
                   "shared_mass": round(mass, 2)}
    if a.negated != b.negated:
        feats["negation_mismatch"] = True
    if ents:
        feats["entities"] = [index.name.get(e, e) for e in ents]
    if nums:
        feats["numbers"] = [[v, u] for v, u in nums]
    if ctx:
        feats["context"] = round(ctx, 3)
    if emb is not None:
        feats["embedding"] = round(emb, 3)  # shown, but the lexical score decides
    if capped:
        feats["not_same"] = capped
    return score, feats


def _figures_apart(a: Unit, b: Unit) -> bool:
    """Both state figures of a comparable unit and share none of them."""
    comparable = any(units_comparable(ua, ub) for _va, ua in a.numbers for _vb, ub in b.numbers)
    same_value = any(va == vb and units_comparable(ua, ub) for va, ua in a.numbers for vb, ub in b.numbers)
    return comparable and not shared_figures(a, b) and not same_value  # '37 personnel' / '37 officers' may agree


def _counts_apart(a: Unit, b: Unit) -> bool:
    """A noun both count, with no count in common."""
    nouns = {n for _v, n in a.counts} & {n for _v, n in b.counts}
    return any(not ({v for v, m in a.counts if m == n} & {v for v, m in b.counts if m == n}) for n in nouns)


def _different_people(a: Unit, b: Unit, index: EntityIndex) -> bool:
    """Both claims are what a named person said, and not the same person: two people's words are two
    statements, however alike (organisations reporting one fact do agree)."""
    pa, pb = _person_speakers(a, index), _person_speakers(b, index)
    if not pa or not pb:
        return False
    return not any(_same_person(x, y) for x in pa for y in pb)


def _plain(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", fold(name))
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("-", " ").split())


def _person_speakers(u: Unit, index: EntityIndex) -> list[str] | None:
    """The names of the person(s) who made the claim; None when it is not (only) a person's."""
    if u.speakers:
        if not all(index.type.get(s) == "PERSON" for s in u.speakers):
            return None
        return [index.name.get(s, s) for s in u.speakers]
    name = (u.speaker_name or "").strip()
    words = name.split()
    if 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words):  # a name the resolver did not place
        return [name]
    if 1 <= len(words) <= 4 and words[-1].casefold() in TITLE_NOUNS:  # "the commission chairwoman"
        return [name]
    return None


def _same_person(x: str, y: str) -> bool:
    """Equal, or one is the other's surname ('Kovac' / 'Ana Kovač'), accents and hyphens aside."""
    fx, fy = _plain(x), _plain(y)
    return fx == fy or fx.endswith(" " + fy) or fy.endswith(" " + fx)


def _dates_apart(a: Unit, b: Unit) -> bool:
    """Both date what they report, and no date of one is compatible with a date of the other."""
    return bool(a.dates and b.dates) and not any(x.startswith(y) or y.startswith(x) for x in a.dates for y in b.dates)


def _quote_score(a: Unit, b: Unit, w: _Weights) -> tuple[float, dict]:
    lex, words = w.cosine(a.stems, b.stems)
    ta, tb = fold(a.text), fold(b.text)
    short, long_ = sorted((ta, tb), key=len)
    raw = fuzz.ratio(ta, tb) / 100
    if len(short) >= 12:  # a short quote found inside a longer rendering
        raw = max(raw, 0.9 * fuzz.partial_ratio(short, long_) / 100)
    # character similarity below ~0.55 is what any two English sentences share
    fuzzy = max(0.0, (raw - FUZZY_FLOOR) / (1 - FUZZY_FLOOR))
    same_speaker = a.speaker is not None and a.speaker == b.speaker
    text_sim = max(lex, fuzzy)
    score = 0.35 * same_speaker + 0.65 * text_sim
    feats = {"lexical": round(lex, 3), "fuzzy": round(fuzzy, 3), "content_words": words[:8]}
    if same_speaker:
        feats["speaker"] = a.speaker_name or a.speaker
    # without the same speaker only a near-verbatim quote counts
    if not same_speaker and text_sim < 0.7:
        score = min(score, SAME_QUOTE - 0.01)
    return score, feats


def _score_matrix(left: list[Unit], right: list[Unit], score_fn) -> dict[tuple[int, int], tuple[float, dict]]:
    out = {}
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            s, f = score_fn(a, b)
            if s > 0:
                out[(i, j)] = (s, f)
    return out


def _best_links(left: list[Unit], right: list[Unit], scores: dict[tuple[int, int], tuple[float, dict]],
                threshold: float, one_way: float) -> list[tuple[Unit, Unit, float, dict]]:
    """Mutual best counterparts above ``threshold``; a one-sided best only above ``one_way``.

    A statement may be echoed by several in the other source (one-sided links), but
    only strong ones: mutual best is what keeps precision up.
    """
    best_l: dict[int, tuple[float, int]] = {}
    best_r: dict[int, tuple[float, int]] = {}
    for (i, j), (s, _f) in scores.items():
        if s > best_l.get(i, (0.0, -1))[0]:
            best_l[i] = (s, j)
        if s > best_r.get(j, (0.0, -1))[0]:
            best_r[j] = (s, i)
    keep = set()
    for i, (s, j) in best_l.items():
        mutual = best_r.get(j, (0.0, -1))[1] == i
        if s >= (threshold if mutual else one_way):
            keep.add((i, j))
    for j, (s, i) in best_r.items():
        if s >= one_way:
            keep.add((i, j))
    return [(left[i], right[j], *scores[(i, j)]) for i, j in sorted(keep)]


def align_story(story: Story, analyses: list[DocAnalysis], entities: list[Entity], *,
                embedder: Embedder | None = None) -> list[Alignment]:
    """Align what the story's sources say: same statements, agreeing/conflicting figures, only-here facts."""
    by_id = {a.document.id: a for a in analyses}
    docs = [by_id[d] for d in story.docs if d in by_id]
    if len(docs) < 2:
        return []
    index = EntityIndex(entities)
    units = {a.document.id: document_units(a, index) for a in docs}
    all_units = [u for s, q in units.values() for u in s + q]
    weights = _Weights(all_units)
    passages = {a.document.id: document_passages(a, units[a.document.id][0], _bag) for a in docs}
    vectors = _embed(embedder, all_units)

    def emb(a: Unit, b: Unit) -> float | None:
        if vectors is None:
            return None
        return _cos(vectors[id(a)], vectors[id(b)])

    out: list[Alignment] = []
    best: dict[int, float] = {}  # id(unit) -> best score against any other source
    ids = [a.document.id for a in docs]
    for x in range(len(ids)):
        for y in range(x + 1, len(ids)):
            sa, qa = units[ids[x]]
            sb, qb = units[ids[y]]
            sent_fn = lambda a, b: _sentence_score(a, b, weights, index, emb(a, b))  # noqa: E731
            scores = _score_matrix(sa, sb, sent_fn)
            linked: set[int] = set()
            pairs: set[tuple[int, int]] = set()
            for a, b, s, f in _best_links(sa, sb, scores, SAME_SENTENCE, SAME_SENTENCE_ONE_WAY):
                out.append(_alignment(story.id, "same", s, a, b, f))
                linked |= {id(a), id(b)}
                pairs.add((id(a), id(b)))
            for p, q, s, f in passage_links(passages[ids[x]], passages[ids[y]], weights.cosine, pairs):
                out.append(Alignment(id=alignment_id(story.id, "agree", p.ref, q.ref), story=story.id,
                                     relation="agree", score=round(s, 3), a=p.ref, b=q.ref, features=f))
            for (i, j), (s, f) in scores.items():
                if f.get("not_same"):  # a topical cousin, not a counterpart: the claim may still be only here
                    s = min(s, ONLY_HERE * 0.9)
                best[id(sa[i])] = max(best.get(id(sa[i]), 0.0), s)
                best[id(sb[j])] = max(best.get(id(sb[j]), 0.0), s)
            if vectors is not None:
                for a, b, s, f in _embedding_links(sa, sb, scores, vectors, linked):
                    out.append(_alignment(story.id, "agree", s, a, b, f))
                    best[id(a)] = max(best.get(id(a), 0.0), ONLY_HERE)  # it has a counterpart
                    best[id(b)] = max(best.get(id(b), 0.0), ONLY_HERE)
            quote_fn = lambda a, b: _quote_score(a, b, weights)  # noqa: E731
            for a, b, s, f in _best_links(qa, qb, _score_matrix(qa, qb, quote_fn), SAME_QUOTE, SAME_QUOTE):
                out.append(_alignment(story.id, "same", s, a, b, f))
    out += align_numbers(story.id, docs, index, {d: statements for d, (statements, _q) in units.items()})
    out += _only_here(story.id, units, best, entities_in_docs(index, ids), index, docs)
    return _dedupe(out)


def _embedding_links(left: list[Unit], right: list[Unit], scores: dict[tuple[int, int], tuple[float, dict]],
                     vectors: dict[int, Sequence[float]], linked: set[int]) -> list[tuple[Unit, Unit, float, dict]]:
    """Claims made in other words: mutual-best pairs by claim-embedding cosine >= EMB_AGREE.

    Candidates already share a name, a content word or a figure (cosine alone is topical
    likeness) and neither side has a lexical counterpart in this pair of sources.
    """
    cand: dict[tuple[int, int], float] = {}
    for (i, j), (_s, f) in scores.items():
        if id(left[i]) in linked or id(right[j]) in linked:
            continue
        if f.get("negation_mismatch") or not (f.get("entities") or f.get("numbers")):
            continue  # about the same named party or figure; a common word alone is topical likeness
        a, b = left[i], right[j]
        if a.speakers and b.speakers and not (a.speakers & b.speakers):
            continue  # different people saying similar-sounding things: not one claim on weak evidence
        cand[(i, j)] = _cos(vectors[id(left[i])], vectors[id(right[j])])
    best_l: dict[int, tuple[float, int]] = {}
    best_r: dict[int, tuple[float, int]] = {}
    for (i, j), c in cand.items():
        if c > best_l.get(i, (0.0, -1))[0]:
            best_l[i] = (c, j)
        if c > best_r.get(j, (0.0, -1))[0]:
            best_r[j] = (c, i)
    out = []
    for i, (c, j) in best_l.items():
        if c < EMB_AGREE or best_r.get(j, (0.0, -1))[1] != i:
            continue
        feats = dict(scores[(i, j)][1], embedding=round(c, 3), via="embedding")
        out.append((left[i], right[j], round(c, 3), feats))
    return out


def entities_in_docs(index: EntityIndex, doc_ids: list[str]) -> dict[str, set[str]]:
    return {d: {eid for _s, _e, eid in index.spans.get(d, [])} for d in doc_ids}


def _only_here(story_id: str, units: dict[str, tuple[list[Unit], list[Unit]]], best: dict[int, float],
               doc_entities: dict[str, set[str]], index: EntityIndex, docs: list[DocAnalysis]) -> list[Alignment]:
    """Statements no other source matches. A sentence none of whose claims has a counterpart is
    reported whole (with its attribution: 'According to X, ...'); otherwise the lone claims."""
    out = []
    analysis = {a.document.id: a for a in docs}
    for doc, (statements, _quotes) in units.items():
        elsewhere = set().union(*(v for d, v in doc_entities.items() if d != doc))
        sentences = analysis[doc].sentences
        by_sentence: dict[int, list[Unit]] = {}
        for u in statements:
            by_sentence.setdefault(u.index, []).append(u)
        title = analysis[doc].document.title
        for k, group in sorted(by_sentence.items()):
            if title and k < len(sentences) and _is_title(sentences[k], analysis[doc].document.text, title):
                continue  # the headline restates the article; its body says what only this outlet has
            lone = [u for u in group if best.get(id(u), 0.0) < ONLY_HERE and u.informative()]
            if not lone:
                continue
            whole = group[0].ref.kind == "claim" and len(lone) == len(group) and k < len(sentences)
            if whole:
                lone = [_sentence_unit(group, sentences[k], analysis[doc].document.text)]
            for u in lone:
                b = max((best.get(id(v), 0.0) for v in group), default=0.0) if whole else best.get(id(u), 0.0)
                unique = sorted(index.name.get(e, e) for e in u.entities - elsewhere)
                feats = {"best_match": round(b, 3)}
                if unique:
                    feats["entities_only_here"] = unique
                if u.numbers:
                    feats["numbers"] = [[v, unit] for v, unit in sorted(u.numbers)]
                if whole and len(group) > 1 or whole and group[0].ref.ref_id:
                    feats["claims"] = [v.ref.ref_id for v in group if v.ref.ref_id]
                out.append(Alignment(id=alignment_id(story_id, "only-here", u.ref, None), story=story_id,
                                     relation="only-here", score=round(1.0 - b, 3), a=u.ref, b=None, features=feats))
    return out


def _is_title(sentence, text: str, title: str) -> bool:
    return " ".join(text[sentence.start:sentence.end].split()) == " ".join(title.split())


def _sentence_unit(group: list[Unit], sentence, text: str) -> Unit:
    """The sentence holding ``group`` (its claims), as one unit with their entities and figures."""
    start = sentence.start
    body = text[start:sentence.end].rstrip()
    ref = Ref(doc=group[0].ref.doc, start=start, end=start + len(body), text=body, kind="sentence")
    return Unit(ref=ref, stems=[s for u in group for s in u.stems], entities=set().union(*(u.entities for u in group)),
                numbers=set().union(*(u.numbers for u in group)), index=group[0].index)


def _alignment(story_id: str, relation: str, score: float, a: Unit, b: Unit, feats: dict) -> Alignment:
    return Alignment(id=alignment_id(story_id, relation, a.ref, b.ref), story=story_id, relation=relation,
                     score=round(min(score, 1.0), 3), a=a.ref, b=b.ref, features=feats)


def _dedupe(items: list[Alignment]) -> list[Alignment]:
    seen: dict[str, Alignment] = {}
    for a in items:
        if a.id not in seen or a.score > seen[a.id].score:
            seen[a.id] = a
    order = {"same": 0, "agree": 1, "conflict": 2, "only-here": 3}
    return sorted(seen.values(), key=lambda a: (order[a.relation], a.a.doc, a.a.start, a.id))


def _embed(embedder: Embedder | None, units: list[Unit]) -> dict[int, Sequence[float]] | None:
    if embedder is None or not units:
        return None
    # the claim, not who made it or whom it names: shared attributions and names inflate cosine
    vecs = embedder([u.masked or u.claim_text for u in units])
    return {id(u): v for u, v in zip(units, vecs)}


def _cos(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b))
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(y * y for y in b))
    return max(0.0, dot / (na * nb)) if na and nb else 0.0


def align_all(stories: list[Story], analyses: list[DocAnalysis], entities: list[Entity],
              embedder: Embedder | None = None) -> list[Alignment]:
    out: list[Alignment] = []
    for s in stories:
        out += align_story(s, analyses, entities, embedder=embedder)
    return out
