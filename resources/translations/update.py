"""Regenerate the Chinese translation: lupdate over gridmap/ui, fill from ZH_CN below, lrelease.

Run ``python resources/translations/update.py`` after changing user-facing strings; add any new source
string to ZH_CN (the script lists those still missing).
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TS = HERE / "gridmap_zh_CN.ts"
QM = HERE / "gridmap_zh_CN.qm"

ZH_CN = {
    "&File": "文件(&F)",
    "&View": "视图(&V)",
    "&Help": "帮助(&H)",
    "&New from Boundaries…": "从边界文件新建(&N)…",
    "&Open…": "打开(&O)…",
    "&Save": "保存(&S)",
    "Save &As…": "另存为(&A)…",
    "Recent &Files": "最近的文件(&F)",
    "&Quit": "退出(&Q)",
    "&About GridMap": "关于 GridMap(&A)",
    "About GridMap": "关于 GridMap",
    "<h3>GridMap {version}</h3><p>Desktop GIS for grid-based community governance (全科网格).</p>":
        "<h3>GridMap {version}</h3><p>全科网格社会治理桌面地理信息系统。</p>",
    "(empty)": "(无)",
    "(no district)": "(无区县)",
    "(none)": "(无)",
    " (rows {rows})": "(第 {rows} 行)",
    "An unexpected error occurred: {error}": "发生意外错误:{error}",
    "Attribute Table": "属性表",
    "Auto (from file)": "自动(取自文件)",
    "Auto-detect": "自动检测",
    "BD-09 (Baidu)": "BD-09(百度)",
    "Boundary files ({patterns})": "边界文件 ({patterns})",
    "Browse…": "浏览…",
    "CGCS2000": "CGCS2000 地理坐标",
    "CGCS2000 3° GK CM 120°E": "CGCS2000 3度高斯-克吕格 中央经线 120°E",
    "CGCS2000 3° GK CM 123°E": "CGCS2000 3度高斯-克吕格 中央经线 123°E",
    "CGCS2000 3° GK zone 39 (prefixed)": "CGCS2000 3度高斯-克吕格 第39带(带号)",
    "CGCS2000 3° GK zone 40 (prefixed)": "CGCS2000 3度高斯-克吕格 第40带(带号)",
    "CGCS2000 3° GK zone 41 (prefixed)": "CGCS2000 3度高斯-克吕格 第41带(带号)",
    "CRS: {crs}": "坐标系:{crs}",
    "Cancel": "取消",
    "Cancelling…": "正在取消…",
    "Cannot read this file.": "无法读取此文件。",
    "Choose Boundary File": "选择边界文件",
    "Choose a source file and a project file.": "请选择源文件和项目文件。",
    "Community / village": "社区/村",
    "Coordinate system:": "坐标系:",
    "Coordinates:": "坐标类型:",
    "Create Project": "创建项目",
    "Creating project": "正在创建项目",
    "Detected:": "检测结果:",
    "District": "区县",
    "Encoding:": "编码:",
    "Features": "要素数",
    "Field mapping": "字段对应",
    "Filter…": "筛选…",
    "GCJ-02 (Amap/Tencent)": "GCJ-02(高德/腾讯)",
    "Grid code": "网格编码",
    "Grid name": "网格名称",
    "GridMap projects (*.gpkg)": "GridMap 项目 (*.gpkg)",
    "Grids": "网格",
    "Households": "户数",
    "Layer": "图层",
    "Layer:": "图层:",
    "Layers": "图层",
    "New Project from Boundaries": "从边界文件新建项目",
    "No project open": "未打开项目",
    "Open Project": "打开项目",
    "Preparing the sample city": "正在准备示例城市",
    "Preview (first rows, decoded)": "预览(前几行,已解码)",
    "Problems": "问题",
    "Project created with {count} warnings.": "项目已创建,有 {count} 条警告。",
    "Project file:": "项目文件:",
    "Save Project As": "项目另存为",
    "Saved {name}": "已保存 {name}",
    "Saving project": "正在保存项目",
    "Shapefile, zipped shapefile, GeoPackage, GeoJSON or KML": "Shapefile、压缩的 Shapefile、GeoPackage、GeoJSON 或 KML",
    "Source file:": "源文件:",
    "Street / town": "街道/乡镇",
    "WGS 84": "WGS 84 地理坐标",
    "WGS84 / CGCS2000": "WGS84 / CGCS2000",
    "Web Mercator": "Web 墨卡托",
    "not applicable": "不适用",
    "unknown": "未知",
    "untitled": "未命名",
    "{count} grids": "{count} 个网格",
    "{districts} districts · {streets} streets": "{districts} 个区县 · {streets} 个街道",
    "{format} · {features} features ({types}) · encoding {encoding} · CRS {crs}":
        "{format} · {features} 个要素({types})· 编码 {encoding} · 坐标系 {crs}",
    "{name} (detected)": "{name}(自动检测)",
    "{name} (inferred)": "{name}(推断)",
    "{name} exists. Replace it?": "{name} 已存在。是否替换?",
    "{name} is open in another GridMap window.": "{name} 已在另一个 GridMap 窗口中打开。",
    "{shown} of {total} rows": "{shown} / {total} 行",
}


def fill(ts: Path) -> list[str]:
    """Write ZH_CN's translations into ``ts``; returns the source strings that have none."""
    tree = ET.parse(ts)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if source in ZH_CN:
            translation.text = ZH_CN[source]
            translation.attrib.pop("type", None)
        elif translation.get("type") != "vanished":
            missing.append(source)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "gridmap" / "ui").glob("*.py"))
    subprocess.run(["pyside6-lupdate", *sources, "-no-obsolete", "-source-language", "en",
                    "-target-language", "zh_CN", "-ts", str(TS)], cwd=ROOT, check=True)
    missing = fill(TS)
    subprocess.run(["pyside6-lrelease", str(TS), "-qm", str(QM)], check=True)
    for source in missing:
        print(f"untranslated: {source!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
