"""Deposit a build as a BagIt bag, and verify a bag's fixity and the validity of its TEI.

One real build (the smallest seed, no entity model) is made and deposited once per module;
each test that alters a bag works on its own copy.  Tests about fixity switch off the
``tei_all`` check (a Java start-up of ~4 s per call) since they are not about validity; the
intact bag is verified with every schema, ``tei_all`` included.
"""

from __future__ import annotations

import hashlib
import importlib
import re
import shutil
from pathlib import Path

import pytest

from tei import __version__
from tei.batch import build
from tei.config import Config
from tei.deposit import CHECKSUMS, deposit, verify
from tei.errors import TeiError
from tests.conftest import SEEDS

PINNED = Config(build_date="1970-01-01", use_model=False)
DATE = "1970-01-01"
tv = importlib.import_module("tei.validate")   # the module (``tei.validate`` is also the function)


@pytest.fixture(scope="module")
def build_dir(small_build: Path) -> Path:
    return small_build


@pytest.fixture(scope="module")
def bag(tmp_path_factory: pytest.TempPathFactory, build_dir: Path) -> Path:
    return deposit(build_dir, tmp_path_factory.mktemp("bags") / "bag", date=DATE,
                   source_description="A test deposit.")


@pytest.fixture
def bag_copy(bag: Path, tmp_path: Path) -> Path:
    """A private copy of the module's bag, to damage."""
    return Path(shutil.copytree(bag, tmp_path / "bag"))


@pytest.fixture
def no_tei_all(monkeypatch: pytest.MonkeyPatch) -> None:
    """Leave tei_all out of revalidation (its cost is a JVM start; the rest is unchanged)."""
    monkeypatch.setattr(tv, "_tei_all_file", lambda schema_dir: None)


def _manifest(bag: Path, algorithm: str) -> dict[str, str]:
    lines = (bag / f"manifest-{algorithm}.txt").read_text("utf-8").splitlines()
    return {path: digest for digest, path in (line.split(maxsplit=1) for line in lines)}


def test_deposit_bag_layout(bag: Path, build_dir: Path, small_input: Path) -> None:
    data = bag / "data"
    for sub in ("tei", "html", "txt"):
        assert sorted(p.name for p in (data / sub).iterdir()) == sorted(p.name for p in (build_dir / sub).iterdir())
    assert (data / "inputs" / small_input.name).read_bytes() == small_input.read_bytes()
    assert {"tei-pipeline.rng", "tei-pipeline.xsd", "tei-pipeline.sch"} <= {p.name for p in (data / "schemas").iterdir()}
    assert {"tei2html.xsl", "tei2txt.xsl", "common.xsl"} <= {p.name for p in (data / "xslt").iterdir()}
    assert (data / "report.json").read_bytes() == (build_dir / "report.json").read_bytes()
    assert (data / "tei" / f"{small_input.stem}.xml").read_bytes() == \
        (build_dir / "tei" / f"{small_input.stem}.xml").read_bytes()
    assert build_dir.is_dir() and (build_dir / "report.json").is_file()   # copied, not moved


def test_deposit_bag_info_fields(bag: Path, small_input: Path) -> None:
    info = dict(line.split(": ", 1) for line in (bag / "bag-info.txt").read_text("utf-8").splitlines())
    assert info["Bagging-Date"] == DATE
    assert info["Bag-Software-Agent"].startswith(f"tei {__version__} ")
    assert info["External-Description"] == "A test deposit."
    assert info["Internal-Sender-Description"] == "1 of 1 documents valid"
    assert re.fullmatch(r"\d+\.\d+", info["Payload-Oxum"])


@pytest.mark.parametrize("algorithm", CHECKSUMS)
def test_deposit_manifest_checksums(bag: Path, algorithm: str) -> None:
    manifest = _manifest(bag, algorithm)
    payload = sorted(str(p.relative_to(bag)) for p in (bag / "data").rglob("*") if p.is_file())
    assert sorted(manifest) == payload
    for path, digest in manifest.items():
        assert hashlib.new(algorithm, (bag / path).read_bytes()).hexdigest() == digest
    assert (bag / f"tagmanifest-{algorithm}.txt").is_file()


def test_deposit_verify_intact_bag(bag: Path) -> None:
    assert verify(bag) == []


def test_deposit_verify_reports_altered_file(bag_copy: Path, no_tei_all: None) -> None:
    target = "data/txt/" + next((bag_copy / "data" / "txt").iterdir()).name
    expected = {alg: _manifest(bag_copy, alg)[target] for alg in CHECKSUMS}
    with (bag_copy / target).open("ab") as f:
        f.write(b"one more line\n")
    found = {alg: hashlib.new(alg, (bag_copy / target).read_bytes()).hexdigest() for alg in CHECKSUMS}
    problems = verify(bag_copy)
    assert [(e.code, e.location.file) for e in problems] == [("DEP003", str(bag_copy / target))] * 2
    assert sorted(str(e) for e in problems) == sorted(
        f'{bag_copy / target}: error DEP003: {target} {alg} validation failed: '
        f'expected="{expected[alg]}" found="{found[alg]}"' for alg in CHECKSUMS)


