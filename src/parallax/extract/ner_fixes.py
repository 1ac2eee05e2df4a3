"""spaCy NER spans turned into clean, typed name candidates.

General repairs where small English models are known to fail: dateline/time-zone
words tagged PERSON/ORG, leading "the", possessive "'s", titles inside PERSON
spans, countries tagged ORG, news agencies and seats of government, facilities
("the X spaceport"), organisation names NER missed ("... Institute"), bylines,
people tagged ORG but introduced with a role, firms tagged PERSON.
All offsets here are NORMALISED (spaCy) offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from parallax.extract import lexicon as lx
from parallax.nlp.analyzed import AnalyzedDoc, doc_text

KEEP_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
_POSSESSIVE = ("'s", "'", "’s", "’")
_ABBREV_END = re.compile(r"(?:\b[A-Z]|\b(?:Jr|Sr|St|Mt|Ft|Inc|Co|Corp|Ltd)|\.[A-Za-z])\.$")
_MODEL_NUMBER = re.compile(r"^[A-Z]{1,3}-?\d+[A-Za-z]*$")


@dataclass
class Cand:
    """One name mention before clustering (normalised offsets)."""

    start: int
    end: int
    label: str
    text: str
    kind: str = "name"  # name | direction ("the North") | role ("the president") | metonym
    person_evidence: bool = False  # a title or role phrase introduces it
    alias_of: "Cand | None" = None  # the name a parenthetical expands or abbreviates
    country: str | None = None  # ISO code when it names (or stands for) a country


def _is_title_word(tok: Token) -> bool:
    low = tok.lower_
    return (low in lx.TITLE_NOUNS or low in lx.ROLE_MODIFIERS or low in lx.PORTFOLIO_WORDS
            or low in lx.HONORIFICS or lx.demonym_country(low) is not None)


def _trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int, bool]:
    """Token bounds without leading "the"/titles and trailing possessives/punctuation."""
    titled = False
    if (end - start > 2 and doc[start].is_sent_start and doc[start].pos_ in ("ADV", "ADP", "CCONJ", "SCONJ", "PRON")
            and doc[start + 1].lower_ == "the"):
        start += 1  # "Later the X Commission": the sentence's opening word is no part of the name
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    # "From X, May 2": a capitalised preposition opening a line or sentence is not part of a name
    while (end - start > 1 and doc[start].lower_ in _LEADING_PREPOSITIONS and doc[start].text[:1].isupper()
           and doc[start].pos_ == "ADP" and label in _NAME_LABELS):
        start += 1
    if label in ("ORG", "FAC"):
        # "the opposition X Party", "the ruling Y Front": a lower-case word before the capitalised
        # words describes the body, it is no part of its name
        while (end - start > 1 and doc[start].is_lower and doc[start].is_alpha and doc[start + 1].text[:1].isupper()
               and doc[start].lower_ not in lx.NAME_PARTICLES and doc[start].lower_ not in lx.NAME_CONNECTORS):
            start += 1
    if label == "PERSON":
        # "President Jane Doe": drop title words while a capitalised name remains after them
        while end - start > 1 and _is_title_word(doc[start]) and doc[start + 1].text[:1].isupper():
            start += 1
            titled = True
        # "Secretary of State First Last": the title's own "of" phrase is not part of the name
        if end - start >= 5 and _is_title_word(doc[start]) and doc[start + 1].lower_ == "of":
            start, titled = end - 2, True
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].text in "-.,;:'\"()[]"
                           or end - start > 1 and doc[end - 1].text in _TRAILING_CONNECTORS):
        end -= 1  # "the Public Health Laboratory of": a name never ends in "of"
    if label not in _NUMBERED_LABELS:
        # a figure is never part of a name: "X Shipping 250" out of "X Shipping 250m euros"
        while end - start > 1 and _figure_token(doc, end - 1, end):
            end -= 1
    return start, end, titled


_PLACE_PREPS_BEFORE = {"in", "from", "near", "outside", "inside"}
_LEADING_PREPOSITIONS = {"from", "by", "for", "in", "at", "to", "with", "of", "on"}
_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
_TRAILING_CONNECTORS = {"of", "for", "and", "the", "on", "in", "de", "&"}
_NUMBERED_LABELS = {"PRODUCT", "EVENT", "LAW", "WORK_OF_ART"}  # "Apollo 11", "Windows 11", "Act 1998"
_FIGURE = re.compile(r"^[\d][\d.,]*(?:[a-z%]{1,3})?$")
_MAGNITUDE_WORDS = frozenset("m bn b k mn million billion trillion thousand hundred per percent".split())


def _figure_token(doc: Doc, i: int, end: int) -> bool:
    """Token i, the last of a name span, is a figure: it counts something after the span
    ("250m euros"), has a unit glued on ("305p"), or is followed by a magnitude word."""
    t = doc[i]
    if not _FIGURE.match(t.text):
        return False
    if not t.text.isdigit():
        return True
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and (nxt.lower_ in _MAGNITUDE_WORDS or nxt.is_currency or nxt.is_alpha and nxt.is_lower):
        return True
    return t.dep_ in ("nummod", "quantmod") and t.head.i >= end


def _cand(doc: Doc, start: int, end: int, label: str, **kw) -> Cand:
    span = doc[start:end]
    return Cand(span.start_char, span.end_char, label, span.text, **kw)


def _relabel(c: Cand, doc: Doc) -> Cand | None:
    low = c.text.lower()
    words = c.text.split()
    if _FIGURE.match(c.text):
        return None  # "412p", "30m": a figure, not a name
    if any(w.upper() in lx.ZONE_WORDS and w.isupper() for w in words) and (
        len(words) == 1 or any(w.lower() in lx.DATELINE_WORDS for w in words)
    ):
        return None
    if c.label in ("PERSON", "GPE", "LOC", "ORG", "NORP") and any(_MODEL_NUMBER.match(w) for w in words):
        return None
    if c.label == "ORG" and len(words) == 1 and low in lx.PORTFOLIO_WORDS and not (
            low in lx.BODY_WORDS_ALONE and not _title_after(doc, c.end)):
        return None  # "Defense" out of "Russian Defense Minister X" (but "the Treasury said" is a body)
    if low in lx.NEWS_AGENCIES or low in lx.SEATS_OF_GOVERNMENT:
        c.label = "ORG"
        return c
    if c.label in ("GPE", "ORG", "LOC", "FAC"):  # NORP "Russian" stays an adjective
        code = lx.country_code(c.text)
        if code is not None:
            c.label, c.country = "GPE", code
        elif c.label == "ORG" and lx.capital_country(c.text):
            c.label = "GPE"  # "the Oslo-based company": a capital, not an organisation
    return c


def _title_after(doc: Doc, end: int) -> bool:
    """A title word follows normalised offset `end` ("Treasury Secretary X")."""
    span = doc.char_span(end, end, alignment_mode="expand") if end < len(doc_text(doc)) else None
    i = span.start if span is not None else len(doc)
    while i < len(doc) and (doc[i].is_space or doc[i].idx < end):
        i += 1
    return i < len(doc) and (doc[i].lower_ in lx.TITLE_NOUNS or doc[i].lower_ in lx.ROLE_MODIFIERS)


def _split_slash(doc: Doc, span: Span) -> list[tuple[int, int]]:
    """'Reuters / AFP' -> two spans (photo credits)."""
    parts, s = [], span.start
    for t in span:
        if t.text == "/":
            parts.append((s, t.i))
            s = t.i + 1
    parts.append((s, span.end))
    return parts


def _split_lines(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """A name never runs over a line break (a headline into a section line): the parts between."""
    parts, s = [], start
    for i in range(start, end):
        if doc[i].is_space and "\n" in doc[i].text:
            if i > s:
                parts.append((s, i))
            s = i + 1
    if s < end:
        parts.append((s, end))
    return [(a, b) for a, b in parts if any(not t.is_space for t in doc[a:b])]


def _split_role_comma(doc: Doc, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """"The minister of Trade, Jane Doe," tagged as one name "Trade, Jane Doe": the part after the
    comma is the person; the part before is the role's complement (kept as an organisation when it is
    not a portfolio: "the director of Acme Corp, John Smith")."""
    if label == "PERSON" or end - start < 3:
        return [(start, end, label)]
    comma = next((t.i for t in doc[start:end] if t.text == ","), None)
    if comma is None or comma == start or doc[comma + 1:end].text.count(",") or end - (comma + 1) < 2:
        return [(start, end, label)]
    after = doc[comma + 1:end]
    if not _looks_like_person_name(after):
        return [(start, end, label)]
    # the part before the comma completes a title: "<title> of|at|for <X>, <Name>"
    if start < 2 or doc[start - 1].lower_ not in ("of", "at", "for") or not any(
            t.lower_ in lx.TITLE_NOUNS for t in doc[max(start - 5, 0):start - 1]):
        return [(start, end, label)]
    out = [(comma + 1, end, label)]
    if not all(t.lower_ in lx.PORTFOLIO_WORDS or t.lower_ in lx.NAME_CONNECTORS or t.lower_ == "affairs"
               for t in doc[start:comma]):
        out.insert(0, (start, comma, "ORG"))
    return out


def _split_possessive(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """"the X Academy's Y Institute" -> the possessor and the possessed organisation."""
    for i in range(start + 1, end - 1):
        if doc[i].text in _POSSESSIVE and end - (i + 1) >= 2 and i - start >= 1:
            after = doc[i + 1:end]
            if any(t.text in lx.ORG_HEADS for t in after):
                return [(start, i), (i + 1, end)]
    return [(start, end)]


def _split_trailing_person(doc: Doc, start: int, end: int) -> list[tuple[int, int, str]]:
    """"reporter of X Television Jane Roe" tagged as one organisation: a person's name after the body's
    head word, when it starts with a known given name or the body is named alone elsewhere."""
    for k in range(start + 1, end - 2):
        if doc[k].text not in lx.ORG_HEADS:
            continue
        rest = doc[k + 1:end]
        if not 2 <= len(rest) <= 3 or not _looks_like_person_name(rest) or rest[0].text in lx.ORG_HEADS or (
                lx.is_known_place(rest.text) or lx.country_code(rest.text) is not None):
            return [(start, end, "ORG")]  # "X Securities Hong Kong": a branch's place, not a person
        body = doc[start:k + 1].text
        named_alone = any(e.text.removeprefix("the ").removeprefix("The ") == body for e in doc.ents
                          if not (e.start <= start and end <= e.end))
        if lx.is_given_name(rest[0].text) or named_alone:
            return [(start, k + 1, "ORG"), (k + 1, end, "PERSON")]
        return [(start, end, "ORG")]
    return [(start, end, "ORG")]


def _split_coordinated_companies(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """'X Trading FZE and Y Commodities Ltd' tagged as one organisation: two names, when the part
    before "and" already ends like a company's name (not "Procter and Gamble")."""
    for i in range(start + 1, end - 1):
        if doc[i].lower_ == "and" and doc[i - 1].lower_.rstrip(".") in lx.ORG_NAME_ENDS and doc[i + 1].text[:1].isupper():
            return [(start, i), *_split_coordinated_companies(doc, i + 1, end)]
    return [(start, end)]


