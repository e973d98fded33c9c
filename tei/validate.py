"""Validate TEI files on disk: RELAX NG, XSD, Schematron and the official TEI P5 ``tei_all``.

The xmlschema-style trio: :func:`iter_errors` is the basic operation, :func:`validate`
raises the first error it yields, :func:`is_valid` says whether it yields anything.
:func:`validate_many` checks many files and starts ``jing`` only once for all of them.

Every file is re-parsed from its bytes with a hardened parser (no entity expansion, no
network, no DTD loading), so line numbers match the file on disk and hostile input
(billion laughs, external entities) is refused with XML002 before any engine sees it.
Each schema is compiled once per process.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree, isoschematron  # type: ignore[attr-defined]  # lxml-stubs lack it

from tei import resources
from tei.errors import CODES, Location, TeiError

if TYPE_CHECKING:
    import xmlschema

__all__ = ["SCHEMAS", "iter_errors", "validate", "is_valid", "validate_many", "parse", "safe_parser"]

#: the engines, in the order they run: the project's RELAX NG, its XSD translation, its
#: Schematron, and the official TEI P5 tei_all (skipped when tei_all.rng is not available).
SCHEMAS: tuple[str, ...] = ("rng", "xsd", "sch", "tei_all")

RNG_NAME = "tei-pipeline.rng"
TEI_ALL_NAME = "tei_all.rng"
XSD_NAME = "tei-pipeline.xsd"
SCH_NAME = "tei-pipeline.sch"

_SVRL = "{http://purl.oclc.org/dsdl/svrl}"
_JING = "/usr/bin/jing"
_JING_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<level>error|fatal|warning): (?P<msg>.*)$")
_LXML_POS = re.compile(r",\s*line \d+, column \d+$")
#: a DOCTYPE whose internal subset declares entities (checked on the raw bytes, before parsing)
_ENTITY_DECL = re.compile(rb"<!DOCTYPE[^>\[]*\[[^\]]*<!ENTITY", re.DOTALL)
_PROLOG_BYTES = 65536
#: libxml2 error types raised when entity expansion would run away
_ENTITY_LIMITS = frozenset({"ERR_RESOURCE_LIMIT", "ERR_ENTITY_LOOP", "ERR_ENTITY_AMPLIFICATION"})


def safe_parser() -> etree.XMLParser:
    """The only parser used here: no entity expansion, no network, no DTD, no huge trees."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _check_schemas(schemas: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(schemas)
    unknown = sorted(set(chosen) - set(SCHEMAS))
    if unknown:
        raise ValueError(f"unknown schema(s) {unknown}; choose from {SCHEMAS}")
    return chosen


def _error(code: str, path: Path, line: int = 0, col: int = 0, *, upstream: str | None = None,
           **fields: object) -> TeiError:
    return TeiError.make(code, Location(str(path), max(line, 0), max(col, 0)), upstream=upstream, severity=None,
                         **fields)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- parsing

def parse(path: Path) -> tuple[etree._ElementTree | None, list[TeiError]]:
    """Parse a file safely.

    Args:
        path: the TEI file.

    Returns:
        ``(tree, [])`` when the file is well-formed and harmless, else ``(None, [error])``
        with XML001 (not well-formed, 1-based line:col) or XML002 (entity declarations,
        an external DTD, an entity bomb).

    Raises:
        OSError: the file cannot be read.
    """
    data = path.read_bytes()
    doctype_line = _doctype_line(data)
    if _ENTITY_DECL.search(data[:_PROLOG_BYTES]):
        return None, [_error("XML002", path, doctype_line, 1, reason="DOCTYPE with entity declarations")]
    try:
        root = etree.fromstring(data, safe_parser(), base_url=str(path))
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 0
        col = exc.offset + 1 if line and exc.offset is not None else 0   # lxml's offset is 0-based
        reason = _LXML_POS.sub("", exc.msg or str(exc))
        upstream = _syntax_type(exc)
        # libxml2 stops entity bombs it meets while reading the DTD: that is a refusal, not a typo
        code = "XML002" if upstream in _ENTITY_LIMITS or "entity amplification" in reason else "XML001"
        return None, [_error(code, path, line, col, upstream=upstream, reason=reason)]
    tree = root.getroottree()
    refused = _refused_doctype(tree.docinfo)
    if refused:
        return None, [_error("XML002", path, doctype_line, 1 if doctype_line else 0, reason=refused)]
    return tree, []


def _doctype_line(data: bytes) -> int:
    """The line of ``<!DOCTYPE`` in an ASCII-compatible encoding (0 when not found)."""
    at = data.find(b"<!DOCTYPE", 0, _PROLOG_BYTES)
    return data.count(b"\n", 0, at) + 1 if at >= 0 else 0


