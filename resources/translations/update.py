"""Regenerate the Chinese translation: lupdate over every Qt-side module (gridmap outside core, all folders: ui,
print, map, ...), extract the message templates of core's ``tr`` from every module that uses it, fill from ZH_CN
and ZH_CN_CORE below, lrelease, and write the core context as core_zh_CN.json for the CLI (read without Qt).

Core (gridmap/core, no Qt) writes its messages as ``tr("template with {placeholders}", ...)`` calls
(:mod:`gridmap.core.i18n`); they are found with ``ast`` and written to the ``core`` context of the .ts, which
is rebuilt on every run so that removed templates vanish. Run ``python resources/translations/update.py``
after changing user-facing strings; add any new source string to ZH_CN (GUI) or ZH_CN_CORE (core). The
script lists strings still untranslated, translations whose placeholders differ from the source's and
``tr`` calls whose template is not a plain string literal, and exits 1 if there are any.
"""

from __future__ import annotations

import ast
import json
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TS = HERE / "gridmap_zh_CN.ts"
QM = HERE / "gridmap_zh_CN.qm"
EN_TS = HERE / "gridmap_en.ts"
EN_QM = HERE / "gridmap_en.qm"
EN_PLURALS = {"%n grids selected": ("%n grid selected", "%n grids selected")}
"""English singular and plural of the messages counted with ``tr(text, "", n)`` (gridmap_en: plurals only)."""
CORE_JSON = HERE / "core_zh_CN.json"  # the core context for the CLI, which reads it without Qt (core.i18n)
PACKAGE = ROOT / "gridmap"
CORE_IMPORT = "from gridmap.core.i18n import tr"


def uses_core_tr(path: Path) -> bool:
    """Modules that build messages with core's ``tr`` (gridmap/core, the Qt-free map modules, the snapshot)."""
    return CORE_IMPORT in path.read_text(encoding="utf-8")
CORE_CONTEXT = "core"

