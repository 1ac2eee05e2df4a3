"""Named entities clustered within one document (in-document coreference).

Pipeline: spaCy NER spans -> general fix-ups (`ner_fixes`) -> clusters (`coref`)
-> roles/affiliations per person and role nouns referring back (`roles`).
`DocEntities` gives the look-ups the quote finder needs (`at`, `find`,
`persons_before`, `last_compatible`). Stored offsets are ORIGINAL offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property

from parallax.extract import lexicon as lx
from parallax.extract.bodies import QUALIFIER_OPEN, home_country, national_body, written_name
from parallax.extract.coref import Cluster, org_first_word, acronym, cluster_mentions, core_key, person_short_keys
from parallax.extract.ner_fixes import KEEP_LABELS, Cand, fix_entities
from parallax.extract.ner_places import demonym_forms
from parallax.extract.ner_scan import org_short_forms
from parallax.extract.roles import (
    POSSESSIVE_OWNER,
    parse_role,
    role_compatible,
    role_head,
    role_noun_at,
    role_phrase_spans,
)
from parallax.model import Entity, RoleFact
from parallax.nlp.analyzed import AnalyzedDoc

__all__ = ["DocEntities", "extract_entities", "KEEP_LABELS"]


@dataclass
class DocEntities:
    """The entities of one document, with the look-ups the quote finder needs."""

    ad: AnalyzedDoc
    entities: list[Entity] = field(default_factory=list)
    # (orig_start, orig_end, entity index) of every mention, sorted by start
    _spans: list[tuple[int, int, int]] = field(default_factory=list)
    _keys: dict[str, list[int]] = field(default_factory=dict)  # name key -> entity indexes
    _short: dict[str, list[int]] = field(default_factory=dict)  # surname/core/acronym -> entity indexes

    def index(self) -> None:
        self._spans = sorted(
            (m.start, m.end, i) for i, e in enumerate(self.entities) for m in e.mentions
        )
        self._keys, self._short = {}, {}
        for i, e in enumerate(self.entities):
            forms = {e.name, *e.aliases}
            for f in forms:
                self._keys.setdefault(lx.name_key(_strip_the(f)), []).append(i)
            for f in forms:
                words = f.split()
                shorts: list[str | None] = []
                if e.type == "PERSON" and len(words) >= 2:
                    shorts.extend(person_short_keys(f))
                elif e.type in ("ORG", "FAC"):
                    shorts.extend([core_key(f, e.type), acronym(f)])
                    shorts.extend(lx.name_key(s) for s in org_short_forms(f, e.type))
                for k in shorts:
                    if k and i not in self._short.setdefault(k, []):
                        self._short[k].append(i)

    def at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping original [start, end), if any."""
        i = bisect_left(self._spans, (start, -1, -1))
        best = None
        for s, e, k in self._spans[max(i - 8, 0): i + 8]:
            if s < end and start < e:
                # prefer the mention that overlaps most
                ov = min(e, end) - max(s, start)
                if best is None or ov > best[0]:
                    best = (ov, k)
        return self.entities[best[1]] if best else None

    def find(self, name: str, before: int | None = None) -> Entity | None:
        """The entity a name refers to: full name, alias, surname, acronym, country alias or role noun.

        `before` (original offset) picks, among several candidates, the one mentioned last before it.
        """
        raw = name.strip().strip(",.;:")
        if not raw:
            return None
        for suffix in ("'s", "’s", "'", "’"):
            if raw.endswith(suffix):
                raw = raw[: -len(suffix)]
        text = _strip_the(raw)
        key = lx.name_key(text)
        hit = self._choose(self._keys.get(key, []), before)
        if hit is not None:
            return hit
        code = lx.country_code(text) or lx.capital_country(text)
        if code is not None:
            for e in self.entities:
                if e.type == "GPE" and any(lx.country_code(f) == code for f in (e.name, *e.aliases)):
                    return e
        hit = self._choose(self._short.get(key, []), before)
        if hit is not None:
            return hit
        return self.by_role_noun(raw, before)

    def by_role_noun(self, phrase: str, before: int | None = None) -> Entity | None:
        """'the Russian president' -> the person the article titled so (mentioned last before `before`)."""
        words = _strip_the(phrase).split()
        if not words or words[-1].lower() not in lx.ROLE_HEADS:
            return None
        head, mods = words[-1].lower(), words[:-1]
        cands = [i for i, e in enumerate(self.entities) if e.type == "PERSON"
                 and any(role_compatible(head, mods, r.role, r.organization) for r in e.roles)]
        return self._choose(cands, before)

    def _choose(self, idxs: list[int], before: int | None) -> Entity | None:
        if not idxs:
            return None
        if len(idxs) == 1:
            return self.entities[idxs[0]]

        def last(i: int) -> int:
            ms = [m.start for m in self.entities[i].mentions if before is None or m.start < before]
            return max(ms, default=-1)

        if before is None:  # no position: the more prominent one
            return self.entities[max(idxs, key=lambda i: (len(self.entities[i].mentions), last(i)))]
        return self.entities[max(idxs, key=lambda i: (last(i), len(self.entities[i].mentions)))]

    def entities_between(self, start: int, end: int) -> list[Entity]:
        """Entities with a mention starting in original [start, end), in text order (may repeat)."""
        i = bisect_left(self._spans, (start, -1, -1))
        out = []
        while i < len(self._spans) and self._spans[i][0] < end:
            out.append(self.entities[self._spans[i][2]])
            i += 1
        return out

    # -- organisations referred to by a common noun ("the firm", "the port authority") --------
    def _last_org(self, offset: int, ok) -> tuple[int, Entity] | None:
        best: tuple[int, Entity] | None = None
        for e in self.entities:
            if e.type != "ORG" or not ok(e):
                continue
            last = max((m.start for m in e.mentions if m.start < offset), default=-1)
            if last >= 0 and (best is None or last > best[0]):
                best = (last, e)
        return best

    def named_org_for_noun(self, head: str, offset: int, mods: list[str] | None = None) -> tuple[int, Entity] | None:
        """(last mention, organisation) that "the <mods> <head>" refers back to: one whose name holds
        the head (or a word it stands for: regulator ~ Authority) and every modifier; for a business
        word (firm, company, lender) else the last-named organisation that is not a public or civic body."""
        words = {head} | lx.ANAPHOR_NAME_WORDS.get(head, frozenset())
        need = {m.lower() for m in mods or []}
        hit = self._last_org(offset, lambda e: bool(words & _name_words(e)) and need <= _name_words(e))
        if hit is None and head in lx.COMPANY_ANAPHORS:
            if need:  # "the rail operator": a business with that word in its name first
                hit = self._last_org(offset, lambda e: _is_company(e) and need <= _name_words(e))
            if hit is None and not need:
                hit = self._last_org(offset, _is_company)
        return hit

    @cached_property
    def common_bodies(self) -> list[tuple[int, str, str]]:
        """(original offset, head, phrase) of bodies the article names with a common noun phrase
        ("the port authority", "the drivers' union"), in text order; not parts of a name."""
        out = []
        doc = self.ad.doc
        for tok in doc:
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lx.BODY_NOUNS:
                continue
            mods = [c for c in tok.children if c.i < tok.i and c.dep_ in ("compound", "poss") and (
                c.pos_ == "NOUN" or c.pos_ == "PROPN" and not c.is_sent_start and c.ent_type_ != "ORG")]
            if not mods:
                continue
            a, b = self.ad.orig_span(tok.idx, tok.idx + len(tok.text))
            if self.at(a, b) is not None:
                continue
            first = min(m.left_edge.i for m in mods)
            while first < tok.i and (doc[first].dep_ == "det" or doc[first].pos_ in ("PRON", "DET", "PUNCT")):
                first += 1
            if any((e := self.at(*self.ad.orig_span(t.idx, t.idx + len(t.text)))) is not None and e.type == "ORG"
                   for t in doc[first:tok.i]):
                continue  # "the Unite union": a name with a noun after it
            start = self.ad.orig_span(doc[first].idx, doc[first].idx + 1)[0]
            out.append((start, tok.lemma_.lower(), self.ad.orig_text(doc[first].idx, tok.idx + len(tok.text))))
        return out

    def org_referent(self, head: str, offset: int, mods: list[str] | None = None) -> tuple[Entity | None, str | None]:
        """What "the <mods> <head>" at `offset` refers back to: a named organisation, or a body the
        article introduced as a common noun phrase ("port authority"); whichever came last."""
        named = self.named_org_for_noun(head, offset, mods)
        need = {m.lower() for m in mods or []}
        body = None
        for pos, h, phrase in self.common_bodies:
            if pos >= offset:
                break
            if h == head and need <= {w.lower().strip("'’") for w in phrase.split()}:
                body = (pos, phrase)
        if body is not None and (named is None or body[0] > named[0]):
            return None, body[1]
        return (named[1], None) if named is not None else (None, None)

    def persons_before(self, offset: int) -> list[Entity]:
        """PERSON entities mentioned before an original offset, most recent first."""
        seen: list[Entity] = []
        for s, _e, k in reversed(self._spans):
            if s < offset and self.entities[k].type == "PERSON" and self.entities[k] not in seen:
                seen.append(self.entities[k])
        return seen

    def last_compatible(self, offset: int, types: tuple[str, ...] = ("PERSON",)) -> Entity | None:
        """The entity of one of `types` mentioned last before an original offset."""
        i = bisect_left(self._spans, (offset, -1, -1))
        for s, _e, k in reversed(self._spans[:i]):
            if self.entities[k].type in types:
                return self.entities[k]
        return None


