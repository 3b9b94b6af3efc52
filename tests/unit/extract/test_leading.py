"""A list's opening verb read by the items that have only their noun (ingest/extract/leading.py)."""

from __future__ import annotations

from ingest.extract.extractor import extract_facts
from ingest.extract.leading import leading_windows


def test_items_read_the_head_up_to_its_verb():
    windows = ["全年共审查重大行政决策", "、规范性文件", "、合同"]
    assert leading_windows(windows, 60) == ["", "全年共审查规范性文件", "全年共审查合同"]


def test_no_head_verb_or_an_item_with_its_own_verb_or_clause_reads_nothing():
    assert leading_windows(["重大行政决策", "、规范性文件"], 60) == ["", ""]
    assert leading_windows(["审查重大行政决策", "、办理复议案件"], 60) == ["", ""]  # its own verb
    assert leading_windows(["审查重大行政决策", "，规范性文件"], 60) == ["", ""]  # a new clause
    # an item with a verb becomes the head of what follows
    assert leading_windows(["收到申请", "、办理复议案件", "、诉讼案件"], 60) == ["", "", "、办理诉讼案件"]


def test_a_listed_document_count_gets_its_code_from_the_lists_verb():
    facts = {f.surface: f for f in extract_facts("2023年，区政府法律顾问共审查重大行政决策1件、规范性文件10件、合同70余份。",
                                                 "t", 2023)}
    assert facts["10件"].indicator == "normative_documents_reviewed"
    assert facts["10件"].code_reason == "rule list"


def test_a_long_head_is_cut_to_the_limit():
    got = leading_windows(["审查" + "很" * 500 + "共审查重大行政决策", "、规范性文件"], 10)
    assert got[1].endswith("共审查规范性文件") and len(got[1]) == 10
