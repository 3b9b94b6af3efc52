"""A matching view of a document's text, with a map back to original offsets.

Extraction runs on the normalised view (simplified characters, half-width digits, no spaces,
page breaks inside sentences joined, Word bookmark markers dropped) and reports offsets into the
original text through `index`, so `text[start:end]` is always the quantity as written.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULLWIDTH.update({"％": "%", "．": ".", "～": "~", "－": "-", "＋": "+", "﹪": "%"})
_HSPACE = frozenset(" \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff\r")
_NOT_SPACE_RE = re.compile(r"\S")
_SENTENCE_END = frozenset("。！？；：:;!?）)”\"】")
# Matched where the next line's text starts (after its leading whitespace).
_LINE_MARKER_RE = re.compile(r"(?:[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]|第[一二三四五六七八九十]+[章条部分])")
_DROP_RES = (
    re.compile(r"\[bookmark: [^\]]*\]"),  # Word conversion markers
    re.compile(r"^[ \t]*[-—–]\s*\d{1,3}\s*[-—–][ \t]*$", re.M),  # page numbers "- 3 -"
    re.compile(r"第\s*\d+\s*页\s*[,，/]?\s*共\s*\d+\s*页"),  # "第 3 页 共 12 页"
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
    # The view is runs of the original, one character for one (mapped: simplified, half-width), plus a
    # one-character "\n" run at each paragraph break: run k starts at text offset starts[k] and original
    # offset origins[k]; the last entry is (len(text), len(original)). One entry per run, not per character:
    # building a per-character map was most of normalize()'s time.
    starts: array
    origins: array

    def original_offset(self, i: int) -> int:
        """Offset in the original of text[i] (len(original) for i = len(text))."""
        if not 0 <= i <= self.starts[-1]:
            raise IndexError(f"offset {i} outside the normalised text (0-{self.starts[-1]})")
        k = bisect_right(self.starts, i) - 1
        return self.origins[k] + i - self.starts[k]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalised slice [start, end); called for every fact, so inlined."""
        starts, origins = self.starts, self.origins
        if not 0 <= start < end <= starts[-1]:
            if start == end:
                return (offset := self.original_offset(start)), offset
            raise IndexError(f"slice {start}:{end} outside the normalised text (0-{starts[-1]})")
        k = bisect_right(starts, start) - 1
        last = bisect_right(starts, end - 1, k) - 1
        return origins[k] + start - starts[k], origins[last] + end - starts[last]


def _joinable_break(original: str, nl_pos: int) -> bool:
    """A line break inside a sentence (PDF/page-break artefact) rather than between paragraphs."""
    line_start = original.rfind("\n", 0, nl_pos) + 1
    prev_line = original[line_start:nl_pos].strip()
    if len(prev_line) < 30 or prev_line[-1] in _SENTENCE_END:
        return False
    # Found in place: slicing off the rest of the document per line break is quadratic.
    rest = _NOT_SPACE_RE.search(original, nl_pos)
    return rest is not None and not _LINE_MARKER_RE.match(original, rest.start())


@lru_cache(maxsize=1)
def _char_table() -> dict[int, str]:
    table = {ord(k): v for k, v in _t2s_chars().items()}
    table.update({ord(k): v for k, v in _FULLWIDTH.items()})
    return table


# "[…][…]*" rather than "[…]+": the regex engine skips ahead to a pattern's first character only
# when the pattern starts with a plain character class, not with a repeat of one.
_SKIP_CLASS = "[" + "".join(sorted(_HSPACE)) + "\n]"
_SKIP_RE = re.compile(_SKIP_CLASS + _SKIP_CLASS + "*")
# Few enough replacements that substituting them one by one beats translating every character.
_FEW_MAPPED = 64


@lru_cache(maxsize=1)
def _mapped_chars() -> tuple[re.Pattern[str], dict[str, str]]:
    """A regex for the table's characters, and the table by character. Characters above U+FFFF
    are matched by one range (a class listing them is tested by a slow scan of the list, where
    the rest is a bitmap) and looked up when found."""
    table = {chr(k): v for k, v in _char_table().items()}
    bmp = "".join(re.escape(c) for c in sorted(table) if c <= "\uffff")
    return re.compile(f"[{bmp}\U00010000-\U0010FFFF]"), table


def _map_chars(original: str) -> str:
    """`original` with each character of the table replaced: one char in, one out.

    Most reports are simplified Chinese with a few full-width characters at most, and translate()
    looks every character up (a miss costs an exception inside CPython), so the few characters
    to map are found with a regex and substituted; a report with many (traditional Chinese) is
    translated as before."""
    pattern, table = _mapped_chars()
    mapped, count = pattern.subn(lambda m: table.get(m.group(), m.group()), original, count=_FEW_MAPPED + 1)
    return mapped if count <= _FEW_MAPPED else original.translate(_char_table())


def _dropped_spans(original: str) -> list[tuple[int, int]]:
    """Spans of Word markers, page-number lines and page footers, in no particular order.

    Three regexes rather than one alternation: the ones starting with a fixed character are found
    by a fast skip-ahead that an alternation containing "^" disables. Their matches cannot overlap
    one another partly (a marker ends at "]", which neither of the others contains; a page-number
    line holds only spaces, dashes and digits, a footer starts with 第 and ends with 页), and a match
    inside a marker is skipped by normalize() as it follows the marker's cut, so the cuts are those
    of the single alternation."""
    return [m.span() for pattern in _DROP_RES for m in pattern.finditer(original)]


def normalize(original: str) -> NormalizedText:
    """Build the matching view of `original`."""
    # Characters map one to one, so positions are unchanged until deletions.
    mapped = _map_chars(original)
    dropped = _dropped_spans(original)
    out: list[str] = []
    starts, origins = array("q"), array("q")
    length = 0  # of the view so far
    pos = 0

    def keep(upto: int) -> None:
        nonlocal length
        if upto > pos:
            out.append(mapped[pos:upto])
            starts.append(length)
            origins.append(pos)
            length += upto - pos

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
            starts.append(length)
            origins.append(start + original[start:end].index("\n") if "\n" in original[start:end] else start)
            length += 1
        pos = end
    keep(len(original))
    starts.append(length)
    origins.append(len(original))
    return NormalizedText("".join(out), starts, origins)