def _name_words(e: Entity) -> set[str]:
    """Lower-case words of an organisation's name, singular and plural ("Airlines" -> airline)."""
    out = set()
    for w in e.name.lower().replace("’", "'").split():
        w = w.strip(".,'")
        out.update({w, w[:-1]} if w.endswith("s") and len(w) > 3 else {w})
    return out


def _is_company(e: Entity) -> bool:
    """An organisation a business word ("the firm") can refer to: not a public or civic body,
    not a news agency, not a person the tagger typed ORG (those carry roles)."""
    words = _name_words(e)
    return (not e.roles and not words & lx.NON_COMPANY_NAME_WORDS
            and e.name.lower().removeprefix("the ") not in lx.NEWS_AGENCIES)


def _strip_the(text: str) -> str:
    t = text.strip()
    return t[4:] if t.lower().startswith("the ") else t


def _person_spans(cands: list[Cand]) -> list[tuple[int, int]]:
    return [(c.start, c.end) for c in cands if c.label == "PERSON"]


def _record_roles(ad: AnalyzedDoc, clusters: list[Cluster], cands: list[Cand]) -> dict[int, list[RoleFact]]:
    """Role facts per cluster index, from phrases around each of its name mentions."""
    pspans = _person_spans(cands)
    people = _person_name_keys(clusters)
    out: dict[int, list[RoleFact]] = {}
    for ci, cl in enumerate(clusters):
        if cl.type != "PERSON":
            continue
        facts: list[RoleFact] = []
        seen: set[tuple[str | None, str | None]] = set()
        for m in cl.mentions:
            if m.kind != "name":
                continue
            for ph in role_phrase_spans(ad.doc, m.start, m.end, pspans):
                role, org = ph.parsed if ph.parsed is not None else parse_role(ph.text)
                if org and lx.name_key(org) in people:
                    org = None  # "Roe's lawyer, X": a person's possessive names no organisation
                if not (role or org) or (role, org) in seen:
                    continue
                seen.add((role, org))
                s, e = ad.orig_span(ph.start, ph.end)
                facts.append(RoleFact(doc=ad.id, role=role, organization=org, start=s, end=e))
        if facts:
            out[ci] = facts
    return out


