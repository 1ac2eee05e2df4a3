"""Normalisation keeps an exact map back to original offsets."""

from parallax.nlp.normalize import normalize


def test_typographic_characters_are_made_plain():
    nt = normalize("Kim Jong\u2011un said \u201cyes\u201d on Sept.\u00a013 \u2014 it\u2019s done")
    assert nt.text == 'Kim Jong-un said "yes" on Sept. 13 \u2014 it\'s done'


def test_offsets_map_back_through_expanding_and_vanishing_characters():
    original = "A\u2026 \ufb01le\u00ad and \u2460 \u201cquote\u201d end"  # ellipsis->3, ligature->2, soft hyphen->0
    nt = normalize(original)
    assert nt.text == 'A... file and 1 "quote" end'
    i = nt.text.index("quote")
    s, e = nt.orig_span(i, i + len("quote"))
    assert original[s:e] == "quote"
    j = nt.text.index("file")
    s, e = nt.orig_span(j, j + 4)
    assert original[s:e] == "\ufb01le"  # the whole ligature, not half of it
    k = nt.text.index("...")
    assert nt.orig_span(k, k + 3) == (1, 2)
    assert nt.orig_span(len(nt.text), len(nt.text)) == (len(original), len(original))


def test_crlf_becomes_lf_and_offsets_still_point_at_the_original():
    original = "one\r\ntwo\rthree"
    nt = normalize(original)
    assert nt.text == "one\ntwo\nthree"
    i = nt.text.index("three")
    assert original[nt.orig_offset(i):nt.orig_span(i, i + 5)[1]] == "three"


def test_norm_offset_is_the_inverse_of_orig_offset():
    original = "x\u00a0\u201cy\u201d\u2026z"
    nt = normalize(original)
    for i in range(len(nt.text)):
        assert nt.norm_offset(nt.orig_offset(i)) <= i
    assert nt.text[nt.norm_offset(original.index("z"))] == "z"


def test_combining_marks_are_composed():
    nt = normalize("Cafe\u0301 Jose\u0301")
    assert nt.text == "Caf\u00e9 Jos\u00e9"
    i = nt.text.index("Jos\u00e9")
    s, e = nt.orig_span(i, i + 4)
    assert nt.original[s:e] == "Jose\u0301"


def test_ascii_runs_and_special_units_map_back_exactly():
    import random
    import unicodedata

    from parallax.nlp.normalize import _CHAR_MAP, normalize

    rnd = random.Random(7)
    alphabet = "ab .\r\n\u0301\u00e9\u2011\u201c\u201d\u00a0\ufb01\u200b\u00ad\ud55c"
    for _ in range(500):
        original = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
        n = normalize(original)
        assert n.to_orig[-1] == len(original) and len(n.to_orig) == len(n.text) + 1
        for i, ch in enumerate(n.text):
            unit = original[n.to_orig[i]:n.to_orig_end[i]]
            expected = "".join(_CHAR_MAP.get(c, c) for c in unicodedata.normalize("NFKC", unit))
            assert ch in expected or unit.startswith("\r"), (original, i)
        assert "\r" not in n.text
