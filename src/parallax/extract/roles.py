"""Roles and affiliations of people, and role nouns that refer back to them.

`parse_role` splits a role phrase into (role, organisation) the way the gold does:
"an emeritus research fellow at the X Institute" -> ("emeritus research fellow", "X Institute");
"Elysee press secretary" -> ("press secretary", "Elysee");
"head of the X Ministry's department for Y" -> ("head of the department for Y", "X Ministry");
"Russia's ambassador to Z" -> ("ambassador to Z", "Russia"); "Russian President" -> ("president", "Russia").
`role_phrases` finds such phrases around a person mention in a parsed sentence
(premodifier, appositive before or after, "X of Org").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from parallax.extract import lexicon as lx
from parallax.extract.lexicon import TITLE_NOUNS
from parallax.model import Entity
from parallax.nlp.analyzed import AnalyzedDoc

__all__ = ["TITLE_NOUNS", "parse_role", "person_role", "role_around", "role_phrases", "role_phrase_spans", "most_specific_org"]

# a plural possessive inside a name continues it: "the Baltic Dockers' Union"
_CAP_WORD = r"(?:[A-Z][\w.\-\u2011]*(?:'(?=\s+[A-Z]))?|[A-Z]{2,})"
_CONNECT = r"(?:of|for|and|the|on|de|&)"
_CAP_PHRASE = rf"{_CAP_WORD}(?:\s+(?:{_CONNECT}\s+)*{_CAP_WORD})*"
_POSS = r"(?:'s|'|’s|’)"
# Kinds of body that, capitalised at a sentence start, still belong to the role ("Council member X").
_BODY_WORDS = frozenset({"council", "board", "committee", "cabinet", "parliament", "senate", "assembly", "city",
                         "county", "state", "party", "union", "team", "staff"})
_LOWER_TITLE_WORDS = lx.TITLE_NOUNS | lx.ROLE_MODIFIERS | lx.PORTFOLIO_WORDS | {"general", "prime", "press", "affairs"}


_PARTY_MEMBERS = frozenset({"democrat", "republican"})
# The organisation of a role phrase that opens with "its": the organisation named last before it.
POSSESSIVE_OWNER = "its"


def _clean(text: str) -> str:
    t = re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", text)
    t = re.sub(r"\s+", " ", t.replace("’", "'")).strip(" ,.;:-\u2014\u2013")
    for _ in range(2):  # "of the X Institute"
        t = re.sub(r"^(?:a|an|the|as|by|to|with|from|of|at)\s+", "", t, flags=re.I)
    return t


def _role_case(role: str) -> str:
    """Lowercase common words of a role, keep proper names ("ambassador to North Korea")."""
    words = role.split()
    out = []
    for i, w in enumerate(words):
        low = w.lower()
        if low in _PARTY_MEMBERS and w[:1].isupper():
            out.append(w)  # "top Democrat": a party's member keeps the party's capital
        elif low in _LOWER_TITLE_WORDS or low in _BODY_WORDS or (i == 0 and low in lx.TITLE_NOUNS) or low in ("of", "for", "the", "at"):
            out.append(low)
        else:
            out.append(w)
    return " ".join(out).strip()


def most_specific_org(org: str) -> str:
    """'the X Academy of Sciences' Y Institute' -> 'Y Institute' (the possessed organisation)."""
    org = _clean(org)
    parts = re.split(rf"{_POSS}\s+", org)
    # split only when what is possessed is itself an organisation's name ("... Sciences' Institute
    # for Oriental Studies"), not the last word of one ("the Northern Pilots' Association")
    if len(parts) > 1 and parts[-1][:1].isupper() and len(parts[-1].split()) >= 2:
        return parts[-1].strip()
    return org


