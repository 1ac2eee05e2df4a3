"""The entity graph of a dossier (or one story): GraphML and GEXF export, layout for SVG.

Nodes are people, organisations and places. Edges:
- ``co-mention``: both entities are mentioned in one sentence (weight = number of sentences);
- ``said-about``: a quote's speaker -> an entity mentioned inside the quote (weight = quotes).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

import networkx as nx

from parallax.model import Dossier
from parallax.web.facts import GRAPH_TYPES, DossierIndex


def _index(source: Dossier | DossierIndex) -> DossierIndex:
    return source if isinstance(source, DossierIndex) else DossierIndex(source)


def build_graph(source: Dossier | DossierIndex, story_id: str | None = None) -> nx.MultiDiGraph:
    """The entity graph; raises KeyError for an unknown story id."""
    index = _index(source)
    if story_id is not None and story_id not in index.stories:
        raise KeyError(story_id)
    docs = index.docs_in(story_id)
    graph = nx.MultiDiGraph()
    # (doc, sentence start) -> entity ids mentioned there
    in_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    mentions: list[tuple[str, int, int, str]] = []  # doc, start, end, entity id
    for ent in index.story_entities(story_id):
        if ent.type not in GRAPH_TYPES:
            continue
        ms = [m for m in ent.mentions if docs is None or m.doc in docs]
        if not ms:
            continue
        ent_docs = sorted({m.doc for m in ms})
        graph.add_node(ent.id, label=ent.name, name=ent.name, type=ent.type, docs=",".join(ent_docs),
                       mentions=len(ms))
        for m in ms:
            mentions.append((m.doc, m.start, m.end, ent.id))
            sent = index.sentence_of(m.doc, m.start)
            if sent is not None:
                in_sentence[(m.doc, sent[0])].add(ent.id)
    co: Counter[tuple[str, str]] = Counter()
    for ids in in_sentence.values():
        for a, b in combinations(sorted(ids), 2):
            co[(a, b)] += 1
    said: Counter[tuple[str, str]] = Counter()
    for q in index.dossier.quotes:
        if (docs is not None and q.doc not in docs) or q.speaker is None:
            continue
        speaker = index.entity_for(q.speaker.entity)
        if speaker is None or speaker.id not in graph:
            continue
        about = {eid for d, s, e, eid in mentions if d == q.doc and s >= q.start and e <= q.end}
        for eid in about - {speaker.id}:
            said[(speaker.id, eid)] += 1
    for (a, b), w in sorted(co.items()):
        graph.add_edge(a, b, key="co-mention", kind="co-mention", weight=w)
    for (a, b), w in sorted(said.items()):
        graph.add_edge(a, b, key="said-about", kind="said-about", weight=w)
    return graph


def graph_json(graph: nx.MultiDiGraph, max_nodes: int | None = None) -> dict:
    """Nodes and edges as plain JSON (for the web page and the API), biggest nodes first."""
    nodes = sorted(graph.nodes(data=True), key=lambda n: (-n[1]["mentions"], n[1]["name"]))
    if max_nodes is not None:
        nodes = nodes[:max_nodes]
    keep = {n for n, _ in nodes}
    return {
        "nodes": [{"id": n, "name": d["name"], "type": d["type"], "docs": d["docs"].split(","),
                   "mentions": d["mentions"]} for n, d in nodes],
        "edges": [{"source": a, "target": b, "kind": d["kind"], "weight": d["weight"]}
                  for a, b, d in graph.edges(data=True) if a in keep and b in keep],
    }


def to_graphml(dossier: Dossier | DossierIndex, story_id: str | None = None) -> str:
    graph = build_graph(dossier, story_id)
    for _, data in graph.nodes(data=True):
        data.pop("label", None)
    return "\n".join(nx.generate_graphml(graph)) + "\n"


def to_gexf(dossier: Dossier | DossierIndex, story_id: str | None = None) -> str:
    return "\n".join(nx.generate_gexf(build_graph(dossier, story_id))) + "\n"


def layout(data: dict, width: float = 760, height: float = 460, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Deterministic positions (pixels) for graph_json() output, for static SVG (reports)."""
    g = nx.Graph()
    g.add_nodes_from(n["id"] for n in data["nodes"])
    for e in data["edges"]:
        g.add_edge(e["source"], e["target"])
    if not g:
        return {}
    pos = nx.spring_layout(g, seed=seed, k=1.6 / max(len(g), 1) ** 0.5)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    pad = 60
    def scale(v: float, lo: float, hi: float, size: float) -> float:
        return size / 2 if hi - lo < 1e-9 else pad + (v - lo) / (hi - lo) * (size - 2 * pad)
    return {n: (round(scale(p[0], min(xs), max(xs), width), 1), round(scale(p[1], min(ys), max(ys), height), 1))
            for n, p in pos.items()}
