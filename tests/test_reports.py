"""tei.reports: JSON lines and JUnit XML from validation results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from tei.errors import Location, TeiError
from tei.reports import summary, to_json, to_junit


def _err(code: str, file: str, line: int, severity: str = "error") -> TeiError:
    return TeiError.make(code, Location(file, line, 0), severity=severity,  # type: ignore[arg-type]
                         schema="tei-pipeline.rng", reason="bad")


@pytest.fixture
def results() -> dict[Path, list[TeiError]]:
    return {
        Path("a.xml"): [],
        Path("b.xml"): [_err("RNG001", "b.xml", 3), _err("SCH002", "b.xml", 9)],
        Path("c.xml"): [_err("RNG001", "c.xml", 5, "warning")],
    }


def test_reports_summary_counts(results: dict[Path, list[TeiError]]) -> None:
    assert summary(results) == {"files": 3, "failed": 1, "errors": 2, "warnings": 1}


def test_reports_json_has_one_line_per_error_and_a_summary(results: dict[Path, list[TeiError]]) -> None:
    lines = [json.loads(line) for line in to_json(results).splitlines()]
    assert [(d["file"], d["line"], d["code"]) for d in lines[:-1]] == [
        ("b.xml", 3, "RNG001"), ("b.xml", 9, "SCH002"), ("c.xml", 5, "RNG001")]
    assert lines[-1] == {"summary": {"files": 3, "failed": 1, "errors": 2, "warnings": 1}}


def test_reports_junit_parses_with_right_counts(results: dict[Path, list[TeiError]]) -> None:
    root = etree.fromstring(to_junit(results))
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("3", "1")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["a.xml", "b.xml", "c.xml"]
    failures = [c.find("failure") for c in cases]
    assert failures[0] is None and failures[2] is None
    assert failures[1] is not None and failures[1].get("type") == "RNG001"
    assert (failures[1].text or "").splitlines() == [
        "b.xml:3: error RNG001: tei-pipeline.rng: bad", "b.xml:9: error SCH002: tei-pipeline.rng: unresolved pointer: bad"]
    assert "c.xml:5: warning RNG001" in (cases[2].findtext("system-out") or "")


@pytest.mark.parametrize("results", [{}])
def test_reports_empty_results(results: dict[Path, list[TeiError]]) -> None:
    assert json.loads(to_json(results)) == {"summary": {"files": 0, "failed": 0, "errors": 0, "warnings": 0}}
    assert etree.fromstring(to_junit(results)).find("testsuite").get("tests") == "0"  # type: ignore[union-attr]
