"""In-document coreference of name mentions.

Clusters by: normalised full name (case/space/hyphen-insensitive), short forms
(surname, or family name first for East Asian names; given name when
unambiguous), organisation/facility core names ("X Group" ~ "X", "X spaceport"
~ "X Spaceport"), acronyms (initials of a long form), parenthetical expansions,
country aliases (ISO code), "the North/South", and capitals used as a country's
actor ("Moscow said"). Ambiguous short forms go to the candidate mentioned most
recently before them. Linear in the number of mentions (dictionary look-ups).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from parallax.extract import lexicon as lx
from parallax.extract.ner_fixes import Cand
from parallax.extract.ner_scan import org_short_forms

# Dependencies that make a capital city an actor standing for its government.
_ACTOR_DEPS = {"nsubj", "nsubjpass", "poss", "dative", "agent", "dobj", "appos"}
_ACTOR_PREPS = {"between", "with", "against", "by", "from"}
_PLACE_VERBS = {"visit", "reach", "leave", "enter", "tour", "arrive", "fly", "travel", "return", "host"}
# Verbs of a relative clause that describe a place, not what its government does ("X, which lies on ...").
_STATIVE_VERBS = {"be", "have", "lie", "sit", "stand", "border", "house", "overlook", "remain", "become", "look",
                  "seem", "span", "cover", "contain", "boast", "number", "count"}


@dataclass
class Cluster:
    mentions: list[Cand] = field(default_factory=list)
    country: str | None = None
    full_keys: set[str] = field(default_factory=set)

    @property
    def first(self) -> int:
        return self.mentions[0].start

    def last_before(self, offset: int) -> int:
        """Start of the latest mention before `offset` (-1 if none)."""
        best = -1
        for m in self.mentions:
            if m.start < offset:
                best = max(best, m.start)
        return best

    @property
    def type(self) -> str:
        if self.country:
            return "GPE"
        names = [m for m in self.mentions if m.kind == "name"] or self.mentions
        if any(m.person_evidence for m in names):
            return "PERSON"
        if any(m.label == "FAC" for m in names):
            return "FAC"
        votes = Counter(m.label for m in names)
        top = max(votes.values())
        # ties: the label of the earliest mention among the top ones
        return next(m.label for m in names if votes[m.label] == top)

    @property
    def name(self) -> str:
        names = [m for m in self.mentions if m.kind == "name"] or self.mentions
        return max(names, key=lambda m: (len(m.text.split()) > 0 and m.text[:1].isupper(), len(m.text),
                                         -m.start)).text


def _tokens(text: str) -> list[str]:
    return [w for w in text.replace("\u2011", "-").split() if w]


def is_family_first(words: list[str]) -> bool:
    """East Asian order: "Park Min-ho", "Tran Van An", "Xi Jinping" (family name first)."""
    if len(words) < 2 or len(words) > 3 or words[0].lower() not in lx.EAST_ASIAN_FAMILY_NAMES:
        return False
    rest = words[1:]
    if any("-" in w for w in rest):
        return True
    if len(rest) == 2:
        return all(len(w) <= 5 for w in rest)
    # two words: "Xi Jinping" yes, "Lee Smith"? only when the last word is not itself a family-name-like word
    return rest[0].lower() not in lx.EAST_ASIAN_FAMILY_NAMES and len(rest[0]) <= 8 and words[0][0].isupper()


def person_short_keys(text: str) -> tuple[str | None, str | None]:
    """(family/surname key, given-name key) of a multi-word person name."""
    words = [w for w in _tokens(text) if w.lower().rstrip(".") not in lx.HONORIFICS]
    if len(words) < 2:
        return None, None
    if is_family_first(words):
        return lx.name_key(words[0]), None
    surname = words[-1]
    if surname.lower().rstrip(".") in ("jr", "sr", "ii", "iii", "iv") and len(words) > 2:
        surname = words[-2]
    return lx.name_key(surname), lx.name_key(words[0])


def two_surname_key(words: list[str]) -> str | None:
    """Key of the last two words of a name of three or more ("Irene Ruiz Vidal" -> "ruizvidal"): Spanish
    and Portuguese naming give two surnames, and articles then use both. Not when the first of the two
    is a given name ("Piet Jan Smit" is not "Jan Smit")."""
    words = [w for w in words if w.lower().rstrip(".") not in lx.HONORIFICS]
    if len(words) < 3 or is_family_first(words) or lx.is_given_name(words[-2]) or not words[-2][:1].isupper():
        return None
    return lx.name_key(" ".join(words[-2:]))


def _name_key_of(c: Cand, words: list[str]) -> str:
    """The clustering key of a name mention: its name key, or its core for a multi-word name."""
    if c.label in ("GPE", "LOC") and (short := lx.state_short_name(c.text)) is not None:
        return lx.name_key(short)  # "the Democratic Republic of X" is X
    key = lx.name_key(c.text)
    if c.label in ("ORG", "FAC", "PERSON", "GPE", "PRODUCT"):
        core = core_key(c.text, c.label)
        if core != key and len(words) >= 2:
            key = core
    return key


def core_key(text: str, label: str) -> str:
    """Organisation/facility name without a generic suffix ("X Group" -> "x", "X spaceport" -> "x")."""
    words = _tokens(text)
    if len(words) >= 2:
        last = words[-1].lower()
        if (label == "ORG" and last in lx.ORG_SUFFIXES) or (label == "FAC" and last in lx.FACILITY_HEADS):
            words = words[:-1]
    return lx.name_key(" ".join(words))


def org_first_word(c) -> str | None:
    """Key of a multi-word organisation name's distinctive first word ("Norvik Semiconductor" ->
    "norvik"); None for generic or geographic first words ("National ...", "Russian ...")."""
    if c.kind != "name" or c.label != "ORG":
        return None
    words = _tokens(c.text)
    if len(words) < 2 or len(words[0]) < 3 or not words[0][:1].isupper():
        return None
    w = words[0].lower()
    if w in lx.NAME_CONNECTORS or w in lx.ORG_SUFFIXES or w in _GENERIC_ORG_WORDS:
        return None
    if lx.country_code(words[0]) or lx.demonym_country(words[0]) or lx.capital_country(words[0]):
        return None
    return lx.name_key(words[0])


# First words that name a kind of body, not a particular one ("National Council", "Federal Bank").
_GENERIC_ORG_WORDS = frozenset("""
the national federal central state royal united international global world general first new north south
east west northern southern eastern western city county regional provincial municipal public private
american british european asian african chinese
""".split())


def acronym(text: str) -> str | None:
    words = [w for w in _tokens(text) if w.lower() not in lx.NAME_CONNECTORS]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    return "".join(w[0] for w in words).lower()


def _is_actor(doc: Doc, c: Cand) -> bool:
    span = doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    if _acting_relative(tok):
        return True
    for _ in range(3):  # climb coordination: "Paris and Berlin"
        if tok.dep_ == "conj" and tok.head is not tok:
            tok = tok.head
        else:
            break
    if tok.dep_ in _ACTOR_DEPS:
        return not (tok.dep_ == "dobj" and tok.head.lemma_ in _PLACE_VERBS and not _left_in_a_state(tok.head))
    if tok.dep_ == "pobj":
        return tok.head.lower_ in _ACTOR_PREPS
    return False


def _locative(doc: Doc, c: Cand) -> bool:
    """The mention is the object of "in"/"near"/"outside" ("talks in X")."""
    span = doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    return tok.dep_ == "pobj" and tok.head.lower_ in ("in", "near", "outside", "around", "inside")


def _left_in_a_state(verb) -> bool:
    """'The deal leaves X in a difficult position' / 'left X with few options': "leave" with a state
    after its object puts a party somewhere figuratively; "left X in May" is a departure."""
    if verb.lemma_ != "leave":
        return False
    for p in verb.children:
        if p.dep_ == "prep" and p.lower_ in ("in", "with") and p.i > verb.i:
            obj = next((c for c in p.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "NOUN" and not obj.ent_type_:
                return True
    return False


def _acting_relative(tok) -> bool:
    """'..., for X, which has courted investors and ...': a relative clause whose subject is the capital
    and whose verb is something a government does (not "which lies on the coast") makes it an actor."""
    for ch in tok.children:
        if ch.dep_ != "relcl" or ch.pos_ != "VERB" or ch.i < tok.i:
            continue
        if ch.lemma_.lower() in _STATIVE_VERBS or ch.lemma_.lower() in _PLACE_VERBS:
            continue
        if any(g.dep_ == "nsubj" and g.lower_ in ("which", "that") for g in ch.children):
            return True
    return False


def cluster_mentions(doc: Doc, cands: list[Cand]) -> list[Cluster]:
    """Group candidates (text order) into clusters ordered by first mention."""
    by_key: dict[str, Cluster] = {}
    clusters: list[Cluster] = []
    owner: dict[int, Cluster] = {}  # id(cand) -> cluster

    def add(c: Cand, key: str | None) -> Cluster:
        cl = by_key.get(key) if key else None
        if cl is None:
            cl = Cluster()
            clusters.append(cl)
            if key:
                by_key[key] = cl
        cl.mentions.append(c)
        owner[id(c)] = cl
        return cl

    # short-form indexes built from multi-word names
    surname_idx: dict[str, list[Cluster]] = {}
    given_idx: dict[str, list[Cluster]] = {}
    org_first_idx: dict[str, list[Cluster]] = {}  # "norvik" -> the "Norvik Semiconductor" cluster
    deferred: list[Cand] = []
    short_keys: set[str] = set()
    # short names of organisations ("X Shipping" / "X" of "X Shipping plc", "Y Office" of "National Y Office")
    # -> the keys of the full names they shorten; used when only one full name shortens so
    short_of: dict[str, set[str]] = {}
    for c in cands:
        words = _tokens(c.text)
        if c.kind == "name" and c.label == "PERSON" and len(words) >= 2:
            fam, giv = person_short_keys(c.text)
            short_keys.update(k for k in (fam, giv) if k)
            if (two := two_surname_key(words)) is not None:
                short_keys.add(two)
        elif c.kind == "name" and c.label in ("ORG", "FAC") and (a := acronym(c.text)):
            short_keys.add(a)
        if c.kind == "name" and c.label in ("ORG", "FAC") and len(words) >= 2:
            full = _name_key_of(c, words)
            for f in org_short_forms(c.text, c.label):
                short_of.setdefault(lx.name_key(f), set()).add(full)
        if (first := org_first_word(c)) is not None:
            short_keys.add(first)

    fac_cores = {core_key(c.text, "FAC") for c in cands if c.kind == "name" and c.label == "FAC"
                 and len(_tokens(c.text)) >= 2 and core_key(c.text, "FAC") != lx.name_key(c.text)}
    for c in cands:
        if c.kind == "direction":
            deferred.append(c)
            continue
        if c.alias_of is not None and id(c.alias_of) in owner:
            cl = owner[id(c.alias_of)]
            cl.mentions.append(c)
            owner[id(c)] = cl
            by_key.setdefault("N:" + lx.name_key(c.text), cl)
            continue
        if c.country:
            add(c, "C:" + c.country).country = c.country
            continue
        cap = lx.capital_country(c.text) if c.label in ("GPE", "LOC", "ORG") else None
        if cap and _is_actor(doc, c):
            c.kind, c.country = "metonym", cap
            add(c, "C:" + cap).country = cap
            continue
        words = _tokens(c.text)
        key = _name_key_of(c, words)
        if c.label in ("GPE", "LOC") and key in fac_cores and _locative(doc, c):
            cl = add(c, "P:" + key)  # "signed in X" beside "the X plant": the town, not the plant
            continue
        if c.label in ("ORG", "FAC") and len(short_of.get(key, ())) == 1 and key not in short_of[key]:
            key = next(iter(short_of[key]))  # "X Shipping" -> the cluster of "X Shipping plc"
        if (len(words) == 1 or c.label == "PERSON") and key in short_keys and "N:" + key not in by_key:
            deferred.append(c)
            continue
        cl = add(c, "N:" + key)
        if c.label == "PERSON" and len(words) >= 2:
            fam, giv = person_short_keys(c.text)
            two = two_surname_key(words)
            for idx, k in ((surname_idx, fam), (given_idx, giv), (surname_idx, two)):
                if k and cl not in idx.setdefault(k, []):
                    idx[k].append(cl)
        elif c.label in ("ORG", "FAC") and (a := acronym(c.text)):
            if cl not in surname_idx.setdefault(a, []):
                surname_idx[a].append(cl)
        if (first := org_first_word(c)) is not None and cl not in org_first_idx.setdefault(first, []):
            org_first_idx[first].append(cl)

    for c in sorted(deferred, key=lambda c: c.start):
        if c.kind == "direction":
            cl = _direction_target(clusters, c)
            if cl is not None:
                cl.mentions.append(c)
                owner[id(c)] = cl
            continue
        key = lx.name_key(c.text)
        options = surname_idx.get(key) or given_idx.get(key) or []
        if not options and c.label == "ORG" and len(org_first_idx.get(key, ())) == 1:
            options = org_first_idx[key]  # a company's short form, when only one name starts so
        same_type = [o for o in options if o.type == c.label]
        cl = _pick(same_type or options, c.start)
        if cl is None:
            add(c, "N:" + key)
        else:
            cl.mentions.append(c)
            owner[id(c)] = cl

    for cl in clusters:
        cl.mentions.sort(key=lambda m: m.start)
    clusters = [cl for cl in clusters if cl.mentions]
    clusters.sort(key=lambda cl: cl.first)
    return clusters


def _pick(options: list[Cluster], offset: int) -> Cluster | None:
    """The candidate mentioned most recently before `offset`; else the more prominent one."""
    if not options:
        return None
    if len(options) == 1:
        return options[0]
    before = [(o.last_before(offset), len(o.mentions), o) for o in options]
    seen = [b for b in before if b[0] >= 0]
    if seen:
        return max(seen, key=lambda b: (b[0], b[1]))[2]
    return max(before, key=lambda b: (b[1], -b[2].first))[2]


def _direction_target(clusters: list[Cluster], c: Cand) -> Cluster | None:
    """'the North' -> the latest country cluster before it whose name starts with "North"."""
    word = c.text.split()[-1].lower()
    best, best_pos = None, -1
    for cl in clusters:
        if not cl.country:
            continue
        if any(m.kind == "name" and m.text.lower().replace("n. ", "north ").replace("s. ", "south ")
               .startswith(word + " ") for m in cl.mentions):
            pos = cl.last_before(c.start)
            if pos > best_pos:
                best, best_pos = cl, pos
    return best
