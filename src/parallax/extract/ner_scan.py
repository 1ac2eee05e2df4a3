"""Names the small NER model missed or typed wrongly, found from the words around them.

Run on the candidates `ner_fixes` made (NORMALISED offsets), in this order:
1. `scan_missed` -- dateline places ("PORTVILLE, Ruritania, May 2 (Agency) -"), all-caps acronyms
   ("the ABCD said"), capitalised state institutions after "the" ("the Presidency"), people introduced
   with a role whose name NER skipped ("For Irene Ruiz-Vidal, a hydrologist at ..."), and a given name
   NER cut off a person's name ("Irene [Maria Ruiz Vidal]").
2. `relabel_by_context` -- the type the context says: "in X" / "X's government" / "X province" /
   "the town of X" a territory; "the X river" a natural feature; "the X gold mine" a facility;
   "X, the firm that ..." / "the regulator, X," / "X's chief executive" an organisation. What one
   mention shows holds for every mention of the same name in the document.
3. `reconcile_org_person` -- a name typed PERSON that is an organisation's name or short name in the
   same document ("Acme Shipping plc" ... "Acme Shipping" ... "Acme"; "El Correo de X" ... "El Correo").
4. `propagate` -- later mentions of a name NER tagged once ("Acme ... Acme said") and surnames of people
   named in full ("Jane Roe ... Roe said"), which small models often leave untagged.
No rule names anything: the evidence is capitalisation, position, grammar and closed word lists.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from spacy.tokens import Doc

from parallax.extract import lexicon as lx
from parallax.extract.ner_fixes import (
    Cand,
    _is_cap,
    _is_title_word,
    _relabel,
    _role_follows,
    _title_appositive_before,
    _title_precedes,
)
from parallax.nlp.analyzed import doc_text

_ROMAN = re.compile(r"^[IVXLCDM]+$")
_WEAK_LABELS = {"NORP", "ORG", "PRODUCT", "GPE", "LOC", "PERSON", "WORK_OF_ART", "EVENT", "LAW"}
_TERRITORY_OF = "GPE!"  # the one cue strong enough to retype a name NER took for a person's
_ADJECTIVE_ENDINGS = ("ic", "ish", "ese", "an", "ian", "ean")
_PLACE_PREPS = {"in", "from", "to", "across", "throughout", "within", "inside", "outside", "near", "into"}


class _Lines:
    """Line of each character offset, and which lines are all capitals (section heads, headlines)."""

    def __init__(self, doc: Doc):
        text = doc_text(doc)
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.caps: list[bool] = []
        ends = [b - 1 for b in self.starts[1:]] + [len(text)]
        for a, b in zip(self.starts, ends):
            line = text[a:b]
            self.caps.append(line.upper() == line and line.lower() != line)  # letters, all capitals

    def line(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def is_caps(self, offset: int) -> bool:
        return self.caps[self.line(offset)]


class _Toks:
    """Token texts, trailing whitespace and start offsets of a document, read once (spaCy builds a
    Python object per token access, so the scans below filter on these strings first)."""

    _last: "tuple[Doc, _Toks] | None" = None

    def __init__(self, doc: Doc):
        self.text: list[str] = []
        self.ws: list[str] = []
        self.starts: list[int] = []
        for t in doc:
            self.text.append(t.text)
            self.ws.append(t.whitespace_)
            self.starts.append(t.idx)
        self.lower = [w.lower() for w in self.text]

    @classmethod
    def of(cls, doc: Doc) -> "_Toks":
        if cls._last is None or cls._last[0] is not doc:
            cls._last = (doc, cls(doc))
        return cls._last[1]

    def line_starts(self) -> list[int]:
        return [i for i in range(len(self.text)) if i == 0 or "\n" in self.text[i - 1] and self.text[i - 1].isspace()]

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """Token range covering normalised characters [start, end) (like char_span "expand")."""
        return bisect_right(self.starts, start) - 1, bisect_left(self.starts, end)


def _covered(doc: Doc, cands: list[Cand]) -> list[bool]:
    tk = _Toks.of(doc)
    cov = [False] * len(doc)
    for c in cands:
        s, e = tk.bounds(c.start, c.end)
        for k in range(max(s, 0), e):
            cov[k] = True
    return cov


def _span(doc: Doc, c: Cand):
    s, e = _Toks.of(doc).bounds(c.start, c.end)
    return doc[s:e] if 0 <= s < e else None


# -- 1. names NER missed ----------------------------------------------------------------------
def scan_missed(doc: Doc, cands: list[Cand]) -> list[Cand]:
    lines = _Lines(doc)
    out = list(cands)
    out = _datelines(doc, out, lines)
    cov = _covered(doc, out)
    added: list[Cand] = []
    added += _acronyms(doc, cov, lines)
    added += _institutions(doc, cov)
    added += _introduced_people(doc, cov, lines)
    added += _appositive_companies(doc, cov, lines)
    for c in added:
        c2 = _relabel(c, doc)
        if c2 is not None:
            out.append(c2)
    _extend_given_names(doc, out, lines)
    out = _join_of_names(doc, _drop_section_heads(doc, out, lines))
    out.sort(key=lambda c: (c.start, -c.end))
    return out


def _datelines(doc: Doc, cands: list[Cand], lines: _Lines) -> list[Cand]:
    """'PORTVILLE, Ruritania, May 2 (Agency) -' / 'PORTVILLE.- The ...': the capitalised words opening a
    line before a comma, full stop or dash are the place the story was filed from."""
    out = cands
    tk = _Toks.of(doc)
    texts, n = tk.text, len(tk.text)
    for i in tk.line_starts():
        w = texts[i]
        if not (w.isalpha() and w.isupper() and len(w) >= 2):
            continue
        j = i
        while j < n and (texts[j].isalpha() and texts[j].isupper() and len(texts[j]) >= 2
                         or texts[j] == "-" and j > i and not tk.ws[j - 1]):
            j += 1
        if j - i > 4 or j >= n or texts[j - 1] == "-" or lines.is_caps(doc[i].idx):
            continue
        words = [w for w in texts[i:j] if w.isalpha()]
        if (_dateline_follows(doc, j) or _colon_dateline(doc, i, j)) and not any(
                w in lx.NON_ORG_CAPS or w in lx.ZONE_WORDS for w in words) and doc[i:j].text.lower() not in lx.NEWS_AGENCIES:
            s_char, e_char = doc[i].idx, doc[j - 1].idx + len(texts[j - 1])
            out = [c for c in out if not (c.start < e_char and s_char < c.end and c.end <= doc[j].idx + 1)]
            code = lx.country_code(doc[i:j].text)
            out.append(Cand(s_char, e_char, "GPE", doc_text(doc)[s_char:e_char], country=code))
    return out


def _colon_dateline(doc: Doc, i: int, j: int) -> bool:
    """'PORTVILLE: Thousands gathered ...': a place in capitals and a colon opening the first lines of the
    story, when the article names the place elsewhere in ordinary case (or it is a known place)."""
    if doc[j].text != ":" or j + 1 >= len(doc) or doc[j + 1].is_space or doc[i].idx > 600:
        return False
    name = " ".join(t.text.title() for t in doc[i:j] if t.is_alpha)
    return lx.is_known_place(name) or re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", doc_text(doc)) is not None


def _dateline_follows(doc: Doc, j: int) -> bool:
    """What follows a dateline place: "(Agency)", a dash, ".-", or ", Country, May 2 (Agency) -"."""
    t = doc[j].text
    if t in ("(", "-", "–", "—") or t[:1] == "." and t[1:2] in ("-", "–", "—"):
        return True
    nxt = doc[j + 1].text if j + 1 < len(doc) else ""
    if t == "." and nxt[:1] in ("-", "–", "—"):
        return True
    if t == ",":
        for k in range(j + 1, min(j + 12, len(doc))):
            if doc[k].is_space or doc[k].pos_ in ("VERB", "AUX"):
                return False
            if doc[k].text in ("(", "-", "–", "—"):
                return True
    return False


def _acronyms(doc: Doc, cov: list[bool], lines: _Lines) -> list[Cand]:
    """An all-caps word NER left untagged ("the ABCD fined the firm") is an organisation's acronym."""
    out = []
    texts = _Toks.of(doc).text
    for i, w in enumerate(texts):
        if cov[i] or not (3 <= len(w) <= 8 and w.isalpha() and w.isupper()):
            continue
        t = doc[i]
        if t.pos_ not in ("PROPN", "NOUN"):
            continue
        if w in lx.NON_ORG_CAPS or w in lx.ZONE_WORDS or _ROMAN.match(w) or lines.is_caps(t.idx) or (
                w.lower() in lx.LEGAL_FORMS or w.lower() in lx.ORG_NAME_ENDS or w.lower() in lx.TITLE_NOUNS):
            continue
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is not None and (nxt.is_upper and nxt.is_alpha or nxt.text == ":"):
            continue  # a run of capitals is a heading or a shout, not a name
        if t.i > 0 and doc[t.i - 1].is_upper and doc[t.i - 1].is_alpha:
            continue
        out.append(Cand(t.idx, t.idx + len(w), "ORG", w))
    return out


