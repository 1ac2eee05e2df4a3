"""Name keys and name similarity for screening, script- and word-order-independent.

Names are reduced to ASCII tokens (rigour transliterates Cyrillic, Greek, Arabic,
Hangul, CJK...), honorifics and legal-form words ("LLC", "S.R.O.", "GmbH") are dropped,
and tokens are compared as a bag, so "PETROV, Ivan", "Ivan Petrov" and
"Иван Петров" all become {ivan, petrov}.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import JaroWinkler, Levenshtein
from rigour.names import remove_org_types, remove_person_prefixes, tokenize_name
from rigour.text import ascii_text, metaphone

PERSON, ORG = "person", "org"
# FtM schema -> the kind of party it is, for schema compatibility
SCHEMA_KIND = {"Person": PERSON, "Organization": ORG, "Company": ORG, "LegalEntity": ORG,
               "PublicBody": ORG, "Vessel": ORG, "Airplane": ORG}


@lru_cache(maxsize=200_000)
def name_tokens(name: str, kind: str = ORG) -> tuple[str, ...]:
    """Casefolded ASCII tokens of a name, without honorifics / legal forms."""
    text = remove_person_prefixes(name) if kind == PERSON else remove_org_types(name)
    tokens = _ascii_tokens(text)
    return tokens or _ascii_tokens(name)  # a name that is *only* a legal form keeps it


def _ascii_tokens(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for tok in tokenize_name(text.casefold()):
        a = ascii_text(tok).casefold()
        out.extend(t for t in a.split() if t.isalnum())
    return tuple(out)


@lru_cache(maxsize=200_000)
def phonetic(token: str) -> str:
    return metaphone(token) if token.isalpha() and len(token) >= 3 else ""


def blocking_keys(tokens: tuple[str, ...]) -> set[str]:
    """Index keys of a token bag: exact tokens, phonetic codes and code pairs, 4-char prefixes, the sorted bag."""
    keys = {"s:" + " ".join(sorted(tokens))}
    codes = sorted({phonetic(t) or t for t in tokens if len(t) >= 2})
    for i, a in enumerate(codes):  # pairs of phonetic codes: rare, and robust to spelling variants
        for b in codes[i + 1:]:
            keys.add(f"q:{a} {b}")
    for t in tokens:
        if len(t) < 2:
            continue
        keys.add("t:" + t)
        if len(t) >= 5:
            keys.add("f:" + t[:4])
        code = phonetic(t)
        if len(code) >= 2:
            keys.add("p:" + code)
    return keys


def token_similarity(a: str, b: str) -> float:
    """One token vs another: edit-distance based, with phonetic equality as transliteration evidence."""
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:  # an initial matches the name it abbreviates
        return 0.9 if a[0] == b[0] else 0.0
    sim = (Levenshtein.normalized_similarity(a, b) + JaroWinkler.normalized_similarity(a, b)) / 2
    if phonetic(a) and phonetic(a) == phonetic(b):
        sim = max(sim, 0.9)
    return sim if sim >= 0.6 else 0.0


def name_similarity(query: tuple[str, ...], cand: tuple[str, ...], kind: str) -> float:
    """Similarity of two token bags in [0, 1].

    Tokens are aligned greedily by similarity; each side's *coverage* is the share
    of its characters matched (weighted by token similarity). For persons the
    article's name counts most (lists add middle names and patronymics the press
    leaves out); for organisations extra words are distinguishing ("Norvex" is not
    "Norvex Logistics"), so both sides count equally.
    """
    if not query or not cand:
        return 0.0
    if sorted(query) == sorted(cand):
        return 1.0
    pairs = sorted(((token_similarity(q, c), i, j) for i, q in enumerate(query) for j, c in enumerate(cand)),
                   reverse=True)
    used_q: set[int] = set()
    used_c: set[int] = set()
    matched_q = matched_c = 0.0
    for sim, i, j in pairs:
        if sim <= 0 or i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        matched_q += sim * len(query[i])
        matched_c += sim * len(cand[j])
    cov_q = matched_q / sum(map(len, query))
    cov_c = matched_c / sum(map(len, cand))
    bag = _joined_similarity(query, cand)  # "Jong-un" vs "Jongun": tokenisation differs
    if kind == PERSON:
        return max(0.8 * cov_q + 0.2 * cov_c, bag)
    return max((cov_q + cov_c) / 2, bag)


def _joined_similarity(query: tuple[str, ...], cand: tuple[str, ...]) -> float:
    a, b = "".join(sorted(query)), "".join(sorted(cand))
    if len(query) == len(cand):
        return 0.0  # same token count: the token alignment already covers it
    sim = Levenshtein.normalized_similarity("".join(query), "".join(cand))
    return max(sim, Levenshtein.normalized_similarity(a, b)) if sim >= 0.9 else 0.0
