"""Places the small NER model types as organisations, people or nationalities, found from the text.

Run on the candidates of `ner_fixes`/`ner_scan` (NORMALISED offsets):
- `states_by_demonym` -- a name whose nationality adjective the article uses ("Ruritania" beside
  "Ruritanian officials") names a state, whatever the tagger said for it;
- `capital_appositives` -- "X, the Ruritanian capital," / "a trip to X, the island's main port": a
  place (NER may have missed it altogether);
- `places_after_in` -- a one-word "organisation" only ever seen after "in"/"near"/"outside" ("signed in X
  on Monday") is a place;
- `world_regions` -- "Central Asia", "the Balkans", "the Caucasus": regions, never organisations.
No rule names anything: the evidence is grammar, capitalisation and closed word lists.
"""

from __future__ import annotations

from spacy.tokens import Doc

from parallax.extract import lexicon as lx
from parallax.extract.ner_fixes import Cand

# Nouns that, in apposition after a name, say it is a place ("X, the Ruritanian capital").
_PLACE_APPOSITIVE_NOUNS = lx.PLACE_NOUNS_AFTER | frozenset(
    {"capital", "port", "republic", "kingdom", "state", "country", "nation", "island", "enclave", "exclave",
     "city-state", "emirate", "principality", "seaport", "hub"})
_APPOSITIVE_END = {",", ".", ";", ":", ")", "—", "–", "where", "which", "whose", "home"}
# Prepositions after which a one-word name is a location.
_LOCATIVE = {"in", "near", "outside", "around", "inside"}
# Heads of "in X" that make X a publication or a body, not a place ("said in X", "an interview in X").
_NOT_LOCATIVE_HEADS = {"say", "write", "report", "publish", "quote", "appear", "tell", "interview", "article",
                       "column", "op-ed", "editorial", "statement", "post", "seat", "vote", "debate", "member",
                       "majority", "speech", "testify", "hearing"}
_DEMONYM_SUFFIXES = ("n", "an", "ian", "ean", "ese", "i", "ite")


def demonym_forms(name: str) -> set[str]:
    """Nationality adjectives a place name may take ("Ruritania" -> "ruritanian", "Vostrand" ->
    "vostrandian", "Kelvia" -> "kelvian"), lower-cased."""
    low = name.lower()
    stems = {low}
    if low[-1:] in "aeiouy":
        stems.add(low[:-1])
    return {s + suf for s in stems for suf in _DEMONYM_SUFFIXES if len(s) >= 3}


def states_by_demonym(doc: Doc, cands: list[Cand]) -> None:
    """A one-word name that is not a person's, whose nationality adjective the article uses as a NORP
    ("Ruritanian officials"), names a state: typed GPE in every mention."""
    adjectives = {c.text.lower().rstrip("s") for c in cands if c.label == "NORP"}
    if not adjectives:
        return
    states: set[str] = set()
    for c in cands:
        if c.kind != "name" or c.label in ("GPE", "LOC") or c.person_evidence or c.country or " " in c.text:
            continue
        if c.label == "PERSON" and lx.is_given_name(c.text):
            continue
        if c.label == "NORP" and c.text.lower().rstrip("s") in adjectives and not demonym_forms(c.text) & adjectives:
            continue  # the adjective itself
        if len(c.text) >= 4 and c.text[:1].isupper() and not c.text.isupper() and demonym_forms(c.text) & adjectives:
            states.add(lx.name_key(c.text))
    if not states:
        return
    forms = set().union(*(demonym_forms(c.text) for c in cands if lx.name_key(c.text) in states))
    for c in cands:
        if c.kind == "name" and lx.name_key(c.text) in states and not c.person_evidence:
            c.label = "GPE"
        elif c.kind == "name" and c.label in ("ORG", "PERSON") and not c.person_evidence and " " not in c.text and (
                c.text.lower().rstrip("s") in forms):
            c.label = "NORP"  # "the X-ian side": the state's adjective, not an organisation's short name


