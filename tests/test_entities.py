"""Named entities, in-document coreference and roles, on sentences written for these tests."""

from __future__ import annotations

import pytest

from parallax.extract.entities import DocEntities, extract_entities
from parallax.extract.roles import parse_role, person_role, role_phrases
from parallax.model import Document
from parallax.nlp.analyzed import AnalyzedDoc
from parallax.nlp.loader import load_nlp
from parallax.nlp.normalize import normalize


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


@pytest.fixture
def analyze(nlp):
    def run(text: str, **meta) -> DocEntities:
        norm = normalize(text)
        doc = Document(id="t1", source="<test>", text=text, **meta)
        return extract_entities(AnalyzedDoc(document=doc, norm=norm, doc=nlp(norm.text)))

    return run


def forms(e) -> set[str]:
    return {m.text for m in e.mentions}


def test_mentions_use_original_offsets_and_ids_follow_first_mention(analyze):
    text = "Posted on : 2024-03-02 10:15 KST\nFinance Minister Olga Varenko met Tomas Brandt in Vienna on Monday."
    ents = analyze(text)
    assert [e.id for e in ents.entities] == [f"t1-e{i + 1}" for i in range(len(ents.entities))]
    varenko = ents.find("Olga Varenko")
    assert varenko is not None and varenko.type == "PERSON"
    m = varenko.mentions[0]
    assert text[m.start:m.end] == "Olga Varenko" == m.text  # title not part of the name
    assert ents.entities[0].mentions[0].start <= ents.entities[-1].mentions[0].start
    # a time-zone word is not a person or an organisation
    assert ents.find("KST") is None
    assert all("KST" not in m.text for e in ents.entities for m in e.mentions)


def test_surname_and_possessive_join_full_name(analyze):
    text = ("Central bank governor Marta Oyelaran warned of inflation on Tuesday. "
            "Oyelaran’s remarks came a day after the bank’s report. Later, Oyelaran said rates would rise.")
    ents = analyze(text)
    e = ents.find("Oyelaran")
    assert e is not None and e.name == "Marta Oyelaran" and e.type == "PERSON"
    assert forms(e) == {"Marta Oyelaran", "Oyelaran"}  # "’s" trimmed
    assert len(e.mentions) == 3
    off = text.index("Oyelaran’s")
    assert ents.at(off, off + 8) is e


def test_same_family_name_people_stay_separate_and_short_form_goes_to_latest(analyze):
    text = ("Park Min-jae, a senior researcher at the Busan Energy Institute, said demand was falling. "
            "Park added that prices would stay low. "
            "Park Soo-hyun, a professor at Daegu University, disagreed. "
            "Park said the forecast ignored exports.")
    ents = analyze(text)
    a = ents.find("Park Min-jae")
    b = ents.find("Park Soo-hyun")
    assert a is not None and b is not None and a is not b
    first_short = text.index("Park added")
    second_short = text.index("Park said")
    assert ents.at(first_short, first_short + 4) is a
    assert ents.at(second_short, second_short + 4) is b
    # the family name comes first in Korean names: "Park" is the short form, not "Min-jae"
    assert ents.find("Park", before=first_short + 1) is a
    assert ents.find("Park", before=second_short + 1) is b


def test_hyphen_and_space_variants_of_given_names(analyze):
    text = "Choi Hae\u2011won arrived on Sunday. Choi Hae-won met officials, and Choi Hae won left on Monday."
    ents = analyze(text)
    e = ents.find("Choi Hae-won")
    assert e is not None
    assert len([m for m in e.mentions if m.text.startswith("Choi Hae")]) == 3
    assert ents.find("Choi Hae won") is e


def test_acronym_and_parenthetical_expansion(analyze):
    text = ("The report was published by the Global Institute for Maritime Studies in London. "
            "GIMS analysts said shipping costs had doubled. "
            "The consultancy Norvex (Northern Vector Analytics) agreed with GIMS.")
    ents = analyze(text)
    gims = ents.find("GIMS")
    assert gims is not None and gims.name == "Global Institute for Maritime Studies" and gims.type == "ORG"
    assert "GIMS" in gims.aliases
    norvex = ents.find("Norvex")
    assert norvex is not None and norvex.type == "ORG"
    assert ents.find("Northern Vector Analytics") is norvex


def test_country_aliases_direction_and_abbreviations(analyze):
    text = ("North Korea fired a missile on Friday. N. Korea said the test was routine, "
            "and the DPRK promised more. The United States condemned the North. "
            "U.S. officials met South Korean diplomats.")
    ents = analyze(text)
    nk = ents.find("North Korea")
    assert nk is not None and nk.type == "GPE"
    assert {"North Korea", "N. Korea", "DPRK", "the North"} <= forms(nk)
    us = ents.find("United States")
    assert us is not None and us is ents.find("U.S.") and us is not nk
    assert ents.find("South Korea") is None  # only the adjective "South Korean" is there


