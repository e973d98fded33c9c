"""The ``tei`` command line: exit codes, one-line diagnostics on stderr, reports, help and docs.

Each command gets a run that succeeds, a run on a faulty input (exit 1, or 2 when the
input is unusable) with its exact diagnostic line, and a usage error (exit 2).  Entity
recognition is irrelevant here, so builds run with ``--no-model``; the Java-based
``tei_all`` check is left out (``no_tei_all``) except where its presence is the point.
"""

from __future__ import annotations

import importlib
import json
import re
import shutil
from pathlib import Path

import pytest
import typer
from lxml import etree
from typer.testing import CliRunner

from tei import __version__
from tei.batch import build
from tei.cli import app
from tei.config import Config
from tei.deposit import deposit
from tei.errors import CODES
from tests.conftest import ROOT, SEEDS

tv = importlib.import_module("tei.validate")
CASES = ROOT / "tests" / "cases"
BROKEN = CASES / "XML001-not-wellformed.xml"
VALID = CASES / "valid-minimal.xml"
DATE = "1970-01-01"
COMMANDS = sorted(typer.main.get_command(app).commands)   # type: ignore[attr-defined]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def no_tei_all(monkeypatch: pytest.MonkeyPatch) -> None:
    """Leave tei_all out (a JVM start-up per call); RELAX NG, XSD and Schematron still run."""
    monkeypatch.setattr(tv, "_tei_all_file", lambda schema_dir: None)


@pytest.fixture(scope="module")
def built(small_build: Path) -> Path:
    return small_build


@pytest.fixture(scope="module")
def bag(tmp_path_factory: pytest.TempPathFactory, built: Path) -> Path:
    return deposit(built, tmp_path_factory.mktemp("cli-bag") / "bag", date=DATE)


def _built_tei(built: Path) -> Path:
    return next((built / "tei").glob("*.xml"))


def _lines(text: str) -> list[str]:
    return text.splitlines()


# --- help, version, docs -----------------------------------------------------------------------
@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_has_help_and_is_in_readme(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.stdout and f"tei {command}" in result.stdout
    readme = (ROOT / "README.md").read_text("utf-8")
    assert f"`tei {command}" in readme


def test_cli_every_error_code_is_in_readme_table() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    documented = set(re.findall(r"^\| ([A-Z]{3}\d{3}) \|", readme, flags=re.MULTILINE))
    assert sorted(set(CODES) - documented) == []
    assert sorted(documented - set(CODES)) == []


def test_cli_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"tei {__version__}\n", "")


@pytest.mark.parametrize("args", [["no-such-command"], ["build", "--no-such-option"]])
def test_cli_unknown_command_or_option_is_usage_error(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == "" and "Usage:" in result.stderr


# --- build ---------------------------------------------------------------------------------------
def test_cli_build_succeeds(runner: CliRunner, small_input: Path, tmp_path: Path, no_tei_all: None) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(small_input), "-o", str(out), "--no-model", "--date", DATE, "-q"])
    assert result.exit_code == 0, result.stderr
    assert _lines(result.stdout)[-1].startswith("1 documents, 0 failed; 0 errors, ")
    assert (out / "tei" / f"{small_input.stem}.xml").is_file() and (out / "report.json").is_file()


def test_cli_build_second_run_reports_unchanged(runner: CliRunner, small_input: Path, tmp_path: Path,
                                                no_tei_all: None) -> None:
    args = ["build", str(small_input), "-o", str(tmp_path / "out"), "--no-model", "--no-validate", "--date", DATE]
    assert runner.invoke(app, args).exit_code == 0
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert f"unchanged: {small_input.stem}" in _lines(result.stderr)
    forced = runner.invoke(app, [*args, "--force"])
    assert f"convert: {small_input.stem}" in _lines(forced.stderr)


def test_cli_build_faulty_input_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "empty.txt"
    src.write_bytes(b"")
    result = runner.invoke(app, ["build", str(src), "-o", str(tmp_path / "out"), "--no-model", "--date", DATE, "-q"])
    assert result.exit_code == 1
    assert _lines(result.stderr) == [f"{src}: error ING003: the input is empty"]
    assert _lines(result.stdout)[-1].startswith("1 documents, 1 failed; 1 errors, 0 warnings")