def _institutions(doc: Doc, cov: list[bool]) -> list[Cand]:
    """'a statement of the Presidency': a state institution capitalised after "the" mid-sentence."""
    out = []
    for i, w in enumerate(_Toks.of(doc).text):
        if i == 0 or cov[i] or w not in lx.INSTITUTION_WORDS:
            continue
        t = doc[i]
        if t.is_sent_start:
            continue
        if doc[t.i - 1].lower_ != "the":
            continue
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is not None and (nxt.text[:1].isupper() or nxt.lower_ in ("of", "for") or nxt.pos_ in ("NOUN", "PROPN")):
            continue  # part of a longer name ("the Ministry of X") or a modifier ("the Government bond")
        out.append(Cand(t.idx, t.idx + len(t.text), "ORG", t.text))
    return out


def _name_run(doc: Doc, i: int, cov: list[bool]) -> int:
    """End token of a run of capitalised words from i, hyphen-joined parts included ("Ruiz-Vidal")."""
    j = i
    while j < len(doc) and not cov[j]:
        t = doc[j]
        if _is_cap(t) and not t.is_upper or (t.text == "-" and j > i and not doc[j - 1].whitespace_
                                             and j + 1 < len(doc) and _is_cap(doc[j + 1])):
            j += 1
            continue
        break
    return j


