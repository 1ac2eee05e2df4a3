"""The published JSON Schema is the one the model generates (the public contract cannot drift)."""

import json

from parallax.export.json import generate_schema, json_schema


def test_committed_schema_matches_the_model():
    assert json_schema() == json.loads(json.dumps(generate_schema()))


def test_schema_is_open_for_additions():
    assert "additionalProperties" not in json.dumps(json_schema())
    props = json_schema()["properties"]
    for key in ("documents", "entities", "quotes", "numbers", "events", "alignments", "screening"):
        assert key in props
