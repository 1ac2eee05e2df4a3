"""A small hand-built dossier (invented articles) for the API, report and browser tests.

Offsets are computed with str.find so the fixture stays correct if a sentence is edited.
"""

from __future__ import annotations

from parallax.model import (
    Alignment, DocAnalysis, Document, Dossier, Entity, Event, Mention, NumberClaim, Quote, Ref, RoleFact,
    ScreeningHit, Sentence, Speaker, Story,
)
from parallax.web.facts import sentence_spans

TEXT_A = (
    "Harbour talks stall in Veltria\n\n"
    "Mayor Lena Ostrova met officials of Brightwater Shipping in Port Calder on 3 May 2024. "
    "\"We will not sign a deal that hurts Port Calder,\" Lena Ostrova said. "
    "The company employs 1,200 workers in the city.\n\n"
    "Ostrova said Brightwater Shipping had promised new cranes. "
    "Talks resume on 10 May 2024."
)
TEXT_B = (
    "Port Calder deal in doubt\n\n"
    "Brightwater Shipping chief Marco Tellan visited Port Calder on 3 May 2024. "
    "\"Port Calder needs investment, and we are ready,\" Tellan said. "
    "The firm has 900 workers there, according to union figures. "
    "A reader comment read <script>alert(1)</script> and <img src=x onerror=alert(1)> verbatim.\n\n"
    "Lena Ostrova, the mayor, said the talks were difficult."
)


def _at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return i, i + len(needle)


def _sentence(doc: str, text: str, offset: int) -> Sentence:
    s, e = next(sp for sp in sentence_spans(text) if sp[0] <= offset < sp[1])
    return Sentence(doc=doc, start=s, end=e)


def _mentions(doc: str, text: str, needle: str) -> list[Mention]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(Mention(doc=doc, start=i, end=i + len(needle), text=needle))
        i = text.find(needle, i + 1)
    return out


def analyses() -> list[DocAnalysis]:
    da = Document(id="da000000000000001", source="a.txt", outlet="Veltria Herald", title="Harbour talks stall",
                  published="2024-05-04", language="en", text=TEXT_A, content_hash="a" * 64)
    db = Document(id="db000000000000002", source="b.txt", outlet="Calder Courier", title="Port Calder deal in doubt",
                  published="2024-05-05", language="en", text=TEXT_B, content_hash="b" * 64)

    def ents(doc: Document, spec: list[tuple[str, str, list[str]]]) -> list[Entity]:
        out = []
        for i, (name, typ, forms) in enumerate(spec):
            ms = [m for f in forms for m in _mentions(doc.id, doc.text, f)]
            ms = [m for m in ms if not any(o is not m and o.start <= m.start and m.end <= o.end
                                            and (o.end - o.start) > (m.end - m.start) for o in ms)]
            out.append(Entity(id=f"{doc.id}-e{i}", name=name, type=typ, mentions=sorted(ms, key=lambda m: m.start),
                              docs=[doc.id], aliases=sorted(set(forms))))
        return out

    ea = ents(da, [("Lena Ostrova", "PERSON", ["Lena Ostrova", "Ostrova"]),
                   ("Brightwater Shipping", "ORG", ["Brightwater Shipping"]),
                   ("Port Calder", "GPE", ["Port Calder"]), ("Veltria", "GPE", ["Veltria"])])
    ea[0].roles.append(RoleFact(doc=da.id, role="mayor", start=_at(TEXT_A, "Mayor")[0], end=_at(TEXT_A, "Mayor")[1]))
    eb = ents(db, [("Marco Tellan", "PERSON", ["Marco Tellan", "Tellan"]),
                   ("Brightwater Shipping", "ORG", ["Brightwater Shipping"]),
                   ("Port Calder", "GPE", ["Port Calder"]), ("Lena Ostrova", "PERSON", ["Lena Ostrova"])])

    def quote(doc: Document, qid: str, words: str, kind: str, speaker: Entity, cue: str, role=None, org=None) -> Quote:
        s, e = _at(doc.text, words)
        return Quote(id=qid, doc=doc.id, start=s, end=e, text=words, kind=kind, cue=cue,
                     speaker=Speaker(entity=speaker.id, name=speaker.name, role=role, organization=org),
                     sentence=_sentence(doc.id, doc.text, s))

    qa = [quote(da, "qa1", "We will not sign a deal that hurts Port Calder,", "direct", ea[0], "said", role="mayor"),
          quote(da, "qa2", "Brightwater Shipping had promised new cranes", "reported", ea[0], "said", role="mayor")]
    qb = [quote(db, "qb1", "Port Calder needs investment, and we are ready,", "direct", eb[0], "said", role="chief",
                org="Brightwater Shipping"),
          quote(db, "qb2", "the talks were difficult", "reported", eb[3], "said", role="mayor")]

    def number(doc: Document, nid: str, words: str, value: float) -> NumberClaim:
        s, e = _at(doc.text, words)
        return NumberClaim(id=nid, doc=doc.id, start=s, end=e, text=words, value=value, unit="workers",
                           about="workers", sentence=_sentence(doc.id, doc.text, s))

    def event(doc: Document, eid: str, words: str, date: str) -> Event:
        s, e = _at(doc.text, words)
        sent = _sentence(doc.id, doc.text, s)
        return Event(id=eid, doc=doc.id, start=s, end=e, text=doc.text[sent.start:sent.end], date=date,
                     date_text=words, sentence=sent)

    return [
        DocAnalysis(document=da, sentences=[Sentence(doc=da.id, start=s, end=e) for s, e in sentence_spans(TEXT_A)],
                    entities=ea, quotes=qa, numbers=[number(da, "na1", "1,200 workers", 1200)],
                    events=[event(da, "ev-a1", "3 May 2024", "2024-05-03"), event(da, "ev-a2", "10 May 2024", "2024-05-10")]),
        DocAnalysis(document=db, sentences=[Sentence(doc=db.id, start=s, end=e) for s, e in sentence_spans(TEXT_B)],
                    entities=eb, quotes=qb, numbers=[number(db, "nb1", "900 workers", 900)],
                    events=[event(db, "ev-b1", "3 May 2024", "2024-05-03")]),
    ]