def _introduced_people(doc: Doc, cov: list[bool], lines: _Lines) -> list[Cand]:
    """'For Irene Ruiz-Vidal, a hydrologist at X, ...': a capitalised run opening with a given name and
    followed (or preceded) by a role is a person even when NER skipped it."""
    out = []
    texts = _Toks.of(doc).text
    i = 0
    while i < len(doc):
        if cov[i] or not (texts[i][:1].isupper() and lx.is_given_name(texts[i])):
            i += 1
            continue
        t = doc[i]
        if not _is_cap(t) or lines.is_caps(t.idx):
            i += 1
            continue
        if i > 0 and _is_cap(doc[i - 1]) and not doc[i - 1].is_sent_start and not cov[i - 1]:
            i += 1
            continue
        j = _name_run(doc, i, cov)
        words = [w for w in doc[i:j] if w.is_alpha]
        if 2 <= len(words) <= 5 and not any(w.text in lx.ORG_HEADS or w.lower_ in lx.ORG_NAME_ENDS for w in words) and (
                _role_follows(doc, j) or _title_precedes(doc, i) or _title_appositive_before(doc, i, j)):
            out.append(Cand(doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text), "PERSON", doc[i:j].text,
                            person_evidence=True))
            for k in range(i, j):
                cov[k] = True
        i = max(j, i + 1)
    return out


_COMPANY_NOUNS = lx.COMPANY_ANAPHORS | lx.ORG_DESCRIPTORS


def _appositive_companies(doc: Doc, cov: list[bool], lines: _Lines) -> list[Cand]:
    """'Shares of Acme Precision, a Y-based maker of pumps, fell': a capitalised run NER skipped whose
    appositive is a company noun ("maker", "firm", "supplier") names a company."""
    out = []
    texts = _Toks.of(doc).text
    i, n = 0, len(doc)
    while i < n:
        w = texts[i]
        if cov[i] or not (w[:1].isupper() and w.isalpha()) or lx.is_given_name(w):
            i += 1
            continue
        t = doc[i]
        if lines.is_caps(t.idx) or t.is_sent_start or i > 0 and _is_cap(doc[i - 1]) and not doc[i - 1].is_sent_start:
            i += 1
            continue
        j = _name_run(doc, i, cov)
        if 1 <= j - i <= 4 and all(doc[k].pos_ == "PROPN" for k in range(i, j)) and _company_noun_follows(doc, j):
            out.append(Cand(t.idx, doc[j - 1].idx + len(texts[j - 1]), "ORG", doc[i:j].text))
            for k in range(i, j):
                cov[k] = True
        i = max(j, i + 1)
    return out