def test_country_tagged_org_becomes_gpe(analyze):
    ents = analyze("Officials from Slovakia and the Acme Trading Company signed the deal in Bratislava.")
    sk = ents.find("Slovakia")
    assert sk is not None and sk.type == "GPE"


def test_capital_as_actor_joins_country_but_place_stays_city(analyze):
    text = ("Brazil and Norway agreed a fisheries deal. Oslo said it would send inspectors, "
            "and the ministers later flew to Oslo for the signing.")
    ents = analyze(text)
    norway = ents.find("Norway")
    assert norway is not None
    actor = text.index("Oslo said")
    assert ents.at(actor, actor + 4) is norway
    place = text.index("Oslo for")
    city = ents.at(place, place + 4)
    assert city is not None and city is not norway


def test_facility_named_by_a_noun_after_it(analyze):
    text = ("The leaders met at the Kuranda Cosmodrome on Monday. Kuranda was chosen because "
            "the Kuranda spaceport hosts the new launch pad.")
    ents = analyze(text)
    fac = ents.find("Kuranda Cosmodrome")
    assert fac is not None and fac.type == "FAC"
    assert {"Kuranda Cosmodrome", "Kuranda", "Kuranda spaceport"} <= forms(fac)


def test_missed_org_names_and_possessive_split(analyze):
    text = ("Lena Hoffmann, head of the Arctic program at the Nordic Academy of Sciences’ Institute for Polar "
            "Research, told reporters the ice was thinning.")
    ents = analyze(text)
    inst = ents.find("Institute for Polar Research")
    assert inst is not None and inst.type == "ORG"
    hoff = ents.find("Hoffmann")
    assert hoff is not None and hoff.type == "PERSON"
    assert [(r.role, r.organization) for r in hoff.roles] == [("head of the Arctic program",
                                                               "Institute for Polar Research")]
    r = hoff.roles[0]
    assert text[r.start:r.end].startswith("head of the Arctic program")


def test_org_suffix_short_form_and_news_agency(analyze):
    text = ("The Halvorsen Group denied the report, Reuters said. Halvorsen later issued a statement "
            "to Interfax.")
    ents = analyze(text)
    grp = ents.find("Halvorsen Group")
    assert grp is not None and grp.type == "ORG"
    assert "Halvorsen" in forms(grp)
    assert ents.find("Reuters").type == "ORG"
    assert ents.find("Interfax") is not None and ents.find("Interfax").type == "ORG"


def test_person_tagged_org_with_appositive_role(analyze):
    text = ("Radomir Kostadinov, head of the Balkan desk at the Sofia Policy Forum, said talks stalled. "
            "According to Kostadinov, no date was set.")
    ents = analyze(text)
    e = ents.find("Kostadinov")
    assert e is not None and e.type == "PERSON" and e.name == "Radomir Kostadinov"
    assert ("head of the Balkan desk", "Sofia Policy Forum") in [(r.role, r.organization) for r in e.roles]


def test_role_nouns_refer_to_titled_person(analyze):
    text = ("Brazilian President Joana Ferreira met Chilean Foreign Minister Pablo Ruiz on Monday. "
            "The Brazilian president said trade would grow. The minister agreed.")
    ents = analyze(text)
    ferreira = ents.find("Joana Ferreira")
    ruiz = ents.find("Pablo Ruiz")
    assert ferreira is not None and ruiz is not None
    assert ("president", "Brazil") in [(r.role, r.organization) for r in ferreira.roles]
    assert ("foreign minister", "Chile") in [(r.role, r.organization) for r in ruiz.roles]
    assert "The Brazilian president" in forms(ferreira)
    assert ents.find("the Brazilian president") is ferreira
    assert ents.find("the minister") is ruiz
    assert ents.find("the Chilean president") is None  # nobody was introduced so
    off = text.index("The Brazilian president")
    assert ents.at(off, off + 10) is ferreira


def test_premodifier_and_appositive_roles(analyze):
    text = ("Palace press secretary Ingrid Solberg declined to comment. "
            "Argentina's ambassador to Peru, Lucas Gimenez, denied the report. "
            "Tariq Hassan, a senior analyst at the Centre for Desert Studies, was doubtful.")
    ents = analyze(text)
    roles = {e.name: [(r.role, r.organization) for r in e.roles] for e in ents.entities if e.type == "PERSON"}
    assert ("press secretary", "Palace") in roles["Ingrid Solberg"]
    assert ("ambassador to Peru", "Argentina") in roles["Lucas Gimenez"]
    assert ("senior analyst", "Centre for Desert Studies") in roles["Tariq Hassan"]


