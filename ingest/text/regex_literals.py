"""Which strings any match of a regular expression must contain: a cheap pre-test that lets the
indicator classifier skip most catalog rows without running their regex. Strings (审核意见, 受理)
rather than single characters: a window of ordinary report prose contains 审 or 理 far more often
than the word a cue needs, so the longer the required strings, the fewer regexes run."""

from __future__ import annotations

import re
import re._parser as sre_parse  # stdlib; the project runs on Python 3.11 only (pyproject: requires-python)
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, reduce
from itertools import product
from operator import or_
from re._constants import (
    ASSERT,
    ASSERT_NOT,
    AT,
    BRANCH,
    IN,
    LITERAL,
    MAX_REPEAT,
    MIN_REPEAT,
    SRE_FLAG_IGNORECASE,
    SUBPATTERN,
)

_ZERO_WIDTH = {AT, ASSERT, ASSERT_NOT}  # consume no text, so they never split a literal run
_MAX_STRINGS = 64  # beyond this many alternatives a set costs more to test than it saves


def _exact(items) -> frozenset[str] | None:
    """Every string the sequence `items` can match (a superset is fine), or None when there are
    too many or they are unknown (classes, negations, unbounded repeats)."""
    strings = frozenset({""})
    for op, arg in items:
        if op in _ZERO_WIDTH:
            continue
        options = _exact_element(op, arg)
        if options is None:
            return None
        strings = frozenset(a + b for a, b in product(strings, options))
        if len(strings) > _MAX_STRINGS:
            return None
    return strings


def _exact_element(op, arg) -> frozenset[str] | None:
    if op == LITERAL:
        return frozenset({chr(arg)})
    if op == IN:
        if any(kind != LITERAL for kind, _ in arg):
            return None  # ranges, categories, negation: unknown
        return frozenset(chr(value) for _, value in arg)
    if op == BRANCH:
        union: set[str] = set()
        for branch in arg[1]:
            found = _exact(branch)
            if found is None:
                return None
            union |= found
        return frozenset(union)
    if op == SUBPATTERN:
        _, add_flags, _, items = arg
        return None if add_flags & SRE_FLAG_IGNORECASE else _exact(items)
    if op in (MAX_REPEAT, MIN_REPEAT):
        low, high, items = arg
        inner = _exact(items)
        if inner is None or high > 2:
            return None
        strings: set[str] = set()
        for count in range(low, high + 1):
            strings |= {"".join(parts) for parts in product(inner, repeat=count)}
        return frozenset(strings)
    return None


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two required sets: longer shortest string, then fewer strings."""
    if a is None or b is None:
        return a if b is None else b
    return max(a, b, key=lambda s: (min(map(len, s)), -len(s)))


def _required(items) -> frozenset[str] | None:
    """A set S such that every match of the sequence contains a string of S; None when unknown."""
    elements = [(op, arg) for op, arg in items if op not in _ZERO_WIDTH]
    options = [_exact_element(op, arg) for op, arg in elements]
    best: frozenset[str] | None = None
    # Any run of consecutive elements matches a contiguous piece of the match: one of the
    # concatenations of what each element of the run can match.
    for i in range(len(elements)):
        strings = frozenset({""})
        for choices in options[i:]:
            if choices is None:
                break  # a longer run from i is unknown too
            strings = frozenset(a + b for a, b in product(strings, choices))
            if len(strings) > _MAX_STRINGS:
                break
            if "" not in strings:
                best = _better(best, strings)
    # An element that must match but is not a finite set may still require strings inside it.
    for (op, arg), choices in zip(elements, options, strict=True):
        if choices is not None:
            continue  # already counted as a run
        inner = None
        if op == SUBPATTERN and not arg[1] & SRE_FLAG_IGNORECASE:
            inner = _required(arg[3])
        elif op in (MAX_REPEAT, MIN_REPEAT) and arg[0] >= 1:
            inner = _required(arg[2])
        elif op == BRANCH:
            branches = [_required(branch) for branch in arg[1]]
            if all(b is not None for b in branches):
                inner = frozenset().union(*branches)
        best = _better(best, inner)
    return best


@cache
def required_strings(pattern: str) -> frozenset[str] | None:
    """A set S such that every match of `pattern` contains a string of S; None when unknown."""
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, TypeError, ValueError, IndexError):
        return None
    if parsed.state.flags & SRE_FLAG_IGNORECASE:
        return None
    return _required(parsed.data)


def _minimal(strings: frozenset[str]) -> frozenset[str]:
    """Drop strings that contain another of the set: finding the shorter one is enough."""
    return frozenset(s for s in strings if not any(other != s and other in s for other in strings))


def trie_pattern(strings: Iterable[str]) -> str:
    """One regex alternation of `strings`, shared prefixes factored out ("审(?:查|核)"), so the regex
    engine tries one branch per distinct next character instead of one per string. Greedy, so it
    matches the longest of the strings starting at a position. No strings: a regex that never matches."""
    trie: dict = {}
    for s in strings:
        node = trie
        for ch in s:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # the string may end here
            return f"(?:{body})?" if len(branches) == 1 else body + "?"
        return body

    return build(trie) or "(?!)"


class RowFilter:
    """Which of a list of regular expressions (rows) can match a text: the rows whose required
    strings occur in it, plus the rows whose required strings are unknown. One regex scan of the
    text replaces one per row; the caller then runs only the candidate rows' own regexes."""

    def __init__(self, patterns: Sequence[str | None]) -> None:
        """`patterns[i]` is row i's regex source; None: a row that is never a candidate."""
        self.always = 0  # bit i set: row i is tried whatever the text
        rows_of: dict[str, int] = {}
        for i, pattern in enumerate(patterns):
            if pattern is None:
                continue
            strings = required_strings(pattern)
            if strings is None:
                self.always |= 1 << i
                continue
            for s in _minimal(strings):
                rows_of[s] = rows_of.get(s, 0) | 1 << i
        # The scan reports only the longest string starting at a position (the trie is greedy); any
        # other string that starts there is a prefix of it, so a string's mask includes the rows of
        # its prefixes.
        self._mask_of = {s: reduce(or_, (rows_of.get(s[:n], 0) for n in range(1, len(s) + 1))) for s in rows_of}
        # A trie alternation whose branches start with fixed characters, so the regex engine skips
        # ahead to the next position where one of the strings can start.
        self._finder = re.compile(trie_pattern(rows_of)) if rows_of else None

    def candidates(self, text: str) -> int:
        """Bit mask of the rows that may match somewhere in `text`."""
        mask = self.always
        if self._finder is not None:
            search = self._finder.search
            found = search(text)
            while found is not None:
                mask |= self._mask_of[found.group()]
                # Strings may overlap ("法制审查" holds "审查"): go on from the next character.
                found = search(text, found.start() + 1)
        return mask


def set_bits(mask: int) -> Iterator[int]:
    """Indices of the set bits of `mask`, lowest first (rows in their catalog order)."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low
