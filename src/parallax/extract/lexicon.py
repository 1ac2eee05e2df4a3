"""General English-news lexicons for entity fix-ups, coreference and roles.

Nothing here is specific to any article: these are closed-class word lists
(titles, organisation heads, time zones, news agencies, demonyms, capitals).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Time-zone and dateline words that small NER models tag PERSON/ORG ("15:46 KST").
ZONE_WORDS = frozenset(
    "KST JST GMT UTC EST EDT CST CDT MST MDT PST PDT AKST HST CET CEST EET EEST WET WEST BST IST MSK "
    "AEST AEDT ACST AWST NZST NZDT SGT HKT PHT WIB ICT PKT GST AST ADT NST".split()
)
DATELINE_WORDS = frozenset({"posted", "modified", "updated", "published", "edited", "created"})

# Honorifics stripped from the front of person names.
HONORIFICS = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady rev rev. fr fr. sen. rep. gov. gen. "
    "col. lt. capt. sgt. maj. adm. st. hon. mx mx.".split()
)

# Professions an article gives as a role ("X, a hydrologist at Y,"); not used alone for a person.
_PROFESSIONS = frozenset(
    """
    geologist hydrologist seismologist volcanologist biologist ecologist chemist physicist geophysicist
    climatologist meteorologist epidemiologist virologist toxicologist sociologist psychologist criminologist
    anthropologist archaeologist geographer demographer statistician architect surveyor planner
    """.split()
)
# Title nouns: the head of a role phrase ("press secretary", "senior analyst").
TITLE_NOUNS = frozenset(
    """
    president vice-president premier minister chancellor secretary spokesman spokeswoman spokesperson
    spokespeople leader chairman chairwoman chairperson chair chief head director ambassador envoy consul
    analyst professor fellow researcher scholar expert economist strategist official officer general
    commander admiral colonel captain lieutenant sergeant governor mayor senator congressman
    congresswoman lawmaker legislator representative deputy assemblyman mp king queen prince princess emperor
    pope monarch sultan emir sheikh ayatollah ceo cfo coo cto founder co-founder owner executive adviser
    advisor coordinator manager editor reporter correspondent journalist columnist commentator lawyer
    attorney judge justice prosecutor diplomat negotiator lecturer scientist engineer dean rector provost
    chancellor commissioner inspector superintendent administrator administrator secretary-general
    treasurer auditor comptroller ombudsman sheriff marshal speaker whip candidate nominee activist
    campaigner organizer organiser member partner principal investigator physician doctor surgeon nurse
    teacher student historian author writer novelist analyst-at-large superintendent pastor priest bishop
    cardinal archbishop imam rabbi monk cleric governor-general mediator observer inspector-general
    lobbyist consultant specialist technician pilot astronaut cosmonaut spy agent detective chief-of-staff
    aide staffer staff clerk registrar director-general undersecretary under-secretary democrat republican
    mep mla
    """.split()
) | _PROFESSIONS
# Title nouns that name a person when used alone with "the" ("the president said").
ROLE_HEADS = TITLE_NOUNS - {"member", "staff", "student", "partner", "candidate", "author", "writer",
                            "doctor", "teacher", "observer", "agent", "engineer", "scientist", "expert",
                            "analyst", "official", "officer", "executive", "representative", "fellow",
                            "researcher", "scholar", "lawyer", "journalist", "reporter"} - _PROFESSIONS
# Heads that count as the same role when a role noun refers back ("the spokesman" ~ "press secretary").
ROLE_SYNONYMS: dict[str, frozenset[str]] = {
    "spokesman": frozenset({"spokesman", "spokeswoman", "spokesperson", "secretary"}),
    "spokeswoman": frozenset({"spokesman", "spokeswoman", "spokesperson", "secretary"}),
    "spokesperson": frozenset({"spokesman", "spokeswoman", "spokesperson", "secretary"}),
    "leader": frozenset({"leader", "president", "chairman", "premier", "head"}),
    "chief": frozenset({"chief", "head", "director", "leader"}),
    "head": frozenset({"head", "chief", "director", "leader"}),
    "premier": frozenset({"premier", "minister"}),
}

# Ministry-style words that, directly before a title noun, belong to the role ("Defense Minister").
PORTFOLIO_WORDS = frozenset(
    """
    defense defence foreign interior home finance treasury justice health trade economy economic economics
    education energy environment agriculture labor labour transport transportation culture tourism
    commerce industry security intelligence communications information press foreign-affairs state
    unification science technology digital housing immigration veterans emergency fisheries mining oil
    water sport sports youth planning infrastructure welfare aviation forestry heritage
    """.split()
)
# Qualifiers that are part of a role phrase before the title noun.
ROLE_MODIFIERS = frozenset(
    """
    senior junior chief deputy vice acting former ex- emeritus associate assistant executive general
    principal lead head managing special top retired interim permanent visiting adjunct research prime
    leading
    """.split()
)

# Capitalised words that end organisation names ("... Institute").
ORG_HEADS = frozenset(
    """
    Institute University College School Academy Ministry Council Corporation Corp Corp. Group Company Co
    Co. Agency Service Services Department Commission Committee Program Programme Bank Fund Foundation
    Association Federation Union League Party Organization Organisation Bureau Office Authority Board
    Center Centre Court Assembly Parliament Congress Senate Administration Command Forces Force Army Navy
    Guard Police Society Trust Network Institution Laboratory Laboratories Lab Labs Inc Inc. Ltd Ltd.
    LLC LLP PLC Plc AG SA NV BV GmbH Holdings Industries Enterprises Partners Capital Airlines Airways Motors
    Systems Technologies Media News Times Post Journal Press Observatory Secretariat Directorate Cabinet
    Chamber Exchange Alliance Coalition Front Movement Brigade Battalion Division Regiment Fleet
    Initiative Project Consortium Conference Forum Observatory Club Hospital Clinic Museum Library
    Ratings Securities Investments Television Radio Broadcasting
    """.split()
)
# Generic corporate suffixes dropped to find an organisation's short form ("RAND Corporation" -> "RAND").
ORG_SUFFIXES = frozenset(
    "group corporation corp corp. company co co. inc inc. ltd ltd. llc plc ag sa gmbh holdings "
    "limited incorporated llp nv bv".split()
)
# Lowercase particles inside personal names ("Piet de Vries", "Ahmad bin Salleh").
NAME_PARTICLES = frozenset("de van von der den da di du la le del della dos das bin binti al el ter ten".split())
# Last words that make a name a company's, whatever the tagger says ("Tarvik Tankers", "Nordic Re").
COMPANY_HEADS = frozenset(
    """
    tankers shipping lines airlines airways motors logistics energy capital partners industries systems
    technologies pharmaceuticals pharma labs laboratories ventures resources trading commodities bank
    insurance re reinsurance assurance media steel mining petroleum chemicals electronics semiconductor
    semiconductors telecom telecoms foods brands airlines freight shipyard shipbuilding holdings group
    corporation company ltd llc plc inc gmbh ferries ports farms mills stores railways railway hotels studios
    networks ratings minerals metals securities investments
    """.split()
)
# Last words that make a name an organisation's even when the tagger says PERSON: a company's, a legal
# form ("Grant Holm LLP"), or a public body's ("... Agency").
ORG_NAME_ENDS = COMPANY_HEADS | frozenset(
    """
    inc. ltd. llp corp corp. co co. enterprises ministry agency authority council commission committee
    association federation union university institute foundation department ag nv bv
    fze fzco fzc fzllc llp sarl srl sro s.r.o spa sa sas oy ab asa kk pte pty jsc ooo ojsc pjsc zao
    """.split()
)
# Lowercase nouns that, right before a name, say it is an organisation ("the firm X").
ORG_DESCRIPTORS = frozenset(
    """
    company firm group agency organization organisation institute think-tank tank broadcaster newspaper
    outlet daily network bank lender insurer carrier airline manufacturer maker producer developer
    startup start-up conglomerate contractor corporation consultancy provider operator publisher
    """.split()
)
# Lowercase nouns by which an article refers back to a business it named ("the firm said").
COMPANY_ANAPHORS = frozenset(
    """
    company firm group operator carrier airline lender bank insurer retailer manufacturer maker carmaker
    automaker chipmaker miner producer developer conglomerate business startup start-up utility broadcaster
    publisher supplier shipper exporter importer distributor chain giant contractor consultancy provider
    corporation outfit brand
    """.split()
)
# Lowercase heads of public and civic bodies ("the ministry", "the port authority", "the drivers' union").
BODY_NOUNS = frozenset(
    """
    ministry department agency authority council commission committee court union association federation
    board office trust regulator watchdog inquiry panel tribunal police army military navy government
    parliament assembly senate congress cabinet administration service institute university school hospital
    party embassy consulate organisation organization bureau directorate secretariat inspectorate forum
    """.split()
)
# Name words an anaphor may stand for beyond its own head ("the regulator" ~ "... Authority").
ANAPHOR_NAME_WORDS: dict[str, frozenset[str]] = {
    "regulator": frozenset({"authority", "commission", "agency", "regulator", "office", "board", "watchdog"}),
    "watchdog": frozenset({"authority", "commission", "agency", "regulator", "office", "board", "watchdog"}),
    "airline": frozenset({"airlines", "airline", "airways", "air"}),
    "carrier": frozenset({"airlines", "airline", "airways", "air", "shipping", "lines", "telecom"}),
    "bank": frozenset({"bank", "bancorp", "banking"}),
    "lender": frozenset({"bank", "bancorp", "banking", "finance", "credit"}),
    "insurer": frozenset({"insurance", "assurance", "re"}),
    "automaker": frozenset({"motors", "motor", "auto", "automotive", "cars"}),
    "carmaker": frozenset({"motors", "motor", "auto", "automotive", "cars"}),
    "chipmaker": frozenset({"semiconductor", "semiconductors", "electronics", "chips", "micro"}),
    "miner": frozenset({"mining", "minerals", "resources", "metals"}),
    "police": frozenset({"police", "constabulary"}),
    "inquiry": frozenset({"inquiry", "commission", "review"}),
    "government": frozenset({"government", "cabinet", "administration"}),
}
# Name words of bodies that are not businesses: "the company" never refers back to these.
NON_COMPANY_NAME_WORDS = frozenset(BODY_NOUNS - {"group", "trust", "service", "bureau"}) | frozenset(
    """
    ministry department union association federation league foundation society coalition alliance movement
    front brigade forces force command guard church club institution laboratory observatory academy
    college museum library press news times post journal
    """.split()
)
# Nouns for a written document that can be a speaker ("the report said", "the study found").
DOCUMENT_NOUNS = frozenset(
    """
    report study survey review audit inquiry investigation analysis poll research paper assessment findings
    document filing memo letter statement ruling judgment judgement verdict bulletin note estimate
    """.split()
)
# Nouns for figures that speak only through their named source ("data from X show that ...").
DATA_NOUNS = frozenset("data figures statistics records numbers estimates".split())
# Bodies that produce such documents ("the inquiry ... The report said").
DOCUMENT_AUTHOR_NOUNS = frozenset(
    """
    inquiry investigation committee commission panel review tribunal court board audit watchdog regulator
    ombudsman auditor coroner taskforce task-force team study survey
    """.split()
)

# Lowercase nouns naming a facility after a proper name ("the X spaceport").
FACILITY_HEADS = frozenset(
    """
    cosmodrome spaceport airport airfield airbase base port harbor harbour station plant reactor
    complex facility stadium arena bridge dam canal tunnel prison camp palace square mosque church
    cathedral temple shipyard refinery mine hospital launchpad range test-site chowk maidan
    """.split()
)

# World news agencies and wire services (typed ORG whatever NER says).
NEWS_AGENCIES = frozenset(
    """
    reuters ap afp bloomberg upi dpa efe ansa xinhua tass interfax kyodo jiji yonhap kcna ria ria-novosti
    anadolu ani pti ians bernama antara pna apa ctk pap mtí mti belga anp ntb tt stt ritzau hina tanjug
    bta agerpres ukrinform unian mena wam spa irna isna fars tasnim mehr kuna qna bna petra sana
    nhk bbc cnn npr pbs abc cbs nbc fox afp-jiji
    """.split()
) | frozenset({"associated press", "agence france-presse", "agence france presse", "ria novosti",
               "press trust of india", "kyodo news", "yonhap news agency", "central news agency",
               "korean central news agency", "united press international", "deutsche presse-agentur"})

# Official abbreviations and short names of countries (rigour handles most full names).
COUNTRY_ABBREVIATIONS: dict[str, str] = {
    "us": "us", "u.s.": "us", "u.s": "us", "usa": "us", "u.s.a.": "us", "america": "us",
    "uk": "gb", "u.k.": "gb", "britain": "gb", "great britain": "gb",
    "uae": "ae", "u.a.e.": "ae", "dprk": "kp", "d.p.r.k.": "kp", "prc": "cn", "p.r.c.": "cn",
    "rok": "kr", "roc": "tw", "drc": "cd", "car": "cf", "ussr": "suhh", "frg": "de", "gdr": "dd",
    "ksa": "sa",
}
# "N. Korea" / "S. Korea": abbreviated compass words in country names.
COMPASS_ABBREV = {"n.": "North", "s.": "South", "e.": "East", "w.": "West"}

# Capitals (and seats of government) used as metonyms for their country.
CAPITALS: dict[str, str] = {
    "washington": "us", "moscow": "ru", "beijing": "cn", "pyongyang": "kp", "seoul": "kr", "tokyo": "jp",
    "kyiv": "ua", "kiev": "ua", "london": "gb", "paris": "fr", "berlin": "de", "rome": "it", "madrid": "es",
    "lisbon": "pt", "warsaw": "pl", "prague": "cz", "vienna": "at", "budapest": "hu", "bucharest": "ro",
    "sofia": "bg", "athens": "gr", "ankara": "tr", "tehran": "ir", "baghdad": "iq", "damascus": "sy",
    "beirut": "lb", "amman": "jo", "jerusalem": "il", "riyadh": "sa", "doha": "qa", "abu dhabi": "ae",
    "cairo": "eg", "tripoli": "ly", "tunis": "tn", "algiers": "dz", "rabat": "ma", "khartoum": "sd",
    "addis ababa": "et", "nairobi": "ke", "pretoria": "za", "abuja": "ng", "kabul": "af", "islamabad": "pk",
    "new delhi": "in", "delhi": "in", "dhaka": "bd", "kathmandu": "np", "colombo": "lk", "naypyidaw": "mm",
    "bangkok": "th", "hanoi": "vn", "phnom penh": "kh", "vientiane": "la", "manila": "ph", "jakarta": "id",
    "kuala lumpur": "my", "singapore": "sg", "taipei": "tw", "ulaanbaatar": "mn", "astana": "kz",
    "tashkent": "uz", "bishkek": "kg", "dushanbe": "tj", "ashgabat": "tm", "baku": "az", "yerevan": "am",
    "tbilisi": "ge", "minsk": "by", "chisinau": "md", "vilnius": "lt", "riga": "lv", "tallinn": "ee",
    "helsinki": "fi", "stockholm": "se", "oslo": "no", "copenhagen": "dk", "reykjavik": "is",
    "dublin": "ie", "brussels": "be", "amsterdam": "nl", "the hague": "nl", "bern": "ch", "belgrade": "rs",
    "zagreb": "hr", "ljubljana": "si", "sarajevo": "ba", "skopje": "mk", "tirana": "al", "podgorica": "me",
    "bratislava": "sk", "ottawa": "ca", "mexico city": "mx", "havana": "cu", "caracas": "ve",
    "bogota": "co", "lima": "pe", "santiago": "cl", "buenos aires": "ar", "brasilia": "br",
    "montevideo": "uy", "quito": "ec", "la paz": "bo", "canberra": "au", "wellington": "nz",
    "sanaa": "ye", "muscat": "om", "kuwait city": "kw", "manama": "bh", "kinshasa": "cd", "kigali": "rw",
    "kampala": "ug", "dodoma": "tz", "harare": "zw", "lusaka": "zm", "luanda": "ao", "accra": "gh",
    "dakar": "sn", "bamako": "ml", "niamey": "ne", "ouagadougou": "bf", "ndjamena": "td", "mogadishu": "so",
    "asmara": "er", "juba": "ss", "managua": "ni",
}
# Buildings and seats used for a government ("the Kremlin said"): typed ORG, never GPE/PERSON.
SEATS_OF_GOVERNMENT = frozenset(
    {"kremlin", "white house", "pentagon", "elysee", "élysée", "downing street", "blue house",
     "zhongnanhai", "quai d'orsay", "foggy bottom", "whitehall", "capitol hill", "bundestag", "knesset",
     "duma", "state duma", "yongsan"}
)

# Demonyms and adjectives of common countries -> ISO code (for "Russian President X").
DEMONYMS: dict[str, str] = {
    "american": "us", "u.s.": "us", "us": "us", "british": "gb", "english": "gb-eng", "french": "fr",
    "german": "de", "italian": "it", "spanish": "es", "portuguese": "pt", "dutch": "nl", "belgian": "be",
    "swiss": "ch", "austrian": "at", "polish": "pl", "czech": "cz", "slovak": "sk", "slovakian": "sk",
    "hungarian": "hu", "romanian": "ro", "bulgarian": "bg", "greek": "gr", "turkish": "tr",
    "russian": "ru", "ukrainian": "ua", "belarusian": "by", "georgian": "ge", "armenian": "am",
    "azerbaijani": "az", "kazakh": "kz", "kazakhstani": "kz", "uzbek": "uz", "chinese": "cn",
    "japanese": "jp", "korean": "kr", "south korean": "kr", "north korean": "kp", "taiwanese": "tw",
    "mongolian": "mn", "vietnamese": "vn", "thai": "th", "indonesian": "id", "malaysian": "my",
    "filipino": "ph", "philippine": "ph", "indian": "in", "pakistani": "pk", "afghan": "af",
    "bangladeshi": "bd", "iranian": "ir", "iraqi": "iq", "syrian": "sy", "lebanese": "lb",
    "israeli": "il", "palestinian": "ps", "jordanian": "jo", "saudi": "sa", "emirati": "ae",
    "qatari": "qa", "yemeni": "ye", "egyptian": "eg", "libyan": "ly", "tunisian": "tn", "algerian": "dz",
    "moroccan": "ma", "sudanese": "sd", "ethiopian": "et", "kenyan": "ke", "nigerian": "ng",
    "south african": "za", "canadian": "ca", "mexican": "mx", "cuban": "cu", "venezuelan": "ve",
    "colombian": "co", "brazilian": "br", "argentine": "ar", "argentinian": "ar", "chilean": "cl",
    "peruvian": "pe", "australian": "au", "new zealand": "nz", "irish": "ie", "swedish": "se",
    "norwegian": "no", "danish": "dk", "finnish": "fi", "estonian": "ee", "latvian": "lv",
    "lithuanian": "lt", "serbian": "rs", "croatian": "hr", "bosnian": "ba", "slovenian": "si",
    "albanian": "al", "moldovan": "md", "soviet": "suhh",
}

# Family-name-first name systems: common Korean, Chinese and Vietnamese family names.
EAST_ASIAN_FAMILY_NAMES = frozenset(
    """
    kim lee yi rhee park pak choi choe jung jeong chung kang cho jo yoon yun jang chang lim im han oh seo
    suh shin sin kwon hwang ahn an song yoo yu ryu hong jeon chon chun ko go moon mun yang son sohn bae
    baek paek heo hur nam noh roh ha kwak sung seong cha joo ju woo wu na jin ji min byun pyon chae won
    kil gil ri
    wang li zhang liu chen huang zhao zhou xu sun ma zhu hu guo he lin gao luo zheng liang xie tang xi
    feng deng cao peng zeng xiao tian dong pan yuan cai jiang du ye cheng wei su lu ding ren shen yao
    qin qian fu fan wen tan lai mao
    nguyen tran le pham hoang phan vu vo dang bui do ngo duong ly
    """.split()
)

# Short grammatical words allowed inside capitalised organisation names.
NAME_CONNECTORS = frozenset({"of", "for", "and", "the", "on", "in", "de", "du", "des", "la", "le", "&", "'s"})

_HYPHENS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013\u2014]+")


def name_key(text: str) -> str:
    """Comparison key for names: case-, space- and hyphen-insensitive ("Jong-un" == "Jong un")."""
    return _HYPHENS.sub("", text.lower()).replace(".", "")


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """ISO code when `text` names a country itself (not a city in it): "DPRK", "N. Korea", "Slovakia"."""
    t = text.strip()
    low = t.lower()
    if low in COUNTRY_ABBREVIATIONS:
        return COUNTRY_ABBREVIATIONS[low]
    words = t.split()
    if words and words[0].lower() in COMPASS_ABBREV:
        t = " ".join([COMPASS_ABBREV[words[0].lower()], *words[1:]])
        low = t.lower()
    if len(t) <= 3 or low in CAPITALS or low in DEMONYMS:
        return None  # two/three-letter codes collide with ordinary words ("IT", "ME")
    names, _places = _territory_index()
    terr = names.get(_terr_key(t))
    if terr is None or not (terr.is_country or terr.is_historical):
        return None
    return terr.code


def is_known_place(text: str) -> bool:
    """A territory or a place rigour knows (city, region), whatever its rank."""
    key = _terr_key(text)
    names, places = _territory_index()
    return key in names or key in places or text.strip().lower() in CAPITALS


_NON_WORD = re.compile(r"[^\w\s]")


def _terr_key(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


@lru_cache(maxsize=1)
def _territory_index() -> tuple[dict, frozenset[str]]:
    """Territory names (strong and weak, all languages) -> Territory, and names of places inside them.

    Built with a cheap key instead of rigour's own name index, which transliterates
    ~30k names on first use (seconds per process).
    """
    try:
        from rigour.territories.lookup import _load_territory_names
    except ImportError:  # pragma: no cover - rigour internals moved
        from rigour.territories import get_territories

        names = {}
        for terr in get_territories():
            for n in (terr.name, terr.full_name):
                if n:
                    names.setdefault(_terr_key(n), terr)
        return names, frozenset()
    names, places = {}, set()
    for terr, strong, weak, place_names in _load_territory_names():
        for n in (*strong, *weak):
            names.setdefault(_terr_key(n), terr)
        places.update(_terr_key(p) for p in place_names)
    return names, frozenset(places - names.keys())


def capital_country(text: str) -> str | None:
    return CAPITALS.get(text.strip().lower())


def demonym_country(text: str) -> str | None:
    return DEMONYMS.get(text.strip().lower())


@lru_cache(maxsize=512)
def country_name(code: str) -> str | None:
    from rigour.territories import get_territory

    terr = get_territory(code)
    return terr.name if terr else None


# -- places, facilities and organisations told apart by the words around a name ----------------
# Lowercase nouns after a name that make it a territory ("the X province", "X district").
PLACE_NOUNS_AFTER = frozenset(
    "province provinces region district county municipality prefecture canton oblast governorate "
    "village town city commune parish borough township".split()
)
# Lowercase nouns that, with "of", introduce a territory's name ("the province of X", "the town of X").
PLACE_NOUNS_OF = PLACE_NOUNS_AFTER | frozenset({"state", "republic", "island", "islands", "kingdom", "port",
                                                 "outskirts"})
# Lowercase nouns after a name that make it a natural feature ("the X river").
GEO_FEATURE_NOUNS = frozenset(
    "river lake valley mountains mountain sea bay gulf island islands desert glacier volcano peninsula "
    "coast basin delta canyon plateau strait creek ravine lagoon forest".split()
)
# Regions of the world (a general geographic lexicon): locations, never organisations or people.
WORLD_REGIONS = frozenset(
    """caucasus balkans baltics scandinavia sahel maghreb levant siberia arctic antarctic antarctica caribbean
    mediterranean transcaucasia eurasia oceania americas indochina patagonia anatolia mesopotamia
    middle-east indo-pacific asia-pacific""".split()
)
_CONTINENTS = frozenset("asia africa europe america americas oceania eurasia caucasus balkans".split())
_REGION_QUALIFIERS = frozenset(
    "central eastern western northern southern east west north south southeast southwest northeast northwest "
    "sub-saharan latin middle near far inner outer continental".split()
)


def is_world_region(text: str) -> bool:
    """'Central Asia', 'the Caucasus', 'Sub-Saharan Africa', 'the Middle East' (not a country's name:
    "South Africa")."""
    t = text.strip()
    if t.lower().startswith("the "):
        t = t[4:]
    words = t.lower().replace("–", "-").split()
    if not words or len(words) > 3 or country_code(t) is not None:
        return False
    if len(words) == 1:
        return words[0] in WORLD_REGIONS or words[0] in _CONTINENTS
    if " ".join(words) in ("middle east", "near east", "far east", "horn of africa", "persian gulf", "asia pacific"):
        return True
    return words[-1] in _CONTINENTS and all(w in _REGION_QUALIFIERS for w in words[:-1])


_STATE_FORM = re.compile(
    r"^(?:the\s+)?(?:(?:democratic|people'?s|federal|islamic|socialist|united|federative|arab|popular|"
    r"plurinational|cooperative|co-operative)\s+)*(?:republic|kingdom|federation|principality|sultanate|emirate|"
    r"commonwealth|confederation|grand\s+duchy)\s+of\s+(?:the\s+)?(.+)$", re.I)


def state_short_name(text: str) -> str | None:
    """'Democratic Republic of Ruritania' -> 'Ruritania': a state's formal name and its short one."""
    m = _STATE_FORM.match(text.strip().replace("’", "'"))
    return m.group(1) if m and m.group(1)[:1].isupper() else None


