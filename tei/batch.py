"""Converting one input, and building many: inputs -> TEI -> validation -> HTML and text.

``convert`` runs the text stages over one input and serialises the result;
``build`` does that for many inputs, validates every TEI file, renders each, writes
the corpus index and ``report.json``, and skips inputs whose content and settings
have not changed since the last build in the same folder.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from tei import __version__, ingest, pipeline, resources, serialize
from tei.entities import summary as entity_summary
from tei.config import Config
from tei.errors import Location, TeiError
from tei.model import Document

STATE_FILE = ".tei-build.json"
INPUT_SUFFIXES = (".txt", ".text")


@dataclass
class Conversion:
    """One converted input: the document with its findings, and the TEI bytes."""

    doc: Document
    xml: bytes
    seconds: dict[str, float] = field(default_factory=dict)


def convert(src: Path | str, config: Config | None = None, *, out: Path | None = None) -> Conversion:
    """Convert one text file to TEI.

    Args:
        src: the input text file.
        config: settings; defaults to ``Config()``.
        out: where to write the TEI (atomically); not written when ``None``.
    Returns:
        The Conversion (``.doc.diagnostics`` holds what the stages reported).
    Raises:
        TeiError: when the input cannot be read (ING codes), or a stage's error under ``strict``.
    """
    config = config or Config()
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    doc = ingest.read(src, encoding=config.encoding)
    seconds["ingest"] = time.perf_counter() - t0
    doc = pipeline.run(doc, config, progress=lambda name, s: seconds.__setitem__(name, s))
    t0 = time.perf_counter()
    xml = serialize.to_bytes(serialize.to_tei(doc, config))
    seconds["serialize"] = time.perf_counter() - t0
    if out is not None:
        serialize.write_atomic(Path(out), xml)
    return Conversion(doc, xml, seconds)


def find_inputs(paths: Iterable[Path | str]) -> list[Path]:
    """The input files named, or found (``*.txt``) in the folders named, in a stable order.

    Raises:
        TeiError: CLI001 for a path that does not exist, CLI002 when nothing is found.
    """
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found += sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES)
        elif p.exists():
            found.append(p)
        else:
            raise TeiError.make("CLI001", Location(str(p)), path=p)
    if not found:
        raise TeiError.make("CLI002", Location(", ".join(str(p) for p in paths)), path=", ".join(map(str, paths)))
    unique: dict[Path, Path] = {}
    for p in found:
        unique.setdefault(p.resolve(), p)
    stems: dict[str, Path] = {}
    for p in unique.values():
        if p.stem in stems:
            raise TeiError.make("CLI004", Location(str(p)), path=p, other=stems[p.stem], stem=p.stem)
        stems[p.stem] = p
    return list(unique.values())


@dataclass
class DocumentResult:
    """What happened to one input in a build."""

    source: Path
    stem: str
    ok: bool = True
    skipped: bool = False
    errors: list[TeiError] = field(default_factory=list)      # conversion and validation errors
    warnings: list[TeiError] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {"source": str(self.source), "stem": self.stem, "ok": self.ok, "skipped": self.skipped,
                "errors": [e.to_dict() for e in self.errors], "warnings": [w.to_dict() for w in self.warnings],
                "counts": self.counts, "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
                "outputs": self.outputs}


@dataclass
class BuildReport:
    """A whole build: one result per input, and where things went."""

    out_dir: Path
    results: list[DocumentResult] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)

    def totals(self) -> dict[str, int]:
        """The counts of every document added up: the corpus figures."""
        out: dict[str, int] = {}
        for r in self.results:
            for k, v in r.counts.items():
                out[k] = out.get(k, 0) + v
        return out

    def to_dict(self) -> dict[str, object]:
        return {"tool": "tei", "version": __version__, "ok": self.ok, "corpus": self.totals(),
                "documents": [r.to_dict() for r in self.results],
                "seconds": {k: round(v, 3) for k, v in self.seconds.items()}}


def counts(doc: Document) -> dict[str, int]:
    """How many of each finding a document has (the summary table and report.json)."""
    tags = ("pb", "fw", "persName", "placeName", "orgName", "date", "choice", "surplus", "head", "p")
    out = {t: sum(1 for s in doc.spans if s.tag == t) for t in tags}
    out["note"] = len(doc.notes)
    out["note_unanchored"] = sum(1 for n in doc.notes if n.anchor is None)
    out["entities"] = len(doc.entities)
    for typ, figures in entity_summary(doc).items():
        out[f"{typ}_entities"] = figures["entities"]
        out[f"{typ}_linked"] = figures["linked"]
    out["entities_linked"] = sum(out[f"{t}_linked"] for t in ("person", "place", "org") if f"{t}_linked" in out)
    return out


def code_fingerprint() -> str:
    """A hash of everything besides the input that shapes the output: the package's code and
    templates, the schemas and the stylesheets (so an upgrade or a local edit rebuilds)."""
    h = hashlib.sha256(__version__.encode())
    root = resources.project_root()
    package = Path(__file__).resolve().parent
    files = sorted([*package.rglob("*.py"), *package.rglob("*.j2"), *(root / "schemas").glob("*"),
                    *(root / "xslt").rglob("*")])
    for f in files:
        if f.is_file() and "__pycache__" not in f.parts:
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def _fingerprint(src: Path, config: Config, code: str) -> str:
    h = hashlib.sha256()
    h.update(src.read_bytes())
    h.update(f"\0{code}\0{config.fingerprint()}".encode())
    return h.hexdigest()


def build(paths: Iterable[Path | str], out_dir: Path | str = "out", config: Config | None = None, *,
          force: bool = False, validate: bool = True,
          progress: Callable[[str, str], None] | None = None) -> BuildReport:
    """Convert, validate and render every input into ``out_dir``.

    Writes ``tei/<stem>.xml``, ``html/<stem>.html``, ``html/index.html``, ``txt/<stem>.txt``
    and ``report.json``.  One bad input does not stop the others.

    Args:
        paths: input files or folders of ``*.txt``.
        out_dir: the build folder.
        config: settings.
        force: rebuild inputs even when unchanged since the last build here.
        validate: validate the TEI (RELAX NG, XSD, Schematron, tei_all when available).
        progress: called with ``(stem, step)`` as the work goes on.
    Returns:
        The BuildReport (also written as ``report.json``).
    Raises:
        TeiError: CLI001/CLI002 when the inputs cannot be found.
    """
    from tei.render import render, render_index
    from tei.validate import validate_many

    config = config or Config()
    out = Path(out_dir)
    sources = find_inputs(paths)
    report = BuildReport(out)
    state_path = out / STATE_FILE
    try:
        state: dict[str, dict[str, str]] = json.loads(state_path.read_text("utf-8")) if state_path.is_file() else {}
    except (OSError, ValueError):
        state = {}
    previous = {}
    report_path = out / "report.json"
    if report_path.is_file():
        try:
            previous = {d["stem"]: d for d in json.loads(report_path.read_text("utf-8"))["documents"]}
        except (OSError, ValueError, KeyError, TypeError):
            previous = {}
    note = progress or (lambda stem, step: None)
    t_all = time.perf_counter()
    code = code_fingerprint()

    written: list[DocumentResult] = []
    for src in sources:
        res = DocumentResult(src, src.stem)
        report.results.append(res)
        tei_path = out / "tei" / f"{src.stem}.xml"
        res.outputs = {"tei": str(tei_path), "html": str(out / "html" / f"{src.stem}.html"),
                       "txt": str(out / "txt" / f"{src.stem}.txt")}
        fp = _fingerprint(src, config, code) if src.is_file() else ""
        old = previous.get(src.stem)
        if (not force and fp and state.get(src.stem, {}).get("fingerprint") == fp and old and old.get("ok")
                and all(Path(p).is_file() for p in res.outputs.values())):
            res.skipped = True
            res.counts = dict(old.get("counts", {}))
            note(src.stem, "unchanged")
            continue
        note(src.stem, "convert")
        try:
            conv = convert(src, config, out=tei_path)
        except TeiError as err:
            res.ok = False
            res.errors.append(err)
            state.pop(src.stem, None)
            continue
        res.seconds.update(conv.seconds)
        res.counts = counts(conv.doc)
        res.errors += [d for d in conv.doc.diagnostics if d.severity == "error"]
        res.warnings += [d for d in conv.doc.diagnostics if d.severity == "warning"]
        state[src.stem] = {"fingerprint": fp}
        written.append(res)

    if validate and written:
        t0 = time.perf_counter()
        note("*", "validate")
        results = validate_many([Path(r.outputs["tei"]) for r in written])
        per = (time.perf_counter() - t0) / len(written)
        for r in written:
            errs = results.get(Path(r.outputs["tei"]), [])
            r.errors += errs
            r.seconds["validate"] = per
    for r in written:
        if r.errors:
            r.ok = False
            state.pop(r.stem, None)
        note(r.stem, "render")
        t0 = time.perf_counter()
        tei_path = Path(r.outputs["tei"])
        try:
            html = render(tei_path, to="html")
            text = render(tei_path, to="text")
        except TeiError as err:
            r.ok = False
            r.errors.append(err)
            continue
        serialize.write_atomic(Path(r.outputs["html"]), html.output.encode("utf-8"))
        serialize.write_atomic(Path(r.outputs["txt"]), text.output.encode("utf-8"))
        r.warnings += html.messages + text.messages
        r.seconds["render"] = time.perf_counter() - t0

    all_tei = [Path(r.outputs["tei"]) for r in report.results if Path(r.outputs["tei"]).is_file()]
    if all_tei:
        note("*", "index")
        index = render_index(all_tei)
        serialize.write_atomic(out / "html" / "index.html", index.output.encode("utf-8"))
    report.seconds["total"] = time.perf_counter() - t_all
    serialize.write_atomic(report_path, (json.dumps(report.to_dict(), indent=1, ensure_ascii=False) + "\n").encode())
    serialize.write_atomic(state_path, (json.dumps(state, indent=1, sort_keys=True) + "\n").encode())
    return report
