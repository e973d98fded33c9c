"""Reading inputs: encodings detected, bad input refused with a coded error, never a traceback."""

from __future__ import annotations

import codecs

import pytest

from tei import ingest
from tei.errors import TeiError

TEXT = "Émigré politics in 1921 – “quoted”.\nSecond line.\n"


@pytest.mark.parametrize("data,encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),
    (TEXT.encode("cp1252"), "cp1252"),
    (TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
])
def test_ingest_detects_common_encodings(tmp_path, data, encoding):
    p = tmp_path / "in.txt"
    p.write_bytes(data)
    doc = ingest.read(p)
    assert doc.raw == TEXT
    assert doc.meta.encoding == encoding
    assert [d.code for d in doc.diagnostics] == ([] if encoding.startswith("utf-8") else ["ING005"])


@pytest.mark.parametrize("data,code", [
    (b"", "ING003"),
    (b" \n\n\t", "ING003"),
    (bytes(range(256)) * 4, "ING004"),
    (b"text with a bell \x07 in it\n", "ING006"),
])
def test_ingest_refuses_bad_input_with_code(tmp_path, data, code):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(TeiError) as info:
        ingest.read(p)
    assert info.value.code == code
    assert str(info.value).startswith(str(p))


def test_ingest_forbidden_character_is_located(tmp_path):
    p = tmp_path / "bell.txt"
    p.write_text("line one\nab\x07c\n", encoding="utf-8")
    with pytest.raises(TeiError) as info:
        ingest.read(p)
    assert (info.value.location.line, info.value.location.col) == (2, 3)


@pytest.mark.parametrize("name", ["missing.txt", ""])
def test_ingest_missing_path_or_directory(tmp_path, name):
    with pytest.raises(TeiError) as info:
        ingest.read(tmp_path / name)
    assert info.value.code == "ING001"


def test_ingest_explicit_encoding_wins(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("café\n".encode("latin-1"))
    assert ingest.read(p, encoding="latin-1").raw == "café\n"
    with pytest.raises(TeiError) as info:
        ingest.read(p, encoding="no-such-codec")
    assert info.value.code == "ING002"


def test_ingest_keeps_sha256_of_source_bytes(tmp_path):
    import hashlib

    p = tmp_path / "in.txt"
    p.write_bytes(TEXT.encode("utf-8"))
    assert ingest.read(p).sha256 == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
