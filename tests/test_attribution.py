"""Speakers of quotes and reported speech in harder frames: role nouns that refer back to a person
named beside the role, partial quotes inside someone else's reported clause, documents and opinion
frames as sources, unattributed first-person quotes, reported speech in the middle of a sentence.
All sentences are invented."""

from __future__ import annotations

import pytest

from parallax.extract.entities import extract_entities
from parallax.extract.quotes import extract_quotes
from parallax.model import Document, Quote
from parallax.nlp.analyzed import AnalyzedDoc
from parallax.nlp.loader import load_nlp
from parallax.nlp.normalize import normalize


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def run(nlp, text: str) -> list[Quote]:
    norm = normalize(text)
    ad = AnalyzedDoc(document=Document(id="t", source="t", text=text), norm=norm, doc=nlp(norm.text))
    quotes = extract_quotes(ad, extract_entities(ad))
    for q in quotes:
        assert q.text == text[q.start:q.end]
    return quotes


def quote(quotes: list[Quote], start: str) -> Quote:
    return next(q for q in quotes if q.kind != "reported" and q.text.startswith(start))


def reported(quotes: list[Quote], start: str) -> Quote:
    return next(q for q in quotes if q.kind == "reported" and q.text.startswith(start))


def name(q: Quote) -> str | None:
    return q.speaker.name if q.speaker else None


# -- class: quote speakers ----------------------------------------------------------------------

def test_role_noun_after_quote_is_the_person_named_beside_that_role(nlp):
    # the tagger makes "Marta" a place here, so the entity stage records no minister
    text = ("The minister of Agriculture, Marta Quesada, arrived yesterday at the port. “Nobody who ignored "
            "the warnings will be spared,” said the minister, visibly angry.")
    q = quote(run(nlp, text), "Nobody")
    assert name(q) == "Marta Quesada" and q.speaker.role == "minister of agriculture"


def test_role_noun_in_reported_speech_is_the_person_with_that_appositive_role(nlp):
    text = ("Henrik Ekberg, Norlune Foods’ chief executive, said sales were steady. Later the chief executive "
            "said that Norlune would keep all of its bakeries open.")
    assert name(reported(run(nlp, text), "Norlune would keep")) == "Henrik Ekberg"


def test_partial_quote_in_a_clause_about_an_unnamed_group_is_the_tellers(nlp):
    text = ("Rosa Quintana, who leads the nurses’ union, told the Daily Courier that nurses reported the "
            "problem “again and again” to managers.")
    assert name(quote(run(nlp, text), "again and again")) == "Rosa Quintana"


def test_passive_hearer_verb_names_the_hearer_not_the_speaker(nlp):
    text = ("Jan Kowal, a driver, told the Evening Ledger that drivers had complained for months and had been "
            "assured it was \"a passing glitch.\"")
    assert name(quote(run(nlp, text), "a passing glitch")) == "Jan Kowal"


def test_partial_quote_whose_source_is_a_document_is_its_authors(nlp):
    text = ("A study of the Hydrology Institute from last year, to which this newspaper had access, registered "
            "“deep cracks in the north wall” and recommended to drain the reservoir.")
    assert name(quote(run(nlp, text), "deep cracks")) == "Hydrology Institute"


def test_for_x_frame_is_a_claim_and_the_antecedent_of_she(nlp):
    text = ("The levee failed at dawn. For Irene Salcedo Brandt, soil engineer of the Technical University of "
            "Valdora, the levees were built on loose sand. “When the river rises,” she said, “the sand simply "
            "flows away.”")
    qs = run(nlp, text)
    claim = reported(qs, "the levees were built")
    assert name(claim) == "Irene Salcedo Brandt" and claim.speaker.role == "soil engineer"
    assert claim.speaker.organization == "Technical University of Valdora"
    assert [name(q) for q in qs if q.kind == "direct"] == ["Irene Salcedo Brandt"] * 2


def test_in_x_view_frame_is_a_claim(nlp):
    text = "In Jorge Almeida's view, the tariff will raise prices within a year."
    assert name(reported(run(nlp, text), "the tariff will raise")) == "Jorge Almeida"


