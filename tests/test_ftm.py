"""FollowTheMoney export: schemata, links between entities, validity, deterministic ids."""

from __future__ import annotations

import json

from followthemoney import model

from parallax.export.ftm import export_ftm
from parallax.model import Document, Dossier, Entity, Mention, Quote, RoleFact, ScreeningHit, Speaker

TEXT = ("Dana Whitlock, a Canadian trader, said the cargo was legal. "
        "Her firm, Slovakia's Brelo Trade, was sanctioned. \"We did nothing wrong,\" Whitlock said. "
        "An aide claimed the deal was off.")


def _dossier() -> Dossier:
    doc = Document(id="d1", source="https://news.example/a", title="Cargo row", byline="Ann Reporter",
                   outlet="Example News", published="2024-05-02", language="en", text=TEXT, content_hash="abc")
    s1, s2 = TEXT.index("Dana Whitlock"), TEXT.index("Whitlock said")
    b = TEXT.index("Brelo Trade")
    person = Entity(id="d1-e1", name="Dana Whitlock", type="PERSON", aliases=["Whitlock"], docs=["d1"],
                    mentions=[Mention(doc="d1", start=s1, end=s1 + 13, text="Dana Whitlock"),
                              Mention(doc="d1", start=s2, end=s2 + 8, text="Whitlock")],
                    roles=[RoleFact(doc="d1", role="trader")])
    firm = Entity(id="d1-e2", name="Brelo Trade", type="GPE", docs=["d1"],
                  mentions=[Mention(doc="d1", start=b, end=b + 11, text="Brelo Trade")])
    place = Entity(id="d1-e3", name="Slovakia", type="GPE", docs=["d1"],
                   mentions=[Mention(doc="d1", start=TEXT.index("Slovakia"), end=TEXT.index("Slovakia") + 8,
                                     text="Slovakia")])
    q = TEXT.index("We did")
    quote = Quote(id="d1-q1", doc="d1", start=q, end=q + 20, text=TEXT[q:q + 20], kind="direct", cue="said",
                  speaker=Speaker(entity="d1-e1", name="Whitlock"))
    r = TEXT.index("the deal was off")
    reported = Quote(id="d1-q2", doc="d1", start=r, end=r + 16, text=TEXT[r:r + 16], kind="reported",
                     cue="claimed", speaker=Speaker(name="An aide"))
    orphan = Quote(id="d1-q3", doc="d1", start=0, end=4, text="Dana", kind="partial")
    hit = ScreeningHit(entity="d1-e2", list="test", list_entry_id="x1", score=0.93, entry_name="BRELO TRADE LLC")
    return Dossier(documents=[doc], entities=[person, firm, place], quotes=[quote, reported, orphan],
                   screening=[hit])


def test_export_maps_schemata_and_links():
    out = list(export_ftm(_dossier()))
    by_schema: dict[str, list[dict]] = {}
    for e in out:
        by_schema.setdefault(e["schema"], []).append(e)
    (article,) = by_schema["Article"]
    assert article["properties"]["title"] == ["Cargo row"]
    assert article["properties"]["author"] == ["Ann Reporter"]
    assert article["properties"]["sourceUrl"] == ["https://news.example/a"]
    assert article["properties"]["publishedAt"] == ["2024-05-02"]
    assert "bodyText" not in article["properties"]

    people = {p["properties"]["name"][0]: p for p in by_schema["Person"]}
    whitlock = people["Dana Whitlock"]
    assert whitlock["properties"]["country"] == ["ca"]  # "a Canadian trader" right after the name
    assert whitlock["properties"]["position"] == ["trader"]
    assert "An aide" in people  # an unresolved speaker gets a Person of its own
    # the mistyped firm is exported because screening matched it; the country is not a party
    (firm,) = by_schema["LegalEntity"]
    assert firm["properties"]["name"] == ["Brelo Trade"] and firm["properties"]["country"] == ["sk"]
    assert "BRELO TRADE LLC" in firm["properties"]["notes"][0]
    assert not any(e["properties"].get("name") == ["Slovakia"] for e in out if e["schema"] != "Mention")

    mentions = by_schema["Mention"]
    assert {m["properties"]["name"][0] for m in mentions} == {"Dana Whitlock", "Whitlock", "Brelo Trade"}
    assert all(m["properties"]["document"] == [article["id"]] for m in mentions)
    assert {m["properties"]["resolved"][0] for m in mentions} == {whitlock["id"], firm["id"]}

    docs = {d["properties"]["summary"][0]: d for d in by_schema["Documentation"]}
    assert len(docs) == 2  # the unattributed quote is left out
    direct = docs["We did nothing wrong"]
    assert direct["properties"]["entity"] == [whitlock["id"]]
    assert direct["properties"]["document"] == [article["id"]]
    assert direct["properties"]["role"] == ["quoted"]
    assert "said" in direct["properties"]["description"][0]
    assert docs["the deal was off"]["properties"]["entity"] == [people["An aide"]["id"]]


def test_every_entity_is_valid_ftm_and_ids_are_deterministic():
    first = list(export_ftm(_dossier()))
    second = list(export_ftm(_dossier()))
    assert [e["id"] for e in first] == [e["id"] for e in second]
    assert len({e["id"] for e in first}) == len(first)
    ids = {e["id"] for e in first}
    for e in first:
        proxy = model.get_proxy(json.loads(json.dumps(e)))  # one JSON object per line round-trips
        for prop in proxy.schema.required:
            assert proxy.get(prop), (e["schema"], prop)
        for prop in proxy.iterprops():
            if prop.type.name == "entity":
                assert set(proxy.get(prop)) <= ids  # every reference points inside the export


def test_body_text_optional():
    (article,) = [e for e in export_ftm(_dossier(), include_text=True) if e["schema"] == "Article"]
    assert article["properties"]["bodyText"] == [TEXT]
