"""Tests for the structure stage: divisions, headings, paragraphs, quotations, lists, header facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tei import structure
from tei.model import Document, Note, Span

ROOT = Path(__file__).resolve().parent.parent
FRUS_RAW = ROOT.parent / "shared" / "eval" / "dev-frus" / "raw"
BLOCKS = ("div", "head", "p", "quote", "list", "item", "ab")


def _blocks(doc: Document, tag: str) -> list[str]:
    return [doc.raw[s.start:s.end] for s in doc.spans_of(tag)]


def _crossings(doc: Document) -> list[tuple[Span, Span]]:
    """Pairs of spans (blocks against everything) that overlap without nesting."""
    blocks = [s for s in doc.spans if s.tag in BLOCKS]
    others = [s for s in doc.spans if not s.is_milestone]
    others += [Span(a, b, "segment") for n in doc.notes for a, b in n.segments]
    return [(b, o) for b in blocks for o in others
            if b.start < o.start < b.end < o.end or o.start < b.start < o.end < b.end]


def _uncovered(doc: Document) -> str:
    """Non-blank characters outside note segments, fw and surplus that no leaf block holds."""
    keep = bytearray(len(doc.raw))
    for s in doc.spans:
        if s.tag in ("fw", "surplus", "head", "p", "quote", "item", "ab"):
            keep[s.start:s.end] = b"\x01" * (s.end - s.start)
    for n in doc.notes:
        for a, b in n.segments:
            keep[a:b] = b"\x01" * (b - a)
    return "".join(c for c, k in zip(doc.raw, keep) if not k and not c.isspace())


PRINTED = (
    "Nonetheless, the Sovietization of the Caucasus remained a difficult task for Moscow\n"
    "and for its local allies, who had to fight every single village in the mountains.\n"
    "5.2 International Realignments\n"
    "By the mid-1920s, the consolidation of the Soviet government had led to its inter-\n"
    "national recognition by Finland, Turkey, Iran, the Baltic states and many others\n"
    "which had opened diplomatic relations with Moscow in the years before that date;\n"
    "1 A footnote at the foot of the page.\n"
    "Running Head Title 114\n"
    "the United States was the exception to this rule.\n"
    "These events made it difficult for supporters of the independence of national mi-\n"
    "norities within the Soviet Union to gain international support for their cause.\n"
)


def _printed_doc(make_doc):  # type: ignore[no-untyped-def]
    note_at = PRINTED.index("1 A footnote")
    head_at = PRINTED.index("Running Head")
    fw_end = PRINTED.index("\n", head_at)
    return make_doc(PRINTED, spans=[
        Span(head_at, head_at, "pb", attrs={"n": "114"}),
        Span(head_at, fw_end, "fw", attrs={"type": "header", "place": "top"}, reading=""),
    ], notes=[Note("1", [(note_at, PRINTED.index("\n", note_at))])])


@pytest.mark.parametrize("heading", ["5.2 International Realignments"])
def test_structure_numbered_heading_starts_div(make_doc, config, heading):  # type: ignore[no-untyped-def]
    doc = structure.run(_printed_doc(make_doc), config)
    assert _blocks(doc, "head") == [heading]
    divs = doc.spans_of("div")
    assert len(divs) == 2
    assert doc.raw[divs[1].start:].startswith(heading)
    assert divs[0].end <= divs[1].start


@pytest.mark.parametrize("first_words, last_words", [
    ("By the mid-1920s", "exception to this rule."),
])
def test_structure_paragraph_continues_over_page_break(make_doc, config, first_words, last_words):  # type: ignore[no-untyped-def]
    doc = structure.run(_printed_doc(make_doc), config)
    paras = _blocks(doc, "p")
    crossing = [p for p in paras if p.startswith(first_words)]
    assert crossing and crossing[0].endswith(last_words)
    assert "Running Head Title 114" in crossing[0] and "1 A footnote" in crossing[0]
    assert paras[-1].startswith("These events") and paras[-1].endswith("their cause.")
    assert not _crossings(doc) and not _uncovered(doc)


@pytest.mark.parametrize("text, heads, paras", [
    ("Soviet Diplomacy in Asia\nViewed as a whole, Soviet relations in Asia were recovering rapidly by the "
     "end of 1924 and the treaties held.\nThe government had signed treaties of friendship with Persia, "
     "Afghanistan, and Turkey, and Japan was withdrawing.\n", ["Soviet Diplomacy in Asia"], 2),
    ("INTRODUCTION\nThis is a long paragraph of text which goes on for quite a while and ends here.\n",
     ["INTRODUCTION"], 1),
    ("Chapter 3\nThe Road to Rapallo\nThe conference in Genoa in April 1922 brought the two states together "
     "in a way nobody had foreseen.\n", ["Chapter 3\nThe Road to Rapallo"], 1),
    ("The line before ends without a period and the paragraph goes on across the page where the\n"
     "Soviet Union\nwas mentioned again in a sentence that is long enough to be prose.\n", [], 1),
])
def test_structure_paragraph_layout_headings(make_doc, config, text, heads, paras):  # type: ignore[no-untyped-def]
    doc = structure.run(make_doc(text), config)
    assert _blocks(doc, "head") == heads
    assert len(doc.spans_of("p")) == paras
    assert not _uncovered(doc)


@pytest.mark.parametrize("text, head, rest", [
    ("Rapallo and After. The conference in Genoa in April 1922 brought the Soviet-German relationship "
     "into the open when the two outcasts signed a treaty.\n", "Rapallo and After.", "The conference"),
    ("Origins. At the end of World War I, Soviet-German relations were not promising for either side "
     "and the Bolsheviks viewed the SPD with contempt.\n", "Origins.", "At the end"),
])
def test_structure_run_in_head_splits_paragraph(make_doc, config, text, head, rest):  # type: ignore[no-untyped-def]
    doc = structure.run(make_doc(text), config)
    assert _blocks(doc, "head") == [head]
    assert _blocks(doc, "p")[0].startswith(rest)
    assert doc.spans_of("div")[0].start == doc.spans_of("head")[0].start


@pytest.mark.parametrize("text", [
    "Yes. The conference in Genoa in April 1922 brought the Soviet-German relationship into the open.\n",
    "Mr. Smith went to Genoa in April 1922 and brought the Soviet-German relationship into the open.\n",
    "In 1922 the conference in Genoa brought the Soviet-German relationship into the open for all.\n",
])
def test_structure_ordinary_paragraph_start_is_no_head(make_doc, config, text):  # type: ignore[no-untyped-def]
    doc = structure.run(make_doc(text), config)
    assert doc.spans_of("head") == []
    assert _blocks(doc, "p") == [text.strip()]


TOC = "Book contents\n" + "".join(f"- {t}\n" for t in ("Frontmatter", "Preface", "1 The first chapter", "Index"))


@pytest.mark.parametrize("copies", [2, 3])
def test_structure_repeated_list_entries_marked_surplus(make_doc, config, copies):  # type: ignore[no-untyped-def]
    text = "Book contents\n" + TOC.split("\n", 1)[1] * copies + "Summary\nA paragraph that follows the list.\n"
    doc = structure.run(make_doc(text), config)
    items = doc.spans_of("item")
    assert len(items) == 4 * copies
    surplus = doc.spans_of("surplus")
    assert [(s.start, s.end) for s in surplus] == [(i.start, i.end) for i in items[4:]]
    assert all(s.reading == "" and s.attrs == {"reason": "repeated"} for s in surplus)
    assert _blocks(doc, "head") == ["Book contents", "Summary"]


@pytest.mark.parametrize("text", [TOC + TOC.split("\n", 1)[1] + "Summary\nA paragraph that follows.\n"])
def test_structure_surplus_copy_gets_ab(make_doc, config, text):  # type: ignore[no-untyped-def]
    first = TOC.split("\n", 1)[1]
    start = text.index(first, len(TOC) - 1)
    sur = Span(start, start + len(first), "surplus", attrs={"reason": "repeated"}, reading="")
    doc = structure.run(make_doc(text, spans=[sur]), config)
    abs_ = [s for s in doc.spans_of("ab") if s.attrs.get("type") == "repeated"]
    assert [(a.start, a.end) for a in abs_] == [(sur.start, sur.end)]
    assert len(doc.spans_of("item")) == 4
    assert doc.spans_of("list")[0].end <= sur.start
    assert not _crossings(doc)


@pytest.mark.parametrize("line", [
    "- The United States, which did not open diplomatic relations with Moscow until\n",
])
def test_structure_lone_dash_line_stays_in_paragraph(make_doc, config, line):  # type: ignore[no-untyped-def]
    text = PRINTED.replace("which had opened diplomatic relations with Moscow in the years before that date;\n",
                           line)
    doc = structure.run(make_doc(text), config)
    assert doc.spans_of("list") == []
    assert any(line.strip() in p for p in _blocks(doc, "p"))


QUOTED = (
    "Against this background of international isolation, the efforts of the Caucasian\n"
    "emigres and their supporters were noteworthy. In June 1921, for example, the repre-\n"
    "sentatives of the four Caucasian states submitted a joint declaration in which\n"
    "they declared:\n"
    "The above mentioned representatives unanimously recognise that Caucasia, a clearly defined\n"
    "isthmus between Europe and Asia, is, owing to its geographical location, the great international\n"
    "highway connecting the Black Sea and the Mediterranean with the countries in Central Asia and\n"
    "Western Asia, and that the freedom of this highway cannot be ensured to all peoples except by the\n"
    "31 A note.\n"
)


@pytest.mark.parametrize("text", [QUOTED])
def test_structure_block_quotation_after_colon(make_doc, config, text):  # type: ignore[no-untyped-def]
    note_at = text.index("31 A note")
    doc = structure.run(make_doc(text, notes=[Note("31", [(note_at, len(text) - 1)])]), config)
    quotes = _blocks(doc, "quote")
    assert len(quotes) == 1
    assert quotes[0].startswith("The above") and quotes[0].endswith("except by the")
    assert _blocks(doc, "p")[0].endswith("they declared:")


PUBLISHER = (
    "Summary\nThe first paragraph of the summary, long enough to be a paragraph of its own here.\n"
    "The second paragraph of the summary.\n- Type\n- Chapter\n- Information\n"
    "- A Book TitleThe Subtitle of It 1900–10, pp. 12 - 30Publisher: Some University PressPrint "
    "publication year: 1999\n"
)


@pytest.mark.parametrize("field, value", [
    ("book_title", "A Book Title"), ("book_subtitle", "The Subtitle of It 1900–10"),
    ("publisher", "Some University Press"), ("year", "1999"), ("page_from", "12"), ("page_to", "30"),
    ("doc_type", "Chapter"), ("source_kind", "web"),
])
def test_structure_publisher_page_fields(make_doc, config, field, value):  # type: ignore[no-untyped-def]
    doc = structure.run(make_doc(PUBLISHER), config)
    assert getattr(doc.meta, field) == value


@pytest.mark.parametrize("text", [PUBLISHER])
def test_structure_summary_becomes_abstract(make_doc, config, text):  # type: ignore[no-untyped-def]
    doc = structure.run(make_doc(text), config)
    assert doc.meta.abstract == ["The first paragraph of the summary, long enough to be a paragraph of its own here.",
                                 "The second paragraph of the summary."]
    assert _blocks(doc, "head")[0] == "Summary"


@pytest.mark.parametrize("kind, spans, expected", [
    ("ligature", lambda t: [Span(t.index("dicult"), t.index("dicult") + 6, "choice", kind="ligature",
                                 reading="difficult")], "pdf"),
    ("bracketed", lambda t: [Span(0, 5, "fw", attrs={"type": "pageNum"}, reading="")], "ocr"),
])
def test_structure_source_kind_from_evidence(make_doc, config, kind, spans, expected):  # type: ignore[no-untyped-def]
    text = "[181]\nThese events made it dicult for supporters of the cause to gain support at all.\n"
    doc = structure.run(make_doc(text, spans=spans(text)), config)
    assert doc.meta.source_kind == expected


@pytest.mark.parametrize("path", sorted((ROOT / "seeds").glob("*.txt")) + sorted(FRUS_RAW.glob("*.txt"))[:3],
                         ids=lambda p: p.stem)
def test_structure_real_texts_nest_and_cover(config, path):  # type: ignore[no-untyped-def]
    doc = Document(raw=path.read_text(encoding="utf-8"), path=path)
    doc = structure.run(doc, config)
    assert doc.spans_of("div")
    assert not _crossings(doc)
    assert not _uncovered(doc)


@pytest.mark.parametrize("text, titles", [
    (TOC + "Summary\nA paragraph that follows the list.\n", ["Frontmatter", "Preface", "The first chapter", "Index"]),
    ("Introduction .... 1\nThe Road to Rapallo .... 23\nAfter Locarno .... 57\n", ["Introduction", "The Road to Rapallo",
                                                                                  "After Locarno"]),
])
def test_structure_contents_entries_get_titles(make_doc, config, text, titles):  # type: ignore[no-untyped-def]
    doc = structure.run(make_doc(text), config)
    assert _blocks(doc, "title") == titles
    assert all(t.attrs == {"level": "a"} for t in doc.spans_of("title"))


FULL = "and the work went on with the same care as before, for the plan had been made long ago by all of"
LAST = "them, and the work went on with the same care as before; the plan had been made long ago by all."
INDENTED = "Against this, the work went on with the same care as before, for the plan was made long by"
FLUSH = "Against all this the work went on with the same care as before, for the plan was made long ago by"


@pytest.mark.parametrize("first_line, paragraphs", [
    (INDENTED, 2),     # narrower than the justified measure after a full sentence-final line: a new paragraph
    (FLUSH, 1),        # a full line: the sentence simply goes on
])
def test_structure_lost_indent_starts_paragraph(make_doc, config, first_line, paragraphs):  # type: ignore[no-untyped-def]
    text = "\n".join([FULL, FULL, LAST, first_line, FULL, FULL, LAST]) + "\n"
    doc = structure.run(make_doc(text), config)
    paras = _blocks(doc, "p")
    assert len(paras) == paragraphs
    if paragraphs == 2:
        assert paras[0].endswith("by all.") and paras[1].startswith("Against this,")


@pytest.mark.parametrize("line, is_head", [
    ("The Assistant Secretary of the Treasury (Leffingwell) to the Counselor for the Department of State (Polk)",
     True),
    ("The Secretary of State to the Chargé in Great Britain (Laughlin)", True),
    ("Paris Peace Conf. 185/8a: Telegram", False),
    ("File No. 861.00/2075", False),
])
def test_structure_document_title_lines(make_doc, config, line, is_head):  # type: ignore[no-untyped-def]
    text = (f"{line}\nWashington, March 5, 1918.\n"
            "Dear Sir: I beg to submit for your consideration the following information on the matter.\n")
    doc = structure.run(make_doc(text), config)
    assert (line in _blocks(doc, "head")) is is_head


def _paged(make_doc, pages: list[tuple[int, str]], body_head: str = ""):  # type: ignore[no-untyped-def]
    """A document whose pages carry the given running heads (pb n, fw header) over a paragraph each."""
    parts, spans, pos = [], [], 0
    if body_head:
        parts.append(body_head + "\n")
        pos += len(body_head) + 1
    for n, head in pages:
        spans.append(Span(pos, pos, "pb", attrs={"n": str(n)}))
        spans.append(Span(pos, pos + len(head), "fw", attrs={"type": "header", "place": "top"}, reading=""))
        chunk = f"{head}\nA paragraph of running text on page {n} that goes on for a while and ends here.\n"
        parts.append(chunk)
        pos += len(chunk)
    return make_doc("".join(parts), spans=spans)


@pytest.mark.parametrize("pages, body_head, book, chapter, title", [
    # alternating heads, nothing says which is which: both in the title, no guessed split
    ([(176, "The Chapter Name"), (177, "The Book Name"), (178, "The Chapter Name"), (179, "The Book Name")], "",
     "", "", "The Chapter Name; The Book Name"),
    # a head naming a volume is the book's, whichever side it stands on
    ([(64, "Chapter Topic"), (65, "Foreign Affairs, Volume III"), (66, "Chapter Topic")], "",
     "Foreign Affairs, Volume III", "Chapter Topic", "Foreign Affairs, Volume III"),
    # a head that is also a heading of the text is the chapter's
    ([(10, "Book Name"), (11, "Opening Moves"), (12, "Book Name"), (13, "Opening Moves")], "Opening Moves",
     "Book Name", "Opening Moves", "Book Name"),
    # the side whose head changes from chapter to chapter is the chapter's
    ([(10, "First Part"), (11, "Book Name"), (12, "First Part"), (13, "Book Name"), (14, "Second Part"),
      (15, "Book Name"), (16, "Second Part")], "", "Book Name", "First Part", "Book Name"),
])
def test_structure_titles_from_running_heads(make_doc, config, pages, body_head, book, chapter, title):  # type: ignore[no-untyped-def]
    doc = structure.run(_paged(make_doc, pages, body_head), config)
    assert (doc.meta.book_title, doc.meta.chapter, doc.meta.title) == (book, chapter, title)