def test_participle_after_a_denial_belongs_to_the_denier(nlp):
    text = ("Its chairman, Pavel Dusek, denied that the company had hidden the losses, saying that the audits "
            "“were done by the book”.")
    qs = run(nlp, text)
    assert name(quote(qs, "were done")) == "Pavel Dusek"
    assert not [q for q in qs if q.kind == "reported" and q.text == "the audits"]


def test_first_person_quote_after_a_sentence_about_one_person_is_theirs(nlp):
    text = ("Water reached the first floor by noon.\n\nNadia Ferro, 41, lost her shop and her car. "
            "“I have nothing left, not even the photographs.”")
    assert name(quote(run(nlp, text), "I have nothing")) == "Nadia Ferro"


def test_first_person_quote_with_no_person_before_it_keeps_no_speaker(nlp):
    text = "The river rose overnight and the bridge closed.\n\n“I have never seen anything like this.”"
    (q,) = [q for q in run(nlp, text) if q.kind == "direct"]
    assert q.speaker is None


# -- class: reported speech ---------------------------------------------------------------------

def test_spokesman_for_the_authority_speaks_for_the_authority(nlp):
    text = "ORVEL suspended two trawlers in June over illegal nets, a spokesman for the authority said."
    q = reported(run(nlp, text), "ORVEL suspended")
    assert name(q) == "ORVEL" and q.speaker.role == "spokesman"


def test_nationality_adjective_before_officials_is_not_an_organisation(nlp):
    text = ("The storm destroyed about 300 homes in the south, according to Valdoran officials. Valdora has "
            "asked for help.")
    assert name(reported(run(nlp, text), "The storm destroyed")) == "Valdoran officials"


def test_document_of_a_body_announced_that(nlp):
    text = "A bulletin of the Prefecture announced that the army had flown 200 soldiers to the valley."
    assert name(reported(run(nlp, text), "the army had flown")) == "Prefecture"


def test_group_with_its_complement(nlp):
    text = "According to nurses at the clinic, the generators failed twice in May."
    assert name(reported(run(nlp, text), "the generators")).lower() == "nurses at the clinic"


def test_recommended_to_infinitive_is_the_documents_proposal(nlp):
    text = ("A study of the Hydrology Institute from last year, to which this newspaper had access, registered "
            "“deep cracks in the north wall” and recommended to drain the reservoir.")
    assert name(reported(run(nlp, text), "to drain the reservoir")) == "Hydrology Institute"


def test_mid_sentence_according_to_attributes_the_clause_it_modifies(nlp):
    text = ("The death toll from the landslide rose on Sunday to 23, according to the Regional Rescue "
            "Board, while 40 people are still missing in the hills above the town.")
    q = reported(run(nlp, text), "The death toll")
    assert q.text == "The death toll from the landslide rose on Sunday to 23"
    assert name(q) == "Regional Rescue Board"


def test_inverted_trailing_attribution_after_a_comma(nlp):
    text = "The search will resume tomorrow with drones and boats, informed the Coastguard, although more rain is expected."
    q = reported(run(nlp, text), "The search will resume")
    assert q.text == "The search will resume tomorrow with drones and boats"
    assert name(q) == "Coastguard"


def test_stranded_that_clause_of_a_report_flags(nlp):
    text = ("She refused to discuss a study by the Coastal Research Council last month, obtained by reporters, "
            "that flagged erosion along the northern cliffs.")
    q = reported(run(nlp, text), "erosion")
    assert name(q) == "Coastal Research Council"


def test_it_after_a_clause_about_the_company_is_the_company(nlp):
    text = ("Brantwell Foods Ltd reported a loss. The company’s brochures praise its “farm to fork” model, "
            "and in May it assured shareholders that every supplier had been audited.")
    qs = run(nlp, text)
    assert name(reported(qs, "every supplier")) == "Brantwell Foods Ltd"
    assert not [q for q in qs if q.kind != "reported"]  # the slogan stays a scare quote


def test_forecast_with_an_infinitive_is_not_reported_speech(nlp):
    text = "Results are due on Friday, and traders expect the lender to trim its payout."
    assert not [q for q in run(nlp, text) if q.kind == "reported"]


def test_for_x_without_a_role_is_not_read_as_a_claim(nlp):
    text = "For Marek Olsen, the win on Sunday was the third title of the season."
    assert not [q for q in run(nlp, text) if q.kind == "reported"]