ZH_CN = {
    "Type an EPSG code (EPSG:4549), gk3:120 for the 3° Gauss-Krüger zone at 120°E without zone prefix, "
    "gk3:zone40 for a prefixed zone, or WKT":
        "可输入 EPSG 代码(EPSG:4549)、gk3:120(中央经线 120°E 的 3 度高斯-克吕格投影,不带带号)、"
        "gk3:zone40(带带号的投影带)或 WKT",
    "&File": "文件(&F)",
    "&View": "视图(&V)",
    "&Help": "帮助(&H)",
    "&New from Boundaries…": "从边界文件新建(&N)…",
    "&Open…": "打开(&O)…",
    "&Watch Folder…": "监视文件夹(&W)…",
    "Open &Database Project…": "打开数据库项目(&D)…",
    "Open Database Project": "打开数据库项目",
    "A GridMap project in a PostgreSQL database with PostGIS (one schema per project).":
        "PostgreSQL/PostGIS 数据库中的 GridMap 项目(每个项目一个模式)。",
    "Host:": "主机:",
    "Port:": "端口:",
    "Database:": "数据库:",
    "User:": "用户:",
    "Password:": "密码:",
    "not saved; empty: PGPASSWORD or .pgpass": "不保存;留空则使用 PGPASSWORD 或 .pgpass",
    "Schema (project):": "模式(项目):",
    "{count} new {kind} from {desk}": "来自 {desk} 的 {count} 条新{kind}",
    "grids changed by {desk}": "{desk} 修改了网格",
    "project changed by {desk}": "{desk} 修改了项目",
    "{changes} (shown once your changes are saved)": "{changes}(保存您的修改后显示)",
    "Not listening to other desks: {error}": "未接收其他席位的更新:{error}",
    "Import every CSV or XLSX file dropped into a folder": "导入放入文件夹的每个 CSV 或 XLSX 文件",
    "Watch Folder": "监视文件夹",
    "Save the project before watching a folder for it.": "请先保存项目,再为其监视文件夹。",
    "Watching {folder}": "正在监视 {folder}",
    "Watch folder: waiting until the project is saved": "监视文件夹:等待项目保存",
    "Added to the stored project (saved: the store serves this layer, it is not held in memory).":
        "已直接写入存储的项目(已保存:该图层由存储提供,不载入内存)。",
    "Save the project first: {layer} records are added straight to the stored project (there are too many to hold "
    "in memory).": "请先保存项目:{layer}记录将直接写入存储的项目(数量太多,无法载入内存)。",
    "Watch folder: {error}": "监视文件夹:{error}",
    "Watch folder: {files}": "监视文件夹:{files}",
    "{file}: {count} records imported": "{file}:已导入 {count} 条记录",
    "{file}: imported before, skipped": "{file}:之前已导入,已跳过",
    "{file}: failed, see failed/{log}": "{file}:导入失败,见 failed/{log}",
    "&Save": "保存(&S)",
    "Save &As…": "另存为(&A)…",
    "Recent &Files": "最近的文件(&F)",
    "&Quit": "退出(&Q)",
    "&About GridMap": "关于 GridMap(&A)",
    "About GridMap": "关于 GridMap",
    "GridMap {version}: desktop GIS for grid-based community governance (全科网格)":
        "GridMap {version}:全科网格社会治理桌面地理信息系统",
    "Versions": "版本",
    "Licences of the data and scripts shipped with GridMap": "GridMap 随附数据和脚本的许可证",
    "(licence file missing)": "(缺少许可证文件)",
    "&User Guide": "使用指南(&U)",
    "GridMap User Guide": "GridMap 使用指南",
    "guide_en.md": "guide_zh.md",
    "Find in the guide…": "在指南中查找…",
    "Next": "下一个",
    "No matches": "没有找到",
    "{index} of {count}": "第 {index} 个,共 {count} 个",
    "&Keyboard Shortcuts": "快捷键(&K)",
    "Keyboard Shortcuts": "快捷键",
    "Shortcut": "快捷键",
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
    "Building the sample city…": "正在生成示例城市…",
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
    "Counting…": "正在计数…",
    "Cannot read the rows ({error})": "无法读取这些行（{error}）",
    "Click to show the newest first": "点击按时间从新到旧排列",
    "This layer is too large to read whole: it is read from the store a page at a time, and only its time column "
    "sorts it": "该图层过大，不整体读入：按页从存储中读取，仅可按时间列排序",
    "This layer is too large to search as text: filter it by time, category and status in the filter bar":
        "该图层过大，无法按文本搜索：请在筛选栏中按时间、类别和状态筛选",
    # Map (issue 3)
    'Basemap': '底图',
    'OpenStreetMap': 'OpenStreetMap',
    'Tianditu vector': '天地图矢量',
    'Tianditu imagery': '天地图影像',
    'Amap streets': '高德地图街道',
    'None (no basemap)': '无(不显示底图)',
    'Add XYZ…': '添加 XYZ…',
    'Add MBTiles…': '添加 MBTiles…',
    'Add tile folder…': '添加瓦片文件夹…',
    'Remove': '移除',
    'For example https://tile.openstreetmap.org/{z}/{x}/{y}.png; {s} stands for a subdomain, {key} for the key': '例如 https://tile.openstreetmap.org/{z}/{x}/{y}.png;{s} 表示子域名,{key} 表示密钥',
    'e.g. abc or 01234567': '例如 abc 或 01234567',
    'Your key for this service (Tianditu: tk)': '此服务的密钥(天地图:tk)',
    'GCJ-02 (Amap, Tencent)': 'GCJ-02(高德、腾讯)',
    'Name:': '名称:',
    'Subdomains:': '子域名:',
    'Key:': '密钥:',
    'Attribution:': '版权说明:',
    'Max zoom:': '最大级别:',
    'My basemap': '我的底图',
    'Add MBTiles': '添加 MBTiles',
    'MBTiles files (*.mbtiles);;All files (*)': 'MBTiles 文件 (*.mbtiles);;所有文件 (*)',
    'Add Tile Folder ({z}/{x}/{y}.png)': '添加瓦片文件夹({z}/{x}/{y}.png)',
    'Cannot Add Basemap': '无法添加底图',
    'Another basemap is already called {name}': '已有名为 {name} 的底图',
    'MBTiles file:': 'MBTiles 文件:',
    'Tile folder:': '瓦片文件夹:',
    'URL template:': 'URL 模板:',
    'Field': '字段',
    'Value': '值',
    'Click a grid on the map to see its attributes.': '在地图上点击网格以查看其属性。',
    'Area': '面积',
    '{area} km²': '{area} 平方公里',
    'Centre': '中心点',
    'Parts': '部分数',
    'Zoom to': '缩放至',
    'Select grids': '选择网格',
    'Search': '搜索',
    'Identify': '要素信息',
    '&Export Map as HTML…': '导出地图为 HTML(&E)…',
    '&Edit': '编辑(&E)',
    '&Find Grid…': '查找网格(&F)…',
    'Select &All Grids': '选择全部网格(&A)',
    '&Clear Selection': '清除选择(&C)',
    'Zoom to &Full Extent': '缩放至全图(&F)',
    'Zoom to &Selection': '缩放至所选(&S)',
    '&Colour Grids By': '网格着色依据(&C)',
    'One colour': '单一颜色',
    'Grid &Labels': '网格标注(&L)',
    'Code': '编码',
    'Name': '名称',
    'None': '无',
    'Show &Grids': '显示网格(&G)',
    '&Basemap…': '底图(&B)…',
    'Basemap not shown: {error}': '未显示底图:{error}',
    'Online Basemap': '在线底图',
    'This project shows the online basemap “{name}”, whose tiles come from {hosts}. Loading them tells that server '
    'where you are looking on the map. Load this basemap?':
        '此项目使用在线底图“{name}”,其瓦片来自 {hosts}。加载瓦片会让该服务器知道您正在查看地图的哪个位置。是否加载此底图?',
    '{hosts} was not confirmed as a tile server': '{hosts} 未被确认为瓦片服务器',
    'Districts': '区县',
    'Streets / towns': '乡镇/街道',
    'Export Map as HTML': '导出地图为 HTML',
    'Grid map: {place}': '{place}网格地图',
    'Web pages (*.html)': '网页 (*.html)',
    'Exported {name}': '已导出 {name}',
    '%n grids selected': '已选 %n 个网格',
    'Search code or name…': '搜索编码或名称…',
    'showing {shown} of {total}': '显示 {total} 个中的 {shown} 个',
    '{count} results': '{count} 个结果',
    'Zoom to full extent': '缩放至全图',
    'Basemap tiles could not be loaded: network unreachable': '底图无法加载：网络不可达',
    'Choose another basemap…': '选择其他底图…',
    'E {east} N {north} (EPSG:{epsg})': '东 {east} 北 {north}(EPSG:{epsg})',
    'Assign to Grid': '指定网格',
    'Why this grid (required)': '指定原因(必填)',
    'Grid:': '网格:',
    'Reason:': '原因:',
    'Assign {count} records to a grid by hand; the assignment stays when records are assigned again.': '手动将 {count} 条记录指定到网格;重新分配网格时保留此指定。',
    'No such grid': '没有该网格',
    'All': '全部',
    'all': '全部',
    'Colour Grids by Statistic': '按统计值为网格着色',
    'Quantiles (equal counts)': '分位数(各级数量相等)',
    'Natural breaks (Jenks)': '自然断点(Jenks)',
    'Equal intervals': '等间距',
    'Statistic:': '统计值:',
    'Classes by:': '分级方法:',
    'Number of classes:': '分级数:',
    'Incidents (filtered)': '事件数(按筛选)',
    'Open incidents': '未办结事件数',
    'Resolution rate': '办结率',
    'Key persons': '重点人员',
    'Key venues': '重点场所',
    'Grid workers': '网格员',
    'Visits': '走访记录',
    'GPS tracks': '巡查轨迹',
    'Categories': '类别',
    'Statuses': '状态',
    'Reset': '重置',
    'Records': '记录',
    'From': '从',
    'To': '至',
    'Assign Worker…': '指派网格员…',
    'Remove Worker': '移除网格员',
    '{rate} resolved': '办结 {rate}',
    '… and {count} more': '…… 另有 {count} 条',
    'Grid': '网格',
    'outside every grid': '不在任何网格内',
    'Manual assignment': '手动指定',
    '{grid}: {reason} ({at})': '{grid}:{reason}({at})',
    'Points (clustered when dense)': '点(密集时聚合)',
    'Clusters': '聚合',
    'Heat map': '热力图',
    'Import &Records…': '导入记录(&R)…',
    '&Undo': '撤销(&U)',
    '&Redo': '重做(&R)',
    '&Statistic…': '统计值(&S)…',
    '&Reveal ID and Phone Numbers': '显示完整身份证号和电话(&R)',
    'Unsaved Changes': '未保存的更改',
    'The project has unsaved changes. Discard them and open {name}?': '项目有未保存的更改。放弃更改并打开 {name} 吗?',
    'Record Filter': '记录筛选',
    'Statistics': '统计',
    'Open or create a project before importing records.': '请先打开或新建项目,再导入记录。',
    'Reveal ID and Phone Numbers': '显示完整身份证号和电话',
    "Show ID and phone numbers in full? They are personal data; make sure nobody who should not see them can see the screen. Type why they are needed: the reveal is recorded in the project's audit log.": '完整显示身份证号和电话号码吗?这些是个人信息,请确保无关人员看不到屏幕。请填写查看原因:本次显示将记入项目的审计日志。',
    "Reason (recorded in the project's audit log)": '原因(记入项目审计日志)',
    'Audit Log': '审计日志',
    'Audit &Log…': '审计日志(&L)…',
    'When': '时间',
    'User': '用户',
    'Computer': '计算机',
    'Action': '操作',
    'File': '文件',
    'Reason': '原因',
    'No reveals recorded.': '尚无显示完整号码的记录。',
    'Save the changes to the project before closing?': '关闭前保存对项目的更改吗?',
    'New Project from Boundaries…': '从边界文件新建项目…',
    'Import Records…': '导入记录…',
    'Row {row}: {reason}': '第 {row} 行:{reason}',
    'Import Records': '导入记录',
    'Assign {count} records to grid {code}': '将 {count} 条记录指定到网格 {code}',
    'Clear manual assignment of {count} records': '清除 {count} 条记录的手动指定',
    'Assign {name} to grid {code}': '将 {name} 指派到网格 {code}',
    'Remove {name} from grid {code}': '将 {name} 从网格 {code} 移除',
    'Add worker {name} to grid {code}': '为网格 {code} 添加网格员 {name}',
    'Incidents': '事件',
    'ID': '编号',
    'Longitude': '经度',
    'Latitude': '纬度',
    'Category': '类别',
    'Reported at': '上报时间',
    'Status': '状态',
    'Source': '来源',
    'Address': '地址',
    'Description': '描述',
    'ID number': '身份证号',
    'Phone': '电话',
    'Risk level': '风险等级',
    'Type': '类型',
    'Responsible person': '负责人',
    'Role': '角色',
    'Assign to Grid…': '指定网格…',
    'Clear Manual Assignment': '清除手动指定',
    'Export…': '导出…',
    'Counting…': '正在统计…',
    'Total': '合计',
    'Closed': '已结案',
    '{units} units · {total} records': '{units} 个单元 · {total} 条记录',
    '{count} outside every grid': '{count} 条不在任何网格内',
    '{closed} closed, resolution rate {rate}': '已结案 {closed} 件,办结率 {rate}',
    'Excel workbooks (*.xlsx)': 'Excel 工作簿 (*.xlsx)',
    'CSV files (*.csv)': 'CSV 文件 (*.csv)',
    'JSON files (*.json)': 'JSON 文件 (*.json)',
    'Export Statistics': '导出统计',
    'Assign Worker to Grid {code}': '为网格 {code} 指派网格员',
    'Existing worker:': '已有网格员:',
    'New worker:': '新网格员:',
    'Phone:': '电话:',
    'Role:': '角色:',
    'CSV, Excel (.xlsx) or a point layer (Shapefile, GeoPackage…)': 'CSV、Excel(.xlsx)或点图层(Shapefile、GeoPackage…)',
    'Or type the EPSG code of projected coordinates, e.g. EPSG:4549': '或输入投影坐标的 EPSG 代码,如 EPSG:4549',
    'File:': '文件:',
    'Records:': '记录类型:',
    'Column in the file': '文件中的列',
    'Swap longitude and latitude where they look swapped': '交换看起来颠倒的经度和纬度',
    'Check Again': '重新检查',
    'Column mapping': '列对应',
    'Private columns (ID and phone numbers, masked):': '隐私列(身份证号和电话,脱敏显示):',
    'Ticked columns hold ID or phone numbers: they are masked in tables, Identify and exports unless revealed': '勾选的列含身份证号或电话号码:除非显示完整号码,表格、识别面板和导出中均脱敏',
    'Check': '检查',
    'Import': '导入',
    'Choose Record File': '选择记录文件',
    'Record files ({patterns})': '记录文件 ({patterns})',
    '{rows} rows': '{rows} 行',
    '{rows} · encoding {encoding}': '{rows} · 编码 {encoding}',
    'Checking…': '正在检查…',
    'Checking records': '正在检查记录',
    'Check cancelled.': '检查已取消。',
    '{rows} rows read · {imported} to import · {rejected} rejected · {outside} outside every grid': '读取 {rows} 行 · 将导入 {imported} 条 · 拒绝 {rejected} 行 · {outside} 条不在任何网格内',
    '{count} swapped': '{count} 行经纬度颠倒',
    'Importing records': '正在导入记录',
    'Export &Layer…': '导出图层(&L)…',
    'Export Layer': '导出图层',
    'CSV for Excel (*.csv);;GeoPackage (*.gpkg);;Shapefile (*.shp);;GeoJSON (*.geojson)':
        'CSV(Excel 可打开) (*.csv);;GeoPackage (*.gpkg);;Shapefile (*.shp);;GeoJSON (*.geojson)',
    # Editing grids
    'Edit Grids': '编辑网格',
    'Split Grid': '拆分网格',
    'Split the selected grid along a line drawn across it': '沿一条穿过所选网格的线拆分该网格',
    'Merge Selected Grids': '合并所选网格',
    'Merge the selected adjacent grids into one': '将所选的相邻网格合并为一个',
    'Transfer Area': '划转区域',
    'Move the part of a drawn area inside some grids to a neighbouring grid': '将所绘区域中位于某些网格内的部分划给相邻网格',
    'Reshape Outer Boundary': '重塑外边界',
    'Draw a new outline for the selected grid; only boundaries it shares with no other grid may move': '为所选网格绘制新轮廓;只有不与其他网格共用的边界可以移动',
    'Create Grid': '新建网格',
    'A new grid from a polygon drawn in unassigned area': '在不属于任何网格的区域绘制多边形,新建网格',
    'Delete Grid': '删除网格',
    'Delete the selected grid; its area and records become unassigned': '删除所选网格;其区域和记录将不再属于任何网格',
    'Rename / Recode…': '重命名/重新编码…',
    "Change the selected grid's code or name": '修改所选网格的编码或名称',
    'Select the grid to split first.': '请先选择要拆分的网格。',
    'Draw a line across grid {code}.': '请绘制一条穿过网格 {code} 的线。',
    'Select two or more adjacent grids to merge first.': '请先选择两个或更多要合并的相邻网格。',
    'Draw the area to transfer.': '请绘制要划转的区域。',
    'Select the grid to reshape first.': '请先选择要重塑外边界的网格。',
    'Draw the new outline of grid {code}, snapping to the vertices of the boundaries it shares.': '请绘制网格 {code} 的新轮廓,与其他网格共用的边界处吸附到其顶点。',
    'Draw the new grid in unassigned area.': '请在不属于任何网格的区域绘制新网格。',
    'Select the grid to delete first.': '请先选择要删除的网格。',
    'Select the grid to rename or recode first.': '请先选择要重命名或重新编码的网格。',
    'the drawn area touches no grid': '所绘区域未接触任何网格',
    'the drawn outline crosses itself': '所绘轮廓自相交',
    'Open a project first.': '请先打开项目。',
    'Click to add points, double-click or Enter to finish, Backspace to remove the last point, Esc to cancel.': '单击添加点,双击或按 Enter 完成,按 Backspace 删除上一个点,按 Esc 取消。',
    'Drawing cancelled.': '已取消绘制。',
    'The edit is refused: {reason}': '无法执行此编辑:{reason}',
    'Rename / Recode Grid {code}': '重命名/重新编码网格 {code}',
    'Code:': '编码:',
    'Receiving grid:': '接收网格:',
    'Take from:': '划出网格:',
    'The part of the drawn area inside the ticked grids moves to the receiving grid.': '所绘区域中位于勾选网格内的部分将划给接收网格。',
    # Impact of an edit
    'Impact of the Edit': '编辑影响',
    'No records change grid.': '没有记录变更所属网格。',
    'Warning: {text}': '警告:{text}',
    'Apply': '应用',
    ' (removed)': '(删除)',
    ' (new)': '(新增)',
    ', ': '、',
    ' and ': '和 ',
    'This moves {what} from {source} to {target}.': '{what}将从 {source} 移至 {target}。',
    'no grid': '无网格',
    '1 key person': '1 名重点人员',
    '1 key venue': '1 个重点场所',
    '1 incident': '1 件事件',
    '1 grid worker': '1 名网格员',
    '1 GPS fix': '1 个定位点',
    '{count} key persons': '{count} 名重点人员',
    '{count} key venues': '{count} 个重点场所',
    '{count} incidents': '{count} 件事件',
    '{count} grid workers': '{count} 名网格员',
    '{count} GPS fixes': '{count} 个定位点',
    # Validation
    'Run': '开始校验',
    'Re-check': '重新校验',
    ' m²': ' m²',
    'Overlaps, gaps and parts up to this area are noise of shared edges, not findings': '面积不超过此值的重叠、缝隙和部分视为共用边界的误差,不作为问题列出',
    'Kind': '类型',
    'Area (m²)': '面积(m²)',
    'Message': '说明',
    'Not checked yet.': '尚未校验。',
    'Tolerance:': '容差:',
    'Validation': '校验',
    '&Validate Grids': '校验网格(&V)',
    'Overlap': '重叠',
    'Gap': '缝隙',
    'Invalid geometry': '几何图形无效',
    'Duplicate code': '编码重复',
    'Gap between districts': '区县间缝隙',
    'Several parts': '多个部分',
    'Sliver': '细碎面',
    'Records outside grids': '记录在网格外',
    'No worker': '无网格员',
    'The check failed: {error}': '校验失败:{error}',
    'Error': '错误',
    'Warning': '警告',
    '{errors} errors, {warnings} warnings; click one to see it on the map.': '{errors} 个错误,{warnings} 个警告;点击某一项可在地图上查看。',
    'No problems found.': '未发现问题。',
    # Plans
    'Grid &Plans…': '网格方案(&P)…',
    'Grid Plans': '网格方案',
    'Save As Plan…': '另存为方案…',
    'Switch To': '切换到此方案',
    'Export Assignment CSV…': '导出记录归属 CSV…',
    'Import Assignment CSV…': '导入记录归属 CSV…',
    "The Shapefile's attribute encoding (written to its .cpg)": 'Shapefile 属性的编码(写入其 .cpg 文件)',
    'Export as': '导出格式',
    'Encoding': '编码',
    'Compare': '比较',
    '{name} — {count} grids': '{name} — {count} 个网格',
    ' (in use)': '(使用中)',
    'The grids are not saved as a plan yet: Save As Plan… names them.': '当前网格尚未保存为方案:用“另存为方案…”为其命名。',
    'Save As Plan': '另存为方案',
    'Saved the grids as plan {name} ({count} grids); it is in use: edits change it.': '已将网格保存为方案 {name}({count} 个网格)并设为当前方案:此后的编辑会修改该方案。',
    'Plan {name} is already in use.': '方案 {name} 已在使用中。',
    'Switch Plan': '切换方案',
    'Using plan {name} ({count} grids). Records that changed grid: {moved}': '已切换到方案 {name}({count} 个网格)。变更所属网格的记录:{moved}',
    'Compare Plans': '比较方案',
    'Plan {a} → plan {b}: {na} → {nb} grids': '方案 {a} → 方案 {b}:{na} → {nb} 个网格',
    'Changed grids: {codes}': '有变化的网格:{codes}',
    'Added: {codes}': '新增:{codes}',
    'Removed: {codes}': '删除:{codes}',
    'Boundaries changed: {codes}': '边界变化:{codes}',
    'Attributes changed: {codes}': '属性变化:{codes}',
    'Records moved:': '变更所属网格的记录:',
    'Export Plan': '导出方案',
    'Exported plan {name} to {file}': '已将方案 {name} 导出为 {file}',
    'Export Assignment': '导出记录归属',
    'Exported the assignment of {rows} records to {file}': '已将 {rows} 条记录的网格归属导出到 {file}',
    'Import Assignment': '导入记录归属',
    'Import assignment from {file}': '从 {file} 导入记录归属',
    '{file}: {rows} rows; {applied} applied, {unchanged} unchanged, {rejected} rejected': '{file}:共 {rows} 行;已应用 {applied} 行,未变 {unchanged} 行,拒绝 {rejected} 行',
    'Plan name:': '方案名称:',
    'A plan named {name} exists. Replace it with the current grids?': '已有名为 {name} 的方案。是否用当前网格替换?',
    'Save the grids as a plan first.': '请先将网格保存为方案。',
    'Assignment tables (*.csv *.xlsx)': '记录归属表 (*.csv *.xlsx)',
    # Workload balance
    'Workload': '工作量均衡',
    'Visit coverage (%)': '走访覆盖率(%)',
    'Overdue targets': '逾期走访对象',
    'Not by visits': '不按走访',
    'Targets by visit status': '走访对象按状态着色',
    'On time': '按时',
    'Due soon': '即将到期',
    'Overdue': '逾期',
    'Never visited': '从未走访',
    'Coverage': '覆盖率',
    'Street:': '街道:',
    'Worker:': '网格员:',
    'Per:': '统计单位:',
    'Map:': '地图:',
    'Worker ID': '网格员编号',
    'Last visit': '最近走访',
    'Due': '应走访日期',
    'Days overdue': '逾期天数',
    'Targets': '走访对象',
    'Computing…': '正在计算…',
    '{targets} targets on {day}: {on_time} visited on time ({coverage}), {due_soon} of them due soon; {overdue} overdue, {never} never visited':
        '{day} 共 {targets} 个走访对象:按时走访 {on_time} 个({coverage}),其中即将到期 {due_soon} 个;逾期 {overdue} 个,从未走访 {never} 个',
    '{shown} of {total} targets': '{shown} / {total} 个对象',
    '{statistic} on {day}': '{statistic}({day})',
    '{days} days overdue': '逾期 {days} 天',
    'due {day}': '应于 {day} 走访',
    'Visit status': '走访状态',
    'Visit every': '走访周期',
    '{days} days': '{days} 天',
    'check-in far from the target': '签到位置远离对象',
    'Visit targets': '走访对象',
    'Visits made': '已走访',
    '&Visit Rules…': '走访频次规则(&V)…',
    'Visit Rules': '走访频次规则',
    "Days allowed between visits. A target matching several rules takes the fewest days; one matching none takes its kind's default.":
        '两次走访之间允许的天数。符合多条规则的对象取最少天数;不符合任何规则的对象取其类型的默认天数。',
    'Applies to': '适用于',
    'Days': '天数',
    'Add Rule': '添加规则',
    'Remove Rule': '删除规则',
    'Restore Defaults': '恢复默认',
    'Key persons matching no rule:': '未匹配规则的重点人员:',
    'Key venues matching no rule:': '未匹配规则的重点场所:',
    'Due soon from (days before due):': '到期前几天算即将到期:',
    'Check-in far from the target beyond:': '签到距对象超过此距离即标记:',
    'Key persons: risk level': '重点人员:风险等级',
    'Key persons: category': '重点人员:人员类别',
    'Key venues: type': '重点场所:场所类型',
    'Row {row}: type the risk level, category or type the rule is for.': '第 {row} 行:请填写规则适用的风险等级、类别或场所类型。',
    'Change visit rules': '修改走访频次规则',
    'Households from': '户数范围',
    'to': '至',
    'Incidents from': '事件时段',
    'Show outliers on the map': '在地图上显示超出范围的网格',
    'Suggest Transfers': '建议划转',
    'Suggested transfer': '划转建议',
    'Accept': '接受',
    'Reject': '拒绝',
    'Stop': '停止',
    'Low': '偏少',
    'In range': '适中',
    'High': '偏多',
    'Unknown': '未知',
    'Area (km²)': '面积(km²)',
    '{grids} grids: {low} below the range, {ok} in range, {high} above it, {unknown} without households': '{grids} 个网格:{low} 个低于范围,{ok} 个在范围内,{high} 个高于范围,{unknown} 个无户数',
    'Households (target {low}–{high})': '户数(目标 {low}–{high})',
    'No more transfers to suggest.': '没有更多可建议的划转。',
    'Move {km2} km² with {households} households from {giver} to its neighbour {taker}.': '将 {giver} 的 {km2} km²(含 {households} 户)划转给相邻网格 {taker}。',
    '{code} {name}: {before} → {after} households': '{code} {name}:{before} → {after} 户',
    'Records changing grid: {records}': '变更所属网格的记录:{records}',
    'Households outside the range: {before} before, {after} after.': '超出范围的户数:划转前 {before},划转后 {after}。',
    # Printing
    '&Print Map…': '打印地图(&P)…',
    '&Daily Brief…': '每日简报(&D)…',
    'Daily Brief': '每日简报',
    'Morning of': '简报日期',
    'The brief reports the day before and the month to date.': '简报报告前一天及本月累计情况。',
    'Whole project': '整个项目',
    'Language': '语言',
    'PDF file': 'PDF 文件',
    'Also write its tables as XLSX beside it': '同时在旁边写出其表格(XLSX)',
    'PDF (*.pdf)': 'PDF 文件 (*.pdf)',
    'Print Map': '打印地图',
    'District overview': '网格总览图',
    'Grid worker notice map': '网格员公示图',
    'Incident map for a period': '时段事件分布图',
    'Key venues map': '重点场所分布图',
    'Portrait': '纵向',
    'Landscape': '横向',
    ' mm': ' mm',
    ' dpi': ' dpi',
    'The resolution of PNG and JPEG images and of the basemap in a PDF': 'PNG、JPEG 图像的分辨率,以及 PDF 中底图的分辨率',
    'Whole city': '全市',
    'Current map view': '当前地图视图',
    'A district': '指定区县',
    'A street / town': '指定街道/乡镇',
    'Selected grids ({count})': '所选网格({count} 个)',
    'Automatic: the template and the area': '自动:根据模板和范围生成',
    'No subtitle': '无副标题',
    'No date': '不注日期',
    'e.g. the office that made the map': '例如制图单位名称',
    'Legend': '图例',
    'Scale bar': '比例尺',
    'North arrow': '指北针',
    'Grid worker': '网格员',
    'No labels': '不标注',
    'Mask phone numbers': '隐去部分电话号码',
    "Print grid workers' phone numbers as 138****5678": '网格员电话号码打印为 138****5678 的形式',
    'Incidents per grid (choropleth)': '各网格事件数(分级设色)',
    'Chinese': '中文',
    'English': '英文',
    'The language of the text the map prints for itself (automatic title, legend, notes), whatever the language of GridMap': '地图上自动生成的文字(自动标题、图例、注记)所用的语言,与 GridMap 界面语言无关',
    'MBTiles…': 'MBTiles…',
    'Tile Folder…': '瓦片文件夹…',
    'One page': '单页',
    'One page per street / town': '每个街道/乡镇一页',
    'One page per district': '每个区县一页',
    'Exports and printing make one page per unit in the extent; images are one file each': '导出和打印时范围内每个单元一页;图像每页一个文件',
    'One PDF file per page': '每页一个 PDF 文件',
    'Off: one PDF holding every page': '不勾选:所有页面在同一个 PDF 中',
    'Page': '页面',
    'Template:': '模板:',
    'Paper:': '纸张:',
    'Orientation:': '方向:',
    'Margins:': '页边距:',
    'Image resolution:': '图像分辨率:',
    'Pages:': '分页:',
    'Extent:': '范围:',
    'District:': '区县:',
    'Street / town:': '街道/乡镇:',
    'Incidents from:': '事件时段:',
    'Incidents as:': '事件显示为:',
    'Text': '文字',
    'Title:': '标题:',
    'Subtitle:': '副标题:',
    'Date:': '日期:',
    'Unit / author:': '制图单位:',
    'Map language:': '地图语言:',
    'Font:': '字体:',
    'An installed Chinese font': '已安装的中文字体',
    'Font File…': '字体文件…',
    "Print with a font file (.ttf, .otf, .ttc), such as your organisation's standard Chinese font":
        '使用字体文件(.ttf、.otf、.ttc)打印,例如本单位的标准中文字体',
    'Installed': '已安装字体',
    'Font File': '字体文件',
    'Font files ({patterns})': '字体文件({patterns})',
    'Content': '内容',
    'Grid labels:': '网格标注:',
    'Basemap:': '底图:',
    'Export PDF…': '导出 PDF…',
    'Export Image…': '导出图像…',
    'Print…': '打印…',
    'Close': '关闭',
    'Print Phone Numbers': '打印电话号码',
    "Print grid workers' phone numbers in full? Whoever sees the printed map can read them; print them only for a notice that must show them. Type why: each map printed with them is recorded in the project's audit log.": '完整打印网格员的电话号码吗?看到打印地图的人都能读到这些号码;仅在公示确需完整号码时才这样打印。请填写原因:每次完整打印都会记入项目的审计日志。',
    'Basemap MBTiles File': '底图 MBTiles 文件',
    'Basemap Tile Folder': '底图瓦片文件夹',
    'Rendering…': '正在生成预览…',
    'The extent holds no grids to print.': '范围内没有可打印的网格。',
    'The preview failed: {error}': '预览失败:{error}',
    'Page 1 of {pages}': '第 1 页,共 {pages} 页',
    '1 page': '共 1 页',
    'Export PDF': '导出 PDF',
    'PDF files (*.pdf)': 'PDF 文件 (*.pdf)',
    'Export Image': '导出图像',
    'PNG images (*.png);;JPEG images (*.jpg *.jpeg)': 'PNG 图像 (*.png);;JPEG 图像 (*.jpg *.jpeg)',
    'Export Map': '导出地图',
    'Cancelled.': '已取消。',
    'Sent {pages} page(s) to {printer}': '已将 {pages} 页发送到 {printer}',
    'the printer': '打印机',
    'Wrote {path}': '已写入 {path}',
    'Wrote {path} ({pages} pages)': '已写入 {path}(共 {pages} 页)',
    'Wrote {count} files to {folder}': '已将 {count} 个文件写入 {folder}',
    'Map Extent': '制图范围',
}


