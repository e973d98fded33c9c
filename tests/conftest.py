"""Shared fixtures: hand-built documents, a pinned config, paths to the seeds and the shared kit."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pytest
from hypothesis import settings

from tei.config import Config
from tei.model import Document, Note, Span

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"

settings.register_profile("ci", deadline=None, max_examples=60)
settings.load_profile("ci")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def config() -> Config:
    """A config with the processing date pinned, as reproducible output needs."""
    return Config(build_date="1970-01-01")


def build_doc(text: str, spans: Iterable[Span] = (), notes: Iterable[Note] = (),
              provided: Iterable[str] = ("raw",), name: str = "test.txt") -> Document:
    doc = Document(raw=text, path=Path(name))
    for s in spans:
        doc.add(s)
    doc.notes.extend(notes)
    doc.provided |= set(provided)
    return doc


@pytest.fixture
def make_doc():
    """``make_doc(text, spans=(), notes=(), provided=("raw",))`` builds a Document by hand."""
    return build_doc


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory):
    """The seeds built once per test session (pinned date), shared by the end-to-end tests."""
    from tei.batch import build

    out = tmp_path_factory.mktemp("seeds-build")
    report = build([SEEDS], out, Config(build_date="1970-01-01"))
    return out, report


@pytest.fixture(scope="session")
def small_input() -> Path:
    """The smallest seed: a real input that builds in well under a second."""
    return min(SEEDS.glob("*.txt"), key=lambda p: p.stat().st_size)


@pytest.fixture(scope="session")
def small_build(tmp_path_factory: pytest.TempPathFactory, small_input: Path) -> Path:
    """One real, validated build of the smallest seed (no NER model, pinned date); read-only for tests."""
    from tei.batch import build

    out = tmp_path_factory.mktemp("small-build") / "out"
    report = build([small_input], out, Config(build_date="1970-01-01", use_model=False))
    assert report.ok, [str(e) for r in report.results for e in r.errors]
    return out
