"""tei: raw scholarly text (OCR, PDF extraction, publisher pages) to archival TEI P5, validated and rendered."""

from __future__ import annotations

__version__ = "0.1.0"