# Core's messages (context "core"): errors, problems about the user's data, CRS notes, progress. Placeholders
# stay as in the source; the values are file names, row lists, field names and numbers.
ZH_CN_CORE = {
    # Starting the window
    "no display: set DISPLAY, or run with QT_QPA_PLATFORM=offscreen for commands":
        "没有显示器:请设置 DISPLAY,或以 QT_QPA_PLATFORM=offscreen 运行命令",
    "Qt's X11 plugin cannot load {libraries}: install with apt-get install {packages}":
        "Qt 的 X11 插件无法加载 {libraries}:请用 apt-get install {packages} 安装",
    # Reading files
    "file not found": "找不到文件",
    "is a folder; choose a .shp, .zip, .gpkg, .geojson or .kml file":
        "是文件夹;请选择 .shp、.zip、.gpkg、.geojson 或 .kml 文件",
    "cannot unpack the zip archive ({error})": "无法解压 ZIP 压缩包({error})",
    "the zip archive holds no .shp, .gpkg, .geojson or .kml file": "ZIP 压缩包中没有 .shp、.gpkg、.geojson 或 .kml 文件",
    "the zip archive holds several datasets ({names}); unpack it and choose one":
        "ZIP 压缩包中有多个数据集({names});请解压后选择其中一个",
    "unsupported file type {suffix}; expected one of {supported}": "不支持的文件类型 {suffix};支持的类型:{supported}",
    "(none)": "(无)",
    "cannot read: {error}": "无法读取:{error}",
    "cannot read: not a {format} file": "无法读取:不是 {format} 文件",
    "cannot read: not a GeoJSON file ({error})": "无法读取:不是 GeoJSON 文件({error})",
    "cannot read: item {item} of the GeoJSON array is not a Feature": "无法读取:GeoJSON 数组的第 {item} 项不是要素(Feature)",
    "the file holds no layer": "文件中没有图层",
    "no layer named {layer}; layers: {layers}": "没有名为 {layer} 的图层;现有图层:{layers}",
    "cannot read layer {layer}: {error}": "无法读取图层 {layer}:{error}",
    "{format} files are UTF-8 by definition; the encoding {encoding} was not used":
        "{format} 文件规定使用 UTF-8 编码;未采用指定的编码 {encoding}",
    "unknown encoding {encoding}": "无法识别的编码 {encoding}",
    "{count} records do not decode as {encoding} ({rows}): their text would be garbled":
        "{count} 条记录无法按 {encoding} 解码({rows}):其文字会成为乱码",
    "{problem}; the file looks like {detected}: choose that encoding or leave it to detection":
        "{problem};该文件看来是 {detected} 编码:请选择该编码,或交由自动检测",
    'the zip archive would unpack to {size} MB, more than the {limit} MB allowed; unpack it yourself and choose the file': 'zip 压缩包解压后将达 {size} MB,超过允许的 {limit} MB;请自行解压后选择文件',
    'layer {layer} is an SQL view that did not finish within {seconds} s; it may never end': '图层 {layer} 是 SQL 视图,{seconds} 秒内未能读完;它可能永远不会结束',
    '{rows}: the households field {field} holds {value}, not a number of households': '{rows}:户数字段 {field} 的值为 {value},不是有效的户数',
    # Shapefile parts
    "the .dbf attribute file is empty or truncated": ".dbf 属性文件为空或不完整",
    "the .dbf attribute file has a corrupt header": ".dbf 属性文件的文件头已损坏",
    "the .dbf attribute file is truncated: its header announces {count} records but only {complete} are complete":
        ".dbf 属性文件不完整:文件头声明有 {count} 条记录,但只有 {complete} 条完整",
    "the .shp file is empty (0 bytes)": ".shp 文件为空(0 字节)",
    "not a shapefile: the .shp header is missing or corrupt": "不是 Shapefile 文件:.shp 文件头缺失或已损坏",
    "the .shp file is truncated: its header announces {declared} bytes but the file has {size}":
        ".shp 文件不完整:文件头声明为 {declared} 字节,但文件只有 {size} 字节",
    "the attribute file {name} is missing next to the .shp": ".shp 文件旁缺少属性文件 {name}",
    "the index {name} is missing: rebuilt from the .shp in a temporary copy ({shapes} shapes)":
        "缺少索引文件 {name}:已在临时副本中根据 .shp 重建({shapes} 个图形)",
    "the .shp has {shapes} shapes but the .dbf has {records} records: the parts do not belong together or one is "
    "truncated": ".shp 有 {shapes} 个图形,而 .dbf 有 {records} 条记录:这些文件不配套,或其中之一不完整",
    # Coordinate systems
    "given by the user": "由用户指定",
    "the file declares no coordinate system: {note}": "文件未声明坐标系:{note}",
    "unknown": "未知",
    "unknown coordinate system {crs} ({error})": "无法识别的坐标系 {crs}({error})",
    "no CGCS2000 {width}° Gauss-Krüger zone has central meridian {meridian}°E":
        "CGCS2000 没有中央经线为 {meridian}°E 的 {width}度高斯-克吕格投影带",
    "coordinates are not finite numbers": "坐标不是有效数值",
    "coordinates are degrees: assumed CGCS2000 (EPSG:4490)": "坐标单位为度:假定为 CGCS2000 地理坐标(EPSG:4490)",
    "eastings carry zone prefix {zone}: assumed CGCS2000 {width}° Gauss-Krüger zone {zone}, central meridian "
    "{meridian}°E (EPSG:{code})":
        "横坐标带有带号 {zone}:假定为 CGCS2000 {width}度高斯-克吕格第 {zone} 带,中央经线 {meridian}°E(EPSG:{code})",
    "eastings look like Gauss-Krüger without a zone prefix: the central meridian is needed, e.g. gk3:120 "
    "(EPSG:4549) or gk3:123 (EPSG:4550) (command line: --crs)":
        "横坐标像是不带带号的高斯-克吕格坐标:需要指定中央经线,例如 gk3:120(EPSG:4549)或 gk3:123(EPSG:4550)(命令行:--crs)",
    "the coordinate system cannot be inferred from the coordinate ranges": "无法根据坐标范围推断坐标系",
    "the declared EPSG:{code} does not match eastings that carry the zone prefix: using EPSG:{fixed}":
        "文件声明的 EPSG:{code} 与带带号的横坐标不符:改用 EPSG:{fixed}",
    "the declared EPSG:{code} does not match eastings that lack the zone prefix: using EPSG:{fixed}":
        "文件声明的 EPSG:{code} 与不带带号的横坐标不符:改用 EPSG:{fixed}",
    # Grid checks
    "row {rows}": "第 {rows} 行",
    "rows {rows}": "第 {rows} 行",
    "rows {rows}, … ({count} in all)": "第 {rows} 等行(共 {count} 行)",
    "{rows}: no geometry, left out": "{rows}:没有几何图形,已跳过",
    "grids must be polygons; this layer has {types} geometries": "网格必须是面要素;此图层的几何类型为 {types}",
    "{rows}: not polygons, left out": "{rows}:不是面要素,已跳过",
    "{rows}: coordinates are not numbers, left out": "{rows}:坐标不是数值,已跳过",
    "{rows}: invalid polygons repaired": "{rows}:无效的多边形已修复",
    "{rows}: no area left after repair, left out": "{rows}:修复后面积为零,已跳过",
    "the coordinate system is unknown; choose it (command line: --crs)": "坐标系未知;请指定坐标系(命令行:--crs)",
    "{coords} coordinates are longitude/latitude but the layer is in {crs}":
        "{coords} 坐标应为经纬度,但此图层的坐标系为 {crs}",
    "{rows}: coordinates outside longitude/latitude range, left out": "{rows}:坐标超出经纬度范围,已跳过",
    "no grid code field found; choose it (command line: --code-field); fields: {fields}":
        "未找到网格编码字段;请指定(命令行:--code-field);现有字段:{fields}",
    "{rows}: the code field {field} is empty": "{rows}:编码字段 {field} 为空",
    "{rows}: duplicate codes in {field} ({values})": "{rows}:{field} 字段中的编码重复({values})",
    # Projects
    "code": "网格编码",
    "name": "网格名称",
    "district": "区县",
    "street": "街道",
    "community": "社区",
    "households": "户数",
    "unknown coordinates {coords}; expected one of {expected}": "未知的坐标类型 {coords};应为以下之一:{expected}",
    "no field {field} for the {role}; fields: {fields}": "找不到用作{role}的字段 {field};现有字段:{fields}",
    "{problem} (and {count} more problems)": "{problem}(另有 {count} 个问题)",
    "a project file must end in .gpkg": "项目文件的扩展名必须是 .gpkg",
    "already exists; use --force to overwrite it": "已存在;如需覆盖请使用 --force",
    "push copies a project into a database: give a postgresql:// URL": "push 把项目复制到数据库:请给出 postgresql:// 地址",
    "pull copies a project out of a database: give a postgresql:// URL": "pull 从数据库复制出项目:请给出 postgresql:// 地址",
    "not a database URL (postgresql://USER@HOST:PORT/DBNAME?schema=NAME)":
        "不是数据库地址(postgresql://用户@主机:端口/数据库?schema=模式名)",
    "the port in the database URL is not a number": "数据库地址中的端口不是数字",
    "a database URL needs a host and a database name (postgresql://USER@HOST:PORT/DBNAME?schema=NAME)":
        "数据库地址需要主机和数据库名(postgresql://用户@主机:端口/数据库?schema=模式名)",
    "the database URL names no project: add ?schema=NAME": "数据库地址未指明项目:请加上 ?schema=模式名",
    "the schema name {name} is not a plain name (lower-case letters, digits and _, not starting with a digit)":
        "模式名 {name} 不是简单名称(小写字母、数字和 _,不以数字开头)",
    "cannot connect to the database {db} on {host} port {port}: {error}":
        "无法连接 {host} 端口 {port} 上的数据库 {db}:{error}",
    "the {layer} layer has a column named {column}, which a database project keeps for itself; rename it":
        "{layer} 图层有名为 {column} 的列,数据库项目保留此列名;请重命名",
    "database error; nothing was changed ({error})": "数据库错误;未做任何更改({error})",
    "no GridMap project in schema {schema} (copy one there with gridmap push)":
        "模式 {schema} 中没有 GridMap 项目(可用 gridmap push 复制一个进去)",
    "the project has no layer {name}": "项目没有图层 {name}",
    "grids {codes} were changed by another program since this project was loaded; nothing was saved: reload the "
    "project and edit again": "自载入本项目以来网格 {codes} 已被其他程序修改;未保存任何内容:请重新载入项目后再编辑",
    "grids {codes} were changed by {who} at {desk} at {at} ({what}: {description}) since this project was loaded; "
    "nothing was saved: reload the project and edit again":
        "自载入本项目以来网格 {codes} 已被 {desk} 的 {who} 于 {at} 修改({what}:{description});未保存任何内容:"
        "请重新载入项目后再编辑",
    "schema {schema} exists; use --force to replace it": "模式 {schema} 已存在;如需替换请使用 --force",
    "the database has no PostGIS: run CREATE EXTENSION postgis in it first":
        "该数据库没有 PostGIS:请先在其中执行 CREATE EXTENSION postgis",
    'the project file is read-only; nothing was saved (make it writable or save it under another name)': '项目文件为只读;未保存任何内容(请设为可写或另存为其他文件名)',
    'the lock file is a symbolic link; GridMap does not follow it: remove it': '锁文件是符号链接;GridMap 不会跟随它:请删除该文件',
    'cannot open the lock file ({error})': '无法打开锁文件({error})',
    'damaged project: the grids layer has no {columns} column': '项目已损坏:网格图层缺少 {columns} 列',
    'damaged project: cannot read its metadata ({error})': '项目已损坏:无法读取元数据({error})',
    'damaged project: the metadata {key} is not valid JSON': '项目已损坏:元数据 {key} 不是有效的 JSON',
    "project file not found": "找不到项目文件",
    "not a readable GeoPackage ({error})": "不是可读取的 GeoPackage 文件({error})",
    "not a GridMap project (no grids layer or metadata)": "不是 GridMap 项目(缺少网格图层或元数据)",
    "not a GridMap project (a project is a GeoPackage, .gpkg, made by GridMap)":
        "不是 GridMap 项目(项目是由 GridMap 创建的 GeoPackage 文件,.gpkg)",
    "is a boundary file, not a GridMap project": "是边界文件,不是 GridMap 项目",
    "{file} is a boundary file; create a project with: gridmap new PROJECT.gpkg --grids {file}":
        "{file} 是边界文件;请用以下命令创建项目:gridmap new 项目.gpkg --grids {file}",
    "another process": "另一个进程",
    "the project is open in another GridMap ({holder})": "该项目已在另一个 GridMap 中打开({holder})",
    # Progress
    "Reading {name}": "正在读取 {name}",
    "Checking grids": "正在检查网格",
    "Writing {name}": "正在写入 {name}",
    "Writing grids": "正在写入网格",
    "Done": "完成",
    "Saved": "已保存",
    "cannot save; the previous file is unchanged ({error})": "无法保存,原文件未改动({error})",
    "Generating grids for {county}": "正在生成{county}的网格",
    "Grids generated": "网格已生成",
    "Generating records": "正在生成业务记录",
    "Sample data written": "示例数据已写入",
    # Map (issue 3)
    'a basemap needs a name': '底图需要名称',
    "{name}: unknown basemap kind '{kind}' (expected one of {kinds})": '{name}:未知的底图类型“{kind}”(应为 {kinds} 之一)',
    "{name}: unknown coordinate system '{coords}' (expected wgs84 or gcj02)": '{name}:未知的坐标系“{coords}”(应为 wgs84 或 gcj02)',
    '{name}: zoom levels must satisfy 0 ≤ min zoom ({min}) ≤ max zoom ({max}) ≤ {limit}': '{name}:缩放级别须满足 0 ≤ 最小级别({min})≤ 最大级别({max})≤ {limit}',
    '{name}: no file or folder given': '{name}:未指定文件或文件夹',
    '{name}: malformed URL template ({error})': '{name}:URL 模板格式错误({error})',
    '{name}: unknown placeholder {placeholder} in the URL template (allowed: {allowed})': '{name}:URL 模板中有未知占位符 {placeholder}(允许:{allowed})',
    '{name}: the URL template needs {{z}}, {{x}} and {{y}} (or {{-y}})': '{name}:URL 模板需要 {{z}}、{{x}} 和 {{y}}(或 {{-y}})',
    '{name}: the URL template uses {{s}} but no subdomains are given': '{name}:URL 模板使用了 {{s}},但未给出子域名',
    '{name}: only {{s}} may appear in the host name of the URL template': '{name}:URL 模板的主机名中只能出现 {{s}}',
    'a basemap must be a mapping, not {type}': '底图必须是键值映射,而不是 {type}',
    'a basemap needs a {field}': '底图需要 {field}',
    "{name}: {field} must be a whole number, not '{value}'": '{name}:{field} 必须是整数,而不是“{value}”',
    '{name} needs a key (the URL template contains {{key}})': '{name} 需要密钥(URL 模板含有 {{key}})',
    'The basemap {name} needs a key, which was left out of this file.': '底图 {name} 需要密钥,此文件未包含该密钥。',
    'the folder does not exist': '文件夹不存在',
    'cannot write the HTML file: {error}': '无法写入 HTML 文件:{error}',
    'MBTiles file not found': '找不到 MBTiles 文件',
    'cannot open the MBTiles file: {error}': '无法打开 MBTiles 文件:{error}',
    'not an MBTiles file: {error}': '不是 MBTiles 文件:{error}',
    'not an MBTiles file (it has no tiles table)': '不是 MBTiles 文件(没有 tiles 表)',
    'cannot read tiles: {error}': '无法读取瓦片:{error}',
    'tile folder not found': '找不到瓦片文件夹',
    '{name} is not a local tile source': '{name} 不是本地瓦片源',
    'the map did not draw within {seconds} s': '地图在 {seconds} 秒内未能绘制',
    'the map stayed blank for {seconds} s; nothing was written': '地图 {seconds} 秒后仍为空白；未写入任何文件',
    'cannot write the image': '无法写入图像',
    'not a font file; expected one of {expected}': '不是字体文件;应为 {expected} 之一',
    'no such font file': '字体文件不存在',
    'cannot read this font file': '无法读取此字体文件',
    'no font on this computer can draw Chinese (such as {chars}); install one (Debian/Ubuntu: apt-get install '
    'fonts-noto-cjk) or choose a font file (--font FILE.ttf|otf|ttc)':
        '本机没有能显示中文(如 {chars})的字体:请安装中文字体(Debian/Ubuntu:apt-get install fonts-noto-cjk),'
        '或指定字体文件(--font FILE.ttf|otf|ttc)',
    'no grid with code {code}': '没有编码为 {code} 的网格',
    'a manual assignment needs a reason': '手动指定网格需要填写原因',
    'no layer {layer}; layers: {layers}': '没有图层 {layer};现有图层:{layers}',
    'unknown output format; use .csv, .gpkg, .shp or .geojson': '未知的输出格式;请使用 .csv、.gpkg、.shp 或 .geojson',
    'cannot write the file ({error})': '无法写入文件({error})',
    'is a GridMap project; an export never replaces a project: choose another output file': '是 GridMap 项目;导出不会覆盖项目:请选择其他输出文件',
    'is the lock file of a GridMap project; choose another output file': '是 GridMap 项目的锁文件;请选择其他输出文件',
    'row {row}, column {column}: a control character that an XLSX file cannot hold; export as CSV': '第 {row} 行 {column} 列:含有 XLSX 文件无法保存的控制字符;请导出为 CSV',
    '{kind}: {rows} rows read, {imported} imported ({new} new, {updated} updated), {rejected} rejected, {unassigned} outside every grid': '{kind}:读取 {rows} 行,导入 {imported} 条(新增 {new},更新 {updated}),拒绝 {rejected} 行,{unassigned} 条不在任何网格内',
    "  private (masked): {columns}": "  隐私列(已脱敏):{columns}",
    "  row {row}: {reason}": "  第 {row} 行:{reason}",
    "  … {count} more rejected rows (--json lists them all)": "  … 另有 {count} 行被拒绝(--json 列出全部)",
    "cancelled; nothing was written": "已取消;未写入任何内容",
    "no new files in {folder}": "{folder} 中没有新文件",
    "already imported as {name} at {at}; not imported again": "已于 {at} 作为 {name} 导入;不再重复导入",
    "{file}: {summary}": "{file}:{summary}",
    "{file}: {error}": "{file}:{error}",
    "not a folder": "不是文件夹",
    "cannot move the file ({error})": "无法移动文件({error})",
    "file: {name}": "文件:{name}",
    "at: {at}": "时间:{at}",
    "kind: {kind}": "类型:{kind}",
    "imported: {summary}": "已导入:{summary}",
    "row {row}: {reason}": "第 {row} 行:{reason}",
    "not imported: {error}": "未导入:{error}",
    "failed: {error}": "失败:{error}",
    'unknown record kind {kind}; expected one of {expected}': '未知的记录类型 {kind};应为 {expected} 之一',
    'Looking for ID and phone numbers': '查找身份证号和电话号码',
    '{column} always stays private': '{column} 始终为隐私列',
    'a reveal needs a reason': '显示完整号码须填写原因',
    'cannot record the reveal in the audit log ({error})': '无法把本次显示记入审计日志({error})',
    'Checking rows': '正在检查各行',
    '{kind} have no column role {role}; roles: {roles}': '{kind}没有列角色 {role};可用角色:{roles}',
    'no column {column}; columns: {columns}': '没有列 {column};现有列:{columns}',
    'no longitude/latitude columns found; name them with --lon-col and --lat-col (columns: {columns})': '找不到经度/纬度列;请用 --lon-col 和 --lat-col 指定(现有列:{columns})',
    'no grid code column found for the workers; columns: {columns}': '找不到网格员的网格编码列;现有列:{columns}',
    'no id': '缺少编号',
    'duplicate id {id} (first in row {row})': '编号 {id} 重复(首次出现在第 {row} 行)',
    'no time': '缺少时间',
    'unreadable time {value}': '无法识别的时间 {value}',
    'not a point but a {geometry}': '不是点,而是 {geometry}',
    'no coordinates': '缺少坐标',
    'coordinates are not numbers: {x}, {y}': '坐标不是数字:{x}, {y}',
    'longitude and latitude look swapped ({count} rows, e.g. {x}, {y}); swap them (--fix-swapped) or choose the columns': '经度和纬度似乎颠倒了({count} 行,如 {x}, {y});请交换(--fix-swapped)或重新选择列',
    'longitude and latitude look swapped': '经度和纬度似乎颠倒',
    'coordinates out of range: {x}, {y}': '坐标超出范围:{x}, {y}',
    'Assigning grids': '正在分配网格',
    'unknown grid code {codes}': '未知的网格编码 {codes}',
    'incidents': '事件',
    'key persons': '重点人员',
    'key venues': '重点场所',
    'grid workers': '网格员',
    'visits': '走访记录',
    'visits: {rows} rows read, {imported} imported ({new} new, {updated} updated), {rejected} rejected, {far} checked in far from their target': '走访记录:读取 {rows} 行,导入 {imported} 条(新增 {new},更新 {updated}),拒绝 {rejected} 行,{far} 条签到位置远离走访对象',
    "no column for the visited target's id (走访对象编号) or the visit time (走访时间) found; name them with --col target_id=COLUMN --col visited_at=COLUMN (columns: {columns})": '找不到走访对象编号列或走访时间列;请用 --col target_id=列名 --col visited_at=列名 指定(现有列:{columns})',
    'unknown target kind {value}; expected 重点人员 (persons) or 重点场所 (venues)': '未知的走访对象类型 {value};应为 重点人员 或 重点场所',
    'the far check-in distance must be more than 0 m, not {value}': '签到偏远距离必须大于 0 米,而不是 {value}',
    'no {kind} with id {id}': '没有编号为 {id} 的{kind}',
    'unknown target {id}': '未知的走访对象 {id}',
    'unknown unit {by}; expected one of {expected}': '未知的统计单位 {by};应为 {expected} 之一',
    'damaged project: its visit rules cannot be read': '项目已损坏:无法读取走访规则',
    'unknown rule field {field}; expected one of {expected}': '未知的规则字段 {field};应为 {expected} 之一',
    'days before due must be 0 to {max}, not {value}': '到期提醒天数必须在 0 到 {max} 之间,而不是 {value}',
    '{what}: days between visits must be 1 to {max}, not {days}': '{what}:走访间隔天数必须在 1 到 {max} 之间,而不是 {days}',
    'no visit rule for {value}': '没有 {value} 的走访规则',
    'expected VALUE=DAYS such as 高风险=7, not {text}': '应为 值=天数,如 高风险=7,而不是 {text}',
    'cannot tell which field {value} is; write risk:{value}, category:{value} or type:{value}': '无法判断 {value} 属于哪个字段;请写成 risk:{value}、category:{value} 或 type:{value}',
    'GPS track points': '轨迹定位点',
    '{date}: {grids} grids patrolled, {minutes} minutes': '{date}:巡查 {grids} 个网格,共 {minutes} 分钟',
    'unknown level {level}; expected one of {expected}': '未知的统计层级 {level};应为 {expected} 之一',
    'unknown language {lang}; expected one of {expected}': '未知的语言 {lang};应为 {expected} 之一',
    'the project has no {layer} layer': '项目中没有 {layer} 图层',
    'unassigned': '未分配网格',
    'unknown format {format}; expected one of {expected}': '未知格式 {format};应为 {expected} 之一',
    'cannot write ({error})': '无法写入({error})',
    'unknown statistic {name}; expected one of {expected}': '未知的统计值 {name};应为 {expected} 之一',
    'old Excel .xls files cannot be read; save the sheet as .xlsx or CSV': '无法读取旧版 Excel .xls 文件;请另存为 .xlsx 或 CSV',
    'the GPX file holds no track points': 'GPX 文件中没有轨迹点',
    'not a readable GPX file ({error})': '无法读取的 GPX 文件({error})',
    'the text is neither UTF-8 nor GBK; choose its encoding': '文本既不是 UTF-8 也不是 GBK;请选择编码',
    'cannot decode the file as {encoding} at byte {offset}; choose its encoding': '无法按 {encoding} 解码第 {offset} 字节处;请选择编码',
    'the file is empty': '文件为空',
    'cannot read the file ({error})': '无法读取文件({error})',
    'line {line} is longer than {size} MB; is this a table?': '第 {line} 行超过 {size} MB;这是表格文件吗?',
    'line {line}, column {column}: a NUL character (byte 0); the file is damaged or not text': '第 {line} 行 {column} 列:含有 NUL 字符(字节 0);文件已损坏或不是文本',
    'cannot read the table: {error}': '无法读取表格:{error}',
    'reading Excel files needs openpyxl': '读取 Excel 文件需要 openpyxl',
    'not a readable Excel workbook ({error})': '不是可读取的 Excel 工作簿({error})',
    'no sheet named {sheet}; sheets: {sheets}': '没有名为 {sheet} 的工作表;现有工作表:{sheets}',
    'the sheet is empty': '工作表为空',
    'no data': '无数据',
    '(no category)': '(无类别)',
    'other': '其他',
    'on time': '按时',
    'due soon': '即将到期',
    'overdue': '逾期',
    'never visited': '从未走访',
    # Editing grids
    'a line': '线',
    'a polygon': '多边形',
    'expected {what} in lon/lat, not {value}': '应为经纬度坐标的{what},而不是 {value}',
    'the line does not cut grid {code} in two; draw it across the grid from edge to edge': '该线未把网格 {code} 分成两部分;请从网格的一边到另一边画线穿过网格',
    'split grid {code} into {count}': '将网格 {code} 拆分为 {count} 个',
    'choose at least two grids to merge': '请至少选择两个要合并的网格',
    'grids {codes} do not form one connected area; merge adjacent grids only': '网格 {codes} 不构成一个连通区域;只能合并相邻网格',
    'merge {codes} into {code}': '将 {codes} 合并为 {code}',
    'the area takes nothing from grids {codes}': '该区域未从网格 {codes} 划出任何部分',
    'the area does not touch grid {code}; it can only take area next to it': '该区域未接触网格 {code};只能划入与其相邻的区域',
    'the area takes all of grid {codes}; merge it instead': '该区域包含网格 {codes} 的全部;请改用合并',
    'move area from {codes} to {code}': '将 {codes} 的区域划转给 {code}',
    'the polygon lies inside existing grids; a new grid needs unassigned area': '该多边形位于现有网格内;新网格须位于不属于任何网格的区域',
    'the polygon touches no grid; draw it next to the grids it belongs with': '该多边形未接触任何网格;请紧挨其所属的网格绘制',
    'no street named {street}': '没有名为 {street} 的街道',
    'create grid {code}': '新建网格 {code}',
    'delete grid {code}': '删除网格 {code}',
    'the new outline overlaps grid {other}': '新轮廓与网格 {other} 重叠',
    'the new outline moves the boundary shared with grid {other}; transfer area instead': '新轮廓移动了与网格 {other} 共用的边界;请改用划转区域',
    'reshape the outer boundary of {code}': '重塑 {code} 的外边界',
    'code {code} is empty or already used': '编码 {code} 为空或已被使用',
    'recode {code}': '重命名/重新编码 {code}',
    'the edit would leave grid {codes} empty or invalid': '此编辑会使网格 {codes} 为空或无效',
    'the edit would change the area the grids cover by {area} m²': '此编辑会使网格覆盖的面积改变 {area} m²',
    'grid {code} would overlap grid {other} by {area} m²': '网格 {code} 将与网格 {other} 重叠 {area} m²',
    'grids {code} and {other} would overlap': '网格 {code} 与 {other} 将会重叠',
    'grid {code} would be in {count} parts': '网格 {code} 将分成 {count} 个不相连的部分',
    'the grids changed since this edit was planned; plan it again': '此编辑生成后网格已有变化;请重新编辑',
    'this edit has not been applied': '此编辑尚未应用',
    # Validation
    '{codes}, … ({count} in all)': '{codes} 等(共 {count} 个)',
    'no geometry': '没有几何图形',
    'grid {code} has invalid geometry: {reason}': '网格 {code} 的几何图形无效:{reason}',
    'code {code} is used by {count} grids': '编码 {code} 被 {count} 个网格使用',
    'grids {a} and {b} overlap by {area} m², about {width} m wide': '网格 {a} 与 {b} 重叠 {area} m²,宽约 {width} m',
    'gap of {area} m², about {width} m wide, between grids {grids}': '网格 {grids} 之间有 {area} m² 的缝隙,宽约 {width} m',
    'gap of {area} m², about {width} m wide, between districts {districts} (grids {grids})': '区县 {districts} 之间有 {area} m² 的缝隙,宽约 {width} m(网格 {grids})',
    'grid {code} has a sliver of {area} m²': '网格 {code} 有 {area} m² 的细碎面',
    'grid {code} has {count} separate parts': '网格 {code} 由 {count} 个不相连的部分组成',
    '{count} {records} outside every grid': '{count} 条{records}记录不在任何网格内',
    'grid {code} has no worker': '网格 {code} 没有网格员',
    # Plans
    'no plan named {name}; plans: {names}': '没有名为 {name} 的方案;现有方案:{names}',
    'a plan needs a name': '方案需要名称',
    'a plan named {name} exists; choose another name or replace it (--replace)': '已有名为 {name} 的方案;请换一个名称或替换该方案(--replace)',
    'the current grids are not saved as a plan and would be lost; save them as a plan first': '当前网格尚未保存为方案,将会丢失;请先将其保存为方案',
    'unknown plan format; use .shp, .gpkg or .geojson': '未知的方案格式;请使用 .shp、.gpkg 或 .geojson',
    'unknown Shapefile encoding; use UTF-8 or GBK': '未知的 Shapefile 编码;请使用 UTF-8 或 GBK',
    '{value} (field {field}) has characters GBK cannot hold; export as UTF-8': '{value}({field} 字段)含有 GBK 无法表示的字符;请导出为 UTF-8',
    'an assignment table is written as .csv': '记录归属表只能导出为 .csv 文件',
    'no column {columns}; an assignment table has the columns kind, id, grid_code': '没有列 {columns};记录归属表应有 kind、id、grid_code 三列',
    'imported from {file}': '从 {file} 导入',
    'empty kind or id': '类型或编号为空',
    'unknown kind {kind}; expected {kinds}': '未知的类型 {kind};应为 {kinds}',
    '{kind} {id} repeats row {row}': '{kind} {id} 与第 {row} 行重复',
    'the id {id} is masked; export the assignment with ID numbers revealed': '编号 {id} 已部分隐去;请先显示完整身份证号,再导出记录归属表',
    'no {kind} record with id {id}': '没有编号为 {id} 的 {kind} 记录',
    'empty grid code': '网格编码为空',
    # Printing
    'unknown paper {paper}; expected one of {expected}': '未知的纸张 {paper};应为 {expected} 之一',
    'unknown template {template}; expected one of {expected}': '未知的模板 {template};应为 {expected} 之一',
    'unknown labels {labels}; expected one of {expected}': '未知的标注方式 {labels};应为 {expected} 之一',
    'unknown extent {extent}; expected one of {expected}': '未知的范围 {extent};应为 {expected} 之一',
    'unknown map language {lang}; expected one of {expected}': '未知的地图语言 {lang};应为 {expected} 之一',
    'the resolution must be between 72 and 1200 dpi, not {dpi}': '分辨率须在 72 至 1200 dpi 之间,而不是 {dpi}',
    'margins of {margin} mm do not fit on {paper}': '{paper} 纸张容不下 {margin} mm 的页边距',
    'the selection holds rows that are not grids of the project': '所选内容含有不是本项目网格的行',
    'the current view has no extent (west, south, east, north)': '当前视图没有范围(西、南、东、北)',
    'no grids to print': '没有可打印的网格',
    'no district {district} in the project': '项目中没有区县 {district}',
    'which district? Give its name or its 6-digit code': '哪个区县?请给出其名称或 6 位代码',
    'which street? Give its name or its 9-digit code': '哪个街道?请给出其名称或 9 位代码',
    'no street {street} in the project': '项目中没有街道 {street}',
    'street {street} is in several districts ({districts}); give the district too': '多个区县都有街道 {street}({districts});请同时指定区县',
    'not a date: {text} (expected YYYY-MM-DD)': '不是日期:{text}(应为 YYYY-MM-DD)',
    'the period starts after it ends ({start} > {end})': '时段的开始晚于结束({start} > {end})',
    'unknown batch {batch}; expected one of {expected}': '未知的分页方式 {batch};应为 {expected} 之一',
    'tile {zoom}/{x}/{y} is not an image': '瓦片 {zoom}/{x}/{y} 不是图像',
    'a {paper} page at {dpi} dpi is too big an image ({pixels} million pixels); choose a lower resolution or PDF': '{dpi} dpi 的 {paper} 页面图像过大({pixels} 百万像素);请选择较低的分辨率或改用 PDF',
    'cannot print to a file named {name}; expected one of {expected}': '无法输出到名为 {name} 的文件;扩展名应为 {expected} 之一',
    'Drawing {name}': '正在绘制 {name}',
    'Counting': '正在统计',
    '{day}: {new} new incidents, {pages} pages, {seconds} s': '{day}:新增事件 {new} 起,共 {pages} 页,用时 {seconds} 秒',
    'no district {name}; districts: {names}': '没有区县 {name};现有区县:{names}',
    'cannot write the PDF': '无法写入 PDF',
    'cannot start printing': '无法开始打印',
}


