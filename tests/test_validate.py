"""tei.validate: codes, locations, the validate/is_valid/iter_errors trio, jing batching, hostile input."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from tei import resources
from tei.errors import TeiError

# the module, not the package's lazily exported ``tei.validate`` function
tv = importlib.import_module("tei.validate")

CASES_DIR = Path(__file__).resolve().parent / "cases"
#: the validation cases (other modules keep their own cases, e.g. RND*.xml, beside these)
CASES = sorted(c for c in CASES_DIR.glob("*.xml") if c.name.split("-", 1)[0][:3] in {"val", "RNG", "SCH", "XML"})
LOCAL = ("rng", "xsd", "sch")
HAVE_TEI_ALL = resources.tei_all() is not None
HAVE_JING = shutil.which("jing") is not None


def _case(name: str) -> Path:
    return CASES_DIR / name


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_validate_reports_the_code_the_case_names(case: Path) -> None:
    expected = case.name.split("-", 1)[0]
    errors = list(tv.iter_errors(case, schemas=LOCAL))
    if expected == "valid":
        assert errors == []
    else:
        assert expected in {e.code for e in errors}
        assert all(e.location.file == str(case) and e.severity == "error" for e in errors)


@pytest.mark.parametrize(("name", "code", "line", "col"), [
    ("XML001-not-wellformed.xml", "XML001", 24, 54),
    ("XML001-duplicate-xml-id.xml", "XML001", 25, 23),
    ("RNG001-date-when-not-iso.xml", "RNG001", 24, 0),
    ("RNG001-header-without-sourcedesc.xml", "RNG001", 4, 0),
    ("SCH002-ref-unresolved.xml", "SCH002", 24, 0),
])
def test_validate_first_error_is_located(name: str, code: str, line: int, col: int) -> None:
    with pytest.raises(TeiError) as info:
        tv.validate(_case(name), schemas=LOCAL)
    err = info.value
    assert (err.code, err.location.line, err.location.col) == (code, line, col)
    assert str(err).startswith(f"{_case(name)}:{line}:")


@pytest.mark.parametrize(("name", "schema", "code", "line"), [
    ("RNG001-date-when-not-iso.xml", "xsd", "XSD001", 24),
    ("SCH004-date-from-after-to.xml", "sch", "SCH004", 24),
    ("SCH003-date-when-with-from.xml", "sch", "SCH003", 24),
])
def test_validate_each_engine_locates_and_names_its_schema(name: str, schema: str, code: str, line: int) -> None:
    errors = list(tv.iter_errors(_case(name), schemas=(schema,)))
    assert [(e.code, e.location.line) for e in errors] == [(code, line)]
    assert errors[0].message.startswith(f"tei-pipeline.{schema}: ")


@pytest.mark.parametrize(("name", "valid"), [("valid-minimal.xml", True), ("SCH006-note-without-n.xml", False)])
def test_validate_is_valid(name: str, valid: bool) -> None:
    assert tv.is_valid(_case(name), schemas=LOCAL) is valid


@pytest.mark.parametrize("schemas", [("rng", "dtd"), ("relaxng",)])
def test_validate_unknown_schema_is_a_usage_error(schemas: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match="unknown schema"):
        list(tv.iter_errors(_case("valid-minimal.xml"), schemas=schemas))


@pytest.mark.parametrize("name", ["XML002-billion-laughs.xml", "XML002-external-entity.xml",
                                  "XML002-external-dtd.xml"])
def test_validate_refuses_hostile_doctype(name: str) -> None:
    started = time.perf_counter()
    errors = list(tv.iter_errors(_case(name)))
    assert time.perf_counter() - started < 2
    assert [(e.code, e.location.line) for e in errors] == [("XML002", 2)]
    assert "root:" not in str(errors[0])


@pytest.mark.parametrize("encoding", ["utf-16"])
def test_validate_refuses_entities_the_byte_scan_cannot_see(tmp_path: Path, encoding: str) -> None:
    """A billion-laughs document in UTF-16 slips past the byte scan; the parsed DOCTYPE still refuses it."""
    text = _case("XML002-billion-laughs.xml").read_text(encoding="utf-8")
    hostile = tmp_path / "laughs.xml"
    hostile.write_bytes(text.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"').encode(encoding))
    tree, errors = tv.parse(hostile)
    assert tree is None and [e.code for e in errors] == ["XML002"]


@pytest.mark.parametrize("name", ["XML002-external-entity.xml"])
def test_validate_never_expands_external_entities(name: str) -> None:
    """Even the raw parser we use leaves &secret; unresolved (defence in depth behind XML002)."""
    from lxml import etree

    root = etree.fromstring(_case(name).read_bytes(), tv.safe_parser())
    assert "root:" not in etree.tostring(root, encoding="unicode")


class _FakeJing:
    """Stands in for subprocess.run: records the calls, prints canned jing output."""

    def __init__(self, stdout: str = "", returncode: int = 0) -> None:
        self.calls: list[list[str]] = []
        self.stdout = stdout
        self.returncode = returncode

    def __call__(self, args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        self.calls.append(args)
        out = self.stdout.format(**{f"f{i}": a for i, a in enumerate(args[2:])})
        return subprocess.CompletedProcess(args, self.returncode, out, "")


@pytest.fixture
def fake_jing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> _FakeJing:
    fake = _FakeJing()
    schema = tmp_path / "tei_all.rng"
    schema.write_text("<grammar/>")
    monkeypatch.setattr(tv.resources, "tei_all", lambda: schema)
    monkeypatch.setattr(tv, "_jing", lambda: "/usr/bin/jing")
    monkeypatch.setattr(tv.subprocess, "run", fake)
    return fake


@pytest.mark.parametrize("names", [["valid-minimal.xml", "valid-full.xml", "SCH006-note-without-n.xml"]])
def test_validate_many_starts_jing_once(fake_jing: _FakeJing, names: list[str]) -> None:
    paths = [_case(n) for n in names]
    results = tv.validate_many(paths, schemas=("tei_all",))
    assert len(fake_jing.calls) == 1
    assert fake_jing.calls[0][2:] == [str(p.resolve()) for p in paths]
    assert results == {p: [] for p in paths}


@pytest.mark.parametrize(("jing_out", "expected"), [
    ("{f1}:12:7: error: element \"seg\" not allowed here\n", [("b", 12, 7)]),
    ("{f0}:3:1: error: bad\n{f1}:4:2: fatal: worse\n", [("a", 3, 1), ("b", 4, 2)]),
])
def test_validate_many_parses_jing_lines(fake_jing: _FakeJing, tmp_path: Path, jing_out: str,
                                         expected: list[tuple[str, int, int]]) -> None:
    paths = []
    for stem in ("a", "b"):
        p = tmp_path / f"{stem}.xml"
        p.write_bytes(_case("valid-minimal.xml").read_bytes())
        paths.append(p)
    fake_jing.stdout, fake_jing.returncode = jing_out, 1
    results = tv.validate_many(paths, schemas=("tei_all",))
    found = [(p.stem, e.location.line, e.location.col) for p, errs in results.items() for e in errs]
    assert found == expected
    assert all(e.code == "TEI001" and "(jing)" in e.message for errs in results.values() for e in errs)


def test_validate_many_skips_jing_for_unsafe_files(fake_jing: _FakeJing) -> None:
    results = tv.validate_many([_case("XML002-external-entity.xml")], schemas=("tei_all",))
    assert fake_jing.calls == []
    assert [e.code for e in results[_case("XML002-external-entity.xml")]] == ["XML002"]


@pytest.mark.skipif(not (HAVE_TEI_ALL and HAVE_JING), reason="needs jing and tei_all.rng")
@pytest.mark.parametrize(("name", "line"), [("RNG001-choice-type-attribute.xml", 24)])
def test_validate_tei_all_with_jing(name: str, line: int) -> None:
    errors = list(tv.iter_errors(_case(name), schemas=("tei_all",)))
    assert [(e.code, e.location.line) for e in errors] == [("TEI001", line)]
    assert errors[0].location.col > 0 and errors[0].message.startswith("tei_all.rng (jing): ")


@pytest.mark.parametrize(("name", "line"), [("RNG001-choice-type-attribute.xml", 24)])
def test_validate_tei_all_without_jing_uses_lxml(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                 name: str, line: int) -> None:
    """Without jing, lxml runs the schema in process (here the customisation stands in for tei_all,
    whose lxml compilation takes 5-70 s)."""
    stand_in = tmp_path / "tei_all.rng"
    stand_in.write_bytes(resources.schema("tei-pipeline.rng").read_bytes())
    monkeypatch.setattr(tv.resources, "tei_all", lambda: stand_in)
    monkeypatch.setattr(tv, "_jing", lambda: None)
    errors = list(tv.iter_errors(_case(name), schemas=("tei_all",)))
    assert [(e.code, e.location.line) for e in errors] == [("TEI001", line)]
    assert errors[0].message.startswith("tei_all.rng: ")
