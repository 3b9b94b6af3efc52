"""What a figure measures, in the report's own words (issue 14).

The measure phrase of a figure is the words of its sentence that say what is counted: the acting
body, the action and the object ("县政府常务会议会前学法", "收到行政复议申请", "人民调解调解成功纠纷").
It is read from the clause before the figure, back to the previous figure or clause break, plus the
noun right after the number ("4家律所" → 律所), with filler words dropped (共, 累计, 达, 全年, 其中 ...).
When that clause holds nothing but filler, the clause before it is read instead (a figure opening a
clause after a comma: "，同比增长12%" keeps 同比增长; "，其中92件" reads back to the total's words).
Pure string work: a few short regexes per figure.
"""

from __future__ import annotations

import re

# Words that say nothing about what is counted: scope, totals, copulas, qualifiers, report-year words.
_FILLER_RE = re.compile(
    r"(?:19|20)\d{2}年(?:度)?(?:以来)?|\d{1,2}月(?:份)?(?:\d{1,2}日)?|"
    r"其中|(?<!公)共计|累计|总计|合计|达到|全年|本年度|年度内|今年|年内|"
    r"全(?:县|区|市|旗|州|镇)(?:范围内)?|我(?:县|区|市|旗|局)|本(?:县|区|市)|"
    r"分别(?:为|是|有|达)?|先后|依法|已经|截至(?:目前|年底|年末)?|目前|"
    r"超过|一共|总数|数量|总量|"
    r"[0-9０-９.．%％]+|[，,；;：:、。（）()“”\"'《》【】\[\]\s]"
)
# The noun right after the number: up to the first word that starts a new clause or predicate.
_AFTER_RE = re.compile(r"[\u4e00-\u9fff]{1,6}")
_AFTER_STOP_RE = re.compile(r"的|参与|参加|开展|进行|完成|通过|获得|被|在|与|和|及|同比|较|占|比|，")
_CLAUSE_BREAKS = "，,；;。：:！？!?"
# A phrase is cut to this many characters (the end nearest the figure is kept).
MAX_CHARS = 24


# One-character filler, dropped only at either end of the phrase (inside it they are parts of words:
# 行为, 所有, 公共, 传达); 为 at the end only when it is not the end of 行为, 作为, 认为, 成为.
_LEADING_FILLER = "共达为有了是均约近逾超即和及与并还再又"
_TRAILING_FILLER = frozenset("共达有了是均约近逾等的在中和及与")


def _clean(text: str) -> str:
    # The edges by string methods, not a regex: an end-anchored regex is tried at every position.
    text = _FILLER_RE.sub("", text).lstrip(_LEADING_FILLER)
    end = len(text)
    while end and (text[end - 1] in _TRAILING_FILLER or text[end - 1] == "为" and (end < 2 or text[end - 2] not in "行作认成")):
        end -= 1
    return text[:end]


def measure_phrase(before: str, following: str = "", unit: str | None = None, fallback: str = "") -> str:
    """The measure phrase of a figure. `before`: the sentence text before the figure back to the
    previous figure (or the sentence start); `following`: the text right after the figure, up to the
    next punctuation; `fallback`: what to say when the sentence names nothing (the section heading)."""
    phrase = ""
    rest = before
    # Clause by clause from the figure backwards, until a clause says something (at most three).
    for _ in range(3):
        cut = max(map(rest.rfind, _CLAUSE_BREAKS))
        clause = rest[cut + 1:]
        phrase = _clean(clause)
        if phrase or cut < 0:
            break
        rest = rest[:cut]
    phrase = phrase[-MAX_CHARS:]
    noun = _AFTER_RE.match(following)
    if noun:
        word = noun.group()
        stop = _AFTER_STOP_RE.search(word)
        word = _clean(word[:stop.start()] if stop else word)
        if word and not phrase.endswith(word):
            phrase = f"{phrase} {word}" if phrase else word
    if not phrase:
        phrase = _clean(fallback)[-MAX_CHARS:] or (unit or "")
    return phrase