def corpus(items: list[DocAnalysis]) -> tuple[list[Entity], list[Story], list[Alignment], list[ScreeningHit]]:
    """Cross-document results as the resolve/align/screen stages would produce them."""
    da, db = items
    by_name: dict[str, list[Entity]] = {}
    for e in da.entities + db.entities:
        by_name.setdefault(e.name, []).append(e)
    entities = []
    for i, (name, group) in enumerate(by_name.items()):
        entities.append(Entity(
            id=f"E{i + 1}", name=name, type=group[0].type,
            aliases=sorted({a for g in group for a in g.aliases}),
            mentions=[m for g in group for m in g.mentions], roles=[r for g in group for r in g.roles],
            docs=sorted({d for g in group for d in g.docs}), members=[g.id for g in group],
            merge_evidence=[{"rule": "exact-name", "score": 1.0}] if len(group) > 1 else []))
    story = Story(id="s1", title="Port Calder harbour talks", docs=[da.document.id, db.document.id],
                  start="2024-05-03", end="2024-05-10")

    def ref(a: DocAnalysis, words: str, kind: str = "sentence", ref_id: str | None = None) -> Ref:
        s, e = _at(a.document.text, words)
        return Ref(doc=a.document.id, start=s, end=e, text=words, kind=kind, ref_id=ref_id)

    alignments = [
        Alignment(id="al1", story="s1", relation="conflict", score=0.81,
                  a=ref(da, "1,200 workers", "number", "na1"), b=ref(db, "900 workers", "number", "nb1"),
                  features={"values": [1200, 900]}),
        Alignment(id="al2", story="s1", relation="same", score=0.92,
                  a=ref(da, "met officials of Brightwater Shipping in Port Calder on 3 May 2024"),
                  b=ref(db, "visited Port Calder on 3 May 2024")),
        Alignment(id="al3", story="s1", relation="only-here", score=1.0, a=ref(da, "Talks resume on 10 May 2024.")),
    ]
    tellan = next(e for e in entities if e.name == "Marco Tellan")
    hits = [ScreeningHit(entity=tellan.id, list="test-sanctions", list_entry_id="TS-1", score=0.93,
                         entry_name="Marco TELLAN", list_version="2024-05-01")]
    return entities, [story], alignments, hits


def dossier() -> Dossier:
    """The finalised dossier the API would serve."""
    from parallax.export.json import finalize

    items = analyses()
    entities, stories, alignments, hits = corpus(items)
    d = Dossier(documents=[a.document for a in items], entities=entities,
                quotes=[q for a in items for q in a.quotes], numbers=[n for a in items for n in a.numbers],
                events=[e for a in items for e in a.events], alignments=alignments, screening=hits, stories=stories)
    return finalize(d, screened=True)


def fill_store(db: str) -> None:
    """Store the sample the way `parallax analyze` would: analyses, corpus results, a list, screening."""
    from parallax.store import Store

    items = analyses()
    entities, stories, alignments, hits = corpus(items)
    with Store(db) as store:
        for a in items:
            store.save_analysis(a)
        store.save_corpus(entities, stories, alignments)
        store.replace_list("test-sanctions", "2024-05-01", "test", [{"id": "TS-1", "schema": "Person",
                                                                      "name": "Marco TELLAN"}])
        store.save_screening(hits)
