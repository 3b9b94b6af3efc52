"""Sentences and section headings of a (normalised) report text."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

_SENTENCE_RE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
# Headings: "一、…", "（一）…", "1、…" / "1.…" on their own line, or short lines without a full stop.
_HEADING_RES = (
    (1, re.compile(r"^[一二三四五六七八九十]+、")),
    (2, re.compile(r"^[（(][一二三四五六七八九十]+[)）]")),
    (3, re.compile(r"^\d{1,2}[、.．](?!\d)")),
)
# A short line without a full stop that names a part of the report is a heading too.
_FULL_STOP_RE = re.compile(r"[。；;]")
_TOPIC_HEADING_RE = re.compile(r"成效|举措|不足|问题|打算|计划|下一步|情况")
_TITLE_END_RE = re.compile(r"[。；]")
_PLAN_HEADING_RE = re.compile(r"下一步|工作打算|工作计划|工作思路|努力方向|工作安排|工作展望|\d{4}年(?:度)?(?:工作)?(?:重点|打算|计划)")
_FINDING_HEADING_RE = re.compile(r"主要举措|成效|情况")


class Sentence(NamedTuple):  # a tuple: hundreds per report, and a frozen dataclass is slow to build
    start: int  # normalised offsets
    end: int
    text: str


@dataclass(frozen=True)
class Heading:
    start: int
    level: int
    text: str


@dataclass(frozen=True)
class Section:
    """The headings enclosing a stretch of text, with what the extractor derives from them."""
    path: list[str]  # heading texts, outermost first
    in_plan: bool  # is_plan_section(path)


_NO_SECTION = Section([], False)


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text` that are not blank, in order."""
    return list(iter_sentences(text))


def iter_sentences(text: str) -> Iterator[Sentence]:
    """split_sentences(text), one at a time: a text of a million sentences need not hold them all."""
    return (Sentence(m.start(), m.end(), t) for m in _SENTENCE_RE.finditer(text) if (t := m.group()).strip())


def _heading_level(line: str) -> int | None:
    for level, pattern in _HEADING_RES:
        if pattern.match(line):
            # "1、" items that run on as paragraphs are list items, not headings.
            if level == 3 and len(line) > 60:
                return None
            return level
    stripped = line.strip()
    if 4 <= len(stripped) <= 40 and not _FULL_STOP_RE.search(stripped) and _TOPIC_HEADING_RE.search(stripped):
        return 1
    return None


class SectionIndex:
    """Answers 'which heading path encloses offset X' for a normalised text."""

    def __init__(self, text: str) -> None:
        self.headings: list[Heading] = []
        pos = 0
        for line in text.split("\n"):
            level = _heading_level(line)
            if level is not None:
                title = _TITLE_END_RE.split(line, maxsplit=1)[0].strip()
                self.headings.append(Heading(pos, level, title[:60]))
            pos += len(line) + 1
        self._starts = [h.start for h in self.headings]
        # The enclosing section after each heading, computed once (sections are asked per sentence).
        self._sections: list[Section] = []
        stack: list[Heading] = []
        for heading in self.headings:
            while stack and stack[-1].level >= heading.level:
                stack.pop()
            stack.append(heading)
            path = [h.text for h in stack]
            self._sections.append(Section(path, is_plan_section(path)))

    def section(self, offset: int) -> Section:
        """The section that encloses `offset`."""
        index = bisect_right(self._starts, offset)
        return self._sections[index - 1] if index else _NO_SECTION

    def path(self, offset: int) -> list[str]:
        """Heading texts from outermost to innermost that enclose `offset`."""
        return self.section(offset).path


def is_plan_section(path: list[str]) -> bool:
    """Plans and targets for next year ("下一步工作打算") are not facts of the report year."""
    return any(_PLAN_HEADING_RE.search(title) for title in path[:1]) or any(
        _PLAN_HEADING_RE.search(title) and not _FINDING_HEADING_RE.search(title) for title in path
    )