def test_a_name_critics_give_is_their_quote_but_a_name_locals_give_is_not(nlp):
    text = ('Rentala Homes built what critics call "a fortress for the rich" beside the marsh that the '
            'villagers call "the green mirror".')
    assert [q.text for q in run(nlp, text) if q.kind != "reported"] == ["a fortress for the rich"]


@pytest.mark.parametrize("text, speaker", [
    ("Norway's foreign ministry said the ship had been released.", "Norway's foreign ministry"),
    ("A person familiar with the investigation said the firm had been warned.",
     "person familiar with the investigation"),
    ("The firm's lawyer said the charges were unfounded.", "lawyer"),
])
def test_unnamed_speakers_keep_a_named_owner_and_a_short_description(text, speaker):
    from parallax.pipeline import analyze_text

    quotes = analyze_text(text, published="2025-06-10").quotes
    assert [q.speaker.name for q in quotes] == [speaker]


# -- held-out round 5/6 speech failure classes, on invented sentences -------------------------------

def _analyze(text: str):
    from parallax.pipeline import analyze_text

    return analyze_text(text, published="2024-04-18").quotes


def test_statement_posted_on_a_bodys_website_speaks_for_the_body(nlp):
    text = ('A statement posted on the Dorvian transport ministry\'s website late on Monday said the city was '
            '"ignoring the law" and warned that the fines would "hurt every fisherman."')
    quotes = _analyze(text)
    assert {q.speaker.name for q in quotes} == {"Dorvian transport ministry"}
    assert [q.text for q in quotes if q.kind == "partial"] == ["ignoring the law", "hurt every fisherman."]


def test_they_is_the_group_that_was_the_subject_just_before(nlp):
    text = ("In a statement, the Harbour Board said the fleet had moved fish worth $5 million.\n\n"
            "Norvish officials valued the seized catch at $2 million. Its labels described the fish as farmed, "
            "they said.")
    assert name(reported(_analyze(text), "Its labels")) == "Norvish officials"


def test_partial_quote_in_a_reported_clause_is_the_reporters_words(nlp):
    text = ("Ministry spokeswoman Lena Varga said the port was safe. She added that the ministry had asked the "
            'owners to share "all available records" on the firm.')
    assert name(quote(_analyze(text), "all available")) == "Lena Varga"


def test_indefinite_role_noun_is_a_new_unnamed_speaker(nlp):
    text = ("The Nordstjerna, a ferry that was to carry the trucks to a Danish port, remained moored at "
            "Kvalsund, a port official told Nordwire by telephone.")
    assert name(reported(_analyze(text), "The Nordstjerna")).lower() == "port official"


def test_according_to_inside_a_relative_clause_covers_only_that_clause(nlp):
    text = ("Prosecutors charged the owner of a trading firm, after customs officers seized four crates of rifles "
            "which, according to investigators, were bound for the border.")
    got = [(q.text, name(q)) for q in _analyze(text) if q.kind == "reported"]
    assert got == [("were bound for the border", "Investigators")]


@pytest.mark.parametrize("text", [
    "Jo Park told reporters that more fines would follow, but declined to say whether other firms were involved.",
    "Jo Park told reporters that more fines would follow. She refused to say how many firms were involved.",
])
def test_declining_to_say_is_not_reported_speech(nlp, text):
    assert [q.text for q in _analyze(text) if q.kind == "reported"] == ["more fines would follow"]


def test_wire_dateline_is_not_part_of_the_reported_lead(nlp):
    text = ("Ferry strike ends\n\nKESSEL, June 11 (Harbour Wire) - Kessel will not let its ports be used to dodge "
            "the rules, the transport ministry said on Friday, a day after police held the director of a firm.")
    assert [q.text for q in _analyze(text) if q.kind == "reported"][0].startswith("Kessel will not let")


def test_translators_note_in_brackets_is_never_the_speaker(nlp):
    text = ("Oleg Tarkov, head of Rybprom [the state fishing company – Trans.], said the first catch had already "
            "been sold.")
    q = reported(_analyze(text), "the first catch")
    assert name(q) == "Oleg Tarkov" and "[" not in (q.speaker.role or "") + (q.speaker.organization or "")


