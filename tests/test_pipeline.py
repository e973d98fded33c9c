"""The stage order: every stage's requirements met by earlier ones; stages independent of each other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tei import pipeline
from tei.config import Config

STAGE_NAMES = {name for name, _ in pipeline.STAGES}


def test_pipeline_requirements_met():
    assert pipeline.check_requirements() == []


def test_pipeline_reports_missing_requirement():
    stages = [(n, m) for n, m in pipeline.STAGES if n != "clean"]
    problems = pipeline.check_requirements(stages)
    assert any("'structure'" in p and "reading" in p for p in problems)


@pytest.mark.parametrize("name,module", pipeline.STAGES)
def test_pipeline_stage_does_not_import_other_stages(name, module):
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "tei":
                imported |= {a.name for a in node.names}
            elif node.module.startswith("tei."):
                imported.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            imported |= {a.name.split(".")[1] for a in node.names if a.name.startswith("tei.")}
    assert not (imported & STAGE_NAMES) - {name}


@pytest.mark.parametrize("name,module", pipeline.STAGES)
def test_pipeline_stage_declares_contract(name, module):
    assert isinstance(module.REQUIRES, frozenset) and isinstance(module.PROVIDES, frozenset)
    assert callable(module.run)


def test_pipeline_skip_leaves_out_stage_and_its_dependants(make_doc):
    doc = make_doc("Some text in 1921.\n")
    out = pipeline.run(doc, Config(build_date="1970-01-01", skip=frozenset({"clean"}), use_model=False))
    assert "reading" not in out.provided and "dates" not in out.provided
