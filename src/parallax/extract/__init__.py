"""Per-document extraction: entities, quotes, numbers, dated events."""
