"""Claims: the asserted clauses of a sentence, with who asserts them (invented sentences)."""

import pytest

from parallax.pipeline import analyze_text

pytestmark = pytest.mark.slow


def _claims(text: str):
    a = analyze_text(text, published="2025-03-04")
    return a, [(c.text, c.speaker.name if c.speaker else None) for c in a.claims]


def _own(c, text):
    """A claim's own words: its span minus its gaps."""
    out = text[c.start:c.end]
    for a, b in sorted(c.gaps, reverse=True):
        out = out[:a - c.start] + out[b - c.start:]
    return " ".join(out.split())


def test_coordinated_clauses_with_their_own_subject_are_two_claims():
    _, claims = _claims("The bridge reopened on Friday, but the ferry service remains suspended.")
    texts = [t for t, _ in claims]
    assert "The bridge reopened on Friday" in texts
    assert "the ferry service remains suspended" in texts


def test_reported_speech_is_the_speakers_claim_and_the_frame_is_dropped():
    a, claims = _claims("Mayor Lina Petrova told reporters on Tuesday that the dam had been inspected in May.")
    assert claims == [("the dam had been inspected in May", "Lina Petrova")]
    c = a.claims[0]
    assert a.document.text[c.start:c.end] == c.text and c.quote is not None


def test_according_to_frame_is_not_a_claim():
    _, claims = _claims("According to the regional health office, 14 people were treated in hospital.")
    assert [t for t, _ in claims] == ["14 people were treated in hospital"]
    assert claims[0][1] is not None


def test_participial_clause_after_a_comma_is_its_own_claim():
    _, claims = _claims("A gas explosion tore through the market on Sunday, killing nine people.")
    texts = [t for t, _ in claims]
    assert "killing nine people" in texts
    assert any(t.startswith("A gas explosion tore through the market") for t in texts)


def test_two_predicates_with_their_own_objects_split():
    _, claims = _claims("The storm destroyed 300 homes and injured 40 residents.")
    texts = [t for t, _ in claims]
    assert "injured 40 residents" in texts and any("destroyed 300 homes" in t for t in texts)


def test_non_restrictive_relative_clause_is_a_gap_in_the_main_claim():
    text = "Omar Haddad, who founded the firm in 2009, resigned on Monday."
    a, claims = _claims(text)
    main = next(c for c in a.claims if "resigned" in c.text)
    rel = next(c for c in a.claims if c.text.startswith("who founded"))
    assert _own(main, text).replace(",", " ").split() == ["Omar", "Haddad", "resigned", "on", "Monday"]
    assert main.gaps and rel.start >= main.gaps[0][0]


def test_partial_quote_inside_reported_speech_stays_one_claim():
    _, claims = _claims('Inspector Maria Lund said the records described the drums as "empty containers" and '
                        'had been signed by the captain.')
    speakers = {s for _, s in claims}
    assert speakers == {"Maria Lund"}
    assert any("empty containers" in t and "records described" in t for t, _ in claims)


def test_negation_and_core_are_marked():
    text = "The ministry did not confirm the figure."
    a, _ = _claims(text)
    c = a.claims[0]
    assert c.negated
    core = " ".join(text[s:e] for s, e in c.core)
    assert "confirm" in core and "figure" in core


def test_claims_survive_the_store(tmp_path):
    from parallax.store import Store

    a = analyze_text("The port reopened on Friday, and 12 ships were unloaded.", published="2025-03-04")
    with Store(tmp_path / "c.db") as store:
        store.save_analysis(a)
        back = next(store.analyses())
        assert [c.text for c in back.claims] == [c.text for c in a.claims]
        assert [c.text for c in store.load_dossier().claims] == [c.text for c in a.claims]


def test_a_cue_verb_that_does_not_introduce_the_according_to_clause_keeps_its_claim():
    from parallax.pipeline import analyze_text

    text = ("Prosecutors yesterday charged the owner of a trading firm, after customs officers seized four crates "
            "of rifles which, according to investigators, were bound for the border.")
    claims = analyze_text(text, published="2024-04-18").claims
    outlet = [c.text for c in claims if c.speaker is None]
    assert any(t.startswith("Prosecutors yesterday charged the owner") for t in outlet), outlet


def test_an_act_coordinated_with_the_cue_is_a_claim_of_its_own():
    _, claims = _claims("The port director, Anna Verhoeven, rejected the complaints and said the cranes "
                        "would be repaired by June.")
    texts = [t for t, _ in claims]
    assert any(t.startswith("The port director, Anna Verhoeven, rejected the complaints") for t in texts), texts
    assert ("the cranes would be repaired by June", "Anna Verhoeven") in claims
