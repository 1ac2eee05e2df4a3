"""Group articles into stories (articles about the same event).

Two articles are linked when they were published close in time and their similarity
-- TF-IDF cosine of the texts plus IDF-weighted overlap of the resolved entities they
mention (rare entities count more) -- reaches a threshold. Stories are the connected
components of those links, checked by average linkage so one bridging article cannot
chain two unrelated events together.

IDF says little in a small corpus (with three articles every entity is "rare"), and an
article on another angle of the same event (the markets, the courts) shares few words with
the news report. So the entity part also counts the distinctive named parties two articles
share -- people, organisations, facilities, named events and products; never places or
nationalities -- each weighted by how specific it is: one in many articles of the corpus
weighs less, a public office holder or a state institution (who turn up in many events of one
country) half, a name contained in another shared name is counted once. One shared party is no
evidence; each further one adds a third, so two different events that share only a head of
state and a ministry stay apart.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict

from parallax.model import DocAnalysis, Entity, Story
from parallax.nlp.analyzed import published_date

MAX_DAYS_APART = 4  # articles on one event are published within a few days of each other
LINK_THRESHOLD = 0.3
MAX_POSTING = 500  # an entity in more articles than this is too common to propose links
TEXT_WEIGHT = 0.5
ENTITY_WEIGHT = 0.5
# entity types that identify an event; nationality adjectives do not
STORY_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
# named parties: places are shared by every event in a country, so they are not counted
PARTY_TYPES = {"PERSON", "ORG", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
SPECIFIC_DF = 8  # a party in more articles than this weighs SPECIFIC_DF / df
PARTY_FREE = 1.0  # the first shared party (weight) is not evidence yet
PARTY_FULL = 3.0  # ... and this much more makes the party evidence complete
# roles and institutions found in many events of one country
PUBLIC_OFFICE = re.compile(
    r"\b(?:president|prime minister|premier|chancellor|minister|secretary|king|queen|prince|governor|mayor|"
    r"senator|congressman|congresswoman|lawmaker|mp|spokes(?:man|woman|person)|ambassador|general|"
    r"commissioner|attorney general|prosecutor|judge)\b", re.I)
INSTITUTION = re.compile(
    r"\b(?:ministry|government|parliament|senate|congress|assembly|cabinet|police|army|navy|air force|"
    r"armed forces|court|council|commission|department|presidency|treasury|central bank|"
    r"united nations|european union|nato)\b", re.I)
_NAME_WORD = re.compile(r"[^\W\d_]+")
_LEGAL_WORDS = {"plc", "inc", "ltd", "llc", "sa", "s", "a", "ag", "gmbh", "corp", "co", "the", "of", "group"}


def story_id(doc_ids: list[str]) -> str:
    return "S" + hashlib.sha1(min(doc_ids).encode("utf-8")).hexdigest()[:12]


def _text_similarity(texts: list[str]):
    """Pairwise TF-IDF cosine similarities (a sparse matrix), or None for < 2 texts."""
    if len(texts) < 2:
        return None
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        vec = TfidfVectorizer(stop_words="english", sublinear_tf=True, token_pattern=r"(?u)\b[^\W\d_]{2,}\b")
        x = vec.fit_transform(texts)
    except ValueError:  # empty vocabulary
        return None
    return (x @ x.T).tocsr()


def _doc_entities(analyses: list[DocAnalysis], entities: list[Entity]) -> dict[str, set[str]]:
    """Resolved entity ids per document (only event-identifying types)."""
    out: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        if e.type not in STORY_TYPES:
            continue
        for d in e.docs:
            out[d].add(e.id)
    return out


def _entity_similarity(a: set[str], b: set[str], idf: dict[str, float]) -> tuple[float, list[str]]:
    shared = a & b
    if not shared:
        return 0.0, []
    smaller = min(sum(idf[e] for e in a), sum(idf[e] for e in b))
    score = sum(idf[e] for e in shared) / smaller if smaller else 0.0
    return min(score, 1.0), sorted(shared, key=lambda e: -idf[e])


def _party_weight(e: Entity, df: int) -> float:
    """How much one shared named party says two articles tell one event."""
    w = min(1.0, SPECIFIC_DF / df) if df else 1.0
    roles = " ".join(f"{r.role or ''} {r.organization or ''}" for r in e.roles)
    if (e.type == "PERSON" and PUBLIC_OFFICE.search(roles)) or (e.type == "ORG" and INSTITUTION.search(e.name)):
        w *= 0.5
    if len(_name_words(e.name)) < 2:
        w *= 0.5  # a single word ("Kestrel", "Parliament") names many things
    return w


def _name_words(name: str) -> frozenset[str]:
    return frozenset(w for w in _NAME_WORD.findall(name.casefold()) if w not in _LEGAL_WORDS)


def _party_evidence(shared: set[str], by_id: dict[str, Entity], weight: dict[str, float]) -> float:
    """0..1: the count and specificity of the distinctive named parties two articles share; a
    name whose words are all in another shared name ("Borlan" / "Borlan Mining plc") once."""
    parties = sorted((by_id[e] for e in shared if e in by_id and by_id[e].type in PARTY_TYPES),
                     key=lambda e: (-len(_name_words(e.name)), e.id))
    kept: list[frozenset[str]] = []
    total = 0.0
    for e in parties:
        words = _name_words(e.name)
        if not words or any(words <= k for k in kept):
            continue
        kept.append(words)
        total += weight[e.id]
    return max(0.0, min(1.0, (total - PARTY_FREE) / PARTY_FULL))


class _UnionFind(dict):
    def find(self, x):
        self.setdefault(x, x)
        while self[x] != x:
            self[x] = self[self[x]]
            x = self[x]
        return x


def group_stories(analyses: list[DocAnalysis], entities: list[Entity]) -> list[Story]:
    """Stories over the corpus: several events yield several stories; ids are stable."""
    if not analyses:
        return []
    docs = sorted(analyses, key=lambda a: a.document.id)
    ids = [a.document.id for a in docs]
    n = len(docs)
    dates = [published_date(a.document.published) for a in docs]
    sims = _text_similarity([a.document.text for a in docs])
    ents = _doc_entities(docs, entities)
    df = Counter(e for d in ids for e in ents.get(d, ()))
    idf = {e: math.log((n + 1) / (c + 1)) + 1.0 for e, c in df.items()}
    by_id = {e.id: e for e in entities}
    weight = {e: _party_weight(by_id[e], c) for e, c in df.items() if e in by_id}

    docs_of: dict[str, list[int]] = defaultdict(list)
    for k, d in enumerate(ids):
        for e in ents.get(d, ()):
            docs_of[e].append(k)
    pair_score: dict[tuple[int, int], float] = {}
    for i in range(n):
        row = sims.getrow(i) if sims is not None else None
        cos = dict(zip(row.indices, row.data)) if row is not None else {}
        # candidates: any text overlap or a shared entity (blocking instead of all pairs)
        cand = {j for j in cos if j > i}
        for e in ents.get(ids[i], ()):
            if len(docs_of[e]) <= MAX_POSTING:
                cand.update(j for j in docs_of[e] if j > i)
        for j in sorted(cand):
            if dates[i] and dates[j] and abs((dates[i] - dates[j]).days) > MAX_DAYS_APART:
                continue
            a, b = ents.get(ids[i], set()), ents.get(ids[j], set())
            es, _ = _entity_similarity(a, b, idf)
            es = max(es, _party_evidence(a & b, by_id, weight))
            score = TEXT_WEIGHT * float(cos.get(j, 0.0)) + ENTITY_WEIGHT * es
            pair_score[(i, j)] = score

    uf = _UnionFind()
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for (i, j), s in sorted(pair_score.items(), key=lambda kv: (-kv[1], kv[0])):
        if s < LINK_THRESHOLD:
            break
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj:
            continue
        # average linkage: the two groups must be similar on average, not via one bridge
        cross = [pair_score.get((min(a, b), max(a, b)), 0.0) for a in members[ri] for b in members[rj]]
        if sum(cross) / len(cross) < LINK_THRESHOLD * 0.75:
            continue
        root, other = min(ri, rj), max(ri, rj)
        uf[other] = root
        members[root] = members[root] + members.pop(other)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[uf.find(i)].append(i)
    stories = []
    for idx in groups.values():
        group_ids = [ids[i] for i in idx]
        known = sorted(d for i in idx if (d := dates[i]))
        published = sorted(p for i in idx if (p := docs[i].document.published))
        stories.append(Story(
            id=story_id(group_ids),
            title=_title([docs[i] for i in idx], ents, by_id, idf),
            docs=sorted(group_ids),
            start=published[0] if published else (known[0].isoformat() if known else None),
            end=published[-1] if published else (known[-1].isoformat() if known else None),
        ))
    stories.sort(key=lambda s: (-len(s.docs), s.start or "", s.id))
    return stories


def _title(docs: list[DocAnalysis], ents: dict[str, set[str]], by_id: dict[str, Entity],
           idf: dict[str, float]) -> str:
    """The headline of the story's most central article: the one naming most of the entities
    the story's articles share (earliest among equals); else the shared entities' names."""
    count = Counter(e for a in docs for e in ents.get(a.document.id, ()))
    mentions = Counter()
    for a in docs:
        for eid in ents.get(a.document.id, ()):
            ent = by_id.get(eid)
            if ent is not None:
                mentions[eid] += sum(1 for m in ent.mentions if m.doc == a.document.id)
    ranked = sorted(count, key=lambda e: (-count[e], -mentions[e] * idf.get(e, 1.0), by_id[e].name))
    top = set(ranked[:6])
    titled = [a for a in docs if a.document.title]
    if titled:
        central = min(titled, key=lambda a: (-len(top & set(ents.get(a.document.id, ()))),
                                             a.document.published or "", a.document.id))
        return central.document.title
    names = [by_id[e].name for e in ranked[:4] if e in by_id]
    return ", ".join(names) if names else docs[0].document.id
