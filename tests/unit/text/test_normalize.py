"""The matching view of a text and its map back to original offsets: every fact's offsets come from it."""

from __future__ import annotations

import random

import pytest

from ingest.text.normalize import normalize


def _back(original: str, norm, start: int, end: int) -> str:
    a, b = norm.span(start, end)
    return original[a:b]


def test_an_empty_or_blank_text():
    assert normalize("").text == ""
    assert normalize("").original_offset(0) == 0
    blank = "  \u3000\n\n\t "
    norm = normalize(blank)
    assert norm.text == "\n"  # the paragraph break is kept, at the first line break
    assert (norm.original_offset(0), norm.original_offset(1)) == (3, len(blank))


def test_spaces_are_dropped_and_offsets_point_into_the_original():
    original = "全年共收到 行政复议申请 １２ 件。"
    norm = normalize(original)
    assert norm.text == "全年共收到行政复议申请12件。"
    start = norm.text.index("12件")
    assert _back(original, norm, start, start + 3) == "１２ 件"


def test_a_page_footer_is_dropped_and_a_paragraph_break_kept():
    original = "第一段结束。\n第 3 页 共 12 页\n\n第二段有5件。"
    norm = normalize(original)
    assert "页" not in norm.text and "\n" in norm.text
    newline = norm.text.index("\n")
    assert original[norm.original_offset(newline)] == "\n"
    start = norm.text.index("5件")
    assert _back(original, norm, start, start + 2) == "5件"


def test_offsets_outside_the_view_are_an_error():
    norm = normalize("共5件")
    assert norm.original_offset(len(norm.text)) == len("共5件")
    for bad in (-1, len(norm.text) + 1):
        with pytest.raises(IndexError):
            norm.original_offset(bad)


def test_every_character_of_the_view_comes_from_its_offset():
    rng = random.Random(7)
    alphabet = "法治件次１２3 \u3000\n\t。，第页共-"
    for _ in range(300):
        original = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        norm = normalize(original)
        offsets = [norm.original_offset(i) for i in range(len(norm.text))]
        assert offsets == sorted(offsets) and len(set(offsets)) == len(offsets)
        for i, char in enumerate(norm.text):
            source = original[offsets[i]]
            assert source == char or (source, char) in {("１", "1"), ("２", "2")} or char == "\n" and source == "\n"
        for start in range(len(norm.text)):
            for end in range(start + 1, min(len(norm.text), start + 6) + 1):
                assert norm.span(start, end) == (offsets[start], offsets[end - 1] + 1)