def _org_from_premodifier(words: list[str]) -> tuple[str | None, list[str]]:
    """Leading capitalised non-title words are the organisation ("Elysee press secretary")."""
    i = 0
    while i < len(words):
        w = words[i]
        if not w[:1].isupper() or _is_role_start(words, i):
            break
        i += 1
    if i == 0:
        return None, words
    if i == 1 and words[0].lower() in _BODY_WORDS:
        return None, words  # "Council member X" at a sentence start: a role, not an organisation
    org_words = words[:i]
    org = " ".join(org_words)
    if lx.is_world_region(org):
        return None, words  # "South Asia analyst": the region is the beat, no organisation
    code = lx.demonym_country(org)
    if code is not None:
        org = lx.country_name(code) or org
    return org, words[i:]


# Kinds of public body that, written before a title, are the organisation the title belongs to
# ("ministry spokeswoman", "embassy spokesman", "agency official").
_OWNER_BODIES = frozenset({"ministry", "department", "agency", "embassy", "consulate", "commission", "bureau",
                           "directorate", "secretariat", "inspectorate", "committee", "office"})


def _body_in_premodifier(words: list[str]) -> int | None:
    """Index after a body noun that ends the organisation part of a pre-name title: every word before it
    is a demonym, a portfolio word or a capitalised name, and a title follows it."""
    for k, w in enumerate(words[:-1]):
        low = w.lower()
        if low not in _OWNER_BODIES or not w.islower() and k == 0:
            continue
        rest = words[k + 1:]
        if not rest or rest[0].lower() not in _LOWER_TITLE_WORDS or not _has_title(" ".join(rest)):
            return None
        if all(x.lower() in lx.PORTFOLIO_WORDS or x[:1].isupper() or x.lower() in ("and", "&", "affairs")
               for x in words[:k]):
            return k + 1
        return None
    return None


def _is_role_start(words: list[str], i: int) -> bool:
    """A title word, or a portfolio word right before one ("Defense Minister", not "Security Council")."""
    low = words[i].lower()
    if low in lx.PORTFOLIO_WORDS and low not in lx.TITLE_NOUNS:
        if i + 2 < len(words) and words[i + 1].lower() in ("and", "&"):
            return _is_role_start(words, i + 2)  # "Science and Technology Minister"
        return i + 1 < len(words) and _is_role_start(words, i + 1)
    return low in _LOWER_TITLE_WORDS


