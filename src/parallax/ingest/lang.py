"""A small language guesser: script first, then stop-word counts for Latin-script text."""

from __future__ import annotations

import re

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to in is that for it was on with as by he she at from his her be have has are were said which this not but they a an about after would will been had their its who into than over more also or new".split()),
    "fr": frozenset("le la les des du de et est un une dans pour que qui sur pas au aux avec il elle sont ont été par cette ce ne se".split()),
    "de": frozenset("der die das und ist nicht ein eine zu den von mit sich auf für des dem im auch es sind wurde wird hat nach bei".split()),
    "es": frozenset("el la los las de y que en un una es por con para del se no al lo como su más pero fue ha sus".split()),
    "it": frozenset("il lo la gli le di e che un una è per non con del della dei nel sono si da al alla ha anche come".split()),
    "pt": frozenset("o a os as de e que em um uma é do da dos das no na não por para com se ao foi mais pelo pela".split()),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _count_script(text: str) -> dict[str, int]:
    counts = {"latin": 0, "cyrillic": 0, "hangul": 0, "kana": 0, "han": 0}
    for c in text:
        o = ord(c)
        if c.isascii():
            if c.isalpha():
                counts["latin"] += 1
        elif 0x00C0 <= o <= 0x024F:
            counts["latin"] += 1
        elif 0x0400 <= o <= 0x04FF:
            counts["cyrillic"] += 1
        elif 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
            counts["hangul"] += 1
        elif 0x3040 <= o <= 0x30FF:
            counts["kana"] += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
            counts["han"] += 1
    return counts


def detect_language(text: str, *, sample: int = 20000) -> str | None:
    """ISO 639-1 code for en/fr/de/es/it/pt/ru/ko/ja/zh, or None when unsure."""
    text = text[:sample]
    counts = _count_script(text)
    total = sum(counts.values())
    if total < 20:
        return None
    # CJK characters carry more per glyph, so weight them against Latin letters
    cjk = counts["hangul"] + counts["kana"] + counts["han"]
    if cjk * 3 > counts["latin"] + counts["cyrillic"]:
        if counts["hangul"] > cjk * 0.3:
            return "ko"
        if counts["kana"] > cjk * 0.1:
            return "ja"
        return "zh"
    if counts["cyrillic"] > counts["latin"]:
        return "ru"
    return _latin_language(text)


def _latin_language(text: str) -> str | None:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 5:
        return None
    scores = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOPWORDS.items()}
    best = max(scores, key=scores.__getitem__)
    ranked = sorted(scores.values(), reverse=True)
    # need a real signal: enough stop words, and a clear lead over the runner-up
    if ranked[0] < max(2, len(words) * 0.08) or ranked[0] < ranked[1] * 1.3:
        return None
    return best
