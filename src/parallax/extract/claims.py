"""Claims: the clauses of a sentence that assert something, with who asserts it.

A sentence often carries several claims ("The toll rose to 42, and 130 people were injured";
"X warned that ..., but Russia might ..."), and alignment across sources works claim by claim.
A claim is a clause — the main clause, a coordinated clause with its own subject or after
"but", a participial clause after a comma ("..., killing 42 people"), a non-restrictive
relative clause (", who had ...") or a parenthetical — cut by the regions of the sentence:
each reported or quoted span is its speaker's claim; the rest is the outlet's own. Attribution
frames ("she told reporters", "according to X", "as quoted by Y") assert nothing and are left
out.

Offsets: the parse is over normalised text; claims carry ORIGINAL offsets, and `gaps` lists the
original ranges inside [start, end) that belong to another claim (a relative clause nested in
a main clause), so a claim's own words are its span minus its gaps.
"""

from __future__ import annotations

import hashlib
import re

from spacy.tokens import Span, Token

from parallax.extract.speech_verbs import CUE_NOUNS, is_according_to, is_cue_verb, lemma
from parallax.model import Claim, Quote
from parallax.nlp.analyzed import AnalyzedDoc

_SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"}
_CONTRAST = {"but", "yet", "while", "whereas", "although", "though"}
# the smallest claim worth aligning: content words, or one content word and a figure
MIN_CONTENT = 2
_WHO_DEPS = {"nsubj", "nsubjpass", "dative", "agent"}  # who spoke and to whom
_AUDIENCE = {"reporter", "journalist", "parliament", "lawmaker", "press", "medium", "media", "audience", "crowd",
             "newspaper", "agency", "television", "radio", "broadcaster", "telephone", "phone", "email", "conference", "briefing", "interview", "statement", "news"}