def _person_name_keys(clusters: list[Cluster]) -> set[str]:
    """Name keys of the people of a document named in full: their names as written and their surnames
    (a lone capitalised word the tagger took for a person may be a place: "X's foreign minister")."""
    out: set[str] = set()
    for cl in clusters:
        if cl.type != "PERSON" or not any(m.kind == "name" and len(m.text.split()) >= 2 for m in cl.mentions):
            continue
        for m in cl.mentions:
            if m.kind != "name":
                continue
            out.add(lx.name_key(m.text))
            fam, _ = person_short_keys(m.text)
            if fam:
                out.add(fam)
    return out


def _reassign_by_role_cue(ad: AnalyzedDoc, clusters: list[Cluster], cands: list[Cand]) -> None:
    """A surname two people share went to the one named last; a role given with it ("Mayor Roe said",
    "Roe, the mayor, said") picks the one who holds that role instead, when exactly one does."""
    by_key: dict[str, list[Cluster]] = {}
    for cl in clusters:
        if cl.type != "PERSON":
            continue
        for m in cl.mentions:
            if m.kind == "name" and len(m.text.split()) >= 2:
                fam, _ = person_short_keys(m.text)
                if fam and cl not in by_key.setdefault(fam, []):
                    by_key[fam].append(cl)
    shared = {k: v for k, v in by_key.items() if len(v) >= 2}
    if not shared:
        return
    pspans = _person_spans(cands)
    doc = ad.doc
    full_roles: dict[int, list[tuple[str | None, str | None]]] = {}

    def roles_of(cl: Cluster) -> list[tuple[str | None, str | None]]:
        if id(cl) not in full_roles:
            got = []
            for m in cl.mentions:
                if m.kind == "name" and len(m.text.split()) >= 2:
                    for ph in role_phrase_spans(doc, m.start, m.end, pspans):
                        got.append(ph.parsed if ph.parsed is not None else parse_role(ph.text))
            full_roles[id(cl)] = got
        return full_roles[id(cl)]

    moves: list[tuple[Cand, Cluster, Cluster]] = []
    for cl in clusters:
        for m in cl.mentions:
            if m.kind != "name" or " " in m.text.strip() or lx.name_key(m.text) not in shared:
                continue
            cues = [role_head(r) for ph in role_phrase_spans(doc, m.start, m.end, pspans)
                    for r, _org in [ph.parsed if ph.parsed is not None else parse_role(ph.text)] if r]
            cues = [c for c in cues if c]
            if not cues:
                continue
            fits = [o for o in shared[lx.name_key(m.text)]
                    if any(role_compatible(c, [], r, org) for c in cues for r, org in roles_of(o))]
            if len(fits) == 1 and fits[0] is not cl:
                moves.append((m, cl, fits[0]))
    for m, old, new in moves:
        old.mentions.remove(m)
        new.mentions.append(m)
        new.mentions.sort(key=lambda x: x.start)