def test_saying_after_a_noun_complement_is_the_main_verbs_speaker(nlp):
    text = ("Dorvian Foreign Minister Ivan Petrenko dismissed reports that the accord covered missile technology, "
            "saying the satellites would be used to watch forests and rivers.")
    assert name(reported(_analyze(text), "the satellites")) == "Ivan Petrenko"


def test_not_ruling_out_is_a_hedged_claim(nlp):
    text = "Analysts do not rule out that the regulator will try to block the merger."
    q = reported(_analyze(text), "the regulator")
    assert name(q) == "Analysts" and q.cue == "rule out"


def test_coordinated_that_clauses_are_two_claims(nlp):
    text = ('Mayor Jo Park said the city would use "every legal means" to stop the sale and that the council had '
            "begun reviewing permits issued to the firm.")
    got = [(q.kind, q.text, name(q)) for q in _analyze(text)]
    assert ("reported", "the council had begun reviewing permits issued to the firm", "Jo Park") in got
    assert ("partial", "every legal means", "Jo Park") in got


@pytest.mark.parametrize("text, speaker", [
    ("According to a source in the Norvish government, the deal is worth $2 billion.",
     "Source in the Norvish government"),
    ("A Norvish official said the talks had failed. The official said a second round could follow.",
     "Norvish official"),
])
def test_short_unnamed_speakers_keep_their_phrase(nlp, text, speaker):
    assert {name(q) for q in _analyze(text)} == {speaker}


def test_embassy_in_a_city_and_a_past_verb_joined_to_a_present_one(nlp):
    text = ("Norway’s embassy in Lisbon said Oslo “firmly rejects” the tariffs and urged Portugal to stop "
            "“bullying” Norwegian firms.")
    assert {name(q) for q in _analyze(text) if q.kind == "partial"} == {"Norway’s embassy in Lisbon"}  # as written


# -- class: appeals and estimates put on record by an organisation ----------------------------------

def test_appeals_by_organisations_are_reported_speech(nlp):
    text = ("The Harbour Workers Union called on all sides to show restraint and urged the city to release "
            "everyone held at the docks. The Veltran Foreign Ministry called for the activist's release. "
            "The Nordic Council urged calm and called for the release of those held during the march.")
    qs = run(nlp, text)
    assert name(reported(qs, "called on all sides")) == "Harbour Workers Union"
    assert "urged the city" in reported(qs, "called on all sides").text
    assert name(reported(qs, "called for the activist")) == "Veltran Foreign Ministry"
    assert name(reported(qs, "urged calm and called for")) == "Nordic Council"


def test_appeal_joined_to_a_reported_clause_is_the_reporters(nlp):
    text = ("The Dorvan Workers League said in a statement that the strike was \"a duty\" and called on its "
            "members to stay calm.")
    assert name(reported(run(nlp, text), "called on its members")) == "Dorvan Workers League"


def test_a_plan_that_calls_for_something_is_no_appeal(nlp):
    text = ("The new zoning plan calls for 300 homes on the old rail yard. Conditions on the pass call for great "
            "care. Analysts called the move risky. They put the meeting at 10 o'clock.")
    assert not [q for q in run(nlp, text) if q.kind == "reported"]


def test_estimates_of_the_police_are_their_claims(nlp):
    text = ("Police estimated the march at about 8,000, although local reporters said it looked bigger. "
            "The police put the number of marchers at about 9,500. The union says 40 of its members were hurt; "
            "the police reported 12 injured officers.")
    qs = run(nlp, text)
    assert name(reported(qs, "estimated the march")) == "Police"
    assert name(reported(qs, "put the number of marchers")).lower() == "police"
    assert name(reported(qs, "reported 12 injured")).lower() == "police"
    assert name(reported(qs, "40 of its members")).lower() == "union"


def test_subject_the_parser_hung_on_a_place_before_it(nlp):
    text = ("In Lisbon, a spokeswoman for the Atlantic Fisheries Council called on both fleets to respect the "
            "quota.")
    assert name(reported(run(nlp, text), "called on both fleets")) == "Atlantic Fisheries Council"


# -- class: groups of people who speak for themselves --------------------------------------------