def _refused_doctype(info: etree.DocInfo) -> str:
    """Why a DOCTYPE is refused ('' when there is none or it is a bare ``<!DOCTYPE TEI>``)."""
    dtd = info.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):  # type: ignore[attr-defined]
        return "DOCTYPE with entity declarations"
    external = info.system_url or info.public_id  # type: ignore[attr-defined]
    if external:
        return f"DOCTYPE with an external DTD ({external})"
    return ""


def _syntax_type(exc: etree.XMLSyntaxError) -> str | None:
    entry = exc.error_log.last_error if exc.error_log else None  # type: ignore[attr-defined]
    return entry.type_name if entry is not None else None


# --------------------------------------------------------------------------- engines

@cache
def _relaxng(path: Path) -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(path), safe_parser()))


@cache
def _xsd(path: Path) -> xmlschema.XMLSchema:
    import xmlschema  # lazy: loading the package and the schema costs ~0.5 s

    return xmlschema.XMLSchema(str(path))


@cache
def _schematron(path: Path) -> isoschematron.Schematron:
    return isoschematron.Schematron(etree.parse(str(path), safe_parser()), store_report=True)


def _rng_errors(tree: etree._ElementTree, path: Path, schema: Path, code: str) -> Iterator[TeiError]:
    rng = _relaxng(schema)
    if rng.validate(tree):
        return
    entries = list(rng.error_log)
    located = [e for e in entries if e.line > 0] or entries   # unlocated lines only echo a located one
    seen: set[tuple[int, str]] = set()
    for entry in located:
        key = (entry.line, entry.message)
        if key in seen:
            continue
        seen.add(key)
        yield _error(code, path, entry.line, entry.column, upstream=entry.type_name,
                     schema=schema.name, reason=_one_line(entry.message))


def _xsd_errors(tree: etree._ElementTree, path: Path, schema_dir: Path | None = None) -> Iterator[TeiError]:
    schema = _schema_file(XSD_NAME, schema_dir)
    seen: set[tuple[int, str, str]] = set()
    for err in _xsd(schema).iter_errors(tree):
        reason = _one_line(err.reason or str(err))
        # xmlschema reports a bad value once per member of a union type: keep the first
        subject = reason.partition(":")[0] if reason.startswith("attribute ") else reason
        key = (err.sourceline or 0, err.path or "", subject)
        if key in seen:
            continue
        seen.add(key)
        if err.path:
            reason += f" at {err.path}"
        yield _error("XSD001", path, err.sourceline or 0, upstream=type(err).__name__,
                     schema=schema.name, reason=reason)


def _sch_errors(tree: etree._ElementTree, path: Path, schema_dir: Path | None = None) -> Iterator[TeiError]:
    schema = _schema_file(SCH_NAME, schema_dir)
    sch = _schematron(schema)
    sch.validate(tree)   # an assert or a report with any @id is an error: read the SVRL, not the verdict
    for node in sch.validation_report.iter(f"{_SVRL}failed-assert", f"{_SVRL}successful-report"):
        rule_id = node.get("id") or ""
        code = rule_id if rule_id in CODES and rule_id.startswith("SCH") else "SCH001"
        text = node.findtext(f"{_SVRL}text") or node.get("test") or ""
        yield _error(code, path, _svrl_line(tree, node.get("location")), upstream=rule_id or None,
                     schema=schema.name, reason=_one_line(text))


def _svrl_line(tree: etree._ElementTree, location: str | None) -> int:
    """The source line of the node an SVRL ``@location`` XPath names (0 when it cannot be found)."""
    if not location:
        return 0
    try:
        found = tree.xpath(location)
    except etree.XPathError:
        return 0
    node = found[0] if isinstance(found, list) and found else None
    if isinstance(node, etree._ElementUnicodeResult):   # an attribute or text: its element's line
        node = node.getparent()
    line = getattr(node, "sourceline", None)   # lxml-stubs mistype sourceline
    return line if isinstance(line, int) else 0


def _schema_file(name: str, schema_dir: Path | None) -> Path:
    """A project schema: from ``schema_dir`` when given (a bag's own copy), else from ``schemas/``."""
    return schema_dir / name if schema_dir is not None else resources.schema(name)


def _tei_all_file(schema_dir: Path | None) -> Path | None:
    """tei_all.rng: the copy in ``schema_dir`` when given (``None`` if it holds none), else the shared one."""
    if schema_dir is None:
        return resources.tei_all()
    candidate = schema_dir / TEI_ALL_NAME
    return candidate if candidate.is_file() else None


def _jing() -> str | None:
    return shutil.which("jing") or (_JING if Path(_JING).is_file() else None)