def _place_appositive_after(doc: Doc, e: int) -> bool:
    """Tokens from e read ", the [adjective/name ...] capital|city|port ..." closed by punctuation or a
    relative word."""
    if e + 2 >= len(doc) or doc[e].text != "," or doc[e + 1].lower_ != "the":
        return False
    k = e + 2
    while k < min(e + 6, len(doc)):
        t = doc[k]
        if t.lower_ in _PLACE_APPOSITIVE_NOUNS and t.pos_ in ("NOUN", "PROPN"):
            nxt = doc[k + 1] if k + 1 < len(doc) else None
            return nxt is None or nxt.lower_ in _APPOSITIVE_END or nxt.is_space
        if not (t.pos_ in ("ADJ", "PROPN", "NOUN") or t.text in ("'s", "’s")):
            return False
        k += 1
    return False


def capital_appositives(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """'X, the Ruritanian capital,': X is a place. Retypes the candidates of that name and adds one
    where NER saw no name at all."""
    from parallax.extract.ner_scan import _Toks, _covered  # ner_scan imports ner_fixes; imported late

    tk = _Toks.of(doc)
    places: set[str] = set()
    for c in cands:
        if c.kind != "name" or c.person_evidence or c.country:
            continue
        a, b = tk.bounds(c.start, c.end)
        if 0 <= a < b and _place_appositive_after(doc, b):
            places.add(lx.name_key(c.text))
    cov = _covered(doc, cands)
    out = list(cands)
    texts = tk.text
    for i in range(1, len(doc) - 2):
        if cov[i] or texts[i + 1] != "," or not texts[i][:1].isupper() or not texts[i].isalpha():
            continue
        t = doc[i]
        if t.is_sent_start or t.pos_ != "PROPN" or lx.is_given_name(t.text) or doc[i - 1].text[:1].isupper():
            continue
        if _place_appositive_after(doc, i + 1):
            out.append(Cand(t.idx, t.idx + len(t.text), "GPE", t.text))
            places.add(lx.name_key(t.text))
    for c in out:
        if c.kind == "name" and not c.person_evidence and not c.country and lx.name_key(c.text) in places:
            c.label = "GPE"
    out.sort(key=lambda c: (c.start, -c.end))
    return out


def places_after_in(doc: Doc, cands: list[Cand]) -> None:
    """A one-word name typed ORG whose every mention is the object of "in"/"near"/"outside" ("the deal
    signed in X on Monday", "reporting by Y in X") is a place: a body is also said, asked or named."""
    from parallax.extract.ner_scan import _Toks

    tk = _Toks.of(doc)
    uses: dict[str, list[bool]] = {}
    for c in cands:
        if c.kind != "name" or c.label != "ORG" or " " in c.text or c.text.isupper() or c.person_evidence:
            continue
        if c.text in lx.ORG_HEADS or c.text in lx.INSTITUTION_WORDS or c.text.lower() in lx.NEWS_AGENCIES:
            continue
        a, b = tk.bounds(c.start, c.end)
        if not (0 < a < b) or b - a != 1:
            continue
        t, prep = doc[a], doc[a - 1]
        ok = (t.dep_ == "pobj" and prep.lower_ in _LOCATIVE and prep.head.lemma_.lower() not in _NOT_LOCATIVE_HEADS
              and not (b < len(doc) and doc[b].text in ("'s", "’s")))
        uses.setdefault(lx.name_key(c.text), []).append(ok)
    places = {k for k, v in uses.items() if v and all(v)}
    for c in cands:
        if c.kind == "name" and c.label == "ORG" and lx.name_key(c.text) in places:
            c.label = "GPE"


def world_regions(cands: list[Cand]) -> None:
    """'Central Asia', 'the Caucasus', 'Southeast Asia': a region of the world is a location."""
    for c in cands:
        if c.kind == "name" and not c.person_evidence and c.label in ("ORG", "PERSON", "NORP", "GPE", "FAC") and (
                lx.is_world_region(c.text)):
            c.label = "LOC"