def _company_noun_follows(doc: Doc, j: int) -> bool:
    """', a/an/the [modifiers] <company noun>' right after token j-1, the noun heading the appositive."""
    if j + 2 >= len(doc) or doc[j].text != "," or doc[j + 1].lower_ not in ("a", "an", "the"):
        return False
    for t in doc[j + 2: j + 8]:
        if t.lower_ in _COMPANY_NOUNS and t.pos_ == "NOUN":
            return t.head.i < j or t.dep_ == "appos"
        if t.is_punct and t.text != "-" or t.lower_ in ("of", "that", "which", "who") or t.pos_ in ("VERB", "AUX") and t.dep_ != "amod":
            return False
    return False


def _extend_given_names(doc: Doc, cands: list[Cand], lines: _Lines) -> None:
    """'Irene [Maria Ruiz Vidal]': NER left out a leading given name (or typed it apart, "[Irene] [Maria
    Ruiz]"); take it back into the name."""
    cov = _covered(doc, cands)
    single = {}  # token index -> a one-word non-person candidate there
    for c in cands:
        if c.label != "PERSON" and c.kind == "name" and " " not in c.text:
            span = _span(doc, c)
            if span is not None and len(span) == 1:
                single[span.start] = c
    absorbed: set[int] = set()
    for c in cands:
        if c.label != "PERSON" or c.kind != "name":
            continue
        span = _span(doc, c)
        if span is None:
            continue
        s = span.start
        for _ in range(2):
            p = s - 1
            if p < 0 or not _is_cap(doc[p]) or doc[p].whitespace_ != " " or not lx.is_given_name(doc[p].text):
                break
            if cov[p] and not (p in single and lx.is_given_name(single[p].text)):
                break
            if lines.line(doc[p].idx) != lines.line(span.start_char):
                break
            if p in single:
                absorbed.add(id(single[p]))
            s = p
        if s != span.start:
            for k in range(s, span.start):
                cov[k] = True
            c.start, c.text = doc[s].idx, doc_text(doc)[doc[s].idx:c.end]
    if absorbed:
        cands[:] = [c for c in cands if id(c) not in absorbed]