def _tei_all_errors(paths: list[Path], trees: dict[Path, etree._ElementTree],
                    schema_dir: Path | None = None) -> dict[Path, list[TeiError]]:
    """tei_all errors for every (already safely parsed) file: one jing run, else lxml."""
    found: dict[Path, list[TeiError]] = {p: [] for p in paths}
    schema = _tei_all_file(schema_dir)
    if schema is None or not paths:
        return found
    jing = _jing()
    if jing is None:
        for p in paths:
            found[p].extend(_rng_errors(trees[p], p, schema, "TEI001"))
        return found
    by_abs = {str(p.resolve()): p for p in paths}
    proc = subprocess.run([jing, str(schema), *by_abs], capture_output=True, text=True, check=False)
    unplaced: list[str] = []
    for raw in proc.stdout.splitlines() + proc.stderr.splitlines():
        m = _JING_LINE.match(raw.strip())
        target = by_abs.get(str(Path(m["file"]).resolve())) if m else None
        if m and target is not None:
            found[target].append(_error("TEI001", target, int(m["line"]), int(m["col"]), upstream="jing",
                                        schema=f"{schema.name} (jing)", reason=_one_line(m["msg"])))
        elif raw.strip():
            unplaced.append(raw.strip())
    if proc.returncode != 0 and not any(found.values()):
        reason = _one_line("; ".join(unplaced) or f"jing exited with status {proc.returncode}")
        for p in paths:
            found[p].append(_error("TEI001", p, upstream="jing", schema=f"{schema.name} (jing)", reason=reason))
    return found


def _local_errors(tree: etree._ElementTree, path: Path, schemas: tuple[str, ...],
                  schema_dir: Path | None = None) -> Iterator[TeiError]:
    """Errors of the in-process engines (everything but tei_all), in :data:`SCHEMAS` order."""
    if "rng" in schemas:
        yield from _rng_errors(tree, path, _schema_file(RNG_NAME, schema_dir), "RNG001")
    if "xsd" in schemas:
        yield from _xsd_errors(tree, path, schema_dir)
    if "sch" in schemas:
        yield from _sch_errors(tree, path, schema_dir)


# --------------------------------------------------------------------------- public API

def iter_errors(path: str | Path, *, schemas: Iterable[str] = SCHEMAS,
                schema_dir: Path | None = None) -> Iterator[TeiError]:
    """Yield every validation error of one TEI file, engine by engine.

    Args:
        path: the TEI file on disk.
        schemas: which engines to run, a subset of :data:`SCHEMAS`.
        schema_dir: a folder holding the schemas to use (``tei-pipeline.rng``/``.xsd``/``.sch``
            and optionally ``tei_all.rng``, e.g. a bag's ``data/schemas``); default: the project's.
            tei_all is skipped when the folder holds no ``tei_all.rng``.

    Yields:
        TeiError with codes XML001/XML002 (the file cannot be checked at all), RNG001,
        XSD001, SCH001-SCH008 and TEI001; each message names the schema that failed.
    """
    chosen = _check_schemas(schemas)
    p = Path(path)
    tree, errors = parse(p)
    if tree is None:
        yield from errors
        return
    yield from _local_errors(tree, p, chosen, schema_dir)
    if "tei_all" in chosen:
        yield from _tei_all_errors([p], {p: tree}, schema_dir)[p]


def validate(path: str | Path, *, schemas: Iterable[str] = SCHEMAS, schema_dir: Path | None = None) -> None:
    """Raise the first validation error of a TEI file.

    Raises:
        TeiError: the first error :func:`iter_errors` yields.
    """
    for err in iter_errors(path, schemas=schemas, schema_dir=schema_dir):
        raise err


def is_valid(path: str | Path, *, schemas: Iterable[str] = SCHEMAS, schema_dir: Path | None = None) -> bool:
    """True when :func:`iter_errors` yields nothing (stops at the first error)."""
    return next(iter_errors(path, schemas=schemas, schema_dir=schema_dir), None) is None


def validate_many(paths: Iterable[str | Path], *, schemas: Iterable[str] = SCHEMAS,
                  schema_dir: Path | None = None) -> dict[Path, list[TeiError]]:
    """Validate many files; ``jing`` starts once for all of them (its start-up is the cost).

    Args:
        paths: TEI files on disk.
        schemas: which engines to run, a subset of :data:`SCHEMAS`.
        schema_dir: the folder to load the schemas from (see :func:`iter_errors`); default: the project's.

    Returns:
        Every file (as a Path, in the given order) mapped to its errors; ``[]`` when valid.
    """
    chosen = _check_schemas(schemas)
    results: dict[Path, list[TeiError]] = {}
    trees: dict[Path, etree._ElementTree] = {}
    for raw_path in paths:
        p = Path(raw_path)
        tree, errors = parse(p)
        results[p] = errors
        if tree is not None:
            trees[p] = tree
            results[p].extend(_local_errors(tree, p, chosen, schema_dir))
    if "tei_all" in chosen:
        for p, errs in _tei_all_errors(list(trees), trees, schema_dir).items():
            results[p].extend(errs)
    return results
