"""XSLT rendering (tei/render.py, xslt/*.xsl): HTML links, notes, index, both text views.

Documents: the hand-made ``tests/data/sample.tei.xml`` (every construct the pipeline
emits) plus any TEI a build left in ``out/tei/`` and the files ``TEI_RENDER_EXTRA`` (a
glob, e.g. ``/tmp/x/tei/*.xml``) names.  One Saxon processor serves the session
(``tei.render.processor`` is a process-wide singleton).
"""

from __future__ import annotations

import glob
import os
import re
import shutil
from pathlib import Path

import pytest
from lxml import etree, html

from tei.errors import TeiError
from tei.model import TEI_NS, XML_NS
from tei.render import _executable, render, render_index

DATA = Path(__file__).resolve().parent / "data"
SAMPLE = DATA / "sample.tei.xml"
NS = {"t": TEI_NS}


def _documents() -> list[Path]:
    docs = [SAMPLE, *sorted((Path(__file__).resolve().parent.parent / "out" / "tei").glob("*.xml"))]
    extra = os.environ.get("TEI_RENDER_EXTRA")
    if extra:
        docs += [Path(p) for p in sorted(glob.glob(extra))]
    return docs


DOCS = _documents()
DOC_IDS = [p.name for p in DOCS]


def _tei(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))


def _html(path: Path, **kw: object) -> html.HtmlElement:
    return html.fromstring(render(path, to="html", **kw).output)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("path", DOCS, ids=DOC_IDS)
def test_render_html_every_fragment_link_has_a_target(path: Path) -> None:
    page = _html(path)
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids)), "duplicate ids"
    missing = {h for h in page.xpath("//a/@href") if h.startswith("#") and h[1:] not in set(ids)}
    assert not missing


@pytest.mark.parametrize("path", DOCS, ids=DOC_IDS)
def test_render_html_every_note_is_present_and_linked_both_ways(path: Path) -> None:
    notes = _tei(path).xpath("//t:text//t:note", namespaces=NS)
    page = _html(path)
    items = page.xpath("//section[@id='notes']//li[contains(concat(' ', @class, ' '), ' note ')]")
    assert len(items) == len(notes)
    for item in items:
        assert page.xpath(f"//a[@href='#{item.get('id')}' and @id]"), item.get("id")
        back = item.xpath(".//a[contains(@class, 'note-back')]/@href")[0]
        assert page.get_element_by_id(back[1:]) is not None
    for note, item in zip(notes, items):
        body = "".join(note.xpath(".//text()[not(ancestor::t:label)]", namespaces=NS))
        shown = item.xpath(".//span[@class='note-text']")[0].text_content()
        assert _flat(body) == _flat(shown)


@pytest.mark.parametrize("path", DOCS, ids=DOC_IDS)
def test_render_html_index_holds_every_register_entry(path: Path) -> None:
    entries = _tei(path).xpath("//t:standOff//*[self::t:person or self::t:place or self::t:org]/@xml:id",
                               namespaces=NS)
    page = _html(path)
    index_ids = set(page.xpath("//section[@id='index']//li/@id"))
    assert set(entries) == index_ids
    for name in page.xpath("//a[contains(@class, 'name')]"):
        assert name.get("href")[1:] in index_ids


@pytest.mark.parametrize("path", DOCS, ids=DOC_IDS)
def test_render_html_dates_carry_their_iso_value(path: Path) -> None:
    dates = _tei(path).xpath("//t:text//t:date", namespaces=NS)
    page = _html(path)
    assert len(page.xpath("//*[contains(@class, 'date') and @id]")) == len(dates)
    for number, date in enumerate(dates, 1):
        el = page.get_element_by_id(date.get(f"{{{XML_NS}}}id") or f"date-{number}")
        for value in (date.get(a) for a in ("when", "from", "to", "notBefore", "notAfter")):
            if value:
                assert value in el.get("title")


@pytest.mark.parametrize("path", DOCS, ids=DOC_IDS)
def test_render_text_diplomatic_keeps_every_source_character(path: Path) -> None:
    """The diplomatic text is the body with orig/sic chosen and notes at their anchors."""
    body = _tei(path).find(".//t:text", NS)
    expected = "".join(body.xpath(".//text()[not(ancestor::t:reg) and not(ancestor::t:corr)]", namespaces=NS))
    out = render(path, to="text", diplomatic=True).output
    assert re.sub(r"\s+", "", out) == re.sub(r"\s+", "", expected)


@pytest.mark.parametrize("path", DOCS, ids=DOC_IDS)
def test_render_reports_no_messages(path: Path) -> None:
    for kw in ({"to": "html"}, {"to": "text"}, {"to": "text", "diplomatic": True}):
        assert render(path, **kw).messages == []


@pytest.mark.parametrize("kind", ["hyphen", "hyphen-kept", "ligature", "ocr", "space", "pagenum"])
def test_render_text_views_choose_their_side_of_each_repair(kind: str) -> None:
    choices = _tei(SAMPLE).xpath(f"//t:choice[@ana='#repair-{kind}']", namespaces=NS)
    reading = _flat(render(SAMPLE, to="text").output)
    diplomatic = _flat(render(SAMPLE, to="text", diplomatic=True).output)
    assert choices
    for choice in choices:
        source = _flat("".join(choice.xpath("(t:orig | t:sic)//text()", namespaces=NS)))
        repaired = _flat("".join(choice.xpath("(t:reg | t:corr)//text()", namespaces=NS)))
        assert source in diplomatic
        if choice.xpath("ancestor::t:fw", namespaces=NS):
            assert source not in reading
        elif repaired:
            assert repaired in reading and source not in reading


