"""Lexicons for numeric claims: currencies, measurement units, qualifiers."""

from __future__ import annotations

# symbol (as tokenised) -> ISO 4217
CURRENCY_SYMBOLS = {
    "$": "USD", "us$": "USD", "usd": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD",
    "hk$": "HKD", "nz$": "NZD", "s$": "SGD", "nt$": "TWD", "r$": "BRL", "mx$": "MXN",
    "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "JPY", "jpy": "JPY", "cn¥": "CNY",
    "₩": "KRW", "krw": "KRW", "₽": "RUB", "rub": "RUB", "₹": "INR", "inr": "INR", "₴": "UAH",
    "₺": "TRY", "₪": "ILS", "chf": "CHF", "cny": "CNY", "rmb": "CNY", "₱": "PHP", "₦": "NGN",
    "r": "ZAR",
}
# abbreviations of a currency name written before the number ("Rs 7.8 billion"), read like the name
CURRENCY_ABBREVS = {"rs": "rupees", "rs.": "rupees"}
# nouns a duration written as an adjective measures ("a five-year term", "a 10-year sentence")
DURATION_NOUNS = frozenset("""term sentence ban mandate tenure lease suspension moratorium contract extension
stint ceasefire truce freeze curfew closure shutdown lockdown blockade siege detention remand sentence
jail prison probation pause delay stay""".split())
# words between a number and a time unit that add to a known span ("five more days")
EXTRA_WORDS = frozenset("more additional further extra another".split())
# verbs that give an estimate "at" a figure ("put the number of X at 12,000", "estimated the crowd at ...")
ESTIMATE_VERBS = frozenset("put estimate place peg set number count".split())
# what a crowd-like noun counts ("the crowd at 12,000": people)
CROWD_NOUNS = frozenset("crowd crowds turnout attendance gathering rally march protest protests toll".split())
# currency words after the number ("500 rubles", "3 billion won")
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "ruble": "RUB", "rubles": "RUB",
    "rouble": "RUB", "roubles": "RUB", "won": "KRW", "rupee": "INR", "rupees": "INR", "hryvnia": "UAH",
    "hryvnias": "UAH", "lira": "TRY", "shekel": "ILS", "shekels": "ILS", "franc": "CHF", "francs": "CHF",
    "real": "BRL", "reais": "BRL", "rand": "ZAR", "naira": "NGN",
    "riyal": "SAR", "riyals": "SAR", "dirham": "AED", "dirhams": "AED", "rial": "IRR", "rials": "IRR",
    "zloty": "PLN", "krona": "SEK", "kronor": "SEK", "krone": "NOK", "kroner": "NOK", "ringgit": "MYR",
    "baht": "THB", "dong": "VND", "rupiah": "IDR", "tenge": "KZT", "bitcoin": "BTC",
}
# Currency names shared by several countries: the place the article is about decides
# ("5 million pesos" in a story from Manila is PHP). Keys are the singular and plural
# names; each maps ISO code -> place words (country, demonym, capital) that select it.
# The first code is the default when no place is mentioned; None means "no default":
# the unit stays the word itself ("peso"), as a guess would be wrong half the time.
_PESO = {
    None: (),
    "MXN": ("Mexico", "Mexican", "Mexicans"),
    "PHP": ("Philippines", "Philippine", "Filipino", "Filipinos", "Manila"),
    "ARS": ("Argentina", "Argentine", "Argentinian", "Argentines", "Buenos Aires"),
    "CLP": ("Chile", "Chilean", "Chileans"),
    "COP": ("Colombia", "Colombian", "Colombians", "Bogota", "Bogotá"),
    "UYU": ("Uruguay", "Uruguayan", "Montevideo"),
    "DOP": ("Dominican Republic", "Santo Domingo"),
    "CUP": ("Cuba", "Cuban", "Havana"),
}
_RUPEE = {
    "INR": ("India", "Indian", "New Delhi"),
    "PKR": ("Pakistan", "Pakistani", "Islamabad", "Karachi"),
    "LKR": ("Sri Lanka", "Sri Lankan", "Colombo"),
    "NPR": ("Nepal", "Nepali", "Nepalese", "Kathmandu"),
    "MUR": ("Mauritius", "Mauritian"),
}
_DINAR = {
    None: (),
    "IQD": ("Iraq", "Iraqi", "Baghdad"), "JOD": ("Jordan", "Jordanian", "Amman"),
    "KWD": ("Kuwait", "Kuwaiti"), "DZD": ("Algeria", "Algerian", "Algiers"),
    "TND": ("Tunisia", "Tunisian", "Tunis"), "LYD": ("Libya", "Libyan", "Tripoli"),
    "RSD": ("Serbia", "Serbian", "Belgrade"), "BHD": ("Bahrain", "Bahraini", "Manama"),
}
_FRANC = {
    "CHF": ("Switzerland", "Swiss", "Bern", "Geneva", "Zurich"),
    "XOF": ("Senegal", "Senegalese", "Ivory Coast", "Ivorian", "Mali", "Malian", "Burkina Faso", "Niger",
            "Benin", "Togo", "Dakar", "Abidjan", "Bamako"),
    "XAF": ("Cameroon", "Cameroonian", "Gabon", "Chad", "Chadian", "Central African Republic"),
    "CDF": ("Democratic Republic of Congo", "DR Congo", "Congolese", "Kinshasa"),
    "RWF": ("Rwanda", "Rwandan", "Kigali"), "GNF": ("Guinea", "Guinean", "Conakry"),
}
_POUND = {
    "GBP": ("Britain", "British", "United Kingdom", "UK", "England", "English", "London", "Scotland"),
    "EGP": ("Egypt", "Egyptian", "Cairo"), "LBP": ("Lebanon", "Lebanese", "Beirut"),
    "SDG": ("Sudan", "Sudanese", "Khartoum"), "SYP": ("Syria", "Syrian", "Damascus"),
}
_SHILLING = {
    "KES": ("Kenya", "Kenyan", "Nairobi"), "UGX": ("Uganda", "Ugandan", "Kampala"),
    "TZS": ("Tanzania", "Tanzanian", "Dodoma", "Dar es Salaam"), "SOS": ("Somalia", "Somali", "Mogadishu"),
}
_RIAL = {
    "IRR": ("Iran", "Iranian", "Tehran"), "OMR": ("Oman", "Omani", "Muscat"),
    "YER": ("Yemen", "Yemeni", "Sanaa"),
}
_RIYAL = {"SAR": ("Saudi Arabia", "Saudi", "Riyadh"), "QAR": ("Qatar", "Qatari", "Doha")}
_KRONA = {"SEK": ("Sweden", "Swedish", "Stockholm"), "ISK": ("Iceland", "Icelandic", "Reykjavik")}
_KRONE = {"NOK": ("Norway", "Norwegian", "Oslo"), "DKK": ("Denmark", "Danish", "Copenhagen")}
SHARED_CURRENCY_WORDS: dict[str, dict[str | None, tuple[str, ...]]] = {
    "peso": _PESO, "pesos": _PESO, "rupee": _RUPEE, "rupees": _RUPEE, "dinar": _DINAR, "dinars": _DINAR,
    "franc": _FRANC, "francs": _FRANC, "pound": _POUND, "pounds": _POUND, "shilling": _SHILLING,
    "shillings": _SHILLING, "rial": _RIAL, "rials": _RIAL, "riyal": _RIYAL, "riyals": _RIYAL,
    "krona": _KRONA, "kronor": _KRONA, "krone": _KRONE, "kroner": _KRONE,
}
# the unit when a shared name has no default and no place decides
SHARED_CURRENCY_BARE = {"peso": "peso", "pesos": "peso", "dinar": "dinar", "dinars": "dinar"}