@pytest.mark.parametrize("args, hint", [
    (["--date", "1970-13-01"], "'1970-13-01' is not an ISO date (YYYY-MM-DD)"),
    (["--register", "no-such-register.xml"], "no-such-register.xml: no such file"),
])
def test_cli_build_bad_option_is_usage_error(runner: CliRunner, small_input: Path, tmp_path: Path,
                                             args: list[str], hint: str) -> None:
    result = runner.invoke(app, ["build", str(small_input), "-o", str(tmp_path / "out"), *args])
    assert result.exit_code == 2
    assert hint in result.stderr and result.stdout == ""
    assert not (tmp_path / "out").exists()


def test_cli_build_missing_input_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here"
    result = runner.invoke(app, ["build", str(missing), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert _lines(result.stderr) == [f"{missing}: error CLI001: {missing}: no such file or directory"]


# --- convert -------------------------------------------------------------------------------------
def test_cli_convert_succeeds_to_stdout(runner: CliRunner, small_input: Path) -> None:
    result = runner.invoke(app, ["convert", str(small_input), "--no-model", "--date", DATE])
    assert result.exit_code == 0
    root = etree.fromstring(result.stdout_bytes)
    assert root.tag == "{http://www.tei-c.org/ns/1.0}TEI"
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name, data, args, code, line", [
    ("missing.txt", None, [], 2, "{src}: error ING001: cannot read '{src}': no such file"),
    ("empty.txt", b"", [], 2, "{src}: error ING003: the input is empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, [], 2,
     "{src}: error ING004: the input looks binary (NUL bytes or control characters), not text"),
    ("cp1252.txt", "Caf\u00e9 society, na\u00efve r\u00e9sum\u00e9s.\n".encode("cp1252"), ["-e", "utf-8"], 2,
     "{src}: error ING002: cannot decode the input as utf-8; pass --encoding"),
])
def test_cli_convert_bad_input_one_line_no_output(runner: CliRunner, tmp_path: Path, name: str, data: bytes | None,
                                                  args: list[str], code: int, line: str) -> None:
    src = tmp_path / name
    if data is not None:
        src.write_bytes(data)
    target = tmp_path / "out.xml"
    result = runner.invoke(app, ["convert", str(src), "-o", str(target), "--no-model", *args])
    assert result.exit_code == code
    assert _lines(result.stderr) == [line.format(src=src)]
    assert result.stdout == ""
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ([name] if data is not None else [])


def test_cli_convert_cp1252_is_detected_with_warning(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "cp1252.txt"
    src.write_bytes("Caf\u00e9 society, na\u00efve r\u00e9sum\u00e9s.\n".encode("cp1252"))
    target = tmp_path / "out.xml"
    result = runner.invoke(app, ["convert", str(src), "-o", str(target), "--no-model", "--date", DATE])
    assert result.exit_code == 0
    assert f"{src}: warning ING005: decoded as cp1252, not UTF-8" in _lines(result.stderr)
    assert "Café society, naïve résumés." in target.read_text("utf-8")
    strict = runner.invoke(app, ["convert", str(src), "-o", str(target), "--no-model", "--date", DATE, "--strict"])
    assert strict.exit_code == 1


def test_cli_convert_missing_argument_is_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["convert"])
    assert result.exit_code == 2 and "Missing argument" in result.stderr


