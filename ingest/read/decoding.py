"""Bytes → text: detect the encoding of a text file instead of assuming UTF-8."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ingest.read.document import ReadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the head mean a binary file (UTF-16 is caught by its BOM first)."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.05


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raises ReadError when the bytes are not text.

    A fixed order of strict decoders (BOM, UTF-8, GB18030) comes first because statistical
    detection is unreliable on short Chinese texts (GBK is often reported as Big5 or cp1252);
    charset-normalizer decides only what neither strict decoder accepts (Big5, UTF-16 without BOM ...).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise ReadError(f"invalid {name} text after a byte-order mark ({exc.reason})") from None
    if looks_binary(data):
        raise ReadError("binary file, not text")
    utf8_error = None
    for name in ("utf-8", "gb18030"):
        try:
            return data.decode(name), name
        except UnicodeDecodeError as exc:
            utf8_error = utf8_error or exc
    best = from_bytes(data).best()
    if best is None:
        raise ReadError(f"cannot detect the text encoding (invalid UTF-8 at byte {utf8_error.start}; "
                        "not GB18030 or another known charset either)")
    return str(best), best.encoding
