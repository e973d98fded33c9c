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
import logging
import os
import shutil
import tempfile
from pathlib import Path

import bagit  # type: ignore[import-untyped]

from tei import __version__, resources
from tei.errors import Location, TeiError

CHECKSUMS = ("sha256", "sha512")

# bagit logs every problem it also raises; report each once (our TeiErrors), unless the app configures logging
logging.getLogger("bagit").addHandler(logging.NullHandler())


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
        TeiError: DEP004 (invalid TEI in the build), DEP005 (not a build folder), DEP006 (an input
            is gone), CLI003 (bag exists).
    """
    from tei.config import default_build_date

    build = Path(build_dir)
    bag = Path(bag_dir)
    report = _load_report(build)
    listed = report["documents"]
    docs = [d for d in listed if isinstance(d, dict)] if isinstance(listed, list) else []
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
            if not src.is_file():
                raise TeiError.make("DEP006", Location(str(build / "report.json")), path=src)
            shutil.copy2(src, inputs / src.name)
        for name, folder in (("schemas", resources.project_root() / "schemas"),
                             ("xslt", resources.project_root() / "xslt")):
            if folder.is_dir():
                shutil.copytree(folder, staging / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        tei_all = resources.tei_all()
        if tei_all is not None:   # the official schema too, so `verify` needs nothing outside the bag
            shutil.copyfile(tei_all, staging / "schemas" / tei_all.name)
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
    """Every missing (DEP001), unexpected (DEP002) and altered (DEP003) file, or DEP005 for a broken bag.

    ``Bag.validate`` stops at the first failing check (Payload-Oxum, then completeness, then
    checksums), so after a failure the checks are rerun one by one to collect every problem.
    """
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
        first = exc
    except bagit.BagError as exc:
        return [TeiError.make("DEP005", Location(str(bag_path)), reason=str(exc))]
    else:
        return []
    missing, unexpected = bag.compare_manifests_with_fs()
    out = [TeiError.make("DEP001", Location(str(bag_path / p)), path=p) for p in sorted(missing)]
    out += [TeiError.make("DEP002", Location(str(bag_path / p)), path=p) for p in sorted(unexpected)]
    for d in _checksum_mismatches(bag):
        if d.path not in missing:   # a missing file is reported once, as missing
            out.append(TeiError.make("DEP003", Location(str(bag_path / d.path)), path=d.path,
                                     algorithm=d.algorithm, expected=d.expected, found=d.found))
    return out or [TeiError.make("DEP005", Location(str(bag_path)), reason=first.message)]


def _checksum_mismatches(bag: bagit.Bag) -> list[bagit.ChecksumMismatch]:
    """bagit's own record of every altered file (its checksum pass, run without the earlier checks)."""
    try:
        bag._validate_entries(processes=1)   # no public API runs the checksum pass alone
    except bagit.BagValidationError as exc:
        return [d for d in exc.details or [] if isinstance(d, bagit.ChecksumMismatch)]
    return []


def _path_is_dangerous(bag_path: Path, entry: str) -> bool:
    """A manifest path that points outside the bag (absolute, or climbing with ``..``)."""
    root = bag_path.resolve()
    target = (root / entry).resolve()
    return os.path.isabs(entry) or root not in target.parents


def verify(bag_dir: Path | str) -> list[TeiError]:
    """Check a bag: fixity of every file, then every TEI file against the schemas inside the bag.

    A schema file that is missing or altered is reported by the fixity check and not used;
    one that is missing from the bag altogether is DEP007.  ``tei_all.rng`` is optional.

    Returns:
        Every problem found (empty when the bag is intact and its TEI valid): DEP001-DEP003,
        DEP005, DEP007, and the validation codes (RNG001, XSD001, SCH..., TEI001) of each TEI file.
    """
    from tei.validate import RNG_NAME, SCH_NAME, TEI_ALL_NAME, XSD_NAME, validate_many

    bag = Path(bag_dir)
    if not (bag / "bagit.txt").is_file():
        return [TeiError.make("DEP005", Location(str(bag)), reason="no bagit.txt")]
    problems = _fixity_errors(bag)
    tei_files = sorted((bag / "data" / "tei").glob("*.xml"))
    schema_dir = bag / "data" / "schemas"
    untrusted = {e.location.file for e in problems}   # missing or altered: reported already, not used
    kinds = [] if str(schema_dir / TEI_ALL_NAME) in untrusted else ["tei_all"]   # optional: run when present
    for kind, name in (("rng", RNG_NAME), ("xsd", XSD_NAME), ("sch", SCH_NAME)):
        path = schema_dir / name
        if path.is_file() and str(path) not in untrusted:
            kinds.append(kind)
        elif str(path) not in untrusted:
            problems.append(TeiError.make("DEP007", Location(str(path)), path=f"data/schemas/{name}"))
    if tei_files:
        results = validate_many(tei_files, schemas=kinds, schema_dir=schema_dir)
        for f in tei_files:
            problems += results.get(f, [])
    return problems