_FRAME_ENTS = {"DATE", "TIME", "PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}  # when, where, to whom
_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"}
_NEGATORS = {"not", "never", "no", "n't", "nothing", "nobody", "none", "neither", "nor", "cannot", "without"}
_SPLIT_WORD = re.compile(r"^(and|but|or|yet|so|while|whereas)$", re.I)


def _speech_noun(t: Token) -> bool:
    """'in his speech', 'in a statement', 'at a briefing': where words were said, not what."""
    return lemma(t) in CUE_NOUNS or (t.head.i != t.i and lemma(t.head) in CUE_NOUNS and t.dep_ in ("amod", "compound"))


def _is_verbal(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX")


def _has_subject(t: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in t.children)


_OBJECTS = {"dobj", "attr", "oprd", "dative", "acomp"}
# subordinators of a clause that reports an event of its own (not a condition or a purpose)
_EVENT_LINKS = {"after", "before", "when", "because", "since", "until", "following", "once", "while", "whereas"}


def _has_object(t: Token) -> bool:
    return any(c.dep_ in _OBJECTS or c.like_num for c in t.children)


def _event_link(t: Token) -> bool:
    """A temporal or causal subordinate clause: its marker, or the preposition it completes."""
    if any(c.dep_ in ("mark", "advmod") and c.lower_ in _EVENT_LINKS and c.i < t.i for c in t.children):
        return True
    return t.dep_ == "pcomp" and t.head.lower_ in _EVENT_LINKS


def _after_comma_or_contrast(t: Token, sent: Span) -> bool:
    """The clause is set off: its first word follows a comma/semicolon/dash, or it opens with 'but'."""
    left = t.left_edge
    if left.lower_ in _CONTRAST:
        return True
    i = left.i - 1
    while i >= sent.start and sent.doc[i].lower_ in ("and", "but", "or", "yet"):
        if sent.doc[i].lower_ in _CONTRAST:
            return True
        i -= 1
    return i >= sent.start and sent.doc[i].text in (",", ";", "—", "–", "-", ":")


def _clause_head(t: Token, sent: Span) -> bool:
    """Does ``t`` head a clause that is a claim of its own?"""
    if t.i == sent.root.i:
        return True
    if t.dep_ == "parataxis" and _is_verbal(t):
        return True
    if t.dep_ == "conj" and _is_verbal(t) and _is_verbal(t.head):
        if _has_subject(t) or any(c.lower_ in _CONTRAST for c in t.head.children if c.dep_ == "cc" and
                                  t.head.i < c.i < t.i):
            return True
        # 'killed 45 people and injured 130': each predicate with its own object is its own claim
        return _has_object(t) and _has_object(t.head)
    if t.dep_ in ("advcl", "pcomp") and _is_verbal(t) and _has_subject(t) and _event_link(t):
        return True  # '..., three days after an explosion killed 45 people'; '... when a warehouse exploded'

    if t.dep_ == "advcl" and t.tag_ == "VBG" and t.i > t.head.i and _after_comma_or_contrast(t, sent):
        return True  # "..., killing 42 people"
    if t.dep_ == "advcl" and _has_subject(t) and any(c.lower_ in _CONTRAST for c in t.children if c.dep_ == "mark"):
        return True  # "..., while/whereas the other side ..."
    if t.dep_ == "relcl" and _is_verbal(t) and _after_comma_or_contrast(t, sent):
        return True  # non-restrictive: "X, who had been invited to ..., "
    return False


_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "attr", "acomp", "oprd", "dative", "xcomp", "ccomp", "prep", "agent",
             "pobj", "pcomp", "neg", "prt", "aux", "auxpass", "advcl", "conj", "npadvmod", "expl", "acl"}
_HEAD_PARTS = {"compound", "nummod", "quantmod", "neg", "prt", "amod"}


def _core(toks: list[Token]) -> list[Token]:
    """The predicate and its arguments' head words: what the claim asserts, not how it names things.

    'The broker behind the sale, X, was summoned for questioning' asserts a summons; 'behind the
    sale' and the apposition only identify the broker. Modifiers of argument nouns (relative
    clauses, appositions, prepositional phrases, possessives) are left out.
    """
    own = {t.i for t in toks}
    roots = [t for t in toks if t.head.i not in own or t.head.i == t.i]
    core: dict[int, Token] = {}
    stack = list(roots)
    while stack:
        t = stack.pop()
        if t.i in core or t.i not in own:
            continue
        core[t.i] = t
        verbal = t.pos_ not in ("NOUN", "PROPN", "PRON", "NUM")  # nouns keep their modifiers out
        for c in t.children:
            if c.i not in own:
                continue
            if c.dep_ in _HEAD_PARTS and c.pos_ != "ADJ" or c.dep_ == "amod" and not verbal:
                core.setdefault(c.i, c)  # 'ammonium nitrate', 'two berths', 'preliminary report'
            elif verbal and (c.dep_ in _ARG_DEPS or c.dep_ == "advmod" and c.pos_ == "ADV") or c.dep_ == "pobj":
                stack.append(c)
    if not any(t.pos_ in ("VERB", "AUX") for t in toks):
        return list(toks)  # a verbless headline or list item: every word is the claim
    return list(core.values())


class _ClaimBuilder:
    def __init__(self, ad: AnalyzedDoc, quotes: list[Quote]):
        self.ad = ad
        self.doc = ad.doc
        self.quotes = [q for q in quotes if q.end > q.start]
        # normalised [start, end) of each quote's content
        self.qspans = [(ad.norm.norm_offset(q.start), ad.norm.norm_offset(q.end), q) for q in self.quotes]

    def _region(self, t: Token, spans=None) -> Quote | None:
        """The quote a token belongs to; the widest when nested (a partial quote inside reported speech)."""
        best = None
        for a, b, q in self.qspans if spans is None else spans:
            if a <= t.idx < b and (best is None or (b - a) > (best[1] - best[0])):
                best = (a, b, q)
        return best[2] if best else None

    def claims(self) -> list[Claim]:
        out: list[Claim] = []
        for sent in self.ad.sent_spans:
            out += self._sentence(sent)
        return out

    def _sentence(self, sent: Span) -> list[Claim]:
        heads = [t for t in sent if _clause_head(t, sent)]
        head_set = {h.i for h in heads}
        up = {t.i: t.head.i for t in sent}  # read once: Token.head builds a new Token each time
        # a token belongs to the nearest clause head above it (or itself)
        head_of: dict[int, int] = {}
        no_head: set[int] = set()
        for i in up:
            path, node, found = [], i, None
            for _ in range(60):
                if node in head_of:
                    found = head_of[node]
                    break
                if node in no_head:
                    break
                path.append(node)
                if node in head_set:
                    found = node
                    break
                if up.get(node, node) == node:
                    break
                node = up[node]
            for x in path:
                if found is None:
                    no_head.add(x)
                else:
                    head_of[x] = found
        local = [x for x in self.qspans if x[0] < sent.end_char and sent.start_char < x[1]]
        regions = {t.i: self._region(t, local) for t in sent} if local else dict.fromkeys(up)
        if local:
            for i in up:  # words that hang from reported words belong to the report ('... would examine X, including Y')
                if regions[i] is None:
                    node = i
                    while node not in head_set and up.get(node, node) != node:
                        node = up[node]
                        if regions.get(node) is not None:
                            regions[i] = regions[node]
                            break
        quoted = any(q is not None for q in regions.values())
        cues = {(q.cue or "").split()[0].casefold() for q in self.quotes
                if q.cue and sent.start_char <= self.ad.norm.norm_offset(q.start) < sent.end_char}
        frame = self._adjunct_frames(sent) | self._cue_frames(sent, regions, cues) if quoted else set()
        # one claim per clause and voice: a partial quote inside a speaker's reported clause joins it
        pieces: dict[tuple[int, str | None], list[Token]] = {}
        voice: dict[tuple[int, str | None], Quote] = {}
        for t in sent:
            if t.is_space or t.i in frame or t.i not in head_of:
                continue
            q = regions[t.i]
            key = (head_of[t.i], None if q is None else (q.speaker.name if q.speaker else q.id))
            pieces.setdefault(key, []).append(t)
            if q is not None and (key not in voice or q.end - q.start > voice[key].end - voice[key].start):
                voice[key] = q
        out = []
        for (h, who), toks in sorted(pieces.items(), key=lambda kv: kv[1][0].i):
            qid = voice[(h, who)].id if who is not None else None
            if qid is None and quoted and (h in frame or self._cue(self.doc[h], cues)) and \
                    self._is_frame(self.doc[h], toks) and not self._cue_of_conjunct(
                        self.doc[h], [regions[x.i] for x in self.doc[h].subtree if regions[x.i] is not None], cues):
                continue
            if qid is None and regions[h] is not None and not any(t.like_num or t.pos_ == "NUM" for t in toks):
                continue  # an adjunct left over from a quoted clause ("A year earlier, according to X, ...")
            claim = self._claim(sent, toks, voice.get((h, who)))
            if claim is not None:
                out.append(claim)
        return out

    @staticmethod
    def _adjunct_frames(sent: Span) -> set[int]:
        """'According to X', 'as quoted by Y': attribution phrases inside another clause."""
        frame: set[int] = set()
        for t in sent:
            if is_according_to(t):
                frame |= {x.i for x in t.subtree}
            elif lemma(t) == "quote" and t.tag_ == "VBN" and any(c.lower_ == "as" for c in t.children):
                frame |= {x.i for x in t.subtree}
        return frame

    def _cue_frames(self, sent: Span, regions: dict[int, Quote | None], cues: set[str]) -> set[int]:
        """The cue verbs that introduce this sentence's quotes, with who spoke, to whom, when and where.

        What else the clause says stays a claim: 'hospital officials said on Tuesday, a higher
        toll than the 42 announced' keeps 'a higher toll than the 42 announced'.
        """
        frame: set[int] = set()
        for t in sent:
            if regions[t.i] is not None or not self._cue(t, cues):
                continue
            held = {regions[x.i].id: regions[x.i] for x in t.subtree if regions[x.i] is not None}
            if not held:
                continue
            if all(q.cue and q.cue.split()[0].casefold() not in (t.lower_, lemma(t)) for q in held.values()) \
                    and all((q.cue or "") == "according to" for q in held.values()):
                continue  # "prosecutors charged X after ... crates which, according to Y, were ...": not Y's cue
            if self._cue_of_conjunct(t, held.values(), cues):
                continue
            frame.add(t.i)
            for c in t.children:
                if regions[c.i] is not None:
                    continue
                if c.dep_ in _WHO_DEPS or c.dep_ in ("aux", "auxpass", "neg", "prt") or \
                        c.dep_ in ("advmod", "npadvmod") and not any(regions[x.i] for x in c.subtree) or \
                        c.dep_ in ("prep", "dobj") and self._frame_phrase(c, regions):
                    frame |= {x.i for x in c.subtree if regions[x.i] is None}
        return frame

    def _cue_of_conjunct(self, t: Token, quotes, cues: set[str]) -> bool:
        """'X rejected the accusations and said ...': the coordinated cue introduces the report, and what
        ``t`` says is an act of its own."""
        return not any(q.cue and q.cue.split()[0].casefold() in (t.lower_, lemma(t)) for q in quotes) and any(
            c.dep_ == "conj" and self._cue(c, cues) for c in t.children)

    @staticmethod
    def _frame_phrase(c: Token, regions: dict[int, Quote | None]) -> bool:
        """'on Tuesday', 'in a statement', 'to reporters', 'Reuters' (told Reuters), 'a news conference'."""
        toks = [x for x in c.subtree if regions[x.i] is None]
        if any(regions[x.i] is not None for x in c.subtree):
            return False
        words = [x for x in toks if x.pos_ in _CONTENT_POS and not x.is_stop]
        return all(x.ent_type_ in _FRAME_ENTS or _speech_noun(x) or lemma(x) in _AUDIENCE for x in words)

    @staticmethod
    def _cue(t: Token, cues: set[str]) -> bool:
        return is_cue_verb(t) or lemma(t) == "quote" or t.lower_ in cues or lemma(t) in cues

    @staticmethod
    def _is_frame(head: Token, toks: list[Token]) -> bool:
        """An attribution clause ('the minister told reporters on Tuesday'): a cue and who/whom/when only."""
        who = {x.i for c in head.children if c.dep_ in _WHO_DEPS for x in c.subtree}
        rest = [x for x in toks if x.i != head.i and x.i not in who and x.pos_ in _CONTENT_POS and not x.is_stop
                and x.dep_ not in ("advmod", "npadvmod") and x.ent_type_ not in _FRAME_ENTS
                and not is_cue_verb(x) and not _speech_noun(x) and lemma(x) not in _AUDIENCE]
        return len(rest) <= 1

    def _claim(self, sent: Span, toks: list[Token], quote: Quote | None) -> Claim | None:
        # trim connectives and punctuation at the edges
        while toks and (toks[0].is_punct or _SPLIT_WORD.match(toks[0].text) or toks[0].dep_ == "mark"
                        and toks[0].lower_ in ("that",)):
            toks = toks[1:]
        while toks and (toks[-1].is_punct and toks[-1].text not in ("%", ")") or toks[-1].lower_ in ("and", "but")):
            toks = toks[:-1]
        if not toks:
            return None
        content = [t for t in toks if t.pos_ in _CONTENT_POS and not t.is_stop and not t.is_punct
                   or t.lower_ in _NEGATORS]  # "he had done nothing wrong"
        if len(content) < MIN_CONTENT:
            return None
        ns, ne = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        start, end = self.ad.orig_span(ns, ne)
        own = {t.i for t in toks}
        gaps = []
        i = toks[0].i
        while i <= toks[-1].i:  # maximal runs of tokens inside the extent that belong elsewhere
            if i in own or self.doc[i].is_space:
                i += 1
                continue
            j = i
            while j + 1 <= toks[-1].i and j + 1 not in own:
                j += 1
            a, b = self.ad.orig_span(self.doc[i].idx, self.doc[j].idx + len(self.doc[j].text))
            if any(ch.isalnum() for ch in self.ad.document.text[a:b]):  # a quotation mark is no gap
                gaps.append([a, b])
            i = j + 1
        text = self.ad.document.text[start:end]
        core = self._ranges(_core(toks))
        sentence = self.ad.orig_sentence_at(sent.start_char)
        negated = any(t.dep_ == "neg" or t.lower_ in _NEGATORS for t in toks)
        key = f"{self.ad.id}:{start}:{end}"
        return Claim(id="C" + hashlib.sha1(key.encode()).hexdigest()[:12], doc=self.ad.id, start=start, end=end,
                     text=text, gaps=gaps, sentence=sentence, quote=quote.id if quote else None,
                     speaker=quote.speaker if quote else None, negated=negated, core=core)

    def _ranges(self, toks: list[Token]) -> list[list[int]]:
        """Original [start, end) ranges of tokens, adjacent tokens merged."""
        out: list[list[int]] = []
        for t in sorted(toks, key=lambda t: t.i):
            a, b = self.ad.orig_span(t.idx, t.idx + len(t.text))
            if out and a - out[-1][1] <= 1:
                out[-1][1] = b
            else:
                out.append([a, b])
        return out


def extract_claims(ad: AnalyzedDoc, quotes: list[Quote]) -> list[Claim]:
    """The claims of a document, in text order; those inside quotes carry the quote's id and speaker."""
    out = _ClaimBuilder(ad, quotes).claims()
    seen: set[str] = set()
    for i, c in enumerate(out):  # ids are keys in the store: two claims over one span stay two
        if c.id in seen:
            c.id = f"{c.id}-{i}"
        seen.add(c.id)
    return out
