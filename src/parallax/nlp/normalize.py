"""Text normalisation with a map back to original offsets.

The NLP stages see normalised text (NFKC, non-breaking hyphens and spaces made
plain, typographic quotes made straight); every offset they produce is mapped
back to the original text before it is stored, so provenance is exact.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

# Applied after NFKC, one character at a time. Typographic quotes become straight
# ones so the tokenizer and the quote finder see one form; the original text keeps
# the curly marks, and `orig_char` lets a caller look at them (e.g. open vs close).
_CHAR_MAP = {
    "\u2011": "-",  # non-breaking hyphen (NFKC leaves it)
    "\u2010": "-",
    "\u00a0": " ",  # NFKC turns it into a space too; kept for clarity
    "\u202f": " ",
    "\u2007": " ",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u00ad": "",  # soft hyphen
    "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "",
}


@dataclass(frozen=True)
class NormalizedText:
    original: str
    text: str
    # to_orig[i] is the original offset of normalised char i; to_orig[len(text)] == len(original)
    to_orig: tuple[int, ...]
    # to_orig_end[i] is the end of the original unit normalised char i came from
    to_orig_end: tuple[int, ...] = ()

    def orig_offset(self, i: int) -> int:
        """Original offset of a normalised *start* offset (or of the end sentinel)."""
        return self.to_orig[i]

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of a normalised span [start, end)."""
        if end <= start:
            s = self.to_orig[start]
            return s, s
        return self.to_orig[start], self.to_orig_end[end - 1]

    def norm_offset(self, orig: int) -> int:
        """Normalised offset of an original offset (first normalised char at or after it)."""
        return bisect_right(self.to_orig, orig - 1) if orig > 0 else 0

    def orig_char(self, i: int) -> str:
        return self.original[self.to_orig[i]]


# Characters that need the per-unit path: anything outside ASCII, and CR (CRLF -> LF).
_SPECIAL = re.compile(r"[^\x00-\x0c\x0e-\x7f]")


def normalize(original: str) -> NormalizedText:
    out: list[str] = []
    to_orig: list[int] = []
    to_end: list[int] = []
    i = 0
    n = len(original)
    while i < n:
        m = _SPECIAL.search(original, i)
        k = m.start() if m else n
        if k < n and k > i and unicodedata.combining(original[k]):
            k -= 1  # the base of a combining sequence takes the per-unit path
        if k > i:  # plain ASCII maps to itself: copy the run in one go
            out.append(original[i:k])
            to_orig.extend(range(i, k))
            to_end.extend(range(i + 1, k + 1))
            i = k
            continue
        ch = original[i]
        # keep a surrogate-free, combining-aware unit: the char plus following combining marks
        j = i + 1
        while j < n and unicodedata.combining(original[j]):
            j += 1
        unit = original[i:j]
        norm = unicodedata.normalize("NFKC", unit)
        norm = "".join(_CHAR_MAP.get(c, c) for c in norm)
        if ch == "\r":
            norm = "" if j < n and original[j] == "\n" else "\n"
        for c in norm:
            out.append(c)
            to_orig.append(i)
            to_end.append(j)
        i = j
    to_orig.append(n)
    return NormalizedText(original=original, text="".join(out), to_orig=tuple(to_orig), to_orig_end=tuple(to_end))