def test_byline_is_a_person(analyze):
    text = "Ports reopen after strike\n\nDock workers returned on Friday.\n\nBy Amara Okafor, staff reporter\n"
    ents = analyze(text)
    e = ents.find("Amara Okafor")
    assert e is not None and e.type == "PERSON"


def test_given_name_only_when_unambiguous(analyze):
    text = "Helga Lindqvist won the vote. Helga thanked supporters."
    ents = analyze(text)
    e = ents.find("Helga Lindqvist")
    off = text.index("Helga thanked")
    assert e is not None and ents.at(off, off + 5) is e


def test_persons_before_and_last_compatible(analyze):
    text = "Amir Haddad spoke first. Then Claire Dubois answered. Finally the Vortex Corporation replied."
    ents = analyze(text)
    end = len(text)
    people = [e.name for e in ents.persons_before(end)]
    assert people == ["Claire Dubois", "Amir Haddad"]
    assert ents.last_compatible(end).name == "Claire Dubois"
    assert ents.last_compatible(end, types=("ORG",)).name == "Vortex Corporation"


@pytest.mark.parametrize("phrase,expected", [
    ("an emeritus research fellow at the Coastal Policy Institute", ("emeritus research fellow", "Coastal Policy Institute")),
    ("Kremlin press secretary", ("press secretary", "Kremlin")),
    ("head of the Federal Energy Ministry’s department for pipelines", ("head of the department for pipelines", "Federal Energy Ministry")),
    ("Canada’s ambassador to Japan", ("ambassador to Japan", "Canada")),
    ("[UK] National Cyber Council coordinator for public outreach", ("coordinator for public outreach", "National Cyber Council")),
    ("head of the Andes program at the Lima Academy of Letters’ Institute for Mountain Studies", ("head of the Andes program", "Institute for Mountain Studies")),
    ("Spanish Defense Minister", ("defense minister", "Spain")),
    ("of Norway’s Fjord Research Institute", (None, "Fjord Research Institute")),
    ("a professor", ("professor", None)),
    ("chair of the Northern Pilots' Association", ("chair", "Northern Pilots' Association")),
    ("the agency's chief executive", ("chief executive", "agency")),
    ("Council member", ("council member", None)),
    ("Board chairman", ("board chairman", None)),
])
def test_parse_role(phrase, expected):
    assert parse_role(phrase) == expected


def test_role_phrases_and_person_role_helpers(analyze, nlp):
    text = "Mateo Silva, a senior economist at the Andean Trade Council, said exports rose."
    ents = analyze(text)
    silva = ents.find("Silva")
    assert person_role(ents.ad, silva) == ("senior economist", "Andean Trade Council")
    span = ents.ad.doc.char_span(0, len("Mateo Silva"))
    phrases = role_phrases(ents.ad, span)
    assert phrases and phrases[0][0].startswith("a senior economist")
    s, e = phrases[0][1]
    assert text[s:e] == phrases[0][0]


def test_titles_with_of_and_prime_are_not_names(analyze):
    text = ("British Prime Minister Alan Whitcombe spoke first. Secretary of State Dana Kowalczyk agreed. "
            "Later the prime minister left.")
    ents = analyze(text)
    pm = ents.find("Whitcombe")
    sec = ents.find("Kowalczyk")
    assert pm is not None and pm.name == "Alan Whitcombe"
    assert sec is not None and sec.name == "Dana Kowalczyk"
    assert ("prime minister", "United Kingdom") in [(r.role, r.organization) for r in pm.roles]
    assert ents.find("the prime minister", before=len(text)) is pm


def test_bare_family_name_without_position_prefers_prominent(analyze):
    text = ("Wang Lihua met reporters. Wang said talks went well, and Wang repeated it. "
            "Wang Jie, an economist at the Harbin Trade Institute, was less sure.")
    ents = analyze(text)
    assert ents.find("Wang") is ents.find("Wang Lihua")
    assert ents.find("Wang Jie") is not ents.find("Wang Lihua")


def test_degenerate_inputs(analyze):
    for text in ("", "   \n", "(", "The North", "By"):
        ents = analyze(text)
        assert ents.find("anything") is None
        assert ents.persons_before(len(text)) == []


def test_person_not_swallowed_by_org_and_of_affiliation(analyze):
    text = "Dr. Nadia Petrova of Kestrel University and her colleague Omar Said presented results."
    ents = analyze(text)
    p = ents.find("Nadia Petrova")
    assert p is not None and p.type == "PERSON" and p.name == "Nadia Petrova"
    assert ents.find("Kestrel University").type == "ORG"
    assert (None, "Kestrel University") in [(r.role, r.organization) for r in p.roles]


