"""Story grouping on small and large corpora: shared distinctive parties join another angle of one
event (the markets) without joining different events that share only a country's usual names."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from parallax.ingest import iter_documents
from parallax.model import DocAnalysis, Document, Entity, Mention, RoleFact
from parallax.resolve import resolve_entities
from parallax.resolve.stories import _party_evidence, _party_weight, group_stories

DATA = Path(__file__).resolve().parent / "data"


# -- the party evidence on its own -------------------------------------------------------------

def _ent(eid: str, name: str, etype: str = "PERSON", role: str | None = None, docs=("x", "y")) -> Entity:
    roles = [RoleFact(doc=docs[0], role=role)] if role else []
    return Entity(id=eid, name=name, type=etype, roles=roles, docs=list(docs))


def _evidence(entities: list[Entity], df: dict[str, int] | None = None) -> float:
    by_id = {e.id: e for e in entities}
    weight = {e.id: _party_weight(e, (df or {}).get(e.id, 2)) for e in entities}
    return _party_evidence(set(by_id), by_id, weight)


def test_one_shared_party_is_no_evidence_and_more_add_up():
    assert _evidence([_ent("p1", "Ilka Morvan")]) == 0
    two = _evidence([_ent("p1", "Ilka Morvan"), _ent("o1", "Tarrow Freight Ltd", "ORG")])
    four = _evidence([_ent("p1", "Ilka Morvan"), _ent("o1", "Tarrow Freight Ltd", "ORG"),
                      _ent("f1", "Tarrow North terminal", "FAC"), _ent("p2", "Bas Quillen")])
    assert 0 < two < four == 1.0


def test_places_office_holders_institutions_and_common_parties_weigh_little():
    usual = [_ent("g1", "Ostravia", "GPE"), _ent("g2", "Veldmar", "GPE"),
             _ent("p1", "Aldo Verheyen", role="President"), _ent("o1", "Ministry of the Interior", "ORG")]
    assert _evidence(usual) == 0
    # the same distinctive names, but each in 40 articles of the corpus
    common = [_ent("p1", "Ilka Morvan"), _ent("o1", "Tarrow Freight Ltd", "ORG"), _ent("p2", "Bas Quillen")]
    assert _evidence(common, {"p1": 40, "o1": 40, "p2": 40}) == 0


def test_a_name_inside_another_shared_name_counts_once():
    split = [_ent("o1", "Tarrow Freight plc", "ORG"), _ent("o2", "Tarrow Freight", "PERSON"),
             _ent("p1", "Ilka Morvan")]
    assert _evidence(split) == _evidence(split[::2])


# -- real pipeline on invented articles --------------------------------------------------------

def _analyse(*folders: Path) -> list[DocAnalysis]:
    from parallax.pipeline import analyze_documents

    docs = [r.document for r in iter_documents([str(f) for f in folders]) if r.document is not None]
    return list(analyze_documents(docs))


def _groups(analyses: list[DocAnalysis]) -> list[list[str]]:
    entities = resolve_entities([e for a in analyses for e in a.entities])
    names = {a.document.id: Path(a.document.source).stem for a in analyses}
    return sorted(sorted(names[d] for d in s.docs) for s in group_stories(analyses, entities))


@pytest.fixture(scope="module")
def small_analyses():
    return _analyse(DATA / "stories_small")


def test_business_angle_joins_its_event_in_a_three_article_corpus(small_analyses):
    assert _groups(small_analyses) == [["budget-vote"], ["ferry-business", "ferry-wire"]]


def test_small_and_multi_story_corpora_together(small_analyses):
    both = small_analyses + _analyse(DATA / "stories")
    assert _groups(both) == [
        ["a1-kelby-blast-courier", "a2-kelby-blast-herald", "a3-kelby-blast-gazette"],
        ["b1-norland-rates-ledger", "b2-norland-rates-wire"],
        ["budget-vote"],
        ["c1-valdoria-election-times", "c2-valdoria-election-post"],
        ["ferry-business", "ferry-wire"],
    ]


# -- a large synthetic corpus: many events in one country in the same few days ------------------

def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3))


def test_large_corpus_of_events_sharing_only_common_names_is_not_merged():
    """40 events, each told by a news report and a markets piece that shares few words with it,
    all within two days, all naming the same country, capital, head of state and ministry."""
    rng = random.Random(7)
    common_words = [_word(rng) for _ in range(40)]
    usual = {"country": ("GPE", "Ostravia"), "capital": ("GPE", "Veldmar"),
             "president": ("PERSON", "Aldo Verheyen"), "ministry": ("ORG", "Ministry of Finance")}
    analyses: list[DocAnalysis] = []
    mentions: dict[str, list[Mention]] = {k: [] for k in usual}
    parties: dict[str, tuple[str, str]] = {}
    events = []
    for ev in range(40):
        own = [_word(rng) for _ in range(30)]
        names = {f"e{ev}p": ("PERSON", f"{_word(rng).title()} {_word(rng).title()}"),
                 f"e{ev}o": ("ORG", f"{_word(rng).title()} {_word(rng).title()} Holdings"),
                 f"e{ev}f": ("FAC", f"{_word(rng).title()} {_word(rng).title()} terminal")}
        parties.update(names)
        ids = []
        for angle in ("news", "markets"):
            words = (own[:20] if angle == "news" else own[18:]) + rng.sample(common_words, 15)
            doc_id = f"ev{ev}-{angle}"
            ids.append(doc_id)
            text = " ".join(rng.sample(words, len(words)))
            analyses.append(DocAnalysis(document=Document(
                id=doc_id, source=f"{doc_id}.txt", text=text, title=f"{angle} {ev}",
                published=f"2025-06-{10 + ev % 2:02d}T10:00:00+00:00")))
            for k in list(usual) + list(names):
                mentions.setdefault(k, []).append(Mention(doc=doc_id, start=0, end=1, text="x"))
        events.append(sorted(ids))
    entities = []
    for k, (etype, name) in {**usual, **parties}.items():
        roles = [RoleFact(doc=mentions[k][0].doc, role="President")] if k == "president" else []
        entities.append(Entity(id=k, name=name, type=etype, roles=roles, mentions=mentions[k],
                               docs=sorted({m.doc for m in mentions[k]})))
    stories = group_stories(analyses, entities)
    assert sorted(sorted(s.docs) for s in stories) == sorted(events)