def parse_role(text: str) -> tuple[str | None, str | None]:
    """(role, organisation) of a role phrase; either may be None."""
    t = _clean(text)
    if not t:
        return None, None
    # "Its chief executive, X": the owner is what "its" refers back to (resolved by the caller);
    # "his"/"her"/"their" name no organisation
    m = re.match(r"^(its|their|his|her)\s+(.+)$", t, flags=re.I)
    if m and _has_title(m.group(2)):
        role, org = parse_role(m.group(2))
        return role, org or (POSSESSIVE_OWNER if m.group(1).lower() == "its" else None)
    # "the authority's chief executive": a common-noun owner is the organisation as the article names it
    m = re.match(rf"^([a-z][\w-]*){_POSS}\s+(.+)$", t)
    if m and _has_title(m.group(2)):
        role, org = parse_role(m.group(2))
        return role, org or m.group(1)
    # "Russia's ambassador to North Korea"
    m = re.match(rf"^({_CAP_PHRASE}){_POSS}\s+(.+)$", t)
    if m and m.group(2)[:1].islower():
        role, _ = parse_role(m.group(2))
        return role, most_specific_org(m.group(1))
    # "... at / with the X Institute [in Y]": the organisation comes last
    m = re.match(rf"^(.+?)\s+(?:at|with|for|of|on)\s+(?:the\s+)?((?:{_CAP_PHRASE}{_POSS}\s+)*{_CAP_PHRASE})"
                 rf"(?:\s+in\s+(?:the\s+)?{_CAP_PHRASE})?$", t)
    if m and _has_title(m.group(1)) and not _org_is_country_target(t, m) and not _portfolio_of(t, m) and (
            _prep_of(t, m) != "on" or m.group(2).split()[-1].lower() in _SEATED_BODIES):
        role, org0 = parse_role(m.group(1))
        return role, most_specific_org(m.group(2)) if m.group(2) else org0
    # "analyst at the London-based consultancy X": the organisation's description is neither role nor name
    m = re.match(rf"^(.+?)\s+(?:at|with|of)\s+the\s+((?:[\w-]+\s+){{0,3}}?[a-z][\w-]*)\s+({_CAP_PHRASE})$", t)
    if m and _has_title(m.group(1)) and m.group(2).split()[-1].lower() in lx.COMPANY_ANAPHORS | lx.BODY_NOUNS \
            | lx.ORG_DESCRIPTORS:
        role, _ = parse_role(m.group(1))
        if role:
            return role, most_specific_org(m.group(3))
    # "spokesman for the president": whom the title serves is a person, no organisation, and not the role
    m = re.match(r"^(.+?)\s+(?:for|to)\s+the\s+((?:[a-z-]+\s+)?([a-z-]+))$", t)
    if m and _has_title(m.group(1)) and m.group(3) in lx.ROLE_HEADS and m.group(3) not in lx.BODY_NOUNS:
        return parse_role(m.group(1))
    # "a senior fellow at the forum": a body the article named, referred to by its kind (resolved later)
    m = re.match(r"^(.+?)\s+(?:at|with|of)\s+the\s+([a-z][\w-]*)$", t)
    if m and _has_title(m.group(1)) and m.group(2) in lx.BODY_NOUNS | lx.COMPANY_ANAPHORS:
        role, _ = parse_role(m.group(1))
        if role:
            return role, m.group(2)
    # "head of the X Ministry's department for Y": the possessor org moves out
    m = re.match(rf"^(.+?\s+of\s+the)\s+({_CAP_PHRASE}){_POSS}\s+(.+)$", t)
    if m and m.group(3)[:1].islower():
        return _role_case(f"{m.group(1)} {m.group(3)}"), most_specific_org(m.group(2))
    if re.fullmatch(rf"(?:{_CAP_PHRASE}{_POSS}\s+)*{_CAP_PHRASE}", t) and not _has_title(t):
        return None, most_specific_org(t)
    words = t.split()
    split = _body_in_premodifier(words)
    if split is not None:  # "Foreign ministry spokeswoman", "Ruritanian interior ministry spokesman"
        return _role_case(" ".join(words[split:])), " ".join(words[:split])
    org, rest = _org_from_premodifier(words)
    if rest and _has_title(" ".join(rest)):
        return _role_case(" ".join(rest)), org
    if _has_title(t):
        return _role_case(t), None
    return None, org


def _has_title(text: str) -> bool:
    return any(w.lower().strip(",.") in lx.TITLE_NOUNS for w in text.split())


# Bodies one sits "on" ("the top member on the Senate Ports Committee").
_SEATED_BODIES = frozenset({"committee", "subcommittee", "board", "council", "commission", "panel", "caucus"})


def _prep_of(t: str, m: re.Match) -> str:
    return t[len(m.group(1)):].split()[0].lower()


def _org_is_country_target(t: str, m: re.Match) -> bool:
    """'ambassador to X' / 'envoy for X': a country after "for"/"to" is part of the role."""
    prep = t[len(m.group(1)):].split()[0].lower()
    return prep == "for" and lx.country_code(m.group(2)) is not None


def _portfolio_of(t: str, m: re.Match) -> bool:
    """'Secretary of State' / 'Minister of Foreign Affairs': the "of" phrase is the portfolio, not an org."""
    prep = t[len(m.group(1)):].split()[0].lower()
    words = m.group(2).lower().split()
    return prep == "of" and all(w in lx.PORTFOLIO_WORDS or w in ("affairs", "and", "the") for w in words)


def role_head(role: str) -> str | None:
    """The title noun a role is about ("head of the department" -> "head", "press secretary" -> "secretary")."""
    head = None
    for w in role.split():
        low = w.lower()
        if low in ("of", "to", "for", "at", "in", "on", "with"):
            break
        if low in lx.TITLE_NOUNS and not (low == "general" and head is not None):
            head = low  # "director general" is a director, "secretary general" a secretary
    return head


