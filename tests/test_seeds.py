"""End to end on the seeds: the build is valid everywhere, lossless, and writes every output."""

from __future__ import annotations

import collections
import json

import pytest
from lxml import etree

from tei.render import render
from tei.validate import iter_errors
from tests.conftest import SEEDS

STEMS = sorted(p.stem for p in SEEDS.glob("*.txt"))


def _chars(s: str) -> collections.Counter[str]:
    return collections.Counter(c for c in s if not c.isspace())


def test_seeds_build_reports_every_document_ok(seeds_build):
    out, report = seeds_build
    assert [r.stem for r in report.results] == STEMS
    assert all(r.ok and not r.errors for r in report.results), [str(e) for r in report.results for e in r.errors]
    data = json.loads((out / "report.json").read_text("utf-8"))
    assert data["ok"] is True and len(data["documents"]) == len(STEMS)


@pytest.mark.parametrize("stem", STEMS)
def test_seeds_outputs_written(seeds_build, stem):
    out, _ = seeds_build
    for path in (out / "tei" / f"{stem}.xml", out / "html" / f"{stem}.html", out / "txt" / f"{stem}.txt",
                 out / "html" / "index.html"):
        assert path.is_file() and path.stat().st_size > 0


@pytest.mark.parametrize("stem", STEMS)
def test_seeds_tei_valid_against_every_schema(seeds_build, stem):
    out, _ = seeds_build
    assert list(iter_errors(out / "tei" / f"{stem}.xml")) == []


@pytest.mark.parametrize("stem", STEMS)
def test_seeds_diplomatic_text_gives_back_every_source_character(seeds_build, stem):
    out, _ = seeds_build
    raw = (SEEDS / f"{stem}.txt").read_text("utf-8")
    dipl = render(out / "tei" / f"{stem}.xml", to="text", diplomatic=True).output
    assert _chars(dipl) == _chars(raw)


@pytest.mark.parametrize("stem", STEMS)
def test_seeds_reading_text_has_no_running_heads_or_markers(seeds_build, stem):
    out, _ = seeds_build
    tree = etree.parse(str(out / "tei" / f"{stem}.xml"))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    rendered = render(out / "tei" / f"{stem}.xml", to="text").output
    assert rendered.split("\n\n", 2)[1].startswith("Source:")
    reading = rendered.split("\n\n", 2)[2]          # the body, after the title and source lines
    heads = {" ".join(h.split()) for h in tree.xpath("//t:fw[@type='header']//text()", namespaces=ns)}
    flat = " ".join(reading.split())
    for head in heads:
        if len(head) > 6:
            body_uses = sum(" ".join(t.split()).count(head) for t in tree.xpath(
                "//t:body//text()[not(ancestor::t:fw or ancestor::t:surplus)]", namespaces=ns))
            assert flat.count(head) <= body_uses, head


def test_seeds_report_adds_up_corpus_counts(seeds_build):
    out, _ = seeds_build
    data = json.loads((out / "report.json").read_text("utf-8"))
    docs = data["documents"]
    for key in ("pb", "note", "persName", "placeName", "orgName", "date", "person_linked", "place_entities"):
        assert data["corpus"][key] == sum(d["counts"][key] for d in docs)
    assert data["corpus"]["placeName"] > 0 and data["corpus"]["note"] > 0
