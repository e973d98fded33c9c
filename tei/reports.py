"""Write validation results for machines: JSON lines and JUnit XML (for CI dashboards).

Both writers take ``results``: every checked file mapped to its diagnostics, as
:func:`tei.validate.validate_many` returns them.  A file fails when it has at least one
diagnostic of severity ``error``; warnings alone never fail it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from lxml import etree

from tei.errors import TeiError

__all__ = ["summary", "to_json", "to_junit"]

Results = Mapping[Path, Sequence[TeiError]] | Mapping[str, Sequence[TeiError]]

SUITE_NAME = "tei-validate"


def _errors(diagnostics: Sequence[TeiError]) -> list[TeiError]:
    return [d for d in diagnostics if d.severity == "error"]


def summary(results: Results) -> dict[str, int]:
    """Counts over all files: ``files``, ``failed`` (files with an error), ``errors``, ``warnings``."""
    diags = [d for ds in results.values() for d in ds]
    errors = sum(1 for d in diags if d.severity == "error")
    return {"files": len(results), "failed": sum(1 for ds in results.values() if _errors(ds)),
            "errors": errors, "warnings": len(diags) - errors}


def to_json(results: Results) -> str:
    """JSON lines: one object per diagnostic (``TeiError.to_dict()``), then one summary object.

    Args:
        results: file -> its diagnostics.

    Returns:
        The lines joined with ``\\n``, ending with a newline; the last line is
        ``{"summary": {"files": K, "failed": F, "errors": N, "warnings": M}}``.
    """
    lines = [json.dumps(d.to_dict(), ensure_ascii=False, sort_keys=True)
             for ds in results.values() for d in ds]
    lines.append(json.dumps({"summary": summary(results)}, sort_keys=True))
    return "\n".join(lines) + "\n"


def to_junit(results: Results) -> bytes:
    """JUnit XML: one ``testsuite``, one ``testcase`` per file, one ``failure`` per failing file.

    The failure's text holds every error of the file, one compiler-style line each
    (``file:line:col: error CODE: message``); warnings go to the testcase's ``system-out``.

    Args:
        results: file -> its diagnostics.

    Returns:
        UTF-8 bytes with an XML declaration.
    """
    counts = summary(results)
    suites = etree.Element("testsuites", name=SUITE_NAME, tests=str(counts["files"]),
                           failures=str(counts["failed"]), errors="0")
    suite = etree.SubElement(suites, "testsuite", name=SUITE_NAME, tests=str(counts["files"]),
                             failures=str(counts["failed"]), errors="0", skipped="0")
    for path, diagnostics in results.items():
        case = etree.SubElement(suite, "testcase", classname=SUITE_NAME, name=str(path))
        errors = _errors(diagnostics)
        if errors:
            failure = etree.SubElement(case, "failure", type=errors[0].code,
                                       message=f"{len(errors)} error(s); first: {errors[0].message}")
            failure.text = "\n".join(str(e) for e in errors)
        warnings = [d for d in diagnostics if d.severity != "error"]
        if warnings:
            etree.SubElement(case, "system-out").text = "\n".join(str(w) for w in warnings)
    etree.indent(suites, space="  ")
    return etree.tostring(suites, xml_declaration=True, encoding="UTF-8") + b"\n"
