"""Plain-text reports (.txt): decoded as they are, so offsets match the file."""

from __future__ import annotations

from ingest.read.decoding import decode_bytes


def read_plain_text(data: bytes) -> tuple[str, str, str | None, dict[str, str]]:
    """Return (text, encoding, title, header metadata)."""
    text, encoding = decode_bytes(data)
    return text, encoding, None, {}