# -- phrases around a person mention ---------------------------------------------------
# Ranks and honorific titles worn before a name: a role, but a weak one.
RANK_WORDS = frozenset("""captain colonel general lieutenant major sergeant admiral commander corporal
private commodore brigadier marshal dr doctor professor prof judge justice""".split())

_STOP_POS = {"VERB", "AUX", "PRON", "SCONJ"}
_STOP_TEXT = {",", ".", ";", ":", "(", ")", '"', "!", "?", "\u2014", "\u2013", "--", "and", "or", "but", "who",
              "which", "that", "when", "while", "as"}


@dataclass
class RolePhrase:
    start: int  # normalised char offsets of the phrase
    end: int
    text: str
    parsed: tuple[str | None, str | None] | None = None  # (role, organisation) when read off the grammar


# Verbs whose subject holds the office they name: "X, who chairs the Y board," -> chair of the Y board.
ROLE_VERBS = {"head": "head", "lead": "leader", "chair": "chair", "direct": "director", "run": "head",
              "manage": "manager", "found": "founder", "co-found": "co-founder", "own": "owner", "edit": "editor",
              "coach": "coach", "command": "commander", "govern": "governor", "represent": "representative",
              "preside": "president", "captain": "captain", "supervise": "supervisor", "coordinate": "coordinator"}


def _left_phrase(doc: Doc, end_tok: int, sent: Span, limit: int = 14) -> tuple[int, int] | None:
    i = end_tok - 1
    lo = max(sent.start, end_tok - limit)
    while i >= lo:
        t = doc[i]
        if t.lower_ == "its" and t.tag_ == "PRP$" and i + 1 < end_tok:
            i -= 1  # "Its chief executive, X": the owner is resolved later
            break
        if t.lower_ in ("and", "&") and i > lo and _portfolio_pair(doc, i):
            i -= 1  # "Science and Technology Minister"
            continue
        if t.text in _STOP_TEXT and t.text not in ("[", "]") or t.pos_ in _STOP_POS or t.lower_ in ("a", "an"):
            break
        if t.pos_ == "ADP" and t.lower_ not in _TITLE_PREPS:
            break  # "Talks between [President X]", "signed by [President X]"
        if t.lower_ == "the" and not (i > sent.start and doc[i - 1].lower_ in ("of", "at", "for", "to")):
            break
        if t.is_space or _line_start(doc, i):
            i -= 0 if t.is_space else 1
            break
        i -= 1
    start = i + 1
    # a role phrase starts with a title, a qualifier or a name ("North Korean leader"), not "first day of"
    while start < end_tok and not _good_role_start(doc[start]):
        start += 1
    return (start, end_tok) if start < end_tok else None


def _without_given_names(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """'Party chairman Jo Anna | Park': when the tagger kept only the surname as the person, the
    proper nouns right after the last title word are the rest of the name, not part of the title."""
    last = max((k for k in range(s, e) if doc[k].lower_ in lx.TITLE_NOUNS), default=None)
    if last is None or last + 1 >= e:
        return s, e
    rest = doc[last + 1: e]
    if all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in _LOWER_TITLE_WORDS for t in rest):
        return s, last + 1
    return s, e


# Prepositions inside a title before a name ("Minister of State for Y", "ambassador to Z").
_TITLE_PREPS = frozenset({"of", "for", "to", "on", "at"})


def _portfolio_pair(doc: Doc, i: int) -> bool:
    """'and' at token i joins two portfolio words of one title ("culture and sport minister")."""
    return (i + 1 < len(doc) and doc[i - 1].lower_ in lx.PORTFOLIO_WORDS and doc[i + 1].lower_ in lx.PORTFOLIO_WORDS)


def _good_role_start(tok) -> bool:
    low = tok.lower_
    if low == "its" and tok.tag_ == "PRP$":
        return True
    if tok.pos_ in ("ADP", "CCONJ", "DET", "PART") or low == "the":
        return False
    return (tok.text[:1].isupper() or tok.text == "[" or low in lx.TITLE_NOUNS or low in lx.ROLE_MODIFIERS
            or low in lx.PORTFOLIO_WORDS or low in _BODY_WORDS
            # a noun compounded onto a title ("fire chief", "council member")
            or (tok.dep_ == "compound" and tok.pos_ == "NOUN" and tok.head.lower_ in lx.TITLE_NOUNS)
            or _common_owner(tok))