def _role_org_mentions(ad: AnalyzedDoc, clusters: list[Cluster], roles: dict[int, list[RoleFact]],
                       cands: list[Cand]) -> None:
    """'Acme chief executive X': the short organisation name inside a role is a mention of the
    organisation named in full elsewhere ("Acme Tankers")."""
    keys: dict[str, Cluster] = {}
    for cl in clusters:
        if cl.type != "ORG":
            continue
        for m in cl.mentions:
            if m.kind == "name":
                keys.setdefault(lx.name_key(m.text), cl)
                if (first := org_first_word(m)) is not None:
                    keys.setdefault(first, cl)
    if not keys:
        return
    taken = [(c.start, c.end) for c in cands]
    # "X-ian minister": a nationality word (as tagged, or formed from a state's name) is no organisation's name
    adjectives = {lx.name_key(c.text.removesuffix("s")) for c in cands if c.label == "NORP"}
    adjectives |= {f for c in cands if c.label == "GPE" and " " not in c.text for f in demonym_forms(c.text)}
    text = ad.document.text
    for facts in roles.values():
        for f in facts:
            org = f.organization
            cl = keys.get(lx.name_key(org)) if org and org[:1].isupper() and lx.name_key(org) not in adjectives else None
            if cl is None:
                continue
            i = text.find(org, f.start, f.end)
            if i < 0:
                continue
            a, b = ad.norm.norm_offset(i), ad.norm.norm_offset(i + len(org))
            if any(s < b and a < e for s, e in taken):
                continue
            cl.mentions.append(Cand(a, b, "ORG", ad.norm.text[a:b]))
            taken.append((a, b))
    for cl in clusters:
        cl.mentions.sort(key=lambda m: m.start)


