"""Quotes and reported speech with their speakers.

Direct and partial quotes come from quotation marks (`quote_spans`); each is attributed through
the cue in its frame (the words between it and the sentence edge or the next quote: `"...," he
said.` / `X said: "..."`), or, for a quote embedded in a sentence, through the cue verb or speech
noun it hangs from in the dependency parse. A quoted term with no cue and no speaker is a scare
quote and is not reported, and so is a term introduced as a name ("so-called", "known as", "dubbed",
"what locals call"). A quote over several paragraphs is one quote. Reported speech is the complement clause of a cue verb (`X said that
...`, `..., X told Reuters.`, `According to X, ...`, `denied it, saying ...`, `do not rule out that ...`);
"... and that ..." gives a second claim; a withheld answer ("declined to say whether ...") and a reported
question are not claims; a wire dateline is no one's words. Quoted words inside someone's reported clause
are that reporter's ("She added that the ministry had asked them to share 'all records'"), and a
translator's note in square brackets is never the speaker.

Offsets: the parse is over normalised text; every stored offset is an ORIGINAL offset.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from parallax.extract.entities import DocEntities
from parallax.extract.lexicon import BODY_NOUNS, DOCUMENT_NOUNS
from parallax.extract.quote_spans import QuoteSpan, find_quote_spans
from parallax.extract.roles import TITLE_NOUNS
from parallax.extract.speakers import SpeakerResolver
from parallax.extract.speech_verbs import (
    CUE_NOUNS,
    INHERITING_PARTICIPLES,
    WEAK_CUES,
    cue_phrase,
    is_according_to,
    is_cue_verb,
    is_negated_cue,
    learn_cues,
    lemma,
)
from parallax.model import Quote, Speaker
from parallax.nlp.analyzed import AnalyzedDoc

FRAME_TOKENS = 45  # how far an attribution frame reaches from the quote
NO_REPORTED = {"ask", "question", "query", "wonder", "quote", "describe", "call", "answer", "reply"}
# verbs whose direct object is itself the statement ("stressed the need to ...")
STATEMENT_OBJECT_VERBS = {"stress", "emphasize", "emphasise", "mention", "reiterate", "underline",
                          "underscore", "highlight", "note", "predict", "flag"}
# verbs whose to-infinitive is the proposal ("recommended to close the road")
PROPOSAL_VERBS = {"recommend", "propose", "advise", "suggest"}
_SENT_END = {".", "!", "?"}
_VIEW_NOUNS = {"view", "opinion", "judgment", "judgement", "estimation", "words", "assessment", "eyes"}
_FIRST_PERSON = {"i", "me", "my", "mine", "we", "us", "our", "ours"}
# cues whose passive subject is the one spoken to ("they were told it was safe"), not the speaker
HEARER_VERBS = {"tell", "inform", "ask", "advise", "assure", "reassure", "warn", "remind", "notify", "urge",
                "promise", "brief"}
INFERENCE = {"suggest", "indicate", "signal", "show", "mean", "imply", "reflect", "raise", "prompt", "spark",
             "fuel", "underscore", "highlight", "hint", "point"}
# verbs that give something a name: the quoted words after them are the name, not anyone's speech
# ("a scheme dubbed 'X'", "a method known as 'X'", "what locals call 'X'")
NAMING_VERBS = {"call", "dub", "name", "term", "label", "nickname", "brand", "christen", "style", "bill",
                "title", "entitle", "know", "refer"}
_GENERIC_SUBJECTS = {"people", "many", "some", "locals", "we", "you", "they", "everyone", "others"}
# groups whose naming is an opinion, quoted as theirs ("what critics call 'a giveaway'")
_OPINION_GROUPS = {"critic", "opponent", "supporter", "analyst", "expert", "official", "activist", "economist",
                   "observer", "lawmaker", "diplomat", "campaigner", "detractor", "skeptic", "sceptic",
                   "protester", "protestor", "union", "investor"}


@dataclass
class _Q:
    span: QuoteSpan
    start: int  # original offsets of the content
    end: int
    nstart: int  # normalised offsets of the content
    nend: int
    toks: list[Token] = field(default_factory=list)
    open_tok: int = -1  # token index of the opening mark
    close_tok: int = -1
    kind: str = "direct"
    cue: str | None = None
    speaker: Speaker | None = None
    keep: bool = True


class _Extractor:
    def __init__(self, ad: AnalyzedDoc, ents: DocEntities):
        self.ad = ad
        self.doc = ad.doc
        self.ents = ents
        self.tok_starts = [t.idx for t in self.doc]
        self.quotes = self._locate(find_quote_spans(ad.document.text))
        self.in_quote: set[int] = set()
        self.mark_of: dict[int, _Q] = {}
        for q in self.quotes:
            self.in_quote.update(t.i for t in q.toks)
            for i in (q.open_tok, q.close_tok):
                if i >= 0:
                    self.in_quote.add(i)
                    self.mark_of[i] = q
        self.learned = learn_cues(self.doc, self.in_quote)
        self.resolver = SpeakerResolver(ad, ents, self.in_quote)
        self.frames = self._opinion_frames()
        for a, _b, _cue, sp in self.frames:
            self.resolver.note(self.ad.orig_span(self.doc[a].idx, self.doc[a].idx + 1)[0], sp)

    def sent(self, tok: Token) -> Span:
        """The sentence of a token (Token.sent scans the document: too slow to call per token)."""
        return self.ad.sentence_at(tok.idx)

    # -- locating quotes in the parse --------------------------------------------------------
    def _tok_at(self, norm_offset: int) -> int:
        return max(bisect_right(self.tok_starts, norm_offset) - 1, 0)

    def _locate(self, spans: list[QuoteSpan]) -> list[_Q]:
        out = []
        text = self.ad.document.text
        for s in spans:
            a, b = s.start, s.end
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b <= a:
                continue
            na, nb = self.ad.norm.norm_offset(a), self.ad.norm.norm_offset(b)
            q = _Q(span=s, start=a, end=b, nstart=na, nend=nb)
            first, last = self._tok_at(na), self._tok_at(max(nb - 1, na))
            q.toks = [t for t in self.doc[first: last + 1] if not t.is_space]
            no = self.ad.norm.norm_offset(s.open)
            q.open_tok = self._tok_at(no) if self.doc[self._tok_at(no)].idx == no else -1
            if s.closed:
                nc = self.ad.norm.norm_offset(s.close)
                q.close_tok = self._tok_at(nc) if self.doc[self._tok_at(nc)].idx == nc else -1
            out.append(q)
        return out

    # -- frames ------------------------------------------------------------------------------
    def _stop(self, t: Token) -> bool:
        return t.i in self.in_quote or "\n" in t.text or (t.text in _SENT_END and t.i not in self.in_quote)

    def leading(self, q: _Q) -> list[Token]:
        i = (q.open_tok if q.open_tok >= 0 else q.toks[0].i) - 1
        out: list[Token] = []
        # "The ministry said:\n\n“...”": a colon ending the previous paragraph introduces the quote
        j = i
        while j >= 0 and self.doc[j].is_space:
            j -= 1
        if j < i and j >= 0 and self.doc[j].text == ":" and j not in self.in_quote:
            i = j
        while i >= 0 and len(out) < FRAME_TOKENS and not self._stop(self.doc[i]):
            out.append(self.doc[i])
            i -= 1
        return out[::-1]

    def trailing(self, q: _Q) -> list[Token]:
        i = (q.close_tok if q.close_tok >= 0 else q.toks[-1].i) + 1
        out: list[Token] = []
        while i < len(self.doc) and len(out) < FRAME_TOKENS and not self._stop(self.doc[i]):
            out.append(self.doc[i])
            i += 1
        return out

    # -- cues and their speakers ---------------------------------------------------------
    def is_cue(self, t: Token) -> bool:
        return t.i not in self.in_quote and is_cue_verb(t, self.learned)

    def speaker_of_cue(self, v: Token, frame: set[int] | None = None, depth: int = 0) -> Speaker | None:
        """The speaker of a cue verb: its subject, the name after an inverted cue, or inherited."""
        if is_according_to(v):
            to = v.nbor(1)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if obj is None:
                obj = next((c for c in v.children if c.dep_ == "pobj"), None)
            return self.resolver.from_token(obj) if obj is not None else None
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in self.in_quote), None)
        if subj is not None and self._in_brackets(subj):
            # "X, head of Y [a note on Y - Trans.], said": the parser took the note for the subject
            subj = self._phrase_before_brackets(subj)
        if subj is not None and subj.i > 0 and self.doc[subj.i - 1].lower_ in ("in", "at", "from") \
                and self.doc[subj.i - 1].dep_ == "prep":
            # "In Lisbon, a spokeswoman for X called ...": the place opens the sentence, the appositive speaks
            appos = next((c for c in subj.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
            if appos is not None:
                subj = appos
        if lemma(v) in HEARER_VERBS and (subj is not None and subj.dep_ == "nsubjpass" or any(
                c.dep_ == "auxpass" for c in v.children)):
            # "they were warned it could flood": the subject heard it; only "by X" names the speaker
            agent = next((c for c in v.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            return self.resolver.from_token(pobj) if pobj is not None else None
        if subj is not None and subj.lower_ in ("that", "which", "who") and v.dep_ == "relcl" and depth < 3 \
                and v.head.pos_ in ("NOUN", "PROPN"):
            # "a report ..., which warned that ...": the noun the relative clause hangs on
            return self.resolver.from_token(v.head)
        if subj is not None and subj.lower_ in ("that", "which") and subj.tag_ == "WDT" and v.dep_ != "relcl":
            # "an audit by X in May, obtained by Y, that flagged ...": the parser lost the noun
            doc_noun = self._document_before(subj)
            return self.resolver.from_token(doc_noun) if doc_noun is not None else None
        if subj is not None and subj.lower_ in ("it", "they") and depth < 3:
            # "X said it had warned Y of '...'": it/they in a reported clause is the reporting speaker
            gov = self._governing_cue(v)
            if gov is not None:
                sp = self.speaker_of_cue(gov, None, depth + 1)
                if sp is not None and (subj.lower_ == "it" or not self.resolver.is_person(sp)):
                    return sp
        if subj is not None and subj.lower_ == "it":
            return self.resolver.from_token(subj)
        if subj is not None and subj.lower_ not in ("this", "that", "which", "who", "there"):
            return self.resolver.from_token(subj)
        if subj is None and (inv := self._inverted_speaker(v)) is not None:
            return self.resolver.from_token(inv)  # "..., announced the coastguard, ..."
        if subj is None:
            agent = next((c for c in v.children if c.dep_ == "agent"), None)
            if agent is not None:
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if pobj is not None and lemma(v) != "quote":
                    return self.resolver.from_token(pobj)
            # an inverted cue ('..., said Smith'); a coordinated verb ('said ... and accused the union')
            # shares its subject with the first verb instead, handled below
            if (lemma(v) != "tell" and v.dep_ not in ("advcl", "xcomp", "pcomp", "conj")
                    or v.i > 0 and v.nbor(-1).is_punct and v.dep_ != "conj"):
                for c in v.rights:
                    if c.i in self.in_quote:
                        continue
                    if c.dep_ in ("dobj", "attr", "npadvmod", "dep", "oprd", "appos", "nsubj") and c.pos_ in ("PROPN", "NOUN"):
                        if lemma(v) == "tell" and c.dep_ == "dobj":
                            continue
                        return self.resolver.from_token(c)
        if subj is None:
            named = self._name_before_cue(v, self.sent(v).start)
            if named is not None:
                return named[0]
            stranded = self._stranded_subject(v)
            if stranded is not None:
                return self.resolver.from_token(stranded)
        if (depth < 3 and subj is None and v.dep_ == "advcl" and lemma(v) in INHERITING_PARTICIPLES
                and v.head.dep_ in ("acl", "relcl") and v.head.head.pos_ in ("NOUN", "PROPN")
                and v.i > 0 and self.doc[v.i - 1].text == ","):
            # "dismissed reports that the accord covered X, saying ...": the participle goes with the
            # verb that governs the noun, not with the clause completing the noun
            g = v.head.head.head
            for _ in range(3):
                if g.pos_ in ("VERB", "AUX") or g.head.i == g.i:
                    break
                g = g.head
            if g.pos_ in ("VERB", "AUX") and g.i != v.head.i:
                return self.speaker_of_cue(g, frame, depth + 1)
        if depth < 3 and v.dep_ in ("advcl", "conj", "xcomp", "pcomp", "pobj") and v.head.i != v.i:
            h = v.head
            if h.dep_ == "prep" and h.lower_ == "as":
                h = h.head
            if lemma(h) == "quote":
                obj = next((c for c in h.children if c.dep_ in ("dobj", "nsubjpass")), None)
                return self.resolver.from_token(obj) if obj is not None else None
            if v.dep_ == "conj" and h.dep_ == "relcl" and h.head.pos_ in ("NOUN", "PROPN") and any(
                    t.text == "," for t in self.doc[h.i + 1: v.i]) and not any(
                    c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("that", "which", "who") for c in h.children):
                # "a report by X, to which Y had access, found ... and urged ...": the parser joined the
                # main verb to the relative clause; its subject is the noun the clause hangs on
                return self.resolver.from_token(h.head)
            if lemma(v) in INHERITING_PARTICIPLES and v.dep_ == "advcl" and not self.is_cue(h):
                # "disputed that staff had erred, adding ...": the participle is the disputer's
                g = self._governing_cue(h)
                if g is not None:
                    return self.speaker_of_cue(g, frame, depth + 1)
            progressive = h.tag_ == "VBG" and any(c.dep_ == "aux" and lemma(c) == "be" for c in h.children)
            if v.dep_ == "conj" and subj is None and h.dep_ == "ccomp" and v.tag_ == "VBD" \
                    and (h.tag_ in ("VBZ", "VBP") or progressive and self.is_cue(v)) and h.head.tag_ == "VBD" \
                    and self.is_cue(h.head):
                # "X said Oslo 'rejects' the tariffs and urged Y to ...": a past verb joined to a present
                # one in the reported clause goes with the past cue that reports it ("said Oslo was watching
                # ... and hoped that ...": a past cue joined to a progressive, too)
                return self.speaker_of_cue(h.head, frame, depth + 1)
            if v.dep_ == "conj" or lemma(v) in INHERITING_PARTICIPLES:
                if h.pos_ in ("VERB", "AUX"):
                    return self.speaker_of_cue(h, frame, depth + 1)
        if frame:
            return self._nearest_agent(v, frame)
        return None

    def _open_bracket(self, t: Token) -> int | None:
        """Index of the "[" of a square-bracketed note holding t (at most 30 tokens back)."""
        for i in range(t.i, max(-1, t.i - 30), -1):
            w = self.doc[i].text
            if w == "]" and i != t.i:
                return None
            if w == "[":
                return i
        return None

    def _in_brackets(self, t: Token) -> bool:
        i = self._open_bracket(t)
        return i is not None and any(self.doc[j].text == "]" for j in range(t.i, min(len(self.doc), t.i + 30)))

    def _phrase_before_brackets(self, t: Token) -> Token | None:
        """The head of the noun phrase the bracketed note follows (the note's own words are the
        translator's or editor's, never the speaker)."""
        open_i = self._open_bracket(t)
        if open_i is None:
            return None
        lo = open_i  # the parser may start a sentence at the bracket: look back to the last full stop
        while lo > 0 and lo > open_i - 30 and self.doc[lo - 1].text not in _SENT_END and "\n" not in self.doc[lo - 1].text:
            lo -= 1
        span = range(lo, open_i)
        for i in span:
            c = self.doc[i]
            if c.pos_ in ("NOUN", "PROPN") and (c.head.i == c.i or c.head.i not in span) and c.i not in self.in_quote:
                return c
        return None

    def _document_before(self, t: Token) -> Token | None:
        """The document noun ("report", "study") that a stranded relative pronoun refers back to:
        the nearest one before it in the sentence, past commas and participial asides."""
        lo = self.sent(t).start
        for i in range(t.i - 1, max(lo, t.i - 25) - 1, -1):
            c = self.doc[i]
            if c.i in self.in_quote or c.pos_ in ("VERB", "AUX") and c.dep_ not in ("acl", "advcl", "amod"):
                return None
            if c.pos_ == "NOUN" and c.lemma_.lower() in DOCUMENT_NOUNS:
                return c
        return None

    def _governing_cue(self, v: Token) -> Token | None:
        """The cue verb whose reported clause holds verb `v` (through ccomp and conj links)."""
        node, via_ccomp = v, False
        for _ in range(4):
            if node.head.i == node.i:
                return None
            if node.dep_ == "relcl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in node.children):
                # "said in a letter that it had ...": a complement the parser hung on the noun
                noun = node.head
                if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and self.is_cue(noun.head.head):
                    return noun.head.head
                return None
            if node.dep_ not in ("ccomp", "conj"):
                return None
            via_ccomp |= node.dep_ == "ccomp"
            node = node.head
            if via_ccomp and self.is_cue(node):
                return node
        return None

    def _nearest_agent(self, v: Token, frame: set[int]) -> Speaker | None:
        cands = sorted((abs(i - v.i), i) for i in frame if i != v.i)
        for _, i in cands:
            t = self.doc[i]
            e = self.resolver.entity_of(t)
            if e is not None and e.type in ("PERSON", "ORG"):
                return self.resolver.speaker_for(e)
        return None

    # -- opinion frames ------------------------------------------------------------------------
    def _opinion_frames(self) -> list[tuple[int, int, str, Speaker]]:
        """'For Jo Park, a hydrologist at X, the levee was never safe.' / 'In Jo Park's view, ...' /
        'In the view of Jo Park, ...': the clause after the frame is that person's claim.
        Returns (first token, end token, cue, speaker) of each claim."""
        out = []
        doc = self.doc
        for sent in self.ad.sent_spans:
            i = sent.start
            while i < sent.end and (doc[i].is_punct or doc[i].is_space):
                i += 1
            if i + 2 >= sent.end or doc[i].i in self.in_quote or doc[i].lower_ not in ("for", "in"):
                continue
            first = doc[i]
            j, cue = i + 1, None
            if first.lower_ == "in" and doc[j].lower_ == "the" and doc[j + 1].lower_ in _VIEW_NOUNS \
                    and j + 2 < sent.end and doc[j + 2].lower_ == "of":
                j, cue = j + 3, f"in the {doc[j + 1].lower_} of"
            elif first.lower_ == "for":
                cue = "for"
            if doc[j].pos_ != "PROPN":
                continue
            name = self.resolver.name_tokens(doc[j])
            k = name[-1].i + 1 if name else j
            if first.lower_ == "in" and cue is None:  # "In Jo Park's view,"
                if not (k + 1 < sent.end and doc[k].tag_ == "POS" and doc[k + 1].lower_ in _VIEW_NOUNS):
                    continue
                k, cue = k + 2, f"in {doc[k + 1].lower_}"
            if k >= sent.end or doc[k].text != ",":
                continue
            role_text = None
            # an appositive role between commas: "For Jo Park, a hydrologist at X, ..."
            m = k + 1
            while m < sent.end and doc[m].text != "," and m - k <= 14:
                m += 1
            seg = doc[k + 1: m]
            if m < sent.end and doc[m].text == "," and any(
                    t.pos_ == "NOUN" and (t.lower_ in TITLE_NOUNS or t.lemma_.lower() in TITLE_NOUNS) for t in seg) \
                    and not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in seg):
                role_text = self.ad.orig_text(seg[0].idx, seg[-1].idx + len(seg[-1].text))
                k = m
            if cue == "for" and role_text is None:
                continue  # "For Jo Park, it was a third title": only an expert's frame reads as a claim
            sp = self.resolver.named_person_at(name[-1], role_text) if name else None
            if sp is None or not self.resolver.is_person(sp) and sp.entity is None:
                continue
            a = k + 1
            body = [t for t in doc[a: sent.end] if t.i not in self.in_quote]
            if not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in body):
                continue
            out.append((a, sent.end, cue, sp))
        return out

    def _introduced_person(self, q: _Q) -> Speaker | None:
        """'Jo Park, 34, lost her home. "I heard nothing."': a first-person quote standing as its own
        sentence, with no cue, right after a sentence about one named person, is that person's."""
        if q.kind != "direct" or not any(t.lower_ in _FIRST_PERSON and t.pos_ == "PRON" for t in q.toks):
            return None
        if self.leading(q) or any(not t.is_punct for t in self.trailing(q)):
            return None
        i = (q.open_tok if q.open_tok >= 0 else q.toks[0].i) - 1
        while i >= 0 and (self.doc[i].is_space or self.doc[i].is_punct and self.doc[i].text not in _SENT_END):
            i -= 1
        if i < 0 or i in self.in_quote:
            return None
        sent = self.sent(self.doc[i])
        if any(t.i in self.in_quote for t in sent):
            return None
        root = sent.root
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ != "PROPN":
            return None
        sp = self.resolver.named_person_at(subj)
        if sp is None or not self.resolver.is_person(sp):
            return None
        others = {e.id for t in sent if (e := self.resolver.entity_of(t)) is not None and e.type == "PERSON"}
        if others - {sp.entity}:
            return None
        return sp

    # -- direct quotes ------------------------------------------------------------------------
    def _frame_cue(self, frame: list[Token], near_end: bool) -> Token | None:
        cues = [t for t in frame if self.is_cue(t) or is_according_to(t)]
        if not cues:
            return None
        return cues[-1] if near_end else cues[0]

    def attribute_direct(self, q: _Q) -> None:
        lead, trail = self.leading(q), self.trailing(q)
        content = self.ad.norm.text[q.nstart: q.nend].rstrip()
        trail_first = content.endswith(",") or (
            trail and (trail[0].text == "," or trail[0].is_lower or trail[0].pos_ in ("PRON", "PROPN"))
            and content[-1:] in "?!—-")
        if content.endswith(".") and trail and trail[0].text != ",":
            trail_first = bool(trail) and any(self.is_cue(t) for t in trail[:4])
        order = [("trail", trail), ("lead", lead)] if trail_first else [("lead", lead), ("trail", trail)]
        for where, frame in order:
            if where == "trail":
                frame = frame[:12]
                if q.kind == "partial":
                    # a term inside one clause is not attributed by the cue of the next
                    # ('a "zero waste" pledge, and in May it assured shareholders ...')
                    cut = next((k for k, t in enumerate(frame) if t.pos_ == "CCONJ" and k > 0
                                and frame[k - 1].text in (",", ";")), None)
                    frame = frame[:cut] if cut is not None else frame
            cue = self._frame_cue(frame, near_end=(where == "lead"))
            if cue is None:
                if where == "lead" and frame and frame[-1].text == ":":
                    root = next((t for t in frame if t.dep_ == "ROOT" or t.head.i == t.i), frame[-1])
                    verb = root if root.pos_ in ("VERB", "AUX") else None
                    if verb is not None:
                        q.cue, q.speaker = verb.text, self.speaker_of_cue(verb, {t.i for t in frame})
                        if q.speaker:
                            return
                continue
            sp = self.speaker_of_cue(cue, {t.i for t in frame})
            if sp is not None:
                q.cue, q.speaker = cue_phrase(cue), sp
                return
            if q.cue is None:
                q.cue = cue_phrase(cue)

    # -- partial quotes -------------------------------------------------------------------------
    def attribute_partial(self, q: _Q) -> None:
        inside = {t.i for t in q.toks}
        heads = [t for t in q.toks if t.head.i not in inside and t.head.i != t.i]
        for h in heads:
            node = h.head
            steps = 0
            while steps < 12:
                steps += 1
                if node.i not in self.in_quote or node.i in self.mark_of:
                    if self.is_cue(node):
                        sp = self.speaker_of_cue(node)
                        g = self._governing_cue(node) if sp is not None else None
                        outer = self.speaker_of_cue(g) if g is not None else None
                        if outer is not None and (outer.entity is not None or self.resolver.is_person(outer)) and (
                                self._unnamed_group(node, sp)
                                or outer.name != sp.name and not self.resolver.is_person(sp)):
                            # "X told us that workers reported it 'four times'", "She added that the
                            # ministry had asked them to share 'all records'": the clause is X's report,
                            # and the quoted words in it are what X said (a named person inside keeps
                            # their own words)
                            q.cue, q.speaker = cue_phrase(g), outer
                            return
                        if sp is not None:
                            q.cue, q.speaker = cue_phrase(node), sp
                            return
                    if node.pos_ == "NOUN" and lemma(node) in CUE_NOUNS:
                        sp = self._speech_noun_speaker(node)
                        if sp is not None:
                            q.cue, q.speaker = node.text, sp
                            return
                if node.head.i == node.i:
                    break
                node = node.head
        # "According to X, '...' but '...'" anywhere before the quote in its sentence
        sent = self.sent(q.toks[0])
        for t in sent:
            if t.i >= q.toks[0].i:
                break
            if is_according_to(t) and t.i not in self.in_quote:
                sp = self.speaker_of_cue(t)
                if sp is not None:
                    q.cue, q.speaker = "according to", sp
                    return

    def _unnamed_group(self, v: Token, sp: Speaker) -> bool:
        """The cue's speaker is only a plural common noun ("workers", "residents"), no name."""
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if sp.entity is not None or self.resolver.is_person(sp) or sp.name in self.resolver._bodies:
            return False
        if subj is None:  # inherited from a coordinated verb: look at that verb's subject
            h = v.head if v.dep_ == "conj" else None
            subj = next((c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")), None) if h is not None else None
        return subj is not None and subj.tag_ == "NNS" and subj.pos_ == "NOUN" and not any(
            c.pos_ == "PROPN" or c.dep_ == "poss" for c in subj.children)

    def _speech_noun_speaker(self, n: Token) -> Speaker | None:
        for c in n.children:
            if c.dep_ == "poss":
                return self.resolver.from_token(c)
        for c in n.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from", "of"):
                pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if pobj is not None and self.resolver.entity_of(pobj) is not None:
                    return self.resolver.from_token(pobj)
            if c.dep_ == "acl":  # "remarks made by X"
                for a in c.children:
                    if a.dep_ == "agent":
                        pobj = next((x for x in a.children if x.dep_ == "pobj"), None)
                        if pobj is not None:
                            return self.resolver.from_token(pobj)
        return None

    # -- classification ---------------------------------------------------------------------
    def classify(self, q: _Q, prev: _Q | None) -> None:
        content = self.ad.norm.text[q.nstart: q.nend]
        first = next((c for c in content if c.isalnum()), "")
        lead = self.leading(q)
        opens_sentence = not lead or lead[-1].text in (":", ",", "—", "-", "–") or self.is_cue(lead[-1])
        if not q.span.closed or (prev is not None and prev.span.group == q.span.group):
            q.kind = "direct"
        elif prev is not None and prev.kind == "direct" and self._continues(prev, q) and lead and lead[-1].text == ",":
            q.kind = "direct"  # '"First part," she said, "second part."'

        elif (first.isupper() or first.isdigit()) and opens_sentence:
            q.kind = "direct"
        else:
            q.kind = "partial"

    def attribute(self) -> list[_Q]:
        prev: _Q | None = None
        for q in self.quotes:
            if not q.toks:
                q.keep = False
                continue
            self.classify(q, prev)
            if self._is_naming(q):
                q.keep = False  # a name or a term, introduced as one: no one is being quoted
                continue
            same_group = prev is not None and prev.span.group == q.span.group
            if same_group and prev.speaker is not None:
                q.cue, q.speaker = prev.cue, prev.speaker
            elif same_group:
                # a paragraph of a quote whose first paragraph had no cue: attributed where it closes
                self.attribute_direct(q)
            elif q.kind == "direct":
                self.attribute_direct(q)
                if q.speaker is None:
                    self.attribute_partial(q)
            else:
                self.attribute_partial(q)
                if q.speaker is None:
                    self.attribute_direct(q)
            if q.speaker is None:
                self._inherit(q, prev)
            if q.speaker is None:
                q.speaker = self._introduced_person(q)
            if q.speaker is None and not self._looks_like_speech(q):
                q.keep = False  # a scare quote or a title: no cue, no speaker
            if q.keep:
                self.resolver.note(q.start, q.speaker)
            prev = q if q.keep else prev
        # a multi-paragraph quote is attributed in its last paragraph as often as in its first
        for q in self.quotes:
            if q.keep and q.speaker is None:
                mates = [m for m in self.quotes if m.span.group == q.span.group and m.speaker is not None]
                if mates:
                    q.cue, q.speaker = mates[-1].cue, mates[-1].speaker
        return [q for q in self.quotes if q.keep]

    def _is_naming(self, q: _Q) -> bool:
        """The quoted words are a name given to something, not speech: "so-called '...'", "known as
        '...'", "a plan dubbed '...'" (a participle with no agent), "the lake that locals call '...'"
        (a habitual present with an unnamed, generic subject naming the noun it modifies)."""
        i = (q.open_tok if q.open_tok >= 0 else q.toks[0].i) - 1
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        if i < 0 or i in self.in_quote:
            return False
        before = self.ad.norm.text[max(0, self.doc[i].idx - 12): self.doc[i].idx + len(self.doc[i].text)].lower()
        if before.endswith(("so-called", "so called")):
            return True
        t = self.doc[i]
        if t.lower_ == "as" and i > 0:  # "known as", "referred to as"
            v = self.doc[i - 1] if self.doc[i - 1].lower_ != "to" or i < 2 else self.doc[i - 2]
            return v.tag_ == "VBN" and lemma(v) in NAMING_VERBS and not any(c.dep_ == "agent" for c in v.children)
        if lemma(t) not in NAMING_VERBS or lemma(t) in ("know", "refer"):
            return False
        kids = list(t.children)
        if t.tag_ == "VBN":
            # "a scheme dubbed '...'", "was dubbed '...'": no agent, not a perfect ("has called")
            return not any(c.dep_ == "agent" for c in kids) and not any(
                c.dep_ == "aux" and lemma(c) == "have" for c in kids)
        if t.tag_ in ("VBP", "VBZ"):
            subj = next((c for c in kids if c.dep_ == "nsubj"), None)
            obj = next((c for c in kids if c.dep_ == "dobj"), None)
            if subj is None or obj is not None and obj.lower_ not in ("that", "which", "what"):
                return False
            if subj.lower_ in _GENERIC_SUBJECTS:
                return True
            return subj.tag_ == "NNS" and subj.lemma_.lower() not in _OPINION_GROUPS and \
                self.resolver.entity_of(subj) is None and not any(
                c.pos_ == "PROPN" or self.resolver.entity_of(c) is not None for c in subj.children)
        return False

    def _continues(self, prev: _Q, q: _Q) -> bool:
        """Only the previous quote's own attribution (and punctuation) lies between the two."""
        trail = self.trailing(prev)
        end = trail[-1].i if trail else (prev.close_tok if prev.close_tok >= 0 else prev.toks[-1].i)
        between = self.doc[end + 1: q.open_tok if q.open_tok >= 0 else q.toks[0].i]
        return all(t.is_punct or t.is_space for t in between) and (
            not trail or any(self.is_cue(t) for t in trail))

    def _inherit(self, q: _Q, prev: _Q | None) -> None:
        """A quote with no cue of its own continues the previous quote when nothing intervenes."""
        if prev is None or prev.speaker is None:
            return
        if q.kind == "direct" and self._continues(prev, q):
            q.cue, q.speaker = prev.cue, prev.speaker
            return
        gap = self.doc[(prev.close_tok if prev.close_tok >= 0 else prev.toks[-1].i) + 1: q.toks[0].i]
        words = [t for t in gap if not t.is_punct and not t.is_space and t.i not in self.in_quote]
        same_sentence = self.sent(prev.toks[-1]) == self.sent(q.toks[0])
        other_agent = any(
            (e := self.resolver.entity_of(t)) is not None and e.id != prev.speaker.entity and e.type == "PERSON"
            for t in words)
        if len(words) <= 3 and (same_sentence or q.kind == "direct"):
            q.cue, q.speaker = prev.cue, prev.speaker
        elif same_sentence and not other_agent and not any(self.is_cue(t) for t in words):
            q.cue, q.speaker = prev.cue, prev.speaker  # "'...' - an aside - '...'" / "'...' but '...'"
        elif q.kind == "direct" and not [t for t in words if t.pos_ in ("VERB", "AUX")] and len(words) <= 8:
            q.cue, q.speaker = prev.cue, prev.speaker

    def _looks_like_speech(self, q: _Q) -> bool:
        """An unattributed quote is kept only when it reads as a spoken sentence, not a term."""
        if q.kind != "direct":
            return False
        verbs = [t for t in q.toks if t.pos_ in ("VERB", "AUX")]
        words = [t for t in q.toks if t.is_alpha]
        return len(words) >= 6 and bool(verbs)

    # -- reported speech ------------------------------------------------------------------------
    def reported(self, quotes: list[_Q]) -> list[tuple[int, int, str, Speaker]]:
        """(norm start, norm end, cue, speaker) of reported clauses."""
        out: list[tuple[int, int, str, Speaker]] = []
        seen: set[tuple[int, int]] = set()
        qspans = [(q.nstart, q.nend) for q in quotes]
        for a, b, cue, sp in self.frames:
            span = self._trim(a, b, qspans)
            if span is not None and span not in seen:
                seen.add(span)
                out.append((span[0], span[1], cue, sp))
        for v in self.doc:
            if v.i in self.in_quote:
                continue
            appeal = None
            if is_according_to(v):
                content = self._according_content(v)
            elif (appeal := self._appeal_or_estimate(v)) is not None:
                content = appeal[0]
            elif (self.is_cue(v) and lemma(v) not in NO_REPORTED) or _data_shows(v):
                comp = next((c for c in v.children if c.dep_ == "ccomp" and not self._across_semicolon(c, v)), None)
                if lemma(v) in WEAK_CUES and comp is not None and not _finite(comp) and self._governing_cue(v) is None:
                    continue  # "traders expect the bank to raise rates": a forecast, not a claim
                content = self._clause_of(v)
                if content is None and not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
                    named = self._name_before_cue(v, self.sent(v).start)
                    content = (self.sent(v).start, named[1]) if named else None
            else:
                continue
            if content is None or any(c.dep_ == "neg" for c in v.children) and not is_negated_cue(v):
                continue
            if _withheld(v) or self._question_clause(content):
                continue  # "declined to say whether ...": nothing was asserted
            sp = self._appeal_speaker(v) if appeal is not None else self.speaker_of_cue(v)
            if sp is None:
                continue
            if appeal is not None and not self._agentive(v, sp):
                continue  # "the plan calls for 300 homes", "conditions call for care": no one appealed
            if lemma(v) in WEAK_CUES and sp.entity is None and not sp.name[:1].isupper():
                continue
            noted = False
            for a, b in self._coordinated_thats(*content):
                span = self._trim(a, b, qspans)
                if span is None or span in seen:
                    continue
                seen.add(span)
                out.append((span[0], span[1], appeal[1] if appeal is not None else cue_phrase(v), sp))
                if not noted:
                    self.resolver.note(self.ad.orig_span(v.idx, v.idx + 1)[0], sp)
                    noted = True
        # a clause nested in another by the same speaker ("stressed that he believed ...") adds nothing
        return [r for r in out if not any(
            o is not r and o[0] <= r[0] and r[1] <= o[1] and (o[0], o[1]) != (r[0], r[1])
            and o[3].name == r[3].name for o in out)]

    def _appeal_or_estimate(self, v: Token) -> tuple[tuple[int, int], str] | None:
        """An appeal ("called on all sides to show restraint", "urged restraint", "called for his
        release") or an estimate ("put the crowd at about 12,000", "estimated the march at 8,000",
        "reported 37 injured officers"): the predicate itself is what the subject put on record.
        Returns the content (verb to the end of its complements) and the cue as written."""
        if v.i in self.in_quote or v.pos_ != "VERB" or any(
                c.dep_ == "neg" or c.dep_ == "ccomp" and not self._across_semicolon(c, v) for c in v.children):
            return None
        kind = _appeal_kind(v)
        if kind is None:
            return None
        end = v.i
        for c in v.rights:
            if c.dep_ in ("punct", "cc", "advcl", "parataxis", "mark", "npadvmod") or c.i in self.in_quote:
                continue
            if c.dep_ == "conj" and (_appeal_kind(c) is None or any(
                    x.dep_ in ("nsubj", "nsubjpass") for x in c.children)):
                continue  # "called for calm, but the army fired": another claim
            end = max(end, c.right_edge.i)
        prep = next((c for c in v.children if c.dep_ == "prep" and c.i == v.i + 1), None)
        cue = f"{v.text} {prep.text}" if kind == "appeal" and prep is not None else v.text
        return (v.i, end + 1), cue

    def _stranded_subject(self, v: Token) -> Token | None:
        """'In Brussels, a spokesperson for X called on ...': the parser hung the subject on the place
        before it and left the main verb without one. The noun phrase that ends right before the verb
        and opens after a comma is its subject."""
        if v.dep_ != "ROOT" or v.tag_ not in ("VBD", "VBZ", "VBN") or v.i == 0:
            return None
        k = v.i - 1
        while k > 0 and self.doc[k].is_punct and self.doc[k].text in (")", "]"):
            k -= 1
        node, best = self.doc[k], None
        for _ in range(8):
            if node.i in self.in_quote or node.i >= v.i:
                return None
            if node.pos_ == "NOUN" and node.right_edge.i >= k and node.left_edge.i > 0 \
                    and self.doc[node.left_edge.i - 1].text == ",":
                best = node
                break
            if node.head.i == node.i or node.head.i >= v.i:
                break
            node = node.head
        return best

    def _agentive(self, v: Token, sp: Speaker) -> bool:
        """Someone who can appeal or estimate: a named person or organisation, a body, or a noun for people."""
        if sp.entity is not None or self.resolver.is_person(sp) or sp.name in self.resolver._bodies:
            return True
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ == "PRON":
            return True  # inherited from the cue it is joined to, or a pronoun resolved to a speaker
        low = subj.lemma_.lower()
        return subj.pos_ == "PROPN" or low in TITLE_NOUNS or low in _AGENT_NOUNS or low in BODY_NOUNS

    def _across_semicolon(self, c: Token, v: Token) -> bool:
        """"The union says ...; the police reported ...": a clause the parser hung on a later verb
        across a semicolon is a sentence of its own, not that verb's content."""
        return c.i < v.i and any(t.text == ";" for t in self.doc[c.right_edge.i + 1: v.i])

    def _appeal_speaker(self, v: Token) -> Speaker | None:
        """Who made the appeal or the estimate: its subject, or, for "X said ... and called on ..." that
        the parser joined to the reported clause, the speaker of the cue that reports that clause."""
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children) and v.dep_ == "conj" \
                and not self.is_cue(v.head):
            g = self._governing_cue(v.head)
            if g is not None:
                return self.speaker_of_cue(g)
        return self.speaker_of_cue(v)

    def _name_before_cue(self, v: Token, lo: int) -> tuple[Speaker, int] | None:
        """'<clause>, Park Min Ho of the X Institute told Reuters': a subjectless cue whose
        speaker the parser attached elsewhere. Returns the speaker and the comma ending the clause."""
        for i in range(v.i - 1, max(lo, v.i - 16) - 1, -1):
            t = self.doc[i]
            if t.pos_ in ("VERB", "AUX") or t.i in self.in_quote:
                return None
            e = self.resolver.entity_of(t)
            if e is None or e.type not in ("PERSON", "ORG"):
                continue
            j = i
            while j > lo and self.resolver.entity_of(self.doc[j - 1]) is e:
                j -= 1
            if j > lo and self.doc[j - 1].text == ",":
                return self.resolver.speaker_for(e), j - 1
        return None

    def _clause_of(self, v: Token) -> tuple[int, int] | None:
        comps = [c for c in v.children if c.dep_ == "ccomp" and not self._across_semicolon(c, v)]
        # "The council voted ..., a measure supporters say would raise ...": with a clause on each side,
        # the one the cue introduces is the one right after it (the other is the sentence's main clause)
        comp = next((c for c in comps if c.i > v.i and c.left_edge.i == v.i + 1), None) if len(comps) > 1 else None
        comp = comp or (comps[0] if comps else None)
        if comp is not None:
            return comp.left_edge.i, comp.right_edge.i + 1
        comp = _that_clause_after_prep(v)
        if comp is not None:  # "said in a statement that ...", parsed as a clause of "statement"
            return comp.left_edge.i, comp.right_edge.i + 1
        if lemma(v) in STATEMENT_OBJECT_VERBS:
            obj = next((c for c in v.children if c.dep_ == "dobj"), None)
            if obj is not None and obj.right_edge.i - obj.left_edge.i >= 3 and obj.pos_ == "NOUN":
                return obj.left_edge.i, obj.right_edge.i + 1
        if lemma(v) in PROPOSAL_VERBS:  # "advised to close the road": what was proposed
            comp = next((c for c in v.children if c.dep_ == "xcomp" and c.i > v.i and c.tag_ == "VB"
                         and any(a.tag_ == "TO" for a in c.children)), None)
            if comp is not None and not any(c.dep_ == "dobj" for c in v.children):
                return comp.left_edge.i, comp.right_edge.i + 1
        # parenthetical "…, Lund added, …" parsed as hanging off the content's verb
        subj = any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)
        objs = any(c.dep_ in ("dobj", "xcomp", "advcl") for c in v.children if c.i > v.i and lemma(v) != "tell")
        if not subj and self._inverted_speaker(v) is not None and v.dep_ in ("parataxis", "ccomp", "conj", "advcl") \
                and v.head.pos_ in ("VERB", "AUX") and v.head.i < v.i:
            # "The search will go on today, announced the police, although ...": the clause before
            return max(v.head.left_edge.i, self.sent(v).start), v.i
        if subj and not objs and v.dep_ in ("parataxis", "ccomp", "conj", "advcl") and v.head.pos_ in ("VERB", "AUX"):
            h = v.head
            first = next(t for t in v.subtree if not t.is_punct)
            if first.i > 0 and self.doc[first.i - 1].text == ",":
                # the side of the parenthetical that holds the content's verb
                if h.i > v.i:
                    return v.right_edge.i + 1, h.right_edge.i + 1
                return h.left_edge.i, first.i
        return None

    def _inverted_speaker(self, v: Token) -> Token | None:
        """'..., informed the committee, ...': a subjectless cue right after a comma whose speaker
        follows it and closes the parenthetical."""
        if v.i == 0 or self.doc[v.i - 1].text != "," or lemma(v) == "tell" or v.i in self.in_quote:
            return None
        nxt = [c for c in v.rights if not c.is_punct]
        if not nxt:
            return None
        c = nxt[0]
        if c.dep_ not in ("dobj", "nsubj", "attr", "npadvmod", "dep", "appos") or c.pos_ not in ("PROPN", "NOUN"):
            return None
        after = c.right_edge.i + 1
        if after < len(self.doc) and self.doc[after].text not in (",", ".", ";"):
            return None
        return c if self.resolver.entity_of(c) is not None or c.pos_ == "PROPN" else None

    def _according_content(self, v: Token) -> tuple[int, int] | None:
        pp_end = v.nbor(1).right_edge.i if v.i + 1 < len(self.doc) else v.i
        sent = self.sent(v)
        a = pp_end + 1
        while a < sent.end and self.doc[a].is_punct:
            a += 1
        before = v.i - sent.start
        after = sent.end - a
        h = v.head
        if v.dep_ == "prep" and h.pos_ in ("VERB", "AUX") and sent.start <= h.i < v.i and before >= 3:
            # "Sales rose 4%, according to Y, while ...": the clause the phrase modifies, not what follows
            return max(h.left_edge.i, sent.start), v.i
        if v.dep_ == "prep" and h.pos_ in ("VERB", "AUX") and h.dep_ in ("relcl", "acl") and v.i < h.i < sent.end:
            # "crates which, according to Y, were bound for Z": only the relative clause is Y's
            return a, h.right_edge.i + 1
        if before > after:  # "X happened, according to Y" -> the part before
            return sent.start, v.i
        return (a, sent.end) if a < sent.end else None

    def _coordinated_thats(self, a: int, b: int) -> list[tuple[int, int]]:
        """A reported clause with a second "and that ..." clause is two claims: "said the city would
        act and that the council had begun a review" -> [the city would act] [the council had begun ...]."""
        parts: list[tuple[int, int]] = []
        start = a
        for t in self.doc[a:b]:
            if t.dep_ != "conj" or t.i in self.in_quote or t.left_edge.i <= start:
                continue
            mark = next((m for m in t.children if m.dep_ == "mark" and m.lower_ == "that" and m.i < t.i), None)
            if mark is None or mark.i != t.left_edge.i:
                continue
            cut = mark.i
            while cut > start and (self.doc[cut - 1].dep_ == "cc" or self.doc[cut - 1].is_punct):
                cut -= 1
            parts.append((start, cut))
            start = mark.i
        parts.append((start, b))
        return parts

    def _question_clause(self, content: tuple[int, int]) -> bool:
        """A reported question ("whether other firms were involved", "if the plant would close")."""
        a, b = content
        first = next((t for t in self.doc[a:b] if not t.is_punct and not t.is_space), None)
        return first is not None and first.lower_ in ("whether", "if") and first.dep_ == "mark"

    def _trim(self, a: int, b: int, qspans: list[tuple[int, int]]) -> tuple[int, int] | None:
        doc = self.doc
        dateline = _DATELINE.match(self.ad.norm.text, doc[a].idx) if a < b else None
        if dateline and (doc[a].idx == 0 or self.ad.norm.text[doc[a].idx - 1] == "\n"):
            # "CITY, June 11 (Agency) - <the lead>": the dateline is no one's words
            while a < b and doc[a].idx < dateline.end():
                a += 1
        while a < b and (doc[a].is_punct or doc[a].is_space or doc[a].lower_ == "that" and doc[a].dep_ == "mark"):
            a += 1
        while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
            b -= 1
        for i in range(a, b):  # stop where quoted words begin: the quote covers them
            if i in self.in_quote:
                b = i
                break
            t = doc[i]
            # ", suggesting that ..." after the clause is the writer's inference, not the speaker's
            if t.dep_ == "advcl" and t.tag_ == "VBG" and lemma(t) in INFERENCE and i > a and doc[i - 1].text == ",":
                b = i - 1
                break
        while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
            b -= 1
        if b - a < 3:
            return None
        na, nb = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
        if any(s < nb and na < e for s, e in qspans):
            return None
        return na, nb


