"""The wide-mart macro puts catalog codes into SQL literals and column names: it accepts snake_case codes
only, so a code with a quote cannot break out of its literal even if seed validation were bypassed
(issue 18, item 10). The macro is rendered with plain Jinja and stand-ins for dbt's context."""

from __future__ import annotations

import re

import jinja2
import pytest

from ingest.paths import DBT_PROJECT_DIR

MACRO = DBT_PROJECT_DIR / "macros" / "domain_wide_mart.sql"


class CompilerError(Exception):
    pass


def _render(codes: list[str], domain: str = "legal_services") -> str:
    def raise_compiler_error(message: str) -> None:
        raise CompilerError(message)

    env = jinja2.Environment(extensions=["jinja2.ext.do"])
    env.globals.update(
        config=lambda **_: "", ref=lambda name: f"marts.{name}",
        indicator_catalog_values=lambda column, domain=None: list(codes),
        modules=type("Modules", (), {"re": re})(),
        exceptions=type("Exceptions", (), {"raise_compiler_error": staticmethod(raise_compiler_error)})())
    template = env.from_string(MACRO.read_text(encoding="utf-8") + "{{ domain_wide_mart(mart_domain) }}")
    return template.render(mart_domain=domain)


def test_snake_case_codes_become_columns():
    sql = _render(["legal_aid_cases", "legal_aid_rate_2"])
    assert "observations.indicator_code = 'legal_aid_cases' then observations.value end) as legal_aid_cases" in sql
    assert "as legal_aid_rate_2" in sql


@pytest.mark.parametrize("code", ["x' or 1=1 --", "x') as a from y; drop table z; --", "Upper", "1st", "a-b", ""])
def test_a_code_that_is_not_snake_case_stops_the_build(code: str):
    with pytest.raises(CompilerError, match="snake_case"):
        _render(["legal_aid_cases", code])


def test_a_domain_that_is_not_snake_case_stops_the_build():
    with pytest.raises(CompilerError, match="snake_case"):
        _render(["legal_aid_cases"], domain="x' or '1'='1")