def _role_noun_mentions(ad: AnalyzedDoc, clusters: list[Cluster], roles: dict[int, list[RoleFact]],
                        cands: list[Cand]) -> None:
    """Add "the Russian president" as a mention of the person introduced with that title."""
    if not roles:
        return
    doc = ad.doc
    # names block a role noun, adjectives inside it ("the Russian president") do not, nor an
    # organisation's name before the title ("the Acme chief": checked against the role's organisation)
    taken = sorted((c.start, c.end) for c in cands if c.label != "NORP")
    org_spans = {(c.start, c.end) for c in cands if c.label == "ORG" and c.kind == "name"}
    starts = [s for s, _ in taken]
    for tok in doc:
        if tok.lower_ not in lx.ROLE_HEADS:  # cheap filter: most tokens are not title nouns
            continue
        found = role_noun_at(doc, tok.i)
        if found is None:
            continue
        start_i, mods = found
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        s_char, e_char = doc[start_i].idx, tok.idx + len(tok.text)
        if nxt is not None and nxt.text == ",":
            # "The commission chairwoman, Jane Roe, said": the description and the name in apposition
            named = _appositive_name(doc, tok, cands)
            if named is not None and not any(a < e_char and s_char < b for a, b in taken[max(
                    bisect_left(starts, s_char) - 1, 0): bisect_left(starts, s_char) + 2]):
                for cl in clusters:
                    if named in cl.mentions:
                        cl.mentions.append(Cand(s_char, e_char, "PERSON", ad.norm.text[s_char:e_char], kind="role"))
                        break
            continue
        # premodifier of a name ("the French president Jane Doe") or "the president of X": not a reference
        if nxt is not None and (nxt.text[:1].isupper() or nxt.lower_ == "of"):
            continue
        k = bisect_left(starts, s_char)
        if any(a < e_char and s_char < b and not ((a, b) in org_spans and s_char <= a and b <= tok.idx)
               for a, b in taken[max(k - 1, 0): k + 2]):
            continue
        best, best_pos = None, -1
        for ci, facts in roles.items():
            if any(role_compatible(tok.lower_, mods, f.role, f.organization) for f in facts):
                pos = clusters[ci].last_before(s_char)
                if pos > best_pos:
                    best, best_pos = ci, pos
        if best is None and tok.lower_ in _LEAD_HEADS and mods:
            # "the commission chairwoman" for the one "Chief Election Commissioner" named before
            leads = [ci for ci, facts in roles.items() if any(_leads_body(f.role, mods) for f in facts)
                     and clusters[ci].last_before(s_char) >= 0]
            best = leads[0] if len(leads) == 1 else None
        if best is not None:
            clusters[best].mentions.append(
                Cand(s_char, e_char, "PERSON", ad.norm.text[s_char:e_char], kind="role"))
    _profession_mentions(ad, clusters, roles, taken)
    for cl in clusters:
        cl.mentions.sort(key=lambda m: m.start)


# Heads of a body: "the <body> chairwoman" is who a role calls the body's chief.
_LEAD_HEADS = frozenset("chairman chairwoman chairperson chair head chief president".split())
_LEAD_WORDS = _LEAD_HEADS | {"director", "director-general", "leader"}


def _leads_body(role: str | None, mods: list[str]) -> bool:
    """A role that heads the body the modifiers name: "chief election commissioner" heads the
    (election) commission, "head of the audit board" the board."""
    if not role:
        return False
    words = [w.strip(".,").lower() for w in role.split()]
    if not any(w in _LEAD_WORDS for w in words):
        return False
    return all(any(w.startswith(m.lower()) for w in words) for m in mods)