def _common_owner(tok) -> bool:
    """A common noun owning a title: "the authority's chief executive" (resolved to a name later)."""
    doc = tok.doc
    if tok.pos_ != "NOUN" or tok.i + 2 >= len(doc) or doc[tok.i + 1].text not in ("'s", "'", "’s", "’"):
        return False
    nxt = doc[tok.i + 2].lower_
    return nxt in lx.TITLE_NOUNS or nxt in lx.ROLE_MODIFIERS or nxt in lx.PORTFOLIO_WORDS


def _line_start(doc: Doc, i: int) -> bool:
    """Token i begins a new line (headlines, captions and body are not one phrase)."""
    if i == 0:
        return True
    prev = doc[i - 1]
    # spaCy keeps line breaks as whitespace tokens ("\n"); no slicing of doc.text (it is rebuilt per call)
    return prev.is_space and "\n" in prev.text


def _right_phrase(doc: Doc, start_tok: int, sent: Span, limit: int = 22) -> tuple[int, int] | None:
    i = start_tok
    hi = min(sent.end, start_tok + limit)
    while i < hi:
        t = doc[i]
        if t.text in (",", ";", ":", "(", ")", '"', "\u2014", "\u2013", ".") or t.is_space:
            break
        if t.pos_ in ("VERB", "AUX") and t.lower_ not in lx.TITLE_NOUNS and not (
                t.dep_ == "amod" or t.lower_ in lx.ROLE_MODIFIERS) or t.lower_ in ("who", "which", "said"):
            break
        i += 1
    return (start_tok, i) if i > start_tok else None


def _clause_start(doc: Doc, i: int, sent: Span) -> bool:
    """Token i opens the sentence or a clause (after determiners): "The EU's trade commissioner, X"."""
    while i > sent.start and doc[i - 1].lower_ in ("the", "a", "an"):
        i -= 1
    return i == sent.start or doc[i - 1].text in (",", ":", '"') or doc[i - 1].is_space


def _subject_title(doc: Doc, s: int, e: int) -> bool:
    """'On Monday the minister of Y, X, said': the title heads the clause's subject, whatever opens it."""
    return any(t.lower_ in lx.TITLE_NOUNS and t.dep_ in ("nsubj", "nsubjpass") for t in doc[s:e])


def _relative_role(doc: Doc, i: int, sent: Span) -> tuple[int, int, tuple[str, str | None]] | None:
    """'X, who chairs the Y board,' -> (start, end, ("chair", "Y board")): a relative clause whose verb
    names an office and whose object is what the person holds it in."""
    if i + 1 >= sent.end or doc[i].lower_ != "who":
        return None
    verb = doc[i + 1]
    k = i + 1
    if verb.pos_ == "ADV" and k + 1 < sent.end:  # "who currently chairs"
        k += 1
        verb = doc[k]
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in ROLE_VERBS or verb.tag_ not in ("VBZ", "VBD", "VBP"):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    a, b = obj.left_edge.i, obj.i + 1
    # keep the object's own phrase ("the Y union"), not what follows it ("since 2019")
    for c in obj.children:
        if c.i > obj.i and c.dep_ in ("prep",) and c.lower_ == "of":
            b = c.right_edge.i + 1
    if b > sent.end:
        return None
    org = _clean(doc[a:b].text)
    if not org:
        return None
    return i, b, (ROLE_VERBS[verb.lemma_.lower()], org)


def _org_after_of(doc: Doc, i: int, sent: Span) -> int | None:
    """End token of the capitalised name after "X of": "South Korea's Y Policy Institute"."""
    end = None
    while i < sent.end:
        t = doc[i]
        if t.text[:1].isupper() and not t.is_punct:
            end = i + 1
        elif t.text in ("'s", "'", "’s", "’") or (t.lower_ in ("of", "for", "and", "the", "&", "-")
                                                  and i + 1 < sent.end and doc[i + 1].text[:1].isupper()):
            pass  # ("Military-Economic": a hyphen between capitalised words)
        else:
            break
        i += 1
    return end


