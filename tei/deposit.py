"""Archival deposit: a build packaged as a BagIt bag, and a bag's fixity and validity checked.

The bag is made with the Library of Congress ``bagit`` library (the archival community's
own implementation; the format is not re-implemented here).  Its payload::

    data/tei/  data/html/  data/txt/     the build's outputs
    data/inputs/                         the original input files, byte for byte
    data/schemas/  data/xslt/            the schemas and stylesheets that produced and check them
    data/report.json                     the build's validation report

with sha256 and sha512 manifests.  The build folder is copied, never moved.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import bagit

from tei import __version__, resources
from tei.errors import Location, TeiError

CHECKSUMS = ("sha256", "sha512")


def _load_report(build_dir: Path) -> dict[str, object]:
    path = build_dir / "report.json"
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise TeiError.make("DEP005", Location(str(build_dir)), reason="no report.json: not a tei build folder") from None
    except (OSError, ValueError) as exc:
        raise TeiError.make("DEP005", Location(str(path)), reason=f"report.json unreadable: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise TeiError.make("DEP005", Location(str(path)), reason="report.json has no document list")
    return data


def deposit(build_dir: Path | str, bag_dir: Path | str, *, allow_invalid: bool = False,
            source_description: str = "", date: str | None = None) -> Path:
    """Package a build folder as a BagIt bag.

    Args:
        build_dir: a folder written by ``tei build`` (with ``report.json``).
        bag_dir: the bag to create; must not exist yet.
        allow_invalid: package even when the report lists invalid documents.
        source_description: ``External-Description`` for ``bag-info.txt``.
        date: ``Bagging-Date`` (ISO); defaults to the build's processing date rules.
    Returns:
        The bag's path.
    Raises:
        TeiError: DEP004 (invalid TEI in the build), DEP005 (not a build folder), CLI003 (bag exists).
    """
    from tei.config import default_build_date

    build = Path(build_dir)
    bag = Path(bag_dir)
    report = _load_report(build)
    docs = [d for d in report["documents"] if isinstance(d, dict)]  # type: ignore[union-attr]
    bad = [d for d in docs if not d.get("ok")]
    if bad and not allow_invalid:
        raise TeiError.make("DEP004", Location(str(build / "report.json")), count=len(bad))
    if bag.exists():
        raise TeiError.make("CLI003", Location(str(bag)), path=bag, reason="it exists already")
    bag.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{bag.name}.", dir=bag.parent))
    try:
        for sub in ("tei", "html", "txt"):
            if (build / sub).is_dir():
                shutil.copytree(build / sub, staging / sub)
        shutil.copy2(build / "report.json", staging / "report.json")
        inputs = staging / "inputs"
        inputs.mkdir()
        for d in docs:
            src = Path(str(d.get("source", "")))
            if src.is_file():
                shutil.copy2(src, inputs / src.name)
        for name, folder in (("schemas", resources.project_root() / "schemas"),
                             ("xslt", resources.project_root() / "xslt")):
            if folder.is_dir():
                shutil.copytree(folder, staging / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        description = source_description or (
            f"TEI P5 encodings of {len(docs)} document(s) "
            f"({', '.join(str(d.get('stem')) for d in docs)}), with their sources, HTML and text renderings, "
            "the schemas and stylesheets used, and the validation report.")
        info = {
            "Source-Organization": "tei pipeline",
            "External-Description": description,
            "Bag-Software-Agent": f"tei {__version__} (bagit {bagit.VERSION})",
            "Bagging-Date": date or default_build_date(),
            "Bag-Group-Identifier": build.resolve().name,
            "Internal-Sender-Description": f"{sum(1 for d in docs if d.get('ok'))} of {len(docs)} documents valid",
        }
        bagit.make_bag(str(staging), bag_info=info, checksums=list(CHECKSUMS))
        os.replace(staging, bag)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return bag


def _fixity_errors(bag_path: Path) -> list[TeiError]:
    try:
        bag = bagit.Bag(str(bag_path))
    except bagit.BagError as exc:
        return [TeiError.make("DEP005", Location(str(bag_path)), reason=str(exc))]
    for entry in bag.payload_entries():
        if _path_is_dangerous(bag_path, entry):
            return [TeiError.make("DEP005", Location(str(bag_path)), reason=f"manifest path outside the bag: {entry}")]
    try:
        bag.validate(processes=1)
    except bagit.BagValidationError as exc:
        out = []
        for d in exc.details or []:
            loc = Location(str(bag_path / d.path))
            if isinstance(d, bagit.ChecksumMismatch):
                out.append(TeiError.make("DEP003", loc, path=d.path, algorithm=d.algorithm,
                                         expected=d.expected, found=d.found))
            elif isinstance(d, bagit.FileMissing):
                out.append(TeiError.make("DEP001", loc, path=d.path))
            elif isinstance(d, bagit.UnexpectedFile):
                out.append(TeiError.make("DEP002", loc, path=d.path))
        return out or [TeiError.make("DEP005", Location(str(bag_path)), reason=exc.message)]
    except bagit.BagError as exc:
        return [TeiError.make("DEP005", Location(str(bag_path)), reason=str(exc))]
    return []


def _path_is_dangerous(bag_path: Path, entry: str) -> bool:
    """A manifest path that points outside the bag (absolute, or climbing with ``..``)."""
    root = bag_path.resolve()
    target = (root / entry).resolve()
    return os.path.isabs(entry) or root not in target.parents


def verify(bag_dir: Path | str) -> list[TeiError]:
    """Check a bag: fixity of every file, then every TEI file against the schemas inside the bag.

    Returns:
        Every problem found (empty when the bag is intact and its TEI valid).
    """
    from tei.validate import validate_many

    bag = Path(bag_dir)
    if not (bag / "bagit.txt").is_file():
        return [TeiError.make("DEP005", Location(str(bag)), reason="no bagit.txt")]
    problems = _fixity_errors(bag)
    tei_files = sorted((bag / "data" / "tei").glob("*.xml"))
    schemas = bag / "data" / "schemas"
    if tei_files:
        results = validate_many(tei_files, schema_dir=schemas if schemas.is_dir() else None)
        for f in tei_files:
            problems += results.get(f, [])
    return problems
