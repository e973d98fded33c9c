"""Registers of persons, places and organisations: the user's (read) and the pipeline's (written).

A register is a TEI file with ``listPerson``/``listPlace``/``listOrg`` (anywhere, usually in
``standOff``).  :func:`load` reads the user's registers, whose entries take priority over
what the recogniser would name; :class:`Book` gives each distinct entity of one document
its ``xml:id``; :func:`collect_registers` merges the entities of built TEI files into one
register for curation (``tei registers PATHS... -o FILE``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from lxml import etree

from tei import gazetteer
from tei.errors import Location, TeiError
from tei.model import Document, Entity

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
T = "{%s}" % TEI_NS
#: entity type -> (list element, entry element, name element)
KINDS = {"person": ("listPerson", "person", "persName"),
         "place": ("listPlace", "place", "placeName"),
         "org": ("listOrg", "org", "orgName")}
FROM_REGISTER = "from the user's register"


def parser() -> etree.XMLParser:
    """A parser that neither expands entities nor touches the network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def name_key(form: str) -> str:
    """A normalised name for matching: whitespace collapsed, possessive and a leading "the" dropped."""
    s = re.sub(r"\s+", " ", form).strip()
    s = re.sub(r"['’]s$", "", s)
    return re.sub(r"^[Tt]he ", "", s)


def slug(form: str) -> str:
    """An ASCII, lower-case, hyphenated rendering of a name for use in an ``xml:id``."""
    s = unicodedata.normalize("NFKD", form)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-") or "x"


@dataclass
class Register:
    """Entries read from register files, by ``xml:id``."""

    entries: dict[str, Entity] = field(default_factory=dict)

    def forms(self) -> dict[str, Entity]:
        """Name form (normalised) -> entry; the first entry to claim a form keeps it."""
        out: dict[str, Entity] = {}
        for e in self.entries.values():
            for f in e.forms:
                out.setdefault(name_key(f), e)
        return out


def _entries(root: etree._Element) -> Iterable[Entity]:
    for typ, (_lst, entry, name) in KINDS.items():
        for el in root.iter(T + entry):
            xml_id = el.get(XML_ID)
            if not xml_id:
                continue
            forms = [re.sub(r"\s+", " ", "".join(str(t) for t in n.itertext())).strip() for n in el.iter(T + name)]
            idno = {(i.get("type") or "uri"): (i.text or "").strip() for i in el.iter(T + "idno") if i.text}
            yield Entity(xml_id, typ, [f for f in dict.fromkeys(forms) if f], idno)  # type: ignore[arg-type]


def load(paths: Iterable[Path], doc: Document | None = None) -> Register:
    """Read register files; a file that cannot be read is reported on ``doc`` (ENT001) or raised."""
    reg = Register()
    for path in paths:
        try:
            root = etree.parse(str(path), parser()).getroot()
        except (OSError, etree.XMLSyntaxError) as exc:
            err = TeiError.make("ENT001", Location(str(path)), path=path, reason=str(exc).splitlines()[0])
            if doc is None:
                raise err from exc
            doc.report(err)
            continue
        for e in _entries(root):
            e.note = FROM_REGISTER
            reg.entries.setdefault(e.xml_id, e)
    return reg