def _join_of_names(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """'[Central Observatory] of [Tarvia]': an organisation's name ending in its head word, then "of" and
    a place NER typed apart, is one name ("the Public Health Laboratory of X")."""
    by_start: dict[int, Cand] = {}
    for c in cands:
        by_start.setdefault(c.start, c)
    drop: set[int] = set()
    for c in cands:
        if c.kind != "name" or c.label not in ("ORG", "FAC") or id(c) in drop:
            continue
        span = _span(doc, c)
        if span is None or span.end + 1 >= len(doc) or doc[span.end - 1].text not in lx.ORG_HEADS:
            continue
        if doc[span.end].lower_ != "of":
            continue
        nxt = by_start.get(doc[span.end + 1].idx)
        if nxt is None or nxt.kind != "name" or nxt.country or nxt.label == "PERSON" or len(nxt.text.split()) > 3 or (
                nxt.label not in ("GPE", "LOC") and " " in nxt.text.strip()):
            continue
        c.end, c.text = nxt.end, doc_text(doc)[c.start:nxt.end]
        c.label = "ORG"
        drop.add(id(nxt))
    return [c for c in cands if id(c) not in drop]


def _drop_section_heads(doc: Doc, cands: list[Cand], lines: _Lines) -> list[Cand]:
    """'RISKS AHEAD' alone on a line of capitals is a section heading, not an organisation."""
    out = []
    for c in cands:
        if c.kind == "name" and " " in c.text.strip() and lines.is_caps(c.start) and c.text.isupper():
            ln = lines.line(c.start)
            a = lines.starts[ln]
            b = lines.starts[ln + 1] - 1 if ln + 1 < len(lines.starts) else len(doc_text(doc))
            if doc_text(doc)[a:b].strip(" .:-") == c.text.strip():
                continue
        out.append(c)
    return out


# -- 2. types from context --------------------------------------------------------------------
_POSSESSIVE_MARKS = ("'s", "’s", "'", "’")
_CUE_AFTER = lx.PLACE_NOUNS_AFTER | lx.GEO_FEATURE_NOUNS | set(_POSSESSIVE_MARKS) | {","}


def _maybe_cued(tk: _Toks, a: int, b: int, label: str) -> bool:
    """Cheap test on token strings: is any context cue of `_type_from_context` possible here?"""
    low, n = tk.lower, len(tk.lower)
    if b < n and (low[b] in _CUE_AFTER or any(w in lx.FACILITY_HEADS for w in low[b:b + 3])):
        return True
    if a >= 1 and (low[a - 1] == "," or label == "NORP" and low[a - 1] in _PLACE_PREPS):
        return True
    return a >= 2 and low[a - 1] == "of" and (low[a - 2] in lx.PLACE_NOUNS_OF or low[a - 2] in lx.TERRITORY_TITLES)


def _type_from_context(doc: Doc, c: Cand) -> str | None:
    if c.kind != "name" or c.country:
        return None
    a, b = _Toks.of(doc).bounds(c.start, c.end)
    if not 0 <= a < b or not _maybe_cued(_Toks.of(doc), a, b, c.label):
        return None
    span = doc[a:b]
    s, e = span.start, span.end
    nxt = doc[e] if e < len(doc) else None
    nxt2 = doc[e + 1] if e + 1 < len(doc) else None
    prev = doc[s - 1] if s > 0 else None
    prev2 = doc[s - 2] if s > 1 else None
    # "the Ruritanian city": an adjective of nationality describes the noun after it, it names nothing
    adjectival = c.label == "NORP" and c.text.lower().endswith(_ADJECTIVE_ENDINGS)
    if nxt is not None and nxt.is_lower and nxt.is_alpha and not adjectival:
        if nxt.lower_ in lx.PLACE_NOUNS_AFTER:
            return "GPE"
        if nxt.lower_ in lx.GEO_FEATURE_NOUNS:
            return "LOC"
        # "the X gold mine", "the X power station": a facility named before its kind (not "the
        # Nordic port of Y", where Y names the port and the adjective only describes it)
        k = e if not (prev is not None and prev.lower_ in ("a", "an") or _natural_feature(c.text)) else len(doc)
        while k < min(e + 3, len(doc)) and doc[k].is_lower and doc[k].pos_ in ("NOUN", "ADJ", "PROPN"):
            if doc[k].lower_ in lx.FACILITY_HEADS and doc[k].pos_ == "NOUN":
                if k + 2 < len(doc) and doc[k + 1].lower_ == "of" and doc[k + 2].text[:1].isupper():
                    break
                return "FAC"
            k += 1
    if prev is not None and prev2 is not None and prev.lower_ == "of" and (
            prev2.lower_ in lx.PLACE_NOUNS_OF or prev2.lower_ in lx.TERRITORY_TITLES) and not lx.is_given_name(c.text.split()[0]):
        return _TERRITORY_OF  # "the town of X", "the mayor of X": a territory, even one NER took for a person
    if nxt is not None and nxt.text in ("'s", "’s", "'", "’") and nxt2 is not None:
        head = nxt2
        # "X's health ministry": the noun the possessive governs
        k = e + 1
        while k < min(e + 4, len(doc)) and doc[k].pos_ in ("ADJ", "NOUN") and doc[k].is_lower:
            head = doc[k]
            if doc[k].dep_ != "compound" and doc[k].dep_ != "amod":
                break
            k += 1
        if head.lower_ in lx.TERRITORY_POSSESSIONS:
            return "GPE"
        if head.lower_ in lx.ORG_POSSESSIONS:
            return "ORG"
    if c.label == "NORP" and len(span) <= 3 and not c.text.endswith("s") and not adjectival:
        # a nationality word never follows "in"/"from": "the mine in X" names a place
        if prev is not None and prev.lower_ in _PLACE_PREPS and span.root.dep_ == "pobj":
            return "GPE"
    if _company_appositive(doc, s, e):
        return "ORG"
    return None


def _natural_feature(text: str) -> bool:
    """'X Sea', 'X River': a natural feature's name, never a facility's by a noun after it."""
    words = text.split()
    return len(words) >= 2 and words[-1].lower() in lx.GEO_FEATURE_NOUNS


def _company_appositive(doc: Doc, s: int, e: int) -> bool:
    """'X, the firm that ...' / 'X, a local miner,' / 'the regulator, X,': a body's common noun in
    apposition to the name (the parser's appositive, checked against the words around it)."""
    org_nouns = lx.ORG_DESCRIPTORS | lx.COMPANY_ANAPHORS | lx.BODY_NOUNS
    inside = range(s, e)
    root = doc[s:e].root
    if e + 1 < len(doc) and doc[e].text == ",":
        k = e + 1
        if doc[k].lower_ in ("the", "a", "an"):
            k += 1
            while k < min(e + 6, len(doc)) and doc[k].pos_ in ("ADJ", "NOUN") and doc[k].is_lower:
                nxt = doc[k + 1] if k + 1 < len(doc) else None
                ends = nxt is None or not (nxt.pos_ == "NOUN" and nxt.is_lower or nxt.text in ("'s", "’s", "'", "’"))
                if doc[k].lower_ in org_nouns and ends:
                    return doc[k].dep_ == "appos" and doc[k].head.i in inside or (
                        root.dep_ == "appos" and root.head.i == doc[k].i)
                k += 1
    if s >= 3 and doc[s - 1].text == "," and e < len(doc) and doc[e].text in (",", "."):
        noun = doc[s - 2]
        if noun.is_lower and noun.lower_ in org_nouns and noun.pos_ == "NOUN":
            return root.dep_ == "appos" and root.head.i == noun.i or noun.dep_ == "appos" and noun.head.i in inside
    return False


def relabel_by_context(doc: Doc, cands: list[Cand]) -> None:
    """Retype names by what their context says, for every mention of the same name."""
    found: dict[str, str] = {}
    strong: set[str] = set()
    for c in cands:
        if c.label not in _WEAK_LABELS or c.person_evidence:
            continue
        t = _type_from_context(doc, c)
        if t == _TERRITORY_OF:
            t = "GPE"
            strong.add(lx.name_key(c.text))
        if t is not None:
            if c.label in ("GPE", "LOC") and t in ("FAC", "ORG") and lx.is_known_place(c.text):
                continue  # "the Nevada gold mine": a known place stays one
            # the first mention with a cue decides, also for mentions the tagger typed otherwise
            found.setdefault(lx.name_key(c.text), t)
    if not found:
        return
    # "X's government" after "President Jane X": the surname of a person named in full is the person's
    surnames = {lx.name_key(c.text.split()[-1]) for c in cands if c.label == "PERSON" and c.kind == "name"
                and len(c.text.split()) >= 2}
    for c in cands:
        t = found.get(lx.name_key(c.text))
        if t == "GPE" and " " not in c.text and lx.name_key(c.text) in surnames and lx.name_key(c.text) not in strong:
            continue
        if t is None or c.person_evidence or c.country or c.label not in _WEAK_LABELS or c.kind != "name":
            continue
        key = lx.name_key(c.text)
        if c.label == "PERSON" and (t != "ORG" and key not in strong or lx.is_given_name(c.text.split()[0])):
            continue  # a person's name is not a place's for a "'s" or an "in"
        if c.label in ("GPE", "LOC") and t in ("FAC", "ORG") and lx.is_known_place(c.text):
            continue
        c.label = t


def extend_to_known_names(doc: Doc, cands: list[Cand]) -> None:
    """'[Acme] Minerals denied ...' tagged as a place "Acme": NER cut a name the document uses in full
    elsewhere ("Acme Minerals"); take the rest back, with the full name's type."""
    full: dict[str, str] = {}
    for c in cands:
        if c.kind == "name" and len(c.text.split()) >= 2 and c.label in ("ORG", "FAC", "PERSON"):
            full.setdefault(lx.name_key(c.text), c.label)
            if c.label == "ORG":  # "a [Acme] Meridian freighter": the short name of "Acme Meridian Shipping"
                for f in org_short_forms(c.text, c.label):
                    if " " in f:
                        full.setdefault(lx.name_key(f), "ORG")
    if not full:
        return
    cov = _covered(doc, cands)
    tk = _Toks.of(doc)
    for c in cands:
        if c.kind != "name" or c.country:
            continue
        a, b = tk.bounds(c.start, c.end)
        if not (0 <= a < b < len(tk.text)) or cov[b] or not tk.text[b][:1].isupper():
            continue  # nothing capitalised and free right after it
        span = doc[a:b]
        for extra in (1, 2):
            e = span.end + extra
            if e > len(doc) or any(cov[k] or not _is_cap(doc[k]) for k in range(span.end, e)):
                break
            longer = doc[span.start:e]
            label = full.get(lx.name_key(longer.text))
            if label is not None:
                while label == "ORG" and e < len(doc) and not cov[e] and doc[e].text[:1].isupper() and (
                        doc[e].lower_ in lx.COMPANY_HEADS or doc[e].lower_ in lx.LEGAL_FORMS):
                    e += 1  # "[Acme Meridian] Shipping": the company's full name
                    longer = doc[span.start:e]
                for k in range(span.end, e):
                    cov[k] = True
                c.end, c.text, c.label = longer.end_char, longer.text, label
                break


# -- 3. organisations typed PERSON --------------------------------------------------------------
def _org_words(text: str) -> list[str]:
    return [w for w in text.replace("’", "'").split() if w]


_LEGAL_PLAIN = lx.LEGAL_FORMS | {x.rstrip(".") for x in lx.LEGAL_FORMS}


@lru_cache(maxsize=16384)
def org_short_forms(text: str, label: str = "ORG") -> frozenset[str]:
    """Short names a multi-word organisation goes by in the same article: the stem ("X Shipping plc" ->
    "X Shipping", "X"), the part before "de"/"of" when it is itself two words ("El Correo de Y" ->
    "El Correo"), and the name without a leading national/federal qualifier ("National X Office" ->
    "X Office")."""
    words = _org_words(text)
    out: set[str] = set()
    if len(words) < 2:
        return frozenset()
    w = list(words)
    while len(w) > 1 and w[-1].lower().rstrip(".") in _LEGAL_PLAIN:
        w = w[:-1]
        out.add(" ".join(w))
    heads = lx.FACILITY_HEADS if label == "FAC" else lx.COMPANY_HEADS
    while len(w) > 1 and w[-1].lower() in heads:
        w = w[:-1]
        out.add(" ".join(w))
    for k in range(2, len(words) - 1):
        if words[k].lower() in ("de", "del", "of", "da", "do", "di") and all(x[:1].isupper() for x in words[:k]):
            out.add(" ".join(words[:k]))
            break
    lead = 0
    while lead < len(words) - 2 and words[lead].lower() in _NATIONAL_WORDS:
        lead += 1
    if lead and len(words) - lead >= 2 and words[-1] in lx.ORG_HEADS:
        out.add(" ".join(words[lead:]))
    # "US State Department" -> "State Department"; "US Treasury Department" -> "Treasury Department",
    # "Treasury" (a state body goes by its portfolio without the state, and the Treasury by its word alone)
    rest = words[1:] if len(words) >= 2 and (lx.country_code(words[0]) or lx.demonym_country(words[0].lower())) else words
    if rest is not words and (len(rest) >= 2 and rest[-1].lower() in _STATE_BODY_KINDS or
                              len(rest) == 1 and rest[0].lower() in lx.BODY_WORDS_ALONE):
        out.add(" ".join(rest))
    if len(rest) == 2 and rest[0].lower() in lx.BODY_WORDS_ALONE and rest[1].lower() in _STATE_BODY_KINDS:
        out.add(rest[0])
    return frozenset(f for f in out if f and f.split()[0] not in lx.NAME_CONNECTORS and f != text)


_NATIONAL_WORDS = frozenset("national federal provincial regional municipal state central".split())
_STATE_BODY_KINDS = frozenset({"ministry", "department"})


def reconcile_org_person(doc: Doc, cands: list[Cand]) -> None:
    """Names typed PERSON (no title or role says person) that are an organisation's in this document:
    the same name typed ORG elsewhere, or a short form of an organisation's longer name."""
    orgs = [c for c in cands if c.label in ("ORG", "FAC") and c.kind == "name"]
    if not orgs:
        return
    org_keys: dict[str, str] = {}
    for c in orgs:
        org_keys.setdefault(lx.name_key(c.text), c.label)
        for f in org_short_forms(c.text, c.label):
            org_keys.setdefault(lx.name_key(f), c.label)
    persons = [c for c in cands if c.label == "PERSON" and c.kind == "name"]
    # names that are a real person's in this document: titled, or parts of a titled/given-name full name
    person_keys: set[str] = set()
    for c in persons:
        words = c.text.split()
        if c.person_evidence or len(words) >= 2 and lx.is_given_name(words[0]):
            person_keys.add(lx.name_key(c.text))
            if len(words) >= 2:
                person_keys.update({lx.name_key(words[-1]), lx.name_key(words[0])})
    first_words = {}
    for c in orgs:
        words = _org_words(c.text)
        if len(words) >= 2 and c.label == "ORG" and words[0][:1].isupper() and words[0].lower() not in _GENERIC_FIRST:
            first_words.setdefault(lx.name_key(words[0]), c.label)
    for c in persons:
        if c.person_evidence:
            continue
        key = lx.name_key(c.text)
        if key in person_keys and len(c.text.split()) == 1:
            continue
        if key in person_keys and len(c.text.split()) >= 2 and lx.is_given_name(c.text.split()[0]):
            continue
        label = org_keys.get(key)
        if label is None and len(c.text.split()) == 1:
            label = first_words.get(key)
        if label is not None:
            c.label = label


_GENERIC_FIRST = frozenset("""the national federal central state royal united international global world general first new
north south east west northern southern eastern western city county regional provincial municipal public private""".split())


# -- 4. repeated names and surnames --------------------------------------------------------------
def propagate(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """Later (or earlier) occurrences of a name the document already has, which NER left untagged:
    the same words ("Acme", "ABCD"/"Abcd"), and the surname of a person named in full."""
    from parallax.extract.coref import is_family_first  # coref imports this module

    tk = _Toks.of(doc)
    forms: dict[tuple[str, ...], str] = {}
    surnames: dict[tuple[str, ...], str] = {}
    for c in cands:
        if c.kind != "name" or c.label not in ("PERSON", "ORG", "GPE", "LOC", "FAC"):
            continue
        a, b = tk.bounds(c.start, c.end)
        if a < 0 or a >= b:
            continue
        toks = tuple(w for w in tk.lower[a:b] if not w.isspace())
        if toks:
            forms.setdefault(toks, c.label)
        if c.label != "PERSON":
            continue
        words = [w for w in tk.text[a:b] if w.isalpha() or w == "-"]
        alpha = [w for w in words if w.isalpha()]
        if len(alpha) < 2:
            continue
        if is_family_first(alpha):
            surnames.setdefault((alpha[0].lower(),), "PERSON")
            continue
        # "Ruiz-Vidal": a hyphenated surname is one name
        k = len(words) - 1
        while k >= 2 and words[k - 1] == "-":
            k -= 2
        surnames.setdefault(tuple(w.lower() for w in words[k:]), "PERSON")
        if len(alpha) >= 3:  # Spanish naming: "Irene Ruiz Vidal" goes by "Ruiz Vidal"
            surnames.setdefault((alpha[-2].lower(), alpha[-1].lower()), "PERSON")
    for k, v in surnames.items():
        forms.setdefault(k, v)
    if not forms:
        return cands
    max_len = max(len(k) for k in forms)
    firsts = {k[0] for k in forms}
    cov = _covered(doc, cands)
    out = list(cands)
    texts, lowers, ws = tk.text, tk.lower, tk.ws
    i, n = 0, len(doc)
    while i < n:
        w = texts[i]
        if cov[i] or lowers[i] not in firsts or not w[:1].isupper() or not w.isalpha():
            i += 1
            continue
        hit = None
        for size in range(min(max_len, n - i), 0, -1):
            key = tuple(lowers[i:i + size])
            if key not in forms:
                continue
            if any(cov[k] or k > i and ws[k - 1] == "" and texts[k] != "-" and texts[k - 1] != "-"
                   for k in range(i, i + size)):
                continue
            if all(x[:1].isupper() or x == "-" or x.lower() in lx.NAME_CONNECTORS for x in texts[i:i + size]):
                hit = (size, forms[key])
                break
        if hit is None:
            i += 1
            continue
        size, label = hit
        end = i + size
        t = doc[i]
        before = doc[i - 1] if i > 0 else None
        after = doc[end] if end < n else None
        # part of a longer name ("Roe Holdings", "Maria Roe"): not this one
        longer = (after is not None and _is_cap(after) and not after.is_sent_start and after.whitespace_ is not None
                  and not after.is_punct) or (before is not None and _is_cap(before) and not before.is_sent_start
                                              and not before.is_punct and before.pos_ == "PROPN"
                                              and not _is_title_word(before))
        single_common = size == 1 and t.pos_ not in ("PROPN",) and not t.is_upper
        if not longer and not single_common:
            s_char, e_char = t.idx, doc[end - 1].idx + len(doc[end - 1].text)
            c = Cand(s_char, e_char, label, doc_text(doc)[s_char:e_char])
            c2 = _relabel(c, doc)
            if c2 is not None:
                out.append(c2)
                for k in range(i, end):
                    cov[k] = True
        i = end
    out.sort(key=lambda c: (c.start, -c.end))
    return out
