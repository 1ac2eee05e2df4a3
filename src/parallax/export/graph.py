"""The entity graph of a dossier (or one story): GraphML and GEXF export, layout for SVG.

Nodes are people, organisations and places. Edges:
- ``co-mention``: both entities are mentioned in one sentence (weight = number of sentences);
- ``said-about``: a quote's speaker -> an entity mentioned inside the quote (weight = quotes).
"""

from __future__ import annotations

import math
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


def graph_json(graph: nx.MultiDiGraph, max_nodes: int | None = None, labels: int = 18) -> dict:
    """Nodes and edges as plain JSON (for the web page and the API), biggest nodes first.

    Only the ``labels`` biggest nodes get a visible name (``label``: true); all have a tooltip."""
    nodes = sorted(graph.nodes(data=True), key=lambda n: (-n[1]["mentions"], n[1]["name"]))
    if max_nodes is not None:
        nodes = nodes[:max_nodes]
    keep = {n for n, _ in nodes}
    return {
        "nodes": [{"id": n, "name": d["name"], "type": d["type"], "docs": d["docs"].split(","),
                   "mentions": d["mentions"], "label": i < labels} for i, (n, d) in enumerate(nodes)],
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


# Layout forces; graph.js uses the same numbers so the page and the briefing look alike.
ATTRACTION = 0.2
GRAVITY = 0.6
SPACING = 0.75


MAX_SPACING = 120  # px: small graphs stay compact instead of spreading over the canvas


def graph_height(n_nodes: int) -> int:
    """Canvas height for a graph of n nodes (width is 800)."""
    return 320 if n_nodes <= 8 else 420 if n_nodes <= 16 else 520


def _radius(node: dict) -> float:
    return min(6 + node["mentions"] * 1.5, 22)


def layout(data: dict, width: float = 800, height: float = 520, pad: float = 50,
           iterations: int = 400) -> dict[str, tuple[float, float]]:
    """Deterministic positions (pixels) for graph_json() output: the same force layout the
    web page runs in JS (Fruchterman-Reingold with gravity, so loose nodes stay in view)."""
    nodes = data["nodes"]
    n = len(nodes)
    pos = {d["id"]: [width / 2 + math.cos(2 * math.pi * i / max(n, 1)) * width * 0.3,
                     height / 2 + math.sin(2 * math.pi * i / max(n, 1)) * height * 0.3] for i, d in enumerate(nodes)}
    links = [(e["source"], e["target"], e["weight"]) for e in data["edges"] if e["source"] in pos and e["target"] in pos]
    k = min(math.sqrt((width - 2 * pad) * (height - 2 * pad) / max(n, 1)) * SPACING, MAX_SPACING)
    temp = width / 6
    ids = list(pos)
    for _ in range(iterations):
        disp = {i: [0.0, 0.0] for i in ids}
        for a in range(n):
            for b in range(a + 1, n):
                pa, pb = pos[ids[a]], pos[ids[b]]
                dx, dy = pa[0] - pb[0], pa[1] - pb[1]
                dist = math.hypot(dx, dy) or 0.01
                f = k * k / dist
                disp[ids[a]][0] += dx / dist * f
                disp[ids[a]][1] += dy / dist * f
                disp[ids[b]][0] -= dx / dist * f
                disp[ids[b]][1] -= dy / dist * f
        for s, t, w in links:
            dx, dy = pos[s][0] - pos[t][0], pos[s][1] - pos[t][1]
            dist = math.hypot(dx, dy) or 0.01
            f = dist * dist / k * min(1 + math.log(max(w, 1)), 3) * ATTRACTION
            disp[s][0] -= dx / dist * f
            disp[s][1] -= dy / dist * f
            disp[t][0] += dx / dist * f
            disp[t][1] += dy / dist * f
        for i in ids:
            d = disp[i]
            d[0] += (width / 2 - pos[i][0]) * GRAVITY
            d[1] += (height / 2 - pos[i][1]) * GRAVITY * 1.5
            length = math.hypot(d[0], d[1]) or 0.01
            step = min(length, temp)
            pos[i][0] = max(pad, min(width - pad, pos[i][0] + d[0] / length * step))
            pos[i][1] = max(pad / 2, min(height - pad, pos[i][1] + d[1] / length * step))
        temp = max(temp * 0.985, 0.5)
    return {i: (round(p[0], 1), round(p[1], 1)) for i, p in pos.items()}


def svg_shapes(data: dict, width: float = 800, height: float | None = None) -> dict:
    """Positioned nodes and edges (lines for co-mention, curved arrows for said-about) for a static SVG."""
    height = height or graph_height(len(data["nodes"]))
    pos = layout(data, width, height)
    nodes = [{**n, "x": pos[n["id"]][0], "y": pos[n["id"]][1], "r": _radius(n)} for n in data["nodes"]]
    by_id = {n["id"]: n for n in nodes}
    edges = []
    for e in data["edges"]:
        s, t = by_id.get(e["source"]), by_id.get(e["target"])
        if s is None or t is None:
            continue
        shape = {**e, "source_name": s["name"], "target_name": t["name"],
                 "stroke": round(min(1 + e["weight"] * 0.6, 5), 1)}
        if e["kind"] == "said-about":
            dx, dy = t["x"] - s["x"], t["y"] - s["y"]
            dist = math.hypot(dx, dy) or 1
            ex, ey = t["x"] - dx / dist * (t["r"] + 3), t["y"] - dy / dist * (t["r"] + 3)
            cx, cy = (s["x"] + ex) / 2 - dy * 0.15, (s["y"] + ey) / 2 + dx * 0.15
            shape["path"] = f"M{s['x']},{s['y']} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}"
        else:
            shape.update(x1=s["x"], y1=s["y"], x2=t["x"], y2=t["y"])
        edges.append(shape)
    return {"width": width, "height": height, "nodes": nodes, "edges": edges}