# a word before "dollars" that names another dollar currency
DOLLAR_COUNTRIES = {
    "us": "USD", "u.s.": "USD", "american": "USD", "australian": "AUD", "canadian": "CAD",
    "hong": "HKD", "singapore": "SGD", "new": "NZD", "taiwan": "TWD", "zimbabwean": "ZWL",
}

# measurement units -> canonical unit; counted nouns are kept as written instead
MEASURE_UNITS = {
    "km": "km", "kilometer": "km", "kilometers": "km", "kilometre": "km", "kilometres": "km",
    "m": "m", "meter": "m", "meters": "m", "metre": "m", "metres": "m",
    "cm": "cm", "centimeters": "cm", "centimetres": "cm", "mm": "mm", "millimeters": "mm", "millimetres": "mm",
    "nanometer": "nm", "nanometers": "nm", "nanometre": "nm", "nanometres": "nm",
    "mile": "miles", "miles": "miles", "mi": "miles", "feet": "feet", "foot": "feet", "ft": "feet",
    "yards": "yards", "inches": "inches", "nautical": "nautical miles",
    "kg": "kg", "kilogram": "kg", "kilograms": "kg", "kilogramme": "kg", "kilogrammes": "kg",
    "g": "g", "grams": "g", "tonne": "tonnes", "tonnes": "tonnes", "ton": "tons", "tons": "tons",
    "t": "tonnes", "lb": "lb", "lbs": "lb",
    "liter": "L", "liters": "L", "litre": "L", "litres": "L", "gallons": "gallons", "barrels": "barrels",
    "bpd": "barrels per day", "cubic": "cubic",
    "hectares": "hectares", "ha": "hectares", "acres": "acres",
    "mw": "MW", "megawatts": "MW", "gw": "GW", "gigawatts": "GW", "kw": "kW", "kilowatts": "kW",
    "kwh": "kWh", "mwh": "MWh", "twh": "TWh", "gwh": "GWh",
    "mph": "mph", "km/h": "km/h", "kph": "km/h", "knots": "knots",
    "degrees": "degrees", "°c": "°C", "°f": "°F", "celsius": "°C", "fahrenheit": "°F",
    "kilotons": "kilotons", "megatons": "megatons", "bytes": "bytes", "gb": "GB", "tb": "TB",
}
TIME_UNITS = {
    "second": "seconds", "seconds": "seconds", "minute": "minutes", "minutes": "minutes",
    "hour": "hours", "hours": "hours", "day": "days", "days": "days", "night": "nights", "nights": "nights", "week": "weeks", "weeks": "weeks",
    "month": "months", "months": "months", "year": "years", "years": "years",
    "decade": "decades", "decades": "decades", "century": "centuries", "centuries": "centuries",
}
PERCENT_WORDS = {"%", "percent", "pct"}

