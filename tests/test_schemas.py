"""The schemas themselves: every case file in tests/cases is accepted or rejected as its name says.

Names: ``valid-*.xml`` must pass everything; ``RNG001-*`` must fail RELAX NG and XSD alike;
``SCHnnn-*`` must raise exactly that Schematron code; ``XMLnnn-*`` never reach a schema.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from tei import resources
from tei.errors import CODES
from tei.validate import iter_errors, parse, validate_many

CASES_DIR = Path(__file__).resolve().parent / "cases"
#: the validation cases (other modules keep their own cases, e.g. RND*.xml, beside these)
CASES = sorted(c for c in CASES_DIR.glob("*.xml") if c.name.split("-", 1)[0][:3] in {"val", "RNG", "SCH", "XML"})
SCHEMA_CASES = [c for c in CASES if not c.name.startswith("XML")]
SCH_NS = {"sch": "http://purl.oclc.org/dsdl/schematron"}


def _expected(case: Path) -> str:
    """The code a case file's name promises (``valid`` for none)."""
    return case.name.split("-", 1)[0]


def _codes(case: Path, schema: str) -> set[str]:
    return {e.code for e in iter_errors(case, schemas=(schema,))}


@pytest.mark.parametrize("case", SCHEMA_CASES, ids=lambda p: p.name)
def test_schemas_rng_and_xsd_agree(case: Path) -> None:
    rng_ok = not _codes(case, "rng")
    xsd_ok = not _codes(case, "xsd")
    assert rng_ok == xsd_ok, f"RELAX NG says {rng_ok}, XSD says {xsd_ok}"
    expected = _expected(case)
    if expected == "valid":
        assert rng_ok
    elif expected == "RNG001":
        assert not rng_ok


@pytest.mark.parametrize("case", SCHEMA_CASES, ids=lambda p: p.name)
def test_schemas_schematron_reports_named_code(case: Path) -> None:
    expected = _expected(case)
    want = {expected} if expected.startswith("SCH") else set()
    assert _codes(case, "sch") == want


@pytest.mark.parametrize("case", [c for c in CASES if c.name.startswith("XML")], ids=lambda p: p.name)
def test_schemas_unsafe_or_broken_xml_never_reaches_a_schema(case: Path) -> None:
    tree, errors = parse(case)
    assert tree is None
    assert [e.code for e in errors] == [_expected(case)]


@pytest.mark.skipif(shutil.which("jing") is None or resources.tei_all() is None,
                    reason="needs jing and ../shared/reference/tei/tei_all.rng")
def test_schemas_everything_the_customisation_accepts_tei_all_accepts() -> None:
    """The customisation is a subset of tei_all: each case RELAX NG accepts passes jing too."""
    accepted = [c for c in SCHEMA_CASES if not _codes(c, "rng")]
    assert any(c.name.startswith("valid") for c in accepted)
    results = validate_many(accepted, schemas=("tei_all",))
    assert {c.name: [str(e) for e in errs] for c, errs in results.items() if errs} == {}


def test_schemas_every_schema_code_has_a_case() -> None:
    wanted = {c for c in CODES if c[:3] in {"RNG", "SCH", "XML"}} - {"SCH001"}
    assert wanted <= {_expected(c) for c in CASES}


def test_schemas_schematron_ids_are_catalogue_codes() -> None:
    sch = etree.parse(str(resources.schema("tei-pipeline.sch")))
    ids = [str(i) for i in sch.xpath("//sch:assert/@id | //sch:report/@id", namespaces=SCH_NS)]  # type: ignore[union-attr]
    assert ids and len(ids) == len(set(ids))
    assert set(ids) <= set(CODES)
    assert {c for c in CODES if c.startswith("SCH")} - {"SCH001"} == set(ids)


@pytest.mark.skipif(shutil.which("trang") is None, reason="needs trang")
def test_schemas_xsd_is_regenerated_from_the_rng(tmp_path: Path) -> None:
    out = tmp_path / "tei-pipeline.xsd"
    subprocess.run(["trang", str(resources.schema("tei-pipeline.rng")), str(out)], check=True,
                   capture_output=True)
    for made in sorted(tmp_path.glob("*.xsd")):
        assert made.read_bytes() == resources.schema(made.name).read_bytes(), (
            f"schemas/{made.name} is stale: run trang schemas/tei-pipeline.rng schemas/tei-pipeline.xsd")