def _title_near_start(doc: Doc, s: int, e: int) -> bool:
    # "Acme Shipping's chief executive": a capitalised owner and its possessive come before the title
    while s < e - 1 and doc[s].lower_ in ("the", "a", "an") and doc[s + 1].text[:1].isupper():
        s += 1  # "the Exchequer's deputy commissioner"
    j = s
    while j < min(e, s + 6) and doc[j].text[:1].isupper() and not doc[j].is_punct:
        j += 1
    if s < j < e - 1 and doc[j].text in ("'s", "'", "’s", "’"):
        s = j + 1
    elif s < j < e and lx.is_world_region(doc[s:j].text) and doc[j].lower_ in lx.TITLE_NOUNS:
        return True  # "South Asia analyst at X"
    for t in doc[s: min(e, s + 6)]:
        if t.lower_ in lx.TITLE_NOUNS:
            return True
        if t.lower_ == "under" and t.i + 1 < e and doc[t.i + 1].lower_ in lx.TITLE_NOUNS:
            continue  # "under secretary"
        if t.pos_ == "ADP" or t.text[:1].isupper() and t.lower_ not in lx.ROLE_MODIFIERS and t.i > s:
            break
    return False


def role_phrases(ad: AnalyzedDoc, span: Span) -> list[tuple[str, tuple[int, int]]]:
    """(phrase text, ORIGINAL (start, end)) of the role phrases around a person's spaCy span."""
    out = []
    for ph in role_phrase_spans(ad.doc, span.start_char, span.end_char, []):
        out.append((ph.text, ad.orig_span(ph.start, ph.end)))
    return out


def person_role(ad: AnalyzedDoc, e: Entity) -> tuple[str | None, str | None]:
    """(role, organisation) of a person entity: its first recorded role, else parsed near its mentions."""
    for r in e.roles:
        if r.role or r.organization:
            if r.role and not r.organization:
                # "Finance Minister X of Japan": a bare affiliation recorded beside the title completes it
                org = next((o.organization for o in e.roles if not o.role and o.organization), None)
                return r.role, org
            return r.role, r.organization
    for m in e.mentions:
        role, org = role_around(ad, m.start, m.end)
        if role or org:
            return role, org
    return None, None


def role_around(ad: AnalyzedDoc, start: int, end: int) -> tuple[str | None, str | None]:
    """(role, organisation) from the phrases around the name at ORIGINAL [start, end): the first
    phrase with either, completed by a bare affiliation beside it ("opposition leader X of the Y Party")."""
    s, t = ad.norm.norm_offset(start), ad.norm.norm_offset(end)
    found: list[tuple[str | None, str | None]] = []
    for ph in role_phrase_spans(ad.doc, s, t, []):
        role, org = ph.parsed if ph.parsed is not None else parse_role(ph.text)
        if org == POSSESSIVE_OWNER:
            org = None
        if role or org:
            found.append((role, org))
    if not found:
        return None, None
    role, org = found[0]
    if role and not org:
        org = next((o for r, o in found[1:] if o and not r), None)
    return role, org


