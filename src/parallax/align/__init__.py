"""Alignment of what sources say within a story (same / agree / conflict / only-here)."""

from parallax.align.statements import align_all, align_story

__all__ = ["align_all", "align_story"]
