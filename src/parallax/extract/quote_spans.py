"""Find quoted passages by their marks in the ORIGINAL text.

Handles curly “…”, straight "…", «guillemets», „low-high“, single ‘…’ / '…' (outside double
quotes; apostrophes are told apart by the letters around them), and multi-paragraph quotes
(the opening mark repeated at each paragraph start, the closing mark only at the end): each
paragraph becomes its own segment, linked by `group`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_DOUBLE = "“„‟«"
CLOSE_DOUBLE = "”»"
OPEN_SINGLE = "‘‚‛‹"
CLOSE_SINGLE = "’›"
_OPENING_CONTEXT = " \t\n([{—–-/:"


@dataclass(frozen=True)
class QuoteSpan:
    open: int  # offset of the opening mark
    close: int  # offset of the closing mark (== end of the paragraph for an unclosed segment)
    group: int  # segments of one multi-paragraph quote share a group
    closed: bool  # False for a non-final paragraph of a multi-paragraph quote

    @property
    def start(self) -> int:
        return self.open + 1

    @property
    def end(self) -> int:
        return self.close


def _is_open_double(text: str, i: int) -> bool | None:
    """True for an opening mark, False for a closing one, None for not a double quote."""
    ch = text[i]
    if ch in OPEN_DOUBLE:
        return True
    if ch in CLOSE_DOUBLE:
        return False
    if ch == '"':
        prev = text[i - 1] if i else "\n"
        return prev in _OPENING_CONTEXT or prev in OPEN_DOUBLE + OPEN_SINGLE
    return None


def _paragraph_end(text: str, i: int) -> int:
    j = text.find("\n", i)
    return len(text) if j < 0 else j


def _trim_end(text: str, a: int, b: int) -> int:
    while b > a and text[b - 1].isspace():
        b -= 1
    return b


# the only characters find_double acts on: double marks and line breaks
_DOUBLE_OR_NEWLINE = re.compile("[\n\"" + re.escape(OPEN_DOUBLE + CLOSE_DOUBLE) + "]")


def find_double(text: str) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    group = 0
    open_at: int | None = None
    pending: list[tuple[int, int]] = []  # unclosed paragraph segments of the current quote
    i, n = 0, len(text)
    while i < n:
        m = _DOUBLE_OR_NEWLINE.search(text, i)  # skip the characters that cannot matter
        if m is None:
            break
        i = m.start()
        ch = text[i]
        if ch == "\n" and open_at is not None:
            # paragraph ended inside a quote: a multi-paragraph quote continues only when the
            # next non-blank paragraph opens with a mark
            j = i
            while j < n and text[j].isspace():
                j += 1
            if j < n and _is_open_double(text, j) is True:
                pending.append((open_at, _trim_end(text, open_at, i)))
                open_at = j
                i = j + 1
                continue
            open_at, pending = None, []  # unbalanced: drop rather than guess
            i += 1
            continue
        kind = _is_open_double(text, i)
        if kind is None:
            i += 1
            continue
        if open_at is None:
            if kind:
                open_at = i
        elif not kind or text[i] == '"':
            if i > open_at + 1:
                group += 1
                out += [QuoteSpan(a, b, group, False) for a, b in pending]
                out.append(QuoteSpan(open_at, i, group, True))
            open_at, pending = None, []
        else:  # a second opening mark on the same paragraph: the first was stray
            open_at = i
        i += 1
    return out


def _letter(ch: str) -> bool:
    return ch.isalnum()


_SINGLE_OPENER = re.compile("[" + re.escape(OPEN_SINGLE) + "']")


def find_single(text: str, blocked: list[tuple[int, int]], group_base: int) -> list[QuoteSpan]:
    """Single-quoted passages outside the double-quoted ones, within one paragraph."""
    out: list[QuoteSpan] = []
    inside = bytearray(len(text) + 1)
    for a, b in blocked:
        inside[a: b + 1] = b"\x01" * (b + 1 - a)
    i, n = 0, len(text)
    group = group_base
    while i < n:
        m = _SINGLE_OPENER.search(text, i)  # skip to the next mark that could open a quote
        if m is None:
            break
        i = m.start()
        ch = text[i]
        if inside[i] or ch not in OPEN_SINGLE + "'":
            i += 1
            continue
        prev = text[i - 1] if i else "\n"
        nxt = text[i + 1] if i + 1 < n else " "
        if not (prev in _OPENING_CONTEXT or prev in OPEN_DOUBLE) or not _letter(nxt):
            i += 1
            continue
        end = _paragraph_end(text, i)
        j = i + 1
        close = None
        while j < end:
            c = text[j]
            if inside[j]:
                break
            if c in CLOSE_SINGLE + "'":
                before, after = text[j - 1], text[j + 1] if j + 1 < n else " "
                if not before.isspace() and not _letter(after):
                    # "the Kims' house": an s before and a lowercase word after is a possessive
                    rest = text[j + 1: j + 3]
                    if not (before == "s" and rest[:1] == " " and rest[1:2].islower()):
                        close = j
                        break
            j += 1
        if close is not None and close > i + 1:
            group += 1
            out.append(QuoteSpan(i, close, group, True))
            i = close + 1
        else:
            i += 1
    return out


def find_quote_spans(text: str) -> list[QuoteSpan]:
    doubles = find_double(text)
    singles = find_single(text, [(q.open, q.close) for q in doubles], len(doubles) + 1)
    return sorted(doubles + singles, key=lambda q: q.open)
