"""Regenerates the shipped test list (FtM) and its targets.simple / SDN CSV / SDN XML twins.

One-off generator for the shipped test list and its CSV/XML twins (kept out of the package)."""
import csv, json
from pathlib import Path
from followthemoney import model

OFAC = "Office of Foreign Assets Control"
# (ent_num, schema, sdn name, aliases, countries, program, start date, note)
REAL = [
    ("900001", "Person", "MKRTYCHEV, Ashot", ["Ashot Mkrtychev", "Ашот Мкртычев"], ["sk"], "RUSSIA-EO14024", "2023-03-30",
     "Slovak national designated by OFAC on 30 March 2023 for attempting to broker an arms deal between the DPRK and Russia."),
    ("900002", "Company", "VERUS LLC", [], ["ru"], "RUSSIA-EO14024", "2023-08-16",
     "Russia-based company designated by OFAC on 16 August 2023 in connection with DPRK-Russia arms dealings."),
    ("900003", "Company", "VERSOR S.R.O.", [], ["sk"], "RUSSIA-EO14024", "2023-08-16",
     "Slovakia-based company designated by OFAC on 16 August 2023 in connection with DPRK-Russia arms dealings."),
    ("900004", "Company", "DEFENSE ENGINEERING LLP", [], ["kz"], "RUSSIA-EO14024", "2023-08-16",
     "Kazakhstan-based company designated by OFAC on 16 August 2023 in connection with DPRK-Russia arms dealings."),
]
DECOYS = [  # fictitious parties with deliberately similar names, different countries/sectors
    ("900101", "Person", "MKRTCHYAN, Ashot", [], ["am"], "DECOY", None, "Fictitious decoy: similar name, Armenia."),
    ("900102", "Person", "MKRTYCHEV, Arsen Karenovich", [], ["ru"], "DECOY", None, "Fictitious decoy: same surname, Russia."),
    ("900103", "Company", "VERUS CAPITAL PARTNERS LTD", [], ["gb"], "DECOY", None, "Fictitious decoy: UK investment firm."),
    ("900104", "Company", "VERSOR LOGISTICS GMBH", [], ["de"], "DECOY", None, "Fictitious decoy: German freight forwarder."),
    ("900105", "Company", "APPLIED DEFENSE ENGINEERING PTE. LTD.", [], ["sg"], "DECOY", None, "Fictitious decoy: Singapore consultancy."),
    ("900106", "Organization", "VERUS FOUNDATION", [], ["us"], "DECOY", None, "Fictitious decoy: US charity."),
    ("900107", "Person", "ASHOTOV, Mikhail", [], ["by"], "DECOY", None, "Fictitious decoy: Belarus."),
]
ROWS = REAL + DECOYS
HERE = Path(__file__).resolve().parent  # tests/data/lists
PKG_LISTS = HERE.parents[2] / "src/parallax/data/lists"

def display(name, schema):
    if schema == "Person" and ", " in name:
        last, first = name.split(", ", 1)
        return f"{first} {last.title()}"
    return name

def ftm_lines():
    for num, schema, name, aliases, countries, program, start, note in ROWS:
        e = model.make_entity(schema)
        e.id = f"ofac-{num}"
        e.add("name", display(name, schema))
        e.add("alias", [name] + aliases)
        e.add("nationality" if schema == "Person" else "country", countries)
        e.add("notes", note)
        e.add("topics", "sanction" if program != "DECOY" else [])
        yield {**e.to_dict(), "datasets": ["parallax_test_ofac_2023"], "last_change": "2023-08-16T00:00:00"}
        s = model.make_entity("Sanction")
        s.id = f"ofac-{num}-sanction"
        s.add("entity", e.id)
        s.add("authority", OFAC if program != "DECOY" else "Parallax test decoy (not a real designation)")
        s.add("program", program)
        s.add("startDate", start)
        yield {**s.to_dict(), "datasets": ["parallax_test_ofac_2023"], "last_change": "2023-08-16T00:00:00"}

