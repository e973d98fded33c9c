"""The only code that knows where schemas, stylesheets and templates live."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def project_root() -> Path:
    """The folder holding ``schemas/`` and ``xslt/``.

    ``TEI_HOME`` overrides it; a source checkout or editable install uses the repository;
    a regular install uses ``<prefix>/share/tei``, where the wheel puts them.
    """
    env = os.environ.get("TEI_HOME")
    if env:
        return Path(env)
    checkout = _PACKAGE.parent
    if (checkout / "schemas").is_dir() and (checkout / "xslt").is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "tei"


def schema(name: str) -> Path:
    """A file in ``schemas/``: ``schema("tei-pipeline.rng")``."""
    return project_root() / "schemas" / name


def stylesheet(name: str) -> Path:
    """An entry stylesheet in ``xslt/``: ``stylesheet("tei2html")``."""
    return project_root() / "xslt" / (name if name.endswith(".xsl") else f"{name}.xsl")


def template(name: str) -> Path:
    """A jinja2 template in ``tei/templates/``."""
    return _PACKAGE / "templates" / name


def data(name: str) -> Path:
    """A packaged data file in ``tei/data/``."""
    return _PACKAGE / "data" / name


def tei_all() -> Path | None:
    """The official TEI P5 ``tei_all.rng`` when it is beside the project (``../shared/reference``)."""
    env = os.environ.get("TEI_ALL_RNG")
    candidates = [Path(env)] if env else []
    candidates.append(project_root().parent / "shared" / "reference" / "tei" / "tei_all.rng")
    for c in candidates:
        if c.is_file():
            return c
    return None
