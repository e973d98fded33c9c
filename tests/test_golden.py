"""Golden files: the seeds' TEI, compared after canonicalisation (C14N 2.0).

A change to any stage shows up here as a diff to review; `pytest --update-golden`
rewrites the files (CI never does).
"""

from __future__ import annotations

import difflib
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden"


def canonical(data: bytes) -> str:
    return ET.canonicalize(data.decode("utf-8"), strip_text=False)


@pytest.mark.parametrize("stem", sorted(p.stem for p in SEEDS.glob("*.txt")))
def test_golden_seed_tei_matches(seeds_build, update_golden, stem):
    out, _report = seeds_build
    got = canonical((out / "tei" / f"{stem}.xml").read_bytes())
    golden = GOLDEN / f"{stem}.tei.xml"
    if update_golden:
        golden.write_text(got, encoding="utf-8")
        pytest.skip("golden file rewritten")
    assert golden.is_file(), f"no golden file {golden.name}: run pytest --update-golden and review the diff"
    want = golden.read_text(encoding="utf-8")
    if got != want:
        diff = "\n".join(list(difflib.unified_diff(want.splitlines(), got.splitlines(), "golden", "now",
                                                   lineterm=""))[:60])
        pytest.fail(f"{stem}: TEI differs from tests/golden (review, then pytest --update-golden):\n{diff}")
