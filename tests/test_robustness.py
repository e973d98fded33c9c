"""Robustness: any input text, of any layout, converts to valid and lossless TEI without raising.

The inputs in ``tests/inputs/`` are small hand-made texts of layouts the seeds do not
show (newspaper columns, roman page numbers, symbol footnotes, no pages at all, tables,
CRLF, tabs and form feeds, other languages); a hypothesis property throws random
book-like text at the pipeline.
"""

from __future__ import annotations

import collections
import functools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tei import ingest, pipeline, resources, serialize
from tei.batch import convert
from tei.config import Config
from tei.model import TEI_NS, Note, Span
from tei.validate import iter_errors, validate_many
from tests.test_serialize import chars, diplomatic

INPUTS = Path(__file__).resolve().parent / "inputs"
FILES = sorted(INPUTS.glob("*.txt"))
T = f"{{{TEI_NS}}}"
#: the cheap engines, run on every output; tei_all (jing) runs once over all of them.
LOCAL_SCHEMAS = ("rng", "xsd", "sch")


def _source_chars(path: Path) -> collections.Counter[str]:
    """Non-whitespace characters of an input as the pipeline decodes it."""
    text, _ = ingest.decode(path.read_bytes(), str(path))
    return chars(text)


def _body_chars(xml: bytes) -> collections.Counter[str]:
    body = etree.fromstring(xml).find(f"{T}text/{T}body")
    assert body is not None
    return chars(diplomatic(body))


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every input converted once (with the NER model, as the CLI runs), written to a temp folder."""
    out = tmp_path_factory.mktemp("robust")
    cfg = Config(build_date="1970-01-01")
    paths = {}
    for src in FILES:
        dest = out / f"{src.stem}.xml"
        convert(src, cfg, out=dest)
        paths[src.name] = dest
    return paths


def test_robustness_inputs_exist():
    assert len(FILES) >= 12


@pytest.mark.parametrize("src", FILES, ids=lambda p: p.stem)
def test_robustness_input_converts_to_valid_tei(converted, src):
    errors = [str(e) for e in iter_errors(converted[src.name], schemas=LOCAL_SCHEMAS)]
    assert errors == []


@pytest.mark.parametrize("src", FILES, ids=lambda p: p.stem)
def test_robustness_input_is_lossless(converted, src):
    got = _body_chars(converted[src.name].read_bytes())
    want = _source_chars(src)
    assert got == want, {"missing": want - got, "extra": got - want}


def test_robustness_inputs_valid_against_tei_all(converted):
    results = validate_many(converted.values(), schemas=("tei_all",))
    assert {p.name: [str(e) for e in errs] for p, errs in results.items() if errs} == {}


# --- random book-like text ----------------------------------------------------------------------
_WORD = st.sampled_from([
    "the", "of", "and", "council", "river", "Paris", "London", "Mr.", "Smith", "1921", "March",
    "said", "ibid.", "p.", "pp.", "12-14", "(see", "below)", "“quoted”", "l'été", "Über", "fi", "ﬁnal",
    "a", "to", "<tag>", "&", "—", "…", "?", "??", "*", "†", "¹", "²³", "Vol.", "II", "xiv", "Jan.", "1st",
])
_LINE = st.one_of(
    st.lists(_WORD, min_size=1, max_size=14).map(" ".join),                       # prose
    st.lists(_WORD, min_size=1, max_size=10).map(lambda ws: " ".join(ws) + " con-"),  # hyphen at line end
    st.integers(1, 999).map(str),                                                  # page number
    st.integers(1, 999).map(lambda n: f"{n}        THE HISTORY OF THE TOWN"),       # running head
    st.sampled_from(["CHAPTER IV", "I. INTRODUCTION", "Part Two", "xii", "? ?", "■ ~ ,,", "* * *"]),
    st.integers(1, 40).map(lambda n: f"{n} See Smith, History (London, 1901), p. {n + 3}."),  # footnote
    st.just(""),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),  # arbitrary noise
)
_TEXT = st.lists(_LINE, min_size=1, max_size=40).map("\n".join).filter(lambda s: s.strip())
_FAST = Config(build_date="1970-01-01", use_model=False)


@functools.cache
def _project_rng() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(resources.schema("tei-pipeline.rng"))))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_robustness_random_text_converts_valid_and_lossless(text):
    doc = pipeline.run(ingest.from_text(text, "random.txt"), _FAST)
    xml = serialize.to_bytes(serialize.to_tei(doc, _FAST))
    root = etree.fromstring(xml)
    schema = _project_rng()
    assert schema.validate(etree.ElementTree(root)), str(schema.error_log)
    assert _body_chars(xml) == chars(doc.raw)


def test_robustness_running_heads_without_page_numbers_valid(tmp_path):
    page = "THE HISTORY OF THE TOWN\n\nThe {} page of text runs on here.\n"
    src = tmp_path / "heads.txt"
    src.write_text("\n".join(page.format(w) for w in ("first", "second", "third")), "utf-8")
    dest = tmp_path / "heads.xml"
    convert(src, _FAST, out=dest)
    assert [str(e) for e in iter_errors(dest, schemas=LOCAL_SCHEMAS)] == []


def test_robustness_blocks_dropped_as_crossing_leave_valid_tei(make_doc, config):
    """A repeated passage overlapping a note's text: surplus and its ab are dropped, the text still sits in a block."""
    text = "Body line one.\nRepeated body line.\n1 A note that runs\non here.\n"
    rep = text.index("Repeated")
    seg = text.index("1 A note")
    note = Note("1", [(seg, len(text) - 1)], label=(seg, seg + 1))
    spans = [Span(0, rep - 1, "p"), Span(rep, seg + 8, "ab", attrs={"type": "repeated"}),
             Span(rep, seg + 8, "surplus", attrs={"reason": "repeated"}, reading="")]
    doc = make_doc(text, spans, [note])
    xml = serialize.to_bytes(serialize.to_tei(doc, config))
    assert _project_rng().validate(etree.ElementTree(etree.fromstring(xml))), str(_project_rng().error_log)
    assert _body_chars(xml) == chars(text)
    assert {d.code for d in doc.diagnostics} == {"SER001"}


@pytest.mark.parametrize("text", ["1    THE HISTORY OF THE TOWN\n\nII¹ the", "Some body text here.\n\n¹⁰a The note text.\n"])
def test_robustness_note_label_with_superscript_does_not_crash(text):
    pipeline.run(ingest.from_text(text, "label.txt"), _FAST)