def _appositive_name(doc, tok, cands: list[Cand]) -> Cand | None:
    """The person's name in apposition right after "the <role>," when the description opens the
    sentence or is its subject (not "a spokesman for the president, Jane Roe": she is the spokesman)."""
    if tok.dep_ in ("pobj", "dobj") or tok.i + 2 >= len(doc):
        return None
    a = doc[tok.i + 2].idx
    name = next((c for c in cands if c.start == a and c.label == "PERSON" and c.kind == "name"), None)
    if name is None:
        return None
    after = doc.char_span(name.end, name.end + 1, alignment_mode="expand")
    if after is None or after.text not in (",", "."):
        return None
    root = doc.char_span(name.start, name.end, alignment_mode="expand")
    if root is None or not (root.root.dep_ == "appos" and root.root.head.i == tok.i):
        return None
    return name


# Professions people are named with ("X's lawyer, Y"): "the lawyer said" refers back to the one holder,
# unless an unnamed one ("a lawyer for the family") came in between.
_NAMED_PROFESSIONS = frozenset("lawyer attorney analyst economist researcher scholar scientist engineer "
                               "journalist reporter correspondent".split())
# Professions one word of which stands for another ("the journalist" for the one reporter named).
_PROFESSION_SYNONYMS = {w: frozenset({"journalist", "reporter", "correspondent"})
                        for w in ("journalist", "reporter", "correspondent")}
_PROFESSION_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "pobj", "dobj"})


def _profession_mentions(ad: AnalyzedDoc, clusters: list[Cluster], roles: dict[int, list[RoleFact]],
                         taken: list[tuple[int, int]]) -> None:
    """'The lawyer said ...': a bare profession as a subject refers to the one person the article gave
    that profession, when no one else was given it and no unnamed holder was mentioned since."""
    doc = ad.doc
    for tok in doc:
        if tok.lower_ not in _NAMED_PROFESSIONS or tok.i == 0 or doc[tok.i - 1].lower_ != "the":
            continue
        if tok.dep_ not in _PROFESSION_DEPS or tok.i + 1 >= len(doc):
            continue
        nxt = doc[tok.i + 1]
        if nxt.text[:1].isupper() or nxt.lower_ in ("of", "for", "at", "with", "to"):
            continue
        if nxt.text == "," and (tok.i + 2 >= len(doc) or doc[tok.i + 2].text[:1].isupper()):
            continue  # "the lawyer, Jane Roe,": an appositive names the lawyer
        same = _PROFESSION_SYNONYMS.get(tok.lower_, frozenset({tok.lower_}))
        s_char, e_char = doc[tok.i - 1].idx, tok.idx + len(tok.text)
        if any(a < e_char and s_char < b for a, b in taken):
            continue
        holders = [ci for ci, facts in roles.items() if any(f.role and role_head(f.role) in same for f in facts)]
        if len(holders) != 1 or (last := clusters[holders[0]].last_before(s_char)) < 0:
            continue
        own = [(f.start, f.end) for f in roles[holders[0]]]
        unnamed = False
        for t in doc[:tok.i - 1]:
            if t.idx < last or t.lower_ not in same:
                continue
            if any(d.lower_ in ("a", "an", "another", "one") for d in t.children if d.dep_ == "det"):
                o = ad.orig_span(t.idx, t.idx + len(t.text))[0]
                if not any(a is not None and a <= o < b for a, b in own):
                    unnamed = True
                    break
        if not unnamed:
            clusters[holders[0]].mentions.append(
                Cand(s_char, e_char, "PERSON", ad.norm.text[s_char:e_char], kind="role"))


# Kinds of body an article refers back to with "the <kind>" ("the agency said").
_DESCRIPTION_NOUNS = frozenset("""ministry department agency embassy consulate commission committee forum institute
university bureau authority directorate secretariat inspectorate council party""".split())


