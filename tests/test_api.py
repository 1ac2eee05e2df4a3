"""REST API + web pages over a temp SQLite store filled with a hand-built dossier (tests/_web_sample.py)."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

import _web_sample as sample
from parallax.api import create_app
from parallax.api import repo as repo_module
from parallax.model import DocAnalysis, Document

A, B = "da000000000000001", "db000000000000002"
TEXTS = {A: sample.TEXT_A, B: sample.TEXT_B}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("api") / "parallax.db")
    sample.fill_store(path)
    return path


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(db))


def check_provenance(item: dict) -> None:
    """The provenance points at real text: offsets, sentence and link agree with the document."""
    p = item["provenance"]
    text = TEXTS[p["doc"]]
    assert p["text"] == text[p["start"]:p["end"]]
    s = p["sentence"]
    assert s["text"] == text[s["start"]:s["end"]]
    assert s["start"] <= p["start"] and p["end"] <= s["end"]
    assert p["url"] == f"/doc/{p['doc']}#{p['start']}-{p['end']}"


def test_openapi_and_root(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/documents", "/api/quotes", "/api/decisions", "/api/entities/{entity_id}"):
        assert path in spec["paths"]
    assert client.get("/docs").status_code == 200
    counts = client.get("/api").json()["counts"]
    assert counts == {"documents": 2, "stories": 1, "entities": 5, "quotes": 4, "numbers": 2, "events": 3,
                      "alignments": 3, "screening": 1, "claims": 0}


def test_documents(client):
    page = client.get("/api/documents").json()
    assert page["total"] == 2 and page["limit"] == 50 and page["offset"] == 0
    assert {d["id"] for d in page["items"]} == {A, B}
    assert all("text" not in d for d in page["items"])
    assert client.get("/api/documents", params={"outlet": "calder courier"}).json()["items"][0]["id"] == B
    one = client.get(f"/api/documents/{A}").json()
    assert one["text"] == sample.TEXT_A and one["stories"] == ["s1"]
    assert all(sample.TEXT_A[s["start"]:s["end"]].strip() for s in one["sentences"])
    assert client.get("/api/documents/nope").status_code == 404


def test_pagination(client):
    first = client.get("/api/quotes", params={"limit": 1}).json()
    second = client.get("/api/quotes", params={"limit": 1, "offset": 1}).json()
    assert first["total"] == second["total"] == 4
    assert len(first["items"]) == len(second["items"]) == 1
    assert first["items"][0]["id"] != second["items"][0]["id"]
    assert client.get("/api/quotes", params={"offset": 10}).json()["items"] == []
    assert client.get("/api/quotes", params={"limit": 501}).status_code == 422


def test_stories(client):
    stories = client.get("/api/stories").json()
    assert stories["total"] == 1 and stories["items"][0]["outlets"] == ["Calder Courier", "Veltria Herald"]
    story = client.get("/api/stories/s1").json()
    assert [d["id"] for d in story["documents"]] == [A, B]
    assert {e["name"] for e in story["entities"]} >= {"Lena Ostrova", "Marco Tellan", "Port Calder"}
    dates = [e["date"] for e in story["timeline"]]
    assert dates == sorted(dates) and dates[0] == "2024-05-03" and dates[-1] == "2024-05-10"
    graph = client.get("/api/stories/s1/graph").json()
    kinds = {(e["source"], e["target"], e["kind"]) for e in graph["edges"]}
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    said = {(names[a], names[b]) for a, b, k in kinds if k == "said-about"}
    assert ("Marco Tellan", "Port Calder") in said and ("Lena Ostrova", "Brightwater Shipping") in said
    assert client.get("/api/stories/s1/timeline").json()["total"] == 3
    assert client.get("/api/stories/s2").status_code == 404


def test_entities(client):
    people = client.get("/api/entities", params={"type": "PERSON"}).json()
    assert {e["name"] for e in people["items"]} == {"Lena Ostrova", "Marco Tellan"}
    found = client.get("/api/entities", params={"q": "brightwater"}).json()["items"]
    assert [e["name"] for e in found] == ["Brightwater Shipping"]
    lena_id = next(e["id"] for e in people["items"] if e["name"] == "Lena Ostrova")
    lena = client.get(f"/api/entities/{lena_id}").json()
    assert {m["provenance"]["doc"] for m in lena["mentions"]} == {A, B}
    for m in lena["mentions"]:
        check_provenance(m)
    assert lena["roles"][0]["role"] == "mayor" and lena["roles"][0]["provenance"]["text"] == "Mayor"
    assert lena["merge_evidence"] and lena["screening"]["status"] == "clear"
    # a per-document member id resolves to its merged entity
    member = lena["members"][0]
    assert client.get(f"/api/entities/{member}").json()["id"] == lena_id
    tellan_id = next(e["id"] for e in people["items"] if e["name"] == "Marco Tellan")
    tellan = client.get(f"/api/entities/{tellan_id}").json()
    assert tellan["screening"]["status"] == "hit" and tellan["screening"]["hits"][0]["list_entry_id"] == "TS-1"


def test_quotes_filters(client):
    all_quotes = client.get("/api/quotes").json()["items"]
    for q in all_quotes:
        check_provenance(q)
        assert q["provenance"]["text"] == q["text"]
    lena_id = next(q["speaker"]["entity"] for q in all_quotes if q["speaker"]["name"] == "Lena Ostrova")
    by_id = client.get("/api/quotes", params={"speaker": lena_id}).json()
    assert by_id["total"] == 3 and {q["doc"] for q in by_id["items"]} == {A, B}
    by_name = client.get("/api/quotes", params={"speaker": "tellan"}).json()["items"]
    assert [q["id"] for q in by_name] == ["qb1"] and by_name[0]["speaker"]["screening"] == "hit"
    assert [q["id"] for q in client.get("/api/quotes", params={"kind": "reported", "doc": A}).json()["items"]] == ["qa2"]
    assert client.get("/api/quotes", params={"story": "s1"}).json()["total"] == 4
    later = client.get("/api/quotes", params={"date_from": "2024-05-05"}).json()["items"]
    assert {q["doc"] for q in later} == {B}
    earlier = client.get("/api/quotes", params={"date_to": "2024-05-04"}).json()["items"]
    assert {q["doc"] for q in earlier} == {A}
    assert client.get("/api/quotes", params={"date_from": "2024-06"}).json()["total"] == 0
    assert client.get("/api/quotes", params={"story": "nope"}).status_code == 404


def test_numbers_events_alignments_screening(client):
    numbers = client.get("/api/numbers", params={"doc": B}).json()["items"]
    assert [n["value"] for n in numbers] == [900]
    check_provenance(numbers[0])
    events = client.get("/api/events", params={"date_from": "2024-05-04"}).json()["items"]
    assert [e["date"] for e in events] == ["2024-05-10"]
    assert client.get("/api/events", params={"story": "s1", "date_to": "2024-05"}).json()["total"] == 3
    conflicts = client.get("/api/alignments", params={"relation": "conflict"}).json()["items"]
    assert len(conflicts) == 1
    assert conflicts[0]["a"]["provenance"]["text"] == "1,200 workers"
    assert conflicts[0]["b"]["provenance"]["text"] == "900 workers"
    only = client.get("/api/alignments", params={"story": "s1", "relation": "only-here"}).json()["items"]
    assert only[0]["b"] is None and only[0]["provenance"]["doc"] == A
    hits = client.get("/api/screening").json()["items"]
    assert hits[0]["entity_name"] == "Marco Tellan" and hits[0]["provenance"]["doc"] == B
    assert client.get("/api/screening", params={"list": "other"}).json()["total"] == 0


def test_decisions_round_trip(db):
    client = TestClient(create_app(db))
    made = client.post("/api/decisions", json={"kind": "split", "a": "E1", "b": "Lena Ostrova", "note": "two people"})
    assert made.status_code == 201
    decision = made.json()
    assert decision["kind"] == "split" and decision["created"]
    listed = client.get("/api/decisions").json()
    assert decision["id"] in [d["id"] for d in listed["items"]]
    from parallax.store import Store

    with Store(db) as store:  # the next analyze run reads them from the store
        assert any(d.id == decision["id"] and d.note == "two people" for d in store.decisions())
    assert client.delete(f"/api/decisions/{decision['id']}").status_code == 204
    assert client.delete(f"/api/decisions/{decision['id']}").status_code == 404
    assert client.post("/api/decisions", json={"kind": "join", "a": "x", "b": "y"}).status_code == 422
    assert client.post("/api/decisions", json={"kind": "merge", "a": "", "b": "y"}).status_code == 422
    assert client.post("/api/decisions", content="not json", headers={"content-type": "application/json"}).status_code == 422


def test_read_only_refuses_writes(db):
    client = TestClient(create_app(db, read_only=True))
    r = client.post("/api/decisions", json={"kind": "merge", "a": "E1", "b": "E2"})
    assert r.status_code == 403 and "read-only" in r.json()["detail"]
    assert client.delete("/api/decisions/whatever").status_code == 403
    assert client.get("/api/decisions").status_code == 200


def test_bearer_token(db):
    client = TestClient(create_app(db, token="s3cret"))
    r = client.get("/api/documents")
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/documents", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/api/documents", headers={"Authorization": "Bearer s3cret"}).json()["total"] == 2
    assert client.get("/api/documents", params={"token": "s3cret"}).status_code == 401  # API: header only
    assert client.get("/").status_code == 401
    landing = client.get("/story/s1", params={"token": "s3cret", "format": "json"}, follow_redirects=False)
    assert landing.status_code == 303 and landing.headers["location"] == "/story/s1?format=json"
    assert "httponly" in landing.headers["set-cookie"].lower() and "samesite=strict" in landing.headers["set-cookie"].lower()
    assert client.get("/story/s1").status_code == 200  # the cookie now authorises the UI...
    assert client.get("/api/quotes").status_code == 200  # ...and the API calls made from it
    assert client.get("/static/parallax.css").status_code == 200


def test_store_changes_are_picked_up(tmp_path, monkeypatch):
    db = str(tmp_path / "live.db")
    sample.fill_store(db)
    monkeypatch.setattr(repo_module, "CHECK_EVERY", 0.0)
    client = TestClient(create_app(db))
    assert client.get("/api/documents").json()["total"] == 2
    from parallax.store import Store

    text = "Officials in Norberg said the bridge would reopen."
    with Store(db) as store:
        store.save_analysis(DocAnalysis(document=Document(id="dc0000000000003", source="c.txt", text=text,
                                                          content_hash="c" * 64)))
    assert client.get("/api/documents").json()["total"] == 3
    assert client.get("/api/documents/dc0000000000003").json()["text"] == text


# -- web pages -------------------------------------------------------------------------

def test_pages_escape_article_text_and_send_csp(client):
    page = client.get(f"/doc/{B}")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    html = page.text
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    # every offset-carrying segment holds exactly the original characters from its offset on
    import html as htmllib

    for start, body in re.findall(r'<span class="seg" data-s="(\d+)">(.*?)</span>', html, re.S):
        seg = htmllib.unescape(body)
        assert sample.TEXT_B[int(start):int(start) + len(seg)] == seg
    # the only scripts are same-origin files and inert JSON data blocks
    for tag in re.findall(r"<script[^>]*>", html):
        assert 'src="/static/' in tag or 'type="application/json"' in tag


def test_story_page_and_json_twin(client):
    html = client.get("/story/s1").text
    assert 'id="graph"' in html and '/static/graph.js' in html
    data = json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S).group(1))
    assert {n["name"] for n in data["nodes"]} >= {"Lena Ostrova", "Marco Tellan"}
    assert html.count('class="tl-event o') == 3
    assert "only in Veltria Herald" in html and "conflicting-figures" in html
    assert 'class="badge hit"' in html and 'class="badge clear"' in html
    quote_link = f'href="/doc/{B}#{sample.TEXT_B.index("Port Calder needs")}-'
    assert quote_link in html
    twin = client.get("/story/s1", params={"format": "json"}).json()
    assert twin["story"]["id"] == "s1" and len(twin["timeline"]) == 3
    speakers = {g["name"]: g for g in twin["speakers"]}
    assert speakers["Marco Tellan"]["organization"] == "Brightwater Shipping"
    assert speakers["Marco Tellan"]["screening"] == "hit" and len(speakers["Lena Ostrova"]["quotes"]) == 3
    assert client.get("/", params={"format": "json"}).json()["counts"]["documents"] == 2
    assert client.get("/", params={"format": "xml"}).status_code == 422
    assert client.get("/story/zzz", headers={"accept": "text/html"}).status_code == 404
    assert client.get(f"/doc/{A}", params={"format": "json"}).json()["document"]["id"] == A
    entity = client.get("/entity/" + speakers["Marco Tellan"]["entity"])
    assert entity.status_code == 200 and "TS-1" in entity.text


# -- fuzzing: wrong types, negative limits, unknown ids never give a 5xx --------------------

BAD_VALUES = ["-1", "abc", "0", "99999999999999999999", "", "%00", "'; DROP TABLE documents; --", "😀" * 3,
              "2024-13-45", "x" * 400, "1e5", "null", "../../etc/passwd"]


PAGES = ["/", "/story/{story_id}", "/doc/{doc_id}", "/entity/{entity_id}"]  # HTML pages (not in the OpenAPI spec)


def _get_routes(app) -> list[str]:
    api = [path for path, ops in app.openapi()["paths"].items() if "get" in ops]
    return sorted(set(api + PAGES))


def test_fuzz_every_endpoint(db):
    app = create_app(db)
    client = TestClient(app, raise_server_exceptions=False)
    spec = app.openapi()["paths"]
    routes = _get_routes(app)
    assert "/api/quotes" in routes and "/story/{story_id}" in routes
    valid = {"story_id": "s1", "doc_id": A, "entity_id": "E1"}
    seen = set()
    for path in routes:
        if "{" in path:
            for ident in ["nope", "-1", "%2e%2e", "😀", "x" * 400, "a b"]:
                r = client.get(re.sub(r"\{[^}]+\}", ident, path))
                assert r.status_code in (404, 422), (path, ident, r.status_code, r.text[:200])
        url = re.sub(r"\{([^}]+)\}", lambda m: valid.get(m.group(1), "nope"), path)
        declared = {p["name"] for p in spec.get(path, {}).get("get", {}).get("parameters", []) if p["in"] == "query"}
        for name in sorted(declared | {"limit", "offset", "format"}):
            for value in BAD_VALUES:
                r = client.get(url, params={name: value})
                seen.add(r.status_code)
                assert r.status_code < 500, (url, name, value, r.status_code, r.text[:200])
                if r.status_code >= 400:
                    assert r.json()["detail"] if "json" in r.headers["content-type"] else r.text
    assert {200, 404, 422} <= seen
    for body in [None, "[]", '{"kind": 1}', '{"kind": "merge", "a": "x", "b": "y", "extra": 1}', "x" * 10000]:
        r = client.post("/api/decisions", content=body, headers={"content-type": "application/json"})
        assert r.status_code == 422, (body, r.status_code)
    assert client.put("/api/decisions").status_code == 405


@pytest.mark.slow
def test_claims_are_served_with_their_voice_and_provenance(tmp_path):
    from parallax.pipeline import analyze_text
    from parallax.store import Store

    text = ('The ferry to Kessel resumed on Friday. Harbour master Ida Lorne said the pier had been repaired '
            'and the night crossings would return in June.')
    a = analyze_text(text, doc_id="dclaims000000001", published="2025-05-06")
    with Store(tmp_path / "c.db") as store:
        store.save_analysis(a)
    client = TestClient(create_app(str(tmp_path / "c.db")))
    page = client.get("/api/claims").json()
    assert page["total"] == len(a.claims) >= 3
    for item in page["items"]:
        assert item["provenance"]["text"] == text[item["start"]:item["end"]] == item["text"]
    quoted = client.get("/api/claims", params={"voice": "quoted"}).json()["items"]
    assert quoted and all(c["speaker"]["name"] == "Ida Lorne" for c in quoted)
    outlet = client.get("/api/claims", params={"voice": "outlet"}).json()["items"]
    assert [c["text"] for c in outlet] == ["The ferry to Kessel resumed on Friday"]
    assert client.get("/api/claims", params={"voice": "nobody"}).status_code == 422
