"""Render TEI files to HTML and plain text with the project's XSLT 3.0 (saxonche).

One ``PySaxonProcessor`` serves the whole process and each entry stylesheet
(``xslt/tei2html.xsl``, ``xslt/tei2txt.xsl``, ``xslt/tei2index.xsl``) is compiled once
and cached.  Messages the stylesheets emit with ``xsl:message`` start with their code
(``RND001 unhandled element foo``) and come back as :class:`TeiError` warnings; a
failing transformation becomes ``RND901`` with Saxon's text in ``upstream``.

Example::

    result = render(Path("out/tei/000.xml"), to="html")
    Path("out/html/000.html").write_text(result.output, encoding="utf-8")
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor, PyXdmValue, PyXsltExecutable  # type: ignore[import-not-found]

from tei import resources
from tei.errors import Location, TeiError

#: output format -> entry stylesheet in xslt/.
STYLESHEETS: dict[str, str] = {"html": "tei2html", "text": "tei2txt", "index": "tei2index"}
#: namespace of the collection document tei2index.xsl reads (the pipeline's own, as in the XSLT).
COLLECTION_NS = "urn:tei-pipeline:xslt"

ParamValue = bool | int | str
_UNHANDLED_RE = re.compile(r"unhandled element (?P<name>\S+)")


@dataclass
class RenderResult:
    """What a transformation produced: the serialized output and the stylesheet's messages."""

    output: str
    messages: list[TeiError] = field(default_factory=list)


@lru_cache(maxsize=1)
def processor() -> PySaxonProcessor:
    """The process-wide Saxon processor (created on first use)."""
    return PySaxonProcessor(license=False)


@lru_cache(maxsize=None)
def _executable(name: str) -> PyXsltExecutable:
    """Compile the entry stylesheet ``name`` once per process."""
    compiler = processor().new_xslt30_processor()
    path = resources.stylesheet(name)
    try:
        return compiler.compile_stylesheet(stylesheet_file=str(path))
    except PySaxonApiError as exc:
        raise TeiError.make("RND901", Location(str(path)), upstream=str(exc), reason=f"cannot compile {path.name}") from exc


def _xdm(value: ParamValue) -> PyXdmValue:
    """A typed XDM value for a stylesheet parameter (booleans never as strings)."""
    proc = processor()
    if isinstance(value, bool):
        return proc.make_boolean_value(value)
    if isinstance(value, int):
        return proc.make_integer_value(value)
    return proc.make_string_value(value)


def _messages(executable: PyXsltExecutable, file: str) -> list[TeiError]:
    """The ``xsl:message`` texts of the last run as coded warnings (RND001, else RND002)."""
    value = executable.get_xsl_messages()
    texts = [value.item_at(i).string_value for i in range(value.size)] if value is not None else []
    found: list[TeiError] = []
    for text in texts:
        unhandled = _UNHANDLED_RE.search(text)
        if unhandled:
            found.append(TeiError.make("RND001", Location(file), upstream=text, name=unhandled.group("name")))
        else:
            found.append(TeiError.make("RND002", Location(file), upstream=text, text=text.strip()))
    return found


def _run(name: str, params: Mapping[str, ParamValue], file: str, *, source_file: str | None = None,
         source_text: str | None = None) -> RenderResult:
    """Transform a file on disk (or an XML string) with the cached stylesheet ``name``."""
    executable = _executable(name)
    executable.clear_parameters()
    executable.clear_xsl_messages()
    for key, value in params.items():
        executable.set_parameter(key, _xdm(value))
    executable.set_save_xsl_message(True, None)
    try:
        if source_file is not None:
            output = executable.transform_to_string(source_file=source_file)
        else:
            node = processor().parse_xml(xml_text=source_text or "")
            output = executable.transform_to_string(xdm_node=node)
    except PySaxonApiError as exc:
        raise TeiError.make("RND901", Location(file), upstream=str(exc), reason=str(exc).splitlines()[0]) from exc
    return RenderResult(output or "", _messages(executable, file))


def render(src: Path, to: str = "html", *, diplomatic: bool = False, width: int = 72,
           notes: str = "end", page_markers: bool = True, lang: str = "en") -> RenderResult:
    """Render one TEI file as HTML (``to="html"``) or plain text (``to="text"``).

    Args:
        src: a TEI file the pipeline wrote (read from disk by Saxon).
        to: ``"html"`` or ``"text"``.
        diplomatic: the diplomatic view (HTML: the view the page opens in; text: the
            source forms, furniture and repeated passages kept, notes at their anchors).
        width: line width of the plain text.
        notes: ``"end"`` (numbered endnotes) or ``"page"`` (after each printed page) in text.
        page_markers: show printed page numbers (``[p. 181]`` in text, the margin in HTML).
        lang: language of the interface labels.

    Returns:
        The output and the stylesheet's messages (RND001 warnings for unhandled elements).

    Raises:
        ValueError: an unknown format or notes mode.
        TeiError: RND901 when Saxon fails (its message in ``upstream``).
    """
    if to not in ("html", "text"):
        raise ValueError(f"unknown output format {to!r} (html or text)")
    if notes not in ("end", "page"):
        raise ValueError(f"unknown notes mode {notes!r} (end or page)")
    params: dict[str, ParamValue] = {"diplomatic": diplomatic, "width": width, "notes-mode": notes,
                                     "page-markers": page_markers, "lang": lang}
    return _run(STYLESHEETS[to], params, str(src), source_text=_safe_source(Path(src)))


def _safe_source(path: Path) -> str:
    """The file's XML, parsed first by the project's safe parser (no DTD entities, no network).

    Saxon then reads only this text, so hostile input never reaches its own parser, and a
    malformed file gets the same located XML001 line as ``tei validate`` gives.

    Raises:
        TeiError: XML001/XML002 from the safe parse, CLI001 when the file cannot be read.
    """
    from tei.validate import parse

    try:
        tree, errors = parse(path)
    except OSError as exc:
        raise TeiError.make("CLI001", Location(str(path)), path=path) from exc
    if errors or tree is None:
        raise errors[0]
    return etree.tostring(tree.getroot(), encoding="unicode")


def collection_xml(tei_paths: Iterable[Path], hrefs: Mapping[Path, str] | None = None) -> str:
    """The collection document tei2index.xsl reads: each TEI file wrapped with its HTML link.

    Args:
        tei_paths: the TEI files of the corpus.
        hrefs: the link of each file's HTML page (default ``<stem>.html``).
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    root = etree.Element(f"{{{COLLECTION_NS}}}collection", nsmap={"f": COLLECTION_NS})
    for path in tei_paths:
        href = (hrefs or {}).get(path, f"{Path(path).stem}.html")
        item = etree.SubElement(root, f"{{{COLLECTION_NS}}}doc", href=href, name=Path(path).stem)
        item.append(etree.parse(str(path), parser).getroot())
    return etree.tostring(root, encoding="unicode")


def render_index(tei_paths: Iterable[Path], *, hrefs: Mapping[Path, str] | None = None,
                 lang: str = "en") -> RenderResult:
    """Render the corpus index page (``out/html/index.html``) of several TEI files.

    Args:
        tei_paths: the TEI files, in the order the index lists them.
        hrefs: the link of each file's HTML page (default ``<stem>.html`` beside the index).
        lang: language of the interface labels.

    Returns:
        The HTML of the index and the stylesheet's messages.
    """
    paths = list(tei_paths)
    return _run(STYLESHEETS["index"], {"lang": lang}, "index.html",
                source_text=collection_xml(paths, hrefs))
