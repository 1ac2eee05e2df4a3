"""Analyse and score every gold set: the seeds (../shared) and the held-out sets in bench/heldout.

    python bench/evaluate_all.py [--verbose]

Each set is analysed into a temporary SQLite store with `parallax analyze`, then scored with
`parallax evaluate`; prints one table of the issue's target metrics per set.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = [
    ("seeds", ROOT.parent / "shared" / "corpus" / "seeds", ROOT.parent / "shared" / "gold" / "seeds.gold.json"),
    ("heldout set1", ROOT / "bench" / "heldout" / "set1", ROOT / "bench" / "heldout" / "set1" / "heldout.gold.json"),
    ("heldout set2", ROOT / "bench" / "heldout" / "set2", ROOT / "bench" / "heldout" / "set2" / "heldout2.gold.json"),
    ("heldout set3", ROOT / "bench" / "heldout" / "set3", ROOT / "bench" / "heldout" / "set3" / "heldout3.gold.json"),
    ("heldout set4", ROOT / "bench" / "heldout" / "set4", ROOT / "bench" / "heldout" / "set4" / "heldout4.gold.json"),
    ("heldout set5", ROOT / "bench" / "heldout" / "set5", ROOT / "bench" / "heldout" / "set5" / "heldout5.gold.json"),
    ("heldout set6", ROOT / "bench" / "heldout" / "set6", ROOT / "bench" / "heldout" / "set6" / "heldout6.gold.json"),
    ("heldout set7", ROOT / "bench" / "heldout" / "set7", ROOT / "bench" / "heldout" / "set7" / "heldout7.gold.json"),
    ("heldout set8", ROOT / "bench" / "heldout" / "set8", ROOT / "bench" / "heldout" / "set8" / "heldout8.gold.json"),
]
METRICS = [("quotes", "f1"), ("quotes", "speaker_accuracy"), ("reported_speech", "speaker_recall"),
           ("speaker_roles", "accuracy"), ("entities", "exact_clusters"), ("numbers", "f1"), ("timeline", "f1"),
           ("not_quotes", "scare_quotes_reported"), ("alignments", "pair_recall"), ("alignments", "only_in_recall"),
           ("screening", "recall"), ("screening", "false_positives")]


def parallax(*args: str) -> str:
    return subprocess.run([sys.executable, "-m", "parallax.cli", *args], check=True, capture_output=True,
                          text=True).stdout


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    rows = {}
    for name, corpus, gold in SETS:
        if not corpus.exists():
            print(f"{name}: {corpus} not found, skipped")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            db = str(Path(tmp) / "eval.db")
            for lst in sorted((ROOT / "src" / "parallax" / "data" / "lists").glob("*.ftm.json")):
                parallax("lists", "add", str(lst), "--db", db)
            parallax("analyze", *sorted(str(p) for p in corpus.glob("*.txt")), "--db", db)
            report = json.loads(parallax("evaluate", str(gold), "--db", db, "--json", *(["-v"] if args.verbose else [])))
        rows[name] = report
        if args.verbose:
            for cat, r in report.items():
                for e in r.get("errors", []):
                    print(f"  [{name}] {cat}: {e}")
    names = list(rows)
    print(f"{'metric':40s}" + "".join(f"{n:>16s}" for n in names))
    for cat, metric in METRICS:
        vals = []
        for n in names:
            r = rows[n].get(cat, {})
            gold_empty = (cat in ("alignments", "screening") and metric != "false_positives"
                          and not r.get("gold", r.get("gold_pairs", r.get("only_in_gold", 1))))
            vals.append("-" if gold_empty or metric not in r else str(r[metric]))
        print(f"{cat + '.' + metric:40s}" + "".join(f"{v:>16s}" for v in vals))


if __name__ == "__main__":
    main()
