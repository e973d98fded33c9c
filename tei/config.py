"""Settings for one run, passed explicitly to every stage (no globals)."""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path


def default_build_date() -> str:
    """The processing date: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date().isoformat()
    return _dt.datetime.now(_dt.timezone.utc).date().isoformat()


@dataclass(frozen=True)
class Config:
    """How the pipeline runs.

    Attributes:
        strict: raise the first reported problem instead of collecting it.
        build_date: ISO date written to ``revisionDesc``; fixed for reproducible output.
        encoding: the input's encoding, or ``None`` to detect it (UTF-8, UTF-8 with BOM, UTF-16, cp1252).
        registers: TEI files with ``listPerson``/``listPlace``/``listOrg`` whose entries take priority.
        use_model: run the statistical NER model when it is installed.
        skip: names of stages to leave out.
    """

    strict: bool = False
    build_date: str = field(default_factory=default_build_date)
    encoding: str | None = None
    registers: tuple[Path, ...] = ()
    use_model: bool = True
    skip: frozenset[str] = frozenset()

    def fingerprint(self) -> str:
        """A string that changes whenever a setting that affects the output changes."""
        regs = ",".join(f"{p}:{p.stat().st_mtime_ns if p.exists() else 0}" for p in self.registers)
        return f"date={self.build_date};enc={self.encoding};model={self.use_model};skip={sorted(self.skip)};reg={regs}"