# "Figures from the statistics office show that ...": the source of the data is the speaker.
DATA_NOUNS = frozenset("data figures statistics records survey poll study estimates numbers analysis".split())
DATA_VERBS = frozenset("show indicate suggest reveal".split())


# "CITY, June 11 (Agency) - ", "CITY (Agency) — " opening a story's first line
_DATELINE = re.compile(r"[A-Z][A-Z'.\- ]{1,40}(?:,\s*[A-Z][\w.' -]{1,40}?)*\s*(?:\([^)\n]{1,40}\))?\s*(?:--|[-–—])\s+")
# verbs whose infinitive was not carried out ("declined to say", "refused to comment")
WITHHOLDING = {"decline", "refuse", "fail", "reluctant"}


# nouns for people who appeal or estimate ("organisers put the crowd at ...", "protesters urged ...")
_AGENT_NOUNS = {"police", "organiser", "organizer", "protester", "protestor", "official", "authority", "resident",
                "witness", "activist", "campaigner", "lawmaker", "leader", "minister", "expert", "analyst",
                "observer", "diplomat", "critic", "union", "group", "opposition", "government", "rescuer",
                "investigator", "prosecutor", "lawyer", "doctor", "worker", "employee", "farmer", "student"}
# what "put"/"place" sets at a figure: a count or an amount ("put the crowd at 12,000", "put the toll at 40")
_ESTIMATED = {"number", "figure", "toll", "crowd", "count", "total", "turnout", "cost", "damage", "loss", "value",
              "size", "attendance", "tally", "bill", "price"}