# Titles whose "of" complement is a territory ("the mayor of X", "the governor of X").
TERRITORY_TITLES = frozenset("mayor mayoress governor prefect burgomaster alcalde".split())
# What only a territory (not a people, not a firm) owns: "X's government", "X's health ministry".
TERRITORY_POSSESSIONS = frozenset(
    "government ministry ministries minister ministers parliament congress army military navy capital economy "
    "border borders constitution authorities province provinces regions territory citizens population coast "
    "embassy cabinet prime premier".split()
)
# What only an organisation owns: "X's chief executive", "X's shares" (a person has none of these).
ORG_POSSESSIONS = frozenset(
    "shares shareholders stock board subsidiary subsidiaries bonds ceo cfo coo executive chairman chairwoman "
    "directors employees workforce headquarters dividend earnings revenue revenues guidance".split()
)
# Trailing words that do not tell one company from another ("X Shipping plc" ~ "X Shipping" ~ "X").
LEGAL_FORMS = frozenset(
    "plc ltd ltd. limited inc inc. incorporated llc llp corp corp. co co. gmbh ag sa s.a. s.a sas sarl srl "
    "spa s.p.a. nv n.v. bv b.v. ab asa oy kk pte pty jsc ojsc pjsc ooo zao se lp".split()
)
# Portfolio words that name a state body by themselves ("the Treasury said").
BODY_WORDS_ALONE = frozenset({"treasury", "exchequer"})
# Capitalised single words that name a state institution when written so after "the" ("the Presidency").
INSTITUTION_WORDS = frozenset(
    "Presidency Government Cabinet Parliament Senate Congress Treasury Judiciary Navy Army Police Ministry "
    "Legislature Assembly Chancellery Prosecutor's".split()
)
# All-caps words that are not organisation acronyms (ranks, currencies, units, common abbreviations).
NON_ORG_CAPS = frozenset(
    """
    CEO CFO COO CTO CIO GDP GNP USD EUR GBP JPY CNY RMB RUB CHF INR AM PM TV DNA RNA HIV AIDS COVID SARS LNG
    LPG IPO ETF FAQ PDF URL HTML ISO ID VIP PR HR IT AI OK UFO SUV GPS LED ATM PIN SMS CCTV VAT NB PS RIP
    ASAP FYI II III IV VI VII VIII IX XI XII BREAKING UPDATE UPDATED EXCLUSIVE ANALYSIS OPINION EDITORIAL
    LIVE WATCH NEWS NOTE PHOTO VIDEO AND THE OF FOR TO IN ON BY WITH NOT NO YES PPM MW GW KW KM MPH
    AGM EPS ESG KPI CPI PMI GDPR RSVP ETA USB WIFI SOS LOL OMG DIY BBQ
    """.split()
)


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    from importlib import resources

    text = resources.files("parallax.data").joinpath("given_names.tsv").read_text("utf-8")
    return frozenset(line.split("\t")[0].strip().lower() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=8192)
def is_given_name(word: str) -> bool:
    """A common given name (data/given_names.tsv), accents ignored ("Sofía" = "Sofia")."""
    import unicodedata

    w = unicodedata.normalize("NFKD", word.lower())
    w = "".join(ch for ch in w if not unicodedata.combining(ch))
    return w in _given_names()
