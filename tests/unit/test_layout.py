"""The tree is the documentation: the README's layout lists every stage package and its modules, each
package says its job in its docstring, no module grows past 400 lines, and one module opens DuckDB."""

from __future__ import annotations

import ast
import re

from tests.conftest import REPO

INGEST = REPO / "ingest"


def _layout_block() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Layout", 1)[1]
    return section.split("```", 2)[1]


def _packages() -> list[str]:
    return sorted(p.parent.relative_to(INGEST).as_posix() for p in INGEST.rglob("__init__.py") if p.parent != INGEST)


def test_every_stage_package_is_in_the_readme_layout_with_a_docstring():
    block = _layout_block()
    listed = set(re.findall(r"^  ([a-z_]+)/", block, flags=re.M))
    top = {p for p in _packages() if "/" not in p}
    assert top == listed, f"in the tree but not the README: {top - listed}; in the README only: {listed - top}"
    for package in _packages():
        docstring = ast.get_docstring(ast.parse((INGEST / package / "__init__.py").read_text(encoding="utf-8")))
        assert docstring and len(docstring) > 30, f"ingest/{package}/__init__.py says nothing about its job"


def test_modules_named_in_the_layout_exist():
    block = _layout_block()
    for line in block.splitlines():
        match = re.match(r"^  ([a-z_]+)/", line)
        if match:
            package = match.group(1)
        elif re.match(r"^  [a-z_]+\.py", line):
            assert (INGEST / line.split()[0]).is_file(), line
            continue
        if not line.startswith("  ") or "ingest/" in line:
            continue
        for module in re.findall(r"\b([a-z_]+)\.py\b", line):
            assert list((INGEST / package).rglob(f"{module}.py")), f"README names ingest/{package}/…/{module}.py"


def test_no_module_over_400_lines():
    long = {p.relative_to(REPO).as_posix(): n for p in INGEST.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert not long, long


def test_duckdb_is_opened_in_one_module():
    opening = sorted(p.relative_to(REPO).as_posix() for p in INGEST.rglob("*.py")
                     if "duckdb.connect(" in p.read_text(encoding="utf-8"))
    assert opening == ["ingest/warehouse/connection.py"]