# verbs of appeal and the preposition they take ("called on/for", "appealed for"); "urge" takes its object
APPEAL_PREPS = {"call": ("on", "upon", "for"), "appeal": ("for", "to")}
# verbs of estimate: "put/estimated the crowd at 12,000"; "reported 37 injured officers"
ESTIMATE_AT = {"estimate", "put", "place"}
ESTIMATE_COUNT = {"report", "count", "estimate"}


def _appeal_kind(v: Token) -> str | None:
    """"appeal" / "estimate" when verb `v` is one (see `_Extractor._appeal_or_estimate`)."""
    lem = v.lemma_.lower()
    kids = list(v.children)
    if lem in APPEAL_PREPS:
        if any(c.dep_ == "prep" and c.lower_ in APPEAL_PREPS[lem] and c.i == v.i + 1 for c in kids) \
                and not any(c.dep_ == "dobj" for c in kids):
            return "appeal"
        return None
    if lem == "urge":
        if any(c.dep_ in ("dobj", "xcomp") and c.i > v.i for c in kids):
            return "appeal"
        return None
    if lem in ESTIMATE_AT and any(c.dep_ == "dobj" and (lem == "estimate" or c.lemma_.lower() in _ESTIMATED)
                                  for c in kids) and any(
            c.dep_ == "prep" and c.lower_ == "at" and any(x.like_num for x in c.subtree) for c in kids):
        return "estimate"
    if lem in ESTIMATE_COUNT and v.tag_ in ("VBD", "VBZ", "VBP", "VBN") and any(
            c.dep_ == "dobj" and c.pos_ == "NOUN" and any(x.dep_ == "nummod" and x.head.i == c.i and x.like_num
                                                          for x in c.children) for c in kids):
        return "estimate"
    return None


