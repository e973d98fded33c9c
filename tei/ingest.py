"""Reading an input file into a Document: decoding, and refusing what is not text.

The decoded text becomes ``Document.raw`` and never changes afterwards.  Only two
things are normalised on the way in, both invisible to a reader and both what
Python's own text mode does: a byte-order mark is dropped and CRLF/CR line ends
become LF.  Everything else the file holds is kept.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from tei.errors import Location, TeiError
from tei.model import Document

#: characters XML 1.0 forbids (form feed and vertical tab are allowed through: they are
#: whitespace, and the serializer writes them as line ends).
_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
#: byte-order marks, longest first.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
#: encodings tried, in order, when none is given and there is no byte-order mark.
FALLBACK_ENCODINGS = ("utf-8", "cp1252")


def detect_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark or the NUL pattern of BOM-less UTF-16 announces, if any."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) >= len(sample) // 3:
        odd_nuls = sample[1::2].count(0)
        even_nuls = sample[0::2].count(0)
        if odd_nuls > 0.8 * (len(sample) // 2) and even_nuls == 0:
            return "utf-16-le"
        if even_nuls > 0.8 * (len(sample) // 2) and odd_nuls == 0:
            return "utf-16-be"
    return None


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode the bytes of a text file.

    Returns:
        ``(text, encoding)``: the text with any BOM dropped and line ends as LF.
    Raises:
        TeiError: ING002 (undecodable), ING003 (empty), ING004 (binary).
    """
    loc = Location(path)
    if not data.strip(b" \t\r\n\x0c\x0b") or data in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raise TeiError.make("ING003", loc)
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise TeiError.make("ING002", loc, encoding=f"'{encoding}' (unknown encoding)") from None
        candidates: tuple[str, ...] = (encoding,)
    else:
        announced = detect_encoding(data)
        if announced is None and b"\x00" in data:
            raise TeiError.make("ING004", loc)
        candidates = (announced,) if announced else FALLBACK_ENCODINGS
    for name in candidates:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        text = text.lstrip("\ufeff") if name.startswith("utf") else text
        return text.replace("\r\n", "\n").replace("\r", "\n"), name
    raise TeiError.make("ING002", loc, encoding=" or ".join(candidates))


def check_characters(text: str, path: str) -> None:
    """Refuse text holding characters XML 1.0 cannot carry (binary data, most control codes).

    Raises:
        TeiError: ING004 when many such characters suggest a binary file, ING006 otherwise.
    """
    bad = list(_FORBIDDEN.finditer(text))
    if not bad:
        return
    if len(bad) > max(8, len(text) // 200):
        raise TeiError.make("ING004", Location(path))
    first = bad[0].start()
    line = text.count("\n", 0, first) + 1
    col = first - (text.rfind("\n", 0, first) + 1) + 1
    raise TeiError.make("ING006", Location(path, line, col), count=len(bad),
                        char=f"U+{ord(bad[0].group()):04X}")


def read(path: Path | str, *, encoding: str | None = None) -> Document:
    """Read a text file into a new Document.

    Args:
        path: the input file.
        encoding: its encoding; detected when ``None`` (UTF-8, BOMs, UTF-16, then cp1252).
    Returns:
        A Document whose ``raw`` is the decoded text.
    Raises:
        TeiError: ING001 (unreadable), ING002-ING004, ING006.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise TeiError.make("ING001", Location(str(p)), path=p, reason="it is a directory") from None
    except FileNotFoundError:
        raise TeiError.make("ING001", Location(str(p)), path=p, reason="no such file") from None
    except OSError as exc:
        raise TeiError.make("ING001", Location(str(p)), path=p, reason=exc.strerror or str(exc)) from None
    text, used = decode(data, str(p), encoding)
    check_characters(text, str(p))
    doc = Document(raw=text, path=p, source_bytes_sha256=hashlib.sha256(data).hexdigest())
    doc.meta.encoding = used
    if used not in ("utf-8", "utf-8-sig") and encoding is None:
        doc.warn("ING005", encoding=used)
    return doc


def from_text(text: str, name: str = "<input>") -> Document:
    """A Document from a string already in memory (the library API's entry for text)."""
    check_characters(text, name)
    return Document(raw=text.replace("\r\n", "\n").replace("\r", "\n"), path=Path(name))