def role_phrase_spans(doc: Doc, start: int, end: int, person_spans: list[tuple[int, int]]) -> list[RolePhrase]:
    """Role phrases attached to the person at normalised [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    sent = span.sent
    out: list[RolePhrase] = []

    def emit(s: int, e: int) -> None:
        ph = doc[s:e]
        others = [(ps, pe) for ps, pe in person_spans if (ps, pe) != (start, end)
                  and ps < ph.end_char and ph.start_char < pe]
        if others:
            # "Roe's lawyer, X": another person owning the title is not part of X's role
            k = s
            while k < e and doc[k].idx < max(pe for _ps, pe in others):
                k += 1
            if not (k < e - 1 and doc[k].text in ("'s", "'", "’s", "’")):
                return
            ph = doc[k + 1:e]
            if any(ps < ph.end_char and ph.start_char < pe for ps, pe in others):
                return
        out.append(RolePhrase(ph.start_char, ph.end_char, ph.text))

    # premodifier: "Elysee press secretary X", "[US] National Economic Council coordinator for ... X"
    left = _left_phrase(doc, span.start, sent)
    if left and not _has_title(doc[left[0]:left[1]].text):
        left = None
    if left:
        left = _without_given_names(doc, *left)
    # a lone rank before the name ("..., Captain X,") says less than an appositive before it
    name_start = left[0] if left and left[1] - left[0] == 1 and doc[left[0]].lower_ in RANK_WORDS else span.start
    if left is None or name_start != span.start:
        # appositive before: "Russia's ambassador to Z, X, said"
        if name_start - 1 > sent.start and doc[name_start - 1].text == "," and (
            span.end < sent.end and doc[span.end].text in (",", ".")
        ):
            before = _left_phrase(doc, name_start - 1, sent, limit=12)
            if before and _has_title(doc[before[0]:before[1]].text) and (
                    _clause_start(doc, before[0], sent) or _subject_title(doc, *before)):
                emit(*before)
    if left:
        emit(*left)
    # appositive after: "X, a senior analyst at Y," / "X, head of ..."
    if span.end < sent.end - 1 and doc[span.end].text == ",":
        right = _right_phrase(doc, span.end + 1, sent)
        if right and _title_near_start(doc, *right):
            emit(*right)
        rel = _relative_role(doc, span.end + 1, sent)
        if rel is not None:
            s_tok, e_tok, parsed = rel
            ph = doc[s_tok:e_tok]
            if not any(ps < ph.end_char and ph.start_char < pe for ps, pe in person_spans if (ps, pe) != (start, end)):
                out.append(RolePhrase(ph.start_char, ph.end_char, ph.text, parsed))
    # "X of [South Korea's] Y Institute"
    elif span.end < sent.end - 1 and doc[span.end].lower_ == "of" and (
            doc[span.end + 1].text[:1].isupper() or doc[span.end + 1].lower_ == "the" and span.end + 2 < sent.end
            and doc[span.end + 2].text[:1].isupper()):
        first = span.end + 1 + (doc[span.end + 1].lower_ == "the")
        right = _org_after_of(doc, first, sent)
        if right:
            emit(span.end, right)
    return out


# -- role nouns referring back ("the Russian president") --------------------------------
def role_noun_at(doc: Doc, head_i: int) -> tuple[int, list[str]] | None:
    """For a title noun at token `head_i` in "the [mods] TITLE", the start token and the modifiers."""
    head = doc[head_i]
    if head.lower_ not in lx.ROLE_HEADS or head.pos_ not in ("NOUN", "PROPN"):
        return None
    i = head_i - 1
    mods: list[str] = []
    while i >= 0 and head_i - i <= 4 and doc[i].lower_ != "the":
        t = doc[i]
        if t.pos_ not in ("ADJ", "PROPN", "NOUN") or t.text in _STOP_TEXT:
            return None
        mods.append(t.text)
        i -= 1
    if i < 0 or doc[i].lower_ != "the":
        return None
    return i, list(reversed(mods))


def role_compatible(head: str, mods: list[str], role: str | None, org: str | None) -> bool:
    """Does "the <mods> <head>" fit a recorded (role, organisation)?"""
    if not role:
        return False
    rhead = role_head(role)
    if rhead is None:
        return False
    if rhead != head and rhead not in lx.ROLE_SYNONYMS.get(head, frozenset()):
        return False
    role_low = role.lower()
    org_low = (org or "").lower()
    org_code = lx.country_code(org) if org else None
    for m in mods:
        low = m.lower()
        code = lx.demonym_country(low)
        if code is not None:
            if code != org_code and low not in org_low and (lx.country_name(code) or "").lower() not in org_low:
                return False
        elif low in role_low.split() or low in org_low:
            continue
        elif low in lx.ROLE_MODIFIERS:
            continue
        else:
            return False
    return True
