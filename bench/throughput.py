"""Throughput of `parallax analyze` versus bare spaCy on the same texts, in one run.

    python bench/throughput.py [--words 40000] [--rounds 2] [DIR ...]

Texts: the demo corpus and ../shared/corpus/seeds (when present), made into distinct
documents (a numbered line is appended, so de-duplication does not skip copies)
until --words is reached. Bare spaCy is the same model with every pipe, run with
nlp.pipe; Parallax is the in-process equivalent of `parallax analyze DIR --db
tmp.db` (ingest from files, normalise, parse, extract, store), measured with and
without the corpus-level stages. The best of --rounds alternated runs is kept.
Target (issue 2/3): ratio >= 0.8.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import spacy

from parallax.config import get_settings
from parallax.ingest import iter_documents
from parallax.pipeline import analyze_stream
from parallax.store import Store

ROOT = Path(__file__).resolve().parent.parent


def collect_texts(dirs: list[Path], words: int) -> list[str]:
    base = [p.read_text(encoding="utf-8") for d in dirs if d.exists() for p in sorted(d.rglob("*.txt"))]
    if not base:
        raise SystemExit("no .txt files found")
    texts, n, i = [], 0, 0
    while n < words:
        t = base[i % len(base)] + f"\n\nCopy {i}.\n"
        texts.append(t)
        n += len(t.split())
        i += 1
    return texts


def run_bare(model: str, texts: list[str]) -> float:
    nlp = spacy.load(model)
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - t


def run_parallax(files_dir: Path, corpus: bool) -> float:
    settings = get_settings()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "bench.db"))
        t = time.perf_counter()
        docs = [r.document for r in iter_documents([str(files_dir)]) if r.document is not None]
        for _doc, analysis, error in analyze_stream(docs, settings):
            if error is not None:
                raise error
            store.save_analysis(analysis)
        if corpus:
            from parallax.corpus import build_corpus

            analyses = list(store.analyses())
            result = build_corpus(analyses, store.decisions())
            store.save_corpus(result.entities, result.stories, result.alignments)
        elapsed = time.perf_counter() - t
        store.close()
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="*", type=Path)
    ap.add_argument("--words", type=int, default=40000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--corpus", action="store_true", help="also time the cross-document stages")
    args = ap.parse_args()
    dirs = args.dirs or [ROOT / "demo" / "corpus", ROOT.parent / "shared" / "corpus" / "seeds"]
    texts = collect_texts(dirs, args.words)
    words = sum(len(t.split()) for t in texts)
    model = get_settings().spacy_model
    # warm both paths once (model load, caches) so the timed runs compare steady states
    from parallax.nlp.loader import load_nlp

    load_nlp(model)
    with tempfile.TemporaryDirectory() as tmp:
        files = Path(tmp)
        for i, t in enumerate(texts):
            (files / f"doc{i:05d}.txt").write_text(t, encoding="utf-8")
        run_bare(model, texts[:4])
        bare, par, par_corpus = [], [], []
        for _ in range(args.rounds):
            bare.append(run_bare(model, texts))
            par.append(run_parallax(files, corpus=False))
            if args.corpus:
                par_corpus.append(run_parallax(files, corpus=True))
    b, p = min(bare), min(par)
    print(f"texts: {len(texts)} documents, {words} words, model {model}")
    print(f"bare spaCy (nlp.pipe, all pipes): {words / b:8.0f} words/s")
    print(f"parallax analyze (per-document):  {words / p:8.0f} words/s")
    print(f"ratio parallax/spaCy: {b / p:.2f}  (target >= 0.8)")
    if par_corpus:
        pc = min(par_corpus)
        print(f"parallax analyze (+corpus stages): {words / pc:8.0f} words/s, ratio {b / pc:.2f}")


if __name__ == "__main__":
    main()
