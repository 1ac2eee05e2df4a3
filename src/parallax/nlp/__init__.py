"""spaCy loading and text normalisation."""