def _withheld(v: Token) -> bool:
    """"declined to say ...", "would not say ...": the cue is one the speaker did not perform."""
    h = v.head
    return v.dep_ == "xcomp" and h.i != v.i and (
        h.lemma_.lower() in WITHHOLDING or any(c.dep_ == "neg" for c in h.children))


def _finite(v: Token) -> bool:
    """A clause with a tensed verb or a "that" ("expect that prices will fall"), not "X to do"."""
    return v.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") or c.dep_ == "mark" and c.lower_ == "that"
        for c in v.children)


def _data_shows(v: Token) -> bool:
    if lemma(v) not in DATA_VERBS:
        return False
    subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.lower_ in DATA_NOUNS and any(
        t.ent_type_ == "ORG" or _named_source(t) for t in subj.subtree if t.i != subj.i)


def _named_source(t: Token) -> bool:
    """"data from Nordvane show": a proper noun after from/by not tagged as a place or a date."""
    return (t.dep_ == "pobj" and t.pos_ == "PROPN" and t.head.lower_ in ("from", "by")
            and t.ent_type_ not in ("GPE", "LOC", "DATE", "TIME", "NORP", "FAC"))


def _that_clause_after_prep(v: Token) -> Token | None:
    """The "that"-clause the parser hung on the object of a preposition after a speech verb
    ("said in a statement that the crew ...", "told reporters on Monday that ...")."""
    for prep in v.children:
        if prep.dep_ != "prep" or prep.i < v.i:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            for c in pobj.children:
                if c.dep_ in ("acl", "relcl", "ccomp") and c.i > pobj.i and any(
                        m.dep_ == "mark" and m.lower_ == "that" for m in c.children) and any(
                        s.dep_ in ("nsubj", "nsubjpass") for s in c.children):
                    return c
    return None


