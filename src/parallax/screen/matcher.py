"""Screening: an in-memory blocking index over list entries and an explainable scorer.

Score = name similarity (weight 1) plus small, named adjustments, clipped to [0, 1]:

=================  ======  ==============================================================
feature            weight  value
=================  ======  ==============================================================
name               1.0     token-bag similarity across scripts (names.name_similarity)
country            0.1     +1 a country attached to the name ("Slovakia's X") is the entry's,
                           +0.5 one elsewhere in the sentence is
country            0.2     -1 / -0.5 when the article places the party in other countries only
                           (a conflict weighs more than a agreement: a namesake abroad is common)
generic_name       -0.2    1 when the article's name is a single token ("Norvex"): weak evidence
org_context        0.05    1 when the article calls an organisation-entry match a company
role               0.05    share of the article's role words found in the entry's positions/notes
=================  ======  ==============================================================

The default threshold 0.85 lets an exact name pass with no context, a single-token
name pass only with supporting context (a matching country), and drops same-name
parties the article places in another country.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from parallax.model import DocAnalysis, Document, Entity, ScreeningHit
from parallax.screen.context import entity_context, merge_context
from parallax.screen.lists import country_code
from parallax.screen.names import ORG, PERSON, SCHEMA_KIND, blocking_keys, name_similarity, name_tokens

WEIGHTS = {"name": 1.0, "country": 0.1, "country_conflict": 0.2, "generic_name": -0.2, "org_context": 0.05, "role": 0.05}
DEFAULT_THRESHOLD = 0.85
MAX_POSTING = 300  # keys shared by more variants than this are a last resort
MAX_CANDIDATES = 12  # retrieved per query name, best-blocked first
MAX_SCORED = 4  # of those, fully scored after a cheap C-level token-set prefilter
PREFILTER_CUTOFF = 60  # rapidfuzz token_set_ratio below this cannot reach any useful score
VOTE_BUDGET = 500  # posting entries counted per query before the commonest keys are skipped
SCREENED_TYPES = {"PERSON", "ORG"}
NOT_ORGS = {"NORP", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LANGUAGE"}


@dataclass
class _Variant:
    entry: int  # index into Screener.entries
    name: str
    tokens: tuple[str, ...]
    alias: bool
    text: str = ""  # tokens joined, for the prefilter


class Screener:
    """Candidate index over list entries (dicts as produced by ``screen.lists``)."""

    def __init__(self, entries: Iterable[dict], list_name: str | None = None, list_version: str | None = None):
        self.entries: list[dict] = []
        self.kinds: list[str] = []
        self.variants: list[_Variant] = []
        self.index: dict[str, list[int]] = defaultdict(list)  # key -> variant ids
        self.default_list, self.default_version = list_name or "list", list_version
        for entry in entries:
            self.add(entry)

    def add(self, entry: dict) -> None:
        e = len(self.entries)
        kind = SCHEMA_KIND.get(entry.get("schema", ""), ORG)
        self.entries.append(entry)
        self.kinds.append(kind)
        seen: set[tuple[str, ...]] = set()
        for i, name in enumerate([entry["name"], *entry.get("aliases", [])]):
            tokens = name_tokens(name, kind)
            if not tokens or tokens in seen:
                continue
            seen.add(tokens)
            v = len(self.variants)
            self.variants.append(_Variant(e, name, tokens, alias=i > 0, text=" ".join(tokens)))
            for key in blocking_keys(tokens):
                self.index[key].append(v)

    def __len__(self) -> int:
        return len(self.entries)

    # -- retrieval -----------------------------------------------------------------------
    def candidates(self, tokens: tuple[str, ...], limit: int = MAX_CANDIDATES) -> list[int]:
        """Variant ids sharing the most keys with a token bag, rarest keys first.

        Common keys (a frequent first name, a phonetic code shared by thousands) are
        only consulted when the rarer ones found nothing: they add cost, not signal.
        """
        postings = sorted((p for p in (self.index.get(k) for k in blocking_keys(tokens)) if p), key=len)
        votes: Counter[int] = Counter()
        counted = 0
        for posting in postings:
            if votes and (len(posting) > MAX_POSTING or counted + len(posting) > VOTE_BUDGET):
                break
            votes.update(posting[:MAX_POSTING])  # C-level counting; a common key only as a bounded last resort
            counted += len(posting)
        return [v for v, _ in votes.most_common(limit)]

    # -- scoring --------------------------------------------------------------------------
    def match_name(self, name: str, kinds: Sequence[str] = (PERSON, ORG), context: dict | None = None,
                   threshold: float = DEFAULT_THRESHOLD) -> list[tuple[float, dict, dict]]:
        """(score, entry, features) for list entries matching one name, best first (one per entry)."""
        context = context or {}
        best: dict[int, tuple[float, dict]] = {}
        for kind in kinds:
            tokens = name_tokens(name, kind)
            if not tokens:
                continue
            same_kind = {v: self.variants[v].text for v in self.candidates(tokens)
                         if self.kinds[self.variants[v].entry] == kind}  # a person never matches a company
            shortlist = process.extract(" ".join(tokens), same_kind, scorer=fuzz.token_set_ratio,
                                        score_cutoff=PREFILTER_CUTOFF, limit=MAX_SCORED)
            for _text, _quick, v in shortlist:
                var = self.variants[v]
                score, feats = self._score(tokens, var, kind, context)
                if score >= threshold and score > best.get(var.entry, (-1.0, {}))[0]:
                    best[var.entry] = (score, feats)
        ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
        return [(score, self.entries[e], feats) for e, (score, feats) in ranked]

    def _score(self, tokens: tuple[str, ...], var: _Variant, kind: str, context: dict) -> tuple[float, dict]:
        entry = self.entries[var.entry]
        feats: dict[str, dict] = {}
        sim = name_similarity(tokens, var.tokens, kind)
        feats["name"] = {"value": round(sim, 4), "weight": WEIGHTS["name"], "matched": var.name,
                         "alias": var.alias}
        feats["schema"] = {"value": f"{kind}~{entry.get('schema')}", "weight": 0.0}
        country = _country_value(entry.get("countries") or [], context)
        if country:
            weight = WEIGHTS["country"] if country > 0 else WEIGHTS["country_conflict"]
            feats["country"] = {"value": country, "weight": weight,
                                "entry": entry.get("countries"), "article": context.get("countries_near")
                                or context.get("countries_sentence")}
        if len(tokens) == 1:
            feats["generic_name"] = {"value": 1, "weight": WEIGHTS["generic_name"]}
        if kind == ORG and (context.get("org_cue_near") or context.get("org_cue")):
            feats["org_context"] = {"value": 1 if context.get("org_cue_near") else 0.5,
                                    "weight": WEIGHTS["org_context"]}
        role = _role_value(context.get("roles") or [], entry)
        if role:
            feats["role"] = {"value": round(role, 3), "weight": WEIGHTS["role"]}
        score = sum(f["value"] * f["weight"] for k, f in feats.items() if k != "schema")
        return min(max(score, 0.0), 1.0), feats

    # -- entities ---------------------------------------------------------------------------
    def screen(self, entity: Entity, context: dict | None = None,
               threshold: float = DEFAULT_THRESHOLD) -> list[ScreeningHit]:
        """Hits for one entity; ``context`` as built by ``screen.context`` (or {"countries": [...]})."""
        ctx = merge_context({}, context)
        kinds = ctx.get("kinds") or _kinds_for(entity, ctx)
        if not kinds:
            return []
        best: dict[str, tuple[float, dict, dict]] = {}
        for name in _screened_names(entity):
            for score, entry, feats in self.match_name(name, kinds, ctx, threshold):
                if score > best.get(entry["id"], (-1.0,))[0]:
                    best[entry["id"]] = (score, entry, feats)
        hits = [
            ScreeningHit(entity=entity.id, list=entry.get("list") or self.default_list, list_entry_id=entry["id"],
                         score=round(score, 4), features=feats, entry_name=entry["name"],
                         list_version=entry.get("list_version") or self.default_version)
            for score, entry, feats in best.values()
        ]
        return sorted(hits, key=lambda h: -h.score)


def _screened_names(entity: Entity) -> list[str]:
    """The canonical name and the aliases that are not just a part of it (a bare surname)."""
    full = set(name_tokens(entity.name, PERSON))
    names = [entity.name]
    for alias in entity.aliases:
        toks = set(name_tokens(alias, PERSON))
        if alias not in names and not (toks < full):
            names.append(alias)
    return names


def _country_value(entry_countries: list[str], context: dict) -> float:
    if not entry_countries:
        return 0.0
    near, sent = context.get("countries_near") or [], context.get("countries_sentence") or []
    if near:
        return 1.0 if set(near) & set(entry_countries) else -1.0
    if sent:
        return 0.5 if set(sent) & set(entry_countries) else -0.5
    return 0.0


def _role_value(roles: list[str], entry: dict) -> float:
    if not roles:
        return 0.0
    raw = entry.get("raw") or {}
    known = " ".join(str(x) for x in [*(raw.get("position") or []), raw.get("title") or "",
                                      raw.get("remarks") or ""]).lower()
    words = {w for r in roles for w in r.lower().split() if len(w) > 3}
    if not known.strip() or not words:
        return 0.0
    return sum(w in known for w in words) / len(words)


def _kinds_for(entity: Entity, ctx: dict) -> tuple[str, ...]:
    """Which kinds of list entry an extracted entity may be.

    PERSON and ORG map directly; a mis-typed name (NER says GPE/PRODUCT/...) is screened
    as an organisation when its sentence calls it a company and it is not a country.
    A PERSON the text calls a company right next to the name may be either.
    """
    if entity.type == "PERSON":
        return (PERSON, ORG) if ctx.get("org_cue_near") else (PERSON,)
    if entity.type == "ORG":
        return (ORG,)
    if entity.type in NOT_ORGS or not ctx.get("org_cue"):
        return ()
    if country_code(entity.name):  # "Russia" in a sentence about companies is still a country
        return ()
    return (ORG,)


def _docs_map(analyses_or_texts) -> dict[str, DocAnalysis | str]:
    if isinstance(analyses_or_texts, dict):
        return analyses_or_texts
    out: dict[str, DocAnalysis | str] = {}
    for item in analyses_or_texts or []:
        if isinstance(item, DocAnalysis):
            out[item.document.id] = item
        elif isinstance(item, Document):
            out[item.id] = item.text
    return out


def screen_entities(entities: list[Entity], analyses_or_texts, screener: Screener,
                    threshold: float | None = None) -> list[ScreeningHit]:
    """Screen every entity that can be a party (see ``_kinds_for``) with its article context.

    ``analyses_or_texts``: DocAnalysis objects, Documents, or a {doc id: text} dict.
    """
    if threshold is None:
        from parallax.config import get_settings

        threshold = get_settings().screen_threshold
    docs = _docs_map(analyses_or_texts)
    hits: list[ScreeningHit] = []
    for entity in entities:
        if entity.type in NOT_ORGS:
            continue
        ctx = entity_context(entity, docs)
        hits.extend(screener.screen(entity, ctx, threshold))
    return hits
