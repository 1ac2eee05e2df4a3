"""Merge per-document entities into cross-document entities.

Steps (each merge records its evidence):
1. analyst decisions: "merge" unions, "split" becomes a cannot-link constraint;
2. candidate pairs from blocking keys (country code, person first/last-part phonetic
   keys, organisation token keys) -- never all pairs;
3. scored pairs merged best-first; a merge is refused when any person name in one
   cluster is incompatible with one in the other (no chaining John Smith - J. Smith -
   Jane Smith) or when it would join a split pair;
4. bare single-word person clusters ("Lee") join the unique compatible candidate:
   in their own document if one is there, else across the corpus; ambiguous -> alone;
5. bare compass names ("the North") join the one country of their document named so.

Before step 2, a full personal name the small NER typed as an organisation or place in one article is a
person when another article gives the same name a person's role ("President X" typed GPE in one outlet).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from itertools import combinations

from parallax.extract.lexicon import state_short_name
from parallax.model import Decision, Entity
from parallax.resolve.names import (
    BUSINESS_WORDS,
    FACILITY_WORDS,
    PersonName,
    acronym,
    compare_orgs,
    org_names_conflict,
    compare_persons,
    org_tokens,
    person_name,
    person_score,
    phonetic,
    same_state_body,
    state_body_key,
)
from parallax.resolve.places import COMPASS, clean_place, country_name, state_code

PLACE_TYPES = {"GPE", "LOC"}
# types whose names may denote a country/government (spaCy often tags "PRC" or "UAE" as ORG)
COUNTRYISH = {"GPE", "LOC", "ORG"}
MERGE_THRESHOLD = 0.75
MAX_BLOCK = 400  # a blocking key shared by more entities than this is too common to use alone


def exported_id(member_id: str) -> str:
    """Stable id of a cross-document entity: from its smallest member id."""
    return "E" + hashlib.sha1(member_id.encode("utf-8")).hexdigest()[:12]


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return ra


def _type_group(t: str) -> str:
    if t == "PERSON":
        return "PERSON"
    if t in PLACE_TYPES:
        return "PLACE"
    return t


def _types_compatible(a: Entity, b: Entity, ca: str | None, cb: str | None) -> bool:
    if (a.type == "PERSON") != (b.type == "PERSON"):
        return False
    if ca and cb:
        return ca == cb
    return _type_group(a.type) == _type_group(b.type)


class _Resolver:
    def __init__(self, entities: Sequence[Entity], retyped: dict[str, str] | None = None):
        self.ents = list(entities)
        self.retyped = retyped or {}
        self.n = len(self.ents)
        self.uf = _UnionFind(self.n)
        self.evidence: dict[int, list[dict]] = defaultdict(list)
        self.cannot: dict[int, set[int]] = defaultdict(set)
        self.country = [self._country(e) for e in self.ents]
        self.pname: list[PersonName | None] = [
            person_name(e.name) if e.type == "PERSON" else None for e in self.ents
        ]
        self.members: dict[int, list[int]] = {i: [i] for i in range(self.n)}
        self.acronyms: list[set[str]] = [_acronym_forms(e) for e in self.ents]

    @staticmethod
    def _country(e: Entity) -> str | None:
        if e.type not in COUNTRYISH:
            return None
        name = e.name.strip()
        if e.type == "ORG" and len(name.replace(".", "")) <= 3:
            return None  # "AI", "IT": organisations, not Anguilla or Italy
        return state_code(name)  # a capital's entity is the city; "Moscow said" joined Russia in its document

    # -- cluster bookkeeping -----------------------------------------------------------
    def _merge(self, i: int, j: int, score: float, rule: str, features: dict) -> None:
        ri, rj = self.uf.find(i), self.uf.find(j)
        if ri == rj:
            return
        root = self.uf.union(ri, rj)
        other = rj if root == ri else ri
        self.members[root] = self.members.get(root, []) + self.members.pop(other, [])
        self.evidence[root] = self.evidence.get(root, []) + self.evidence.pop(other, [])
        was = {e.id: self.retyped[e.id] for e in (self.ents[i], self.ents[j]) if e.id in self.retyped}
        if was:
            features = {**features, "typed_elsewhere_as": was}  # a person's name the NER typed otherwise
        self.evidence[root].append({
            "a": self.ents[i].id, "b": self.ents[j].id, "a_name": self.ents[i].name,
            "b_name": self.ents[j].name, "rule": rule, "score": round(score, 3), "features": features,
        })

    def _split_between(self, ri: int, rj: int) -> bool:
        mj = set(self.members[rj])
        return any(x in mj for m in self.members[ri] for x in self.cannot.get(m, ()))

    def _persons_consistent(self, ri: int, rj: int) -> tuple[bool, bool]:
        """(no conflicting full names, the clusters share role/organisation evidence)."""
        full_i = [k for k in self.members[ri] if self.pname[k] and not self.pname[k].is_single]
        full_j = [k for k in self.members[rj] if self.pname[k] and not self.pname[k].is_single]
        for a in full_i:
            for b in full_j:
                if self.pname[a].parts == self.pname[b].parts:
                    continue
                ok, _ = compare_persons(self.pname[a], self.pname[b])
                if not ok:
                    return False, False
        return True, bool(self._role_overlap(ri, rj))

    def _orgs_conflict(self, ri: int, rj: int) -> bool:
        """Whether the clusters hold the names of two organisations that share a stem ("X Shipping" and
        "X Energy"): a short form ("X") joins one of them, never both."""
        if self.country[ri] or self.country[rj]:
            return False
        names_i = {org_tokens(self.ents[k].name) for k in self.members[ri]}
        names_j = {org_tokens(self.ents[k].name) for k in self.members[rj]}
        return any(org_names_conflict(a, b) for a in names_i for b in names_j)

    def _role_overlap(self, ri: int, rj: int) -> dict:
        def keys(root: int) -> tuple[set[str], set[str]]:
            roles, orgs = set(), set()
            for k in self.members[root]:
                for r in self.ents[k].roles:
                    if r.role:
                        roles.add(r.role.casefold().strip())
                    if r.organization:
                        orgs.add(" ".join(org_tokens(r.organization)))
            return roles, orgs

        (ra, oa), (rb, ob) = keys(ri), keys(rj)
        out = {}
        if ra & rb:
            out["role"] = sorted(ra & rb)[0]
        if oa & ob:
            out["organization"] = sorted(oa & ob)[0]
        return out

    # -- stages --------------------------------------------------------------------------
    def apply_decisions(self, decisions: Iterable[Decision], resolve_ref) -> None:
        last: dict[tuple[int, int], str] = {}
        for d in decisions:
            for a in resolve_ref(d.a):
                for b in resolve_ref(d.b):
                    if a != b:
                        last[(min(a, b), max(a, b))] = d.kind
        for (a, b), kind in sorted(last.items()):
            if kind == "split":
                self.cannot[a].add(b)
                self.cannot[b].add(a)
        for (a, b), kind in sorted(last.items()):
            if kind == "merge":
                self._merge(a, b, 1.0, "decision", {"decision": "merge"})

    def candidate_pairs(self) -> set[tuple[int, int]]:
        blocks: dict[tuple, list[int]] = defaultdict(list)
        for i, e in enumerate(self.ents):
            for key in self._keys(i, e):
                blocks[key].append(i)
        pairs: set[tuple[int, int]] = set()
        for key, idx in blocks.items():
            if len(idx) < 2 or len(idx) > MAX_BLOCK:
                continue
            pairs.update(combinations(idx, 2))
        return pairs

    def _keys(self, i: int, e: Entity) -> list[tuple]:
        if self.country[i]:
            return [("C", self.country[i])]
        pn = self.pname[i]
        if pn is not None:
            if pn.is_single or not pn.parts:
                return []
            return [("PF", phonetic(pn.first)), ("PL", phonetic(pn.last))]
        toks = org_tokens(e.name)
        keys = [("O", _type_group(e.type), "".join(toks))]
        keys += [("OT", t) for t in toks if len(t) >= 4]
        if len(toks) == 1:
            keys.append(("OT", toks[0]))
        else:
            keys.append(("OT", acronym(toks)))
        keys += [("OT", a) for a in self.acronyms[i]]
        return keys

    def score_pair(self, i: int, j: int) -> tuple[float, str, dict]:
        a, b = self.ents[i], self.ents[j]
        ca, cb = self.country[i], self.country[j]
        if {a.type, b.type} == {"ORG", "GPE"} and not (ca or cb):
            # "DRV" typed ORG where another article defines it for a state ("Democratic Republic of X (DRV)")
            org, gpe = (i, j) if a.type == "ORG" else (j, i)
            name = self.ents[org].name.replace(".", "").strip()
            if name.isupper() and name.casefold() in self.acronyms[gpe]:
                return 0.9, "acronym", {"acronym": name.casefold()}
        if not _types_compatible(a, b, ca, cb):
            return 0.0, "", {}
        if ca and cb and ca == cb:
            return 0.95, "country", {"country": ca}
        if a.type == "PERSON":
            ok, feats = compare_persons(self.pname[i], self.pname[j])
            if not ok:
                return 0.0, "", {}
            return person_score(feats), "person-name", feats
        if a.type == b.type == "ORG":
            same = same_state_body(a.name, b.name)
            if same is not None:  # "US Treasury" ~ "Treasury Department (United States)"; two states' ministries differ
                return (0.9, "state-body", {"state_body": " ".join(x for x in state_body_key(a.name) if x)}) if same else (
                    0.0, "", {})
        heads = BUSINESS_WORDS if a.type == b.type == "ORG" else FACILITY_WORDS if a.type == b.type == "FAC" else frozenset()
        na, nb = a.name, b.name
        if _type_group(a.type) == "PLACE":  # "the Democratic Republic of X" is X
            na, nb = state_short_name(na) or na, state_short_name(nb) or nb
        s, feats = compare_orgs(org_tokens(na), org_tokens(nb), heads)
        if s == 0 and a.type == b.type:
            # an acronym one article defines ("Long Name (LN)") is the name another uses alone
            shared = (self.acronyms[i] | {"".join(org_tokens(a.name))}) & (self.acronyms[j] | {"".join(org_tokens(b.name))})
            if shared and (self.acronyms[i] & shared or self.acronyms[j] & shared):
                return 0.9, "acronym", {"acronym": sorted(shared)[0]}
        return s, "name", feats

    def merge_scored(self) -> None:
        scored = []
        for i, j in self.candidate_pairs():
            s, rule, feats = self.score_pair(i, j)
            if s > 0:
                scored.append((-s, self.ents[i].id, self.ents[j].id, i, j, rule, feats))
        for neg, _ai, _bi, i, j, rule, feats in sorted(scored, key=lambda t: t[:3]):
            ri, rj = self.uf.find(i), self.uf.find(j)
            if ri == rj or self._split_between(ri, rj):
                continue
            score = -neg
            feats = dict(feats)
            if self.ents[i].type != "PERSON" and self._orgs_conflict(ri, rj):
                continue
            if self.ents[i].type == "PERSON":
                ok, _ = self._persons_consistent(ri, rj)
                if not ok:
                    continue
                support = self._role_overlap(ri, rj)
                if support:
                    feats["support"] = support
                    score = min(1.0, score + 0.1)
                if (feats.get("missing_part") or feats.get("initials")) and not support:
                    continue  # a missing middle name or an initial needs role/org evidence
            if score >= MERGE_THRESHOLD:
                self._merge(i, j, score, rule, feats)

    def join_bare_names(self) -> None:
        """Single-word person clusters join the one compatible multi-part cluster."""
        by_part: dict[str, list[int]] = defaultdict(list)
        for k, pk in enumerate(self.pname):
            if pk is not None and not pk.is_single and pk.parts:
                for part in {pk.first, pk.last}:
                    by_part[part].append(k)
        for i in sorted(range(self.n), key=lambda k: self.ents[k].id):
            pn = self.pname[i]
            if pn is None or not pn.is_single or self.uf.find(i) != i or len(self.members[i]) > 1:
                continue
            word = pn.parts[0] if pn.parts else ""
            if len(word) < 2:
                continue
            cands: dict[int, bool] = {}  # root -> has a member in the same document
            for k in by_part.get(word, ()):
                root = self.uf.find(k)
                same_doc = bool(set(self.ents[k].docs) & set(self.ents[i].docs))
                cands[root] = cands.get(root, False) or same_doc
            local = [r for r, same in cands.items() if same]
            pool = local if local else list(cands)
            scope = "same-document" if local else "corpus"
            if len(pool) > 1 and local:
                nearest = self._nearest_preceding(i, local)
                pool, scope = ([nearest], "nearest-preceding-full-name") if nearest is not None else (pool, scope)
            if len(pool) != 1 or self._split_between(self.uf.find(i), pool[0]):
                continue
            self._merge(pool[0], i, 0.8, "bare-name", {"name_part": word, "unique_candidate": scope})

    def _nearest_preceding(self, i: int, roots: list[int]) -> int | None:
        """The one candidate whose full name was mentioned last before every bare mention.

        News introduces a person by full name and then uses the surname alone, so a
        bare "Kim" refers to the Kim named most recently before it in the same article.
        """
        docs = set(self.ents[i].docs)
        full: list[tuple[str, int, int]] = []  # (doc, start, root)
        for root in roots:
            for k in self.members[root]:
                if self.pname[k] is not None and not self.pname[k].is_single:
                    full += [(m.doc, m.start, root) for m in self.ents[k].mentions if m.doc in docs]
        chosen: set[int] = set()
        for m in self.ents[i].mentions:
            before = [(start, root) for doc, start, root in full if doc == m.doc and start < m.start]
            if not before:
                return None
            chosen.add(max(before)[1])
        return chosen.pop() if len(chosen) == 1 else None

    def join_compass_names(self) -> None:
        """"the North" joins the single country of its document whose name starts with it."""
        for i, e in enumerate(self.ents):
            if _type_group(e.type) != "PLACE" or clean_place(e.name) not in COMPASS:
                continue
            word = clean_place(e.name)
            roots = {
                self.uf.find(k) for k in range(self.n)
                if self.country[k] and set(self.ents[k].docs) & set(e.docs)
                and country_name(self.country[k]).casefold().startswith(word + " ")
            }
            if len(roots) == 1:
                root = roots.pop()
                if self.uf.find(i) != root and not self._split_between(self.uf.find(i), root):
                    self._merge(root, i, 0.8, "compass-name", {"word": word, "country": country_name(
                        self.country[next(k for k in self.members[root] if self.country[k])])})

    # -- output --------------------------------------------------------------------------
    def build(self) -> list[Entity]:
        out = []
        roots = sorted({self.uf.find(i) for i in range(self.n)})
        for root in roots:
            idx = sorted(self.members[root], key=lambda k: self.ents[k].id)
            out.append(self._combine([self.ents[k] for k in idx], idx, self.evidence.get(root, [])))
        out.sort(key=lambda e: (-len(e.docs), -len(e.mentions), e.name, e.id))
        return out

    def _combine(self, ents: list[Entity], idx: list[int], evidence: list[dict]) -> Entity:
        codes = Counter(self.country[k] for k in idx if self.country[k])
        type_counts = Counter(e.type for e in ents)
        if codes:
            etype = "GPE"
            name = country_name(codes.most_common(1)[0][0])
        else:
            etype = sorted(type_counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            name = _canonical_name(ents)
        surface: list[str] = []
        for e in ents:
            for form in [e.name, *e.aliases, *(m.text for m in e.mentions)]:
                if form and form not in surface:
                    surface.append(form)
        docs: list[str] = []
        for e in ents:
            for d in e.docs:
                if d not in docs:
                    docs.append(d)
        mentions = sorted((m for e in ents for m in e.mentions), key=lambda m: (m.doc, m.start, m.end))
        members = [e.id for e in ents]
        return Entity(
            id=exported_id(min(members)),
            name=name,
            type=etype,
            aliases=[s for s in surface if s != name],
            mentions=mentions,
            roles=[r for e in ents for r in e.roles],
            docs=docs,
            members=members,
            merge_evidence=evidence,
        )


def _acronym_forms(e: Entity) -> set[str]:
    """Folded acronyms an organisation goes by in its article: an all-caps single word among its
    names ("Long Name (LN)" gives "ln"); empty for people and places."""
    if e.type not in ("ORG", "FAC", "GPE"):
        return set()
    out = set()
    for f in (e.name, *e.aliases):
        plain = f.replace(".", "").strip()
        if plain.isalpha() and plain.isupper() and 2 <= len(plain) <= 8:
            out.add(plain.casefold())
    return out


def _canonical_name(ents: list[Entity]) -> str:
    """The most complete name: most name parts, then most mentions, then longest."""
    freq = Counter()
    for e in ents:
        freq[e.name] += max(len(e.mentions), 1)

    def key(name: str) -> tuple:
        clean = name.strip()
        article = clean.casefold().startswith("the ")
        parts = len(person_name(clean).parts) if ents[0].type == "PERSON" else len(org_tokens(clean))
        added = clean.endswith(")") and state_body_key(clean) is not None  # "(Country)" added at extraction
        return (added, -parts, article, -freq[name], -len(clean), clean)

    names = sorted({e.name for e in ents}, key=key)
    best = names[0]
    if best.casefold().startswith("the ") and ents[0].type != "PERSON":
        best = best[4:]
    return best


def _reference_index(ents: Sequence[Entity]):
    """A function mapping a decision reference to per-document entity indexes."""
    by_id = {e.id: i for i, e in enumerate(ents)}
    by_exported = {exported_id(e.id): i for i, e in enumerate(ents)}
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(ents):
        by_name[e.name.casefold().strip()].append(i)

    def resolve(ref: str) -> list[int]:
        if ref in by_id:
            return [by_id[ref]]
        if ref in by_exported:
            return [by_exported[ref]]
        return list(by_name.get(ref.casefold().strip(), []))

    return resolve


# NER types a person's full name may wrongly get
_MISTYPED_PERSON = {"ORG", "GPE", "NORP", "LOC", "FAC"}


def _people_typed_otherwise(ents: Sequence[Entity]) -> dict[str, str]:
    """{entity id: its NER type} for entities whose multi-part name is, in another article, a person's
    with a role ("Harihar X" typed GPE where another outlet writes "President Harihar X")."""
    with_role = {person_name(e.name).parts for e in ents
                 if e.type == "PERSON" and e.roles and len(person_name(e.name).parts) >= 2}
    return {e.id: e.type for e in ents
            if e.type in _MISTYPED_PERSON and state_code(e.name) is None
            and len(e.name.split()) >= 2 and person_name(e.name).parts in with_role}


def resolve_entities(doc_entities: list[Entity], decisions: Sequence[Decision] = ()) -> list[Entity]:
    """Merge per-document entities into cross-document entities (see the module doc)."""
    ents = sorted(doc_entities, key=lambda e: e.id)
    retyped = _people_typed_otherwise(ents)
    ents = [e.model_copy(update={"type": "PERSON"}) if e.id in retyped else e for e in ents]
    r = _Resolver(ents, retyped)
    r.apply_decisions(decisions, _reference_index(ents))
    r.merge_scored()
    r.join_bare_names()
    r.join_compass_names()
    return r.build()
