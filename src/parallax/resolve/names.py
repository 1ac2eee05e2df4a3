"""Name keys and comparisons for cross-document resolution.

Persons are compared part by part (transliteration-tolerant: equal ASCII forms, a
shared given-name symbol from rigour's name data such as Aleksandr/Alexander, or an
equal metaphone key with close spelling such as Jun/Joon). Every part must be
compatible: sharing one part (a family or given name) is never enough.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein
from rigour.names import NameTypeTag, analyze_names, remove_org_types
from rigour.text import ascii_text, metaphone

_HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "gen", "general", "col", "colonel", "lt", "maj", "major", "capt", "captain", "adm", "admiral",
    "sgt", "sen", "senator", "rep", "gov", "governor", "pres", "president", "rev", "fr", "hon",
    "judge", "justice", "minister", "ambassador", "chancellor", "premier", "mayor", "king", "queen",
    "prince", "princess", "sheikh", "imam", "rabbi", "pope", "st", "saint", "comrade", "chairman",
}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"}
# Designators that do not distinguish one organisation from another ("Acme Group" = "Acme").
_ORG_DESIGNATORS = {
    "group", "co", "company", "corp", "corporation", "inc", "incorporated", "ltd", "limited", "llc",
    "plc", "holding", "holdings", "gmbh", "ag", "sa", "nv", "bv", "jsc", "pjsc", "ojsc", "oao", "ooo",
    "lp", "llp", "pte", "pty", "spa", "srl", "ab", "as", "oy", "kk",
}
_ORG_STOP = {"the", "of", "for", "and", "&", "de", "la", "le", "du", "des", "der", "die", "on", "in", "at"}


def _fold(s: str) -> str:
    s = s.replace("\u2011", "-").replace("\u2010", "-").replace("\u2019", "'").replace("\u00a0", " ")
    return ascii_text(s).casefold()


def _strip_possessive(s: str) -> str:
    return re.sub(r"['\u2019]s?$", "", s.strip())


@dataclass(frozen=True)
class PersonName:
    """A person name as ordered, folded parts (honorifics and suffixes removed)."""

    parts: tuple[str, ...]  # hyphenated given names split: "chun-geun" -> "chun", "geun"
    joined: tuple[str, ...]  # hyphenated given names kept as one part: "chungeun"

    @property
    def first(self) -> str:
        return self.parts[0] if self.parts else ""

    @property
    def last(self) -> str:
        return self.parts[-1] if self.parts else ""

    @property
    def is_single(self) -> bool:
        return len(self.parts) == 1


@lru_cache(maxsize=65536)
def person_name(name: str) -> PersonName:
    s = _fold(_strip_possessive(name))
    words = [w for w in re.split(r"[\s,]+", s) if w]
    words = [w for w in words if w.strip(".") not in _HONORIFICS or len(words) == 1]
    while words and words[-1].strip(".") in _SUFFIXES:
        words.pop()
    parts: list[str] = []
    joined: list[str] = []
    for w in words:
        pieces = [p for p in re.split(r"[-.']+", w) if p]
        parts.extend(pieces)
        if pieces:
            joined.append("".join(pieces))
    return PersonName(tuple(parts), tuple(joined))


@lru_cache(maxsize=65536)
def _symbols(part: str) -> frozenset[str]:
    """Given-name symbols (rigour name data: one id for Aleksandr, Alexander, Alexandre...)."""
    try:
        names = analyze_names(NameTypeTag.PER, [part])
    except Exception:  # noqa: BLE001
        return frozenset()
    out = set()
    for n in names:
        for span in n.spans:
            sym = span.symbol
            out.add(str(sym))
    return frozenset(out)


@lru_cache(maxsize=65536)
def phonetic(part: str) -> str:
    try:
        return metaphone(part) or part
    except Exception:  # noqa: BLE001
        return part


# Romanisation variants of one sound (Bishwa/Biswa, Vladimir/Wladimir, Dhakal/Dakal, Meenakshi/Minakshi).
_TRANSLIT = (("sh", "s"), ("kh", "k"), ("dh", "d"), ("bh", "b"), ("th", "t"), ("ph", "f"), ("zh", "z"),
             ("w", "v"), ("ee", "i"), ("oo", "u"), ("y", "i"))


@lru_cache(maxsize=65536)
def translit_key(part: str) -> str:
    """A name part with romanisation variants folded to one spelling, then its metaphone key."""
    for a, b in _TRANSLIT:
        part = part.replace(a, b)
    return phonetic(part)


_VOWEL_RUN = re.compile(r"[aeiouy]+")


def _first_vowel(part: str) -> str:
    """The first vowel sound, long spellings folded ('ee' -> 'i', 'oo' -> 'u')."""
    m = _VOWEL_RUN.search(part[1:])
    v = m.group(0) if m else ""
    return {"ee": "i", "oo": "u", "ou": "u", "y": "i", "ie": "i", "ei": "e", "ue": "u"}.get(v, v[:1])


def part_match(a: str, b: str) -> str | None:
    """How two name parts are compatible ("exact", "symbol", "phonetic", "spelling", "translit",
    "initial"), or None."""
    if a == b:
        return "exact"
    if len(a) == 1 or len(b) == 1:
        return "initial" if a[0] == b[0] else None
    # one sound spelt two ways (Jun/Joon), not two names with one consonant frame (Tom/Tim, Dana/Dina)
    same_vowel = _first_vowel(a) == _first_vowel(b)
    if same_vowel and phonetic(a) == phonetic(b) and Levenshtein.normalized_similarity(a, b) >= 0.6:
        return "phonetic"
    if min(len(a), len(b)) >= 5 and Levenshtein.distance(a, b) <= 1:
        return "spelling"
    if len(a) >= 3 and len(b) >= 3 and _symbols(a) & _symbols(b):
        return "symbol"
    if same_vowel and min(len(a), len(b)) >= 4 and a[0] == b[0] and translit_key(a) == translit_key(b) and \
            Levenshtein.normalized_similarity(a, b) >= 0.6:
        return "translit"  # "bishwo" ~ "biswa": sh/s and a final vowel
    return None


def compare_persons(a: PersonName, b: PersonName) -> tuple[bool, dict]:
    """Full-name compatibility of two multi-part person names.

    Returns (compatible, features). ``features["missing_part"]`` is set when one name
    has an extra middle part (or an initial): the caller requires role/org support then.
    """
    if a.is_single or b.is_single:
        return False, {}
    best: tuple[bool, dict] = (False, {})
    for pa in {a.parts, a.joined}:
        for pb in {b.parts, b.joined}:
            ok, feats = _compare_parts(pa, pb)
            if ok and (not best[0] or _rank(feats) > _rank(best[1])):
                best = (ok, feats)
    return best


def _rank(f: dict) -> tuple:
    return (not f.get("missing_part"), -f.get("initials", 0), f.get("exact", 0))


def _compare_parts(pa: tuple[str, ...], pb: tuple[str, ...]) -> tuple[bool, dict]:
    if len(pa) < 2 or len(pb) < 2:
        return False, {}
    feats: dict = {"parts": []}
    if len(pa) == len(pb):
        pairs = list(zip(pa, pb))
        missing = None
    else:
        long_, short = (pa, pb) if len(pa) > len(pb) else (pb, pa)
        if len(long_) - len(short) != 1 or len(short) < 2:
            return False, {}
        # first and last parts must line up; one middle part of the longer name is missing
        pairs = [(long_[0], short[0])] + list(zip(long_[-(len(short) - 1):], short[1:]))
        missing = [p for p in long_[1:-1] if p not in {q for _, q in pairs}][:1] or [long_[1]]
    counts = {"exact": 0, "symbol": 0, "phonetic": 0, "spelling": 0, "translit": 0, "initial": 0}
    for x, y in pairs:
        how = part_match(x, y)
        if how is None:
            return False, {}
        counts[how] += 1
        feats["parts"].append([x, y, how])
    # an initial may stand for a given name, never for the family name (last part here)
    if pairs and part_match(*pairs[-1]) == "initial":
        return False, {}
    feats.update({k: v for k, v in counts.items() if v})
    feats["initials"] = counts["initial"]
    if missing:
        feats["missing_part"] = missing[0]
    return True, feats


def person_score(feats: dict) -> float:
    """Explainable score of a compatible person pair: 1.0 minus a cost per non-exact part."""
    s = 1.0 - 0.04 * feats.get("symbol", 0) - 0.06 * feats.get("phonetic", 0) - 0.06 * feats.get("spelling", 0)
    s -= 0.08 * feats.get("translit", 0)
    s -= 0.15 * feats.get("initial", 0) + (0.2 if feats.get("missing_part") else 0.0)
    return round(max(s, 0.0), 3)


# -- organisations and other names --------------------------------------------------------

@lru_cache(maxsize=65536)
def org_tokens(name: str) -> tuple[str, ...]:
    """Folded content tokens of an organisation/other name, designators ("LLC", "Group") dropped."""
    s = _fold(_strip_possessive(name))
    try:
        s = remove_org_types(s) or s
    except Exception:  # noqa: BLE001
        pass
    words = [w for w in re.split(r"[^\w&]+", s) if w]
    while words and words[0] == "the":
        words = words[1:]
    content = [w for w in words if w not in _ORG_DESIGNATORS]
    out = [_ORG_ABBREVIATIONS.get(w, w) for w in (content or words)]
    if len(out) >= 2 and out[-1] in _BODY_KINDS and all(w in _PORTFOLIO_WORD_SYNONYMS for w in out[:-1]):
        out = [_PORTFOLIO_WORD_SYNONYMS[w] for w in out[:-1]] + out[-1:]  # "Home Ministry" = "Interior Ministry"
    return tuple(out)


# abbreviations organisation names are written with ("X TV" = "X Television")
_ORG_ABBREVIATIONS = {"tv": "television", "intl": "international", "int'l": "international", "natl": "national",
                      "univ": "university", "dept": "department", "govt": "government", "assn": "association",
                      "inst": "institute", "mfg": "manufacturing", "bros": "brothers", "ctr": "center",
                      "centre": "center", "svc": "service", "svcs": "services"}
# one portfolio under its usual names, for a body named only by portfolio ("Home Ministry" / "Interior Ministry")
_PORTFOLIO_WORD_SYNONYMS = {"home": "interior", "interior": "interior", "internal": "interior",
                            "defence": "defense", "defense": "defense", "labour": "labor", "labor": "labor"}


def acronym(tokens: tuple[str, ...]) -> str:
    return "".join(t[0] for t in tokens if t not in _ORG_STOP)


# Trailing words that name a kind of business, not a particular one ("X Shipping" ~ "X").
BUSINESS_WORDS = frozenset(
    """
    tankers shipping lines airlines airways motors logistics energy capital partners industries systems
    technologies pharmaceuticals pharma labs laboratories ventures resources trading commodities
    insurance reinsurance assurance media steel mining petroleum chemicals electronics semiconductor
    semiconductors telecom telecoms foods brands freight shipbuilding ferries railways hotels studios networks
    ratings minerals metals securities investments
    """.split()
)
# Trailing lowercase kinds of facility ("the X bridge" ~ "X").
FACILITY_WORDS = frozenset(
    """
    cosmodrome spaceport airport airfield airbase base port harbor harbour station plant reactor complex
    facility stadium arena bridge dam canal tunnel prison camp palace mine refinery shipyard launchpad
    """.split()
)


def short_form_of(a: tuple[str, ...], b: tuple[str, ...], heads: frozenset[str]) -> tuple[str, ...] | None:
    """The words the longer name adds when the shorter is the longer without trailing kind words
    ("halden", "crest") ~ ("halden", "crest", "shipping"); None otherwise."""
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if not short or len(short) == len(long_) or long_[:len(short)] != short:
        return None
    rest = long_[len(short):]
    return rest if all(t in heads for t in rest) else None


# Head words of bodies whose full name adds a complement ("X Institute for Y Studies" ~ "X Institute").
_COMPLEMENTED_HEADS = frozenset("""institute institution center centre council foundation academy school college
university museum society association forum committee commission agency office bureau""".split())
_COMPLEMENT_WORDS = ("for", "of", "on")


def _complement_dropped(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...] | None:
    """The complement the longer name adds when the shorter is it without "for/of/on ..."
    ("x", "institute") ~ ("x", "institute", "for", "y", "studies"); None otherwise."""
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(short) < 2 or len(long_) < len(short) + 2 or long_[:len(short)] != short:
        return None
    if short[-1] not in _COMPLEMENTED_HEADS or long_[len(short)] not in _COMPLEMENT_WORDS:
        return None
    return long_[len(short):]


def org_names_conflict(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two names of different organisations that share a stem and differ in their kind words
    ("X Crest Shipping" / "X Crest Energy"): the short form "X Crest" may join one, not both."""
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    kinds = BUSINESS_WORDS | FACILITY_WORDS
    h = p - 1 if p >= 1 and a[p - 1] in _COMPLEMENT_WORDS else p  # end of the shared "X Institute"
    if h >= 2 and a[h - 1] in _COMPLEMENTED_HEADS and len(a) > h + 1 and len(b) > h + 1 and len(a) > p and len(b) > p \
            and a[h] in _COMPLEMENT_WORDS and b[h] in _COMPLEMENT_WORDS:
        return True  # "X Institute for Y" and "X Institute for Z": "X Institute" may be either
    return (p >= 1 and len(a) > p and len(b) > p and all(t in kinds for t in a[p:])
            and all(t in kinds for t in b[p:]))