# --- validate ------------------------------------------------------------------------------------
def test_cli_validate_valid_file(runner: CliRunner, built: Path, no_tei_all: None) -> None:
    tei = _built_tei(built)
    result = runner.invoke(app, ["validate", str(tei)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "0 errors in 0 of 1 files\n", "")


def test_cli_validate_broken_file_prints_located_error(runner: CliRunner, no_tei_all: None) -> None:
    result = runner.invoke(app, ["validate", str(BROKEN)])
    assert result.exit_code == 1
    lines = _lines(result.stdout)
    assert re.fullmatch(rf"{re.escape(str(BROKEN))}:\d+:\d+: error XML001: not well-formed XML: .+", lines[0])
    assert lines[-1] == "1 errors in 1 of 1 files"


def test_cli_validate_missing_file_exits_2(runner: CliRunner, tmp_path: Path, no_tei_all: None) -> None:
    missing = tmp_path / "gone.xml"
    result = runner.invoke(app, ["validate", str(VALID), str(missing)])
    assert result.exit_code == 2
    assert _lines(result.stderr)[0].endswith(f"error CLI001: {missing}: no such file or directory")


def test_cli_validate_junit_report(runner: CliRunner, tmp_path: Path, built: Path) -> None:
    report = tmp_path / "report.xml"
    result = runner.invoke(app, ["validate", str(_built_tei(built)), str(BROKEN), "--format", "junit", "-o", str(report)])
    assert result.exit_code == 1 and result.stdout == ""
    suite = etree.parse(str(report)).getroot().find("testsuite")
    assert suite is not None and (suite.get("tests"), suite.get("failures")) == ("2", "1")
    cases = {c.get("name"): c.find("failure") for c in suite.iter("testcase")}
    assert cases[str(_built_tei(built))] is None
    failure = cases[str(BROKEN)]
    assert failure is not None and failure.get("type") == "XML001"
    assert failure.text is not None and failure.text.startswith(f"{BROKEN}:")


def test_cli_validate_json_report(runner: CliRunner, no_tei_all: None) -> None:
    result = runner.invoke(app, ["validate", str(BROKEN), str(VALID), "--format", "json"])
    assert result.exit_code == 1
    objects = [json.loads(line) for line in _lines(result.stdout)]
    assert objects[-1] == {"summary": {"files": 2, "failed": 1, "errors": 1, "warnings": 0}}
    assert [(o["code"], o["file"]) for o in objects[:-1]] == [("XML001", str(BROKEN))]


def test_cli_validate_bad_format_is_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", str(VALID), "--format", "yaml"])
    assert result.exit_code == 2 and "--format" in result.stderr


# --- render --------------------------------------------------------------------------------------
@pytest.mark.parametrize("to, marker", [("html", "<html"), ("text", "")])
def test_cli_render_succeeds(runner: CliRunner, built: Path, to: str, marker: str) -> None:
    result = runner.invoke(app, ["render", str(_built_tei(built)), "--to", to])
    assert result.exit_code == 0 and marker in result.stdout and result.stdout.strip()
    expected = (built / ("html" if to == "html" else "txt") / f"{_built_tei(built).stem}.{'html' if to == 'html' else 'txt'}")
    assert result.stdout == expected.read_text("utf-8")


def test_cli_render_broken_file_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    result = runner.invoke(app, ["render", str(BROKEN), "-o", str(target)])
    assert result.exit_code == 1
    assert _lines(result.stderr) == [
        f"{BROKEN}:24:54: error XML001: not well-formed XML: Opening and ending tag mismatch: hi line 24 and p"]
    assert not target.exists()


@pytest.mark.parametrize("args", [["--to", "pdf"], ["--width", "5"]])
def test_cli_render_bad_option_is_usage_error(runner: CliRunner, built: Path, args: list[str]) -> None:
    result = runner.invoke(app, ["render", str(_built_tei(built)), *args])
    assert result.exit_code == 2 and result.stdout == ""


def test_cli_render_missing_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(tmp_path / "gone.xml")])
    assert result.exit_code == 2
    assert _lines(result.stderr)[0].endswith(f"error CLI001: {tmp_path / 'gone.xml'}: no such file or directory")


# --- registers -----------------------------------------------------------------------------------
def test_cli_registers_succeeds(runner: CliRunner, built: Path, tmp_path: Path) -> None:
    target = tmp_path / "registers.xml"
    result = runner.invoke(app, ["registers", str(built / "tei"), "-o", str(target)])
    assert (result.exit_code, result.stdout) == (0, f"wrote {target}\n")
    assert etree.parse(str(target)).getroot().tag == "{http://www.tei-c.org/ns/1.0}TEI"


def test_cli_registers_broken_file_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "registers.xml"
    result = runner.invoke(app, ["registers", str(BROKEN), "-o", str(target)])
    assert result.exit_code == 1
    assert len(_lines(result.stderr)) == 1
    assert _lines(result.stderr)[0].startswith(f"{BROKEN}: error ENT001: register '{BROKEN}': ")
    assert not target.exists()


def test_cli_registers_without_out_is_usage_error(runner: CliRunner, built: Path) -> None:
    result = runner.invoke(app, ["registers", str(built / "tei")])
    assert result.exit_code == 2 and "--out" in result.stderr


