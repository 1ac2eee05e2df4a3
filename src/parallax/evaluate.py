"""Score a JSON export against a gold file in the format of seeds.gold.json.

Matching rules (documented in docs/evaluation.md):
- documents are matched by file name (the basename of ``documents[].source``);
- quotes match when they are in the same document and their spans overlap with
  intersection-over-union >= 0.5; each gold quote is matched at most once;
- reported speech is found when a predicted quote/reported item overlaps the gold
  span; its speaker is right when the predicted name is one of the gold entity's
  surface forms (in any document) or its canonical name;
- numbers match on document, overlapping span (the gold text located in the
  document) and value; events on document and normalised date;
- entity clusters are judged on the surface forms the gold lists per document.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from parallax.model import Dossier
from parallax.nlp.normalize import normalize

IOU_QUOTE = 0.5


def _norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").replace("\u2011", "-").replace("\u2019", "'")
    s = re.sub(r"[^\w\s'-]", " ", s.lower())
    s = re.sub(r"\b(the|a|an)\b", " ", s)
    return " ".join(s.split())


def _iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4), **self.extra}


class _Ctx:
    """Gold + prediction indexed for the category scorers."""

    def __init__(self, gold: dict, pred: Dossier):
        self.gold = gold
        self.pred = pred
        self.doc_by_name: dict[str, str] = {}  # gold file name -> predicted doc id
        self.text: dict[str, str] = {}  # gold file name -> document text
        for d in pred.documents:
            name = os.path.basename(d.source)
            if name in gold.get("documents", {}) or not gold.get("documents"):
                self.doc_by_name[name] = d.id
                self.text[name] = d.text
        self.name_of = {v: k for k, v in self.doc_by_name.items()}
        # every surface form (normalised) of each gold canonical entity
        self.forms: dict[str, set[str]] = defaultdict(set)
        for e in gold.get("entities", []):
            self.forms[e["canonical"]].add(_norm(e["canonical"]))
            for forms in e.get("mentions", {}).values():
                self.forms[e["canonical"]].update(_norm(f) for f in forms)
        self.entity_by_id = {e.id: e for e in pred.entities}
        self._norm_cache: dict = {}

    def docname(self, doc_id: str) -> str | None:
        return self.name_of.get(doc_id)

    def speaker_ok(self, gold_speaker: str, speaker) -> bool:
        if speaker is None:
            return False
        names = {_norm(speaker.name)}
        ent = self.entity_by_id.get(speaker.entity or "")
        if ent is not None:
            names.add(_norm(ent.name))
            names.update(_norm(a) for a in ent.aliases)
        gold_forms = self.forms.get(gold_speaker) or {_norm(gold_speaker)}
        # a bare surname shared by two gold people is not evidence of either
        return bool(names & gold_forms) and _norm(speaker.name) in gold_forms | {_norm(gold_speaker)} | names

    def locate(self, docname: str, text: str) -> tuple[int, int] | None:
        """Original span of a gold text in a document; typographic differences
        (NBSP, curly quotes, non-breaking hyphens) are matched through normalisation."""
        body = self.text.get(docname)
        if body is None:
            return None
        i = body.find(text)
        if i >= 0:
            return i, i + len(text)
        if docname not in self._norm_cache:
            self._norm_cache[docname] = normalize(body)
        nt = self._norm_cache[docname]
        j = nt.text.find(normalize(text).text)
        if j < 0:
            return None
        return nt.orig_span(j, j + len(normalize(text).text))


def score_quotes(c: _Ctx) -> dict:
    gold = [q for q in c.gold.get("quotes", []) if q["doc"] in c.doc_by_name]
    pred = [q for q in c.pred.quotes if q.kind in ("direct", "partial") and c.docname(q.doc)]
    used: set[int] = set()
    s = Score()
    speaker_right = kind_right = 0
    misses = []
    for g in gold:
        best, best_iou = None, 0.0
        for i, p in enumerate(pred):
            if i in used or c.docname(p.doc) != g["doc"]:
                continue
            iou = _iou((g["start"], g["end"]), (p.start, p.end))
            if iou > best_iou:
                best, best_iou = i, iou
        if best is not None and best_iou >= IOU_QUOTE:
            used.add(best)
            s.tp += 1
            p = pred[best]
            speaker_right += c.speaker_ok(g["speaker"], p.speaker)
            kind_right += p.kind == g["kind"]
            if not c.speaker_ok(g["speaker"], p.speaker):
                misses.append(f"speaker: {g['text'][:40]!r} gold={g['speaker']} got={p.speaker.name if p.speaker else None}")
        else:
            s.fn += 1
            misses.append(f"missed: {g['doc'][:12]} {g['text'][:50]!r}")
    s.fp = len(pred) - len(used)
    false_pos = [f"extra: {c.docname(p.doc)[:12]} {p.text[:50]!r}" for i, p in enumerate(pred) if i not in used]
    s.extra = {
        "speaker_accuracy": round(speaker_right / s.tp, 4) if s.tp else 0.0,
        "kind_accuracy": round(kind_right / s.tp, 4) if s.tp else 0.0,
        "errors": misses + false_pos,
    }
    return s.as_dict()


def score_not_quotes(c: _Ctx) -> dict:
    bad = []
    for nq in c.gold.get("not_quotes", []):
        loc = c.locate(nq["doc"], nq["text"])
        for p in c.pred.quotes:
            if c.docname(p.doc) == nq["doc"] and loc and _overlap(loc, (p.start, p.end)):
                bad.append(p.text)
    return {"scare_quotes_reported": len(bad), "errors": bad}


def score_reported(c: _Ctx) -> dict:
    gold = [r for r in c.gold.get("reported_speech", []) if r["doc"] in c.doc_by_name]
    found = speaker_right = 0
    errors = []
    for g in gold:
        cands = [p for p in c.pred.quotes if c.docname(p.doc) == g["doc"]
                 and _overlap((g["start"], g["end"]), (p.start, p.end))]
        if cands:
            found += 1
            if any(c.speaker_ok(g["speaker"], p.speaker) for p in cands):
                speaker_right += 1
            else:
                errors.append(f"speaker: {g['text'][:40]!r} gold={g['speaker']} got={[p.speaker.name if p.speaker else None for p in cands]}")
        else:
            errors.append(f"missed: {g['text'][:50]!r} ({g['speaker']})")
    reported = [p for p in c.pred.quotes if p.kind == "reported" and c.docname(p.doc)]
    supported = sum(
        1 for p in reported
        if any(c.docname(p.doc) == g["doc"] and _overlap((g["start"], g["end"]), (p.start, p.end)) for g in gold)
    )
    n = len(gold)
    return {
        "gold": n, "span_recall": round(found / n, 4) if n else 1.0,
        "speaker_recall": round(speaker_right / n, 4) if n else 1.0,
        "predicted_reported": len(reported),
        "precision_vs_gold": round(supported / len(reported), 4) if reported else 1.0,
        "errors": errors,
    }


def _close(a: str | None, b: str | None) -> bool:
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return na == nb
    if na == nb:
        return True
    short, long_ = sorted((na, nb), key=len)
    return short in long_ and len(short) >= 0.6 * len(long_)


def score_roles(c: _Ctx) -> dict:
    gold = [r for r in c.gold.get("speaker_roles", []) if r["doc"] in c.doc_by_name]
    right = 0
    errors = []
    for g in gold:
        got: list[tuple[str | None, str | None]] = []
        for q in c.pred.quotes:
            if c.docname(q.doc) == g["doc"] and q.speaker and c.speaker_ok(g["speaker"], q.speaker):
                got.append((q.speaker.role, q.speaker.organization))
        for e in c.pred.entities:
            names = {_norm(e.name), *(_norm(a) for a in e.aliases)}
            if names & c.forms.get(g["speaker"], {_norm(g["speaker"])}) and e.type == "PERSON":
                got += [(r.role, r.organization) for r in e.roles if c.docname(r.doc) == g["doc"]]
        if any(_close(role, g["role"]) and _close(org, g["organization"]) for role, org in got):
            right += 1
        else:
            errors.append(f"{g['speaker']}: gold=({g['role']!r}, {g['organization']!r}) got={sorted(set(got), key=str)[:3]}")
    n = len(gold)
    return {"gold": n, "accuracy": round(right / n, 4) if n else 1.0, "errors": errors}


def score_numbers(c: _Ctx) -> dict:
    gold = [g for g in c.gold.get("numbers", []) if g["doc"] in c.doc_by_name]
    pred = [p for p in c.pred.numbers if c.docname(p.doc)]
    used: set[int] = set()
    s = Score()
    unit_right = 0
    errors = []
    for g in gold:
        loc = c.locate(g["doc"], g["text"])
        hit = None
        for i, p in enumerate(pred):
            if i in used or c.docname(p.doc) != g["doc"] or p.value is None:
                continue
            if loc and _overlap(loc, (p.start, p.end)) and abs(p.value - g["value"]) <= 1e-6 * max(1, abs(g["value"])):
                hit = i
                break
        if hit is None:
            s.fn += 1
            errors.append(f"missed: {g['text']!r} = {g['value']}")
        else:
            used.add(hit)
            s.tp += 1
            unit_right += _norm(pred[hit].unit).rstrip("s") == _norm(g["unit"]).rstrip("s")
    s.fp = len(pred) - len(used)
    errors += [f"extra: {p.text!r} = {p.value} {p.unit}" for i, p in enumerate(pred) if i not in used]
    s.extra = {"unit_accuracy": round(unit_right / s.tp, 4) if s.tp else 0.0, "errors": errors}
    return s.as_dict()


def score_timeline(c: _Ctx) -> dict:
    gold = [g for g in c.gold.get("timeline", []) if g["doc"] in c.doc_by_name]
    pred = [p for p in c.pred.events if c.docname(p.doc)]
    used: set[int] = set()
    s = Score()
    errors = []
    for g in gold:
        hit = next((i for i, p in enumerate(pred)
                    if i not in used and c.docname(p.doc) == g["doc"] and p.date == g["date"]), None)
        if hit is None:
            s.fn += 1
            errors.append(f"missed: {g['date']} {g['event']}")
        else:
            used.add(hit)
            s.tp += 1
    s.fp = len(pred) - len(used)
    errors += [f"extra: {p.date} {p.date_text!r}" for i, p in enumerate(pred) if i not in used]
    s.extra = {"errors": errors}
    return s.as_dict()


def score_entities(c: _Ctx) -> dict:
    """Cross-document clusters: a gold entity is right when one predicted entity holds all
    its surface forms (in the right documents) and no surface form of another gold entity."""
    gold = c.gold.get("entities", [])
    # (docname, normalised surface form) -> predicted entity ids holding it
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in c.pred.entities:
        for m in e.mentions:
            dn = c.docname(m.doc)
            if dn:
                holders[(dn, _norm(m.text))].add(e.id)
    exact = forms_found = forms_total = type_right = 0
    errors = []
    owner: dict[tuple[str, str], str] = {}
    for g in gold:
        for dn, forms in g["mentions"].items():
            for f in forms:
                owner.setdefault((dn, _norm(f)), g["canonical"])
    for g in gold:
        votes: dict[str, int] = defaultdict(int)
        keys = [(dn, _norm(f)) for dn, forms in g["mentions"].items() if dn in c.doc_by_name for f in forms]
        for k in keys:
            forms_total += 1
            if holders.get(k):
                forms_found += 1
            for eid in holders.get(k, ()):
                votes[eid] += 1
        if not votes:
            errors.append(f"missing: {g['canonical']}")
            continue
        best = max(votes, key=lambda k: votes[k])
        ent = c.entity_by_id[best]
        type_right += ent.type == g["type"]
        pure = all(owner.get((c.docname(m.doc) or "", _norm(m.text)), g["canonical"]) == g["canonical"]
                   for m in ent.mentions)
        complete = votes[best] == len(keys)
        if pure and complete:
            exact += 1
        else:
            what = [] if complete else ["incomplete"]
            if not pure:
                others = {owner.get((c.docname(m.doc) or "", _norm(m.text))) for m in ent.mentions} - {None, g["canonical"]}
                what.append(f"merged with {sorted(others)}")
            missing = [k[1] for k in keys if best not in holders.get(k, ())]
            errors.append(f"{g['canonical']}: {', '.join(what)}; not in cluster: {missing}")
    n = len(gold)
    return {"gold": n, "exact_clusters": round(exact / n, 4) if n else 1.0,
            "surface_form_recall": round(forms_found / forms_total, 4) if forms_total else 1.0,
            "type_accuracy": round(type_right / n, 4) if n else 1.0, "errors": errors}


def _ref_hits(c: _Ctx, ref, docname: str, text: str) -> bool:
    if ref is None or c.docname(ref.doc) != docname:
        return False
    loc = c.locate(docname, text)
    return bool(loc and _overlap(loc, (ref.start, ref.end)))


def score_alignments(c: _Ctx) -> dict:
    pairs = c.gold.get("aligned_statements", [])
    matched_pred: set[str] = set()
    found = 0
    errors = []
    sameish = [a for a in c.pred.alignments if a.relation in ("same", "agree")]
    for g in pairs:
        ok = False
        for a in sameish:
            if (_ref_hits(c, a.a, g["a"]["doc"], g["a"]["text"]) and _ref_hits(c, a.b, g["b"]["doc"], g["b"]["text"])) or (
                _ref_hits(c, a.b, g["a"]["doc"], g["a"]["text"]) and _ref_hits(c, a.a, g["b"]["doc"], g["b"]["text"])
            ):
                ok = True
                matched_pred.add(a.id)
        found += ok
        if not ok:
            errors.append(f"missed pair: {g['a']['text'][:35]!r} ~ {g['b']['text'][:35]!r}")
    only = c.gold.get("only_in", [])
    only_found = 0
    for g in only:
        hit = any(a.relation == "only-here" and _ref_hits(c, a.a, g["doc"], g["text"]) for a in c.pred.alignments)
        wrongly_aligned = any(
            a.relation in ("same", "agree") and (_ref_hits(c, a.a, g["doc"], g["text"]) or _ref_hits(c, a.b, g["doc"], g["text"]))
            for a in c.pred.alignments
        )
        only_found += hit
        if not hit:
            errors.append(f"only-here missed: {g['text']!r}")
        if wrongly_aligned:
            errors.append(f"only-here fact aligned as same/agree: {g['text']!r}")
    # Precision of same/agree alignments against the gold: a pair is a false alignment when one end
    # is a gold only-here fact; pairs the gold does not mention are counted separately (unjudged).
    false = [a for a in sameish if any(_ref_hits(c, a.a, g["doc"], g["text"]) or _ref_hits(c, a.b, g["doc"], g["text"]) for g in only)]
    judged = len(matched_pred) + len(false)
    out = {
        "gold_pairs": len(pairs), "pair_recall": round(found / len(pairs), 4) if pairs else 1.0,
        "only_in_gold": len(only), "only_in_recall": round(only_found / len(only), 4) if only else 1.0,
        "same_agree_predicted": len(sameish),
        "false_alignments": len(false),
        "precision_judged": round(len(matched_pred) / judged, 4) if judged else 1.0,
        "unjudged": len(sameish) - judged,
        "errors": errors,
    }
    if "acceptable_alignments" in c.gold:
        out.update(_complete_gold_precision(c, sameish, errors))
    for relation, pairs_ in c.gold.get("figures", {}).items():
        out.update(_figure_scores(c, relation, pairs_))
    return out


def _pair_hits(c: _Ctx, a, pair: dict) -> bool:
    ga, gb = pair["a"], pair["b"]
    return (_ref_hits(c, a.a, ga["doc"], ga["text"]) and _ref_hits(c, a.b, gb["doc"], gb["text"])) or (
        _ref_hits(c, a.b, ga["doc"], ga["text"]) and _ref_hits(c, a.a, gb["doc"], gb["text"]))


def _complete_gold_precision(c: _Ctx, sameish: list, errors: list[str]) -> dict:
    """A gold that lists every same-claim pair (and the acceptable partial ones) judges every statement link:
    one matching neither is false."""
    accepted = c.gold.get("aligned_statements", []) + c.gold.get("acceptable_alignments", [])
    stmts = [a for a in sameish if a.a.kind != "number" and c.docname(a.a.doc) and a.b and c.docname(a.b.doc)]
    false = [a for a in stmts if not any(_pair_hits(c, a, p) for p in accepted)]
    errors += [f"false alignment: {a.a.text[:45]!r} ~ {a.b.text[:45]!r}" for a in false]
    # an only-here report on a statement the gold pairs with another outlet's is wrong
    only = [a for a in c.pred.alignments if a.relation == "only-here" and c.docname(a.a.doc)]
    paired = [end for p in c.gold.get("aligned_statements", []) for end in (p["a"], p["b"])]
    wrong = [a for a in only if any(_ref_hits(c, a.a, g["doc"], g["text"]) for g in paired)]
    errors += [f"only-here, but another outlet says it: {a.a.text[:60]!r}" for a in wrong]
    return {"statement_links": len(stmts), "false_vs_complete_gold": len(false),
            "precision": round(1 - len(false) / len(stmts), 4) if stmts else 1.0,
            "only_here_predicted": len(only), "only_here_wrong": len(wrong)}


def _figure_scores(c: _Ctx, relation: str, pairs: list[dict]) -> dict:
    """Gold figure pairs that agree or conflict: how many a figure alignment of that relation finds."""
    pred = [a for a in c.pred.alignments if a.relation == relation and a.a.kind == "number" and a.b is not None]
    found = sum(any(_pair_hits(c, a, p) for a in pred) for p in pairs)
    return {f"figures_{relation}_recall": round(found / len(pairs), 4) if pairs else 1.0,
            f"figures_{relation}_predicted": len(pred)}


def score_screening(c: _Ctx) -> dict:
    gold = c.gold.get("sanctioned_parties", [])
    hits = c.pred.screening
    flagged_names: dict[str, set[str]] = defaultdict(set)
    for h in hits:
        e = c.entity_by_id.get(h.entity)
        names = {_norm(h.entity)} if e is None else {_norm(e.name), *(_norm(a) for a in e.aliases)}
        flagged_names[h.entity] |= names
    found = [g for g in gold if any(_norm(g) in ns for ns in flagged_names.values())]
    false = [eid for eid, ns in flagged_names.items() if not any(_norm(g) in ns for g in gold)]
    fp_names = [c.entity_by_id[e].name if e in c.entity_by_id else e for e in false]
    return {"gold": len(gold), "recall": round(len(found) / len(gold), 4) if gold else 1.0,
            "false_positives": len(false), "errors": [f"not flagged: {g}" for g in gold if g not in found]
            + [f"wrongly flagged: {n}" for n in fp_names]}


def score_documents(c: _Ctx) -> dict:
    fields = ("outlet", "published", "byline", "title", "language")
    right = defaultdict(int)
    errors = []
    docs = {os.path.basename(d.source): d for d in c.pred.documents}
    n = 0
    for name, g in c.gold.get("documents", {}).items():
        d = docs.get(name)
        if d is None:
            continue
        n += 1
        for f in fields:
            if f in g:
                ok = (getattr(d, f) or None) == (g[f] or None)
                right[f] += ok
                if not ok:
                    errors.append(f"{name[:20]} {f}: gold={g[f]!r} got={getattr(d, f)!r}")
    return {"documents": n, **{f: round(right[f] / n, 4) if n else 1.0 for f in fields}, "errors": errors}


SCORERS = {
    "documents": score_documents,
    "quotes": score_quotes,
    "not_quotes": score_not_quotes,
    "reported_speech": score_reported,
    "speaker_roles": score_roles,
    "entities": score_entities,
    "numbers": score_numbers,
    "timeline": score_timeline,
    "alignments": score_alignments,
    "screening": score_screening,
}

# Issue targets on the seed gold: (category, metric, minimum) -- or maximum for counts of errors.
TARGETS = [
    ("quotes", "f1", 0.97), ("quotes", "speaker_accuracy", 0.95),
    ("reported_speech", "speaker_recall", 0.85), ("speaker_roles", "accuracy", 0.9),
    ("numbers", "f1", 0.9), ("timeline", "f1", 0.85), ("not_quotes", "scare_quotes_reported", 0),
]


def evaluate(gold: dict, pred: Dossier) -> dict:
    c = _Ctx(gold, pred)
    return {name: fn(c) for name, fn in SCORERS.items()}
