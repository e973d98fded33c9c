"""tei: raw scholarly text (OCR, PDF extraction, publisher pages) to archival TEI P5, validated and rendered.

The library API::

    from pathlib import Path
    from tei import build, convert, iter_errors, render

    conv = convert("seeds/000_b7f73842bc1c9dd8.txt", out=Path("000.xml"))
    problems = list(iter_errors(Path("000.xml")))
    html = render(Path("000.xml"), to="html").output
    report = build(["seeds"], "out")

Names are imported on first use, so ``import tei`` stays cheap (no XSLT or NLP engines
are loaded until a function that needs them is called).
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "build": "tei.batch", "convert": "tei.batch", "BuildReport": "tei.batch", "Conversion": "tei.batch",
    "Config": "tei.config",
    "TeiError": "tei.errors", "Location": "tei.errors", "CODES": "tei.errors",
    "Document": "tei.model", "Span": "tei.model", "Note": "tei.model", "Entity": "tei.model",
    "HeaderMeta": "tei.model", "SourceMap": "tei.model",
    "render": "tei.render",
    "validate": "tei.validate", "iter_errors": "tei.validate", "is_valid": "tei.validate",
    "deposit": "tei.deposit", "verify": "tei.deposit",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'tei' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