def test_deposit_verify_reports_missing_file(bag_copy: Path, no_tei_all: None) -> None:
    target = "data/html/index.html"
    (bag_copy / target).unlink()
    assert [str(e) for e in verify(bag_copy)] == [f"{bag_copy / target}: error DEP001: {target}: file missing from the bag"]


def test_deposit_verify_reports_added_file(bag_copy: Path, no_tei_all: None) -> None:
    target = "data/txt/smuggled.txt"
    (bag_copy / target).write_text("not in the manifest\n", encoding="utf-8")
    assert [str(e) for e in verify(bag_copy)] == [
        f"{bag_copy / target}: error DEP002: {target}: file not listed in the manifest"]


def test_deposit_verify_collects_every_problem_at_once(bag_copy: Path, no_tei_all: None) -> None:
    (bag_copy / "data" / "html" / "index.html").unlink()
    (bag_copy / "data" / "extra.txt").write_text("extra\n", encoding="utf-8")
    (bag_copy / "data" / "report.json").write_text("{}\n", encoding="utf-8")
    codes = sorted((e.code, Path(e.location.file).name) for e in verify(bag_copy))
    assert codes == [("DEP001", "index.html"), ("DEP002", "extra.txt"),
                     ("DEP003", "report.json"), ("DEP003", "report.json")]


def test_deposit_verify_revalidates_tampered_tei(bag_copy: Path, no_tei_all: None) -> None:
    tei = next((bag_copy / "data" / "tei").glob("*.xml"))
    text = tei.read_text("utf-8")
    tampered = text.replace("<body>", "<body><unknownElement/>", 1)
    assert tampered != text
    tei.write_text(tampered, encoding="utf-8")
    problems = verify(bag_copy)
    codes = {e.code for e in problems}
    assert {"DEP003", "RNG001", "XSD001"} <= codes
    assert all(e.location.file == str(tei) for e in problems)
    schema_errors = [e for e in problems if e.code in ("RNG001", "XSD001")]
    assert all(e.location.line > 0 for e in schema_errors)


def test_deposit_verify_uses_the_schemas_inside_the_bag(bag_copy: Path, no_tei_all: None,
                                                        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The project's schemas folder is unreachable; the bag's copies are all verify needs."""
    monkeypatch.setenv("TEI_HOME", str(tmp_path / "nowhere"))
    assert verify(bag_copy) == []


def test_deposit_verify_refuses_path_outside_bag(bag_copy: Path, no_tei_all: None) -> None:
    manifest = bag_copy / "manifest-sha256.txt"
    manifest.write_text(manifest.read_text("utf-8") + f"{'0' * 64}  data/../../outside.txt\n", encoding="utf-8")
    problems = verify(bag_copy)
    assert [e.code for e in problems] == ["DEP005"]
    assert "../outside.txt" in problems[0].message and "unsafe" in problems[0].message


def test_deposit_verify_missing_schema_is_reported(bag_copy: Path, no_tei_all: None) -> None:
    target = "data/schemas/tei-pipeline.sch"
    (bag_copy / target).unlink()
    assert [e.code for e in verify(bag_copy)] == ["DEP001"]


@pytest.fixture(scope="module")
def failed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real build in which one document failed (an empty input)."""
    folder = tmp_path_factory.mktemp("failing")
    (folder / "empty.txt").write_bytes(b"")
    out = folder / "out"
    assert not build([folder / "empty.txt"], out, PINNED).ok
    return out


def test_deposit_refuses_build_with_invalid_document(failed_build: Path, tmp_path: Path) -> None:
    with pytest.raises(TeiError) as info:
        deposit(failed_build, tmp_path / "bag", date=DATE)
    assert info.value.code == "DEP004"
    assert list(tmp_path.iterdir()) == []   # nothing half-written


def test_deposit_allow_invalid_packages_anyway(failed_build: Path, tmp_path: Path) -> None:
    bag = deposit(failed_build, tmp_path / "bag", date=DATE, allow_invalid=True)
    assert "Internal-Sender-Description: 0 of 1 documents valid" in (bag / "bag-info.txt").read_text("utf-8")
    assert (bag / "data" / "inputs" / "empty.txt").read_bytes() == b""


@pytest.mark.parametrize("setup, code", [("exists", "CLI003"), ("no-report", "DEP005")])
def test_deposit_refuses_unusable_target_or_source(build_dir: Path, tmp_path: Path, setup: str, code: str) -> None:
    target = tmp_path / "bag"
    source = build_dir
    if setup == "exists":
        target.mkdir()
    else:
        source = tmp_path / "not-a-build"
        source.mkdir()
    with pytest.raises(TeiError) as info:
        deposit(source, target, date=DATE)
    assert info.value.code == code