def _facility_extend(doc: Doc, c_start: int, c_end: int) -> int | None:
    """Token end including a lowercase facility noun after a name ("X spaceport"), or the noun and
    "works" ("the X steel works": "works" alone names no kind)."""
    if c_end < len(doc) and doc[c_end].lower_ in lx.FACILITY_HEADS and doc[c_end].pos_ in ("NOUN", "PROPN"):
        return c_end + 1
    if c_end + 1 < len(doc) and doc[c_end + 1].lower_ == "works" and doc[c_end].is_lower and doc[c_end].is_alpha and (
            doc[c_end].pos_ in ("NOUN", "ADJ", "PROPN")) and doc[c_end].dep_ not in ("nsubj", "nsubjpass") and (
            c_start > 0 and doc[c_start - 1].lower_ == "the"):
        after = doc[c_end + 2] if c_end + 2 < len(doc) else None
        if after is None or after.is_punct or after.is_space or after.lower_ in ("in", "near", "at", "of", "outside"):
            return c_end + 2  # "at the X armor works." (not "the X team works hard")
    return None


def _slash_tokens(doc: Doc, span: Span) -> list[tuple[int, int]]:
    # a single token "Reuters/AFP" is split by characters later (_char_split_slash)
    return _split_slash(doc, span) if "/" in span.text and len(span) > 1 else [(span.start, span.end)]


