"""The verb that opens a list of figures: in "共审查重大行政决策1件、规范性文件10件、合同70余份" the second
and third items have only their noun; they read the first item's text up to its verb plus their own noun
("共审查规范性文件"). Where no rule names a figure from its own text, the rules read this
(ingest.classify.catalog.classify_scored, `code_reason` 'rule list')."""

from __future__ import annotations

import re

# A list item after the previous figure: a 、 and a short noun of its own, no clause break, no verb.
_ITEM_RE = re.compile(r"、[^，。；;,：:、]{1,12}")
_ITEM_VERB_RE = re.compile(r"进行|开展|组织|参加|参与|召开|举办|完成|实现|新建|制定|印发|出台|推动|落实|选聘|聘请|"
                           r"办理|受理|审查|审核|清理|发放|培训|调解|化解|检查|查处|出具|提供|解答|废止|修订|备案")
_HEAD_VERB_RE = re.compile(r"(?:参与|参加|出席|审查|审核|办理|受理|办结|完成|出具|开展|组织|举办|制定|发放|调解|化解|查处|检查|清理|"
                           r"备案|修订|废止|修改|聘请|选聘|处理|提供|解答|接待|发布|推送|征集|收到|收集|梳理|公布|公开)")


def leading_windows(windows: list[str], limit: int) -> list[str]:
    """For each figure's window (the text back to the previous figure), the list head's text up to its
    verb plus the figure's own noun when the figure continues a list, at most `limit` characters; ""
    otherwise. The head is cut to `limit` once, so a long list costs one short string per item."""
    out = [""] * len(windows)
    opener, head = 0, None  # the window that opens the current list; its head, read when an item needs it
    for i, window in enumerate(windows):
        if i and _ITEM_RE.fullmatch(window) and not _ITEM_VERB_RE.search(window):
            if head is None:
                opening = windows[opener]
                end = max((m.end() for m in _HEAD_VERB_RE.finditer(opening)), default=0)
                head = opening[max(0, end - limit):end]
            if head:
                out[i] = (head + window[1:])[-limit:]
            continue
        opener, head = i, None
    return out