# qualifiers before a number, longest first (token sequences, lower case)
QUALIFIERS = [
    "more than", "less than", "fewer than", "greater than", "higher than", "lower than",
    "at least", "at most", "up to", "as many as", "as much as", "as few as", "as little as",
    "close to", "in excess of", "upwards of", "well over", "just over", "just under", "an estimated",
    "nearly", "almost", "about", "around", "roughly", "approximately", "some", "over", "under",
    "below", "above", "estimated", "only", "just", "exactly", "nearly", "barely", "circa", "approx.",
]
QUALIFIER_SEQS = sorted((tuple(q.split()) for q in set(QUALIFIERS)), key=len, reverse=True)

# head nouns too generic to name a unit alone: keep the noun before ("artillery pieces")
CLASSIFIER_NOUNS = {
    "piece", "pieces", "unit", "units", "item", "items", "system", "systems", "head", "rounds",
    "sets", "vehicles", "types", "kinds", "pairs", "cases",
}

# verbs whose direct time object is a measured duration ("lasted five hours"); not "wait":
# "waited three years" expresses time passing, not a quantity of an event
DURATION_VERBS = {
    "last", "take", "spend", "run", "continue", "serve", "stay", "remain", "work",
    "hold", "stretch", "span", "need", "require", "sentence", "talk", "meet",
    # a term one faces or is given ("faces up to ten years in prison", "got two years")
    "face", "risk", "receive", "get",
}
# verbs of change whose time object is a measured difference ("adds ten days to the journey",
# "delayed by two weeks")
DURATION_CHANGE_VERBS = {
    "add", "cut", "save", "shave", "extend", "shorten", "reduce", "delay", "lengthen", "prolong",
    "postpone", "push", "increase", "halve", "double", "trim", "lose", "gain",
}
WAIT_VERBS = {"wait", "await"}