def test_sentence_final_period_is_not_part_of_a_name(analyze):
    text = "The award went to Harold Bexley III. Officials praised Bexley."
    ents = analyze(text)
    e = ents.find("Bexley")
    assert e is not None and e.name == "Harold Bexley III"


def test_possessive_title_appositive_after_determiner(analyze):
    text = "The EU's trade commissioner, Anton Veselka, welcomed the move."
    ents = analyze(text)
    e = ents.find("Anton Veselka")
    assert ("trade commissioner", "EU") in [(r.role, r.organization) for r in e.roles]


def test_company_short_form_joins_the_full_name(analyze):
    ents = analyze("Kestrel Avionics said on Monday that profit fell. Shares in Kestrel rose 2% after the "
                   "results, and Kestrel said it would hire 300 engineers.")
    full = ents.find("Kestrel Avionics")
    assert full is not None and full.type == "ORG"
    assert "Kestrel" in full.aliases


def test_generic_first_words_do_not_make_short_forms(analyze):
    ents = analyze("The National Grid Company raised prices. National officials in Oslo said nothing. "
                   "The Federal Bank of Ruritania held rates, and Federal agents arrived.")
    grid = ents.find("National Grid Company")
    assert grid is None or all(m.text != "National" for m in grid.mentions)


def test_dateline_agency_in_parentheses_is_not_another_name_of_the_place(analyze):
    ents = analyze("Harbour closed after storm\n\nBERGEN, Norway (Fjord Wire) -- The harbour closed on Friday.")
    norway = ents.find("Norway")
    assert norway is not None and all("Fjord" not in a for a in norway.aliases)


def test_a_clause_swallowed_by_ner_keeps_only_the_speaker(analyze):
    ents = analyze('Council member Lena Marsh voted no. "We are not ready," Marsh told the Valley Courier on Tuesday.')
    marsh = ents.find("Lena Marsh")
    assert marsh is not None and "Marsh" in marsh.aliases
    assert not any(" told " in e.name for e in ents.entities)


def test_lowercase_noun_compounded_onto_a_title_belongs_to_the_role(analyze):
    ents = analyze('"We cannot wait," council member Rosa Ibarra said, and fire chief Jonas Albers agreed.')
    assert ents.find("Rosa Ibarra").roles[0].role == "council member"
    assert ents.find("Jonas Albers").roles[0].role == "fire chief"


def test_appositive_role_wins_over_a_lone_rank(analyze):
    ents = analyze("Norland's navy spokesman, Captain Omar Vell, told reporters the ship had been hit.")
    role = ents.find("Omar Vell").roles[0]
    assert (role.role, role.organization) == ("navy spokesman", "Norland")


def test_common_noun_owner_of_a_title_resolves_to_the_body(analyze):
    ents = analyze("The Water Services Authority opened an inquiry. The authority's chief executive, "
                   "Mira Kessel, said results would follow.")
    kessel = ents.find("Mira Kessel")
    assert [(r.role, r.organization) for r in kessel.roles] == [("chief executive", "Water Services Authority")]


def test_name_particles_and_firm_endings_decide_the_type(analyze):
    ents = analyze("Joost van der Berg, secretary of the Frisian Growers' Union, met auditors from "
                   "Halden Moss LLP on Monday.")
    person = ents.find("Joost van der Berg")
    assert person is not None and person.type == "PERSON"
    assert (person.roles[0].role, person.roles[0].organization) == ("secretary", "Frisian Growers' Union")
    assert ents.find("Halden Moss LLP").type == "ORG"


def test_title_and_a_separate_affiliation_combine(analyze):
    ents = analyze("Trade Minister Ilse Vogt of Austria said tariffs would stay.")
    assert person_role(ents.ad, ents.find("Ilse Vogt")) == ("trade minister", "Austria")


def test_short_organisation_name_inside_a_role_is_a_mention(analyze):
    ents = analyze("Its owner, Brannock Ferries, said the ship was safe. Brannock chief executive "
                   "Lotte Aas said repairs would take a week.")
    org = ents.find("Brannock Ferries")
    assert [m.text for m in org.mentions] == ["Brannock Ferries", "Brannock"]
    assert org.mentions[1].start == ents.ad.document.text.index("Brannock chief")


def test_two_coordinated_company_names_stay_two(analyze):
    ents = analyze("Police linked the cargo to two firms, Kessel Trading FZE and Marlow Commodities Ltd, on Monday. "
                   "Procter and Gamble was not involved.")
    assert ents.find("Kessel Trading FZE") is not None and ents.find("Marlow Commodities Ltd") is not None
    assert ents.find("Kessel Trading FZE") is not ents.find("Marlow Commodities Ltd")