with open(PKG_LISTS / "ofac-2023-dprk-russia-arms.ftm.json", "w") as fh:
    for d in ftm_lines():
        fh.write(json.dumps(d, ensure_ascii=False, sort_keys=True) + "\n")

COUNTRY_NAMES = {"sk": "Slovakia", "ru": "Russia", "kz": "Kazakhstan", "am": "Armenia", "gb": "United Kingdom",
                 "de": "Germany", "sg": "Singapore", "us": "United States", "by": "Belarus"}
with open(HERE / "targets.simple.csv", "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["id", "schema", "name", "aliases", "birth_date", "countries", "addresses", "identifiers",
                "sanctions", "phones", "emails", "dataset", "first_seen", "last_seen", "last_change"])
    for num, schema, name, aliases, countries, program, start, note in ROWS:
        w.writerow([f"ofac-{num}", schema, display(name, schema), ";".join([name] + aliases), "", ";".join(countries),
                    "", "", f"OFAC - {program}" if program != "DECOY" else "", "", "", "parallax_test_ofac_2023",
                    "2023-03-30T00:00:00", "2023-09-01T00:00:00", start and start + "T00:00:00" or "2023-08-16T00:00:00"])

with open(HERE / "sdn.csv", "w", newline="") as fh, \
        open(HERE / "alt.csv", "w", newline="") as alt:
    w, wa = csv.writer(fh), csv.writer(alt)
    for i, (num, schema, name, aliases, countries, program, start, note) in enumerate(ROWS):
        sdn_type = "individual" if schema == "Person" else "-0- "
        remark = f"nationality {COUNTRY_NAMES[countries[0]]}" if schema == "Person" else "Organization Established Date 2019"
        w.writerow([num, name, sdn_type, program, "-0- ", "-0- ", "-0- ", "-0- ", "-0- ", "-0- ", "-0- ", remark + "."])
        for j, a in enumerate(aliases):
            wa.writerow([num, str(9000 + i * 10 + j), "aka", a, "-0- "])
    fh.write("\x1a")
with open(HERE / "add.csv", "w", newline="") as fh:
    w = csv.writer(fh)
    for num, schema, name, aliases, countries, program, start, note in ROWS:
        if schema != "Person":
            w.writerow([num, str(int(num) + 50000), "-0- ", "-0- ", COUNTRY_NAMES[countries[0]], "-0- "])

from xml.sax.saxutils import escape
parts = ['<?xml version="1.0" standalone="yes"?>',
         '<sdnList xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">',
         '  <publshInformation><Publish_Date>08/16/2023</Publish_Date><Record_Count>%d</Record_Count></publshInformation>' % len(ROWS)]
for num, schema, name, aliases, countries, program, start, note in ROWS:
    if schema == "Person":
        last, first = name.split(", ", 1)
        nm = f"<firstName>{escape(first)}</firstName><lastName>{escape(last)}</lastName>"
    else:
        nm = f"<lastName>{escape(name)}</lastName>"
    akas = "".join(f"<aka><uid>{num}{k}</uid><type>a.k.a.</type><category>strong</category><lastName>{escape(a)}</lastName></aka>" for k, a in enumerate(aliases))
    tag = "nationalityList><nationality" if schema == "Person" else "addressList><address"
    c = COUNTRY_NAMES[countries[0]]
    loc = (f"<nationalityList><nationality><uid>{num}8</uid><country>{c}</country><mainEntry>true</mainEntry></nationality></nationalityList>"
           if schema == "Person" else f"<addressList><address><uid>{num}9</uid><country>{c}</country></address></addressList>")
    parts.append(f"  <sdnEntry><uid>{num}</uid>{nm}<sdnType>{'Individual' if schema == 'Person' else 'Entity'}</sdnType>"
                 f"<programList><program>{program}</program></programList><akaList>{akas}</akaList>{loc}</sdnEntry>")
parts.append("</sdnList>")
open(HERE / "sdn.xml", "w").write("\n".join(parts) + "\n")