def _description_mentions(ad: AnalyzedDoc, clusters: list[Cluster], cands: list[Cand]) -> None:
    """'the agency', 'the ministry' (also as a title's organisation: "ministry spokeswoman X") refer back
    to the body the article named with that word: the only one named so far, or the one named most
    recently when the others were last named at least two sentences before it."""
    doc = ad.doc
    taken = [(c.start, c.end) for c in cands]
    sent_of: dict[int, int] = {}
    bodies: list[tuple[Cluster, set[str]]] = [
        (cl, set().union(*(_words_of(m.text) for m in cl.mentions if m.kind == "name")))
        for cl in clusters if cl.type in ("ORG", "FAC")]
    if not bodies:
        return
    for tok in doc:
        if tok.lower_ not in _DESCRIPTION_NOUNS or not tok.is_lower or tok.i == 0:
            continue
        prev = doc[tok.i - 1]
        described = prev.lower_ == "the"
        as_owner = (tok.dep_ == "compound" and tok.head.lower_ in lx.TITLE_NOUNS and tok.head.i > tok.i
                    and not any(ch.i < tok.i for ch in tok.children) and prev.lower_ not in ("a", "an")
                    and not prev.text[:1].isupper() and prev.pos_ not in ("ADJ", "NOUN", "PROPN"))
        if not (described or as_owner):
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and (nxt.lower_ in ("of", "for") or nxt.text[:1].isupper() and nxt.pos_ == "PROPN"):
            continue  # "the ministry of X", "the agency X"
        start = prev.idx if described else tok.idx
        end = tok.idx + len(tok.text)
        if any(a < end and start < b for a, b in taken):
            continue
        words = {tok.lower_} | lx.ANAPHOR_NAME_WORDS.get(tok.lower_, frozenset())
        options = [(cl.last_before(start), cl) for cl, names in bodies if words & names]
        options = sorted((o for o in options if o[0] >= 0), key=lambda o: o[0], reverse=True)
        if not options:
            continue
        if len(options) > 1:
            if not sent_of:
                for k, sent in enumerate(doc.sents):
                    sent_of[sent.start_char] = k
            def sent_index(offset: int) -> int:
                return sent_of.get(doc.char_span(offset, offset + 1, alignment_mode="expand").sent.start_char, 0)
            if sent_index(options[0][0]) < sent_index(options[1][0]) + 2:
                continue  # two bodies of that kind named close together: ambiguous
        options[0][1].mentions.append(Cand(start, end, "ORG", ad.norm.text[start:end], kind="description"))
        taken.append((start, end))
    for cl in clusters:
        cl.mentions.sort(key=lambda m: m.start)


def _lowercase_name_mentions(ad: AnalyzedDoc, clusters: list[Cluster], cands: list[Cand]) -> None:
    """'the election commission' for the "Election Commission of X" the article names (before or after):
    a body's name written in lower case, when no other body's name reads so."""
    text = ad.norm.text
    taken = [(c.start, c.end) for c in cands]
    by_phrase: dict[str, list[Cluster]] = {}
    for cl in clusters:
        if cl.type not in ("ORG", "FAC"):
            continue
        for m in cl.mentions:
            if m.kind != "name":
                continue
            words = m.text.split()
            cut = next((k for k, w in enumerate(words) if w.lower() in ("of", "for")), len(words))
            head = words[:cut]
            if len(head) >= 2 and all(w.isalpha() and w[:1].isupper() and w[1:].islower() for w in head) and (
                    head[-1] in lx.ORG_HEADS):
                phrase = " ".join(head).lower()
                if cl not in by_phrase.setdefault(phrase, []):
                    by_phrase[phrase].append(cl)
    for phrase, owners in by_phrase.items():
        if len(owners) != 1:
            continue
        for hit in re.finditer(rf"\b[Tt]he {re.escape(phrase)}(?![\w-])", text):
            a, b = hit.start(), hit.end()
            if any(x < b and a < y for x, y in taken):
                continue
            owners[0].mentions.append(Cand(a, b, "ORG", text[a:b], kind="description"))
            taken.append((a, b))
    for cl in clusters:
        cl.mentions.sort(key=lambda m: m.start)


