"""What an article says around a name that bears on screening it.

* countries: "Slovakian citizen X", "Kazakhstan's X", "X, a Russian company",
  "X of Germany" (near the mention) and any country in the same sentence (weaker);
* whether the sentence calls the thing a company (so a name that NER typed as a
  place or product is still screened as an organisation);
* the roles the article gives the person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from parallax.model import DocAnalysis, Entity
from parallax.screen.lists import country_code

# Nouns that say "this is a company/organisation" (singular and plural).
ORG_NOUNS = (
    "company|companies|firm|firms|corporation|corporations|corp|enterprise|enterprises|business|businesses|"
    "entity|entities|bank|banks|manufacturer|manufacturers|supplier|suppliers|contractor|contractors|"
    "conglomerate|conglomerates|subsidiary|subsidiaries|holding|holdings|exporter|exporters|importer|importers|"
    "shipper|shippers|carrier|carriers|airline|airlines|operator|operators|producer|producers|maker|makers|"
    "distributor|distributors|trader|traders|vendor|vendors|startup|startups|fund|funds|charity|charities|"
    "foundation|foundations|organisation|organisations|organization|organizations|group|groups|agency|"
    "agencies|network|networks|front|fronts|shell"
)
_ORG_NOUN_RX = re.compile(rf"\b(?:{ORG_NOUNS})\b", re.I)
# Words between a country word and the name that keep the country attached to it.
_LINK_WORDS = {"citizen", "national", "nationals", "citizens", "resident", "businessman", "businesswoman",
               "tycoon", "oligarch", "arms", "dealer", "broker", "trader", "based", "registered", "owned",
               "state", "state-owned", "the", "a", "an", "its", "defense", "defence", "military", "official",
               "banker", "financier", "shipping", "trading", "firm", "company", "companies", "bank", "entity",
               "businessmen", "middleman", "front", "exporter", "-based", "born"}
_CAP_WORD = re.compile(r"[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)?")
_CLAUSE_BREAK = re.compile(r"[;:()\[\]\"“”]|,|[.!?]\s|\s(?:and|or|but|while|whereas|as well as)\s")
AFTER_TOKENS = 4  # "X, a Slovak arms company": the modifier after a name is short
NEAR_CHARS = 60


@lru_cache(maxsize=20_000)
def _country_of_word(word: str) -> str | None:
    word = re.sub(r"['’]s$", "", word.strip(" .,"))
    for part in (word, *word.split("-")):
        # short words only as codes written in capitals ("US", "UAE"), never "In", "Mo"
        if len(part) >= 4 and part[0].isupper() or 2 <= len(part) <= 3 and part.isupper():
            code = country_code(part)
            if code:
                return code
    return None


def countries_in(text: str) -> list[str]:
    """Country codes named in a piece of text (country names, demonyms, capitals)."""
    out: list[str] = []
    for m in _CAP_WORD.finditer(text):
        words = m.group(0).split()
        code = _country_of_word(" ".join(words)) if len(words) > 1 else None
        codes = [code] if code else [_country_of_word(w) for w in words]
        out.extend(c for c in codes if c and c not in out)
    return out


def _near_before(text: str, start: int) -> str:
    window = text[max(0, start - NEAR_CHARS):start]
    parts = _CLAUSE_BREAK.split(window)
    return parts[-1] if parts else ""


def _near_after(text: str, end: int) -> str:
    window = text[end:end + NEAR_CHARS]
    m = re.match(r"\s*(?:,\s*(?:an?|the)\s+|\s+(?:of|from|in|based in)\s+|\s*\(\s*)", window)
    if not m:
        return ""
    rest = window[m.end():]
    return " ".join(_CLAUSE_BREAK.split(rest)[0].split()[:AFTER_TOKENS])


def near_countries(text: str, start: int, end: int) -> list[str]:
    """Countries attached to the name at text[start:end] by a short pre- or post-modifier."""
    before = _near_before(text, start)
    tokens = before.split()
    # keep only a short modifier: the country word may be followed by link words only
    kept: list[str] = []
    for tok in reversed(tokens):
        kept.insert(0, tok)
        bare = tok.lower().strip(".,")
        if bare not in _LINK_WORDS and not _country_of_word(tok) and not bare.endswith("-based"):
            break
    codes = countries_in(" ".join(kept))
    for c in countries_in(_near_after(text, end)):
        if c not in codes:
            codes.append(c)
    return codes


def says_org(sentence: str) -> bool:
    """Whether a sentence describes something as a company/organisation."""
    return bool(_ORG_NOUN_RX.search(sentence))


def mention_context(text: str, start: int, end: int, sent_start: int, sent_end: int) -> dict:
    sentence = text[sent_start:sent_end]
    near = near_countries(text, start, end)
    # the rest of the sentence, with the name itself blanked out
    rest = sentence[: start - sent_start] + " " * (end - start) + sentence[end - sent_start:]
    return {"countries_near": near, "countries_sentence": countries_in(rest), "org_cue": says_org(sentence),
            "org_cue_near": bool(_ORG_NOUN_RX.search(_near_before(text, start) + " " + _near_after(text, end)))}


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Rough sentence around [start, end) for plain texts (no parse available)."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return left + 1 if left >= 0 else 0, right


def entity_context(entity: Entity, docs: dict[str, DocAnalysis | str]) -> dict:
    """Merge the context of all an entity's mentions (plus its roles)."""
    ctx: dict = {"countries_near": [], "countries_sentence": [], "org_cue": False, "org_cue_near": False,
                 "roles": [r.role for r in entity.roles if r.role] + [r.organization for r in entity.roles
                                                                      if r.organization]}
    for m in entity.mentions:
        src = docs.get(m.doc)
        if src is None:
            continue
        text = src if isinstance(src, str) else src.document.text
        bounds = None
        if isinstance(src, DocAnalysis):
            bounds = next(((s.start, s.end) for s in src.sentences if s.start <= m.start < s.end), None)
        a, b = bounds or _sentence_bounds(text, m.start, m.end)
        mc = mention_context(text, m.start, m.end, a, b)
        for key in ("countries_near", "countries_sentence"):
            ctx[key].extend(c for c in mc[key] if c not in ctx[key])
        ctx["org_cue"] |= mc["org_cue"]
        ctx["org_cue_near"] |= mc["org_cue_near"]
    return ctx


def merge_context(base: dict, extra: Iterable[tuple[str, object]] | dict | None) -> dict:
    """Caller-given context wins; a plain "countries" list counts as near."""
    out = dict(base)
    for key, value in dict(extra or {}).items():
        if key == "countries":
            codes = [country_code(str(v)) or str(v).lower() for v in value]  # type: ignore[union-attr]
            out["countries_near"] = list(dict.fromkeys([*codes, *out.get("countries_near", [])]))
        else:
            out[key] = value
    return out
