"""Attribution cues: speech and cognition verbs, speech nouns, and per-document learned cues.

A token is a cue when its lemma is in the lexicon below, or when the document itself shows
the lemma acting as one (`learn_cues`): a verb whose subject is a person/organisation and that
governs a quotation, or that governs a finite "that"-clause, counts as a cue everywhere in that
document. That picks up verbs the list misses ("quipped", "objected") without a second pass.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

# Verbs that introduce what someone said, wrote or thinks (by lemma).
CUE_VERBS: frozenset[str] = frozenset("""
say tell explain assess suggest stress continue claim add warn deny note argue insist emphasize
emphasise acknowledge announce assert believe estimate report write tweet post reply urge vow
admit allege point remark comment state declare observe mention recall reiterate repeat confirm
respond retort answer ask query question predict forecast caution concede contend maintain
complain lament say boast brag promise pledge threaten reveal disclose indicate accuse charge
describe characterize characterise call dismiss reject counter object protest recount describe
agree disagree conclude testify affirm proclaim announce recommend propose demand insist warn
advise tell inform assure reassure whisper shout yell cry exclaim sigh laugh joke quip muse
think expect fear hope doubt reckon suspect feel acknowledge recognize recognise concur highlight
underline underscore summarize summarise clarify elaborate specify stipulate announce
insist signal hint imply predict project calculate judge consider flag
""".split())

# Lemmas that govern clauses but are not attribution ("it means that", "the data show that").
NOT_CUES: frozenset[str] = frozenset("""
be have do make let see ensure mean show seem appear help find prove determine decide wonder
depend require cause allow know realize realise learn understand guess hear read notice
""".split())

# Participles that, hanging off a speech verb, keep its speaker ("denied it, saying ...");
# "suggesting"/"indicating" after a clause are usually the writer's inference, so not these.
INHERITING_PARTICIPLES: frozenset[str] = frozenset("""
say add note stress explain argue insist claim warn emphasize emphasise tell write describe
acknowledge assert declare state repeat reiterate recall point vow promise urge accuse call
""".split())

# Cues that need a person/organisation subject before they count as reported speech
# (a statement noun like "signal" or "predict" is too weak on its own).
WEAK_CUES: frozenset[str] = frozenset("""
suggest indicate signal hint imply project calculate judge consider expect hope fear think feel
doubt reckon suspect describe call characterize characterise question ask
""".split())

# Nouns that carry someone's words: "Kim's remarks about ...", "a statement by the ministry".
CUE_NOUNS: frozenset[str] = frozenset("""
remark comment statement word speech address interview testimony claim assertion warning
pledge promise vow message letter post tweet note announcement declaration briefing remarks
comments words explanation argument view opinion assessment description call appeal
""".split())

# "X said" with X a pronoun/noun is attribution; these phrasal verbs need their particle.
PHRASAL: dict[str, str] = {"point": "out", "go": "on", "spell": "out", "lay": "out"}
# verbs that report a view only when negated: "experts do not rule out that ...", "does not exclude that ..."
NEGATED_CUES: dict[str, str | None] = {"rule": "out", "exclude": None}


# forms the lemmatizer gets wrong ("hoped" -> "hop")
_LEMMA_FIXES = {"hoped": "hope", "hoping": "hope"}


def lemma(tok: Token) -> str:
    low = tok.lower_
    return _LEMMA_FIXES[low] if low in _LEMMA_FIXES and tok.pos_ in ("VERB", "AUX") else tok.lemma_.lower()


def is_cue_verb(tok: Token, learned: frozenset[str] | set[str] = frozenset()) -> bool:
    """A verb token used as an attribution cue."""
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return False
    lem = lemma(tok)
    if lem in NEGATED_CUES:
        return is_negated_cue(tok)
    if lem in PHRASAL:
        return any(c.dep_ == "prt" and c.lower_ == PHRASAL[lem] for c in tok.children)
    if lem in NOT_CUES:
        return False
    return lem in CUE_VERBS or lem in learned


def is_negated_cue(tok: Token) -> bool:
    """'do not rule out that ...': a negated verb of exclusion that governs a "that"-clause."""
    lem = lemma(tok)
    if lem not in NEGATED_CUES or not any(c.dep_ == "neg" for c in tok.children):
        return False
    prt = NEGATED_CUES[lem]
    if prt is not None and not any(c.dep_ == "prt" and c.lower_ == prt for c in tok.children):
        return False
    return any(c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
               for c in tok.children)


def is_according_to(tok: Token) -> bool:
    """'according' of 'according to X'."""
    if tok.lower_ != "according":  # checked first: most tokens are not (and nbor() builds a Token)
        return False
    return tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to"


def cue_phrase(tok: Token) -> str:
    """The cue as written: 'said', 'pointed out', 'according to', 'quoted as saying'."""
    if is_according_to(tok):
        return "according to"
    lem = lemma(tok)
    if lem in PHRASAL or lem in NEGATED_CUES:
        prt = next((c for c in tok.children if c.dep_ == "prt"), None)
        if prt is not None:
            return f"{tok.text} {prt.text}"
    return tok.text


_SUBJ = ("nsubj", "nsubjpass")
_AGENT_POS = ("PROPN", "NOUN", "PRON")


def learn_cues(doc: Doc, quote_tokens: set[int]) -> frozenset[str]:
    """Lemmas that act as attribution verbs in this document (see module doc).

    One pass collects each verb's first subject and its ccomp clauses (Token.children
    scans the sentence, so asking every verb for its children would be quadratic-ish).
    """
    subj_of: dict[int, Token] = {}
    ccomps: dict[int, list[Token]] = {}
    that_marked: set[int] = set()
    for t in doc:
        if t.dep_ in _SUBJ and t.head.i != t.i:
            subj_of.setdefault(t.head.i, t)
        elif t.dep_ == "ccomp":
            ccomps.setdefault(t.head.i, []).append(t)
        elif t.dep_ == "mark" and t.lower_ == "that":
            that_marked.add(t.head.i)
    learned: set[str] = set()
    for head_i, clauses in ccomps.items():
        tok = doc[head_i]
        if tok.pos_ != "VERB":
            continue
        lem = lemma(tok)
        if lem in CUE_VERBS or lem in NOT_CUES or len(lem) < 3 or lem in learned:
            continue
        subj = subj_of.get(head_i)
        if subj is None or subj.pos_ not in _AGENT_POS or subj.lower_ in ("it", "this", "that", "there"):
            continue
        if not (subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subj.pos_ == "PRON"):
            continue
        for c in clauses:
            governs_quote = c.i in quote_tokens and tok.i not in quote_tokens
            if governs_quote or c.i in that_marked:
                learned.add(lem)
                break
    return frozenset(learned)