def test_render_text_reading_leaves_out_furniture_and_repeats() -> None:
    tei = _tei(SAMPLE)
    heads = [_flat(t) for t in tei.xpath("//t:fw[@type='header']/text()", namespaces=NS)]
    repeated = _flat(tei.xpath("string(//t:surplus)", namespaces=NS))
    reading = _flat(render(SAMPLE, to="text").output)
    diplomatic = _flat(render(SAMPLE, to="text", diplomatic=True).output)
    assert heads and all(h not in reading and h in diplomatic for h in heads)
    assert diplomatic.count(repeated) == reading.count(repeated) + 1


@pytest.mark.parametrize("width", [24, 40, 72, 100])
def test_render_text_wraps_at_width(width: int) -> None:
    lines = render(SAMPLE, to="text", width=width).output.splitlines()
    assert max(len(line) for line in lines) > width * 0.6
    assert all(len(line) <= width or " " not in line.strip() for line in lines)


@pytest.mark.parametrize("notes, page_markers", [("end", True), ("page", True), ("end", False)])
def test_render_text_places_notes_and_page_markers(notes: str, page_markers: bool) -> None:
    out = render(SAMPLE, to="text", notes=notes, page_markers=page_markers).output
    first_note = out.index("\n[1] ")
    second_div = out.index("\nConclusion\n")
    assert (first_note < second_div) == (notes == "page")
    assert ("[p. 181]" in out) == page_markers
    assert out.count("\n[1] ") == 1


def test_render_html_is_standalone_and_opens_in_the_chosen_view() -> None:
    page = _html(SAMPLE)
    assert not page.xpath("//link | //script[@src] | //img | //iframe")
    assert page.xpath("//meta[@name='viewport']")
    assert "@media print" in page.xpath("string(//style)")
    assert page.xpath("string(//body/@class)").split()[0] == "reading"
    assert _html(SAMPLE, diplomatic=True).xpath("string(//body/@class)").split()[0] == "diplomatic"


def test_render_html_shows_both_forms_of_each_repair() -> None:
    page = _html(SAMPLE)
    for choice in page.xpath("//span[contains(@class, 'choice')]"):
        assert len(choice.xpath("./span[contains(@class, 'orig')]")) == 1
        assert len(choice.xpath("./span[contains(@class, 'reg')]")) == 1
    assert page.xpath("//*[contains(@class, 'fw') and contains(@class, 'dipl')]")
    assert page.xpath("//*[contains(@class, 'surplus') and contains(@class, 'dipl')]")


def test_render_html_is_deterministic() -> None:
    assert render(SAMPLE).output == render(SAMPLE).output


def test_render_compiles_each_stylesheet_once() -> None:
    render(SAMPLE)
    before = _executable.cache_info()
    render(SAMPLE)
    render(SAMPLE, to="text")
    after = _executable.cache_info()
    assert after.misses <= before.misses + 1 and after.hits >= before.hits + 1


def test_render_unhandled_element_is_reported_and_its_text_kept(tmp_path: Path) -> None:
    src = SAMPLE.read_text(encoding="utf-8").replace(
        "<p>In <date", "<p><unknownThing>Kept words</unknownThing> In <date")
    path = tmp_path / "odd.xml"
    path.write_text(src, encoding="utf-8")
    for to in ("html", "text"):
        result = render(path, to=to)
        assert [m.code for m in result.messages] == ["RND001"]
        assert "unknownThing" in result.messages[0].message
        assert "Kept words" in result.output


def test_render_broken_input_is_refused_before_saxon_with_location(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><text>", encoding="utf-8")
    with pytest.raises(TeiError) as info:
        render(path)
    assert info.value.code == "XML001" and info.value.location.line == 1


def test_render_refuses_entity_declarations(tmp_path: Path) -> None:
    path = tmp_path / "xxe.xml"
    path.write_text('<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                    "<TEI xmlns='http://www.tei-c.org/ns/1.0'><text>&x;</text></TEI>", encoding="utf-8")
    with pytest.raises(TeiError) as info:
        render(path)
    assert info.value.code == "XML002"


def test_render_index_links_every_occurrence_in_each_page(tmp_path: Path) -> None:
    paths = [tmp_path / "a.xml", tmp_path / "b.xml"]
    for p in paths:
        shutil.copy(SAMPLE, p)
        (tmp_path / f"{p.stem}.html").write_text(render(p).output, encoding="utf-8")
    index = html.fromstring(render_index(paths).output)
    links = [h for h in index.xpath("//a/@href") if ".html#" in h]
    refs = _tei(SAMPLE).xpath("//t:text//*[@ref]", namespaces=NS)
    assert len(links) == len(paths) * len(refs)
    pages = {p.stem: html.parse(str(tmp_path / f"{p.stem}.html")).getroot() for p in paths}
    for link in links:
        page, frag = link.split(".html#")
        assert pages[page].get_element_by_id(frag) is not None
    rows = index.xpath("//section[@id='documents']//tbody/tr")
    assert len(rows) == 2
    counts = [int(c) for c in rows[0].xpath("td[@class='count']/text()")]
    tei = _tei(SAMPLE)
    assert counts == [len(tei.xpath(x, namespaces=NS)) for x in (
        "//t:person", "//t:place", "//t:org", "//t:text//t:date", "//t:text//t:note", "//t:pb")]
