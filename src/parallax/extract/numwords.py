"""Parse the value of a written number: "1.1 million", "42,740", "five", "half a million", "3bn".

Works on a list of lower-cased token strings so the caller decides where the
expression starts and ends (the token scanner in numbers.py).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
# multipliers that close a group ("three hundred thousand" = (3*100)*1000)
SCALES = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "bn": 10**9, "b": 10**9, "tn": 10**12, "trn": 10**12,
}
SIMPLE_WORDS = {**UNITS, **TENS}
# words that may appear inside a number expression
NUMBER_WORDS = set(SIMPLE_WORDS) | set(SCALES) | {"hundred", "dozen", "half", "a", "an", "and"}

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
# "3bn", "42.7m", "10k" written as one token
_DIGITS_SCALE = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|mln|bn|b|tn|trn)$")


def is_digits(tok: str) -> bool:
    return bool(_DIGITS.match(tok))


def split_digit_scale(tok: str) -> tuple[str, str] | None:
    """"3bn" -> ("3", "bn"); None when the token is not a number glued to a scale."""
    m = _DIGITS_SCALE.match(tok.lower())
    return (m.group(1), m.group(2)) if m else None


def is_number_token(tok: str) -> bool:
    t = tok.lower()
    if is_digits(t) or split_digit_scale(t):
        return True
    if "-" in t:  # "twenty-five"
        a, _, b = t.partition("-")
        return a in TENS and b in UNITS
    return t in SIMPLE_WORDS or t in SCALES or t in ("hundred", "dozen")


def parse_number(tokens: list[str]) -> float | None:
    """Value of a number expression given as tokens, or None if it is not one.

    >>> parse_number(["1.1", "million"])
    1100000.0
    >>> parse_number(["half", "a", "million"])
    500000.0
    """
    words: list[str] = []
    for raw in tokens:
        t = raw.lower().strip()
        if not t or t == "-":
            continue
        ds = split_digit_scale(t)
        if ds:
            words.extend(ds)
        elif "-" in t and not is_digits(t):
            words.extend(p for p in t.split("-") if p)
        else:
            words.append(t)
    if not words:
        return None
    total = Decimal(0)
    current = Decimal(0)
    seen = False
    half = False
    for i, w in enumerate(words):
        if is_digits(w):
            try:
                current += Decimal(w.replace(",", ""))
            except InvalidOperation:
                return None
            seen = True
        elif w in SIMPLE_WORDS:
            current += SIMPLE_WORDS[w]
            seen = True
        elif w in ("a", "an"):
            # "a million", "a dozen", "half a million": an implicit one before a scale
            if i + 1 < len(words) and (words[i + 1] in SCALES or words[i + 1] in ("hundred", "dozen")):
                if current == 0:
                    current = Decimal(1)
                seen = True
            else:
                return None
        elif w == "and":
            continue
        elif w == "half":
            half = True
        elif w == "hundred":
            current = (current or Decimal(1)) * 100
            seen = True
        elif w == "dozen":
            current = (current or Decimal(1)) * 12
            seen = True
        elif w in SCALES:
            total += (current or Decimal(1)) * SCALES[w]
            current = Decimal(0)
            seen = True
        else:
            return None
    if not seen:
        return None
    value = total + current
    if half:
        value = value / 2 if value else Decimal("0.5")
    return float(value)