# --- deposit and verify --------------------------------------------------------------------------
def test_cli_deposit_succeeds(runner: CliRunner, built: Path, tmp_path: Path) -> None:
    target = tmp_path / "bag"
    result = runner.invoke(app, ["deposit", str(built), "-o", str(target), "--date", DATE])
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"bag written: {target}\n", "")
    assert "Bagging-Date: 1970-01-01" in (target / "bag-info.txt").read_text("utf-8")


def test_cli_deposit_invalid_build_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "empty.txt"
    src.write_bytes(b"")
    build([src], tmp_path / "out", Config(build_date=DATE, use_model=False))
    result = runner.invoke(app, ["deposit", str(tmp_path / "out"), "-o", str(tmp_path / "bag")])
    assert result.exit_code == 1
    assert _lines(result.stderr) == [f"{tmp_path / 'out' / 'report.json'}: error DEP004: refusing to package: "
                                     "1 TEI file(s) invalid (use --allow-invalid)"]
    assert not (tmp_path / "bag").exists()


def test_cli_deposit_without_out_is_usage_error(runner: CliRunner, built: Path) -> None:
    result = runner.invoke(app, ["deposit", str(built)])
    assert result.exit_code == 2 and "--out" in result.stderr


def test_cli_verify_intact_bag(runner: CliRunner, bag: Path, no_tei_all: None) -> None:
    result = runner.invoke(app, ["verify", str(bag)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"{bag}: intact and valid\n", "")


def test_cli_verify_altered_bag_exits_1(runner: CliRunner, bag: Path, tmp_path: Path, no_tei_all: None) -> None:
    copy = Path(shutil.copytree(bag, tmp_path / "bag"))
    (copy / "data" / "html" / "index.html").unlink()
    result = runner.invoke(app, ["verify", str(copy)])
    assert result.exit_code == 1
    assert _lines(result.stderr) == [f"{copy}/data/html/index.html: error DEP001: data/html/index.html: "
                                     "file missing from the bag"]
    assert result.stdout == f"{copy}: 1 problems\n"


def test_cli_verify_missing_bag_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["verify", str(tmp_path / "gone")])
    assert result.exit_code == 2
    assert _lines(result.stderr)[0].endswith(f"error CLI001: {tmp_path / 'gone'}: no such file or directory")


def test_cli_verify_extra_argument_is_usage_error(runner: CliRunner, bag: Path) -> None:
    result = runner.invoke(app, ["verify", str(bag), "another"])
    assert result.exit_code == 2 and "Got unexpected extra argument" in result.stderr



# --- CI examples -------------------------------------------------------------------------------
def _hook_manifest() -> list[dict[str, object]]:
    """``.pre-commit-hooks.yaml``, with PyYAML when installed, else by a structural reading of its flat list."""
    text = (ROOT / ".pre-commit-hooks.yaml").read_text("utf-8")
    try:
        import yaml  # type: ignore[import-untyped]
    except ImportError:
        hooks: list[dict[str, object]] = []
        for line in text.splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            m = re.fullmatch(r"(- |  )([a-z_]+): (.*)", line)
            assert m, f"unexpected line in the hook manifest: {line!r}"
            if m[1] == "- ":
                hooks.append({})
            value = m[3].strip()
            hooks[-1][m[2]] = ([v.strip() for v in value[1:-1].split(",")] if value.startswith("[")
                               else {"true": True, "false": False}.get(value, value))
        return hooks
    return yaml.safe_load(text)


def test_cli_pre_commit_hook_manifest(runner: CliRunner) -> None:
    hooks = _hook_manifest()
    assert [h["id"] for h in hooks] == ["tei-validate"]
    hook = hooks[0]
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["language"] == "python"
    command = str(hook["entry"]).split()
    assert command[0] == "tei" and command[1] in COMMANDS
    pattern = re.compile(str(hook["files"]))
    assert pattern.search("corpus/letter.xml") and not pattern.search("corpus/letter.txt")
    assert runner.invoke(app, [*command[1:], str(VALID), "--schema", "rng"]).exit_code == 0


def test_cli_ci_examples_use_the_documented_command() -> None:
    workflow = (ROOT / ".github" / "workflows" / "tei-validate.yml").read_text("utf-8")
    assert "tei validate tei/*.xml --format junit -o report.xml" in workflow
    assert "\t" not in workflow
    docs = (ROOT / "docs" / "ci.md").read_text("utf-8")
    assert "id: tei-validate" in docs and ".pre-commit-config.yaml" in docs and "tei-validate.yml" in docs