def placeholders(text: str) -> set[str]:
    """The ``{names}`` in a message template."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def core_templates() -> tuple[dict[str, list[tuple[str, int]]], list[str]]:
    """Core's ``tr("…")`` templates with their locations (paths relative to this folder), and the ``tr``
    calls whose first argument is not a string literal (which cannot be translated)."""
    templates: dict[str, list[tuple[str, int]]] = {}
    bad = []
    for path in sorted(p for p in PACKAGE.rglob("*.py") if uses_core_tr(p)):
        relative = Path("..", "..", path.relative_to(ROOT)).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name != "tr":
                continue
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                templates.setdefault(first.value, []).append((relative, node.lineno))
            else:
                bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return templates, bad


def replace_core_context(ts: Path, templates: dict[str, list[tuple[str, int]]]) -> None:
    """Rebuild the ``core`` context of ``ts`` from ``templates`` (translations are filled afterwards)."""
    tree = ET.parse(ts)
    root = tree.getroot()
    for context in root.findall("context"):
        if context.findtext("name") == CORE_CONTEXT:
            root.remove(context)
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CORE_CONTEXT
    for source in sorted(templates, key=lambda s: (templates[s][0], s)):
        message = ET.SubElement(context, "message")
        for filename, line in templates[source]:
            ET.SubElement(message, "location", filename=filename, line=str(line))
        ET.SubElement(message, "source").text = source
        ET.SubElement(message, "translation", type="unfinished")
    ET.indent(context, space="    ")
    children = list(root)
    for previous in children[:-1]:
        previous.tail = "\n"
    if len(children) > 1 and children[0].tag == "context":
        root.text = "\n"
    context.tail = "\n"
    tree.write(ts, encoding="utf-8", xml_declaration=True)


def fill(ts: Path) -> tuple[list[str], list[str]]:
    """Write ZH_CN's (and, for the core context, ZH_CN_CORE's) translations into ``ts``; returns the source
    strings that have none and those whose translation's placeholders differ from the source's."""
    tree = ET.parse(ts)
    missing, mismatched = [], []
    for context in tree.getroot().iter("context"):
        table = ZH_CN_CORE if context.findtext("name") == CORE_CONTEXT else ZH_CN
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if source in table:
                set_translation(translation, message.get("numerus") == "yes", [table[source]])
                if placeholders(table[source]) != placeholders(source):
                    mismatched.append(source)
            elif translation.get("type") != "vanished":
                missing.append(source)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing, mismatched


def set_translation(translation: ET.Element, numerus: bool, forms: list[str]) -> None:
    """Fill ``translation``: its text, or one ``numerusform`` per plural form (Chinese has one)."""
    translation.attrib.pop("type", None)
    if not numerus:
        translation.text = forms[0]
        return
    for old in list(translation):
        translation.remove(old)
    translation.text = None
    for form in forms:
        ET.SubElement(translation, "numerusform").text = form


def english_plurals(sources: list[str]) -> list[str]:
    """gridmap_en.qm: the English singular and plural forms (lupdate -pluralonly); returns messages without."""
    subprocess.run(["pyside6-lupdate", *sources, "-no-obsolete", "-pluralonly", "-source-language", "en",
                    "-target-language", "en", "-ts", str(EN_TS)], cwd=ROOT, check=True)
    tree = ET.parse(EN_TS)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source")
        if source in EN_PLURALS:
            set_translation(message.find("translation"), True, list(EN_PLURALS[source]))
        else:
            missing.append(source)
    tree.write(EN_TS, encoding="utf-8", xml_declaration=True)
    subprocess.run(["pyside6-lrelease", str(EN_TS), "-qm", str(EN_QM)], check=True)
    return missing


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py")
                     if not p.is_relative_to(PACKAGE / "core") and not uses_core_tr(p))
    subprocess.run(["pyside6-lupdate", *sources, "-no-obsolete", "-source-language", "en",
                    "-target-language", "zh_CN", "-ts", str(TS)], cwd=ROOT, check=True)
    missing_en = english_plurals(sources)
    templates, not_literal = core_templates()
    replace_core_context(TS, templates)
    missing, mismatched = fill(TS)
    subprocess.run(["pyside6-lrelease", str(TS), "-qm", str(QM)], check=True)
    core = {source: ZH_CN_CORE[source] for source in sorted(templates) if source in ZH_CN_CORE}
    CORE_JSON.write_text(json.dumps(core, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    for source in missing:
        print(f"untranslated: {source!r}", file=sys.stderr)
    for source in missing_en:
        print(f"no English singular and plural in EN_PLURALS: {source!r}", file=sys.stderr)
    for source in mismatched:
        print(f"placeholders differ from the source's: {source!r}", file=sys.stderr)
    for where in not_literal:
        print(f"tr() without a string literal template (cannot be translated): {where}", file=sys.stderr)
    for source in sorted(set(ZH_CN_CORE) - set(templates)):
        print(f"note: ZH_CN_CORE entry no longer used: {source!r}", file=sys.stderr)
    return 1 if missing or missing_en or mismatched or not_literal else 0


if __name__ == "__main__":
    sys.exit(main())
