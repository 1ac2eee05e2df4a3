"""Who is speaking: from a cue's subject (or the name after an inverted cue) to a `Speaker`.

Names resolve to the entity whose mention they overlap; pronouns to the last compatible
speaker/subject before them; role nouns ("the Russian president") to `ents.find`, else to the
person whose title words (premodifiers, appositive, Entity.roles) contain the role; nouns with
an organisation inside ("Acme analysts", "a statement on the ministry's site") to that
organisation; bare group nouns ("Experts") to a name without an entity. When the entity stage
recorded no such title, a definite role noun goes back to the person named beside that role
earlier ("Jo Park, Acme's chief executive," / "The minister of X, Jo Park,"); "a press officer for
the regulator" is the regulator speaking through its officer; "Freedonian officials" stay officials of
a country. People the tagger gave no entity (named beside a role) are remembered by name, so
pronouns can refer to them. An indefinite role noun ("a port official") is someone new, described as
written ("a source in the X government"); "the official" later is that same unnamed speaker; "they"
right after a sentence whose subject is a group of people ("Local officials ...") is that group; a
statement "posted on X's website" is X's.
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from functools import cached_property, lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from parallax.extract import lexicon as lx
from parallax.extract.coref import is_family_first
from parallax.extract.entities import DocEntities
from parallax.extract.speech_verbs import CUE_NOUNS
from parallax.extract.roles import POSSESSIVE_OWNER, TITLE_NOUNS, parse_role, person_role, role_around, role_phrases
from parallax.model import Entity, Speaker
from parallax.nlp.analyzed import AnalyzedDoc

PERSONAL = {"he", "she", "him", "her"}
PLURAL = {"they", "them"}
AGENT_TYPES = ("PERSON", "ORG", "GPE", "NORP")
_SYNONYMS = {"spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
             "secretary": "spokesperson"}
ORG_NOUNS = lx.COMPANY_ANAPHORS | lx.BODY_NOUNS
_GROUP_NOUNS = {"expert", "analyst", "official", "source", "observer", "diplomat", "critic", "researcher",
                "economist", "scientist", "officer", "lawmaker", "activist", "resident", "witness"}


# plural nouns for people who speak as a group ("officials", "prosecutors")
_PLURAL_AGENTS = _GROUP_NOUNS | {"prosecutor", "investigator", "inspector", "regulator", "lawyer", "leader",
                                 "minister", "employee", "worker", "farmer", "doctor", "scientist", "authority"}
# People who speak for themselves as a group, named as the article names them ("his colleagues",
# "Reuters witnesses"), never the organisation or person named beside them.
_WITNESS_GROUPS = {"witness", "eyewitness", "colleague", "relative", "neighbour", "neighbor", "friend",
                   "bystander", "passenger", "survivor", "classmate"}
# Titles of whoever heads a body ("the commission chairwoman", "the board's chair").
_HEAD_TITLES = {"chairman", "chairwoman", "chairperson", "chair", "head", "chief", "president", "director",
                "commissioner", "governor", "leader"}
# Bodies an organisation sends or keeps, that speak in their own name ("the EU's observer mission").
_OWNED_BODIES = {"mission", "delegation", "embassy", "consulate", "panel", "team", "taskforce", "commission",
                 "committee"}
# Bodies a definite noun names by itself ("the police", "the army"), never another organisation's short name.
_SELF_NAMED_BODIES = {"police", "army", "military", "navy", "government", "parliament", "cabinet", "senate",
                      "congress"}
# Where a body puts its statements ("a statement on the ministry's website").
_PUBLICATION_PLACES = {"website", "site", "page", "account", "channel", "portal", "feed", "blog"}
# Verbs by which a named organisation is a document's author ("X published a report").
_PUBLISHING_VERBS = {"publish", "release", "issue", "produce", "present", "submit", "deliver", "commission",
                     "find", "conclude", "examine", "investigate", "review", "audit"}


def _join(words: list[Token]) -> str:
    """Tokens as written: 'Norway's', not 'Norway 's'."""
    words = sorted(words, key=lambda t: t.i)
    return "".join(t.text + (t.whitespace_ if k + 1 < len(words) and words[k + 1].i == t.i + 1 else " ")
                   for k, t in enumerate(words)).strip()


def _before_bracket(text: str | None) -> str | None:
    """'director general of X [a note - Trans.]' -> 'director general of X'."""
    if not text or "[" not in text:
        return text
    cut = text.split("[", 1)[0].strip(" ,;:-–—")
    return cut or None


def lemma_of(t: Token) -> str:
    return t.lemma_.lower()


_HONORIFIC_GENDER = {"mr": "m", "mister": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f",
                     "madam": "f", "dame": "f", "lady": "f"}
_ROLE_GENDER = {w: "f" for w in ("chairwoman", "spokeswoman", "businesswoman", "congresswoman", "councilwoman",
                                 "actress", "queen", "princess", "duchess", "countess", "empress", "widow",
                                 "mother", "daughter", "sister", "wife", "grandmother", "aunt", "niece")}
_ROLE_GENDER.update({w: "m" for w in ("spokesman", "businessman", "congressman", "councilman", "king",
                                      "prince", "duke", "count", "emperor", "widower", "father", "son",
                                      "brother", "husband", "grandfather", "uncle", "nephew")})
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


@lru_cache(maxsize=1)
def given_name_genders() -> dict[str, str]:
    """Common given names -> "f"/"m" (data/given_names.tsv; names borne by both are absent)."""
    text = resources.files("parallax.data").joinpath("given_names.tsv").read_text("utf-8")
    return dict(line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))


class SpeakerResolver:
    def __init__(self, ad: AnalyzedDoc, ents: DocEntities, quote_tokens: set[int]):
        self.ad = ad
        self.ents = ents
        self.quote_tokens = quote_tokens
        self._roles: dict[str, tuple[str | None, str | None]] = {}
        # (original offset, Speaker) of attributions made so far, in text order
        self.history: list[tuple[int, Speaker]] = []
        self._genders: dict[str, str | None] = {}
        self._bodies: set[str] = set()  # speaker names of bodies with no entity ("port authority")
        self._people: set[str] = set()  # speaker names of people the tagger gave no entity

    @cached_property
    def _by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.ents.entities}

    # -- entities ---------------------------------------------------------------------------
    def entity_of(self, tok: Token) -> Entity | None:
        a, b = self.ad.orig_span(tok.idx, tok.idx + len(tok.text))
        e = self.ents.at(a, b)
        return e if e is not None and e.type in AGENT_TYPES else None

    def speaker_for(self, e: Entity) -> Speaker:
        if e.type == "PERSON" or e.id in self._person_like:
            if e.id not in self._roles:
                self._roles[e.id] = person_role(self.ad, e)
                if self._roles[e.id] == (None, None):
                    self._roles[e.id] = self._appos_head_role(e)
                if self._roles[e.id] == (None, None):
                    self._roles[e.id] = self._split_name_role(e)
            role, org = self._roles[e.id]
        else:
            role, org = None, None
        # a translator's or editor's note in square brackets is no part of a title
        role, org = (_before_bracket(x) for x in (role, org))
        return Speaker(entity=e.id, name=e.name, role=role, organization=org)

    def _split_name_role(self, e: Entity) -> tuple[str | None, str | None]:
        """'opposition leader [Jo Anna] [Park] of the X Party': the tagger made two people of one name;
        the role is the one around the whole name (the other part's recorded role, else the phrases)."""
        text = self.ad.document.text
        surnames = {text[m.start:m.end] for m in e.mentions if m.doc == self.ad.id}
        surnames = {w for w in surnames if w and " " not in w and w[:1].isupper()}
        for other in self.ents.entities:
            if other is e or other.type != "PERSON":
                continue
            for o in other.mentions:
                if o.doc != self.ad.id:
                    continue
                nxt = re.match(r" ([^\W\d_][\w’'-]*)", text[o.end:o.end + 40])
                if nxt and nxt.group(1) in surnames:
                    role, org = role_around(self.ad, o.start, o.end + nxt.end())
                    if role or org:
                        return role, org
                    return person_role(self.ad, other)
        return None, None

    def _appos_head_role(self, e: Entity) -> tuple[str | None, str | None]:
        """'The company's chief executive, Anna Moretti,' -> the noun phrase the name is an appositive of."""
        for m in e.mentions:
            if m.doc != self.ad.id:
                continue
            span = self.ad.doc.char_span(
                self.ad.norm.norm_offset(m.start), self.ad.norm.norm_offset(m.end), alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            if root.dep_ == "appos" and root.head.i < span.start and root.head.pos_ == "NOUN":
                head = root.head
                toks = [t for t in head.subtree if t.i < root.left_edge.i and not t.is_punct]
                if toks:
                    text = self.ad.orig_text(toks[0].idx, toks[-1].idx + len(toks[-1].text))
                    role, org = parse_role(text)
                    if role:
                        # "company's chief executive": a common-noun owner is not an organisation name
                        role = re.sub(r"^[a-z][\w-]*(?:'s|’s|s'|s’)\s+", "", role)
                        if org == POSSESSIVE_OWNER:  # "Its chief observer, X": what "its" refers back to
                            org = self._its_owner(head)
                        elif org and org[:1].islower():  # "the authority's": what "the authority" is
                            org = self.org_name_for_noun(org, m.start)
                        return role, org
        return None, None

    def _as_titled(self, sp: Speaker, head: Token) -> Speaker:
        """'Its chief observer, the lawyer Jo Park, said': the person speaks in the office the subject names
        ("chief observer" of what "its" refers to), whatever else the article calls them."""
        if head.pos_ != "NOUN" or head.lower_ not in TITLE_NOUNS or head.tag_ != "NN":
            return sp
        toks = [t for t in head.subtree if t.i <= head.i and not t.is_punct]
        if not toks or not any(t.lower_ == "its" and t.dep_ == "poss" for t in toks):
            return sp
        role, org = parse_role(self.ad.orig_text(toks[0].idx, toks[-1].idx + len(toks[-1].text)))
        if not role:
            return sp
        if org == POSSESSIVE_OWNER:
            org = self._its_owner(head)
        return Speaker(entity=sp.entity, name=sp.name, role=role, organization=org)

    def _its_owner(self, tok: Token) -> str | None:
        """The organisation "its" refers to at `tok`: the organisation or body that is the subject of the
        sentence before ("The X mission said ... . Its chief observer, Y, said"), else the last named."""
        ad = self.ad
        k = bisect_right(ad.sentence_starts, ad.sentence_at(tok.idx).start_char) - 2
        for sent in ad.sent_spans[max(0, k - 1): k + 1][::-1] if k >= 0 else []:
            subj = next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"
                         and t.i not in self.quote_tokens and t.pos_ in ("NOUN", "PROPN")), None)
            if subj is None:
                continue
            sp = self.from_token(subj)
            if sp is not None and not self.is_person(sp) and (sp.entity is not None or sp.name in self._bodies):
                return sp.name
            break
        hit = self.ents._last_org(ad.orig_span(tok.idx, tok.idx + 1)[0], lambda _e: True)
        return hit[1].name if hit is not None else None

    @cached_property
    def _person_like(self) -> set[str]:
        """Entities typed ORG by the tagger that the text treats as people (appositive roles)."""
        out = set()
        for e in self.ents.entities:
            if e.type == "ORG" and (e.roles or len(e.name.split()) >= 2 and any(
                self._has_role_phrase(m.start, m.end) for m in e.mentions[:2]
            ) or e.name in self._split_surnames):
                out.add(e.id)
        return out

    @cached_property
    def _split_surnames(self) -> set[str]:
        """Single capitalised words written right after a person's name ("Jo Anna Park" tagged as the
        person "Jo Anna" and the organisation "Park"): surnames the tagger cut off."""
        text = self.ad.document.text
        out = set()
        for e in self.ents.entities:
            if e.type != "PERSON":
                continue
            for m in e.mentions:
                if m.doc == self.ad.id and len(m.text.split()) >= 2:
                    nxt = re.match(r" ([A-Z][\w’'-]+)\b", text[m.end:m.end + 40])
                    if nxt and not lx.is_given_name(nxt.group(1)):
                        out.add(nxt.group(1))
        return out

    def _has_role_phrase(self, a: int, b: int) -> bool:
        span = self.ad.doc.char_span(self.ad.norm.norm_offset(a), self.ad.norm.norm_offset(b), alignment_mode="expand")
        if span is None:
            return False
        # only a role phrase after the name ("X, head of Y") marks a person; a title before an
        # organisation's name ("head of the X Ministry's department") does not
        return any(start >= b and parse_role(text)[0] for text, (start, _end) in role_phrases(self.ad, span))

    # -- gender ---------------------------------------------------------------------------
    def gender(self, e: Entity | None) -> str | None:
        """"m"/"f" when the article makes it plain (honorific, gendered role noun, a common
        given name), else None: compatible with any pronoun."""
        if e is None or e.type != "PERSON":
            return None
        if e.id not in self._genders:
            self._genders[e.id] = self._infer_gender(e)
        return self._genders[e.id]

    def _infer_gender(self, e: Entity) -> str | None:
        text = self.ad.document.text
        for m in e.mentions:
            before = text[max(0, m.start - 12):m.start].lower().replace(".", " ").split()
            if before and before[-1] in _HONORIFIC_GENDER:
                return _HONORIFIC_GENDER[before[-1]]
        for r in e.roles:
            for w in (r.role or "").lower().split():
                if w in _ROLE_GENDER:
                    return _ROLE_GENDER[w]
        m_votes, f_votes = self._pronoun_votes.get(e.id, (0, 0))
        if m_votes != f_votes and min(m_votes, f_votes) * 3 <= max(m_votes, f_votes):
            return "m" if m_votes > f_votes else "f"
        words = e.name.split()
        if len(words) < 2:
            return None
        given = words[1] if is_family_first(words) else words[0]
        return given_name_genders().get(given.lower().strip(".,").replace("-", ""))

    @cached_property
    def _pronoun_votes(self) -> dict[str, tuple[int, int]]:
        """(he-votes, she-votes) per person from pronouns that can only mean them: a subject or
        possessive pronoun outside quotes whose sentence names exactly one person before it, as
        a subject ("Jan Berg said the plan was late, she added" / "Jan Berg said her team ...")."""
        votes: dict[str, list[int]] = {}
        ad = self.ad
        for tok in ad.doc:
            g = PRONOUN_GENDER.get(tok.lower_)
            if g is None or tok.dep_ not in ("nsubj", "nsubjpass", "poss") or tok.i in self.quote_tokens:
                continue
            sent = ad.sentence_at(tok.idx)
            a = ad.orig_span(sent.start_char, sent.start_char + 1)[0]
            b = ad.orig_span(tok.idx, tok.idx + 1)[0]
            people = {e.id: e for e in self.ents.entities_between(a, b)
                      if e.type == "PERSON" or e.id in self._person_like}
            if len(people) != 1:
                continue
            (e,) = people.values()
            if any(self._is_subject_mention(m.start, m.end) for m in e.mentions if a <= m.start < b):
                votes.setdefault(e.id, [0, 0])[0 if g == "m" else 1] += 1
        return {k: (v[0], v[1]) for k, v in votes.items()}

    def _is_subject_mention(self, start: int, end: int) -> bool:
        span = self.ad.doc.char_span(
            self.ad.norm.norm_offset(start), self.ad.norm.norm_offset(end), alignment_mode="expand")
        if span is None or span.root.i in self.quote_tokens:
            return False
        root = span.root
        if root.dep_ == "appos":  # "Her colleague Jan Berg said": the noun the name stands beside
            root = root.head
        return root.dep_ in ("nsubj", "nsubjpass")

    def _compatible(self, pronoun: str, sp: Speaker | None) -> bool:
        want = PRONOUN_GENDER.get(pronoun)
        if sp is None or want is None or not sp.entity:
            return True
        got = self.gender(self._by_id.get(sp.entity))
        return got is None or got == want

    # -- titles ---------------------------------------------------------------------------
    @cached_property
    def _titles(self) -> list[tuple[Entity, set[str]]]:
        out = []
        for e in self.ents.entities:
            if e.type != "PERSON":
                continue
            words: set[str] = set()
            for r in e.roles:
                words.update(w.lower() for w in f"{r.role or ''} {r.organization or ''}".split())
            for m in e.mentions:
                span = self.ad.doc.char_span(
                    self.ad.norm.norm_offset(m.start), self.ad.norm.norm_offset(m.end), alignment_mode="expand")
                if span is None:
                    continue
                for text, _ in role_phrases(self.ad, span):
                    words.update(w.lower().strip("’',") for w in text.split())
            words |= {_SYNONYMS[w] for w in words if w in _SYNONYMS}
            if words:
                out.append((e, words))
        return out

    def by_role_noun(self, head: Token, offset: int) -> Entity | None:
        """'the Russian president' -> the person titled so in the article (most recent first)."""
        np = [t for t in head.subtree if t.i <= head.i and t.dep_ != "det"]
        text = " ".join(t.text for t in np)
        e = self.ents.find(text) or self.ents.find(f"the {text}")
        if e is not None and e.type in AGENT_TYPES:
            return e
        by_role = getattr(self.ents, "by_role_noun", None)  # the entities stage's own matcher, when present
        if by_role is not None:
            e = by_role(f"the {text}", offset)
            if e is not None:
                return e
        h = head.lower_
        h = _SYNONYMS.get(h, h)
        mods = {t.lower_ for t in np if t.i < head.i and t.pos_ in ("ADJ", "PROPN", "NOUN")}
        last_seen = {id(e): max((m.start for m in e.mentions if m.start < offset), default=-1)
                     for e, _ in self._titles}
        best = [(last_seen[id(e)], e) for e, words in self._titles if h in words and mods <= words]
        if not best:
            return None
        best.sort(key=lambda x: x[0], reverse=True)
        return best[0][1]

    # -- noun phrases --------------------------------------------------------------------
    def from_token(self, tok: Token) -> Speaker | None:
        """The speaker a subject/agent token stands for."""
        offset = self.ad.orig_span(tok.idx, tok.idx + 1)[0]
        if tok.pos_ == "PRON" or tok.lower_ in PERSONAL | PLURAL:
            return self.pronoun(tok, offset)
        e = self.entity_of(tok)
        if e is not None and e.type in ("PERSON", "ORG") or (e is not None and tok.ent_iob_ != "O"):
            if e.type != "PERSON":
                person = self._appos_person(tok)
                if person is not None:
                    return self.speaker_for(person)
            return self.speaker_for(e)
        person = self._appos_person(tok)
        if person is not None:
            return self._as_titled(self.speaker_for(person), tok)
        if tok.pos_ == "NOUN":  # "Its operator, Tarvik Tankers, said": the named organisation
            org = next((e for c in tok.children if c.dep_ == "appos"
                        for e in [self.entity_of(c)] if e is not None and e.type == "ORG"), None)
            if org is not None:
                return self.speaker_for(org)
        named = self._appos_name(tok)
        if named is not None:
            return named
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in ORG_NOUNS and any(
                c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children):
            return self._org_noun_phrase(tok, offset)
        indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an", "another", "one") for c in tok.children)
        if tok.pos_ in ("NOUN", "PROPN") and (tok.lower_ in TITLE_NOUNS or tok.lemma_.lower() in TITLE_NOUNS):
            if tok.lemma_.lower() not in _GROUP_NOUNS or tok.tag_ != "NNS":
                # "a port official said": someone new, not a person titled so before
                e = self.by_role_noun(tok, offset) if not indefinite else None
                if e is not None:
                    return self.speaker_for(e)
                sp = (None if indefinite else self._role_antecedent(tok)) or self._role_of_body(tok, offset)
                if sp is None and not indefinite:
                    sp = self._unnamed_antecedent(tok, offset)  # "A Norvish official said ... The official said"
                if sp is None and not indefinite:
                    sp = self._head_of_body(tok, offset)  # "the commission chairwoman" -> its chief, named before"
                if sp is not None:
                    return sp
        if tok.tag_ == "NNS" and tok.lemma_.lower() in _GROUP_NOUNS and any(
                c.dep_ in ("compound", "amod") and c.i < tok.i and self._is_demonym(c) for c in tok.children):
            # "Freedonian officials": the officials of a country, not an organisation called "Freedonian"
            words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det", "poss", "punct")]
            name = " ".join(t.text for t in words)
            return Speaker(name=name[:1].upper() + name[1:])
        if tok.tag_ == "NNS" and tok.pos_ == "NOUN" and tok.lemma_.lower() in _WITNESS_GROUPS:
            # "Northstar witnesses", "his colleagues": people who saw or know something, speaking for
            # themselves, not for the organisation or the person named beside them
            words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det", "punct")]
            if words and words[0].i >= tok.left_edge.i and all(t.i == words[0].i + k for k, t in enumerate(words)):
                name = _join(words)
                return Speaker(name=name[:1].upper() + name[1:])
        owned = self._owned_body(tok)
        if owned is not None:
            return owned
        org = self._org_inside(tok)
        if org is not None:
            return self.speaker_for(org)
        if tok.pos_ == "NOUN" and (tok.lemma_.lower() in lx.DOCUMENT_NOUNS or tok.lower_ in lx.DATA_NOUNS):
            author = self._document_author(tok)
            if author is not None:
                return author
            if tok.lemma_.lower() not in lx.DOCUMENT_NOUNS:
                return None  # "the data show": figures with no one named behind them
            if tok.lemma_.lower() in CUE_NOUNS:
                return None  # "the statement said" with no one behind it
            return Speaker(name=tok.lemma_.lower() if tok.lower_ != "findings" else tok.lower_)
        if tok.tag_ == "NNS" and tok.lemma_.lower() in _GROUP_NOUNS:
            # "Acme analysts say": the organisation they speak for (not a place: "US officials")
            comp = [t for t in tok.children if t.dep_ == "compound" and t.pos_ == "PROPN" and t.i < tok.i]
            if comp and all(t.ent_type_ not in ("GPE", "NORP", "LOC") for t in comp):
                name = " ".join(t.text for t in comp)
                e = self.ents.find(name)
                return self.speaker_for(e) if e is not None else Speaker(name=name)
        if tok.lemma_.lower() in CUE_NOUNS:
            return None  # "remarks emphasizing ...": words with no one named behind them
        if tok.pos_ in ("NOUN", "PROPN"):
            words = self._phrase_words(tok)
            titled = self._titled_name(tok, words)
            if titled is not None:
                return titled
            if tok.tag_ == "NNS" and tok.pos_ == "NOUN":
                # "residents of the valley": the group as the article delimits it
                prep = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ in ("of", "at", "from", "in")), None)
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
                if pobj is not None and pobj.pos_ == "NOUN" and self.entity_of(pobj) is None and \
                        pobj.right_edge.i - tok.i <= 5 and not any(t.i in self.quote_tokens for t in prep.subtree):
                    words = words + list(prep.subtree)
            name = _join(words)
            if tok.pos_ == "PROPN" or tok.tag_ == "NNS" or tok.lemma_.lower() in _GROUP_NOUNS:
                return Speaker(name=name[:1].upper() + name[1:])
            return Speaker(name=name)
        return None

    def _owned_body(self, tok: Token) -> Speaker | None:
        """'the X Union's election observation mission': a body of an organisation, described by its
        own words, speaks as that body, not as the organisation that sent it."""
        if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.lemma_.lower() not in _OWNED_BODIES:
            return None
        poss = next((c for c in tok.children if c.dep_ == "poss" and c.i < tok.i), None)
        if poss is None or not any(c.dep_ in ("compound", "amod") and poss.i < c.i < tok.i for c in tok.children):
            return None
        owner = self.entity_of(poss)
        if owner is None or owner.type not in ("ORG", "GPE"):
            return None
        words = [t for t in tok.subtree if poss.left_edge.i <= t.i <= tok.i and t.dep_ != "det" or
                 t.dep_ == "det" and t.head.i != poss.i and poss.left_edge.i < t.i <= tok.i]
        words = [t for t in words if not (t.dep_ == "det" and t.i == poss.left_edge.i)]
        return self.body_speaker(self.ad.orig_text(words[0].idx, words[-1].idx + len(words[-1].text)))

    def _titled_name(self, tok: Token, words: list[Token]) -> Speaker | None:
        """'opposition leader Jo Anna Park' that no entity covers: the person Jo Anna Park, with the
        title before the name as the role (not a speaker called "Opposition leader Jo Anna Park")."""
        if tok.pos_ != "PROPN":
            return None
        name = self.name_tokens(tok)
        if len(name) < 2 or name[-1].i != tok.i:
            return None
        before = [t for t in words if t.i < name[0].i]
        if not before or before[-1].i != name[0].i - 1 or not any(
                t.pos_ == "NOUN" and t.lower_ in TITLE_NOUNS for t in before):
            return None
        if any(t.ent_type_ in ("GPE", "LOC", "FAC", "ORG", "DATE") for t in name):
            return None
        text = self.ad.orig_text(name[0].idx, name[-1].idx + len(name[-1].text))
        role_text = self.ad.orig_text(before[0].idx, before[-1].idx + len(before[-1].text))
        offset = self.ad.orig_span(name[0].idx, name[0].idx + 1)[0]
        sp = self.person_speaker(text, role_text, offset)
        if sp.entity is not None and len(sp.name.split()) < len(text.split()):
            # the tagger kept part of the name: the person as the article names them here
            role, org = (sp.role, sp.organization) if sp.role else parse_role(role_text)
            sp = Speaker(entity=sp.entity, name=text, role=role, organization=org)
        return sp

    def _phrase_words(self, tok: Token) -> list[Token]:
        """The words naming an unnamed speaker: its modifiers up to the head, a named possessor
        ("Norway's foreign ministry", not "'s foreign ministry"), and a short description after it
        ("a person familiar with the talks")."""
        skip: set[int] = set()
        for c in tok.children:
            if c.dep_ == "poss" and c.i < tok.i and not (c.ent_type_ in ("GPE", "ORG", "NORP", "LOC") or
                                                         c.pos_ == "PROPN"):
                skip |= {x.i for x in c.subtree}  # "its", "the firm's": the owner is not part of the name
        det = next((c for c in tok.children if c.dep_ == "det" and c.lower_ in ("a", "an") and c.i < tok.i), None)
        if det is not None and tok.tag_ == "NNS":
            # "..., a measure supporters say would ...": "a" goes with a singular noun of its own, which
            # the parser made a modifier of the plural speakers; only the plural names them
            skip |= {c.i for c in tok.children if c.dep_ == "compound" and c.tag_ == "NN" and det.i < c.i < tok.i}
        words = [t for t in tok.subtree if t.i <= tok.i and t.i not in skip and t.dep_ not in ("det", "punct")
                 and not (t.dep_ == "case" and t.head.i in skip)]
        after = [c for c in tok.rights if c.dep_ in ("amod", "acl") and c.i == tok.i + 1]
        if tok.lemma_.lower() in lx.BODY_NOUNS and tok.tag_ == "NN":
            # "Norway's embassy in Lisbon": which of its bodies
            for c in tok.rights:
                if c.dep_ == "prep" and c.i == tok.i + 1 and c.lower_ in ("in", "at"):
                    place = [t for t in c.subtree if t.i != c.i]
                    if place and len(place) <= 3 and all(t.pos_ == "PROPN" for t in place) and any(
                            t.ent_type_ in ("GPE", "LOC") for t in place):
                        words += [c] + place
        if tok.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children) and (
                tok.lemma_.lower() in _GROUP_NOUNS | {"person", "source", "member"}):
            # "a source in the Norvish government", "an official at the port": who, as the article puts it
            after += [c for c in tok.rights if c.dep_ == "prep" and c.i == tok.i + 1
                      and c.lower_ in ("in", "at", "from", "within", "inside", "with", "close", "on", "of")]
        for c in after:
            tail = [t for t in c.subtree if t.i not in self.quote_tokens]
            if len(tail) <= 6 and not any(t.pos_ == "VERB" and t.dep_ not in ("amod", "acl") for t in tail) \
                    and all(t.i == tail[0].i + k for k, t in enumerate(tail)):
                words += tail
        return words

    # -- role nouns the entity stage left without a person ----------------------------------
    def _role_antecedent(self, head: Token) -> Speaker | None:
        """'the chief executive said' -> the person an earlier sentence named beside that role
        ("Jo Park, Acme's chief executive, ..." / "The minister of Water, Jo Park, ...")."""
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children):
            return None
        h = _SYNONYMS.get(head.lemma_.lower(), head.lemma_.lower())
        mods = {c.lower_ for c in head.children if c.i < head.i and c.dep_ in ("amod", "compound", "nmod")}
        doc = self.ad.doc
        lo = self.ad.sentence_at(head.idx).start
        for cand in reversed(doc[:lo]):
            if cand.pos_ != "NOUN" or cand.i in self.quote_tokens:
                continue
            if _SYNONYMS.get(cand.lemma_.lower(), cand.lemma_.lower()) != h:
                continue
            if not mods <= {t.lower_ for t in cand.subtree if t.i != cand.i}:
                continue
            sp = self._named_beside(cand)
            if sp is not None:
                return sp
        return None

    def _head_of_body(self, head: Token, offset: int) -> Speaker | None:
        """'the commission chairwoman said' after 'Chief Election Commissioner Jo Park': the person whose
        recorded title heads that body (a chief/chair title naming it, or a head's title with it as the
        organisation), the most recently named first; a gendered title must fit."""
        if head.lemma_.lower() not in _HEAD_TITLES or not any(
                c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children):
            return None
        body = next((c for c in head.children if c.dep_ in ("compound", "poss") and c.i < head.i
                     and c.pos_ == "NOUN"), None)
        if body is None:
            return None
        word = body.lemma_.lower()
        want = _ROLE_GENDER.get(head.lower_)
        best: tuple[int, Entity] | None = None
        for e in self.ents.entities:
            if e.type != "PERSON":
                continue
            last = max((m.start for m in e.mentions if m.doc == self.ad.id and m.start < offset), default=-1)
            if last < 0 or best is not None and last <= best[0]:
                continue
            for r in e.roles:
                words = (r.role or "").lower().split()
                org_words = (r.organization or "").lower().split()
                titled = any(w.startswith(word) for w in words) and any(w in _HEAD_TITLES or w == "chief" for w in words)
                heads = bool(org_words) and org_words[-1] == word and any(w in _HEAD_TITLES for w in words)
                if titled or heads:
                    g = self.gender(e)
                    if want is None or g is None or g == want:
                        best = (last, e)
                    break
        return self.speaker_for(best[1]) if best is not None else None

    def _unnamed_antecedent(self, head: Token, offset: int) -> Speaker | None:
        """'the official said' after 'a Norvish official said': the last unnamed speaker described with
        the same head noun."""
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children) or head.tag_ != "NN":
            return None
        want = head.lower_
        for off, sp in reversed(self.history):
            if off >= offset or sp.entity is not None:
                continue
            words = sp.name.lower().split()
            if len(words) >= 2 and want in words and words.index(want) < 3:
                return sp
        return None

    def _named_beside(self, role: Token) -> Speaker | None:
        """The person named in apposition to a role noun, either order."""
        doc = self.ad.doc

        def text(a: int, b: int) -> str | None:  # tokens [a, b] as written, commas trimmed
            while a <= b and doc[a].is_punct:
                a += 1
            while b >= a and doc[b].is_punct:
                b -= 1
            return self.ad.orig_text(doc[a].idx, doc[b].idx + len(doc[b].text)) if a <= b else None

        if role.dep_ == "appos" and role.head.pos_ == "PROPN" and role.head.i < role.i:  # "Jo Park, Acme's chief"
            return self.named_person_at(role.head, text(role.left_edge.i, role.right_edge.i))
        for c in role.children:
            if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > role.i:  # "the minister, Jo Park,"
                return self.named_person_at(c, text(role.left_edge.i, c.left_edge.i - 1))
        # "The minister of Water, Jo Park," with the name hung on the complement by the parser
        j = role.i + 1
        while j < len(doc) and j - role.i <= 8 and doc[j].text != "," and (
                doc[j].pos_ in ("ADP", "DET", "PROPN", "NOUN", "ADJ", "PART", "CCONJ")):
            j += 1
        if j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].pos_ == "PROPN" and j > role.i:
            toks = self.name_tokens(doc[j + 1])
            after = doc[toks[-1].i + 1] if toks and toks[-1].i + 1 < len(doc) else None
            if toks and after is not None and (after.text == "," or after.pos_ in ("VERB", "AUX")):
                return self.named_person_at(toks[-1], text(role.left_edge.i, j - 1))
        return None

    def _role_of_body(self, tok: Token, offset: int) -> Speaker | None:
        """'a press officer for the regulator said': the body speaks through its unnamed officer."""
        if any(c.dep_ == "appos" for c in tok.children):
            return None
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("for", "of", "at", "from"):
                continue
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is None or self.entity_of(pobj) is not None or pobj.pos_ != "NOUN":
                continue
            if pobj.lemma_.lower() in ORG_NOUNS and any(c.dep_ == "det" and c.lower_ in ("the", "this")
                                                        for c in pobj.children):
                body = self._org_noun_phrase(pobj, offset)
                if body is not None:
                    return Speaker(entity=body.entity, name=body.name, role=tok.lower_, organization=body.name)
        return None

    def _is_demonym(self, t: Token) -> bool:
        """"Freedonian" beside a noun: a nationality, from the tagger, the country list or a place the
        article names ("Freedonia" ... "Freedonian officials")."""
        if t.ent_type_ == "NORP" or lx.demonym_country(t.text):
            return True
        w = t.text
        for suffix in ("n", "an", "ian", "ese", "i", "ish", "ean"):
            stem = w[: -len(suffix)] if w.endswith(suffix) else None
            if stem and len(stem) >= 4 and stem in self._capitalised_words:
                return True
            if stem and len(stem) >= 4 and stem + "a" in self._capitalised_words:
                return True
        return False

    @cached_property
    def _capitalised_words(self) -> set[str]:
        return {t.text for t in self.ad.doc if t.text[:1].isupper() and t.is_alpha}

    # -- documents as speakers ("The report, published on Tuesday, said ...") ----------------
    def _document_author(self, tok: Token) -> Speaker | None:
        """Who speaks through a document: its owner ("the committee's report"), its maker ("a
        review by X", "an audit carried out by X"), or, for "the report"/"its report", the body
        that the same or the previous sentence says examined, found or published it."""
        for c in tok.children:
            if c.dep_ == "poss":
                if c.pos_ != "PRON":
                    return self.from_token(c)
                if c.lower_ not in ("its", "their"):
                    return None
            if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from", "of"):
                pobj = next((x for x in c.children if x.dep_ == "pobj" and x.ent_type_ not in ("DATE", "TIME")), None)
                # "a bulletin of the Chancellery": "of" only with a name or a body ("a copy of the memo")
                if pobj is not None and c.lower_ == "of" and not (
                        pobj.pos_ == "PROPN" or self.entity_of(pobj) is not None
                        or pobj.lemma_.lower() in ORG_NOUNS):
                    continue
                if pobj is not None:
                    return self._author_from(pobj)
            if c.dep_ == "acl":  # "an audit carried out by X"
                for a in c.children:
                    pobj = next((x for x in a.children if x.dep_ == "pobj"), None) if a.dep_ == "agent" else None
                    if pobj is not None:
                        return self._author_from(pobj)
            owner = self._site_owner(c)
            if owner is not None:  # "a statement (posted) on the ministry's website"
                return self._author_from(owner)
        if not any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "its", "their") for c in tok.children):
            return None
        ad = self.ad
        k = bisect_right(ad.sentence_starts, ad.sentence_at(tok.idx).start_char) - 1
        for sent in (ad.sent_spans[k], ad.sent_spans[k - 1] if k > 0 else None):
            if sent is None:
                continue
            for t in sent:
                if t.i >= tok.i or t.dep_ not in ("nsubj", "nsubjpass") or t.i in self.quote_tokens:
                    continue
                e = self.entity_of(t)
                if e is not None and e.type == "ORG" and (
                        lemma_of(t.head) in _PUBLISHING_VERBS or any(x.lemma_ == tok.lemma_ for x in sent)):
                    return self.speaker_for(e)
                if e is None and t.pos_ == "NOUN" and t.lemma_.lower() in lx.DOCUMENT_AUTHOR_NOUNS:
                    return self._author_from(t)
        return None

    def _site_owner(self, c: Token) -> Token | None:
        """The owner of the website, page or account a document was put on: "(posted) on X's website"."""
        preps = [c] if c.dep_ == "prep" else [p for p in c.children if p.dep_ == "prep"] if c.dep_ == "acl" else []
        for prep in preps:
            if prep.lower_ not in ("on", "in"):
                continue
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() in _PUBLICATION_PLACES:
                    owner = next((x for x in pobj.children if x.dep_ == "poss" and x.pos_ != "PRON"), None)
                    if owner is not None:
                        return owner
        return None

    def _author_from(self, t: Token) -> Speaker | None:
        e = self.entity_of(t)
        if e is not None:
            return self.speaker_for(e)
        if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in ORG_NOUNS and any(
                c.dep_ == "amod" and c.i < t.i and self._is_demonym(c) for c in t.children):
            # "the Freedonian foreign ministry": that country's body, not the last ministry named
            words = [x for x in t.subtree if x.i <= t.i and x.dep_ not in ("det", "case", "punct")]
            return self.body_speaker(_join(words))
        if t.pos_ == "NOUN" and t.lemma_.lower() in ORG_NOUNS and any(
                c.dep_ == "det" and c.lower_ in ("the", "this") for c in t.children):
            return self._org_noun_phrase(t, self.ad.orig_span(t.idx, t.idx + 1)[0])
        if t.pos_ == "NOUN":
            # "An independent inquiry": the body's own words (noun compounds), not its description
            words = [c for c in t.children if c.dep_ == "compound" and c.i < t.i] + [t]
            return self.body_speaker(" ".join(w.text for w in words))
        return self.from_token(t)

    def _appos_person(self, tok: Token) -> Entity | None:
        for c in tok.children:
            if c.dep_ == "appos":
                e = self.entity_of(c)
                if e is not None and e.type == "PERSON":
                    return e
                if c.pos_ == "NOUN" and c.lower_ in TITLE_NOUNS:
                    # "Its chief observer, the Danish lawyer Jo Park,": the name closes the appositive
                    for n in c.children:
                        e = self.entity_of(n) if n.dep_ == "appos" and n.i > c.i else None
                        if e is not None and e.type == "PERSON":
                            return e
        if tok.pos_ == "NOUN" and tok.lower_ in TITLE_NOUNS:
            # "A spokesman for the president, Jo Park, said": the parser hung the name on the nearer noun
            for prep in tok.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("for", "to", "of"):
                    continue
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is None or pobj.pos_ != "NOUN" or pobj.lower_ not in lx.ROLE_HEADS:
                    continue
                for c in pobj.children:
                    after = c.right_edge.i + 1
                    if c.dep_ == "appos" and c.i > pobj.i and self.ad.doc[c.left_edge.i - 1].text == "," \
                            and after < len(self.ad.doc) and self.ad.doc[after].text == "," \
                            and after == tok.right_edge.i:
                        e = self.entity_of(c)
                        if e is not None and e.type == "PERSON":
                            return e
        return None

    def _appos_name(self, tok: Token) -> Speaker | None:
        """'one resident, Lina Park,': a proper-noun appositive the tagger did not type as a person."""
        if tok.pos_ != "NOUN":
            return None
        for c in tok.children:
            if c.dep_ == "appos" and c.pos_ == "PROPN":
                words = [t for t in c.subtree if t.i <= c.i and t.pos_ == "PROPN"]
                if len(words) >= 2:
                    e = self.entity_of(c)
                    if e is not None and e.type in ("PERSON", "ORG"):
                        return self.speaker_for(e)
                    return Speaker(name=" ".join(t.text for t in words))
        return None

    def _org_noun_phrase(self, tok: Token, offset: int) -> Speaker | None:
        """'the ministry said' -> the last organisation named with that head word ("... Ministry");
        'the firm said' -> the last business named (never a ministry or an agency); 'the port
        authority said' -> that body as the article introduced it, when no such name came before."""
        head = tok.lemma_.lower()
        # a noun compound names a body ("the port authority"); an adjective only describes the
        # organisation already named ("the Oslo-based company")
        mods = [t for t in tok.children if t.dep_ == "compound" and t.i < tok.i and (
            t.pos_ == "NOUN" or t.pos_ == "PROPN" and (self.entity_of(t) is None or self.entity_of(t).type != "ORG"))]
        e, body = self.ents.org_referent(head, offset, [m.text for m in mods])
        if e is not None:
            return self.speaker_for(e)
        if body is None and not mods and head in lx.BODY_NOUNS:
            named = self._org_named_with(head, offset)
            if named is not None:
                return named
        if body is None and not mods and head in lx.BODY_NOUNS and head not in _SELF_NAMED_BODIES:
            named = self._body_named_before(tok)
            if named is not None:
                return named
        if body is None:
            words = [t for t in tok.subtree if (mods[0].i if mods else tok.i) <= t.i <= tok.i]
            body = " ".join(t.text for t in words)
        return self.body_speaker(body)

    def _org_named_with(self, head: str, offset: int) -> Speaker | None:
        """'the party' -> the organisation last mentioned before it whose name or written forms hold
        "party" ("the opposition X Renewal Party (XRP)", later only "XRP")."""
        best: tuple[int, Entity] | None = None
        for e in self.ents.entities:
            if e.type != "ORG" or e.id in self._person_like:
                continue
            if not any(head in f.lower().replace("’", "'").split() for f in (e.name, *e.aliases)):
                continue
            last = max((m.start for m in e.mentions if m.doc == self.ad.id and m.start < offset), default=-1)
            if last >= 0 and (best is None or last > best[0]):
                best = (last, e)
        return self.speaker_for(best[1]) if best is not None else None

    def _body_named_before(self, tok: Token) -> Speaker | None:
        """'the regulator' with no organisation of that kind on record: the organisation named last
        before it in the same sentence ("Acme-Reg fined the bank, a press officer for the regulator added")."""
        sent = self.ad.sentence_at(tok.idx)
        before = list(self.ad.doc[sent.start: tok.i])
        # a subject first ("Acme-Reg fined Beta, the regulator said" is Acme-Reg's), then the nearest
        for t in sorted(reversed(before), key=lambda t: t.dep_ != "nsubj"):
            if t.i in self.quote_tokens or t.pos_ != "PROPN":
                continue
            e = self.entity_of(t)
            if e is not None:
                if e.type == "ORG" and e.id not in self._person_like:
                    return self.speaker_for(e)
                continue
            if t.text.isupper() and len(t.text) >= 3 and t.is_alpha and t.ent_type_ not in ("GPE", "LOC", "NORP"):
                return self.body_speaker(t.text)  # an acronym the tagger did not type
        return None

    def is_person(self, sp: Speaker) -> bool:
        e = self._by_id.get(sp.entity or "")
        if e is None:
            return sp.name in self._people
        return e.type == "PERSON" or e.id in self._person_like

    def person_speaker(self, name: str, role_text: str | None = None, offset: int | None = None) -> Speaker:
        """A person named in the text (and, when given, the role phrase beside the name); the
        entity when the tagger found one, else a speaker with no entity that pronouns can refer to."""
        e = self.ents.find(name, offset)
        if e is not None and (e.type == "PERSON" or e.id in self._person_like):
            return self.speaker_for(e)
        role, org = parse_role(role_text) if role_text else (None, None)
        if role and re.match(r"^(?:the|a|an)\s", role, re.I):
            role = role.split(None, 1)[1]
        self._people.add(name)
        return Speaker(name=name, role=role, organization=org)

    def name_tokens(self, tok: Token) -> list[Token]:
        """The run of proper-noun tokens (joined by hyphens) that ends at or holds `tok`."""
        doc = tok.doc
        if tok.pos_ != "PROPN":
            return []
        a = b = tok.i
        while a > 0 and (doc[a - 1].pos_ == "PROPN" or doc[a - 1].text in ("-", "‐") and a > 1
                         and doc[a - 2].pos_ == "PROPN") and doc[a - 1].i not in self.quote_tokens:
            a -= 1
        while b + 1 < len(doc) and (doc[b + 1].pos_ == "PROPN" or doc[b + 1].text in ("-", "‐")
                                    and b + 2 < len(doc) and doc[b + 2].pos_ == "PROPN"):
            b += 1
        return [t for t in doc[a: b + 1]]

    def named_person_at(self, tok: Token, role_text: str | None = None) -> Speaker | None:
        """The person whose name `tok` is part of: its PERSON entity, or a name of two or more
        proper nouns the tagger typed otherwise (or not at all) when a role phrase marks a person."""
        e = self.entity_of(tok)
        if e is not None and (e.type == "PERSON" or e.id in self._person_like):
            return self.speaker_for(e)
        toks = self.name_tokens(tok)
        words = [t for t in toks if t.pos_ == "PROPN"]
        if len(words) < 2 or any(t.ent_type_ == "DATE" for t in words):
            return None
        # without a role phrase beside it, a name the tagger typed as something else stays that
        if not role_text and (e is not None or any(t.ent_type_ in ("GPE", "LOC", "FAC", "NORP", "ORG")
                                                   for t in words)):
            return None
        name = self.ad.orig_text(toks[0].idx, toks[-1].idx + len(toks[-1].text))
        offset = self.ad.orig_span(toks[0].idx, toks[0].idx + 1)[0]
        return self.person_speaker(name, role_text, offset)

    def body_speaker(self, name: str) -> Speaker:
        """A body the article names only with a common noun ("port authority"): no entity."""
        self._bodies.add(name)
        return Speaker(name=name)

    def org_name_for_noun(self, noun: str, offset: int) -> str:
        """'authority' (as in "the authority's chief executive") -> the name of what it refers to."""
        words = noun.split()
        e, body = self.ents.org_referent(words[-1].lower(), offset, words[:-1])
        return e.name if e is not None else body or noun

    def _org_inside(self, tok: Token) -> Entity | None:
        best: tuple[int, Entity] | None = None
        for t in tok.subtree:
            if t.i == tok.i or t.i in self.quote_tokens or t.dep_ in ("relcl", "appos") and t.i > tok.i + 8:
                continue
            if t.pos_ in ("PROPN", "NOUN"):
                e = self.entity_of(t)
                if e is not None and e.type == "ORG":
                    d = abs(t.i - tok.i)
                    if best is None or d < best[0]:
                        best = (d, e)
        return best[1] if best else None

    # -- pronouns --------------------------------------------------------------------------
    def note(self, offset: int, speaker: Speaker | None) -> None:
        if speaker is not None:  # kept in text order: quotes and reported speech are noted in two passes
            insort(self.history, (offset, speaker), key=lambda x: x[0])

    def _last_spoken(self, offset: int, plural: bool, pronoun: str = "") -> Speaker | None:
        for off, sp in reversed(self.history):
            if off >= offset:
                continue
            e = self._by_id.get(sp.entity or "")
            is_person = self.is_person(sp)
            if plural != is_person or (plural and e is None and not is_person):
                if not plural and not self._compatible(pronoun, sp):
                    continue  # the last speaker is a man; "she" looks further back
                return sp
            return None
        return None

    def pronoun(self, tok: Token, offset: int) -> Speaker | None:
        low = tok.lower_
        if low == "it":  # "It added that ...": only an organisation that was just speaking
            same = self._org_earlier_in_sentence(tok)
            if same is not None:
                return same
            for off, sp in reversed(self.history):
                if off < offset:
                    e = self._by_id.get(sp.entity or "")
                    if e is None:  # a body named by a common noun ("the port authority said")
                        return sp if sp.name in self._bodies else None
                    return sp if e.type == "ORG" and e.id not in self._person_like else None
            return None
        if low in PLURAL:
            group = self._group_just_before(tok)
            if group is not None:
                return group  # "Local officials valued it at $2m. It was mislabelled, they said."
            return self._last_spoken(offset, plural=True) or self._subject_before(tok, plural=True)
        if low not in PERSONAL:
            return None
        for sp in self._personal_candidates(tok, offset):
            if sp is not None and self._compatible(low, sp):
                return sp
        return None

    def _group_just_before(self, tok: Token) -> Speaker | None:
        """The subject of the sentence right before, in the same paragraph, when it is a plural group of
        people ("Local officials", "Prosecutors"): what "they" most plainly refers to."""
        ad = self.ad
        k = bisect_right(ad.sentence_starts, ad.sentence_at(tok.idx).start_char) - 2
        if k < 0:
            return None
        prev = ad.sent_spans[k]
        if "\n" in ad.norm.text[prev.end_char: ad.sentence_at(tok.idx).start_char]:
            return None
        subj = next((t for t in prev if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"
                     and t.i not in self.quote_tokens), None)
        if subj is None or subj.tag_ != "NNS" or subj.pos_ != "NOUN" or subj.lemma_.lower() not in _PLURAL_AGENTS:
            return None
        return self.from_token(subj)

    def _org_earlier_in_sentence(self, tok: Token) -> Speaker | None:
        """'The firm's brochures praise X, and in May it assured shareholders that ...': "it" after an earlier
        clause whose subject is (or belongs to) an organisation, in the same sentence."""
        sent = self.ad.sentence_at(tok.idx)
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ != "conj":
            return None
        for subj in reversed(list(sent[: tok.i - sent.start])):
            if subj.i in self.quote_tokens or subj.pos_ not in ("NOUN", "PROPN") or subj.dep_ not in ("nsubj", "nsubjpass"):
                continue
            # the subject itself ("the company") or its owner ("the company's reports")
            for t in [subj] + [c for c in subj.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")]:
                e = self.entity_of(t)
                if e is not None:
                    return self.speaker_for(e) if e.type == "ORG" and e.id not in self._person_like else None
                if t.pos_ == "NOUN" and t.lemma_.lower() in ORG_NOUNS and any(
                        c.dep_ == "det" and c.lower_ in ("the", "this") for c in t.children):
                    return self._org_noun_phrase(t, self.ad.orig_span(t.idx, t.idx + 1)[0])
            return None
        return None

    def _personal_candidates(self, tok: Token, offset: int):
        """Who "he"/"she" may be, most likely first; the caller keeps the first of the right gender."""
        # an earlier subject in the same sentence ("After Smith arrived, he said"); an earlier
        # pronoun subject there refers to the same person ("Explaining that he ..., he said")
        sent = self.ad.sentence_at(tok.idx)  # Token.sent scans the whole document
        for t in reversed(list(sent[: tok.i - sent.start])):
            if t.i in self.quote_tokens or t.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if t.lower_ in PERSONAL:
                yield self.pronoun(t, self.ad.orig_span(t.idx, t.idx + 1)[0])
                break
            e = self.entity_of(t)
            if e is not None and (e.type == "PERSON" or e.id in self._person_like):
                yield self.speaker_for(e)
        yield self._subject_before(tok, plural=False, pronoun=tok.lower_)
        # an earlier person in the same sentence ("When reporters asked Smith ..., he said")
        for t in reversed(list(sent[: tok.i - sent.start])):
            if t.i in self.quote_tokens or t.dep_ == "conj":
                continue
            e = self.entity_of(t)
            if e is not None and (e.type == "PERSON" or e.id in self._person_like):
                yield self.speaker_for(e)
        yield self._last_spoken(offset, plural=False, pronoun=tok.lower_)
        for person in self.ents.persons_before(offset):
            yield self.speaker_for(person)

    def _subject_before(self, tok: Token, plural: bool, pronoun: str = "") -> Speaker | None:
        """Subject of the nearest earlier sentence (outside quotes) naming a compatible agent."""
        ad = self.ad
        i = bisect_right(ad.sentence_starts, ad.sentence_at(tok.idx).start_char) - 2
        looked = 0
        while i >= 0 and looked < 3:
            sent: Span = ad.sent_spans[i]
            i -= 1
            subjects = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.i not in self.quote_tokens]
            if not subjects:
                continue
            looked += 1
            subjects.sort(key=lambda t: (t.head.dep_ != "ROOT", t.i))
            for s in subjects:
                if s.pos_ == "PRON":
                    if (s.lower_ in PLURAL) == plural and s.lower_ in PERSONAL | PLURAL and (
                            plural or PRONOUN_GENDER.get(s.lower_) == PRONOUN_GENDER.get(pronoun, PRONOUN_GENDER.get(s.lower_))):
                        return self.pronoun(s, ad.orig_span(s.idx, s.idx + 1)[0])
                    continue
                sp = self.from_token(s)
                if sp is None or sp.entity is None:
                    continue
                e = self._by_id[sp.entity]
                is_person = e.type == "PERSON" or e.id in self._person_like
                if is_person != plural and (plural or self._compatible(pronoun, sp)):
                    return sp
            if ad.norm.text[sent.end_char: sent.end_char + 2].count("\n") >= 1 and looked >= 1:
                break  # stay within the paragraph after the first subject-bearing sentence
        return None
