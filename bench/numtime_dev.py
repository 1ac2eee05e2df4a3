"""Dev check of numeric claims and the timeline against the seed gold.

Usage: python bench/numtime_dev.py [-v]   (reads ../shared relative to the repo root)
Runs only normalisation + spaCy + the numbers/timex extractors (what analyze_text runs for
these two fields), so other stages' work in progress cannot break it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from parallax.evaluate import _Ctx, score_numbers, score_timeline
from parallax.extract.numbers import extract_numbers
from parallax.extract.timex import extract_events
from parallax.model import Document, Dossier
from parallax.nlp.analyzed import AnalyzedDoc
from parallax.nlp.loader import load_nlp
from parallax.nlp.normalize import normalize

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def _exact_locate(ctx: _Ctx, name: str, text: str) -> tuple[int, int] | None:
    body = ctx.text.get(name)
    if body is None:
        return None
    same_len = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2011": "-", "\u2019": "'"})
    i = body.translate(same_len).find(text.translate(same_len))
    return (i, i + len(text)) if i >= 0 else None


def main() -> None:
    gold = json.loads((SHARED / "gold" / "seeds.gold.json").read_text())
    dossier = Dossier()
    for name, meta in gold["documents"].items():
        text = (SHARED / "corpus" / "seeds" / name).read_text()
        document = Document(id=name[:12], source=name, text=text, published=meta.get("published"))
        norm = normalize(text)
        ad = AnalyzedDoc(document=document, norm=norm, doc=load_nlp()(norm.text))
        dossier.documents.append(document)
        dossier.numbers += extract_numbers(ad)
        dossier.events += extract_events(ad)
        if "-v" in sys.argv:
            for n in dossier.numbers:
                if n.doc == document.id:
                    print(f"  N {n.text!r} = {n.value} {n.unit} | about={n.about!r} q={n.qualifier} t={n.time}")
            for e in dossier.events:
                if e.doc == document.id:
                    print(f"  T {e.date} {e.date_text!r}: {e.text}")
    ctx = _Ctx(gold, dossier)
    if "--exact-locate" in sys.argv:
        # evaluate.locate falls back to a ratio-mapped position when the gold text differs
        # from the document only by a no-break space, which can miss the real span by ~50 chars
        ctx.locate = lambda name, t, _c=ctx: _exact_locate(_c, name, t)
    for label, fn in (("numbers", score_numbers), ("timeline", score_timeline)):
        r = fn(ctx)
        errs = r.pop("errors")
        print(label, r)
        for e in errs:
            print("   ", e)


if __name__ == "__main__":
    main()
