"""Country resolution for place and government names ("PRC", "S. Africa", "the US", a capital city).

Built on ``rigour.territories`` (names, codes, weak names and capital "places" of every
country). Capitals that rigour files under a *subdivision* of the same name (a city
that is also a federal subject or state) are listed here, because news uses the
capital for the government ("Moscow said ...").
"""

from __future__ import annotations

import re
from functools import lru_cache

from rigour.territories import lookup_territory

# Capital-city metonyms rigour resolves to a subdivision instead of the country.
# A general world lexicon (country code -> capital), not a list of any article's names.
_CAPITAL_SUBDIVISIONS = {
    "moscow": "ru", "washington": "us", "washington dc": "us", "washington d c": "us",
    "beijing": "cn", "kyiv": "ua", "kiev": "ua", "berlin": "de", "london": "gb",
    "ottawa": "ca", "canberra": "au", "vienna": "at", "madrid": "es", "lisbon": "pt",
    "rome": "it", "prague": "cz", "budapest": "hu", "warsaw": "pl", "bucharest": "ro",
    "sofia": "bg", "belgrade": "rs", "minsk": "by", "tbilisi": "ge", "yerevan": "am",
    "baku": "az", "astana": "kz", "tashkent": "uz", "bishkek": "kg", "dushanbe": "tj",
    "ashgabat": "tm", "kabul": "af", "baghdad": "iq", "amman": "jo", "beirut": "lb",
    "mexico city": "mx", "brasilia": "br", "buenos aires": "ar", "santiago": "cl",
    "lima": "pe", "bogota": "co", "caracas": "ve", "havana": "cu", "new delhi": "in",
    "delhi": "in", "dhaka": "bd", "kathmandu": "np", "colombo": "lk", "bangkok": "th",
    "hanoi": "vn", "jakarta": "id", "manila": "ph", "kuala lumpur": "my", "singapore": "sg",
    "abuja": "ng", "nairobi": "ke", "addis ababa": "et", "pretoria": "za", "kinshasa": "cd",
    "khartoum": "sd", "tripoli": "ly", "algiers": "dz", "rabat": "ma", "tunis": "tn",
    "doha": "qa", "abu dhabi": "ae", "muscat": "om", "sanaa": "ye", "kuwait city": "kw",
    "manama": "bh", "stockholm": "se", "oslo": "no", "copenhagen": "dk", "helsinki": "fi",
    "dublin": "ie", "amsterdam": "nl", "the hague": "nl", "bern": "ch", "athens": "gr",
    "wellington": "nz", "vilnius": "lt", "riga": "lv", "tallinn": "ee", "chisinau": "md",
}
_ABBREV = {"n": "north", "s": "south", "e": "east", "w": "west"}
COMPASS = {"north", "south", "east", "west"}


def clean_place(name: str) -> str:
    """Lower-case, drop a leading article and stray punctuation; expand "N." style abbreviations."""
    s = name.strip().casefold().replace("\u2011", "-").replace("\u2019", "'")
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^(the)\s+", "", s)
    s = s.strip(" -–—,.;:'\"")
    words = [w for w in re.split(r"[\s.]+", s) if w]
    words = [_ABBREV.get(w, w) if i < len(words) - 1 else w for i, w in enumerate(words)]
    return " ".join(words)


@lru_cache(maxsize=65536)
def country_code(name: str) -> str | None:
    """The ISO country code a place/government name stands for, or None."""
    key = clean_place(name)
    if not key or key in COMPASS:
        return None
    plain = key.replace(".", "").replace(",", "")
    if plain in _CAPITAL_SUBDIVISIONS:
        return _CAPITAL_SUBDIVISIONS[plain]
    for candidate in (name.strip(), key, key.upper() if len(key) <= 4 else key):
        try:
            terr = lookup_territory(candidate)
        except Exception:  # noqa: BLE001 - rigour raises on odd input; treat as unknown
            terr = None
        if terr is not None and terr.is_country and not terr.is_historical:
            return terr.code
    return None


@lru_cache(maxsize=65536)
def state_code(name: str) -> str | None:
    """The ISO code when a name names the state itself ("the US", "N. Korea", "DPRK"), None for a
    capital or another city in it. Extraction decides per mention whether a capital stands for its
    state ("Moscow said"): such mentions join the state's entity in their document, while an entity
    named after a capital is the city ("a Washington think tank", "the embassy in Washington")."""
    code = country_code(name)
    if code is None or _is_city(name) and clean_place(name) != country_name(code).casefold():
        return None  # (a city-state's name is the state's: "Singapore")
    return code


def _is_city(name: str) -> bool:
    from parallax.extract import lexicon as lx

    key = clean_place(name).replace(".", "").replace(",", "")
    if key in _CAPITAL_SUBDIVISIONS or lx.capital_country(key):
        return True
    return lx.country_code(name) is None and lx.is_known_place(name) and not _names_territory(name)


def _names_territory(name: str) -> bool:
    from parallax.extract.lexicon import _terr_key, _territory_index

    return _terr_key(clean_place(name)) in _territory_index()[0]


@lru_cache(maxsize=1024)
def country_name(code: str) -> str:
    terr = lookup_territory(code)
    return terr.name if terr is not None else code.upper()
