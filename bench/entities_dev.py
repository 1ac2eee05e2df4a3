"""Dev check of in-document entity clusters and speaker roles against the seed gold.

Usage: python bench/entities_dev.py [-v]   (reads /work/shared, prints per-doc scores)
A gold entity counts as found in a document when one predicted cluster of that
document holds all its surface forms there and no surface form of another gold entity.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from parallax.evaluate import _close, _norm
from parallax.extract.entities import extract_entities
from parallax.model import Document
from parallax.nlp.analyzed import AnalyzedDoc
from parallax.nlp.loader import load_nlp
from parallax.nlp.normalize import normalize

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def main(verbose: bool) -> None:
    gold = json.loads((SHARED / "gold" / "seeds.gold.json").read_text())
    found = total = pure_pred = pred_total = types_ok = 0
    roles_ok = roles_total = 0
    for name, meta in gold["documents"].items():
        text = (SHARED / "corpus" / "seeds" / name).read_text()
        document = Document(id=name[:8], source=name, text=text, published=meta.get("published"),
                            byline=meta.get("byline"))
        norm = normalize(text)
        da = extract_entities(AnalyzedDoc(document=document, norm=norm, doc=load_nlp()(norm.text)))
        owner = {}
        for g in gold["entities"]:
            for f in g["mentions"].get(name, []):
                owner[_norm(f)] = g["canonical"]
        clusters = [(e, {_norm(m.text) for m in e.mentions}) for e in da.entities]
        for g in gold["entities"]:
            forms = {_norm(f) for f in g["mentions"].get(name, [])}
            if not forms:
                continue
            total += 1
            hit = [e for e, fs in clusters if forms <= fs and all(owner.get(f, g["canonical"]) == g["canonical"] for f in fs)]
            if hit:
                found += 1
                types_ok += hit[0].type == g["type"]
                if hit[0].type != g["type"] and verbose:
                    print(f"  TYPE {name[:10]} {g['canonical']}: {hit[0].type} != {g['type']}")
            elif verbose:
                best = max(clusters, key=lambda c: len(forms & c[1]))
                print(f"  MISS {name[:10]} {g['canonical']} {sorted(forms)} best={best[0].name!r} {sorted(best[1])[:8]}")
        # predicted clusters that hold some gold form: are they pure?
        for e, fs in clusters:
            owners = {owner[f] for f in fs if f in owner}
            if owners:
                pred_total += 1
                pure_pred += len(owners) == 1
                if len(owners) > 1 and verbose:
                    print(f"  IMPURE {name[:10]} {e.name!r}: {sorted(owners)}")
        for r in gold["speaker_roles"]:
            if r["doc"] != name:
                continue
            roles_total += 1
            e = next((e for e, fs in clusters if _norm(r["speaker"]) in fs and e.type == "PERSON"), None)
            got = [(f.role, f.organization) for f in (e.roles if e else [])]
            ok = any(_close(a, r["role"]) and _close(b, r["organization"]) for a, b in got)
            roles_ok += ok
            if verbose and not ok:
                print(f"  ROLE {r['speaker']}: gold=({r['role']!r}, {r['organization']!r}) got={got}")
    print(f"clusters: recall {found}/{total} = {found / total:.3f}; purity of predicted clusters holding gold forms "
          f"{pure_pred}/{pred_total} = {pure_pred / max(pred_total, 1):.3f}; type accuracy {types_ok}/{found}")
    print(f"speaker roles: {roles_ok}/{roles_total}")


if __name__ == "__main__":
    main("-v" in sys.argv)
