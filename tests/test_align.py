"""Statement alignment across sources: quotes, sentences, figures, only-here facts; the compare view."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from parallax.align import align_story
from parallax.model import (
    DocAnalysis,
    Document,
    Dossier,
    Entity,
    Mention,
    NumberClaim,
    Quote,
    Sentence,
    Speaker,
    Story,
)
from parallax.resolve import resolve_entities

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _analysis(doc_id: str, text: str, names: dict[str, str], quotes: list[tuple[str, str]] = (),
              numbers: list[tuple[str, float, str, str]] = ()) -> DocAnalysis:
    """A hand-built analysis: one sentence per line, entities by exact name, quotes and figures by text."""
    sentences, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            sentences.append(Sentence(doc=doc_id, start=pos, end=pos + len(line)))
        pos += len(line) + 1
    entities = []
    for k, (name, etype) in enumerate(names.items()):
        ms, i = [], text.find(name)
        while i >= 0:
            ms.append(Mention(doc=doc_id, start=i, end=i + len(name), text=name))
            i = text.find(name, i + 1)
        entities.append(Entity(id=f"{doc_id}-e{k}", name=name, type=etype, mentions=ms, docs=[doc_id]))

    def sent_of(i: int) -> Sentence:
        return next(s for s in sentences if s.start <= i < s.end)

    qs = []
    for k, (qtext, speaker) in enumerate(quotes):
        i = text.index(qtext)
        spk = next(e for e in entities if e.name == speaker)
        qs.append(Quote(id=f"{doc_id}-q{k}", doc=doc_id, start=i, end=i + len(qtext), text=qtext, kind="direct",
                        speaker=Speaker(entity=spk.id, name=speaker), sentence=sent_of(i)))
    ns = []
    for k, (ntext, value, unit, about) in enumerate(numbers):
        i = text.index(ntext)
        ns.append(NumberClaim(id=f"{doc_id}-n{k}", doc=doc_id, start=i, end=i + len(ntext), text=ntext,
                              value=value, unit=unit, about=about, sentence=sent_of(i)))
    doc = Document(id=doc_id, source=f"{doc_id}.txt", text=text, outlet=f"Outlet {doc_id}")
    return DocAnalysis(document=doc, sentences=sentences, entities=entities, quotes=qs, numbers=ns)


TEXT_A = (
    'Port director Ilse Marten said: "This is exactly why we came here."\n'
    "The fire at the Kessel harbour warehouse killed 42 people, officials said.\n"
    "Investigators from the Baltic Safety Agency examined the burnt cranes on Tuesday.\n"
    "Marten also promised compensation to the families of the dock workers within a month.\n"
)
TEXT_B = (
    'Ilse Marten told reporters: "That is precisely the reason we came here."\n'
    "At least 45 people died in the blaze at the Kessel harbour warehouse, according to the coast guard.\n"
    "Marten promised the dock workers' families compensation within a month.\n"
    "The weather was mild.\n"
)


def _align_texts(text_a: str, text_b: str) -> list:
    """Analyse two invented articles (published 2025-05-06) and align them as one story."""
    from parallax.pipeline import analyze_text

    a = analyze_text(text_a, doc_id="dA", published="2025-05-06")
    b = analyze_text(text_b, doc_id="dB", published="2025-05-06")
    return align_story(Story(id="S", title="t", docs=["dA", "dB"]), [a, b], resolve_entities(a.entities + b.entities))


@pytest.fixture(scope="module")
def aligned():
    a = _analysis("dA", TEXT_A, {"Ilse Marten": "PERSON", "Marten": "PERSON", "Kessel": "GPE",
                                 "Baltic Safety Agency": "ORG"},
                  quotes=[("This is exactly why we came here.", "Ilse Marten")],
                  numbers=[("42 people", 42, "people", "people killed in the warehouse fire")])
    b = _analysis("dB", TEXT_B, {"Ilse Marten": "PERSON", "Marten": "PERSON", "Kessel": "GPE"},
                  quotes=[("That is precisely the reason we came here.", "Ilse Marten")],
                  numbers=[("45 people", 45, "people", "people died in the warehouse blaze")])
    analyses = [a, b]
    entities = resolve_entities([e for x in analyses for e in x.entities])
    story = Story(id="S1", title="t", docs=["dA", "dB"])
    return analyses, entities, align_story(story, analyses, entities)


def test_same_quote_in_two_renderings(aligned):
    _, _, out = aligned
    quotes = [a for a in out if a.relation == "same" and a.a.kind == "quote"]
    assert len(quotes) == 1
    q = quotes[0]
    assert {q.a.text, q.b.text} == {"This is exactly why we came here.", "That is precisely the reason we came here."}
    assert TEXT_A[q.a.start:q.a.end] == q.a.text if q.a.doc == "dA" else TEXT_B[q.a.start:q.a.end] == q.a.text
    assert q.features["speaker"] == "Ilse Marten" and q.story == "S1"


def test_same_claim_in_other_words(aligned):
    _, _, out = aligned
    pairs = {(a.a.text[:20], a.b.text[:20]) for a in out if a.relation == "same" and a.a.kind == "sentence"}
    assert ("Marten also promised", "Marten promised the ") in pairs
    # the promise sentence pairs only with its counterpart
    promise = [a for a in out if a.relation == "same" and "compensation" in a.a.text]
    assert all("compensation" in a.b.text for a in promise)


def test_conflicting_figures(aligned):
    _, _, out = aligned
    conflicts = [a for a in out if a.relation == "conflict"]
    assert len(conflicts) == 1
    c = conflicts[0]
    assert {c.a.text, c.b.text} == {"42 people", "45 people"} and c.a.kind == "number"
    assert c.features["values"] in ([42, 45], [45, 42])
    assert not [a for a in out if a.relation == "agree"]


def test_agreeing_figures_and_qualifiers():
    a = _analysis("dA", "The storm destroyed 120 homes in Lorvik.\n", {"Lorvik": "GPE"},
                  numbers=[("120 homes", 120, "homes", "homes destroyed by the storm")])
    b = _analysis("dB", "More than 100 homes in Lorvik were destroyed by the storm.\n", {"Lorvik": "GPE"},
                  numbers=[("More than 100 homes", 100, "homes", "homes destroyed by the storm")])
    b.numbers[0].qualifier = "more than"
    ents = resolve_entities(a.entities + b.entities)
    out = align_story(Story(id="S", title="t", docs=["dA", "dB"]), [a, b], ents)
    assert [x.relation for x in out if x.a.kind == "number"] == ["agree"]


def test_only_here_reports_informative_unmatched_sentences(aligned):
    _, _, out = aligned
    only = [a for a in out if a.relation == "only-here"]
    texts = [a.a.text for a in only]
    assert any("Baltic Safety Agency" in t for t in texts)
    assert all(a.b is None for a in only)
    assert not any("weather" in t for t in texts)  # no named entity, no figure: not informative
    assert not any("compensation" in t for t in texts)


def test_single_source_story_has_no_alignments(aligned):
    analyses, entities, _ = aligned
    assert align_story(Story(id="S2", title="t", docs=["dA"]), analyses, entities) == []


def test_embedder_adds_a_feature(aligned):
    analyses, entities, _ = aligned

    def fake(texts: list[str]) -> list[list[float]]:
        return [[1.0, float("Marten" in t)] for t in texts]

    out = align_story(Story(id="S1", title="t", docs=["dA", "dB"]), analyses, entities, embedder=fake)
    assert any("embedding" in a.features for a in out if a.relation == "same" and a.a.kind == "sentence")


def test_compare_view_columns_and_escaping(aligned):
    analyses, entities, out = aligned
    analyses[0].document.text  # noqa: B018
    dossier = Dossier(documents=[a.document for a in analyses], entities=entities, alignments=out,
                      stories=[Story(id="S1", title="Kessel [bold]fire[/bold]", docs=["dA", "dB"])])
    from parallax.align.compare import print_comparison

    buf = io.StringIO()
    print_comparison(dossier, "S1", Console(file=buf, width=160, color_system=None))
    shown = buf.getvalue()
    assert "Outlet dA" in shown and "Outlet dB" in shown
    assert "conflict" in shown and "only in Outlet dA" in shown
    assert "[bold]fire[/bold]" in shown  # markup in text is printed, not interpreted


def test_seed_alignments_against_gold(seed_corpus):
    from parallax.evaluate import evaluate

    gold, analyses, result, dossier = seed_corpus
    assert len(result.stories) == 1 and len(result.stories[0].docs) == 2
    report = evaluate(gold, dossier)["alignments"]
    assert report["only_in_recall"] == 1.0, report["errors"]
    assert report["pair_recall"] == 1.0, report["errors"]  # the 'dodge' paraphrase through its passage
    assert report["false_alignments"] == 0, report["errors"]
    same = [a for a in result.alignments if a.relation == "same"]
    assert any("contravention" in a.a.text + a.b.text and "breach" in a.a.text + a.b.text for a in same)


def test_embeddings_add_agree_links_without_changing_lexical_ones(aligned):
    analyses, entities, lexical = aligned

    def fake(texts: list[str]) -> list[list[float]]:
        # the agency sentence "means the same" as the weather sentence, which shares no word with it;
        # every other text points its own way
        return [[1.0] + [0.0] * len(texts) if ("Investigators" in t or "weather" in t)
                else [0.0] + [float(k == i) for k in range(len(texts))] for i, t in enumerate(texts)]

    out = align_story(Story(id="S1", title="t", docs=["dA", "dB"]), analyses, entities, embedder=fake)
    lexical_same = {(a.a.start, a.b.start) for a in lexical if a.relation == "same"}
    assert lexical_same <= {(a.a.start, a.b.start) for a in out if a.relation == "same"}
    # a high cosine alone is topical likeness, not the same claim: nothing shared, no link
    assert not [a for a in out if a.features.get("via") == "embedding"]


@pytest.mark.slow
def test_real_embeddings_on_the_seeds_never_cost_recall_precision_or_only_here():
    pytest.importorskip("sentence_transformers", reason="optional extra 'semantic' not installed")
    from pathlib import Path

    from parallax.align import align_all
    from parallax.align.embed import load_embedder
    from parallax.corpus import CorpusResult, dossier_from
    from parallax.evaluate import evaluate
    from parallax.ingest import iter_documents
    from parallax.pipeline import analyze_documents
    from parallax.resolve.stories import group_stories

    root = Path(__file__).resolve().parent.parent.parent / "shared"
    if not (root / "corpus" / "seeds").exists():
        pytest.skip("../shared not present")
    docs = [r.document for r in iter_documents([str(root / "corpus" / "seeds")]) if r.document]
    analyses = list(analyze_documents(docs))
    entities = resolve_entities([e for a in analyses for e in a.entities])
    stories = group_stories(analyses, entities)
    gold = json.loads((root / "gold" / "seeds.gold.json").read_text(encoding="utf-8"))
    scores = {}
    for name, emb in (("lexical", None), ("embeddings", load_embedder())):
        al = align_all(stories, analyses, entities, embedder=emb)
        d = dossier_from(analyses, CorpusResult(entities=entities, stories=stories, alignments=al))
        scores[name] = evaluate(gold, d)["alignments"]
    assert scores["embeddings"]["only_in_recall"] == scores["lexical"]["only_in_recall"] == 1.0
    assert scores["embeddings"]["pair_recall"] >= scores["lexical"]["pair_recall"]
    assert scores["embeddings"]["false_alignments"] == 0
    # claim-level lexical links already hold what the embedder would rescue on the seeds (measured:
    # docs/evaluation.md); the rescue itself is tested with calibrated fake embedders above
    assert scores["embeddings"]["same_agree_predicted"] >= scores["lexical"]["same_agree_predicted"]


def test_low_cosine_never_links(aligned):
    analyses, entities, lexical = aligned

    def orthogonal(texts: list[str]) -> list[list[float]]:
        return [[float(i == k) for k in range(len(texts))] for i in range(len(texts))]

    out = align_story(Story(id="S1", title="t", docs=["dA", "dB"]), analyses, entities, embedder=orthogonal)
    assert not [a for a in out if a.features.get("via") == "embedding"]
    assert {a.relation for a in out if a.relation == "only-here"} == {a.relation for a in lexical if a.relation == "only-here"}


# --- claim overlap, negation, surface-form names, calibrated embedding rescue -------------------

def _story(texts: dict[str, str], names: dict[str, str], quotes: dict[str, list[tuple[str, str]]] | None = None,
           embedder=None):
    analyses = [_analysis(d, t, names, quotes=(quotes or {}).get(d, [])) for d, t in texts.items()]
    entities = resolve_entities([e for x in analyses for e in x.entities])
    return align_story(Story(id="S", title="t", docs=list(texts)), analyses, entities, embedder=embedder)


def _same_sentences(out):
    return {(a.a.text, a.b.text) for a in out if a.relation in ("same", "agree") and a.a.kind == "sentence"}


NAMES = {"Oren Haldt": "PERSON", "Haldt": "PERSON", "Pell Mining": "ORG", "Varnholm": "GPE"}


def test_same_speaker_and_attribution_with_a_different_claim_do_not_align():
    # everything shared sits in the attribution (speaker, role, day); the reported claims share no word
    a = "Oren Haldt, the harbour master of Varnholm, told reporters on Tuesday that the cranes were repaired.\n"
    b = "Oren Haldt, the harbour master of Varnholm, told reporters on Tuesday that ferry fares would double.\n"
    out = _story({"dA": a, "dB": b}, NAMES,
                 {"dA": [("the cranes were repaired", "Oren Haldt")], "dB": [("ferry fares would double", "Oren Haldt")]})
    assert not _same_sentences(out)


def test_same_predicate_in_the_claim_aligns():
    a = "Mayor Oren Haldt said the trader from Pell Mining had been summoned to Varnholm for questioning.\n"
    b = "Haldt said on Friday that the Pell Mining trader was summoned to Varnholm for questioning.\n"
    out = _story({"dA": a, "dB": b}, NAMES,
                 {"dA": [("the trader from Pell Mining had been summoned to Varnholm for questioning", "Oren Haldt")],
                  "dB": [("the Pell Mining trader was summoned to Varnholm for questioning", "Haldt")]})
    assert _same_sentences(out) == {(a.strip(), b.strip())}


def test_negation_mismatch_lowers_the_score():
    base = "Oren Haldt said the Varnholm smelter {} close its furnaces before the winter season.\n"
    plain = _story({"dA": base.format("will"), "dB": base.format("will")}, NAMES)
    negated = _story({"dA": base.format("will"), "dB": base.format("will not")}, NAMES)
    s_plain = max(a.score for a in plain if a.relation == "same")
    s_neg = [a for a in negated if a.relation == "same"]
    assert not s_neg or max(a.score for a in s_neg) < s_plain
    assert any(a.features.get("negation_mismatch") for a in s_neg) or not s_neg


def test_names_missed_by_the_extractor_are_not_content_words():
    # the second sentence names the firm without a mention span: its words must still count as a name
    from parallax.align.units import EntityIndex, document_units

    text = "Pell Mining opened a new office in Varnholm.\nThe board of Pell Mining met on Monday in the city.\n"
    an = _analysis("dA", text, {"Pell Mining": "ORG", "Varnholm": "GPE"})
    ent = an.entities[0]
    ent.mentions = ent.mentions[:1]  # only the first mention was extracted
    sentences, _ = document_units(an, EntityIndex(resolve_entities(an.entities)))
    assert "pell" not in sentences[1].stems and "mining" not in sentences[1].stems
    assert sentences[1].entities  # and it is recorded as naming the entity


def _topic_embedder(groups: list[tuple[str, ...]]):
    """Texts containing a word of the same group get the same direction; the rest are orthogonal."""
    def embed(texts: list[str]) -> list[list[float]]:
        out = []
        for i, t in enumerate(texts):
            g = next((k for k, words in enumerate(groups) if any(w in t for w in words)), None)
            out.append([float(g == k) for k in range(len(groups))] + [0.0 if g is not None else 1.0]
                       + [float(g is None and k == i) for k in range(len(texts))])
        return out
    return embed


PARA_A = ("Oren Haldt said Varnholm would ask its neighbours for help if the trader did not cooperate.\n"
          "Oren Haldt opened the new ferry terminal in Varnholm last spring.\n")
PARA_B = ("Haldt said Varnholm would seek outside assistance if the broker refused.\n"
          "Storm damage closed the coastal road near Skerrin for two days.\n")


def test_embedding_rescues_a_paraphrase_that_shares_an_entity():
    emb = _topic_embedder([("neighbours for help", "outside assistance")])
    lexical = _story({"dA": PARA_A, "dB": PARA_B}, NAMES)
    out = _story({"dA": PARA_A, "dB": PARA_B}, NAMES, embedder=emb)
    assert not _same_sentences(lexical)
    rescued = [a for a in out if a.features.get("via") == "embedding"]
    assert [(a.relation, a.a.text[:30], a.b.text[:30]) for a in rescued] == [
        ("agree", PARA_A[:30], PARA_B[:30])]
    assert rescued[0].features["embedding"] >= 0.70


def test_embedding_never_links_without_a_shared_entity_or_figure_and_keeps_only_here():
    # the terminal and the storm sentences "mean the same" to the embedder but share no name or figure
    emb = _topic_embedder([("ferry terminal", "coastal road")])
    lexical = _story({"dA": PARA_A, "dB": PARA_B}, NAMES)
    out = _story({"dA": PARA_A, "dB": PARA_B}, NAMES, embedder=emb)
    assert not [a for a in out if a.features.get("via") == "embedding"]
    only = lambda al: {a.a.text for a in al if a.relation == "only-here"}  # noqa: E731
    assert only(out) == only(lexical) and any("ferry terminal" in t for t in only(out))


def test_embedding_below_threshold_does_not_link():
    def weak(texts: list[str]) -> list[list[float]]:  # every pair at cosine 0.5
        return [[1.0, 1.0 if "help" in t else 0.0, 1.0 if "assistance" in t else 0.0] for t in texts]

    out = _story({"dA": PARA_A, "dB": PARA_B}, NAMES, embedder=weak)
    assert not [a for a in out if a.features.get("via") == "embedding"]


@pytest.mark.slow
def test_real_embedder_rates_a_paraphrase_above_the_agree_threshold():
    pytest.importorskip("sentence_transformers", reason="optional extra 'semantic' (sentence-transformers) not installed")
    from parallax.align.embed import load_embedder
    from parallax.align.statements import EMB_AGREE, _cos

    try:
        embed = load_embedder()
    except ImportError as exc:
        pytest.skip(str(exc))
    v = embed(["the port would reopen two of its berths on Thursday",
               "two berths at the port reopened on Thursday",
               "the minister said taxes on fuel would rise next year"])
    assert _cos(v[0], v[1]) >= EMB_AGREE > _cos(v[0], v[2])


def test_embeddings_never_join_claims_of_different_speakers():
    a = _analysis("dA", 'Mara Voss said "the buyer was Selden Trading, a firm in Dubai".\n',
                  {"Mara Voss": "PERSON", "Selden Trading": "ORG"},
                  quotes=[("the buyer was Selden Trading, a firm in Dubai", "Mara Voss")])
    b = _analysis("dB", 'Ivo Brandt said "Selden Trading bought the cargo and is under investigation".\n',
                  {"Ivo Brandt": "PERSON", "Selden Trading": "ORG"},
                  quotes=[("Selden Trading bought the cargo and is under investigation", "Ivo Brandt")])
    ents = resolve_entities(a.entities + b.entities)

    def same(texts: list[str]) -> list[list[float]]:
        return [[1.0, 0.0] for _ in texts]

    out = align_story(Story(id="S", title="t", docs=["dA", "dB"]), [a, b], ents, embedder=same)
    assert not [x for x in out if x.features.get("via") == "embedding" and x.a.kind == "sentence"]


# -- claims and passages, from real analyses of invented articles ------------------------------------

PASSAGE_A = (
    "Coastal ban talks stall in Veris\n\n"
    "Several governments have warned Ostrava that selling sonar to Veris would breach the regional embargo, but "
    "Ostrava may be able to sidestep it because such devices also have civilian uses at sea.\n\n"
    "The harbour in Veris reopened on Monday after a week of repairs.\n"
)
PASSAGE_B = (
    "Veris and Ostrava sign fishing pact\n\n"
    "Yet the same embargo can be read in more than one way, Ana Kovac, a trade lawyer at the Danube Policy "
    "Centre, told reporters. According to Kovac, exporters of sonar have long argued that the regional rules were "
    "written for warships, not for civilian boats at sea.\n\n"
    "The harbour in Veris reopened on Monday after a week of repairs, port officials said.\n"
)


@pytest.fixture(scope="module")
def passage_aligned():
    from parallax.pipeline import analyze_text

    a = analyze_text(PASSAGE_A, doc_id="dPA", published="2025-05-06")
    b = analyze_text(PASSAGE_B, doc_id="dPB", published="2025-05-06")
    entities = resolve_entities(a.entities + b.entities)
    story = Story(id="SP", title="t", docs=["dPA", "dPB"])
    return align_story(story, [a, b], entities)


@pytest.mark.slow
def test_paragraphs_making_one_point_in_other_words_are_aligned_as_passages(passage_aligned):
    passages = [x for x in passage_aligned if x.a.kind == "passage"]
    assert len(passages) == 1
    p = passages[0]
    assert p.relation == "agree" and p.features["via"] == "passage"
    texts = {p.a.text[:20], p.b.text[:20]}
    assert texts == {"Several governments ", "Yet the same embargo"}
    assert len(p.features["content_words"]) >= 4


@pytest.mark.slow
def test_claims_linked_one_by_one_make_no_passage(passage_aligned):
    harbour = [x for x in passage_aligned if x.relation == "same" and "harbour" in x.a.text]
    assert harbour and all(x.a.kind == "claim" and "harbour" in x.b.text for x in harbour)
    assert not any(x.a.kind == "passage" and "harbour" in x.a.text for x in passage_aligned)


@pytest.mark.slow
def test_passages_with_conflicting_figures_do_not_agree():
    out = _align_texts("Storm in Veris\n\nThe storm killed 12 people in Veris on Monday and flooded the old market, "
                       "officials in the coastal province said after touring the damaged quays.\n",
                       "Veris counts the cost\n\nAt least 19 people died when the storm hit the old market in Veris "
                       "on Monday, the coastal province's governor said while touring the quays.\n")
    assert not any(x.a.kind == "passage" for x in out)
    assert any(x.relation == "conflict" and x.a.kind == "number" for x in out)


def test_word_classes_stems_and_measures():
    from parallax.align.units import measure_stems, units_comparable, units_match

    a, b = measure_stems("customs impounded the shipment"), measure_stems("officers seized the cargo")
    assert "=seize" in a and "=seize" in b and "=cargo" in a and "=cargo" in b
    assert set(measure_stems("the death toll rose")) == set(measure_stems("deaths rose")) == {"~dead", "=rise"}
    assert measure_stems("violation")[0] == measure_stems("violated")[0]
    assert units_match("", "people") and not units_match("", "usd") and not units_match("", "km")
    assert units_comparable("workers", "people") and not units_comparable("usd", "people")
    assert measure_stems("we will stay")[-1] == measure_stems("we will remain")[-1]
    assert measure_stems("held in police custody")[-1] == measure_stems("was detained")[-1] == "~arrested"


def test_one_shared_phrase_is_a_topic_not_a_claim():
    from parallax.align.statements import _Weights, _sentence_score
    from parallax.align.units import EntityIndex, Unit, measure_stems, one_phrase
    from parallax.model import Ref

    assert one_phrase("every tally sheet was signed", {"tall", "sheet"})
    assert not one_phrase("the tally on each sheet was signed", {"tall", "sheet"})

    def unit(text):
        return Unit(ref=Ref(doc="d" + text[:3], start=0, end=len(text), text=text, kind="claim"),
                    stems=measure_stems(text), claim=text, claim_stems=measure_stems(text))

    a, b = unit("every tally sheet was signed by both agents"), unit("we have photographed the tally sheets")
    c = unit("the tally sheets were signed by agents of both parties")
    w = _Weights([a, b, c])
    assert "one phrase shared" in _sentence_score(a, b, w, EntityIndex([]), None)[1]["not_same"]
    assert "not_same" not in _sentence_score(a, c, w, EntityIndex([]), None)[1]


def test_counts_timestamps_and_people_keep_claims_apart():
    from parallax.align.statements import _counts_apart, _different_people
    from parallax.align.units import EntityIndex, Unit, counted_nouns
    from parallax.model import Ref

    assert counted_nouns("customs seized eight containers") == {(8.0, "contain")}
    assert counted_nouns("it would reopen two of its five berths") == {(2.0, "berth"), (5.0, "berth")}
    assert counted_nouns("In 2019, weeks of strikes followed") == frozenset()  # a year before a comma counts nothing

    def unit(text, **kw):
        return Unit(ref=Ref(doc="d", start=0, end=len(text), text=text, kind="claim"), stems=[], **kw)

    eight, six = unit("seized eight containers", counts=counted_nouns("seized eight containers")), \
        unit("detained six containers", counts=counted_nouns("detained six containers"))
    assert _counts_apart(eight, six) and not _counts_apart(eight, eight)
    assert not unit("Wednesday 8 October 2025 06:00 BST").alignable()
    assert unit("The port reopened on 8 October").alignable()
    index = EntityIndex([])
    kovac = unit("a", speaker_name="Ana Kovac")
    assert _different_people(kovac, unit("b", speaker_name="Ivo Marsh"), index)
    assert not _different_people(kovac, unit("c", speaker_name="Kovač"), index)
    assert not _different_people(kovac, unit("d"), index)  # the outlet's own words


@pytest.mark.slow
def test_a_part_and_its_whole_are_not_conflicting_figures():
    out = _align_texts("Vote count in Veris\n\nObservers checked the tally sheets at 9,100 out of about 12,000 "
                       "polling stations in Veris on Sunday.\n",
                       "Veris count disputed\n\nThe commission published results from 9,100 polling stations in "
                       "Veris on Sunday, and 11,000 polling stations had reported by Monday.\n")
    conflicts = [x for x in out if x.relation == "conflict"]
    assert not any("12,000" in x.a.text + x.b.text for x in conflicts)


@pytest.mark.slow
def test_a_sum_and_its_conversion_agree_with_the_other_source_and_people_counts_under_two_nouns():
    out = _align_texts("Ferry deal signed\n\nOstrava Lines signed a contract worth $3.6 billion (about 5.1 trillion "
                       "won) with the shipyard on Monday. During protests at the yard, 37 police personnel were "
                       "injured.\n",
                       "Shipyard wins ferry order\n\nThe shipyard said the order is worth $3.6 billion, or some 330 "
                       "billion rubles. Police said 37 officers were hurt in the clashes.\n")
    agree = {tuple(sorted((x.a.text, x.b.text))) for x in out if x.relation == "agree" and x.a.kind == "number"}
    assert tuple(sorted(("$3.6 billion", "$3.6 billion"))) in agree
    assert any("trillion won" in p and "rubles" in q or "rubles" in p and "trillion won" in q for p, q in agree)
    assert any("37 police personnel" in p + q and "37 officers" in p + q for p, q in agree)
    assert not any(x.relation == "conflict" and "won" in x.a.text + x.b.text for x in out)


def test_specific_values_and_bounds():
    from parallax.align.numbers import _bounds_compatible, _significant_digits, _specific_value_bonus
    from parallax.model import NumberClaim

    assert [_significant_digits(v) for v in (52.4, 11200, 37, 40000, 3.4e6)] == [3, 3, 2, 1, 2]
    assert _specific_value_bonus(3, "%") > _specific_value_bonus(2, "%") > _specific_value_bonus(1, "%") == 0
    assert _specific_value_bonus(2, "usd") > _specific_value_bonus(2, "people")

    def n(q):
        return NumberClaim(doc="d", start=0, end=1, text="x", value=40.0, qualifier=q)

    assert _bounds_compatible(n("about"), n(None)) and not _bounds_compatible(n("more than"), n("up to"))


def test_near_verbatim_claims_link_even_when_their_shared_words_are_modifiers():
    from parallax.align.statements import _Weights, _sentence_score
    from parallax.align.units import EntityIndex, Unit, measure_stems
    from parallax.model import Ref

    def unit(text, doc, peripheral):
        st = measure_stems(text)
        return Unit(ref=Ref(doc=doc, start=0, end=len(text), text=text, kind="claim"), stems=st, claim=text,
                    claim_stems=st, peripheral=frozenset(s for s in st if s in peripheral))

    mods = set(measure_stems("detained reporter private broadcaster"))
    a = unit("among those detained is a reporter for the private broadcaster", "dA", mods)
    b = unit("among those detained was a reporter for the private broadcaster", "dB", mods)
    c = unit("a reporter for the private broadcaster filed the story", "dC", mods)
    w = _Weights([a, b, c])
    assert "not_same" not in _sentence_score(a, b, w, EntityIndex([]), None)[1]
    assert "only modifiers shared" in _sentence_score(a, c, w, EntityIndex([]), None)[1]["not_same"]


@pytest.mark.slow
def test_a_casualty_measure_never_types_a_count_of_things_and_overhauled_means_refurbished():
    out = _align_texts("Port seizure\n\nCustoms officers in Velmar detained six containers of drone parts at the "
                       "port on Monday. The army will receive 120 overhauled trucks.\n",
                       "Velmar seizure\n\nCustoms officers in Velmar seized eight containers of drone parts at the "
                       "port on Monday. The army will receive 90 refurbished trucks.\n")
    conflicts = {tuple(sorted((x.a.text, x.b.text))) for x in out if x.relation == "conflict"}
    assert tuple(sorted(("six containers", "eight containers"))) in conflicts
    assert tuple(sorted(("120 overhauled trucks", "90 refurbished trucks"))) in conflicts


@pytest.mark.slow
def test_crowd_sizes_by_organisers_and_police_conflict():
    out = _align_texts("March in Velmar\n\nThe organisers said more than 30,000 people joined the march in Velmar "
                       "on Sunday.\n",
                       "Velmar protest\n\nPolice estimated the crowd in Velmar at about 9,000 on Sunday.\n")
    conflict = [x for x in out if x.relation == "conflict" and x.a.kind == "number"]
    assert conflict and {"more than 30,000 people", "about 9,000"} == {conflict[0].a.text, conflict[0].b.text}
    assert conflict[0].features["measure"] == ["crowd"]
