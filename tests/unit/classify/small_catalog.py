"""A small catalog written for the classification tests, so the behaviour is tested apart from the growing
seeds: four indicators, two rows, their units and two aliases. The `seeds` fixture (conftest.py) writes it."""

from __future__ import annotations

import csv
from pathlib import Path

INDICATORS = [
    ("legal_aid_cases", "法律援助案件", "legal_services", "count", "件", "", "", "Legal aid cases (法律援助案件) handled."),
    ("legal_aid_beneficiaries", "法律援助受援人", "legal_services", "count", "人", "", "", "People who received legal aid (受援人)."),
    ("hotline_calls", "法律服务热线接听量", "legal_services", "count", "次", "", "", "Calls answered on the 12348 hotline."),
    ("mediation_cases", "人民调解案件", "dispute_mediation", "count", "件", "", "", "Disputes mediated (调解矛盾纠纷)."),
]
PATTERNS = [("legal_aid_cases", "", "法律援助[^。；;]{0,6}$", "件|起", ""),
            ("legal_aid_beneficiaries", "", "受援(?:人|群众)?$", "人|人次", "")]
UNITS = [("legal_aid_cases", u) for u in ("件", "起", "宗", "例")] + [
    ("legal_aid_beneficiaries", "人"), ("legal_aid_beneficiaries", "名"), ("hotline_calls", "次"),
    ("hotline_calls", "人次"), ("mediation_cases", "件"), ("mediation_cases", "起")]
ALIASES = [("mediation_cases", "调解成功矛盾纠纷", "test"), ("hotline_calls", "12348热线接听来电", "test")]


def write(path: Path, header: list[str], rows: list[tuple]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_small_catalog(tmp_path: Path) -> Path:
    write(tmp_path / "indicators.csv", ["code", "name_zh", "domain", "kind", "unit", "numerator", "denominator", "description"], INDICATORS)
    write(tmp_path / "indicator_patterns.csv", ["code", "topic", "cue", "units", "after"], PATTERNS)
    write(tmp_path / "indicator_units.csv", ["code", "unit"], UNITS)
    write(tmp_path / "indicator_aliases.csv", ["code", "alias", "note"], ALIASES)
    return tmp_path
