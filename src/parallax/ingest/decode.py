"""Bytes to text: UTF-8 first, then a detected encoding only when the result is sane."""

from __future__ import annotations

import re
import unicodedata

from parallax.ingest.result import IngestFailure

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_ALLOWED_CONTROLS = set("\t\n\r\f\v")
# UTF-8 read as a Western code page: "Ã©", "â€™", "Â " ...
_MOJIBAKE = re.compile("[\u00c2\u00c3\u00c5\u00e2][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
UNDETERMINED = "not valid UTF-8 and encoding could not be determined"


def decode_bytes(data: bytes) -> str:
    """Decode file or HTTP content; raise IngestFailure with a one-line reason."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(enc))
            except UnicodeDecodeError:
                raise IngestFailure(f"invalid {enc} after byte-order mark") from None
    if b"\x00" in data:
        raise IngestFailure("binary file, not text")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    text = _detect(data)
    if text is None:
        raise IngestFailure(UNDETERMINED)
    return _checked(text)


def _checked(text: str) -> str:
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in _ALLOWED_CONTROLS)
    if controls and controls > len(text) / 100:
        raise IngestFailure("binary file, not text")
    return text


def _detect(data: bytes) -> str | None:
    if _broken_utf8(data):
        return None  # UTF-8 with corrupted bytes: any single-byte reading would be mojibake
    # Western European text is by far the most common legacy encoding in news; charset
    # detectors often pick a neighbouring code page (cp1250) for short texts, so try
    # cp1252 first and accept it when it reads like mostly-ASCII Latin text.
    try:
        text = data.decode("cp1252")
        if _sane(text) and _non_ascii_letter_ratio(text) < 0.25:
            return text
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.1 or not best.languages:
        return None  # no language recognised: several code pages fit equally badly
    text = str(best)
    return text if _sane(text) else None


def _broken_utf8(data: bytes) -> bool:
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    good = sum(1 for c in lenient if ord(c) > 127 and c != "\ufffd")
    return good > 0 and good >= bad


def _sane(text: str) -> bool:
    for c in text:
        cat = unicodedata.category(c)
        if cat in ("Cn", "Co", "Cs") or (cat == "Cc" and c not in _ALLOWED_CONTROLS):
            return False
    return not _MOJIBAKE.search(text)


def _non_ascii_letter_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if ord(c) > 127) / len(letters)
