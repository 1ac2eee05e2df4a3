"""Dev check of quote / reported-speech / speaker-role extraction against the seed gold.

Usage: python bench/quotes_dev.py [-v]   (reads ../shared relative to the repo root)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from parallax.evaluate import _Ctx, score_not_quotes, score_quotes, score_reported, score_roles
from parallax.extract.entities import extract_entities
from parallax.extract.quotes import extract_quotes
from parallax.model import Document, Dossier
from parallax.nlp.analyzed import AnalyzedDoc
from parallax.nlp.loader import load_nlp
from parallax.nlp.normalize import normalize

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def main() -> None:
    gold = json.loads((SHARED / "gold" / "seeds.gold.json").read_text())
    dossier = Dossier()
    for name, meta in gold["documents"].items():
        text = (SHARED / "corpus" / "seeds" / name).read_text()
        # only the stages this area needs, so other stages' work in progress cannot break it
        document = Document(id=name[:12], source=name, text=text, published=meta.get("published"))
        norm = normalize(text)
        ad = AnalyzedDoc(document=document, norm=norm, doc=load_nlp()(norm.text))
        ents = extract_entities(ad)
        quotes = extract_quotes(ad, ents)
        dossier.documents.append(document)
        dossier.entities += ents.entities
        dossier.quotes += quotes
        if "-v" in sys.argv:
            for q in quotes:
                sp = q.speaker
                who = f"{sp.name} [{sp.role} | {sp.organization}]" if sp else None
                print(f"{q.kind:8} {q.start:5}-{q.end:<5} {q.cue!r:22} {who}\n         {q.text[:110]!r}")
    c = _Ctx(gold, dossier)
    for name, fn in (("quotes", score_quotes), ("not_quotes", score_not_quotes),
                     ("reported", score_reported), ("roles", score_roles)):
        r = fn(c)
        errs = r.pop("errors")
        print(name, r)
        for e in errs:
            print("   ", e)


if __name__ == "__main__":
    main()
