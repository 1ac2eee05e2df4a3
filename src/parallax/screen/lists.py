"""Sanctions list loaders: OpenSanctions FtM JSON / targets.simple.csv, OFAC SDN CSV and XML.

Every loader yields *entries*: plain dicts with a fixed set of keys (see ``new_entry``)
so the matcher and the store never care which format a list came from.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import ParseError, iterparse

from followthemoney import model
from followthemoney.types import registry

SIMPLE_COLUMNS = ("id", "schema", "name", "aliases", "birth_date", "countries", "addresses",
                  "identifiers", "sanctions", "phones", "emails", "dataset", "first_seen",
                  "last_seen", "last_change")
SDN_COLUMNS = ("ent_num", "SDN_Name", "SDN_Type", "Program", "Title", "Call_Sign", "Vess_type",
               "Tonnage", "GRT", "Vess_flag", "Vess_owner", "Remarks")
SDN_NULL = "-0-"
# OFAC's sdnType -> the FtM schema; OFAC does not tell organisations from companies.
SDN_SCHEMA = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane", "entity": "LegalEntity"}
# FtM schemata that are screening targets; Sanction/Address/Identification lines are folded into them.
TARGET_SCHEMATA = {"Vessel", "Airplane"}
csv.field_size_limit(2**24)


class ListFormatError(ValueError):
    """A list file that cannot be read; str() is one line naming the file and the problem."""

    def __init__(self, path: str | Path, problem: str, line: int | None = None):
        self.path, self.problem, self.line = str(path), problem, line
        where = f" (line {line})" if line is not None else ""
        super().__init__(f"{Path(path).name}{where}: {problem}".replace("\n", " "))


@dataclass
class SanctionsList:
    name: str
    version: str
    source: str
    format: str
    entries: list[dict] = field(default_factory=list)
    skipped: int = 0  # records that were readable but not screening targets (unknown schema...)


def new_entry(id: str, schema: str, name: str, **kw: Any) -> dict:
    entry = {"id": id, "schema": schema, "name": name, "aliases": [], "countries": [],
             "birth_date": None, "identifiers": [], "addresses": [], "sanctions": [],
             "dataset": None, "raw": {}}
    entry.update({k: v for k, v in kw.items() if v is not None})
    return entry


def country_code(value: str | None) -> str | None:
    """ISO code (lower case, FtM style) for a country code, name or demonym."""
    if not value:
        return None
    return registry.country.clean(value.strip())


def _codes(values: list[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        c = country_code(v)
        if c and c not in out:
            out.append(c)
    return out


def _split_multi(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


# -- reading -----------------------------------------------------------------------------

def _open_text(path: Path) -> IO[str]:
    raw = gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="")


def _content_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:12]


def detect_format(path: str | Path) -> str:
    """One of "ftm", "simple", "sdn-csv", "sdn-xml", from the extension and the first bytes."""
    path = Path(path)
    name = path.name.lower().removesuffix(".gz")
    try:
        with _open_text(path) as fh:
            head = fh.read(4096)
    except (OSError, UnicodeDecodeError) as exc:
        raise ListFormatError(path, f"cannot read file: {exc}") from exc
    start = head.lstrip()
    if not start:
        raise ListFormatError(path, "file is empty")
    if start.startswith("<"):
        return "sdn-xml"
    if start.startswith("{") or name.endswith((".ftm.json", ".jsonl", ".ijson")):
        return "ftm"
    first = next(csv.reader([start.splitlines()[0]]), [])
    if first and first[0].strip().lower() == "id" and "schema" in [c.strip().lower() for c in first]:
        return "simple"
    if first and first[0].strip().isdigit():
        return "sdn-csv"
    raise ListFormatError(path, "unrecognised list format (expected FtM JSON lines, "
                                "targets.simple.csv, OFAC sdn.csv or sdn.xml)")


def load_list_file(path: str, name: str | None = None) -> SanctionsList:
    """Parse a whole list file (raises ListFormatError on malformed input)."""
    p = Path(path)
    if not p.is_file():
        raise ListFormatError(p, "no such file")
    fmt = detect_format(p)
    meta: dict[str, Any] = {"date": None, "skipped": 0}
    entries = list(iter_list_entries(p, fmt, meta))
    if not entries:
        raise ListFormatError(p, "no screening targets found in the file")
    version = _content_hash(p)
    if meta["date"]:
        version = f"{meta['date']}+{version}"
    stem = p.name
    for suffix in (".gz", ".json", ".ftm", ".csv", ".xml"):
        stem = stem.removesuffix(suffix)
    return SanctionsList(name=name or stem, version=version, source=str(p.resolve()), format=fmt,
                         entries=entries, skipped=meta["skipped"])


def iter_list_entries(path: str | Path, fmt: str | None = None, meta: dict | None = None) -> Iterator[dict]:
    """Stream the entries of a list file (the FtM reader holds only side tables in memory)."""
    path = Path(path)
    fmt = fmt or detect_format(path)
    meta = meta if meta is not None else {"date": None, "skipped": 0}
    reader = {"ftm": _iter_ftm, "simple": _iter_simple, "sdn-csv": _iter_sdn_csv, "sdn-xml": _iter_sdn_xml}[fmt]
    try:
        yield from reader(path, meta)
    except UnicodeDecodeError as exc:
        raise ListFormatError(path, f"not UTF-8 text ({exc.reason})") from exc


def _later(current: str | None, value: str | None) -> str | None:
    value = (value or "")[:10] or None
    if value and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return current
    return max(filter(None, (current, value)), default=None)


# -- OpenSanctions FollowTheMoney JSON lines -----------------------------------------------

def _iter_ftm(path: Path, meta: dict) -> Iterator[dict]:
    targets: list[dict] = []
    programs: dict[str, list[str]] = {}
    addresses: dict[str, str] = {}
    address_links: dict[str, list[str]] = {}
    identifiers: dict[str, list[str]] = {}
    with _open_text(path) as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ListFormatError(path, f"invalid JSON: {exc.msg}", lineno) from exc
            if not isinstance(data, dict) or not data.get("id") or not data.get("schema"):
                raise ListFormatError(path, "not a FollowTheMoney entity (needs id and schema)", lineno)
            schema = model.get(data["schema"])
            if schema is None:
                meta["skipped"] += 1
                continue
            props = data.get("properties") or {}
            nested = _fold_nested(props)
            try:
                proxy = model.get_proxy({"id": data["id"], "schema": schema.name, "properties": props},
                                        cleaned=False)
            except Exception as exc:  # FtM raises several types for bad property data
                raise ListFormatError(path, f"invalid entity: {exc}", lineno) from exc
            meta["date"] = _later(meta["date"], data.get("last_change"))
            if schema.is_a("Sanction"):
                for ent in proxy.get("entity"):
                    programs.setdefault(ent, []).extend(proxy.get("program") or proxy.get("authority"))
                continue
            if schema.is_a("Address"):
                addresses[proxy.id] = proxy.first("full") or proxy.caption
                continue
            if schema.is_a("Identification"):
                for holder in proxy.get("holder"):
                    identifiers.setdefault(holder, []).extend(proxy.get("number"))
                continue
            if not (schema.is_a("LegalEntity") or schema.name in TARGET_SCHEMATA):
                meta["skipped"] += 1
                continue
            names = proxy.get("name")
            if not names:
                raise ListFormatError(path, f"entity {proxy.id} has no name", lineno)
            entry = new_entry(
                proxy.id, schema.name, names[0],
                aliases=names[1:] + proxy.get("alias") + proxy.get("previousName", quiet=True),
                countries=_codes(proxy.get_type_values(registry.country)),
                birth_date=proxy.first("birthDate", quiet=True),
                identifiers=proxy.get_type_values(registry.identifier),
                addresses=proxy.get("address", quiet=True) + nested["addresses"],
                sanctions=nested["sanctions"] + proxy.get("program", quiet=True),
                dataset=", ".join(data.get("datasets") or []) or None,
                raw={"properties": props, "first_seen": data.get("first_seen"),
                     "last_change": data.get("last_change"), "position": proxy.get("position", quiet=True)},
            )
            address_links[proxy.id] = proxy.get("addressEntity", quiet=True)
            targets.append(entry)
    for entry in targets:
        entry["sanctions"] = _dedupe(entry["sanctions"] + programs.get(entry["id"], []))
        entry["addresses"] = _dedupe(entry["addresses"] + [addresses[a] for a in address_links[entry["id"]]
                                                           if a in addresses])
        entry["identifiers"] = _dedupe(entry["identifiers"] + identifiers.get(entry["id"], []))
        yield entry


def _fold_nested(props: dict) -> dict[str, list[str]]:
    """OpenSanctions' nested export puts whole entities in properties: keep their text, drop them."""
    out: dict[str, list[str]] = {"sanctions": [], "addresses": []}
    for key, values in list(props.items()):
        if not isinstance(values, list):
            props[key] = values = [values]
        dicts = [v for v in values if isinstance(v, dict)]
        if not dicts:
            continue
        props[key] = [v for v in values if not isinstance(v, dict)]
        for d in dicts:
            p = d.get("properties") or {}
            if d.get("schema") == "Sanction":
                out["sanctions"].extend(p.get("program") or p.get("authority") or [])
            elif d.get("schema") == "Address":
                out["addresses"].extend(p.get("full") or [])
    return out


