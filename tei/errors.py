"""One error type for the whole pipeline, with a catalogue of coded messages.

Every problem the pipeline reports about a document or a file is a :class:`TeiError`
with a code (``ING001``), a location (file, line, column; 0 = unknown) and a
severity.  The wording lives in :data:`CODES` only, so a code always reads the same.
Bugs stay ordinary Python exceptions and are never wrapped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]

#: code -> (severity, message template).  Retired numbers are never reused.
CODES: dict[str, tuple[Severity, str]] = {
    # ingest: reading the input
    "ING001": ("error", "cannot read '{path}': {reason}"),
    "ING002": ("error", "cannot decode the input as {encoding}; pass --encoding"),
    "ING003": ("error", "the input is empty"),
    "ING004": ("error", "the input looks binary (NUL bytes or control characters), not text"),
    "ING005": ("warning", "decoded as {encoding}, not UTF-8"),
    "ING006": ("error", "character {char} is not allowed in XML 1.0 ({count} such in the file); remove it or fix the file's encoding"),
    # pages: printed pages, running heads, noise lines
    "PAG001": ("warning", "page sequence jumps from {prev} to {next}"),
    "PAG002": ("warning", "page number '{printed}' read as {n}"),
    "PAG003": ("warning", "page {n} goes backwards after {prev}"),
    # repeats
    "REP001": ("warning", "passage of {chars} characters repeats the one at line {line}; marked surplus"),
    # notes
    "NOT001": ("warning", "note {n}: no marker found in the text; the note stays at its page"),
    "NOT002": ("warning", "marker {n} has no note text in the file"),
    # clean: repairs
    "CLN001": ("warning", "OCR repair '{orig}' -> '{reg}' is a guess"),
    # structure
    "STR001": ("warning", "text outside any block was wrapped in <ab>"),
    # entities, dates
    "ENT001": ("warning", "register '{path}': {reason}"),
    "DAT001": ("warning", "cannot normalise date '{text}'"),
    # header
    "HDR001": ("error", "teiHeader template failed: {reason}"),
    # serialize
    "SER001": ("warning", "<{tag}> at {start}-{end} crosses <{other}>; dropped"),
    # validation engines
    "XML001": ("error", "not well-formed XML: {reason}"),
    "XML002": ("error", "refused XML construct: {reason}"),
    "RNG001": ("error", "{schema}: {reason}"),
    "XSD001": ("error", "{schema}: {reason}"),
    "SCH001": ("error", "{schema}: {reason}"),
    "SCH002": ("error", "{schema}: unresolved pointer: {reason}"),
    "SCH003": ("error", "{schema}: @when with a range or fuzzy bound: {reason}"),
    "SCH004": ("error", "{schema}: date range reversed: {reason}"),
    "SCH005": ("error", "{schema}: fuzzy date bounds reversed: {reason}"),
    "SCH006": ("error", "{schema}: note without @n: {reason}"),
    # SCH007 (pb without @n) retired: a page whose number is unknown gets a bare <pb/>.
    "SCH008": ("error", "{schema}: malformed choice: {reason}"),
    "TEI001": ("error", "{schema}: {reason}"),
    # render
    "RND001": ("warning", "unhandled element <{name}>: text kept, markup dropped"),
    "RND002": ("warning", "stylesheet message: {text}"),
    "RND901": ("error", "XSLT failed: {reason}"),
    # deposit, verify
    "DEP001": ("error", "{path}: file missing from the bag"),
    "DEP002": ("error", "{path}: file not listed in the manifest"),
    "DEP003": ("error", "{path} {algorithm} validation failed: expected=\"{expected}\" found=\"{found}\""),
    "DEP004": ("error", "refusing to package: {count} TEI file(s) invalid (use --allow-invalid)"),
    "DEP005": ("error", "not a usable bag: {reason}"),
    "DEP006": ("error", "input '{path}' named in report.json is gone; the bag must hold the original inputs"),
    "DEP007": ("error", "{path}: schema missing from the bag; its TEI cannot be revalidated against it"),
    # command line / build
    "CLI001": ("error", "{path}: no such file or directory"),
    "CLI002": ("error", "{path}: no input files found (looked for *.txt)"),
    "CLI003": ("error", "cannot write '{path}': {reason}"),
    "CLI004": ("error", "{path} and {other} would both be written as '{stem}'; rename one"),
}

_CODE_RE = re.compile(r"^[A-Z]{3}\d{3}$")


@dataclass(frozen=True)
class Location:
    """A place in a file: 1-based line and column; 0 means unknown."""

    file: str = ""
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        parts = [self.file or "<input>"]
        if self.line:
            parts.append(str(self.line))
            if self.col:
                parts.append(str(self.col))
        return ":".join(parts)


@dataclass
class TeiError(Exception):
    """A located, coded problem.  ``str(err)`` is one compiler-style line."""

    code: str
    message: str
    location: Location = field(default_factory=Location)
    severity: Severity = "error"
    upstream: str | None = None

    def __post_init__(self) -> None:
        if not _CODE_RE.match(self.code):
            raise ValueError(f"bad error code {self.code!r}")
        super().__init__(str(self))

    @classmethod
    def make(cls, code: str, location: Location | None = None, *, upstream: str | None = None,
             severity: Severity | None = None, **fields: object) -> TeiError:
        """Build an error from the catalogue: ``TeiError.make("ING003", loc)``."""
        default_severity, template = CODES[code]
        return cls(code, template.format(**fields), location or Location(),
                   severity or default_severity, upstream)

    def __str__(self) -> str:
        return f"{self.location}: {self.severity} {self.code}: {self.message}"

    def __hash__(self) -> int:
        return hash((self.code, self.message, self.location, self.severity))

    def to_dict(self) -> dict[str, object]:
        """The same fields as a JSON-ready dict."""
        return {"code": self.code, "severity": self.severity, "message": self.message,
                "file": self.location.file, "line": self.location.line, "col": self.location.col,
                "upstream": self.upstream}
