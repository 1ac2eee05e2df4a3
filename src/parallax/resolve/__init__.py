"""Cross-document resolution: entities across sources and spellings, and stories."""

from parallax.resolve.entities import exported_id, resolve_entities

__all__ = ["exported_id", "resolve_entities"]