class Book:
    """The entities of one document: one entry per distinct name, register entries first."""

    def __init__(self, register: Register | None = None) -> None:
        self._register = register or Register()
        self._by_key: dict[tuple[str, str], str] = {}
        self._entities: dict[str, Entity] = {}

    def prepare(self, items: Iterable[tuple[str, str]]) -> None:
        """Know every ``(type, form)`` first, longest forms first, so a surname joins its full name."""
        for typ, form in sorted(set(items), key=lambda i: -len(i[1])):
            self.add(typ, form)

    def add(self, typ: str, form: str) -> str:
        """The ``xml:id`` for a name form of a type, creating the entry when it is new."""
        k = name_key(form)
        known = self._register.forms().get(k) if self._register.entries else None
        if known is not None:
            self._entities.setdefault(known.xml_id, known)
            return known.xml_id
        if (typ, k) in self._by_key:
            return self._by_key[(typ, k)]
        if typ == "person" and " " not in k:
            full = [i for (t, f), i in self._by_key.items() if t == "person" and f.split()[-1] == k]
            if len(set(full)) == 1:
                self._by_key[(typ, k)] = full[0]
                return full[0]
        xml_id = base = f"{typ}-{slug(k)}"
        n = 2
        while xml_id in self._entities or xml_id in self._register.entries:
            xml_id, n = f"{base}-{n}", n + 1
        ent = Entity(xml_id, typ, [], {})  # type: ignore[arg-type]
        if typ == "place":
            place = gazetteer.lookup(k)
            if place is not None and place.uri:
                ent.idno["geonames"] = place.uri
        self._entities[xml_id] = ent
        self._by_key[(typ, k)] = xml_id
        return xml_id

    def count(self, xml_id: str, form: str) -> None:
        """Record one mention of an entry under the form it took."""
        if xml_id not in self._entities:
            self._entities[xml_id] = self._register.entries[xml_id]
        ent = self._entities[xml_id]
        ent.mentions += 1
        if name_key(form) not in ent.forms:
            ent.forms.append(name_key(form))

    def entities(self) -> dict[str, Entity]:
        """The entries that have at least one mention."""
        return {k: e for k, e in self._entities.items() if e.mentions}


def to_tei(entities: Iterable[Entity], title: str = "Register of persons, places and organisations") -> bytes:
    """A TEI document whose ``standOff`` lists the entities (persons, places, organisations)."""
    tei = etree.Element(T + "TEI", nsmap={None: TEI_NS})  # type: ignore[dict-item]
    fd = etree.SubElement(etree.SubElement(tei, T + "teiHeader"), T + "fileDesc")
    etree.SubElement(etree.SubElement(fd, T + "titleStmt"), T + "title").text = title
    etree.SubElement(etree.SubElement(fd, T + "publicationStmt"), T + "p").text = "Generated for curation."
    etree.SubElement(etree.SubElement(fd, T + "sourceDesc"), T + "p").text = "Entities found by the tei pipeline."
    standoff = etree.SubElement(tei, T + "standOff")
    ents = sorted(entities, key=lambda e: e.xml_id)
    for typ, (lst, entry, name) in KINDS.items():
        mine = [e for e in ents if e.type == typ]
        if not mine:
            continue
        lel = etree.SubElement(standoff, T + lst)
        for e in mine:
            el = etree.SubElement(lel, T + entry)
            el.set(XML_ID, e.xml_id)
            for f in e.forms:
                etree.SubElement(el, T + name).text = f
            for kind, value in sorted(e.idno.items()):
                etree.SubElement(el, T + "idno", type=kind).text = value
    return etree.tostring(tei, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write(entities: Iterable[Entity], path: Path) -> None:
    """Write the entities as a TEI register file."""
    Path(path).write_bytes(to_tei(entities))


def merge(groups: Iterable[Iterable[Entity]]) -> list[Entity]:
    """One entity per type and normalised name across documents; forms and idnos united."""
    merged: dict[str, Entity] = {}
    by_key: dict[tuple[str, str], str] = {}
    for ents in groups:
        for e in ents:
            keys = [(e.type, name_key(f).lower()) for f in e.forms] or [(e.type, e.xml_id)]
            hit = next((by_key[k] for k in keys if k in by_key), None)
            if hit is None:
                hit = e.xml_id
                while hit in merged:
                    hit += "-x"
                merged[hit] = Entity(hit, e.type, [], {}, e.note, 0)
            target = merged[hit]
            target.forms += [f for f in e.forms if f not in target.forms]
            for kind, value in e.idno.items():
                target.idno.setdefault(kind, value)
            target.mentions += e.mentions
            for k in keys:
                by_key.setdefault(k, hit)
    return list(merged.values())


def collect_registers(tei_paths: Iterable[Path]) -> bytes:
    """The register of the entities listed in built TEI files, merged by name (for the CLI)."""
    groups = []
    for path in tei_paths:
        groups.append(list(load([Path(path)]).entries.values()))
    ents = merge(groups)
    for e in ents:
        e.note = ""
    return to_tei(ents)
