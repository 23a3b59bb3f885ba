<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AttributeTable</name>
    <message>
        <location filename="../../gridmap/ui/attribute_table.py" line="22" />
        <source>Filter…</source>
        <translation>筛选…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/attribute_table.py" line="56" />
        <source>{shown} of {total} rows</source>
        <translation>{shown} / {total} 行</translation>
    </message>
</context>
<context>
    <name>GridMapApp</name>
    <message>
        <location filename="../../gridmap/ui/app.py" line="66" />
        <source>Preparing the sample city</source>
        <translation>正在准备示例城市</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="40" />
        <source>New Project from Boundaries</source>
        <translation>从边界文件新建项目</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="47" />
        <source>Shapefile, zipped shapefile, GeoPackage, GeoJSON or KML</source>
        <translation>Shapefile、压缩的 Shapefile、GeoPackage、GeoJSON 或 KML</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="49" />
        <location filename="../../gridmap/ui/import_dialog.py" line="86" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="57" />
        <source>Auto-detect</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="64" />
        <source>Auto (from file)</source>
        <translation>自动(取自文件)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="65" />
        <source>CGCS2000</source>
        <translation>CGCS2000 地理坐标</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="65" />
        <source>WGS 84</source>
        <translation>WGS 84 地理坐标</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="66" />
        <source>CGCS2000 3° GK zone 40 (prefixed)</source>
        <translation>CGCS2000 3度高斯-克吕格 第40带(带号)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="67" />
        <source>CGCS2000 3° GK CM 120°E</source>
        <translation>CGCS2000 3度高斯-克吕格 中央经线 120°E</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="67" />
        <source>CGCS2000 3° GK CM 123°E</source>
        <translation>CGCS2000 3度高斯-克吕格 中央经线 123°E</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="68" />
        <source>CGCS2000 3° GK zone 39 (prefixed)</source>
        <translation>CGCS2000 3度高斯-克吕格 第39带(带号)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="69" />
        <source>CGCS2000 3° GK zone 41 (prefixed)</source>
        <translation>CGCS2000 3度高斯-克吕格 第41带(带号)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="70" />
        <source>Web Mercator</source>
        <translation>Web 墨卡托</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="77" />
        <source>WGS84 / CGCS2000</source>
        <translation>WGS84 / CGCS2000</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="78" />
        <source>GCJ-02 (Amap/Tencent)</source>
        <translation>GCJ-02(高德/腾讯)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="79" />
        <source>BD-09 (Baidu)</source>
        <translation>BD-09(百度)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="97" />
        <source>Source file:</source>
        <translation>源文件:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="98" />
        <source>Layer:</source>
        <translation>图层:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="99" />
        <source>Encoding:</source>
        <translation>编码:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="100" />
        <source>Coordinate system:</source>
        <translation>坐标系:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="101" />
        <source>Coordinates:</source>
        <translation>坐标类型:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="102" />
        <source>Detected:</source>
        <translation>检测结果:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="104" />
        <source>Field mapping</source>
        <translation>字段对应</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="106" />
        <source>Grid code</source>
        <translation>网格编码</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="106" />
        <source>Grid name</source>
        <translation>网格名称</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="106" />
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="107" />
        <source>Street / town</source>
        <translation>街道/乡镇</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="107" />
        <source>Community / village</source>
        <translation>社区/村</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="108" />
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="125" />
        <source>Preview (first rows, decoded)</source>
        <translation>预览(前几行,已解码)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="127" />
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="135" />
        <source>Create Project</source>
        <translation>创建项目</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="140" />
        <source>Project file:</source>
        <translation>项目文件:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="186" />
        <source>Choose Boundary File</source>
        <translation>选择边界文件</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="187" />
        <source>Boundary files ({patterns})</source>
        <translation>边界文件 ({patterns})</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="193" />
        <source>Save Project As</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="194" />
        <source>GridMap projects (*.gpkg)</source>
        <translation>GridMap 项目 (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="241" />
        <source> (rows {rows})</source>
        <translation>(第 {rows} 行)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="246" />
        <source>not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="248" />
        <source>{name} (detected)</source>
        <translation>{name}(自动检测)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="252" />
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="254" />
        <source>{name} (inferred)</source>
        <translation>{name}(推断)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="257" />
        <source>{format} · {features} features ({types}) · encoding {encoding} · CRS {crs}</source>
        <translation>{format} · {features} 个要素({types})· 编码 {encoding} · 坐标系 {crs}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="268" />
        <source>(none)</source>
        <translation>(无)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="276" />
        <source>Cannot read this file.</source>
        <translation>无法读取此文件。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="293" />
        <source>Choose a source file and a project file.</source>
        <translation>请选择源文件和项目文件。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="298" />
        <source>{name} exists. Replace it?</source>
        <translation>{name} 已存在。是否替换?</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/import_dialog.py" line="304" />
        <source>Creating project</source>
        <translation>正在创建项目</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <location filename="../../gridmap/ui/layer_panel.py" line="13" />
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/layer_panel.py" line="13" />
        <source>Features</source>
        <translation>要素数</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/layer_panel.py" line="26" />
        <source>Grids</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/layer_panel.py" line="30" />
        <source>(no district)</source>
        <translation>(无区县)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="39" />
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="45" />
        <source>Attribute Table</source>
        <translation>属性表</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="69" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="71" />
        <source>&amp;New from Boundaries…</source>
        <translation>从边界文件新建(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="72" />
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="73" />
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="74" />
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="76" />
        <source>Recent &amp;Files</source>
        <translation>最近的文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="79" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="81" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="85" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="86" />
        <source>&amp;About GridMap</source>
        <translation>关于 GridMap(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="113" />
        <source>(empty)</source>
        <translation>(无)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="116" />
        <source>About GridMap</source>
        <translation>关于 GridMap</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="117" />
        <source>&lt;h3&gt;GridMap {version}&lt;/h3&gt;&lt;p&gt;Desktop GIS for grid-based community governance (全科网格).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;GridMap {version}&lt;/h3&gt;&lt;p&gt;全科网格社会治理桌面地理信息系统。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="123" />
        <location filename="../../gridmap/ui/main_window.py" line="138" />
        <location filename="../../gridmap/ui/main_window.py" line="213" />
        <source>Open Project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="124" />
        <location filename="../../gridmap/ui/main_window.py" line="252" />
        <source>GridMap projects (*.gpkg)</source>
        <translation>GridMap 项目 (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="142" />
        <source>{name} is open in another GridMap window.</source>
        <translation>{name} 已在另一个 GridMap 窗口中打开。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="185" />
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="188" />
        <source>Grid code</source>
        <translation>网格编码</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="188" />
        <source>Grid name</source>
        <translation>网格名称</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="188" />
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="189" />
        <source>Street / town</source>
        <translation>街道/乡镇</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="189" />
        <source>Community / village</source>
        <translation>社区/村</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="190" />
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="193" />
        <source>CRS: {crs}</source>
        <translation>坐标系:{crs}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="194" />
        <source>{count} grids</source>
        <translation>{count} 个网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="195" />
        <source>{districts} districts · {streets} streets</source>
        <translation>{districts} 个区县 · {streets} 个街道</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="218" />
        <source>Project created with {count} warnings.</source>
        <translation>项目已创建,有 {count} 条警告。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="251" />
        <location filename="../../gridmap/ui/main_window.py" line="262" />
        <source>Save Project As</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="269" />
        <source>Saving project</source>
        <translation>正在保存项目</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="277" />
        <source>Saved {name}</source>
        <translation>已保存 {name}</translation>
    </message>
</context>
<context>
    <name>OverviewWidget</name>
    <message>
        <location filename="../../gridmap/ui/overview.py" line="92" />
        <source>No project open</source>
        <translation>未打开项目</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <location filename="../../gridmap/ui/tasks.py" line="74" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/tasks.py" line="98" />
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/tasks.py" line="120" />
        <source>An unexpected error occurred: {error}</source>
        <translation>发生意外错误:{error}</translation>
    </message>
</context>
</TS>