def compare_orgs(a: tuple[str, ...], b: tuple[str, ...], heads: frozenset[str] = frozenset()) -> tuple[float, dict]:
    """Score two organisation names (token-aligned, acronym-aware); 0 when they differ.

    `heads`: trailing kind words the longer may add to the shorter ("X Shipping" ~ "X" for a company,
    "X bridge" ~ "X" for a facility)."""
    if not a or not b:
        return 0.0, {}
    if a == b:
        return 1.0, {"name": "exact"}
    ja, jb = "".join(a), "".join(b)
    if ja == jb:
        return 0.97, {"name": "spacing"}
    rest = short_form_of(a, b, heads) if heads else None
    if rest is not None and len(min(a, b, key=len)) >= 1 and len("".join(min(a, b, key=len))) >= 4:
        return 0.85, {"short_form": " ".join(rest)}
    rest = _complement_dropped(a, b)
    if rest is not None:
        return 0.85, {"short_form": " ".join(rest)}
    if len(a) == 1 and len(a[0]) >= 2 and len(b) >= 3 and a[0] == acronym(b):
        return 0.9, {"acronym": a[0]}
    if len(b) == 1 and len(b[0]) >= 2 and len(a) >= 3 and b[0] == acronym(a):
        return 0.9, {"acronym": b[0]}
    if len(a) == len(b) and len(a) >= 2:
        diffs = [(x, y) for x, y in zip(a, b) if x != y]
        if len(diffs) == 1 and min(len(diffs[0][0]), len(diffs[0][1])) >= 5 and Levenshtein.distance(*diffs[0]) <= 1:
            return 0.92, {"spelling": list(diffs[0])}
    return 0.0, {}


