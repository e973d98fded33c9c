"""Building many inputs: reproducible output, incremental rebuilds, one bad input not stopping the rest.

The statistical entity model is left out (``use_model=False``) and, where the point is not
validation, so is schema validation: both cost seconds and neither changes what is tested here.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from tei.batch import STATE_FILE, build, convert, find_inputs
from tei.config import Config
from tei.errors import TeiError

from tests.conftest import ROOT, SEEDS

PINNED = Config(build_date="1970-01-01", use_model=False)
OUTPUT_DIRS = ("tei", "html", "txt")


def _outputs(out: Path) -> dict[str, bytes]:
    """Every file under tei/, html/ and txt/ of a build, by relative path."""
    return {str(f.relative_to(out)): f.read_bytes()
            for d in OUTPUT_DIRS for f in sorted((out / d).rglob("*")) if f.is_file()}


@pytest.fixture(scope="module")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built once for the module (pinned date, no model, no validation)."""
    out = tmp_path_factory.mktemp("seeds-build")
    report = build([SEEDS], out, PINNED, validate=False)
    assert [r.stem for r in report.results] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert report.ok, [str(e) for r in report.results for e in r.errors]
    return out


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """A private copy of the seeds, to edit."""
    folder = tmp_path / "inputs"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.mark.parametrize("hash_seed", ["12345"])
def test_batch_build_is_byte_reproducible(seeds_build: Path, tmp_path: Path, hash_seed: str) -> None:
    """Same inputs, same date, another process with another hash seed: identical TEI, HTML and text."""
    out = tmp_path / "again"
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    env.pop("SOURCE_DATE_EPOCH", None)
    proc = subprocess.run([sys.executable, "-m", "tei", "build", str(SEEDS), "-o", str(out), "--no-model",
                           "--no-validate", "--date", PINNED.build_date, "--quiet"],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    first, second = _outputs(seeds_build), _outputs(out)
    assert sorted(first) == sorted(second)
    assert len(first) == 3 * len(list(SEEDS.glob("*.txt"))) + 1   # + html/index.html
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []


def test_batch_build_writes_no_wall_clock_time(seeds_build: Path) -> None:
    today = _dt.date.today().isoformat()
    files = _outputs(seeds_build)
    assert [n for n, data in files.items() if today.encode() in data] == []
    assert all(PINNED.build_date.encode() in data for n, data in files.items() if n.startswith("tei/"))


@pytest.mark.parametrize("epoch, date", [("0", "1970-01-01"), ("1000000000", "2001-09-09")])
def test_batch_processing_date_comes_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                            epoch: str, date: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    src = tmp_path / "letter.txt"
    src.write_text("A short letter.\n\nIt has two paragraphs.\n", encoding="utf-8")
    conv = convert(src, Config(use_model=False))
    assert f'when="{date}"'.encode() in conv.xml


def test_batch_second_build_skips_unchanged_inputs(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build([inputs], out, PINNED, validate=False)
    assert [r.skipped for r in first.results] == [False] * len(first.results)
    before = {n: (out / n).stat().st_mtime_ns for n in _outputs(out)}
    second = build([inputs], out, PINNED, validate=False)
    assert [r.skipped for r in second.results] == [True] * len(first.results)
    assert [r.counts for r in second.results] == [r.counts for r in first.results]
    assert all(before[n] == (out / n).stat().st_mtime_ns for n in before if not n.endswith("index.html"))
    saved = json.loads((out / "report.json").read_text("utf-8"))
    assert [d["skipped"] for d in saved["documents"]] == [True] * len(first.results)
    assert saved["ok"] is True


def test_batch_editing_one_input_rebuilds_only_it(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([inputs], out, PINNED, validate=False)
    edited = sorted(inputs.glob("*.txt"))[-1]
    old_tei = (out / "tei" / f"{edited.stem}.xml").read_bytes()
    edited.write_text(edited.read_text("utf-8") + "\n\nA paragraph added after the first build.\n", "utf-8")
    report = build([inputs], out, PINNED, validate=False)
    assert {r.stem: r.skipped for r in report.results} == {p.stem: p != edited for p in sorted(inputs.glob("*.txt"))}
    new_tei = (out / "tei" / f"{edited.stem}.xml").read_bytes()
    assert new_tei != old_tei and b"A paragraph added after the first build." in new_tei


@pytest.mark.parametrize("change", [
    {"force": True},
    {"config": replace(PINNED, build_date="2001-09-09")},
    {"config": replace(PINNED, use_model=True, skip=frozenset({"entities"}))},
])
def test_batch_force_or_new_settings_rebuild_everything(inputs: Path, tmp_path: Path, change: dict) -> None:
    out = tmp_path / "out"
    small = sorted(inputs.glob("*.txt"), key=lambda p: p.stat().st_size)[:2]   # the cheapest two
    build(small, out, PINNED, validate=False)
    report = build(small, out, change.get("config", PINNED), force=change.get("force", False), validate=False)
    assert [r.skipped for r in report.results] == [False, False]
    assert all(r.ok for r in report.results)


def test_batch_deleted_output_is_rebuilt(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    small = sorted(inputs.glob("*.txt"), key=lambda p: p.stat().st_size)[:1]
    build(small, out, PINNED, validate=False)
    (out / "html" / f"{small[0].stem}.html").unlink()
    report = build(small, out, PINNED, validate=False)
    assert [r.skipped for r in report.results] == [False]
    assert (out / "html" / f"{small[0].stem}.html").is_file()


def test_batch_failed_input_does_not_stop_others_and_is_retried(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-empty.txt").write_bytes(b"")
    (folder / "b-letter.txt").write_text("Dear Sir,\n\nI write to you again.\n", encoding="utf-8")
    out = tmp_path / "out"
    report = build([folder], out, PINNED, validate=False)
    assert [(r.stem, r.ok, [e.code for e in r.errors]) for r in report.results] == [
        ("a-empty", False, ["ING003"]), ("b-letter", True, [])]
    assert not report.ok
    assert (out / "tei" / "b-letter.xml").is_file() and not (out / "tei" / "a-empty.xml").exists()
    again = build([folder], out, PINNED, validate=False)
    assert [(r.stem, r.skipped) for r in again.results] == [("a-empty", False), ("b-letter", True)]
    assert "a-empty" not in json.loads((out / STATE_FILE).read_text("utf-8"))


@pytest.mark.parametrize("name, code", [("missing.txt", "CLI001"), ("empty-folder", "CLI002")])
def test_batch_find_inputs_refuses_what_is_not_there(tmp_path: Path, name: str, code: str) -> None:
    (tmp_path / "empty-folder").mkdir()
    with pytest.raises(TeiError) as info:
        find_inputs([tmp_path / name])
    assert info.value.code == code


@pytest.mark.parametrize("data, code", [(b"", "ING003"), (b"\x00\x01\x02binary\x00" * 40, "ING004")])
def test_batch_convert_leaves_no_output_on_bad_input(tmp_path: Path, data: bytes, code: str) -> None:
    src = tmp_path / "bad.txt"
    src.write_bytes(data)
    target = tmp_path / "bad.xml"
    with pytest.raises(TeiError) as info:
        convert(src, PINNED, out=target)
    assert info.value.code == code
    assert list(tmp_path.iterdir()) == [src]