def _words_of(text: str) -> set[str]:
    out = set()
    for w in text.lower().replace("’", "'").split():
        w = w.strip(".,'()")
        out.update({w, w[:-1]} if w.endswith("s") and len(w) > 3 else {w})
    return out


def extract_entities(ad: AnalyzedDoc) -> DocEntities:
    cands = fix_entities(ad)
    clusters = cluster_mentions(ad.doc, cands)
    _reassign_by_role_cue(ad, clusters, cands)
    roles = _record_roles(ad, clusters, cands)
    _role_org_mentions(ad, clusters, roles, cands)
    _role_noun_mentions(ad, clusters, roles, cands)
    _lowercase_name_mentions(ad, clusters, cands)
    _description_mentions(ad, clusters, cands)
    entities: list[Entity] = []
    for ci, cl in enumerate(clusters):
        e = Entity(id=f"{ad.id}-e{len(entities) + 1}", name="", type=cl.type, docs=[ad.id],
                   roles=roles.get(ci, []))
        e.name = ad.orig_text(*_name_span(cl))
        if cl.country and all(m.kind == "metonym" for m in cl.mentions):
            # "Moscow said": the entity is the state its capital stands for, named as the state
            e.name = lx.country_name(cl.country) or e.name
        elif cl.type == "ORG" and all(national_body(m.text) for m in cl.mentions if m.kind == "name"):
            # "the foreign ministry": whose it is, when the article says (dateline, its sentence, focus)
            code = home_country(ad.doc, cands, cl.mentions[0].start)
            if code and (country := lx.country_name(code)):
                e.name = f"{e.name}{QUALIFIER_OPEN}{country})"
        for m in cl.mentions:
            start = m.start
            if cl.type == "PERSON" and m.kind == "name" and (h := _HONORIFIC_BEFORE.search(ad.norm.text, 0, m.start)):
                start = h.start(1)  # "Mr. Roe": the honorific is part of the mention (not of the name)
            mention = ad.mention(start, m.end)
            e.mentions.append(mention)
            if mention.text != e.name and mention.text not in e.aliases:
                e.aliases.append(mention.text)
            if cl.type == "ORG" and m.kind == "name" and (body := _owned_body(m.text)) is not None:
                # "X's foreign ministry": the body's own name inside is a mention too, as the articles
                # that leave the state implicit write it ("the foreign ministry")
                inner = ad.mention(m.end - len(body), m.end)
                e.mentions.append(inner)
                if inner.text not in e.aliases:
                    e.aliases.append(inner.text)
        entities.append(e)
    de = DocEntities(ad=ad, entities=entities)
    de.index()
    _resolve_common_owners(de)
    return de


_HONORIFIC_BEFORE = re.compile(r"(?<![\w.])((?:Mr|Mrs|Ms|Mx|Dr|Prof)\.?) $")


def _owned_body(text: str) -> str | None:
    """The body's name in "<state>'s <portfolio> ministry" ("foreign ministry" of "X's foreign ministry")."""
    for mark in ("'s ", "’s "):
        owner, sep, body = text.partition(mark)
        if sep and body and lx.country_code(owner) is not None and national_body(body):
            return body
    return None


def _resolve_common_owners(de: DocEntities) -> None:
    """"the authority's chief executive": the organisation is what "the authority" refers to."""
    for e in de.entities:
        for r in e.roles:
            org = r.organization
            if org == POSSESSIVE_OWNER:
                # "Its chief executive, X": the organisation named last before the phrase
                hit = de._last_org(r.start if r.start is not None else 0, lambda _e: True)
                r.organization = written_name(hit[1].name) if hit is not None else None
                continue
            if org and org[:1].islower() and org.split()[-1].lower() in lx.BODY_NOUNS | lx.COMPANY_ANAPHORS:
                words = org.split()
                named, body = de.org_referent(words[-1].lower(), r.start, words[:-1])
                r.organization = written_name(named.name) if named is not None else body or org


def _name_span(cl: Cluster) -> tuple[int, int]:
    name = cl.name
    for m in cl.mentions:
        if m.text == name:
            return m.start, m.end
    return cl.mentions[0].start, cl.mentions[0].end
