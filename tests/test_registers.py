"""Tests of registers: reading the user's, giving ids, writing and merging registers."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from lxml import etree

from tei import entities, registers
from tei.errors import TeiError
from tei.model import Entity

REGISTER = """<?xml version="1.0"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><standOff>
<listPerson><person xml:id="p-wilson"><persName>Sir Henry Wilson</persName><persName>Wilson</persName>
<idno type="wikidata">https://www.wikidata.org/wiki/Q334836</idno></person></listPerson>
<listOrg><org xml:id="o-coa"><orgName>Council of Action</orgName></org></listOrg>
</standOff></TEI>
"""


@pytest.fixture
def register_file(tmp_path: Path) -> Path:
    path = tmp_path / "register.xml"
    path.write_text(REGISTER, encoding="utf-8")
    return path


def test_registers_load_reads_entries(register_file):
    reg = registers.load([register_file])
    assert set(reg.entries) == {"p-wilson", "o-coa"}
    assert reg.entries["p-wilson"].forms == ["Sir Henry Wilson", "Wilson"]
    assert reg.entries["p-wilson"].idno == {"wikidata": "https://www.wikidata.org/wiki/Q334836"}
    assert reg.forms()["Council of Action"].type == "org"


def test_registers_take_priority_in_the_stage(make_doc, config, register_file):
    text = "Wilson met the Council of Action. Sir Henry Wilson left."
    doc = make_doc(text, provided=("raw", "reading", "blocks"))
    doc = entities.run(doc, dataclasses.replace(config, registers=(register_file,), use_model=False))
    got = [(doc.raw[s.start:s.end], s.ref) for s in doc.spans_of("persName", "orgName")]
    assert got == [("Wilson", "p-wilson"), ("Council of Action", "o-coa"), ("Sir Henry Wilson", "p-wilson")]
    assert doc.entities["p-wilson"].mentions == 2
    assert entities.summary(doc)["person"]["linked"] == 1


def test_registers_unreadable_file_is_reported(make_doc, config, tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI><unclosed></TEI>", encoding="utf-8")
    doc = make_doc("General Poole left.", provided=("raw", "reading", "blocks"))
    doc = entities.run(doc, dataclasses.replace(config, registers=(bad,), use_model=False))
    assert [d.code for d in doc.diagnostics] == ["ENT001"]
    with pytest.raises(TeiError):
        registers.load([bad])


def test_registers_parser_does_not_expand_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    path = tmp_path / "evil.xml"
    path.write_text(f"""<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY x SYSTEM "file://{secret}">]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><listPerson><person xml:id="p1"><persName>A &x;</persName>
</person></listPerson></TEI>""", encoding="utf-8")
    forms = registers.load([path]).entries["p1"].forms
    assert all("SECRET" not in f for f in forms)


@pytest.mark.parametrize("form, expected", [("Henry Wilson", "henry-wilson"), ("Ünal Çelik", "unal-celik"),
                                            ("Washington, D. C.", "washington-d-c"), ("???", "x")])
def test_registers_slug(form, expected):
    assert registers.slug(form) == expected


def test_registers_book_joins_surname_to_full_name():
    book = registers.Book()
    book.prepare([("person", "Wilson"), ("person", "Henry Wilson"), ("place", "Wilson")])
    assert book.add("person", "Wilson") == book.add("person", "Henry Wilson") == "person-henry-wilson"
    assert book.add("place", "Wilson") == "place-wilson"


def test_registers_write_and_collect_round_trip(tmp_path):
    a = [Entity("person-lenin", "person", ["Lenin"], {}, "", 3),
         Entity("place-moscow", "place", ["Moscow"], {"geonames": "https://www.geonames.org/524901"}, "", 2)]
    b = [Entity("person-lenin", "person", ["Lenin", "V. I. Lenin"], {}, "", 1),
         Entity("org-red-army", "org", ["Red Army"], {}, "", 1)]
    registers.write(a, tmp_path / "a.xml")
    registers.write(b, tmp_path / "b.xml")
    merged = registers.collect_registers([tmp_path / "a.xml", tmp_path / "b.xml"])
    root = etree.fromstring(merged)
    ns = {"t": registers.TEI_NS}
    assert [p.get(registers.XML_ID) for p in root.iterfind(".//t:person", ns)] == ["person-lenin"]
    assert [n.text for n in root.iterfind(".//t:person/t:persName", ns)] == ["Lenin", "V. I. Lenin"]
    assert root.find(".//t:place/t:idno[@type='geonames']", ns).text.endswith("/524901")
    assert [o.get(registers.XML_ID) for o in root.iterfind(".//t:listOrg/t:org", ns)] == ["org-red-army"]