# -- state bodies named with or without their state ------------------------------------------------
_BODY_KINDS = {"ministry", "department", "office"}
_BODIES_ALONE = {"treasury", "exchequer"}
_PORTFOLIO_SYNONYMS = {"defence": "defense", "labour": "labor", "foreign affairs": "foreign",
                       "home affairs": "interior", "home": "interior", "internal affairs": "interior",
                       "finances": "finance"}


@lru_cache(maxsize=65536)
def state_body_key(name: str) -> tuple[str, str, str | None] | None:
    """(country code, portfolio, kind) of a state body named by its portfolio and its state, in any
    of the usual forms: "US Treasury Department", "the US Treasury", "Ruritania's foreign ministry",
    "Ruritanian Foreign Ministry", "Ministry of Foreign Affairs of Ruritania", "foreign ministry
    (Ruritania)" (the state an article left implicit, added at extraction); None for other names or
    when the state is not said."""
    from parallax.extract import lexicon as lx
    from parallax.resolve.places import state_code

    text = name.replace("’", "'").strip()
    country = None
    m = re.match(r"^(.*?)\s*\(([^()]+)\)$", text)
    if m:
        country, text = state_code(m.group(2)), m.group(1)
        if country is None:
            return None
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if words and country is None:
        for size in (3, 2, 1):
            head = " ".join(words[:size])
            poss = re.match(r"^(.+?)'s?$", head)
            cand = poss.group(1) if poss else head
            code = state_code(cand) or (None if poss else lx.demonym_country(cand.lower()))
            if code and size < len(words):
                country, words = code, words[size:]
                break
    low = [w.lower() for w in words]
    if country is None and len(low) >= 3 and low[-2] == "of":
        country = state_code(words[-1])
        low = low[:-2] if country else low
    if country is None or not low:
        return None
    kind = None
    if low[0] in _BODY_KINDS and len(low) >= 3 and low[1] == "of":
        kind, core = low[0], [w for w in low[2:] if w != "the"]  # "Ministry of Foreign Affairs"
    elif low[-1] in _BODY_KINDS and len(low) >= 2:
        kind, core = low[-1], low[:-1]
    elif len(low) == 1 and low[0] in _BODIES_ALONE:
        core = low
    else:
        return None
    if not core or not all(w in lx.PORTFOLIO_WORDS or w in ("and", "&", "affairs") for w in core):
        return None
    portfolio = " ".join(core)
    return country, _PORTFOLIO_SYNONYMS.get(portfolio, portfolio), kind


def same_state_body(a: str, b: str) -> bool | None:
    """True when two names are one state body ("Treasury Department (United States)" / "US Treasury"),
    False when both are state bodies of different states or portfolios, None when either is not one."""
    ka, kb = state_body_key(a), state_body_key(b)
    if ka is None or kb is None:
        return None
    return ka[0] == kb[0] and ka[1] == kb[1] and (ka[2] == kb[2] or ka[2] is None or kb[2] is None)