def _slash_tokens_span(doc: Doc, span: Span) -> tuple[Span, list[tuple[int, int]]]:
    return span, _slash_tokens(doc, span)


_DASHES = {"–", "—", "--"}
# Editors' and translators' markers closing a note ("[the Assembly – Trans.]", "– Ed.").
_EDITORIAL_MARKERS = {"trans", "transl", "ed", "eds"}


def _dash_parts(doc: Doc, span: Span, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A name never holds a spaced dash: "[the X Assembly – Trans.]" is the name and a translator's
    marker (dropped), "X – Y" two names."""
    out = []
    for s0, e0 in parts:
        s = s0
        for i in range(s0, e0):
            if doc[i].text in _DASHES or doc[i].text == "-" and doc[i].whitespace_ and i > 0 and doc[i - 1].whitespace_:
                out.append((s, i))
                s = i + 1
        out.append((s, e0))
    return [(a, b) for a, b in out if b > a and not (
        b - a == 1 and doc[a].lower_.rstrip(".") in _EDITORIAL_MARKERS)]


def _char_split_slash(c: Cand) -> list[Cand]:
    if "/" not in c.text or " " in c.text:
        return [c]
    out, pos = [], c.start
    for part in c.text.split("/"):
        if part:
            out.append(Cand(pos, pos + len(part), c.label, part))
        pos += len(part) + 1
    return out


def _is_cap(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha or tok.text[:1].isupper() and "-" in tok.text


def _scan_org_names(doc: Doc, taken: list[bool], person: list[bool]) -> list[tuple[int, int, str]]:
    """Capitalised names ending in an organisation/facility head NER missed ("the X Policy Institute")."""
    out = []
    i, n = 0, len(doc)
    while i < n:
        if not _is_cap(doc[i]) or (doc[i].is_sent_start and doc[i].pos_ != "PROPN") or person[i]:
            i += 1
            continue
        j, last_head = i, -1
        while j < n and not person[j] and (_is_cap(doc[j]) or (doc[j].lower_ in _SCAN_CONNECTORS and j + 1 < n
                                                               and _is_cap(doc[j + 1]))):
            if doc[j].text in lx.ORG_HEADS or doc[j].lower_ in lx.FACILITY_HEADS:
                last_head = j
            elif j > i and _company_word(doc[j]) and (j + 1 >= n or not _is_cap(doc[j + 1])):
                last_head = j  # "X Lumen Shipping": a company's kind word closing the name
            j += 1
        if last_head > i - 1 and last_head >= i:
            s = i
            while s < last_head and doc[s].lower_ in lx.NAME_CONNECTORS:
                s += 1
            e = last_head + 1
            # "Science and Technology Policy Institute": keep; bare "Institute" is not a name
            if e - s >= 2 and not any(taken[k] for k in range(s, e)):
                label = "FAC" if doc[last_head].lower_ in lx.FACILITY_HEADS else "ORG"
                out.append((s, e, label))
            elif e - s >= 2:
                out.append((s, e, "EXTEND"))
        i = max(j, i + 1)
    return out


_SCAN_CONNECTORS = frozenset({"of", "for", "and", "on", "de", "&"})


def _company_word(tok: Token) -> bool:
    """A capitalised kind-of-business word ("Shipping", "Trading", "Electronics"), not a portfolio
    ("Energy" of "X Energy Minister")."""
    low = tok.lower_
    return (tok.text[:1].isupper() and low in lx.COMPANY_HEADS and low not in lx.PORTFOLIO_WORDS
            and tok.text not in lx.ORG_HEADS)
_BYLINE = re.compile(r"(?m)^[ \t]*By[ \t]+([A-Z][\w'\-]+(?:[ \t]+[A-Z][\w'\-]+){0,3})")  # one line
# Wire credits: "(Reporting by A and B; Editing by C)", "Additional reporting by D in X".
_CREDIT = re.compile(r"\b(?:[Rr]eporting|[Ee]diting|[Ww]riting|[Cc]ompiled|[Ff]act-checking|[Pp]hotos?|"
                     r"[Gg]raphics|[Ii]nterviews?)[ \t]+by[ \t]+")
_CREDIT_NAME = re.compile(r"([A-Z][\w'\-]+(?:[ \t]+[A-Z][\w'\-]+){1,3})(?:[ \t]*(?:,|and|&)[ \t]*)?")


def _bylines(ad: AnalyzedDoc) -> list[tuple[int, int]]:
    """Normalised char spans of 'By First Last' lines and of the names a wire credit gives (a byline
    and a credit name people)."""
    text = ad.norm.text
    out = [(m.start(1), m.end(1)) for m in _BYLINE.finditer(text)]
    for m in _CREDIT.finditer(text):
        pos = m.end()
        while (n := _CREDIT_NAME.match(text, pos)) is not None:
            out.append((n.start(1), n.end(1)))
            if n.end() == n.end(1):
                break  # no "," / "and" after it: the list ends
            pos = n.end()
    return out


def _role_follows(doc: Doc, end: int) -> bool:
    """', head of ...' / ', a senior analyst at ...' right after a name."""
    if end >= len(doc) or doc[end].text != ",":
        return False
    for t in doc[end + 1: end + 6]:
        if t.lower_ in lx.TITLE_NOUNS:
            # "moored at X, a port official told ...": the title opens a new clause, it is not X's
            return not (t.dep_ in ("nsubj", "nsubjpass") and t.head.i > t.i and t.head.pos_ in ("VERB", "AUX")
                        and doc[end - 1].dep_ == "pobj")
        if not (t.lower_ in ("a", "an", "the") or t.lower_ in lx.ROLE_MODIFIERS or t.pos_ in ("ADJ", "NOUN")):
            return False
    return False


def _affiliation_follows(doc: Doc, start: int, end: int) -> bool:
    """'Olga Petrenko of the Center for Grain Analysis': a given name and a surname, then "of" and an
    organisation's name (ending in its head word) -- a person and where they work."""
    if end - start != 2 or not lx.is_given_name(doc[start].text) or end + 2 >= len(doc) or doc[end].lower_ != "of":
        return False
    k = end + 1 + (doc[end + 1].lower_ == "the")
    words = []
    while k < len(doc) and (_is_cap(doc[k]) or doc[k].lower_ in _SCAN_CONNECTORS and words):
        words.append(doc[k].text)
        k += 1
    return any(w in lx.ORG_HEADS for w in words[:1] + words[-1:])


def _title_precedes(doc: Doc, start: int) -> bool:
    """A lowercase title noun right before a name ("spokesman X", "strategic communications X")."""
    if start == 0:
        return False
    prev = doc[start - 1]
    return prev.lower_ in lx.TITLE_NOUNS and prev.text.islower()


def _cap_title_precedes(doc: Doc, start: int) -> bool:
    """A capitalised title the tagger left out of the name right before it ("President [Jane Doe]",
    "incumbent Governor [X Y]"): the name is a person's."""
    if start == 0:
        return False
    prev = doc[start - 1]
    return (prev.text[:1].isupper() and prev.text[1:].islower() and prev.lower_ in lx.ROLE_HEADS
            and not prev.ent_type_ and prev.text not in lx.ORG_HEADS)


def _title_appositive_before(doc: Doc, start: int, end: int) -> bool:
    """"Canada's ambassador to Peru, X, said": a title phrase, a comma, the name, a comma."""
    if start < 2 or doc[start - 1].text != "," or end >= len(doc) or doc[end].text not in (",", "."):
        return False
    for t in reversed(doc[max(start - 8, 0): start - 1]):
        if t.pos_ in ("VERB", "AUX") or t.text in (",", ";", ":"):
            return False
        if t.lower_ in lx.TITLE_NOUNS:
            return True
    return False


def _org_descriptor_precedes(doc: Doc, start: int) -> bool:
    return start > 0 and doc[start - 1].lower_ in lx.ORG_DESCRIPTORS and doc[start - 1].text.islower()


def _looks_like_person_name(span: Span) -> bool:
    words = [t for t in span if not t.is_punct]
    inner = words[1:-1]
    return 1 <= len(words) <= 4 and all(_is_cap(t) or t in inner and t.lower_ in lx.NAME_PARTICLES
                                         for t in words) and words[-1].lower_ not in lx.ORG_NAME_ENDS and not any(
        t.text in lx.ORG_HEADS or t.lower_ in lx.NEWS_AGENCIES for t in words)


def fix_entities(ad: AnalyzedDoc) -> list[Cand]:
    """Clean, typed name candidates in text order."""
    doc = ad.doc
    raw: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        label = ent.label_
        if label not in KEEP_LABELS:
            continue
        clause_cut = _cut_at_speech_verb(ent)
        if clause_cut is not None:  # '"...," Pruitt told the Press' tagged WORK_OF_ART
            ent, label = clause_cut
            if not len(ent):
                continue
        paren = next((t.i for t in ent if t.text == "("), None)
        if paren is not None:  # "X (Long Form" -> "X"; the parenthetical is linked later
            ent = doc[ent.start:paren]
            if not len(ent):
                continue
        for s0, e0 in _dash_parts(doc, *_slash_tokens_span(doc, ent)):
            for s, e in _split_lines(doc, s0, e0):
                for s1, e1, lab in _split_role_comma(doc, s, e, label):
                    for s2, e2 in _split_possessive(doc, s1, e1) if lab == "ORG" else [(s1, e1)]:
                        for s3, e3 in _split_coordinated_companies(doc, s2, e2) if lab == "ORG" else [(s2, e2)]:
                            raw.extend(_split_trailing_person(doc, s3, e3) if lab == "ORG" else [(s3, e3, lab)])

    taken = [False] * len(doc)
    person = [False] * len(doc)  # a person's name never becomes part of an organisation name
    for s, e, lab in raw:
        for k in range(s, e):
            taken[k] = True
            person[k] = lab == "PERSON"
    for s0, e0, label in _scan_org_names(doc, taken, person):
        for s, e in _split_coordinated_companies(doc, s0, e0):
            if label == "EXTEND":
                # NER saw part of it ("Baikal" ORG, then "Spaceport"): replace by the full name
                raw = [r for r in raw if not (r[0] >= s and r[1] <= e)]
                head = doc[e - 1].lower_
                raw.append((s, e, "FAC" if head in lx.FACILITY_HEADS else "ORG"))
            else:
                raw.append((s, e, label))
    raw.sort()

    cands: list[Cand] = []
    for s, e, label in raw:
        s, e, titled = _trim(doc, s, e, label)
        if s >= e:
            continue
        nationality = label == "NORP" and (lx.demonym_country(doc[s:e].text) or doc[e - 1].lower_.endswith(
            ("ic", "ish", "ese", "an", "ian", "ean", "i", "s")))
        fac_end = _facility_extend(doc, s, e) if not nationality and not (
            s > 0 and doc[s - 1].lower_ in ("a", "an")) else None  # "a X Sea port": some port, not a name
        if fac_end is not None:
            e, label = fac_end, "FAC"
        span = doc[s:e]
        if label in ("ORG", "GPE", "FAC", "PRODUCT") and _looks_like_person_name(span) and (
            _role_follows(doc, e) or _title_precedes(doc, s) or _title_appositive_before(doc, s, e)
            or _affiliation_follows(doc, s, e) or len(span) >= 2 and _cap_title_precedes(doc, s)
        ) and lx.country_code(span.text) is None and not (s > 0 and doc[s - 1].lower_ in _PLACE_PREPS_BEFORE):
            label, titled = "PERSON", True  # (not "In X, a spokesman for Y said": X is where)
        elif label == "PERSON" and (_role_follows(doc, e) or _title_precedes(doc, s) or _cap_title_precedes(doc, s)):
            titled = True
        elif label == "PERSON" and e - s >= 2 and doc[e - 1].lower_ in lx.ORG_NAME_ENDS and _is_cap(doc[e - 1]):
            label = "ORG"  # "Grant Holm LLP", "Skyward Airlines", "X Tankers": a firm's name, not a person's
        if label not in ("ORG", "NORP") and _org_descriptor_precedes(doc, s) and lx.country_code(span.text) is None:
            label = "ORG"
        c = _cand(doc, s, e, label, person_evidence=titled)
        if label in ("PERSON", "GPE", "LOC") and c.text.endswith(".") and not _ABBREV_END.search(c.text):
            c.end, c.text = c.end - 1, c.text[:-1]  # "Henry Ford III." at a sentence end
        for part in _char_split_slash(c):
            part = _relabel(part, doc)
            if part is not None:
                cands.append(part)

    _extend_split_names(doc, cands)
    _harmonise_conjuncts(doc, cands)
    cands.extend(_byline_cands(ad, cands))
    cands.extend(_direction_cands(doc, cands))
    cands.sort(key=lambda c: (c.start, -c.end))
    cands = _dedupe(cands)
    from parallax.extract import ner_scan

    cands = ner_scan.scan_missed(doc, cands)
    ner_scan.extend_to_known_names(doc, cands)
    from parallax.extract import ner_places

    cands = ner_places.capital_appositives(doc, cands)
    ner_scan.relabel_by_context(doc, cands)
    ner_scan.reconcile_org_person(doc, cands)
    cands = _dedupe(ner_scan.propagate(doc, cands))
    ner_scan.reconcile_org_person(doc, cands)
    ner_places.states_by_demonym(doc, cands)
    ner_places.places_after_in(doc, cands)
    ner_places.world_regions(cands)
    from parallax.extract.bodies import body_cands

    cands = _dedupe(body_cands(doc, cands))
    _outlet_is_an_organisation(ad, cands)
    _link_parentheticals(ad.norm.text, cands)
    return cands


def _outlet_is_an_organisation(ad: AnalyzedDoc, cands: list[Cand]) -> None:
    """The publication the article comes from, named in its text ("From The Daily Sample, ..."), is an
    organisation whatever the tagger says (a newspaper's name reads like a place or a building)."""
    outlet = ad.document.outlet
    if not outlet:
        return
    from parallax.extract.ner_scan import org_short_forms

    name = outlet.removeprefix("The ").removeprefix("the ")
    _outlet_spans(ad, cands, name)
    keys = {lx.name_key(name)}
    if any(lx.name_key(c.text.removeprefix("The ")) in keys for c in cands):
        keys |= {lx.name_key(f) for f in org_short_forms(name) if " " in f}  # "El Correo" of "El Correo de X"
    for c in cands:
        if c.kind == "name" and c.label != "ORG" and not c.person_evidence and not c.country and (
                lx.name_key(c.text.removeprefix("The ")) in keys):
            c.label = "ORG"


def _outlet_spans(ad: AnalyzedDoc, cands: list[Cand], name: str) -> None:
    """Every occurrence of the outlet's multi-word name in the text is one organisation mention, when
    NER kept part of it ("[X] Kurier" tagged "Kurier") or nothing."""
    text = ad.norm.text
    if " " not in name:
        # a one-word outlet ("told Examplepost", "(c) 2024 Examplepost"): each occurrence NER left untagged
        if len(name) < 4 or not name[:1].isupper() or name.upper() == name:
            return
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            if not any(c.start < m.end() and m.start() < c.end for c in cands):
                cands.append(Cand(m.start(), m.end(), "ORG", m.group()))
        cands.sort(key=lambda c: (c.start, -c.end))
        return
    if len(name) < 5:
        return
    for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
        a, b = m.start(), m.end()
        inside = [c for c in cands if a <= c.start and c.end <= b]
        if any(c.start < b and a < c.end and c not in inside for c in cands):
            continue  # part of a longer name
        for c in inside:
            cands.remove(c)
        cands.append(Cand(a, b, "ORG", text[a:b]))
    cands.sort(key=lambda c: (c.start, -c.end))


def _cut_at_speech_verb(ent: Span) -> tuple[Span, str] | None:
    """A NER span that swallowed a clause ("Pruitt told the Prairie Press"): keep the
    proper-noun run before its verb. The subject of a speech verb is a person when it
    is one or two capitalised words, else an organisation."""
    if ent.label_ == "PERSON":
        return None  # a verb-tagged token inside a person's name is a name part ("Hae-won")
    verb = next((t for t in ent if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.i == ent.start or verb.i == ent.end - 1 or ent.doc[verb.i - 1].text == "-":
        return None
    from parallax.extract.speech_verbs import CUE_VERBS

    run = ent.doc[ent.start:verb.i]
    if verb.lemma_ not in CUE_VERBS or not all(t.pos_ == "PROPN" for t in run):
        return run, ent.label_ if ent.label_ in ("PERSON", "ORG", "GPE") else "ORG"
    return run, "PERSON" if len(run) <= 2 else "ORG"


def _extend_split_names(doc: Doc, cands: list[Cand]) -> None:
    """'Park Min ho' cut to 'Park Min' by NER: extend when the longer form is a name used elsewhere."""
    full = {lx.name_key(c.text) for c in cands if c.label == "PERSON" and len(c.text.split()) >= 2}
    # single words the tagger gave as names on their own ("Roe said"), by key
    lone = {lx.name_key(c.text) for c in cands if " " not in c.text and c.label in _LONE_NAME_LABELS}
    by_start = {c.start: c for c in cands}
    for c in cands:
        if c.label != "PERSON":
            continue
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is None or span.end >= len(doc):
            continue
        nxt = doc[span.end]
        if not (nxt.is_alpha or "-" in nxt.text):
            continue
        longer = doc[span.start: span.end + 1].text
        if lx.name_key(longer) in full:
            c.end, c.text = nxt.idx + len(nxt.text), longer
        elif _surname_cut_off(doc, span, nxt) and lx.name_key(nxt.text) in lone:
            # "[Jane Maria] Roe ... Roe said": NER cut the surname the article then uses alone
            after = by_start.get(nxt.idx)
            if after is not None and after.end == nxt.idx + len(nxt.text):
                after.label = "_DROP"
            c.end, c.text = nxt.idx + len(nxt.text), longer


_LONE_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "PRODUCT", "NORP", "LOC"})


def _surname_cut_off(doc: Doc, span: Span, nxt: Token) -> bool:
    """The capitalised word right after a two-word person name can be its cut-off surname: a proper noun
    on the same line, no title, place, nationality or calendar word."""
    return (len(span) == 2 and all(_is_cap(t) for t in span) and _is_cap(nxt) and nxt.pos_ == "PROPN"
            and bool(span[-1].whitespace_) and not nxt.is_sent_start and not _is_title_word(nxt)
            and nxt.text not in lx.ORG_HEADS and lx.country_code(nxt.text) is None
            and lx.capital_country(nxt.text) is None and not lx.is_known_place(nxt.text)
            and nxt.ent_type_ not in ("DATE", "TIME", "NORP"))


def _harmonise_conjuncts(doc: Doc, cands: list[Cand]) -> None:
    """Unknown 'places' listed together with organisations are organisations ("A Corp, B and C")."""
    by_root: dict[int, Cand] = {}
    for c in cands:
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is not None:
            by_root[span.root.i] = c
    for i, c in by_root.items():
        if c.label not in ("GPE", "LOC") or c.country or lx.capital_country(c.text) or _known_place(c.text):
            continue
        tok = doc[i]
        linked = [t.i for t in tok.children if t.dep_ == "conj"] + ([tok.head.i] if tok.dep_ == "conj" else [])
        if any(by_root.get(j) is not None and by_root[j].label == "ORG" for j in linked):
            c.label = "ORG"
    # a second sweep lets the change travel along "A, B and C"
    for i, c in by_root.items():
        if c.label in ("GPE", "LOC") and not c.country and not _known_place(c.text):
            tok = doc[i]
            if tok.dep_ == "conj" and by_root.get(tok.head.i) is not None and by_root[tok.head.i].label == "ORG":
                c.label = "ORG"


def _known_place(text: str) -> bool:
    return lx.is_known_place(text)


def _byline_cands(ad: AnalyzedDoc, cands: list[Cand]) -> list[Cand]:
    out = []
    for s, e in _bylines(ad):
        hit = [c for c in cands if c.start < e and s < c.end]
        for c in hit:
            c.label, c.person_evidence = "PERSON", True
        if len(hit) == 1 and s <= hit[0].start and hit[0].end <= e and (hit[0].start, hit[0].end) != (s, e):
            # NER kept part of the byline's name ("By [Jan] Berg"): the line names the whole person
            hit[0].start, hit[0].end, hit[0].text = s, e, ad.norm.text[s:e]
        if not hit:
            text = ad.norm.text[s:e]
            out.append(Cand(s, e, "PERSON", text, person_evidence=True))
    byline = ad.document.byline
    if byline:
        for part in re.split(r"\s*(?:,|\band\b)\s*", byline):
            part = part.strip()
            if len(part.split()) >= 2:
                for c in cands:
                    if c.text == part:
                        c.label, c.person_evidence = "PERSON", True
    return out


def _direction_cands(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """'the North' / 'the South' standing for a country named earlier."""
    out = []
    for t in doc:
        if t.text in ("North", "South") and t.i > 0 and doc[t.i - 1].lower_ == "the":
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if nxt is not None and (nxt.text[:1].isupper() or nxt.text == "-"):
                continue
            d = doc[t.i - 1: t.i + 1]
            for c in cands:
                if c.start <= t.idx < c.end:
                    c.label = "_DROP"
            out.append(Cand(d.start_char, d.end_char, "GPE", d.text, kind="direction"))
    return out


def _dedupe(cands: list[Cand]) -> list[Cand]:
    """Drop dropped and overlapping candidates (keep the first, longest)."""
    out: list[Cand] = []
    for c in cands:
        if c.label == "_DROP":
            continue
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out


def _link_parentheticals(text: str, cands: list[Cand]) -> None:
    """'X (Long Form)' / 'Long Form (LF)': the parenthetical is another name of X."""
    added: list[Cand] = []
    for c in cands:
        j = c.end
        while j < len(text) and text[j] == " ":
            j += 1
        if j >= len(text) or text[j] != "(":
            continue
        close = text.find(")", j)
        if close < 0 or close - j > 80:
            continue
        inner = text[j + 1:close].strip()
        words = inner.split()
        if not words or not all(w[:1].isupper() or w.lower() in lx.NAME_CONNECTORS for w in words):
            continue
        if not (_names_same_thing(c.text, inner) or c.label in ("ORG", "FAC") and _defines_acronym(c.text, inner)):
            continue  # "OSLO (Reuters)", "Iowa (Prairie Press)": a dateline's agency, not another name
        inner_start = text.index(inner, j)
        existing = [k for k, o in enumerate(cands) if inner_start <= o.start < close]
        if existing:
            cands[existing[0]].alias_of = c
            cands[existing[0]].label = c.label
        else:
            added.append(Cand(inner_start, inner_start + len(inner), c.label, inner, alias_of=c))
    cands.extend(added)
    cands.sort(key=lambda c: (c.start, -c.end))


def _defines_acronym(long: str, inner: str) -> bool:
    """'Coastal Water Service (SERVAC)': an all-caps word after a long organisation name is its
    acronym even when the letters follow another language's word order; it must start with the
    initial of one of the long form's words (not "Acme Group (NYSE)")."""
    plain = inner.replace(".", "")
    words = [w for w in long.split() if w[:1].isupper()]
    if " " in inner or not plain.isalpha() or not plain.isupper() or not 2 <= len(plain) <= 8 or len(words) < 2:
        return False
    if plain in lx.NON_ORG_CAPS or plain.lower() in lx.NEWS_AGENCIES:
        return False
    return plain[0] in {w[0] for w in words}


def _initials(text: str) -> str:
    return "".join(w[0] for w in text.split() if w[:1].isupper()).lower()


def _names_same_thing(a: str, b: str) -> bool:
    """Whether 'A (B)' gives B as another name of A: an acronym of it, or a contraction
    sharing its opening letters ("Acmecorp (Acme Corporation)")."""
    a_plain, b_plain = a.replace(".", ""), b.replace(".", "")
    if a_plain.isupper() and a_plain.lower() == _initials(b):
        return True
    if b_plain.isupper() and b_plain.lower() == _initials(a):
        return True
    return len(a) >= 3 and a[:3].lower() == b[:3].lower()