def test_witnesses_and_colleagues_stay_the_group_the_article_names(nlp):
    text = ("Rescue crews reached the village on Monday, although Reuters witnesses said the road was still "
            "blocked. Novak, 41, was taken away in a van while his phone was still recording, his colleagues said.")
    qs = run(nlp, text)
    assert name(reported(qs, "the road was")) == "Reuters witnesses"
    assert name(reported(qs, "Novak, 41")).lower() == "his colleagues"


# -- class: a title whose name the parser hung on the noun it serves -------------------------------

def test_spokesman_for_a_person_named_after_that_person_is_the_spokesman(nlp):
    text = ("The governor has not spoken since the vote. A spokesman for the governor, Tomas Erlander, said on "
            "Friday that the budget would pass \"within the week\". Later the spokesman said the governor was resting.")
    qs = run(nlp, text)
    r = reported(qs, "the budget would pass")
    assert name(r) == "Tomas Erlander" and (r.speaker.role, r.speaker.organization) == ("spokesman", None)
    assert name(quote(qs, "within the week")) == "Tomas Erlander"
    assert name(reported(qs, "the governor was resting")) == "Tomas Erlander"


def test_regional_analyst_at_a_described_firm_has_role_and_organisation(nlp):
    text = ("\"The longer the ministry waits, the worse the shortage will get,\" said Ilse Marten, Central Asia "
            "analyst at the Vienna-based consultancy Steppe Metrics.")
    q = quote(run(nlp, text), "The longer")
    assert name(q) == "Ilse Marten"
    assert (q.speaker.role, q.speaker.organization) == ("Central Asia analyst", "Steppe Metrics")


# -- class: a person the tagger missed or split, named with a title before the name -------------------

def run_with_entities(nlp, text: str, edit) -> list[Quote]:
    """Quotes over entities changed by `edit` (to stand in for a tagger's miss on a longer article)."""
    norm = normalize(text)
    ad = AnalyzedDoc(document=Document(id="t", source="t", text=text), norm=norm, doc=nlp(norm.text))
    ents = extract_entities(ad)
    ents.entities = edit(ents.entities)
    ents.index()
    return extract_quotes(ad, ents)


def test_title_before_an_untagged_name_is_the_role_not_part_of_the_name(nlp):
    text = ("Police in Varnia dispersed a march by supporters of opposition leader Kestrel Amundo Vantari, who "
            "insists that the vote was stolen.")
    qs = run_with_entities(nlp, text, lambda es: [e for e in es if e.type != "PERSON"])
    r = reported(qs, "the vote was stolen")
    assert name(r) == "Kestrel Amundo Vantari" and r.speaker.role == "opposition leader"


def test_surname_the_tagger_split_from_its_given_names_takes_the_role_around_the_whole_name(nlp):
    from parallax.model import Entity, Mention
    text = ("The commission gave 52% of the vote to the mayor, against 41% for opposition leader Kestrel Amundo "
            "Vantari of the Civic Renewal Party. \"We have the sheets,\" said Vantari, 58.")

    def split(es):
        out = [e for e in es if e.type != "PERSON"]
        g = text.index("Kestrel Amundo")
        out.append(Entity(id="p1", name="Kestrel Amundo", type="PERSON", docs=["t"],
                          mentions=[Mention(doc="t", start=g, end=g + 14, text="Kestrel Amundo")]))
        s = text.index("Vantari, 58")
        out.append(Entity(id="p2", name="Vantari", type="PERSON", docs=["t"],
                          mentions=[Mention(doc="t", start=s, end=s + 7, text="Vantari")]))
        return out

    q = quote(run_with_entities(nlp, text, split), "We have the sheets")
    assert name(q) == "Vantari"
    assert (q.speaker.role, q.speaker.organization) == ("opposition leader", "Civic Renewal Party")


# -- class: a body an organisation sends, and "its" officer ------------------------------------------

def test_body_of_an_organisation_speaks_as_itself_and_owns_its_officer(nlp):
    text = ("The Nordic Council's election monitoring mission, which sent 40 monitors, said in its first report "
            "on Monday that the count had been orderly. Its chief observer, the Danish lawyer Karen Holt, said "
            "that the results were published late.")
    qs = run(nlp, text)
    assert name(reported(qs, "the count had been")) == "Nordic Council's election monitoring mission"
    r = reported(qs, "the results were published")
    assert name(r) == "Karen Holt"
    assert (r.speaker.role, r.speaker.organization) == ("chief observer", "Nordic Council's election monitoring mission")


