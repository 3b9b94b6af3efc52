"""A matching view of a document's text, with a map back to original offsets.

Extraction runs on the normalised view (simplified characters, half-width digits, no spaces,
page breaks inside sentences joined, Word bookmark markers dropped) and reports offsets into the
original text through `index`, so `text[start:end]` is always the quantity as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULLWIDTH.update({"％": "%", "．": ".", "～": "~", "－": "-", "＋": "+", "﹪": "%"})
_HSPACE = frozenset(" \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff\r")
_SENTENCE_END = frozenset("。！？；：:;!?）)”\"】")
_LINE_MARKER_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]|第[一二三四五六七八九十]+[章条部分])")
_DROP_RE = re.compile(
    r"\[bookmark: [^\]]*\]"  # Word conversion markers
    r"|^[ \t]*[-—–]\s*\d{1,3}\s*[-—–][ \t]*$"  # page numbers "- 3 -"
    r"|第\s*\d+\s*页\s*[,，/]?\s*共\s*\d+\s*页",
    re.M,
)


@lru_cache(maxsize=1)
def _t2s_chars() -> dict[str, str]:
    """Single-character Traditional→Simplified map from OpenCC's dictionary (one char in, one out,
    so offsets stay aligned; phrase-level conversion would change lengths)."""
    table: dict[str, str] = {}
    data = resources.files("opencc").joinpath("dictionary/TSCharacters.txt").read_text("utf-8")
    for line in data.splitlines():
        parts = line.split("\t")
        if len(parts) == 2:
            target = parts[1].split(" ")[0]
            if len(target) == 1 and len(parts[0]) == 1 and target != parts[0]:
                table[parts[0]] = target
    return table


@dataclass(frozen=True)
class NormalizedText:
    text: str  # the matching view
    index: list[int]  # index[i] = offset in the original of text[i]; index[len(text)] = len(original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalised slice [start, end)."""
        return self.index[start], self.index[end - 1] + 1


def _joinable_break(original: str, nl_pos: int) -> bool:
    """A line break inside a sentence (PDF/page-break artefact) rather than between paragraphs."""
    line_start = original.rfind("\n", 0, nl_pos) + 1
    prev_line = original[line_start:nl_pos].strip()
    if len(prev_line) < 30 or prev_line[-1] in _SENTENCE_END:
        return False
    rest = original[nl_pos:].lstrip()
    return bool(rest) and not _LINE_MARKER_RE.match(rest)


@lru_cache(maxsize=1)
def _char_table() -> dict[int, str]:
    table = {ord(k): v for k, v in _t2s_chars().items()}
    table.update({ord(k): v for k, v in _FULLWIDTH.items()})
    return table


_SKIP_RE = re.compile("[" + "".join(sorted(_HSPACE)) + "\n]+")


def normalize(original: str) -> NormalizedText:
    """Build the matching view of `original`."""
    # str.translate maps one char to one char, so positions are unchanged until deletions.
    mapped = original.translate(_char_table())
    dropped = [(m.start(), m.end()) for m in _DROP_RE.finditer(original)]
    out: list[str] = []
    index: list[int] = []
    pos = 0

    def keep(upto: int) -> None:
        if upto > pos:
            out.append(mapped[pos:upto])
            index.extend(range(pos, upto))

    cuts: list[tuple[int, int, bool]] = [(a, b, False) for a, b in dropped]
    for match in _SKIP_RE.finditer(original):
        has_newline = "\n" in match.group()
        cuts.append((match.start(), match.end(), has_newline and not _joinable_break(original, match.start() + match.group().index("\n"))))
    cuts.sort()
    for start, end, paragraph_break in cuts:
        if end <= pos:
            continue
        start = max(start, pos)
        keep(start)
        if paragraph_break and (not out or not out[-1].endswith("\n")):
            out.append("\n")
            index.append(start + original[start:end].index("\n") if "\n" in original[start:end] else start)
        pos = end
    keep(len(original))
    index.append(len(original))
    return NormalizedText("".join(out), index)
