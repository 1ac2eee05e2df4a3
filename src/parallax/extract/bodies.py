"""Public bodies an article names in lower case ("the Ruritanian foreign ministry", "Ruritania's embassy in
X", "the interior ministry"), which the small NER model leaves untagged, and the country a body named
without one belongs to.

`body_cands` runs on the candidates of `ner_fixes` (NORMALISED offsets) and returns them with the body
names added; a nationality word or a country's possessive inside such a name becomes part of it.
`national_body` / `home_country` qualify a body named without its country ("the foreign ministry") by
the country the article is filed from or speaks of (see `home_country`).
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from parallax.extract import lexicon as lx
from parallax.extract.ner_fixes import Cand
from parallax.nlp.analyzed import doc_text

# Bodies of a state named by their portfolio ("the foreign ministry", "the justice department").
PORTFOLIO_BODIES = frozenset({"ministry", "department", "office"})
# Bodies named by whose they are ("Ruritania's embassy in X").
OWNED_BODIES = PORTFOLIO_BODIES | frozenset({"embassy", "consulate", "mission"})
_POSS = ("'s", "’s")
_PORTFOLIO_JOINERS = frozenset({"and", "&", "affairs"})


def _demonym_at(doc: Doc, j: int, norp: dict[int, Cand]) -> int | None:
    """Start token of a nationality word ending at token j ("Ruritanian", "South Korean"), if any."""
    if j < 0:
        return None
    if j >= 1 and doc[j - 1].is_alpha and lx.demonym_country(f"{doc[j - 1].lower_} {doc[j].lower_}"):
        return j - 1
    if lx.demonym_country(doc[j].lower_) and doc[j].text[:1].isupper():
        return j
    c = norp.get(j)
    if c is not None and doc[j].text[:1].isupper():
        return j
    return None


def body_cands(doc: Doc, cands: list[Cand]) -> list[Cand]:
    from parallax.extract.ner_scan import _Toks  # ner_scan imports ner_fixes: imported late

    tk = _Toks.of(doc)
    low = tk.lower
    if not any(w in OWNED_BODIES for w in low):
        return cands
    tok_cand: dict[int, Cand] = {}
    for c in cands:
        a, b = tk.bounds(c.start, c.end)
        for k in range(max(a, 0), b):
            tok_cand[k] = c
    norp = {k: c for k, c in tok_cand.items() if c.label == "NORP"}
    added: list[tuple[int, int]] = []
    for i, w in enumerate(low):
        if w not in OWNED_BODIES or not doc[i].is_alpha or i in tok_cand:
            continue
        if i + 1 < len(doc) and (low[i + 1] in ("of", "for") or doc[i + 1].text[:1].isupper() and
                                 doc[i + 1].pos_ == "PROPN" and low[i + 1] not in lx.TITLE_NOUNS):
            continue  # "the ministry of X", "the department X" are other patterns
        k = i
        while k > 0 and (low[k - 1] in lx.PORTFOLIO_WORDS or low[k - 1] in _PORTFOLIO_JOINERS and k - 2 >= 0
                         and low[k - 2] in lx.PORTFOLIO_WORDS) and (k - 1) not in tok_cand:
            k -= 1
        portfolio = i - k
        owner = _demonym_at(doc, k - 1, norp)
        if owner is None and k >= 2 and tk.text[k - 1] in _POSS:
            c = tok_cand.get(k - 2)
            if c is not None and c.label == "GPE" and c.kind == "name":
                owner = tk.bounds(c.start, c.end)[0]
        if owner is None:
            if w not in PORTFOLIO_BODIES or portfolio == 0:
                continue  # "the embassy", "the ministry": a description, resolved elsewhere
            first = doc[k]
            if not (k > 0 and low[k - 1] == "the" or first.is_sent_start and first.text[:1].isupper()
                    or k > 0 and doc[k - 1].is_space):
                continue  # "a foreign ministry": not one particular body
        start = owner if owner is not None else k
        if start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].pos_ == "PROPN" and (
                start - 1) not in tok_cand and not doc[start - 1].is_sent_start:
            continue  # part of a capitalised name
        end = i + 1
        if w in ("embassy", "consulate", "mission") and end + 1 < len(doc) and low[end] == "in":
            c = tok_cand.get(end + 1)
            if c is not None and c.label in ("GPE", "LOC"):
                end = tk.bounds(c.start, c.end)[1]  # "X's embassy in Y"
        if any(tok_cand[t].label not in ("GPE", "NORP", "LOC") for t in range(start, end) if t in tok_cand):
            continue
        added.append((start, end))
    if not added:
        return cands
    out = list(cands)
    for s, e in added:
        a, b = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
        out = [c for c in out if not (a <= c.start and c.end <= b)]
        out.append(Cand(a, b, "ORG", doc_text(doc)[a:b]))
    out.sort(key=lambda c: (c.start, -c.end))
    return out


# -- bodies named without their country -------------------------------------------------------
BODY_WORDS_ALONE = lx.BODY_WORDS_ALONE


def national_body(name: str) -> bool:
    """A state body named by its portfolio alone, without the state ("foreign ministry", "the Treasury
    Department", "State Department", "the Treasury")."""
    words = [w.lower() for w in name.replace("’", "'").split()]
    if words and words[0] == "the":
        words = words[1:]
    if not words:
        return False
    if len(words) == 1:
        return words[0] in BODY_WORDS_ALONE
    if words[-1] not in PORTFOLIO_BODIES:
        return False
    return all(w in lx.PORTFOLIO_WORDS or w in _PORTFOLIO_JOINERS for w in words[:-1])


# "foreign ministry (Norway)": the country an article leaves implicit, added to the body's name.
QUALIFIER_OPEN = " ("


def written_name(name: str) -> str:
    """A body's name as the article writes it (without the country added for it)."""
    if name.endswith(")") and QUALIFIER_OPEN in name:
        head, _, tail = name.rpartition(QUALIFIER_OPEN)
        if lx.country_code(tail[:-1]) is not None:
            return head
    return name


def home_country(doc: Doc, cands: list[Cand], at: int) -> str | None:
    """The country a body named without one at normalised offset `at` belongs to: the country of the
    dateline; else the only country named in its sentence; else the country the article names far
    more than any other (at least three times, half as often again as the next)."""
    dateline = _dateline_country(doc, cands)
    if dateline:
        return dateline
    counts: Counter[str] = Counter()
    sent = doc.char_span(at, at + 1, alignment_mode="expand")
    in_sent: set[str] = set()
    for c in cands:
        code = _country_of(c)
        if code is None:
            continue
        counts[code] += 1
        if sent is not None and sent.sent.start_char <= c.start < sent.sent.end_char:
            in_sent.add(code)
    if len(in_sent) == 1:
        return next(iter(in_sent))
    top = counts.most_common(2)
    if top and top[0][1] >= 3 and (len(top) == 1 or top[0][1] >= 1.5 * top[1][1]):
        return top[0][0]
    return None


def _country_of(c: Cand) -> str | None:
    if c.country:
        return c.country
    if c.label == "NORP":
        return lx.demonym_country(c.text.lower())
    return None


def _dateline_country(doc: Doc, cands: list[Cand]) -> str | None:
    """Country of a dateline ("CITY, May 2 (Agency) -" / "CITY —" opening a line of capitals)."""
    from parallax.extract.ner_scan import _dateline_follows, _Toks

    tk = _Toks.of(doc)
    for c in cands[:12]:
        if c.label != "GPE" or not c.text.isupper() or len(c.text) < 3:
            continue
        a, b = tk.bounds(c.start, c.end)
        if a < 0 or b >= len(doc) or not (a == 0 or doc[a - 1].is_space and "\n" in doc[a - 1].text):
            continue
        if _dateline_follows(doc, b) or doc[b].text in ("—", "–"):
            return c.country or lx.capital_country(c.text.lower()) or lx.country_code(c.text.title())
    return None
