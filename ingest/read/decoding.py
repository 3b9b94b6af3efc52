"""Bytes → text: detect the encoding of a text file instead of assuming UTF-8."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ingest.read.common_hanzi import COMMON_HANZI
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


# strict decoders tried on every text without a byte-order mark, in order of preference on a tie; a family's
# later members (Microsoft's and Hong Kong's supersets of Big5) are tried only when the earlier ones refuse
_FAMILIES = (("utf-8",), ("gb18030",), ("big5", "cp950", "big5hkscs"))
_CANDIDATES = tuple(name for family in _FAMILIES for name in family)
_SAMPLE_CHARS = 200_000  # score the head of long texts: enough evidence, bounded time
_CLEAR_MARGIN = 0.25  # the winner's share of common characters must exceed the runner-up's by this much


def common_share(text: str) -> float:
    """Share of the non-ASCII, non-space characters (up to a sample) that are common Chinese characters or
    punctuation: near 1 for Chinese text in its right encoding, low for the mojibake of a wrong one."""
    chars = [ch for ch in text[:_SAMPLE_CHARS] if ch > "\x7f" and not ch.isspace()]
    return sum(map(COMMON_HANZI.__contains__, chars)) / len(chars) if chars else 0.0


def decode_bytes(data: bytes, big5: bool = True) -> tuple[str, str]:
    """Return (text, encoding name). Raises ReadError when the bytes are not text, or when the evidence
    leaves the encoding unclear.

    A byte-order mark decides first. Otherwise the bytes are decoded with each strict candidate (UTF-8,
    GB18030, Big5/cp950/Big5-HKSCS) and the decodings scored by their share of common Chinese characters:
    GB18030 accepts almost every Big5 byte pair, so "the first decoder that accepts the bytes" turns a Big5
    report into meaningless characters. The clear winner is chosen; strict UTF-8 validity is itself strong
    evidence and wins a close call; a close call without it is refused. charset-normalizer decides only
    what no strict candidate accepts. `big5=False` leaves the Big5 family out (the sidecar CSV is
    documented as UTF-8 or GB18030, and its few Chinese names are little evidence).
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
    decodings: dict[str, str] = {}  # text -> first candidate that gave it
    for family in _FAMILIES if big5 else _FAMILIES[:2]:
        for name in family:
            try:
                decodings.setdefault(data.decode(name), name)
                break
            except UnicodeDecodeError as exc:
                utf8_error = utf8_error or exc
    if len(decodings) == 1:
        return next(iter(decodings.items()))
    if decodings:
        ranked = sorted(((common_share(text), -_CANDIDATES.index(name), text, name) for text, name in decodings.items()),
                        reverse=True)
        (best, _, text, name), (second, _, _, runner_up) = ranked[:2]
        if best - second >= _CLEAR_MARGIN:
            return text, name
        if "utf-8" in decodings.values():
            utf8_text = next(text for text, name in decodings.items() if name == "utf-8")
            return utf8_text, "utf-8"
        raise ReadError(f"encoding unclear: {name} and {runner_up} both plausible "
                        f"({best:.0%} and {second:.0%} common Chinese characters)")
    best = from_bytes(data).best()
    if best is None:
        raise ReadError(f"cannot detect the text encoding (invalid UTF-8 at byte {utf8_error.start}; "
                        "not GB18030, Big5 or another known charset either)")
    return str(best), best.encoding
