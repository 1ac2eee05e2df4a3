"""Sanctions screening: list loaders, the matcher, store-backed service and CLI."""

from parallax.screen.lists import ListFormatError, SanctionsList, load_list_file
from parallax.screen.matcher import DEFAULT_THRESHOLD, Screener, screen_entities

__all__ = ["DEFAULT_THRESHOLD", "ListFormatError", "SanctionsList", "Screener", "load_list_file", "screen_entities"]