def _merge_paragraphs(quotes: list[_Q]) -> list[_Q]:
    """A quote that runs over several paragraphs (the opening mark repeated at each paragraph, the
    closing mark only at the end) is one quote: from the first paragraph's words to the last's."""
    out: list[_Q] = []
    for q in quotes:
        last = out[-1] if out else None
        if last is not None and last.span.group == q.span.group and not last.span.closed:
            merged = _Q(span=q.span, start=last.start, end=q.end, nstart=last.nstart, nend=q.nend,
                        toks=last.toks + q.toks, open_tok=last.open_tok, close_tok=q.close_tok, kind=last.kind,
                        cue=last.cue or q.cue, speaker=last.speaker or q.speaker)
            out[-1] = merged
        else:
            out.append(q)
    return out


def extract_quotes(ad: AnalyzedDoc, ents: DocEntities) -> list[Quote]:
    x = _Extractor(ad, ents)
    items: list[tuple[int, int, str, str | None, Speaker | None]] = []
    quotes = x.attribute()
    for q in _merge_paragraphs(quotes):
        items.append((q.start, q.end, q.kind, q.cue, q.speaker))
    for na, nb, cue, sp in x.reported(quotes):
        a, b = ad.orig_span(na, nb)
        items.append((a, b, "reported", cue, sp))
    items.sort(key=lambda it: (it[0], it[1]))
    out = []
    text = ad.document.text
    for n, (a, b, kind, cue, sp) in enumerate(items, 1):
        out.append(Quote(
            id=f"{ad.id}-q{n}", doc=ad.id, start=a, end=b, text=text[a:b], kind=kind, cue=cue,
            speaker=sp, sentence=ad.orig_sentence_at(ad.norm.norm_offset(a)),
        ))
    return out
