"""Region resolution: seed reports, dev excerpts (data/reports/dev/SOURCES.tsv), constructed cases,
and sanity checks of the region tables (seeds/regions.csv, seeds/regions_extra.csv)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from ingest.resolve.region import RegionResolution, resolve_region

REPO = Path(__file__).resolve().parents[3]
SEED_DIR = REPO / "data" / "reports" / "seed"
DEV_DIR = REPO / "data" / "reports" / "dev"
SEEDS = REPO / "seeds"


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _csv(name: str) -> list[dict[str, str]]:
    with (SEEDS / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# ---------------------------------------------------------------------------------------------
# Seed reports (full texts): each one read and checked by hand
# ---------------------------------------------------------------------------------------------

SEED_EXPECTED = {
    # file prefix: (region name, level, code)
    "000": ("蓝山县", "county", "431127"),  # header "中 共 蓝 山 县 委 / 蓝 山 县 人 民 政 府", title "关于蓝山县..."
    "001": ("屈原管理区", "functional_zone", "Z43060001"),  # addressed to 中共岳阳市委, issued by the zone
    "002": ("长沙县", "county", "430121"),  # "长沙县人民政府2024年法治政府建设工作报告"; 来源 长沙县司法局 is furniture
    "003": ("衡山县", "county", "430423"),  # no title; signature "中共衡山县委全面依法治县委员会办公室"
    "004": ("曲沃县", "county", "141021"),  # "曲沃县2024年法治政府建设年度报告"
}


@pytest.mark.parametrize("prefix", sorted(SEED_EXPECTED))
def test_seed_reports(prefix: str) -> None:
    (path,) = SEED_DIR.glob(f"{prefix}_*.txt")
    name, level, code = SEED_EXPECTED[prefix]
    result = resolve_region(_read(path))
    assert result.status == "resolved", result
    assert (result.region_name, result.level, result.region_code) == (name, level, code)
    assert result.department is None


def test_functional_zone_carries_its_parent() -> None:
    (path,) = SEED_DIR.glob("001_*.txt")
    result = resolve_region(_read(path))
    assert result.prefecture_code == "430600"  # 岳阳市
    assert result.province_code == "430000"
    assert "屈原管理区" in (result.issuer or "")


def test_seed_issuer_as_written() -> None:
    (path,) = SEED_DIR.glob("000_*.txt")
    assert resolve_region(_read(path)).issuer == "蓝山县人民政府"
    (path,) = SEED_DIR.glob("003_*.txt")
    assert resolve_region(_read(path)).issuer == "中共衡山县委全面依法治县委员会办公室"


# ---------------------------------------------------------------------------------------------
# Dev excerpts: expectations from SOURCES.tsv (issuer, level), codes checked against regions.csv
# ---------------------------------------------------------------------------------------------

DEV_CODES = {
    "001.txt": "511823",  # 汉源县 (四川 雅安)
    "003.txt": "130133",  # 赵县 (河北 石家庄)
    "005.txt": "360121",  # 南昌县
    "006.txt": "310112",  # 闵行区
    "009.txt": "430682",  # 临湘市; "中共岳阳市委、岳阳市人民政府:" is the addressee
    "011.txt": "120118",  # 静海区
    "014.txt": "130302",  # 海港区: only "区政府" in the opening, the name appears in document titles
    "015.txt": "120116",  # 滨海新区 has a real GB/T code
    "018.txt": "310112",
    "019.txt": "310112",
    "021.txt": "360121",
    "024.txt": "360100",  # 南昌市's report mirrored by 东湖区 (发布机构) - the subject wins
    "027.txt": "410423",  # 鲁山县
    "029.txt": "330681",  # 诸暨市 (county-level city)
    "031.txt": "330600",  # 绍兴市司法局
    "033.txt": "330604",  # 绍兴市上虞区
    "035.txt": "330114",  # 钱塘区 (2021)
    "036.txt": "330105",  # 拱墅区
    "039.txt": "330421",  # 嘉善县
    "041.txt": "330400",  # 嘉兴市司法局
    "043.txt": "330681",  # 诸暨市司法局
    "045.txt": "330602",  # 越城区司法局
    "047.txt": "440114",  # 花都区
    "049.txt": "440100",  # 广州市 (Copyright line of 广州市司法局 is furniture)
    "051.txt": "340000",  # 安徽省
    "053.txt": "110000",  # 北京市
    # 通州区 exists in 北京 (110112) and 南通 (320612). The excerpt names no province or prefecture;
    # the resolver picks 北京 from "副中心" (北京城市副中心 is 通州区), a documented keyword hint.
    "055.txt": "110112",
    "056.txt": "110101",  # 東城區 (Traditional)
    "058.txt": "110118",  # 密云区
    "061.txt": "652826",  # 焉耆回族自治县 (the text also says 焉耆县)
    "063.txt": "350100",  # 福州市
    # 陕西省: the excerpt never names the province; "省政府" opens it and "总书记历次来陕考察" names 陕.
    "065.txt": "610000",
    "067.txt": "610122",  # 蓝田县
    "070.txt": "450222",  # 柳城县
}


def _sources() -> list[dict[str, str]]:
    with (DEV_DIR / "SOURCES.tsv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_every_dev_excerpt_has_an_expectation() -> None:
    listed = {row["file"] for row in _sources()}
    assert listed == set(DEV_CODES) | {"025.txt"}


@pytest.mark.parametrize("row", [r for r in _sources() if r["issuer"] != "None"], ids=lambda r: r["file"])
def test_dev_excerpts(row: dict[str, str]) -> None:
    result = resolve_region(_read(DEV_DIR / row["file"]))
    assert result.status == "resolved", result
    assert result.level == row["level"], result
    assert result.region_code == DEV_CODES[row["file"]], result
    regions = {r["region_code"]: r for r in _csv("regions.csv")}
    region = regions[result.region_code]
    assert result.region_name == region["name"]
    assert region["province_name"].startswith(row["province"])
    if row["level"] == "department":
        # SOURCES gives the department with its region: 绍兴市司法局 = 绍兴市 + 司法局
        assert result.department and row["issuer"] == result.region_name + result.department
        assert result.issuer == row["issuer"]
    else:
        # SOURCES writes the name as the text does (東城區, 滨海新区)
        assert result.department is None
        assert row["issuer"] in (result.issuer or "") or result.region_name == row["issuer"]


def test_dev_025_names_no_region() -> None:
    # SOURCES.tsv has issuer "None" for 025 (a 四川 county, 2023). The excerpt only says 我县 / 县委 /
    # "在全市首创"; no county, city or province is named, and the page address is not part of the
    # text. The right answer is unresolved with level county, not a guess.
    result = resolve_region(_read(DEV_DIR / "025.txt"))
    assert result.status == "unresolved"
    assert result.region_code is None and result.region_name is None
    assert result.level == "county"
    assert "我县" in (result.reason or "")


def test_traditional_excerpt_keeps_issuer_as_written() -> None:
    result = resolve_region(_read(DEV_DIR / "056.txt"))
    assert result.issuer == "東城區政府"
    assert result.region_name == "东城区"


def test_publisher_mirror_and_addressee_do_not_win() -> None:
    result = resolve_region(_read(DEV_DIR / "024.txt"), metadata={"发布机构": "东湖区人民政府"})
    assert (result.region_code, result.level) == ("360100", "prefecture")
    result = resolve_region(_read(DEV_DIR / "009.txt"))
    assert result.region_code == "430682"  # not 岳阳市, the addressee


# ---------------------------------------------------------------------------------------------
# Constructed cases
# ---------------------------------------------------------------------------------------------

OPENING = "坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想,全面推进依法行政,取得积极成效。"


def test_traditional_name() -> None:
    text = ("東城區人民政府2022年法治政府建設情況報告\n"
            "2022年,東城區政府堅持以習近平新時代中國特色社會主義思想為指導,認真學習貫徹黨的二十大精神。")
    result = resolve_region(text)
    assert (result.status, result.region_code, result.region_name, result.level) == ("resolved", "110101", "东城区", "county")
    assert result.issuer == "東城區人民政府"


def test_traditional_title_argument() -> None:
    result = resolve_region("2022年,區政府" + OPENING, title="朝陽區人民政府2022年法治政府建設情況報告_北京市朝陽區人民政府")
    assert result.region_code == "110105"


def test_duplicate_name_without_context_is_ambiguous() -> None:
    result = resolve_region(f"朝阳区人民政府2023年法治政府建设年度报告\n2023年,朝阳区{OPENING}")
    assert result.status == "ambiguous"
    assert result.region_code is None
    assert result.region_name == "朝阳区" and result.level == "county"
    assert "110105" in result.reason and "220104" in result.reason


def test_duplicate_name_with_province_in_text() -> None:
    text = f"朝阳区人民政府2023年法治政府建设年度报告\n2023年,在北京市委、市政府的坚强领导下,朝阳区{OPENING}"
    result = resolve_region(text)
    assert (result.status, result.region_code) == ("resolved", "110105")
    assert "北京市" in (result.reason or "")


def test_duplicate_name_with_prefecture_chain() -> None:
    result = resolve_region(f"长春市朝阳区2023年法治政府建设年度报告\n2023年,朝阳区{OPENING}")
    assert (result.status, result.region_code) == ("resolved", "220104")
    result = resolve_region(f"通州区人民政府2023年法治政府建设年度报告\n2023年,在南通市委、市政府的坚强领导下,通州区{OPENING}")
    assert (result.status, result.region_code) == ("resolved", "320612")


def test_duplicate_name_with_prefecture_short_name() -> None:
    result = resolve_region(f"鼓楼区2023年法治政府建设年度报告\n2023年,鼓楼区{OPENING}助力福州高质量发展。")
    assert (result.status, result.region_code) == ("resolved", "350102")


def test_unknown_issuer_is_unresolved() -> None:
    result = resolve_region(f"某某县人民政府2023年法治政府建设工作报告\n2023年,我县{OPENING}")
    assert result.status == "unresolved"
    assert result.region_code is None
    assert result.level == "county"
    assert result.reason


def test_no_chinese_region_at_all() -> None:
    result = resolve_region("This is not a report.")
    assert result == RegionResolution(None, None, None, None, None, None, None, "unresolved", result.reason)
    assert result.reason


def test_department_of_a_municipality() -> None:
    result = resolve_region(f"北京市教育委员会2022年法治政府建设年度报告\n2022年,市教委{OPENING}")
    assert (result.status, result.region_code, result.level) == ("resolved", "110000", "department")
    assert result.department == "教育委员会"
    assert result.issuer == "北京市教育委员会"


def test_department_of_a_county() -> None:
    result = resolve_region(f"2023年,蓝山县市场监督管理局{OPENING}现将我局有关情况报告如下。")
    assert (result.region_code, result.level, result.department) == ("431127", "department", "市场监督管理局")
    assert result.prefecture_code == "431100" and result.province_code == "430000"


def test_government_office_is_the_government() -> None:
    text = f"关于2023年度法治政府建设情况的报告\n2023年,我县{OPENING}\n蓝山县人民政府办公室\n2024年3月1日"
    result = resolve_region(text)
    assert (result.region_code, result.level, result.department) == ("431127", "county", None)


def test_functional_zones() -> None:
    result = resolve_region(f"陕西西咸新区管委会2023年法治政府建设工作报告\n2023年,西咸新区{OPENING}")
    assert (result.region_code, result.level, result.prefecture_code) == ("Z61010001", "functional_zone", "610100")
    result = resolve_region(f"益阳市大通湖区2023年法治政府建设情况报告\n2023年,大通湖区{OPENING}")
    assert (result.region_code, result.prefecture_code) == ("Z43090001", "430900")
    result = resolve_region(f"大通湖管理区2023年法治政府建设情况报告\n2023年,全区{OPENING}")  # alias from the note
    assert result.region_code == "Z43090001"


def test_zone_with_a_real_code_is_a_county() -> None:
    result = resolve_region(f"浦东新区人民政府2023年法治政府建设情况报告\n2023年,浦东新区{OPENING}")
    assert (result.region_code, result.level) == ("310115", "county")


def test_colloquial_and_short_forms() -> None:
    result = resolve_region(f"湘西州人民政府关于2023年法治政府建设情况的报告\n2023年,全州{OPENING}")
    assert (result.region_code, result.level) == ("433100", "prefecture")
    result = resolve_region(f"2023年,鲁山人民政府{OPENING}")
    assert result.region_code == "410423"


def test_prefecture_and_county_sharing_a_short_name() -> None:
    result = resolve_region(f"长沙市人民政府关于2023年法治政府建设情况的报告\n2023年,长沙市{OPENING}长沙县、浏阳市积极创建。")
    assert (result.region_code, result.level) == ("430100", "prefecture")


def test_metadata_issuer_and_code_override() -> None:
    result = resolve_region(f"2023年,我县{OPENING}", metadata={"发文机关": "蓝山县人民政府"})
    assert (result.status, result.region_code) == ("resolved", "431127")
    result = resolve_region(f"2023年,我县{OPENING}", title="431127")
    assert (result.status, result.region_code) == ("resolved", "431127")


def test_signature_names_the_author() -> None:
    text = f"关于2023年度法治政府建设情况的报告\n2023年,我县{OPENING}\n曲沃县人民政府\n2024年3月28日"
    result = resolve_region(text)
    assert (result.status, result.region_code, result.issuer) == ("resolved", "141021", "曲沃县人民政府")


def test_two_character_names_need_a_boundary() -> None:
    # 示范县 is not 范县, 市委和县委 is not 和县
    result = resolve_region(f"2023年,我县{OPENING}创建全国法治政府建设示范县,市委和县委高度重视。")
    assert result.status == "unresolved"


# ---------------------------------------------------------------------------------------------
# The tables
# ---------------------------------------------------------------------------------------------


def test_regions_table() -> None:
    rows = _csv("regions.csv")
    codes = [r["region_code"] for r in rows]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"\d{6}", c) for c in codes)
    by_level: dict[str, int] = {}
    for r in rows:
        by_level[r["level"]] = by_level.get(r["level"], 0) + 1
    assert by_level["province"] in (31, 34)
    assert 320 <= by_level["prefecture"] <= 340
    assert 2_800 <= by_level["county"] <= 2_900
    by_code = {r["region_code"]: r for r in rows}
    for code, name in {"431127": "蓝山县", "430121": "长沙县", "430423": "衡山县", "141021": "曲沃县",
                       "310112": "闵行区", "110101": "东城区", "652826": "焉耆回族自治县", "410423": "鲁山县",
                       "330421": "嘉善县"}.items():
        assert by_code[code]["name"] == name
    for r in rows:
        if r["level"] == "county":
            assert by_code[r["prefecture_code"]]["level"] in ("prefecture", "province"), r
        assert by_code[r["province_code"]]["level"] == "province", r


def test_regions_extra_table() -> None:
    regions = {r["region_code"]: r for r in _csv("regions.csv")}
    names = {r["name"] for r in regions.values()}
    rows = _csv("regions_extra.csv")
    assert len(rows) >= 20
    for r in rows:
        assert re.fullmatch(r"Z\d{8}", r["region_code"]) and r["region_code"][1:7] == r["prefecture_code"], r
        assert r["level"] == "functional_zone"
        assert r["prefecture_code"] in regions and r["province_code"] == regions[r["prefecture_code"]]["province_code"]
        assert r["name"] not in names, f"{r['name']} has a real code already"
    zones = {r["name"]: r for r in rows}
    assert zones["屈原管理区"]["prefecture_code"] == "430600"
    assert zones["大通湖区"]["prefecture_code"] == "430900"
    assert {"西咸新区", "雄安新区"} <= set(zones)
