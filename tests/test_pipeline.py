"""The per-document pipeline: sentence boundaries at line breaks, offsets back to the original."""

from parallax.nlp.loader import load_nlp
from parallax.pipeline import analyze_text


def test_headlines_and_datelines_are_their_own_sentences():
    nlp = load_nlp()
    doc = nlp("Harbour reopens after fire\n\nPosted on : 2024-05-02 09:00 KST\n\nThe port reopened on Monday. Crews left.")
    assert [s.text.strip() for s in doc.sents] == [
        "Harbour reopens after fire", "Posted on : 2024-05-02 09:00 KST", "The port reopened on Monday.", "Crews left."]


def test_hard_wrapped_lines_stay_one_sentence():
    doc = load_nlp()("The mayor said the plan\nwould be reviewed, and\nofficials agreed.")
    assert len(list(doc.sents)) == 1


def test_sentences_are_in_original_offsets():
    text = "Port fire\n\nThe mayor\u00a0said \u201cwe will rebuild\u201d on Monday.\n"
    analysis = analyze_text(text, published="2024-05-08")
    last = analysis.sentences[-1]
    assert text[last.start:last.end].startswith("The mayor\u00a0said \u201cwe")
    q = analysis.quotes[0]
    assert text[q.start:q.end] == q.text == "we will rebuild"


def test_mentions_never_carry_surrounding_whitespace():
    analysis = analyze_text("Heatwave closes schools across southern Portavia\n\nSchools in Portavia closed on Monday.",
                            published="2025-07-14")
    for e in analysis.entities:
        assert e.name == e.name.strip()
        for m in e.mentions:
            assert m.text == m.text.strip() and m.text


def test_two_parser_processes_give_the_same_facts():
    from parallax.config import Settings
    from parallax.model import Document
    from parallax.pipeline import analyze_documents

    texts = [f"Dock strike day {i}\n\n\"We will not move,\" said Ana Ruiz, a union leader, on Monday. "
             f"The port lost $2 million, she said." for i in range(4)]
    docs = [Document(id=f"d{i}", source=f"s{i}", text=t, published="2025-03-05") for i, t in enumerate(texts)]
    one = [a.model_dump() for a in analyze_documents(docs, Settings(processes=1))]
    two = [a.model_dump() for a in analyze_documents(docs, Settings(processes=2))]
    assert one == two
    assert one[0]["quotes"][0]["speaker"]["name"] == "Ana Ruiz"
