"""Alignment with and without sentence embeddings, side by side, on a gold file.

    python bench/align_embeddings.py [--gold ../shared/gold/seeds.gold.json] [DIR]

Needs the optional extra (`pip install -e .[semantic]` after `pip install torch==2.13.0`).
Prints the alignment figures of `parallax evaluate` for the lexical default and for
lexical + all-MiniLM-L6-v2 embeddings, and the time each alignment pass took.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from parallax.align import align_all
from parallax.align.embed import load_embedder
from parallax.corpus import CorpusResult, dossier_from
from parallax.evaluate import evaluate
from parallax.ingest import iter_documents
from parallax.pipeline import analyze_documents
from parallax.resolve import resolve_entities
from parallax.resolve.stories import group_stories

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "seeds"))
    ap.add_argument("--gold", default=str(ROOT.parent / "shared" / "gold" / "seeds.gold.json"))
    args = ap.parse_args()
    gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    docs = [r.document for r in iter_documents([args.dir]) if r.document is not None]
    analyses = list(analyze_documents(docs))
    entities = resolve_entities([e for a in analyses for e in a.entities])
    stories = group_stories(analyses, entities)
    t = time.perf_counter()
    embedder = load_embedder()
    load = time.perf_counter() - t
    for label, emb in (("lexical", None), ("lexical+embeddings", embedder)):
        t = time.perf_counter()
        alignments = align_all(stories, analyses, entities, embedder=emb)
        took = time.perf_counter() - t
        dossier = dossier_from(analyses, CorpusResult(entities=entities, stories=stories, alignments=alignments))
        r = evaluate(gold, dossier)["alignments"]
        figs = {k: v for k, v in r.items() if k != "errors"}
        print(f"{label:20s} {took:6.2f}s  {figs}")
        for e in r["errors"]:
            print(f"{'':20s}   {e}")
    print(f"(embedding model load: {load:.1f}s)")


if __name__ == "__main__":
    main()
