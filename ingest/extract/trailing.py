"""What follows a figure in its clause: its object and predicate ("174名村(社区)主要负责人完成述法",
"600多人次参加的…集中培训"). Where no rule names a figure from the text before it, the rules read this
(ingest.classify.catalog.classify_scored, `code_reason` 'rule after'). And the clause after the figure's own,
what a meeting or a study was for, read only by the catalog rows that name a `purpose`."""

from __future__ import annotations

import re
from bisect import bisect_left

# To the end of the clause or list item, at most 30 characters (chosen on the tuning and calibration sets);
# nothing when a list separator follows the figure: what comes next names the next item ("提醒函22件、督办单71件").
_TRAILING_RE = re.compile(r"(?:(?!、)[^，。；;,：:]{0,30})?")
# A list of figures sharing one predicate ("对181件上会议题、拟签订的57份合作协议进行了合法性审查"): between two
# of its figures only the first one's object, a 、 or 和 and a modifier of the next, with no verb of their own
# and no clause break; the predicate after the last figure opens with a verb ("612名领导干部和174名…完成述法").
_LIST_GAP_RE = re.compile(r"(?:[^，。；;,：:、和(（]|[(（][^)）]{0,8}[)）]){0,10}(?:、|和)[^，。；;,：:、]{0,6}")
# The rest of a figure's clause, up to its comma: at most 40 characters (a sentence may hold thousands of
# figures), no colon ("4次：研究…" introduces a list, not a purpose).
_CLAUSE_END_RE = re.compile(r"[^，。；;,：:]{0,40}[，,]")
_NEXT_CLAUSE_RE = re.compile(r"[^，。；;,：:]{0,30}")
# A list item with a verb of its own ("召开党委会议12次、研究重大事项56项，部署…"): the purpose after the list
# is that item's, not the figure's.
_OWN_VERB_ITEM_RE = re.compile(r"、(?:研究|部署|审议|学习|听取|召开|开展|组织|完成|办理|审查|印发|制定|举办)")
_OWN_OBJECT_RE = re.compile(r"(?:[^、和(（]|[(（][^)）]{0,8}[)）])*")  # up to the first 、 or 和 outside brackets
_GAP_VERB_RE = re.compile(r"进行|开展|组织|参加|参与|召开|举办|完成|实现|新建|新招|制定|表彰|印发|出台|推动|落实|"
                          r"选聘|聘请|办理|受理|审查|审核|清理|发放|培训|调解|化解|(?:^|、)(?:对|向|为|将)")
_SHARED_PREDICATE_RE = re.compile(r"(?:进行|开展|实施|完成|组织|予以|依法|全部|均|荣获|获得|获评|被评为|被命名为|参加|参与|接受)"
                                  r"[^，。；;,：:]*$")


def trailing_texts(sentence: str, spans: list[tuple[int, int, str | None]]) -> list[tuple[str, bool]]:
    """The text after each figure (`spans`: start, end in `sentence` and unit, in order, the spans periods.py
    reads) up to the end of its clause, its list item or the next figure; for a figure whose list shares one
    predicate, its own object plus that predicate ("上会议题" + "进行了合法性审查"), flagged True. One pass from
    the right: n figures cost n short reads."""
    texts = [""] * len(spans)
    shared = [False] * len(spans)
    # the text after the figure that ends the current list, and its predicate, read only when a figure before
    # it turns out to share it
    last_text, predicate = "", None
    for i in range(len(spans) - 1, -1, -1):
        end = spans[i + 1][0] if i + 1 < len(spans) else len(sentence)
        texts[i] = _TRAILING_RE.match(sentence, spans[i][1], end).group()
        gap = sentence[spans[i][1]:end]
        if i + 1 < len(spans) and _LIST_GAP_RE.fullmatch(gap) and not _GAP_VERB_RE.search(gap):
            if predicate is None:
                predicate = _shared_predicate(last_text)
            if predicate:  # the predicate of the list the next figure belongs to
                texts[i] = _OWN_OBJECT_RE.match(texts[i]).group() + predicate
                shared[i] = shared[i + 1] = True  # the list's last figure reads the predicate as its own
        else:
            last_text, predicate = texts[i], None  # figure i ends a list (or stands alone)
    return list(zip(texts, shared, strict=True))


def next_clauses(sentence: str, spans: list[tuple[int, int, str | None]]) -> list[str]:
    """The clause after the one each figure ends (its clause ends at a comma within 40 characters, not at a
    semicolon, colon or full stop), at most 30 characters: what a meeting or a study was for ("召开专题会议2次，
    研究部署法治建设重点工作"); nothing when that clause has a figure of its own or a list item with its own verb
    comes first. Rows of the catalog with a `purpose` read it; no other row does."""
    starts = [start for start, _end, _unit in spans]
    clauses = []
    for _start, end, _unit in spans:
        found = _CLAUSE_END_RE.match(sentence, end)
        clause = _NEXT_CLAUSE_RE.match(sentence, found.end()) if found else None
        if clause is None or _OWN_VERB_ITEM_RE.search(sentence, end, found.end()):
            clauses.append("")
            continue
        # A clause that holds a figure of its own counts that ("召开常务会议30次，学习法律法规12次").
        k = bisect_left(starts, clause.start())
        clauses.append("" if k < len(starts) and starts[k] < clause.end() else clause.group())
    return clauses


def _shared_predicate(text: str) -> str:
    """The predicate after the figure that ends a list, if it opens with a verb; it may list objects
    ("先进集体、先进个人"), not go on to another verb ("、组织…")."""
    found = _SHARED_PREDICATE_RE.search(text)
    items = found.group().split("、") if found else [""]
    cut = next((k for k, item in enumerate(items[1:], 1) if _GAP_VERB_RE.search("、" + item)), len(items))
    return "、".join(items[:cut])