def _dedupe(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


# -- OpenSanctions targets.simple.csv --------------------------------------------------------

def _iter_simple(path: Path, meta: dict) -> Iterator[dict]:
    with _open_text(path) as fh:
        reader = csv.DictReader(fh)
        header = [h.strip().lower() for h in reader.fieldnames or []]
        missing = {"id", "schema", "name"} - set(header)
        if missing:
            raise ListFormatError(path, f"missing column(s): {', '.join(sorted(missing))}", 1)
        reader.fieldnames = header
        for row in reader:
            rowno = reader.line_num
            if None in row:
                raise ListFormatError(path, "more fields than columns in the header", rowno)
            if not (row.get("id") and row.get("schema") and row.get("name")):
                raise ListFormatError(path, "row needs id, schema and name", rowno)
            schema = model.get(row["schema"].strip())
            if schema is None:
                meta["skipped"] += 1
                continue
            meta["date"] = _later(meta["date"], row.get("last_change"))
            yield new_entry(
                row["id"].strip(), schema.name, row["name"].strip(),
                aliases=_split_multi(row.get("aliases")),
                countries=_codes(_split_multi(row.get("countries"))),
                birth_date=(_split_multi(row.get("birth_date")) or [None])[0],
                identifiers=_split_multi(row.get("identifiers")),
                addresses=_split_multi(row.get("addresses")),
                sanctions=_split_multi(row.get("sanctions")),
                dataset=(row.get("dataset") or "").strip() or None,
                raw={k: v for k, v in row.items() if k not in ("id", "schema", "name") and v},
            )


# -- OFAC SDN: CSV (sdn.csv + optional alt.csv / add.csv) -------------------------------------

def _null(value: str | None) -> str | None:
    value = (value or "").strip()
    return None if not value or value == SDN_NULL else value


_REMARK_FIELDS = {
    "birth_date": re.compile(r"\bDOB ([^;]+)"),
    "nationality": re.compile(r"\bnationality ([^;]+)", re.I),
    "citizen": re.compile(r"\bcitizen ([^;]+)", re.I),
    "pob": re.compile(r"\bPOB ([^;]+)"),
}
_AKA = re.compile(r"a\.k\.a\.,? '([^']+)'")


def _parse_remarks(remarks: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"aliases": _AKA.findall(remarks or "")}
    for key, rx in _REMARK_FIELDS.items():
        m = rx.search(remarks or "")
        out[key] = m.group(1).strip().rstrip(".") if m else None
    return out


def _sdn_programs(program: str | None) -> list[str]:
    return [p.strip(" []") for p in re.split(r"\]\s*\[", program or "") if p.strip(" []")]


def _read_sidecar(path: Path, width: int) -> dict[str, list[list[str]]]:
    """alt.csv / add.csv rows keyed by ent_num."""
    out: dict[str, list[list[str]]] = {}
    if not path.is_file():
        return out
    with _open_text(path) as fh:
        for rowno, row in enumerate(csv.reader(fh), 1):
            if not row or (len(row) == 1 and row[0].strip() in ("", "\x1a")):
                continue
            if len(row) < width:
                raise ListFormatError(path, f"expected {width} columns, got {len(row)}", rowno)
            out.setdefault(row[0].strip(), []).append([c.strip() for c in row])
    return out


def _iter_sdn_csv(path: Path, meta: dict) -> Iterator[dict]:
    aliases = _read_sidecar(path.with_name("alt.csv"), 4)
    addresses = _read_sidecar(path.with_name("add.csv"), 5)
    with _open_text(path) as fh:
        for rowno, row in enumerate(csv.reader(fh), 1):
            if not row or (len(row) == 1 and row[0].strip() in ("", "\x1a")):  # OFAC ends with ^Z
                continue
            if len(row) != len(SDN_COLUMNS):
                raise ListFormatError(path, f"expected {len(SDN_COLUMNS)} columns, got {len(row)}", rowno)
            rec = dict(zip(SDN_COLUMNS, (c.strip() for c in row)))
            if not rec["ent_num"].isdigit() or not _null(rec["SDN_Name"]):
                raise ListFormatError(path, "row needs a numeric ent_num and a name", rowno)
            sdn_type = (_null(rec["SDN_Type"]) or "entity").lower()
            remarks = _parse_remarks(_null(rec["Remarks"]))
            alts = [a[3] for a in aliases.get(rec["ent_num"], []) if _null(a[3])]
            addr = addresses.get(rec["ent_num"], [])
            countries = [remarks["nationality"], remarks["citizen"], _null(rec["Vess_flag"])]
            countries += [a[4] for a in addr if _null(a[4])]
            yield new_entry(
                f"ofac-{rec['ent_num']}", SDN_SCHEMA.get(sdn_type, "LegalEntity"), rec["SDN_Name"],
                aliases=_dedupe(alts + remarks["aliases"]),
                countries=_codes([c for c in countries if c]),
                birth_date=remarks["birth_date"],
                addresses=[", ".join(p for p in a[2:5] if _null(p)) for a in addr],
                sanctions=_sdn_programs(rec["Program"]),
                dataset="us_ofac_sdn",
                raw={k: v for k, v in rec.items() if _null(v)},
            )


# -- OFAC SDN: XML (classic sdnList/sdnEntry) ---------------------------------------------------

def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child_text(el, name: str) -> str | None:
    for c in el:
        if _local(c.tag) == name:
            return (c.text or "").strip() or None
    return None


def _children(el, name: str) -> list:
    return [c for c in el.iter() if _local(c.tag) == name]


def _person_name(el) -> str:
    last, first = _child_text(el, "lastName"), _child_text(el, "firstName")
    return ", ".join(p for p in (last, first) if p)


def _iter_sdn_xml(path: Path, meta: dict) -> Iterator[dict]:
    try:
        with open(path, "rb") as raw:
            fh = gzip.open(raw) if path.suffix == ".gz" else raw
            seen_root = False
            for event, el in iterparse(fh, events=("start", "end")):
                tag = _local(el.tag)
                if event == "start":
                    if not seen_root and tag != "sdnList":
                        raise ListFormatError(path, f"root element is <{tag}>, expected <sdnList>")
                    seen_root = True
                    continue
                if tag == "Publish_Date" and el.text:
                    try:
                        meta["date"] = datetime.strptime(el.text.strip(), "%m/%d/%Y").date().isoformat()
                    except ValueError:
                        pass
                elif tag == "sdnEntry":
                    yield _sdn_xml_entry(path, el)
                    el.clear()
    except ParseError as exc:
        raise ListFormatError(path, f"malformed XML: {exc}", exc.position[0]) from exc


def _sdn_xml_entry(path: Path, el) -> dict:
    uid, name = _child_text(el, "uid"), _person_name(el)
    if not uid or not name:
        raise ListFormatError(path, f"sdnEntry {uid or '?'} needs uid and lastName")
    sdn_type = (_child_text(el, "sdnType") or "entity").lower()
    countries = [_child_text(c, "country") for tag in ("nationality", "citizenship", "address")
                 for c in _children(el, tag)]
    dobs = [_child_text(d, "dateOfBirth") for d in _children(el, "dateOfBirthItem")]
    return new_entry(
        f"ofac-{uid}", SDN_SCHEMA.get(sdn_type, "LegalEntity"), name,
        aliases=_dedupe([_person_name(a) for a in _children(el, "aka")]),
        countries=_codes([c for c in countries if c]),
        birth_date=next(filter(None, dobs), None),
        identifiers=_dedupe([_child_text(i, "idNumber") or "" for i in _children(el, "id")]),
        addresses=[", ".join(filter(None, (_child_text(a, k) for k in ("address1", "city", "country"))))
                   for a in _children(el, "address")],
        sanctions=[(p.text or "").strip() for p in _children(el, "program") if (p.text or "").strip()],
        dataset="us_ofac_sdn",
        raw={"title": _child_text(el, "title"), "remarks": _child_text(el, "remarks")},
    )