# -- class: a quote in a run of quotes by one person -------------------------------------------------

def test_paragraphs_of_a_quote_attributed_where_it_closes(nlp):
    text = ("The mission met the count chief on Monday.\n\n"
            "\u201cWe asked the count office three times to publish the tallies. We have had no answer.\n\n"
            "\u201cOpenness is no favour to anyone. It is the only way to earn trust,\u201d Maria Lindqvist told "
            "the paper.")
    qs = [q for q in run(nlp, text) if q.kind != "reported"]
    assert qs and all(name(q) == "Maria Lindqvist" for q in qs)
    assert any(q.text.startswith("We asked") for q in qs)


def test_he_after_a_quote_by_a_surname_the_tagger_typed_as_an_organisation(nlp):
    from parallax.model import Entity, Mention
    text = ("Police broke up a march by supporters of opposition leader Kestrel Amundo Vantari on Sunday.\n\n"
            "\u201cWe will stay on the street,\u201d Vantari told the crowd. He called the result "
            "\u201ca robbery in daylight\u201d.")

    def split(es):
        out = [e for e in es if e.type != "PERSON"]
        g = text.index("Kestrel Amundo")
        out.append(Entity(id="p1", name="Kestrel Amundo", type="PERSON", docs=["t"],
                          mentions=[Mention(doc="t", start=g, end=g + 14, text="Kestrel Amundo")]))
        s = text.index("Vantari told")
        out.append(Entity(id="o1", name="Vantari", type="ORG", docs=["t"],
                          mentions=[Mention(doc="t", start=s, end=s + 7, text="Vantari")]))
        return out

    qs = run_with_entities(nlp, text, split)
    assert name(quote(qs, "a robbery")) == "Vantari"
    assert quote(qs, "We will stay").speaker.role == "opposition leader"


# -- class: the head of a body, referred to by the body's title ---------------------------------------

def test_body_chair_is_the_person_titled_as_its_head_not_the_body(nlp):
    text = ("The Federal Audit Commission said the accounts were sound. Chief Audit Commissioner Helga Brandauer, "
            "however, rejected the claims. Speaking at the commission's office on Monday, the commission "
            "chairwoman said that every ledger had been checked twice.")
    qs = run(nlp, text)
    assert name(reported(qs, "the accounts were sound")) == "Federal Audit Commission"
    assert name(reported(qs, "every ledger")) == "Helga Brandauer"


def test_the_party_is_the_organisation_whose_written_name_holds_party_not_the_nearest_one(nlp):
    text = ("Thousands of supporters of the opposition Civic Renewal Party (CRP) gathered again on Sunday. The CRP "
            "has been claiming that the count was rigged. In this count Vantari is ahead with 48 percent against "
            "46 percent for Morel, the party said in a statement on Sunday.")

    def acronym_named(es):  # the tagger's cluster named by the acronym, the long form only an alias
        for e in es:
            if e.name == "Civic Renewal Party":
                e.name, e.aliases = "CRP", ["opposition Civic Renewal Party"]
        return es

    qs = run_with_entities(nlp, text, acronym_named)
    assert name(reported(qs, "In this count")) == "CRP"


def test_hoped_joined_to_a_progressive_reported_clause_is_the_reporters(nlp):
    text = ("Norway's foreign ministry on Monday said that Oslo was \"closely watching\" the events in the region "
            "and hoped that both sides would settle their dispute through talks.")
    assert name(reported(run(nlp, text), "both sides would settle")) == "Norway's foreign ministry"


# -- class: "a measure supporters say would ..." after the main clause ------------------------------

@pytest.mark.parametrize("text,start,who", [
    ("The Alder Town Council voted 6-1 on Monday to put a road tax on the May ballot, a measure supporters say "
     "would raise $9 million over five years for repairs.", "would raise", "supporters"),
    ("The board voted on Monday to raise fares, a step opponents say would drive riders away.",
     "would drive", "opponents"),
])
def test_what_a_group_says_of_a_noun_after_the_main_clause(nlp, text, start, who):
    qs = run(nlp, text)
    assert name(reported(qs, start)).lower() == who
    assert not [q for q in qs if q.kind == "reported" and q.text.startswith("The ")]
