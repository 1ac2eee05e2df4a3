"""Briefings (HTML/Markdown), GraphML/GEXF export and the helpers behind the pages."""

from __future__ import annotations

import io
import re

import networkx as nx
import pytest

import _web_sample as sample
from parallax.export.graph import build_graph, layout, to_gexf, to_graphml
from parallax.export.report import md, render_report
from parallax.web.facts import DossierIndex, sentence_spans
from parallax.web.pages import format_number, segments

PAYLOAD = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def dossier():
    return sample.dossier()


@pytest.fixture(scope="module")
def hostile(dossier):
    """The sample with markup in a quote and in an entity name (article text is untrusted)."""
    quotes = [q.model_copy(update={"text": PAYLOAD}) if q.id == "qb1" else q for q in dossier.quotes]
    entities = [e.model_copy(update={"name": IMG}) if e.name == "Veltria" else e for e in dossier.entities]
    return dossier.model_copy(update={"quotes": quotes, "entities": entities})


def test_html_report_is_self_contained_and_complete(dossier):
    html = render_report(dossier, "s1", "html")
    assert html.startswith("<!doctype html>") and "<style>" in html and "Port Calder harbour talks" in html
    assert "<script" not in html  # no JS needed
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)  # nothing fetched from the network
    assert 'rel="stylesheet"' not in html
    assert '"Iowan Old Style"' in html  # the inline CSS is not mangled by escaping
    # timeline, graph, quotes, comparison, figures
    assert html.count('class="tl-event o') == 3
    graph = build_graph(dossier, "s1")
    assert html.count("<circle") == graph.number_of_nodes()
    assert html.count('class="edge said"') == sum(1 for *_, d in graph.edges(data=True) if d["kind"] == "said-about")
    assert "We will not sign a deal that hurts Port Calder," in html
    assert 'class="badge hit"' in html and "only in Veltria Herald" in html and "conflicting-figures" in html
    start = sample.TEXT_B.index("900 workers")
    assert f'Calder Courier</span> <span class="offsets" title="character offsets in the article">{start}–{start + 11}</span>' in html  # offsets instead of links
    assert "1,200" in html and "1200.0" not in html


def test_reports_escape_untrusted_text(hostile):
    html = render_report(hostile, "s1", "html")
    assert PAYLOAD not in html and IMG not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    text = render_report(hostile, "s1", "md")
    assert "<script" not in text and "<img" not in text
    assert "&lt;script&gt;alert\\(1\\)&lt;/script&gt;" in text


def test_markdown_report(dossier):
    text = render_report(dossier, "s1", "md")
    assert text.startswith("# Port Calder harbour talks\n")
    for heading in ("## Timeline", "## Entity graph", "## Who said what", "## Source comparison", "## Figures"):
        assert heading in text
    start = sample.TEXT_A.index("We will not sign")
    assert f"Veltria Herald, chars {start}–{start + 47}" in text
    assert "### Marco Tellan — chief, Brightwater Shipping [⚠ sanctions hit]" in text
    assert "| **conflicting figures** (0.81) | 1,200 workers" in text
    assert "| only in Veltria Herald (1.00) | Talks resume on 10 May 2024. " in text
    lines = [ln for ln in text.splitlines() if ln.startswith("- **2024")]
    assert [ln[4:14] for ln in lines] == ["2024-05-03", "2024-05-03", "2024-05-10"]


def test_report_of_all_stories_and_errors(dossier):
    assert "Port Calder harbour talks" in render_report(dossier, None, "html")
    assert "Dossier briefing" in render_report(dossier, None, "md")
    with pytest.raises(ValueError, match="no story"):
        render_report(dossier, "missing", "html")
    with pytest.raises(ValueError, match="format"):
        render_report(dossier, "s1", "pdf")
    from parallax.model import Dossier

    assert "No stories" in render_report(Dossier(), None, "html")


def test_md_escape():
    assert md("*bold* _x_ [a](b) `c`") == r"\*bold\* \_x\_ \[a\]\(b\) \`c\`"
    assert md("a | b") == r"a \| b"
    assert md("line one\n\n# two") == "line one # two"
    assert md("<b>&") == "&lt;b&gt;&amp;"
    assert md(None) == ""


def test_graphml_round_trip(dossier):
    g = nx.read_graphml(io.StringIO(to_graphml(dossier, "s1")))
    names = {d["name"]: n for n, d in g.nodes(data=True)}
    assert set(names) == {"Lena Ostrova", "Marco Tellan", "Brightwater Shipping", "Port Calder", "Veltria"}
    lena = g.nodes[names["Lena Ostrova"]]
    assert lena["type"] == "PERSON" and lena["docs"] == "da000000000000001,db000000000000002"
    edges = {(g.nodes[a]["name"], g.nodes[b]["name"], d["kind"]): d["weight"] for a, b, d in g.edges(data=True)}
    # "Mayor Lena Ostrova met officials of Brightwater Shipping ..." and "Ostrova said Brightwater Shipping ..."
    assert edges[("Lena Ostrova", "Brightwater Shipping", "co-mention")] == 2
    assert edges[("Marco Tellan", "Port Calder", "said-about")] == 1
    assert ("Veltria", "Lena Ostrova", "co-mention") not in edges  # never in one sentence


def test_gexf_round_trip(dossier):
    g = nx.read_gexf(io.StringIO(to_gexf(dossier)))
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert "Marco Tellan" in labels
    kinds = {d["kind"] for *_, d in g.edges(data=True)}
    assert kinds == {"co-mention", "said-about"}
    with pytest.raises(KeyError):
        to_gexf(dossier, "missing")


def test_layout_is_deterministic_and_inside(dossier):
    from parallax.export.graph import graph_json

    data = graph_json(build_graph(dossier, "s1"))
    a, b = layout(data, 600, 400), layout(data, 600, 400)
    assert a == b and len(a) == 5
    assert all(40 <= x <= 560 and 20 <= y <= 360 for x, y in a.values())
    assert len({(round(x), round(y)) for x, y in a.values()}) == 5


def test_sentence_spans():
    text = 'He left. "Why?" she asked.\nNew line here'
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans == ["He left.", '"Why?"', "she asked.", "New line here"]


def test_segments_keep_offsets_across_line_breaks():
    text = "One\r\nTwo\n\nThree\rFour"
    segs = segments(text)
    for seg in segs:
        if seg["text"] is not None:
            assert text[seg["start"]:seg["start"] + len(seg["text"])] == seg["text"]
            assert "\n" not in seg["text"] and "\r" not in seg["text"]
    assert [s["text"] for s in segs if s["text"]] == ["One", "Two", "Three", "Four"]


def test_provenance_falls_back_to_text_sentences(dossier):
    index = DossierIndex(dossier)
    start = sample.TEXT_A.index("1,200")
    p = index.provenance("da000000000000001", start, start + 5)
    assert p["sentence"]["text"] == "The company employs 1,200 workers in the city."


def test_format_number():
    assert format_number(1200.0) == "1,200"
    assert format_number(2.5) == "2.5"
    assert format_number(None) == "—"
    assert format_number(-3) == "-3"
