<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../gridmap/ui/dialogs/help_dialogs.py" line="191" />
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/help_dialogs.py" line="192" />
        <source>Licences of the data and scripts shipped with GridMap</source>
        <translation>GridMap 随附数据和脚本的许可证</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/help_dialogs.py" line="197" />
        <source>(licence file missing)</source>
        <translation>(缺少许可证文件)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/help_dialogs.py" line="208" />
        <source>About GridMap</source>
        <translation>关于 GridMap</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/help_dialogs.py" line="209" />
        <source>GridMap {version}: desktop GIS for grid-based community governance (全科网格)</source>
        <translation>GridMap {version}:全科网格社会治理桌面地理信息系统</translation>
    </message>
</context>
<context>
    <name>AssignGridDialog</name>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_dialogs.py" line="23" />
        <source>Assign to Grid</source>
        <translation>指定网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_dialogs.py" line="26" />
        <source>Grid code</source>
        <translation>网格编码</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_dialogs.py" line="32" />
        <source>Why this grid (required)</source>
        <translation>指定原因(必填)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_dialogs.py" line="37" />
        <source>Grid:</source>
        <translation>网格:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_dialogs.py" line="39" />
        <source>Reason:</source>
        <translation>原因:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_dialogs.py" line="41" />
        <source>Assign {count} records to a grid by hand; the assignment stays when records are assigned again.</source>
        <translation>手动将 {count} 条记录指定到网格;重新分配网格时保留此指定。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_dialogs.py" line="57" />
        <source>No such grid</source>
        <translation>没有该网格</translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <location filename="../../gridmap/ui/panels/attribute_table.py" line="28" />
        <source>Filter…</source>
        <translation>筛选…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/attribute_table.py" line="51" />
        <source>{shown} of {total} rows</source>
        <translation>{shown} / {total} 行</translation>
    </message>
</context>
<context>
    <name>AuditLogDialog</name>
    <message>
        <location filename="../../gridmap/ui/dialogs/privacy_dialogs.py" line="53" />
        <source>Audit Log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/privacy_dialogs.py" line="55" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/privacy_dialogs.py" line="55" />
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/privacy_dialogs.py" line="55" />
        <source>Computer</source>
        <translation>计算机</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/privacy_dialogs.py" line="56" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/privacy_dialogs.py" line="56" />
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/privacy_dialogs.py" line="56" />
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/privacy_dialogs.py" line="57" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/privacy_dialogs.py" line="57" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/privacy_dialogs.py" line="68" />
        <source>No reveals recorded.</source>
        <translation>尚无显示完整号码的记录。</translation>
    </message>
</context>
<context>
    <name>BalancePanel</name>
    <message>
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="79" />
        <source>Incidents from</source>
        <translation>事件时段</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="90" />
        <source>Show outliers on the map</source>
        <translation>在地图上显示超出范围的网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="92" />
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="279" />
        <source>Suggest Transfers</source>
        <translation>建议划转</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="100" />
        <source>Suggested transfer</source>
        <translation>划转建议</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="104" />
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="105" />
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="106" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="121" />
        <source>Households from</source>
        <translation>户数范围</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="121" />
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="123" />
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="141" />
        <source>Workload</source>
        <translation>工作量均衡</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="151" />
        <source>Low</source>
        <translation>偏少</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="151" />
        <source>In range</source>
        <translation>适中</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="151" />
        <source>High</source>
        <translation>偏多</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="152" />
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="159" />
        <source>Area (km²)</source>
        <translation>面积(km²)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="160" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="191" />
        <source>{grids} grids: {low} below the range, {ok} in range, {high} above it, {unknown} without households</source>
        <translation>{grids} 个网格:{low} 个低于范围,{ok} 个在范围内,{high} 个高于范围,{unknown} 个无户数</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="228" />
        <source>Households (target {low}–{high})</source>
        <translation>户数(目标 {low}–{high})</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="283" />
        <source>No more transfers to suggest.</source>
        <translation>没有更多可建议的划转。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="330" />
        <source>Move {km2} km² with {households} households from {giver} to its neighbour {taker}.</source>
        <translation>将 {giver} 的 {km2} km²(含 {households} 户)划转给相邻网格 {taker}。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="334" />
        <source>{code} {name}: {before} → {after} households</source>
        <translation>{code} {name}:{before} → {after} 户</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="338" />
        <source>Records changing grid: {records}</source>
        <translation>变更所属网格的记录:{records}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/balance_dock.py" line="339" />
        <source>Households outside the range: {before} before, {after} after.</source>
        <translation>超出范围的户数:划转前 {before},划转后 {after}。</translation>
    </message>
</context>
<context>
    <name>BasemapDialog</name>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="41" />
        <source>Basemap</source>
        <translation>底图</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="44" />
        <source>OpenStreetMap</source>
        <translation>OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="44" />
        <source>Tianditu vector</source>
        <translation>天地图矢量</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="45" />
        <source>Tianditu imagery</source>
        <translation>天地图影像</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="45" />
        <source>Amap streets</source>
        <translation>高德地图街道</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="46" />
        <source>None (no basemap)</source>
        <translation>无(不显示底图)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="55" />
        <source>Add XYZ…</source>
        <translation>添加 XYZ…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="57" />
        <source>Add MBTiles…</source>
        <translation>添加 MBTiles…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="59" />
        <source>Add tile folder…</source>
        <translation>添加瓦片文件夹…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="61" />
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="69" />
        <source>For example https://tile.openstreetmap.org/{z}/{x}/{y}.png; {s} stands for a subdomain, {key} for the key</source>
        <translation>例如 https://tile.openstreetmap.org/{z}/{x}/{y}.png;{s} 表示子域名,{key} 表示密钥</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="72" />
        <source>e.g. abc or 01234567</source>
        <translation>例如 abc 或 01234567</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="74" />
        <source>Your key for this service (Tianditu: tk)</source>
        <translation>此服务的密钥(天地图:tk)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="76" />
        <source>WGS84 / CGCS2000</source>
        <translation>WGS84 / CGCS2000</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="77" />
        <source>GCJ-02 (Amap, Tencent)</source>
        <translation>GCJ-02(高德、腾讯)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="89" />
        <source>Name:</source>
        <translation>名称:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="91" />
        <source>Subdomains:</source>
        <translation>子域名:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="92" />
        <source>Key:</source>
        <translation>密钥:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="93" />
        <source>Coordinates:</source>
        <translation>坐标类型:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="94" />
        <source>Attribution:</source>
        <translation>版权说明:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="95" />
        <source>Max zoom:</source>
        <translation>最大级别:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="184" />
        <source>My basemap</source>
        <translation>我的底图</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="188" />
        <source>Add MBTiles</source>
        <translation>添加 MBTiles</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="189" />
        <source>MBTiles files (*.mbtiles);;All files (*)</source>
        <translation>MBTiles 文件 (*.mbtiles);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="194" />
        <source>Add Tile Folder ({z}/{x}/{y}.png)</source>
        <translation>添加瓦片文件夹({z}/{x}/{y}.png)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="202" />
        <source>Cannot Add Basemap</source>
        <translation>无法添加底图</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="215" />
        <source>Another basemap is already called {name}</source>
        <translation>已有名为 {name} 的底图</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="255" />
        <source>MBTiles file:</source>
        <translation>MBTiles 文件:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="255" />
        <source>Tile folder:</source>
        <translation>瓦片文件夹:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/basemap_dialog.py" line="256" />
        <source>URL template:</source>
        <translation>URL 模板:</translation>
    </message>
</context>
<context>
    <name>BriefDialog</name>
    <message>
        <location filename="../../gridmap/ui/dialogs/brief_dialog.py" line="25" />
        <location filename="../../gridmap/ui/dialogs/brief_dialog.py" line="60" />
        <location filename="../../gridmap/ui/dialogs/brief_dialog.py" line="79" />
        <source>Daily Brief</source>
        <translation>每日简报</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/brief_dialog.py" line="30" />
        <source>Morning of</source>
        <translation>简报日期</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/brief_dialog.py" line="31" />
        <source>The brief reports the day before and the month to date.</source>
        <translation>简报报告前一天及本月累计情况。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/brief_dialog.py" line="35" />
        <source>Whole project</source>
        <translation>整个项目</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/brief_dialog.py" line="38" />
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/brief_dialog.py" line="43" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/brief_dialog.py" line="46" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/brief_dialog.py" line="51" />
        <source>PDF file</source>
        <translation>PDF 文件</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/brief_dialog.py" line="52" />
        <source>Also write its tables as XLSX beside it</source>
        <translation>同时在旁边写出其表格(XLSX)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/brief_dialog.py" line="60" />
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>CheckList</name>
    <message>
        <location filename="../../gridmap/ui/panels/filter_bar.py" line="62" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/filter_bar.py" line="63" />
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/filter_bar.py" line="99" />
        <source>all</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>ChoroplethDialog</name>
    <message>
        <location filename="../../gridmap/ui/map/choropleth_dialog.py" line="16" />
        <source>Colour Grids by Statistic</source>
        <translation>按统计值为网格着色</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/choropleth_dialog.py" line="22" />
        <source>Quantiles (equal counts)</source>
        <translation>分位数(各级数量相等)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/choropleth_dialog.py" line="23" />
        <source>Natural breaks (Jenks)</source>
        <translation>自然断点(Jenks)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/choropleth_dialog.py" line="24" />
        <source>Equal intervals</source>
        <translation>等间距</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/choropleth_dialog.py" line="34" />
        <source>Statistic:</source>
        <translation>统计值:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/choropleth_dialog.py" line="35" />
        <source>Classes by:</source>
        <translation>分级方法:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/choropleth_dialog.py" line="36" />
        <source>Number of classes:</source>
        <translation>分级数:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/choropleth_dialog.py" line="44" />
        <source>Incidents (filtered)</source>
        <translation>事件数(按筛选)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/choropleth_dialog.py" line="44" />
        <source>Open incidents</source>
        <translation>未办结事件数</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/choropleth_dialog.py" line="45" />
        <source>Resolution rate</source>
        <translation>办结率</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/choropleth_dialog.py" line="45" />
        <source>Key persons</source>
        <translation>重点人员</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/choropleth_dialog.py" line="46" />
        <source>Key venues</source>
        <translation>重点场所</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/choropleth_dialog.py" line="46" />
        <source>Grid workers</source>
        <translation>网格员</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/choropleth_dialog.py" line="47" />
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/choropleth_dialog.py" line="47" />
        <source>Visit coverage (%)</source>
        <translation>走访覆盖率(%)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/choropleth_dialog.py" line="48" />
        <source>Overdue targets</source>
        <translation>逾期走访对象</translation>
    </message>
</context>
<context>
    <name>DatabaseDialog</name>
    <message>
        <location filename="../../gridmap/ui/dialogs/database_dialog.py" line="27" />
        <source>Open Database Project</source>
        <translation>打开数据库项目</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/database_dialog.py" line="37" />
        <source>not saved; empty: PGPASSWORD or .pgpass</source>
        <translation>不保存;留空则使用 PGPASSWORD 或 .pgpass</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/database_dialog.py" line="40" />
        <source>Host:</source>
        <translation>主机:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/database_dialog.py" line="40" />
        <source>Port:</source>
        <translation>端口:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/database_dialog.py" line="41" />
        <source>Database:</source>
        <translation>数据库:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/database_dialog.py" line="41" />
        <source>User:</source>
        <translation>用户:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/database_dialog.py" line="42" />
        <source>Password:</source>
        <translation>密码:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/database_dialog.py" line="42" />
        <source>Schema (project):</source>
        <translation>模式(项目):</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/database_dialog.py" line="48" />
        <source>A GridMap project in a PostgreSQL database with PostGIS (one schema per project).</source>
        <translation>PostgreSQL/PostGIS 数据库中的 GridMap 项目(每个项目一个模式)。</translation>
    </message>
</context>
<context>
    <name>DeskSync</name>
    <message>
        <location filename="../../gridmap/ui/desk_sync.py" line="91" />
        <source>Not listening to other desks: {error}</source>
        <translation>未接收其他席位的更新:{error}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/desk_sync.py" line="104" />
        <source>{changes} (shown once your changes are saved)</source>
        <translation>{changes}(保存您的修改后显示)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/desk_sync.py" line="156" />
        <source>{count} new {kind} from {desk}</source>
        <translation>来自 {desk} 的 {count} 条新{kind}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/desk_sync.py" line="159" />
        <source>grids changed by {desk}</source>
        <translation>{desk} 修改了网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/desk_sync.py" line="161" />
        <source>project changed by {desk}</source>
        <translation>{desk} 修改了项目</translation>
    </message>
</context>
<context>
    <name>EditTools</name>
    <message>
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="72" />
        <source>Edit Grids</source>
        <translation>编辑网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="136" />
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="88" />
        <source>Split Grid</source>
        <translation>拆分网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="137" />
        <source>Split the selected grid along a line drawn across it</source>
        <translation>沿一条穿过所选网格的线拆分该网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="138" />
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="96" />
        <source>Merge Selected Grids</source>
        <translation>合并所选网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="139" />
        <source>Merge the selected adjacent grids into one</source>
        <translation>将所选的相邻网格合并为一个</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="140" />
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="100" />
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="141" />
        <source>Transfer Area</source>
        <translation>划转区域</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="141" />
        <source>Move the part of a drawn area inside some grids to a neighbouring grid</source>
        <translation>将所绘区域中位于某些网格内的部分划给相邻网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="142" />
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="106" />
        <source>Reshape Outer Boundary</source>
        <translation>重塑外边界</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="143" />
        <source>Draw a new outline for the selected grid; only boundaries it shares with no other grid may move</source>
        <translation>为所选网格绘制新轮廓;只有不与其他网格共用的边界可以移动</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="145" />
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="113" />
        <source>Create Grid</source>
        <translation>新建网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="146" />
        <source>A new grid from a polygon drawn in unassigned area</source>
        <translation>在不属于任何网格的区域绘制多边形,新建网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="147" />
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="119" />
        <source>Delete Grid</source>
        <translation>删除网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="148" />
        <source>Delete the selected grid; its area and records become unassigned</source>
        <translation>删除所选网格;其区域和记录将不再属于任何网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="149" />
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="129" />
        <source>Rename / Recode…</source>
        <translation>重命名/重新编码…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="150" />
        <source>Change the selected grid's code or name</source>
        <translation>修改所选网格的编码或名称</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="86" />
        <source>Select the grid to split first.</source>
        <translation>请先选择要拆分的网格。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="88" />
        <source>Draw a line across grid {code}.</source>
        <translation>请绘制一条穿过网格 {code} 的线。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="94" />
        <source>Select two or more adjacent grids to merge first.</source>
        <translation>请先选择两个或更多要合并的相邻网格。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="100" />
        <source>Draw the area to transfer.</source>
        <translation>请绘制要划转的区域。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="104" />
        <source>Select the grid to reshape first.</source>
        <translation>请先选择要重塑外边界的网格。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="107" />
        <source>Draw the new outline of grid {code}, snapping to the vertices of the boundaries it shares.</source>
        <translation>请绘制网格 {code} 的新轮廓,与其他网格共用的边界处吸附到其顶点。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="113" />
        <source>Draw the new grid in unassigned area.</source>
        <translation>请在不属于任何网格的区域绘制新网格。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="117" />
        <source>Select the grid to delete first.</source>
        <translation>请先选择要删除的网格。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="122" />
        <source>Select the grid to rename or recode first.</source>
        <translation>请先选择要重命名或重新编码的网格。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="136" />
        <source>the drawn area touches no grid</source>
        <translation>所绘区域未接触任何网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="163" />
        <source>the drawn outline crosses itself</source>
        <translation>所绘轮廓自相交</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="168" />
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="178" />
        <source>Open a project first.</source>
        <translation>请先打开项目。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="189" />
        <source>Click to add points, double-click or Enter to finish, Backspace to remove the last point, Esc to cancel.</source>
        <translation>单击添加点,双击或按 Enter 完成,按 Backspace 删除上一个点,按 Esc 取消。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="202" />
        <source>Drawing cancelled.</source>
        <translation>已取消绘制。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/edit_tools.py" line="210" />
        <source>The edit is refused: {reason}</source>
        <translation>无法执行此编辑:{reason}</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../gridmap/ui/panels/filter_bar.py" line="162" />
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/filter_bar.py" line="163" />
        <source>Statuses</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/filter_bar.py" line="166" />
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/filter_bar.py" line="172" />
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/filter_bar.py" line="174" />
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/filter_bar.py" line="175" />
        <source>To</source>
        <translation>至</translation>
    </message>
</context>
<context>
    <name>FolderFeed</name>
    <message>
        <location filename="../../gridmap/ui/folder_feed.py" line="60" />
        <source>Watch folder: waiting until the project is saved</source>
        <translation>监视文件夹:等待项目保存</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/folder_feed.py" line="80" />
        <source>Watch folder: {error}</source>
        <translation>监视文件夹:{error}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/folder_feed.py" line="94" />
        <source>{file}: {count} records imported</source>
        <translation>{file}:已导入 {count} 条记录</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/folder_feed.py" line="97" />
        <source>{file}: imported before, skipped</source>
        <translation>{file}:之前已导入,已跳过</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/folder_feed.py" line="99" />
        <source>{file}: failed, see failed/{log}</source>
        <translation>{file}:导入失败,见 failed/{log}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/folder_feed.py" line="101" />
        <source>Watch folder: {files}</source>
        <translation>监视文件夹:{files}</translation>
    </message>
</context>
<context>
    <name>GridMapApp</name>
    <message>
        <location filename="../../gridmap/ui/app.py" line="132" />
        <source>Building the sample city…</source>
        <translation>正在生成示例城市…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/app.py" line="133" />
        <source>Preparing the sample city</source>
        <translation>正在准备示例城市</translation>
    </message>
</context>
<context>
    <name>IdentifyPanel</name>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="81" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="81" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="85" />
        <source>Assign Worker…</source>
        <translation>指派网格员…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="87" />
        <source>Remove Worker</source>
        <translation>移除网格员</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="128" />
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="222" />
        <source>Click a grid on the map to see its attributes.</source>
        <translation>在地图上点击网格以查看其属性。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="140" />
        <source>Area</source>
        <translation>面积</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="140" />
        <source>{area} km²</source>
        <translation>{area} 平方公里</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="141" />
        <source>Centre</source>
        <translation>中心点</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="142" />
        <source>Parts</source>
        <translation>部分数</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="161" />
        <source>{rate} resolved</source>
        <translation>办结 {rate}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="164" />
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="166" />
        <source>Statuses</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="306" />
        <source>… and {count} more</source>
        <translation>…… 另有 {count} 条</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="242" />
        <source>On time</source>
        <translation>按时</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="242" />
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="242" />
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="243" />
        <source>Never visited</source>
        <translation>从未走访</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="254" />
        <source>{days} days overdue</source>
        <translation>逾期 {days} 天</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="256" />
        <source>due {day}</source>
        <translation>应于 {day} 走访</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="257" />
        <source>Visit status</source>
        <translation>走访状态</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="258" />
        <source>Visit every</source>
        <translation>走访周期</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="258" />
        <source>{days} days</source>
        <translation>{days} 天</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="261" />
        <source>Visits</source>
        <translation>走访记录</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="298" />
        <source>check-in far from the target</source>
        <translation>签到位置远离对象</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="274" />
        <source>Visit targets</source>
        <translation>走访对象</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="287" />
        <source>Visits made</source>
        <translation>已走访</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="333" />
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="336" />
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="336" />
        <source>outside every grid</source>
        <translation>不在任何网格内</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="339" />
        <source>Manual assignment</source>
        <translation>手动指定</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/identify_panel.py" line="339" />
        <source>{grid}: {reason} ({at})</source>
        <translation>{grid}:{reason}({at})</translation>
    </message>
</context>
<context>
    <name>ImpactDialog</name>
    <message>
        <location filename="../../gridmap/ui/editing/impact_dialog.py" line="70" />
        <source>Impact of the Edit</source>
        <translation>编辑影响</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/impact_dialog.py" line="78" />
        <source>No records change grid.</source>
        <translation>没有记录变更所属网格。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/impact_dialog.py" line="82" />
        <source>Warning: {text}</source>
        <translation>警告:{text}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/impact_dialog.py" line="90" />
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/impact_dialog.py" line="98" />
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/impact_dialog.py" line="100" />
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/impact_dialog.py" line="100" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/impact_dialog.py" line="110" />
        <source> (removed)</source>
        <translation>(删除)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/impact_dialog.py" line="110" />
        <source> (new)</source>
        <translation>(新增)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/impact_dialog.py" line="135" />
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/impact_dialog.py" line="135" />
        <source> and </source>
        <translation>和 </translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/impact_dialog.py" line="136" />
        <source>This moves {what} from {source} to {target}.</source>
        <translation>{what}将从 {source} 移至 {target}。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/impact_dialog.py" line="137" />
        <source>no grid</source>
        <translation>无网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/impact_dialog.py" line="142" />
        <source>1 key person</source>
        <translation>1 名重点人员</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/impact_dialog.py" line="142" />
        <source>1 key venue</source>
        <translation>1 个重点场所</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/impact_dialog.py" line="143" />
        <source>1 incident</source>
        <translation>1 件事件</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/impact_dialog.py" line="143" />
        <source>1 grid worker</source>
        <translation>1 名网格员</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/impact_dialog.py" line="144" />
        <source>1 GPS fix</source>
        <translation>1 个定位点</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/impact_dialog.py" line="145" />
        <source>{count} key persons</source>
        <translation>{count} 名重点人员</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/impact_dialog.py" line="145" />
        <source>{count} key venues</source>
        <translation>{count} 个重点场所</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/impact_dialog.py" line="146" />
        <source>{count} incidents</source>
        <translation>{count} 件事件</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/impact_dialog.py" line="146" />
        <source>{count} grid workers</source>
        <translation>{count} 名网格员</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/impact_dialog.py" line="147" />
        <source>{count} GPS fixes</source>
        <translation>{count} 个定位点</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="43" />
        <source>New Project from Boundaries</source>
        <translation>从边界文件新建项目</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="49" />
        <source>Shapefile, zipped shapefile, GeoPackage, GeoJSON or KML</source>
        <translation>Shapefile、压缩的 Shapefile、GeoPackage、GeoJSON 或 KML</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="82" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="61" />
        <source>Auto (from file)</source>
        <translation>自动(取自文件)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="62" />
        <source>CGCS2000</source>
        <translation>CGCS2000 地理坐标</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="62" />
        <source>WGS 84</source>
        <translation>WGS 84 地理坐标</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="63" />
        <source>CGCS2000 3° GK zone 40 (prefixed)</source>
        <translation>CGCS2000 3度高斯-克吕格 第40带(带号)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="64" />
        <source>CGCS2000 3° GK CM 120°E</source>
        <translation>CGCS2000 3度高斯-克吕格 中央经线 120°E</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="64" />
        <source>CGCS2000 3° GK CM 123°E</source>
        <translation>CGCS2000 3度高斯-克吕格 中央经线 123°E</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="65" />
        <source>CGCS2000 3° GK zone 39 (prefixed)</source>
        <translation>CGCS2000 3度高斯-克吕格 第39带(带号)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="66" />
        <source>CGCS2000 3° GK zone 41 (prefixed)</source>
        <translation>CGCS2000 3度高斯-克吕格 第41带(带号)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="67" />
        <source>Web Mercator</source>
        <translation>Web 墨卡托</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="70" />
        <source>Type an EPSG code (EPSG:4549), gk3:120 for the 3° Gauss-Krüger zone at 120°E without zone prefix, gk3:zone40 for a prefixed zone, or WKT</source>
        <translation>可输入 EPSG 代码(EPSG:4549)、gk3:120(中央经线 120°E 的 3 度高斯-克吕格投影,不带带号)、gk3:zone40(带带号的投影带)或 WKT</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="90" />
        <source>Source file:</source>
        <translation>源文件:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="91" />
        <source>Layer:</source>
        <translation>图层:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="92" />
        <source>Encoding:</source>
        <translation>编码:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="93" />
        <source>Coordinate system:</source>
        <translation>坐标系:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="94" />
        <source>Coordinates:</source>
        <translation>坐标类型:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="95" />
        <source>Detected:</source>
        <translation>检测结果:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="97" />
        <source>Field mapping</source>
        <translation>字段对应</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="112" />
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="119" />
        <source>Create Project</source>
        <translation>创建项目</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="122" />
        <source>Project file:</source>
        <translation>项目文件:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="50" />
        <source>Choose Boundary File</source>
        <translation>选择边界文件</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="50" />
        <source>Boundary files ({patterns})</source>
        <translation>边界文件 ({patterns})</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="160" />
        <source>Save Project As</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="161" />
        <source>GridMap projects (*.gpkg)</source>
        <translation>GridMap 项目 (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="223" />
        <source>not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="225" />
        <source>{name} (detected)</source>
        <translation>{name}(自动检测)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="229" />
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="231" />
        <source>{name} (inferred)</source>
        <translation>{name}(推断)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="234" />
        <source>{format} · {features} features ({types}) · encoding {encoding} · CRS {crs}</source>
        <translation>{format} · {features} 个要素({types})· 编码 {encoding} · 坐标系 {crs}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="246" />
        <source>(none)</source>
        <translation>(无)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="256" />
        <source>Cannot read this file.</source>
        <translation>无法读取此文件。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="270" />
        <source>Choose a source file and a project file.</source>
        <translation>请选择源文件和项目文件。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="274" />
        <source>{name} exists. Replace it?</source>
        <translation>{name} 已存在。是否替换?</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/import_dialog.py" line="279" />
        <source>Creating project</source>
        <translation>正在创建项目</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <location filename="../../gridmap/ui/panels/layer_panel.py" line="34" />
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/layer_panel.py" line="34" />
        <source>Features</source>
        <translation>要素数</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/layer_panel.py" line="56" />
        <source>Grids</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/layer_panel.py" line="136" />
        <source>Points (clustered when dense)</source>
        <translation>点(密集时聚合)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/layer_panel.py" line="137" />
        <source>Clusters</source>
        <translation>聚合</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/layer_panel.py" line="137" />
        <source>Heat map</source>
        <translation>热力图</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/layer_panel.py" line="144" />
        <source>Zoom to</source>
        <translation>缩放至</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/layer_panel.py" line="145" />
        <source>Select grids</source>
        <translation>选择网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/layer_panel.py" line="156" />
        <source>(none)</source>
        <translation>(无)</translation>
    </message>
</context>
<context>
    <name>LayerTables</name>
    <message>
        <location filename="../../gridmap/ui/panels/record_table.py" line="316" />
        <source>Grids</source>
        <translation>网格</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="99" />
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="101" />
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="103" />
        <source>Identify</source>
        <translation>要素信息</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="106" />
        <source>Attribute Table</source>
        <translation>属性表</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="153" />
        <source>Grid &amp;Plans…</source>
        <translation>网格方案(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="92" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="97" />
        <source>&amp;New from Boundaries…</source>
        <translation>从边界文件新建(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="99" />
        <source>Import &amp;Records…</source>
        <translation>导入记录(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="101" />
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="108" />
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="110" />
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="113" />
        <source>Recent &amp;Files</source>
        <translation>最近的文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="124" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="115" />
        <source>&amp;Print Map…</source>
        <translation>打印地图(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="119" />
        <source>&amp;Export Map as HTML…</source>
        <translation>导出地图为 HTML(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="121" />
        <source>Export &amp;Layer…</source>
        <translation>导出图层(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="92" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="69" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="75" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="129" />
        <source>&amp;Find Grid…</source>
        <translation>查找网格(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="131" />
        <source>Select &amp;All Grids</source>
        <translation>选择全部网格(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="133" />
        <source>&amp;Clear Selection</source>
        <translation>清除选择(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="93" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="103" />
        <source>Open &amp;Database Project…</source>
        <translation>打开数据库项目(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="105" />
        <source>&amp;Watch Folder…</source>
        <translation>监视文件夹(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="107" />
        <source>Import every CSV or XLSX file dropped into a folder</source>
        <translation>导入放入文件夹的每个 CSV 或 XLSX 文件</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="117" />
        <source>&amp;Daily Brief…</source>
        <translation>每日简报(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="154" />
        <source>&amp;Visit Rules…</source>
        <translation>走访频次规则(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="157" />
        <source>Zoom to &amp;Full Extent</source>
        <translation>缩放至全图(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="159" />
        <source>Zoom to &amp;Selection</source>
        <translation>缩放至所选(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="162" />
        <source>&amp;Colour Grids By</source>
        <translation>网格着色依据(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="163" />
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="165" />
        <source>Street / town</source>
        <translation>街道/乡镇</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="167" />
        <source>One colour</source>
        <translation>单一颜色</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="170" />
        <source>&amp;Statistic…</source>
        <translation>统计值(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="172" />
        <source>Grid &amp;Labels</source>
        <translation>网格标注(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="173" />
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="175" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="177" />
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="179" />
        <source>Show &amp;Grids</source>
        <translation>显示网格(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="181" />
        <source>&amp;Basemap…</source>
        <translation>底图(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="182" />
        <source>&amp;Reveal ID and Phone Numbers</source>
        <translation>显示完整身份证号和电话(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="93" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="189" />
        <source>&amp;User Guide</source>
        <translation>使用指南(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="191" />
        <source>&amp;Keyboard Shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="194" />
        <source>Audit &amp;Log…</source>
        <translation>审计日志(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="197" />
        <source>&amp;About GridMap</source>
        <translation>关于 GridMap(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="244" />
        <source>(empty)</source>
        <translation>(无)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="278" />
        <location filename="../../gridmap/ui/main_window.py" line="335" />
        <location filename="../../gridmap/ui/main_window.py" line="912" />
        <source>Open Project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="279" />
        <location filename="../../gridmap/ui/main_window.py" line="1012" />
        <source>GridMap projects (*.gpkg)</source>
        <translation>GridMap 项目 (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="301" />
        <location filename="../../gridmap/ui/main_window.py" line="326" />
        <location filename="../../gridmap/ui/main_window.py" line="616" />
        <source>Unsaved Changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="302" />
        <location filename="../../gridmap/ui/main_window.py" line="327" />
        <source>The project has unsaved changes. Discard them and open {name}?</source>
        <translation>项目有未保存的更改。放弃更改并打开 {name} 吗?</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="343" />
        <source>{name} is open in another GridMap window.</source>
        <translation>{name} 已在另一个 GridMap 窗口中打开。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="459" />
        <source>Record Filter</source>
        <translation>记录筛选</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="464" />
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="503" />
        <source>Open or create a project before importing records.</source>
        <translation>请先打开或新建项目,再导入记录。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="573" />
        <location filename="../../gridmap/ui/main_window.py" line="585" />
        <source>Reveal ID and Phone Numbers</source>
        <translation>显示完整身份证号和电话</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="607" />
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gridmap/ui/main_window.py" line="853" />
        <source>%n grids selected</source>
        <translation><numerusform>已选 %n 个网格</numerusform></translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="447" />
        <source>CRS: {crs}</source>
        <translation>坐标系:{crs}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="448" />
        <location filename="../../gridmap/ui/main_window.py" line="863" />
        <source>{count} grids</source>
        <translation>{count} 个网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="449" />
        <source>{districts} districts · {streets} streets</source>
        <translation>{districts} 个区县 · {streets} 个街道</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="653" />
        <source>Basemap not shown: {error}</source>
        <translation>未显示底图:{error}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="833" />
        <source>Districts</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="833" />
        <source>Streets / towns</source>
        <translation>乡镇/街道</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="760" />
        <source>Basemap</source>
        <translation>底图</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="319" />
        <source>Open Database Project</source>
        <translation>打开数据库项目</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="574" />
        <source>Show ID and phone numbers in full? They are personal data; make sure nobody who should not see them can see the screen. Type why they are needed: the reveal is recorded in the project's audit log.</source>
        <translation>完整显示身份证号和电话号码吗?这些是个人信息,请确保无关人员看不到屏幕。请填写查看原因:本次显示将记入项目的审计日志。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="616" />
        <source>Save the changes to the project before closing?</source>
        <translation>关闭前保存对项目的更改吗?</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="668" />
        <source>Online Basemap</source>
        <translation>在线底图</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="669" />
        <source>This project shows the online basemap “{name}”, whose tiles come from {hosts}. Loading them tells that server where you are looking on the map. Load this basemap?</source>
        <translation>此项目使用在线底图“{name}”,其瓦片来自 {hosts}。加载瓦片会让该服务器知道您正在查看地图的哪个位置。是否加载此底图?</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="677" />
        <source>{hosts} was not confirmed as a tile server</source>
        <translation>{hosts} 未被确认为瓦片服务器</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="724" />
        <source>{statistic} on {day}</source>
        <translation>{statistic}({day})</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="782" />
        <source>Wrote {path}</source>
        <translation>已写入 {path}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="790" />
        <location filename="../../gridmap/ui/main_window.py" line="802" />
        <source>Export Map as HTML</source>
        <translation>导出地图为 HTML</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="791" />
        <source>Web pages (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="799" />
        <source>Grid map: {place}</source>
        <translation>{place}网格地图</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="804" />
        <location filename="../../gridmap/ui/main_window.py" line="829" />
        <source>Exported {name}</source>
        <translation>已导出 {name}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="814" />
        <location filename="../../gridmap/ui/main_window.py" line="827" />
        <source>Export Layer</source>
        <translation>导出图层</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="815" />
        <source>CSV for Excel (*.csv);;GeoPackage (*.gpkg);;Shapefile (*.shp);;GeoJSON (*.geojson)</source>
        <translation>CSV(Excel 可打开) (*.csv);;GeoPackage (*.gpkg);;Shapefile (*.shp);;GeoJSON (*.geojson)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="894" />
        <source>E {east} N {north} (EPSG:{epsg})</source>
        <translation>东 {east} 北 {north}(EPSG:{epsg})</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="917" />
        <source>Project created with {count} warnings.</source>
        <translation>项目已创建,有 {count} 条警告。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="937" />
        <source>New Project from Boundaries…</source>
        <translation>从边界文件新建项目…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="938" />
        <source>Import Records…</source>
        <translation>导入记录…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="958" />
        <location filename="../../gridmap/ui/main_window.py" line="966" />
        <source>Watch Folder</source>
        <translation>监视文件夹</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="968" />
        <source>Save the project before watching a folder for it.</source>
        <translation>请先保存项目,再为其监视文件夹。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="978" />
        <source>Watching {folder}</source>
        <translation>正在监视 {folder}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="1011" />
        <location filename="../../gridmap/ui/main_window.py" line="1022" />
        <source>Save Project As</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="1033" />
        <source>Saving project</source>
        <translation>正在保存项目</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/main_window.py" line="1041" />
        <source>Saved {name}</source>
        <translation>已保存 {name}</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <location filename="../../gridmap/ui/map/view.py" line="243" />
        <source>Zoom to full extent</source>
        <translation>缩放至全图</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/view.py" line="244" />
        <source>Basemap tiles could not be loaded: network unreachable</source>
        <translation>底图无法加载：网络不可达</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/map/view.py" line="245" />
        <source>Choose another basemap…</source>
        <translation>选择其他底图…</translation>
    </message>
</context>
<context>
    <name>PlansDialog</name>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="71" />
        <source>Open a project first.</source>
        <translation>请先打开项目。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="84" />
        <source>Grid Plans</source>
        <translation>网格方案</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="88" />
        <source>Save As Plan…</source>
        <translation>另存为方案…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="88" />
        <source>Switch To</source>
        <translation>切换到此方案</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="89" />
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="90" />
        <source>Export Assignment CSV…</source>
        <translation>导出记录归属 CSV…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="91" />
        <source>Import Assignment CSV…</source>
        <translation>导入记录归属 CSV…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="100" />
        <source>The Shapefile's attribute encoding (written to its .cpg)</source>
        <translation>Shapefile 属性的编码(写入其 .cpg 文件)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="103" />
        <source>Export as</source>
        <translation>导出格式</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="105" />
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="114" />
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="118" />
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="143" />
        <source>{name} — {count} grids</source>
        <translation>{name} — {count} 个网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="144" />
        <source> (in use)</source>
        <translation>(使用中)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="158" />
        <source>The grids are not saved as a plan yet: Save As Plan… names them.</source>
        <translation>当前网格尚未保存为方案:用“另存为方案…”为其命名。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="181" />
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="286" />
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="292" />
        <source>Save As Plan</source>
        <translation>另存为方案</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="184" />
        <source>Saved the grids as plan {name} ({count} grids); it is in use: edits change it.</source>
        <translation>已将网格保存为方案 {name}({count} 个网格)并设为当前方案:此后的编辑会修改该方案。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="191" />
        <source>Plan {name} is already in use.</source>
        <translation>方案 {name} 已在使用中。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="196" />
        <source>Switch Plan</source>
        <translation>切换方案</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="203" />
        <source>Using plan {name} ({count} grids). Records that changed grid: {moved}</source>
        <translation>已切换到方案 {name}({count} 个网格)。变更所属网格的记录:{moved}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="212" />
        <source>Compare Plans</source>
        <translation>比较方案</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="222" />
        <source>Plan {a} → plan {b}: {na} → {nb} grids</source>
        <translation>方案 {a} → 方案 {b}:{na} → {nb} 个网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="224" />
        <source>Changed grids: {codes}</source>
        <translation>有变化的网格:{codes}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="225" />
        <source>Added: {codes}</source>
        <translation>新增:{codes}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="226" />
        <source>Removed: {codes}</source>
        <translation>删除:{codes}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="227" />
        <source>Boundaries changed: {codes}</source>
        <translation>边界变化:{codes}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="228" />
        <source>Attributes changed: {codes}</source>
        <translation>属性变化:{codes}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="229" />
        <source>Records moved:</source>
        <translation>变更所属网格的记录:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="240" />
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="305" />
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="308" />
        <source>Export Plan</source>
        <translation>导出方案</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="243" />
        <source>Exported plan {name} to {file}</source>
        <translation>已将方案 {name} 导出为 {file}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="254" />
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="315" />
        <source>Export Assignment</source>
        <translation>导出记录归属</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="256" />
        <source>Exported the assignment of {rows} records to {file}</source>
        <translation>已将 {rows} 条记录的网格归属导出到 {file}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="267" />
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="321" />
        <source>Import Assignment</source>
        <translation>导入记录归属</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="271" />
        <source>Import assignment from {file}</source>
        <translation>从 {file} 导入记录归属</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="272" />
        <source>{file}: {rows} rows; {applied} applied, {unchanged} unchanged, {rejected} rejected</source>
        <translation>{file}:共 {rows} 行;已应用 {applied} 行,未变 {unchanged} 行,拒绝 {rejected} 行</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="275" />
        <source>Row {row}: {reason}</source>
        <translation>第 {row} 行:{reason}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="286" />
        <source>Plan name:</source>
        <translation>方案名称:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="293" />
        <source>A plan named {name} exists. Replace it with the current grids?</source>
        <translation>已有名为 {name} 的方案。是否用当前网格替换?</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="305" />
        <source>Save the grids as a plan first.</source>
        <translation>请先将网格保存为方案。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="316" />
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/plans_dialog.py" line="322" />
        <source>Assignment tables (*.csv *.xlsx)</source>
        <translation>记录归属表 (*.csv *.xlsx)</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="106" />
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="656" />
        <source>Print Map</source>
        <translation>打印地图</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="126" />
        <source>District overview</source>
        <translation>网格总览图</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="126" />
        <source>Grid worker notice map</source>
        <translation>网格员公示图</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="127" />
        <source>Incident map for a period</source>
        <translation>时段事件分布图</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="127" />
        <source>Key venues map</source>
        <translation>重点场所分布图</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="129" />
        <source>Portrait</source>
        <translation>纵向</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="129" />
        <source>Landscape</source>
        <translation>横向</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="132" />
        <source> mm</source>
        <translation> mm</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="137" />
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="138" />
        <source>The resolution of PNG and JPEG images and of the basemap in a PDF</source>
        <translation>PNG、JPEG 图像的分辨率,以及 PDF 中底图的分辨率</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="142" />
        <source>Whole city</source>
        <translation>全市</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="142" />
        <source>Current map view</source>
        <translation>当前地图视图</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="142" />
        <source>A district</source>
        <translation>指定区县</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="143" />
        <source>A street / town</source>
        <translation>指定街道/乡镇</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="144" />
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="469" />
        <source>Selected grids ({count})</source>
        <translation>所选网格({count} 个)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="152" />
        <source>Automatic: the template and the area</source>
        <translation>自动:根据模板和范围生成</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="153" />
        <source>No subtitle</source>
        <translation>无副标题</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="154" />
        <source>No date</source>
        <translation>不注日期</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="155" />
        <source>e.g. the office that made the map</source>
        <translation>例如制图单位名称</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="157" />
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="158" />
        <source>Scale bar</source>
        <translation>比例尺</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="159" />
        <source>North arrow</source>
        <translation>指北针</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="160" />
        <source>Grid code</source>
        <translation>网格编码</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="160" />
        <source>Grid name</source>
        <translation>网格名称</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="161" />
        <source>Grid worker</source>
        <translation>网格员</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="161" />
        <source>No labels</source>
        <translation>不标注</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="162" />
        <source>Mask phone numbers</source>
        <translation>隐去部分电话号码</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="164" />
        <source>Print grid workers' phone numbers as 138****5678</source>
        <translation>网格员电话号码打印为 138****5678 的形式</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="167" />
        <source>Incidents per grid (choropleth)</source>
        <translation>各网格事件数(分级设色)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="168" />
        <source>Heat map</source>
        <translation>热力图</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="169" />
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="169" />
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="170" />
        <source>The language of the text the map prints for itself (automatic title, legend, notes), whatever the language of GridMap</source>
        <translation>地图上自动生成的文字(自动标题、图例、注记)所用的语言,与 GridMap 界面语言无关</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="182" />
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="187" />
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="183" />
        <source>MBTiles…</source>
        <translation>MBTiles…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="185" />
        <source>Tile Folder…</source>
        <translation>瓦片文件夹…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="191" />
        <source>An installed Chinese font</source>
        <translation>已安装的中文字体</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="192" />
        <source>Font File…</source>
        <translation>字体文件…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="193" />
        <source>Print with a font file (.ttf, .otf, .ttc), such as your organisation's standard Chinese font</source>
        <translation>使用字体文件(.ttf、.otf、.ttc)打印,例如本单位的标准中文字体</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="196" />
        <source>Installed</source>
        <translation>已安装字体</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="199" />
        <source>One page</source>
        <translation>单页</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="199" />
        <source>One page per street / town</source>
        <translation>每个街道/乡镇一页</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="200" />
        <source>One page per district</source>
        <translation>每个区县一页</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="201" />
        <source>Exports and printing make one page per unit in the extent; images are one file each</source>
        <translation>导出和打印时范围内每个单元一页;图像每页一个文件</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="203" />
        <source>One PDF file per page</source>
        <translation>每页一个 PDF 文件</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="204" />
        <source>Off: one PDF holding every page</source>
        <translation>不勾选:所有页面在同一个 PDF 中</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="207" />
        <source>Page</source>
        <translation>页面</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="209" />
        <source>Template:</source>
        <translation>模板:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="210" />
        <source>Paper:</source>
        <translation>纸张:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="211" />
        <source>Orientation:</source>
        <translation>方向:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="212" />
        <source>Margins:</source>
        <translation>页边距:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="213" />
        <source>Image resolution:</source>
        <translation>图像分辨率:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="214" />
        <source>Pages:</source>
        <translation>分页:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="217" />
        <source>Map Extent</source>
        <translation>制图范围</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="219" />
        <source>Extent:</source>
        <translation>范围:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="220" />
        <source>District:</source>
        <translation>区县:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="221" />
        <source>Street / town:</source>
        <translation>街道/乡镇:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="226" />
        <source>Incidents from:</source>
        <translation>事件时段:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="228" />
        <source>Incidents as:</source>
        <translation>事件显示为:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="231" />
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="233" />
        <source>Title:</source>
        <translation>标题:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="234" />
        <source>Subtitle:</source>
        <translation>副标题:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="235" />
        <source>Date:</source>
        <translation>日期:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="236" />
        <source>Unit / author:</source>
        <translation>制图单位:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="237" />
        <source>Map language:</source>
        <translation>地图语言:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="242" />
        <source>Font:</source>
        <translation>字体:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="244" />
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="251" />
        <source>Grid labels:</source>
        <translation>网格标注:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="257" />
        <source>Basemap:</source>
        <translation>底图:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="278" />
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="280" />
        <source>Export Image…</source>
        <translation>导出图像…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="282" />
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="284" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="374" />
        <source>Print Phone Numbers</source>
        <translation>打印电话号码</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="375" />
        <source>Print grid workers' phone numbers in full? Whoever sees the printed map can read them; print them only for a notice that must show them. Type why: each map printed with them is recorded in the project's audit log.</source>
        <translation>完整打印网格员的电话号码吗?看到打印地图的人都能读到这些号码;仅在公示确需完整号码时才这样打印。请填写原因:每次完整打印都会记入项目的审计日志。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="387" />
        <source>Basemap MBTiles File</source>
        <translation>底图 MBTiles 文件</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="388" />
        <source>MBTiles files (*.mbtiles);;All files (*)</source>
        <translation>MBTiles 文件 (*.mbtiles);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="393" />
        <source>Basemap Tile Folder</source>
        <translation>底图瓦片文件夹</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="399" />
        <source>Font File</source>
        <translation>字体文件</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="400" />
        <source>Font files ({patterns})</source>
        <translation>字体文件({patterns})</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="506" />
        <source>Rendering…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="538" />
        <source>The extent holds no grids to print.</source>
        <translation>范围内没有可打印的网格。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="562" />
        <source>The preview failed: {error}</source>
        <translation>预览失败:{error}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="570" />
        <source>Page 1 of {pages}</source>
        <translation>第 1 页,共 {pages} 页</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="572" />
        <source>1 page</source>
        <translation>共 1 页</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="613" />
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="613" />
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="620" />
        <source>Export Image</source>
        <translation>导出图像</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="620" />
        <source>PNG images (*.png);;JPEG images (*.jpg *.jpeg)</source>
        <translation>PNG 图像 (*.png);;JPEG 图像 (*.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="630" />
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="632" />
        <source>Export Map</source>
        <translation>导出地图</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="680" />
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="685" />
        <source>Sent {pages} page(s) to {printer}</source>
        <translation>已将 {pages} 页发送到 {printer}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="686" />
        <source>the printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="688" />
        <source>Wrote {path}</source>
        <translation>已写入 {path}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="690" />
        <source>Wrote {path} ({pages} pages)</source>
        <translation>已写入 {path}(共 {pages} 页)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/print_dialog.py" line="692" />
        <source>Wrote {count} files to {folder}</source>
        <translation>已将 {count} 个文件写入 {folder}</translation>
    </message>
</context>
<context>
    <name>RecodeDialog</name>
    <message>
        <location filename="../../gridmap/ui/editing/edit_dialogs.py" line="89" />
        <source>Rename / Recode Grid {code}</source>
        <translation>重命名/重新编码网格 {code}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/edit_dialogs.py" line="96" />
        <source>Code:</source>
        <translation>编码:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/edit_dialogs.py" line="97" />
        <source>Name:</source>
        <translation>名称:</translation>
    </message>
</context>
<context>
    <name>RecordActions</name>
    <message>
        <location filename="../../gridmap/ui/editing/record_edits.py" line="121" />
        <source>Added to the stored project (saved: the store serves this layer, it is not held in memory).</source>
        <translation>已直接写入存储的项目(已保存:该图层由存储提供,不载入内存)。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/record_edits.py" line="124" />
        <source>Row {row}: {reason}</source>
        <translation>第 {row} 行:{reason}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/record_edits.py" line="126" />
        <source>Import Records</source>
        <translation>导入记录</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/record_edits.py" line="141" />
        <source>Assign {count} records to grid {code}</source>
        <translation>将 {count} 条记录指定到网格 {code}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/record_edits.py" line="146" />
        <source>Clear manual assignment of {count} records</source>
        <translation>清除 {count} 条记录的手动指定</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/record_edits.py" line="168" />
        <source>Assign {name} to grid {code}</source>
        <translation>将 {name} 指派到网格 {code}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/record_edits.py" line="173" />
        <source>Remove {name} from grid {code}</source>
        <translation>将 {name} 从网格 {code} 移除</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/record_edits.py" line="178" />
        <source>Add worker {name} to grid {code}</source>
        <translation>为网格 {code} 添加网格员 {name}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/record_edits.py" line="185" />
        <source>Assign Worker…</source>
        <translation>指派网格员…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/record_edits.py" line="186" />
        <source>Remove Worker</source>
        <translation>移除网格员</translation>
    </message>
</context>
<context>
    <name>RecordImportDialog</name>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="114" />
        <source>Import Records</source>
        <translation>导入记录</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="124" />
        <source>CSV, Excel (.xlsx) or a point layer (Shapefile, GeoPackage…)</source>
        <translation>CSV、Excel(.xlsx)或点图层(Shapefile、GeoPackage…)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="139" />
        <source>Or type the EPSG code of projected coordinates, e.g. EPSG:4549</source>
        <translation>或输入投影坐标的 EPSG 代码,如 EPSG:4549</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="144" />
        <source>File:</source>
        <translation>文件:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="145" />
        <source>Records:</source>
        <translation>记录类型:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="146" />
        <source>Encoding:</source>
        <translation>编码:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="147" />
        <source>Detected:</source>
        <translation>检测结果:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="148" />
        <source>Coordinates:</source>
        <translation>坐标类型:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="151" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="151" />
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="157" />
        <source>Ticked columns hold ID or phone numbers: they are masked in tables, Identify and exports unless revealed</source>
        <translation>勾选的列含身份证号或电话号码:除非显示完整号码,表格、识别面板和导出中均脱敏</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="167" />
        <source>Swap longitude and latitude where they look swapped</source>
        <translation>交换看起来颠倒的经度和纬度</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="171" />
        <source>Check Again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="177" />
        <source>Column mapping</source>
        <translation>列对应</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="180" />
        <source>Private columns (ID and phone numbers, masked):</source>
        <translation>隐私列(身份证号和电话,脱敏显示):</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="182" />
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="196" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="124" />
        <source>Choose Record File</source>
        <translation>选择记录文件</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="125" />
        <source>Record files ({patterns})</source>
        <translation>记录文件 ({patterns})</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="279" />
        <source>Cannot read this file.</source>
        <translation>无法读取此文件。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="301" />
        <source>{rows} rows</source>
        <translation>{rows} 行</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="305" />
        <source>{name} (detected)</source>
        <translation>{name}(自动检测)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="306" />
        <source>{rows} · encoding {encoding}</source>
        <translation>{rows} · 编码 {encoding}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="323" />
        <source>(none)</source>
        <translation>(无)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="357" />
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="358" />
        <source>Checking records</source>
        <translation>正在检查记录</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="362" />
        <source>Check cancelled.</source>
        <translation>检查已取消。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="386" />
        <source>{rows} rows read · {imported} to import · {rejected} rejected · {outside} outside every grid</source>
        <translation>读取 {rows} 行 · 将导入 {imported} 条 · 拒绝 {rejected} 行 · {outside} 条不在任何网格内</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="390" />
        <source>{count} swapped</source>
        <translation>{count} 行经纬度颠倒</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="393" />
        <source>Row {row}: {reason}</source>
        <translation>第 {row} 行:{reason}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="395" />
        <source>… and {count} more</source>
        <translation>…… 另有 {count} 条</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="420" />
        <source>Save the project first: {layer} records are added straight to the stored project (there are too many to hold in memory).</source>
        <translation>请先保存项目:{layer}记录将直接写入存储的项目(数量太多,无法载入内存)。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="424" />
        <location filename="../../gridmap/ui/dialogs/record_import_dialog.py" line="426" />
        <source>Importing records</source>
        <translation>正在导入记录</translation>
    </message>
</context>
<context>
    <name>RecordKinds</name>
    <message>
        <location filename="../../gridmap/ui/panels/filter_bar.py" line="22" />
        <source>Incidents</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/filter_bar.py" line="23" />
        <source>Key persons</source>
        <translation>重点人员</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/filter_bar.py" line="24" />
        <source>Key venues</source>
        <translation>重点场所</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/filter_bar.py" line="25" />
        <source>Grid workers</source>
        <translation>网格员</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/filter_bar.py" line="26" />
        <source>Visits</source>
        <translation>走访记录</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/filter_bar.py" line="27" />
        <source>GPS tracks</source>
        <translation>巡查轨迹</translation>
    </message>
</context>
<context>
    <name>RecordLabels</name>
    <message>
        <location filename="../../gridmap/ui/labels.py" line="21" />
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/labels.py" line="22" />
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/labels.py" line="23" />
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/labels.py" line="24" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/labels.py" line="25" />
        <source>Reported at</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/labels.py" line="26" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/labels.py" line="27" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/labels.py" line="28" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/labels.py" line="29" />
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/labels.py" line="30" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/labels.py" line="31" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/labels.py" line="32" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/labels.py" line="33" />
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/labels.py" line="34" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/labels.py" line="35" />
        <source>Responsible person</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/labels.py" line="36" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/labels.py" line="37" />
        <source>Grid code</source>
        <translation>网格编码</translation>
    </message>
</context>
<context>
    <name>RecordTable</name>
    <message>
        <location filename="../../gridmap/ui/panels/record_table.py" line="226" />
        <source>Filter…</source>
        <translation>筛选…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/record_table.py" line="259" />
        <source>{shown} of {total} rows</source>
        <translation>{shown} / {total} 行</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/record_table.py" line="277" />
        <source>Identify</source>
        <translation>要素信息</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/record_table.py" line="281" />
        <source>Assign to Grid…</source>
        <translation>指定网格…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/record_table.py" line="283" />
        <source>Clear Manual Assignment</source>
        <translation>清除手动指定</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <location filename="../../gridmap/ui/panels/record_table.py" line="90" />
        <source>Manual assignment</source>
        <translation>手动指定</translation>
    </message>
</context>
<context>
    <name>RevealDialog</name>
    <message>
        <location filename="../../gridmap/ui/dialogs/privacy_dialogs.py" line="21" />
        <source>Reason (recorded in the project's audit log)</source>
        <translation>原因(记入项目审计日志)</translation>
    </message>
</context>
<context>
    <name>RoleLabels</name>
    <message>
        <location filename="../../gridmap/ui/labels.py" line="7" />
        <source>Grid code</source>
        <translation>网格编码</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/labels.py" line="8" />
        <source>Grid name</source>
        <translation>网格名称</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/labels.py" line="9" />
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/labels.py" line="10" />
        <source>Street / town</source>
        <translation>街道/乡镇</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/labels.py" line="11" />
        <source>Community / village</source>
        <translation>社区/村</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/labels.py" line="12" />
        <source>Households</source>
        <translation>户数</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <location filename="../../gridmap/ui/dialogs/rules_dialog.py" line="64" />
        <source>Visit Rules</source>
        <translation>走访频次规则</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/rules_dialog.py" line="67" />
        <source>Days allowed between visits. A target matching several rules takes the fewest days; one matching none takes its kind's default.</source>
        <translation>两次走访之间允许的天数。符合多条规则的对象取最少天数;不符合任何规则的对象取其类型的默认天数。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/rules_dialog.py" line="71" />
        <source>Applies to</source>
        <translation>适用于</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/rules_dialog.py" line="71" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/rules_dialog.py" line="71" />
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/rules_dialog.py" line="75" />
        <source>Add Rule</source>
        <translation>添加规则</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/rules_dialog.py" line="77" />
        <source>Remove Rule</source>
        <translation>删除规则</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/rules_dialog.py" line="79" />
        <source>Restore Defaults</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/rules_dialog.py" line="99" />
        <source>Key persons matching no rule:</source>
        <translation>未匹配规则的重点人员:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/rules_dialog.py" line="100" />
        <source>Key venues matching no rule:</source>
        <translation>未匹配规则的重点场所:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/rules_dialog.py" line="101" />
        <source>Due soon from (days before due):</source>
        <translation>到期前几天算即将到期:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/rules_dialog.py" line="102" />
        <source>Check-in far from the target beyond:</source>
        <translation>签到距对象超过此距离即标记:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/rules_dialog.py" line="113" />
        <source>Key persons: risk level</source>
        <translation>重点人员:风险等级</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/rules_dialog.py" line="113" />
        <source>Key persons: category</source>
        <translation>重点人员:人员类别</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/rules_dialog.py" line="114" />
        <source>Key venues: type</source>
        <translation>重点场所:场所类型</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/rules_dialog.py" line="160" />
        <source>Row {row}: type the risk level, category or type the rule is for.</source>
        <translation>第 {row} 行:请填写规则适用的风险等级、类别或场所类型。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/rules_dialog.py" line="181" />
        <source>Change visit rules</source>
        <translation>修改走访频次规则</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../gridmap/ui/panels/search_panel.py" line="28" />
        <source>Search code or name…</source>
        <translation>搜索编码或名称…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/search_panel.py" line="71" />
        <source>showing {shown} of {total}</source>
        <translation>显示 {total} 个中的 {shown} 个</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/search_panel.py" line="74" />
        <source>{count} results</source>
        <translation>{count} 个结果</translation>
    </message>
</context>
<context>
    <name>ServedTable</name>
    <message>
        <location filename="../../gridmap/ui/panels/served_table.py" line="249" />
        <source>Filter…</source>
        <translation>筛选…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/served_table.py" line="251" />
        <source>This layer is too large to search as text: filter it by time, category and status in the filter bar</source>
        <translation>该图层过大，无法按文本搜索：请在筛选栏中按时间、类别和状态筛选</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/served_table.py" line="268" />
        <location filename="../../gridmap/ui/panels/served_table.py" line="272" />
        <location filename="../../gridmap/ui/panels/served_table.py" line="293" />
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/served_table.py" line="286" />
        <source>{shown} of {total} rows</source>
        <translation>{shown} / {total} 行</translation>
    </message>
</context>
<context>
    <name>ServedTableModel</name>
    <message>
        <location filename="../../gridmap/ui/panels/served_table.py" line="232" />
        <source>Click to show the newest first</source>
        <translation>点击按时间从新到旧排列</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/served_table.py" line="233" />
        <source>This layer is too large to read whole: it is read from the store a page at a time, and only its time column sorts it</source>
        <translation>该图层过大，不整体读入：按页从存储中读取，仅可按时间列排序</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../gridmap/ui/dialogs/help_dialogs.py" line="167" />
        <source>Keyboard Shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/help_dialogs.py" line="170" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/help_dialogs.py" line="170" />
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>SourceDialog</name>
    <message>
        <location filename="../../gridmap/ui/dialogs/source_dialog.py" line="37" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/source_dialog.py" line="47" />
        <source>Auto-detect</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/source_dialog.py" line="56" />
        <source>WGS84 / CGCS2000</source>
        <translation>WGS84 / CGCS2000</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/source_dialog.py" line="57" />
        <source>GCJ-02 (Amap/Tencent)</source>
        <translation>GCJ-02(高德/腾讯)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/source_dialog.py" line="58" />
        <source>BD-09 (Baidu)</source>
        <translation>BD-09(百度)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/source_dialog.py" line="69" />
        <source>Preview (first rows, decoded)</source>
        <translation>预览(前几行,已解码)</translation>
    </message>
</context>
<context>
    <name>StatsPanel</name>
    <message>
        <location filename="../../gridmap/ui/panels/stats_dock.py" line="93" />
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/stats_dock.py" line="114" />
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/stats_dock.py" line="114" />
        <source>Community / village</source>
        <translation>社区/村</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/stats_dock.py" line="115" />
        <source>Street / town</source>
        <translation>街道/乡镇</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/stats_dock.py" line="115" />
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/stats_dock.py" line="161" />
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/stats_dock.py" line="187" />
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/stats_dock.py" line="187" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/stats_dock.py" line="187" />
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/stats_dock.py" line="188" />
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/stats_dock.py" line="188" />
        <source>Resolution rate</source>
        <translation>办结率</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/stats_dock.py" line="190" />
        <source>Grid workers</source>
        <translation>网格员</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/stats_dock.py" line="200" />
        <source>{units} units · {total} records</source>
        <translation>{units} 个单元 · {total} 条记录</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/stats_dock.py" line="203" />
        <source>{count} outside every grid</source>
        <translation>{count} 条不在任何网格内</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/stats_dock.py" line="206" />
        <source>{closed} closed, resolution rate {rate}</source>
        <translation>已结案 {closed} 件,办结率 {rate}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/stats_dock.py" line="219" />
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/stats_dock.py" line="219" />
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/stats_dock.py" line="219" />
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/stats_dock.py" line="222" />
        <location filename="../../gridmap/ui/panels/stats_dock.py" line="230" />
        <source>Export Statistics</source>
        <translation>导出统计</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/stats_dock.py" line="232" />
        <source>Exported {name}</source>
        <translation>已导出 {name}</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <location filename="../../gridmap/ui/tasks.py" line="83" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/tasks.py" line="107" />
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/tasks.py" line="129" />
        <source>An unexpected error occurred: {error}</source>
        <translation>发生意外错误:{error}</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../gridmap/ui/editing/edit_dialogs.py" line="33" />
        <source>Transfer Area</source>
        <translation>划转区域</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/edit_dialogs.py" line="48" />
        <source>Receiving grid:</source>
        <translation>接收网格:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/edit_dialogs.py" line="49" />
        <source>Take from:</source>
        <translation>划出网格:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/editing/edit_dialogs.py" line="51" />
        <source>The part of the drawn area inside the ticked grids moves to the receiving grid.</source>
        <translation>所绘区域中位于勾选网格内的部分将划给接收网格。</translation>
    </message>
</context>
<context>
    <name>UserGuide</name>
    <message>
        <location filename="../../gridmap/ui/dialogs/help_dialogs.py" line="42" />
        <source>GridMap User Guide</source>
        <translation>GridMap 使用指南</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/help_dialogs.py" line="45" />
        <source>guide_en.md</source>
        <translation>guide_zh.md</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/help_dialogs.py" line="58" />
        <source>Find in the guide…</source>
        <translation>在指南中查找…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/help_dialogs.py" line="64" />
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/help_dialogs.py" line="137" />
        <source>No matches</source>
        <translation>没有找到</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/help_dialogs.py" line="146" />
        <source>{index} of {count}</source>
        <translation>第 {index} 个,共 {count} 个</translation>
    </message>
</context>
<context>
    <name>ValidationPanel</name>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="49" />
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="101" />
        <source>Run</source>
        <translation>开始校验</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="55" />
        <source> m²</source>
        <translation> m²</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="56" />
        <source>Overlaps, gaps and parts up to this area are noise of shared edges, not findings</source>
        <translation>面积不超过此值的重叠、缝隙和部分视为共用边界的误差,不作为问题列出</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="61" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="61" />
        <source>Grids</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="61" />
        <source>Area (m²)</source>
        <translation>面积(m²)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="61" />
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="65" />
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="103" />
        <source>Not checked yet.</source>
        <translation>尚未校验。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="70" />
        <source>Tolerance:</source>
        <translation>容差:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="86" />
        <source>Validation</source>
        <translation>校验</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/actions.py" line="151" />
        <source>&amp;Validate Grids</source>
        <translation>校验网格(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="89" />
        <source>Overlap</source>
        <translation>重叠</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="89" />
        <source>Gap</source>
        <translation>缝隙</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="89" />
        <source>Invalid geometry</source>
        <translation>几何图形无效</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="90" />
        <source>Duplicate code</source>
        <translation>编码重复</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="90" />
        <source>Gap between districts</source>
        <translation>区县间缝隙</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="91" />
        <source>Several parts</source>
        <translation>多个部分</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="91" />
        <source>Sliver</source>
        <translation>细碎面</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="92" />
        <source>Records outside grids</source>
        <translation>记录在网格外</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="92" />
        <source>No worker</source>
        <translation>无网格员</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="129" />
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="148" />
        <source>Re-check</source>
        <translation>重新校验</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="150" />
        <source>The check failed: {error}</source>
        <translation>校验失败:{error}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="162" />
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="162" />
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="170" />
        <source>{errors} errors, {warnings} warnings; click one to see it on the map.</source>
        <translation>{errors} 个错误,{warnings} 个警告;点击某一项可在地图上查看。</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/validation_panel.py" line="173" />
        <source>No problems found.</source>
        <translation>未发现问题。</translation>
    </message>
</context>
<context>
    <name>VisitsPanel</name>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="78" />
        <source>Not by visits</source>
        <translation>不按走访</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="78" />
        <source>Visit coverage (%)</source>
        <translation>走访覆盖率(%)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="79" />
        <source>Overdue targets</source>
        <translation>逾期走访对象</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="82" />
        <source>Targets by visit status</source>
        <translation>走访对象按状态着色</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="98" />
        <source>Street:</source>
        <translation>街道:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="98" />
        <source>Worker:</source>
        <translation>网格员:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="116" />
        <source>Per:</source>
        <translation>统计单位:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="125" />
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="155" />
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="166" />
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="126" />
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="167" />
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="128" />
        <source>Date:</source>
        <translation>日期:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="128" />
        <source>Map:</source>
        <translation>地图:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="148" />
        <source>Visits</source>
        <translation>走访记录</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="151" />
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="161" />
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="151" />
        <source>Street / town</source>
        <translation>街道/乡镇</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="151" />
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="152" />
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="163" />
        <source>Grid worker</source>
        <translation>网格员</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="155" />
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="165" />
        <source>On time</source>
        <translation>按时</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="155" />
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="166" />
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="156" />
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="166" />
        <source>Never visited</source>
        <translation>从未走访</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="160" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="160" />
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="160" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="161" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="161" />
        <source>Grid name</source>
        <translation>网格名称</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="163" />
        <source>Worker ID</source>
        <translation>网格员编号</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="164" />
        <source>Last visit</source>
        <translation>最近走访</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="164" />
        <source>Due</source>
        <translation>应走访日期</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="164" />
        <source>Days overdue</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="165" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="165" />
        <source>Targets</source>
        <translation>走访对象</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="228" />
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="255" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="271" />
        <source>{targets} targets on {day}: {on_time} visited on time ({coverage}), {due_soon} of them due soon; {overdue} overdue, {never} never visited</source>
        <translation>{day} 共 {targets} 个走访对象:按时走访 {on_time} 个({coverage}),其中即将到期 {due_soon} 个;逾期 {overdue} 个,从未走访 {never} 个</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="303" />
        <source>{shown} of {total} targets</source>
        <translation>{shown} / {total} 个对象</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/panels/visits_dock.py" line="339" />
        <source>{statistic} on {day}</source>
        <translation>{statistic}({day})</translation>
    </message>
</context>
<context>
    <name>WorkerDialog</name>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_dialogs.py" line="66" />
        <source>Assign Worker to Grid {code}</source>
        <translation>为网格 {code} 指派网格员</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_dialogs.py" line="67" />
        <source>Existing worker:</source>
        <translation>已有网格员:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_dialogs.py" line="68" />
        <source>New worker:</source>
        <translation>新网格员:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_dialogs.py" line="91" />
        <source>Name:</source>
        <translation>名称:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_dialogs.py" line="92" />
        <source>Phone:</source>
        <translation>电话:</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/dialogs/record_dialogs.py" line="93" />
        <source>Role:</source>
        <translation>角色:</translation>
    </message>
</context>
<context>
    <name>_Fetcher</name>
    <message>
        <location filename="../../gridmap/ui/panels/served_table.py" line="73" />
        <source>Cannot read the rows ({error})</source>
        <translation>无法读取这些行（{error}）</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <location filename="../../gridmap/cli.py" line="202" />
        <source>{date}: {grids} grids patrolled, {minutes} minutes</source>
        <translation>{date}:巡查 {grids} 个网格,共 {minutes} 分钟</translation>
    </message>
    <message>
        <location filename="../../gridmap/cli.py" line="228" />
        <source>{day}: {new} new incidents, {pages} pages, {seconds} s</source>
        <translation>{day}:新增事件 {new} 起,共 {pages} 页,用时 {seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../gridmap/cli.py" line="332" />
        <source>  private (masked): {columns}</source>
        <translation>  隐私列(已脱敏):{columns}</translation>
    </message>
    <message>
        <location filename="../../gridmap/cli.py" line="334" />
        <source>  row {row}: {reason}</source>
        <translation>  第 {row} 行:{reason}</translation>
    </message>
    <message>
        <location filename="../../gridmap/cli.py" line="336" />
        <source>  … {count} more rejected rows (--json lists them all)</source>
        <translation>  … 另有 {count} 行被拒绝(--json 列出全部)</translation>
    </message>
    <message>
        <location filename="../../gridmap/cli.py" line="368" />
        <source>no new files in {folder}</source>
        <translation>{folder} 中没有新文件</translation>
    </message>
    <message>
        <location filename="../../gridmap/cli.py" line="1047" />
        <source>{file} is a boundary file; create a project with: gridmap new PROJECT.gpkg --grids {file}</source>
        <translation>{file} 是边界文件;请用以下命令创建项目:gridmap new 项目.gpkg --grids {file}</translation>
    </message>
    <message>
        <location filename="../../gridmap/cli.py" line="1056" />
        <source>cancelled; nothing was written</source>
        <translation>已取消;未写入任何内容</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/brief/model.py" line="66" />
        <source>no district {name}; districts: {names}</source>
        <translation>没有区县 {name};现有区县:{names}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/brief/model.py" line="120" />
        <location filename="../../gridmap/map/overlays.py" line="144" />
        <location filename="../../gridmap/map/overlays.py" line="316" />
        <source>(no category)</source>
        <translation>(无类别)</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/brief/model.py" line="163" />
        <location filename="../../gridmap/core/io/reader.py" line="109" />
        <source>(none)</source>
        <translation>(无)</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/geo/crs.py" line="33" />
        <source>no CGCS2000 {width}° Gauss-Krüger zone has central meridian {meridian}°E</source>
        <translation>CGCS2000 没有中央经线为 {meridian}°E 的 {width}度高斯-克吕格投影带</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/geo/crs.py" line="74" />
        <source>unknown coordinate system {crs} ({error})</source>
        <translation>无法识别的坐标系 {crs}({error})</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/geo/crs.py" line="124" />
        <source>coordinates are not finite numbers</source>
        <translation>坐标不是有效数值</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/geo/crs.py" line="126" />
        <source>coordinates are degrees: assumed CGCS2000 (EPSG:4490)</source>
        <translation>坐标单位为度:假定为 CGCS2000 地理坐标(EPSG:4490)</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/geo/crs.py" line="133" />
        <source>eastings carry zone prefix {zone}: assumed CGCS2000 {width}° Gauss-Krüger zone {zone}, central meridian {meridian}°E (EPSG:{code})</source>
        <translation>横坐标带有带号 {zone}:假定为 CGCS2000 {width}度高斯-克吕格第 {zone} 带,中央经线 {meridian}°E(EPSG:{code})</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/geo/crs.py" line="137" />
        <source>eastings look like Gauss-Krüger without a zone prefix: the central meridian is needed, e.g. gk3:120 (EPSG:4549) or gk3:123 (EPSG:4550) (command line: --crs)</source>
        <translation>横坐标像是不带带号的高斯-克吕格坐标:需要指定中央经线,例如 gk3:120(EPSG:4549)或 gk3:123(EPSG:4550)(命令行:--crs)</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/geo/crs.py" line="140" />
        <source>the coordinate system cannot be inferred from the coordinate ranges</source>
        <translation>无法根据坐标范围推断坐标系</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/geo/crs.py" line="157" />
        <source>the declared EPSG:{code} does not match eastings that carry the zone prefix: using EPSG:{fixed}</source>
        <translation>文件声明的 EPSG:{code} 与带带号的横坐标不符:改用 EPSG:{fixed}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/geo/crs.py" line="160" />
        <source>the declared EPSG:{code} does not match eastings that lack the zone prefix: using EPSG:{fixed}</source>
        <translation>文件声明的 EPSG:{code} 与不带带号的横坐标不符:改用 EPSG:{fixed}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/geo/crs.py" line="175" />
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/build.py" line="73" />
        <source>{rows}: no geometry, left out</source>
        <translation>{rows}:没有几何图形,已跳过</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/build.py" line="79" />
        <source>grids must be polygons; this layer has {types} geometries</source>
        <translation>网格必须是面要素;此图层的几何类型为 {types}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/build.py" line="84" />
        <source>{rows}: not polygons, left out</source>
        <translation>{rows}:不是面要素,已跳过</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/build.py" line="91" />
        <source>{rows}: coordinates are not numbers, left out</source>
        <translation>{rows}:坐标不是数值,已跳过</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/build.py" line="100" />
        <source>{rows}: invalid polygons repaired</source>
        <translation>{rows}:无效的多边形已修复</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/build.py" line="103" />
        <source>{rows}: no area left after repair, left out</source>
        <translation>{rows}:修复后面积为零,已跳过</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/build.py" line="108" />
        <source>the coordinate system is unknown; choose it (command line: --crs)</source>
        <translation>坐标系未知;请指定坐标系(命令行:--crs)</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/build.py" line="120" />
        <source>{coords} coordinates are longitude/latitude but the layer is in {crs}</source>
        <translation>{coords} 坐标应为经纬度,但此图层的坐标系为 {crs}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/build.py" line="130" />
        <source>{rows}: coordinates outside longitude/latitude range, left out</source>
        <translation>{rows}:坐标超出经纬度范围,已跳过</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/build.py" line="155" />
        <source>no grid code field found; choose it (command line: --code-field); fields: {fields}</source>
        <translation>未找到网格编码字段;请指定(命令行:--code-field);现有字段:{fields}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/build.py" line="161" />
        <source>{rows}: the code field {field} is empty</source>
        <translation>{rows}:编码字段 {field} 为空</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/build.py" line="168" />
        <source>{rows}: duplicate codes in {field} ({values})</source>
        <translation>{rows}:{field} 字段中的编码重复({values})</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/build.py" line="179" />
        <source>{rows}: the households field {field} holds {value}, not a number of households</source>
        <translation>{rows}:户数字段 {field} 的值为 {value},不是有效的户数</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="85" />
        <source>a line</source>
        <translation>线</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="88" />
        <source>the line does not cut grid {code} in two; draw it across the grid from edge to edge</source>
        <translation>该线未把网格 {code} 分成两部分;请从网格的一边到另一边画线穿过网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="95" />
        <source>split grid {code} into {count}</source>
        <translation>将网格 {code} 拆分为 {count} 个</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="103" />
        <source>choose at least two grids to merge</source>
        <translation>请至少选择两个要合并的网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="107" />
        <source>grids {codes} do not form one connected area; merge adjacent grids only</source>
        <translation>网格 {codes} 不构成一个连通区域;只能合并相邻网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="111" />
        <source>merge {codes} into {code}</source>
        <translation>将 {codes} 合并为 {code}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="119" />
        <location filename="../../gridmap/core/grids/edits.py" line="156" />
        <location filename="../../gridmap/core/grids/edits.py" line="188" />
        <source>a polygon</source>
        <translation>多边形</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="136" />
        <source>the area takes nothing from grids {codes}</source>
        <translation>该区域未从网格 {codes} 划出任何部分</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="139" />
        <source>the area does not touch grid {code}; it can only take area next to it</source>
        <translation>该区域未接触网格 {code};只能划入与其相邻的区域</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="147" />
        <source>the area takes all of grid {codes}; merge it instead</source>
        <translation>该区域包含网格 {codes} 的全部;请改用合并</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="148" />
        <source>move area from {codes} to {code}</source>
        <translation>将 {codes} 的区域划转给 {code}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="161" />
        <source>the polygon lies inside existing grids; a new grid needs unassigned area</source>
        <translation>该多边形位于现有网格内;新网格须位于不属于任何网格的区域</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="163" />
        <source>the polygon touches no grid; draw it next to the grids it belongs with</source>
        <translation>该多边形未接触任何网格;请紧挨其所属的网格绘制</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="169" />
        <source>no street named {street}</source>
        <translation>没有名为 {street} 的街道</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="176" />
        <source>create grid {code}</source>
        <translation>新建网格 {code}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="182" />
        <source>delete grid {code}</source>
        <translation>删除网格 {code}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="198" />
        <source>the new outline overlaps grid {other}</source>
        <translation>新轮廓与网格 {other} 重叠</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="202" />
        <source>the new outline moves the boundary shared with grid {other}; transfer area instead</source>
        <translation>新轮廓移动了与网格 {other} 共用的边界;请改用划转区域</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="205" />
        <source>reshape the outer boundary of {code}</source>
        <translation>重塑 {code} 的外边界</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="215" />
        <source>code {code} is empty or already used</source>
        <translation>编码 {code} 为空或已被使用</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="219" />
        <source>recode {code}</source>
        <translation>重命名/重新编码 {code}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="229" />
        <location filename="../../gridmap/core/grids/plans.py" line="273" />
        <location filename="../../gridmap/core/records/assign.py" line="370" />
        <location filename="../../gridmap/core/records/stats.py" line="355" />
        <source>no grid with code {code}</source>
        <translation>没有编码为 {code} 的网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="238" />
        <source>expected {what} in lon/lat, not {value}</source>
        <translation>应为经纬度坐标的{what},而不是 {value}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="309" />
        <source>the edit would leave grid {codes} empty or invalid</source>
        <translation>此编辑会使网格 {codes} 为空或无效</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="313" />
        <source>the edit would change the area the grids cover by {area} m²</source>
        <translation>此编辑会使网格覆盖的面积改变 {area} m²</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="324" />
        <source>grid {code} would overlap grid {other} by {area} m²</source>
        <translation>网格 {code} 将与网格 {other} 重叠 {area} m²</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="329" />
        <source>grids {code} and {other} would overlap</source>
        <translation>网格 {code} 与 {other} 将会重叠</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="331" />
        <source>grid {code} would be in {count} parts</source>
        <translation>网格 {code} 将分成 {count} 个不相连的部分</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="418" />
        <source>the grids changed since this edit was planned; plan it again</source>
        <translation>此编辑生成后网格已有变化;请重新编辑</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/edits.py" line="440" />
        <source>this edit has not been applied</source>
        <translation>此编辑尚未应用</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/plans.py" line="49" />
        <source>no plan named {name}; plans: {names}</source>
        <translation>没有名为 {name} 的方案;现有方案:{names}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/plans.py" line="59" />
        <source>a plan needs a name</source>
        <translation>方案需要名称</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/plans.py" line="62" />
        <source>a plan named {name} exists; choose another name or replace it (--replace)</source>
        <translation>已有名为 {name} 的方案;请换一个名称或替换该方案(--replace)</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/plans.py" line="82" />
        <source>the current grids are not saved as a plan and would be lost; save them as a plan first</source>
        <translation>当前网格尚未保存为方案,将会丢失;请先将其保存为方案</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/plans.py" line="171" />
        <source>unknown plan format; use .shp, .gpkg or .geojson</source>
        <translation>未知的方案格式;请使用 .shp、.gpkg 或 .geojson</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/plans.py" line="183" />
        <source>an assignment table is written as .csv</source>
        <translation>记录归属表只能导出为 .csv 文件</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/plans.py" line="226" />
        <source>no column {columns}; an assignment table has the columns kind, id, grid_code</source>
        <translation>没有列 {columns};记录归属表应有 kind、id、grid_code 三列</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/plans.py" line="244" />
        <source>imported from {file}</source>
        <translation>从 {file} 导入</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/plans.py" line="259" />
        <source>empty kind or id</source>
        <translation>类型或编号为空</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/plans.py" line="261" />
        <source>unknown kind {kind}; expected {kinds}</source>
        <translation>未知的类型 {kind};应为 {kinds}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/plans.py" line="263" />
        <source>{kind} {id} repeats row {row}</source>
        <translation>{kind} {id} 与第 {row} 行重复</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/plans.py" line="266" />
        <source>the id {id} is masked; export the assignment with ID numbers revealed</source>
        <translation>编号 {id} 已部分隐去;请先显示完整身份证号,再导出记录归属表</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/plans.py" line="267" />
        <source>no {kind} record with id {id}</source>
        <translation>没有编号为 {id} 的 {kind} 记录</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/plans.py" line="271" />
        <source>empty grid code</source>
        <translation>网格编码为空</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/validate.py" line="128" />
        <source>{codes}, … ({count} in all)</source>
        <translation>{codes} 等(共 {count} 个)</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/validate.py" line="148" />
        <source>no geometry</source>
        <translation>没有几何图形</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/validate.py" line="152" />
        <source>grid {code} has invalid geometry: {reason}</source>
        <translation>网格 {code} 的几何图形无效:{reason}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/validate.py" line="160" />
        <source>code {code} is used by {count} grids</source>
        <translation>编码 {code} 被 {count} 个网格使用</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/validate.py" line="176" />
        <source>grids {a} and {b} overlap by {area} m², about {width} m wide</source>
        <translation>网格 {a} 与 {b} 重叠 {area} m²,宽约 {width} m</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/validate.py" line="197" />
        <source>gap of {area} m², about {width} m wide, between grids {grids}</source>
        <translation>网格 {grids} 之间有 {area} m² 的缝隙,宽约 {width} m</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/validate.py" line="201" />
        <source>gap of {area} m², about {width} m wide, between districts {districts} (grids {grids})</source>
        <translation>区县 {districts} 之间有 {area} m² 的缝隙,宽约 {width} m(网格 {grids})</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/validate.py" line="214" />
        <source>grid {code} has a sliver of {area} m²</source>
        <translation>网格 {code} 有 {area} m² 的细碎面</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/validate.py" line="222" />
        <source>grid {code} has {count} separate parts</source>
        <translation>网格 {code} 由 {count} 个不相连的部分组成</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/validate.py" line="246" />
        <source>{count} {records} outside every grid</source>
        <translation>{count} 条{records}记录不在任何网格内</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/grids/validate.py" line="256" />
        <source>grid {code} has no worker</source>
        <translation>网格 {code} 没有网格员</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/encoding.py" line="73" />
        <source>unknown encoding {encoding}</source>
        <translation>无法识别的编码 {encoding}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/export.py" line="38" />
        <source>no layer {layer}; layers: {layers}</source>
        <translation>没有图层 {layer};现有图层:{layers}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/export.py" line="55" />
        <source>unknown output format; use .csv, .gpkg, .shp or .geojson</source>
        <translation>未知的输出格式;请使用 .csv、.gpkg、.shp 或 .geojson</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/export.py" line="58" />
        <source>unknown Shapefile encoding; use UTF-8 or GBK</source>
        <translation>未知的 Shapefile 编码;请使用 UTF-8 或 GBK</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/export.py" line="74" />
        <location filename="../../gridmap/core/io/export.py" line="76" />
        <source>cannot write the file ({error})</source>
        <translation>无法写入文件({error})</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/export.py" line="114" />
        <source>{value} (field {field}) has characters GBK cannot hold; export as UTF-8</source>
        <translation>{value}({field} 字段)含有 GBK 无法表示的字符;请导出为 UTF-8</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/reader.py" line="86" />
        <location filename="../../gridmap/core/io/tables.py" line="55" />
        <source>file not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/reader.py" line="88" />
        <source>is a folder; choose a .shp, .zip, .gpkg, .geojson or .kml file</source>
        <translation>是文件夹;请选择 .shp、.zip、.gpkg、.geojson 或 .kml 文件</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/reader.py" line="96" />
        <source>cannot unpack the zip archive ({error})</source>
        <translation>无法解压 ZIP 压缩包({error})</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/reader.py" line="99" />
        <source>the zip archive holds no .shp, .gpkg, .geojson or .kml file</source>
        <translation>ZIP 压缩包中没有 .shp、.gpkg、.geojson 或 .kml 文件</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/reader.py" line="102" />
        <source>the zip archive holds several datasets ({names}); unpack it and choose one</source>
        <translation>ZIP 压缩包中有多个数据集({names});请解压后选择其中一个</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/reader.py" line="108" />
        <source>unsupported file type {suffix}; expected one of {supported}</source>
        <translation>不支持的文件类型 {suffix};支持的类型:{supported}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/reader.py" line="127" />
        <source>cannot read: not a GeoJSON file ({error})</source>
        <translation>无法读取:不是 GeoJSON 文件({error})</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/reader.py" line="130" />
        <source>cannot read: item {item} of the GeoJSON array is not a Feature</source>
        <translation>无法读取:GeoJSON 数组的第 {item} 项不是要素(Feature)</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/reader.py" line="145" />
        <source>the zip archive would unpack to {size} MB, more than the {limit} MB allowed; unpack it yourself and choose the file</source>
        <translation>zip 压缩包解压后将达 {size} MB,超过允许的 {limit} MB;请自行解压后选择文件</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/reader.py" line="170" />
        <source>layer {layer} is an SQL view that did not finish within {seconds} s; it may never end</source>
        <translation>图层 {layer} 是 SQL 视图,{seconds} 秒内未能读完;它可能永远不会结束</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/reader.py" line="192" />
        <source>cannot read: not a {format} file</source>
        <translation>无法读取:不是 {format} 文件</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/reader.py" line="194" />
        <source>cannot read: {error}</source>
        <translation>无法读取:{error}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/reader.py" line="217" />
        <source>{count} records do not decode as {encoding} ({rows}): their text would be garbled</source>
        <translation>{count} 条记录无法按 {encoding} 解码({rows}):其文字会成为乱码</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/reader.py" line="221" />
        <source>{problem}; the file looks like {detected}: choose that encoding or leave it to detection</source>
        <translation>{problem};该文件看来是 {detected} 编码:请选择该编码,或交由自动检测</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/reader.py" line="247" />
        <source>{format} files are UTF-8 by definition; the encoding {encoding} was not used</source>
        <translation>{format} 文件规定使用 UTF-8 编码;未采用指定的编码 {encoding}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/reader.py" line="251" />
        <source>the file holds no layer</source>
        <translation>文件中没有图层</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/reader.py" line="253" />
        <source>no layer named {layer}; layers: {layers}</source>
        <translation>没有名为 {layer} 的图层;现有图层:{layers}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/reader.py" line="261" />
        <location filename="../../gridmap/core/io/reader.py" line="173" />
        <source>cannot read layer {layer}: {error}</source>
        <translation>无法读取图层 {layer}:{error}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/reader.py" line="278" />
        <source>given by the user</source>
        <translation>由用户指定</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/reader.py" line="285" />
        <source>the file declares no coordinate system: {note}</source>
        <translation>文件未声明坐标系:{note}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/shapefile.py" line="34" />
        <source>the .dbf attribute file is empty or truncated</source>
        <translation>.dbf 属性文件为空或不完整</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/shapefile.py" line="37" />
        <source>the .dbf attribute file has a corrupt header</source>
        <translation>.dbf 属性文件的文件头已损坏</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/shapefile.py" line="40" />
        <source>the .dbf attribute file is truncated: its header announces {count} records but only {complete} are complete</source>
        <translation>.dbf 属性文件不完整:文件头声明有 {count} 条记录,但只有 {complete} 条完整</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/shapefile.py" line="49" />
        <source>the .shp file is empty (0 bytes)</source>
        <translation>.shp 文件为空(0 字节)</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/shapefile.py" line="53" />
        <source>not a shapefile: the .shp header is missing or corrupt</source>
        <translation>不是 Shapefile 文件:.shp 文件头缺失或已损坏</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/shapefile.py" line="56" />
        <source>the .shp file is truncated: its header announces {declared} bytes but the file has {size}</source>
        <translation>.shp 文件不完整:文件头声明为 {declared} 字节,但文件只有 {size} 字节</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/shapefile.py" line="69" />
        <source>the attribute file {name} is missing next to the .shp</source>
        <translation>.shp 文件旁缺少属性文件 {name}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/shapefile.py" line="88" />
        <source>the index {name} is missing: rebuilt from the .shp in a temporary copy ({shapes} shapes)</source>
        <translation>缺少索引文件 {name}:已在临时副本中根据 .shp 重建({shapes} 个图形)</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/shapefile.py" line="95" />
        <source>the .shp has {shapes} shapes but the .dbf has {records} records: the parts do not belong together or one is truncated</source>
        <translation>.shp 有 {shapes} 个图形,而 .dbf 有 {records} 条记录:这些文件不配套,或其中之一不完整</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/tables.py" line="62" />
        <source>old Excel .xls files cannot be read; save the sheet as .xlsx or CSV</source>
        <translation>无法读取旧版 Excel .xls 文件;请另存为 .xlsx 或 CSV</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/tables.py" line="84" />
        <source>the text is neither UTF-8 nor GBK; choose its encoding</source>
        <translation>文本既不是 UTF-8 也不是 GBK;请选择编码</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/tables.py" line="106" />
        <source>cannot decode the file as {encoding} at byte {offset}; choose its encoding</source>
        <translation>无法按 {encoding} 解码第 {offset} 字节处;请选择编码</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/tables.py" line="110" />
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/tables.py" line="117" />
        <source>cannot read the table: {error}</source>
        <translation>无法读取表格:{error}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/tables.py" line="189" />
        <location filename="../../gridmap/ops/watch.py" line="124" />
        <source>cannot read the file ({error})</source>
        <translation>无法读取文件({error})</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/tables.py" line="191" />
        <source>line {line} is longer than {size} MB; is this a table?</source>
        <translation>第 {line} 行超过 {size} MB;这是表格文件吗?</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/tables.py" line="205" />
        <source>line {line}, column {column}: a NUL character (byte 0); the file is damaged or not text</source>
        <translation>第 {line} 行 {column} 列:含有 NUL 字符(字节 0);文件已损坏或不是文本</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/tables.py" line="253" />
        <source>reading Excel files needs openpyxl</source>
        <translation>读取 Excel 文件需要 openpyxl</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/tables.py" line="257" />
        <location filename="../../gridmap/core/io/tables.py" line="272" />
        <source>not a readable Excel workbook ({error})</source>
        <translation>不是可读取的 Excel 工作簿({error})</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/tables.py" line="261" />
        <source>no sheet named {sheet}; sheets: {sheets}</source>
        <translation>没有名为 {sheet} 的工作表;现有工作表:{sheets}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/tables.py" line="266" />
        <source>the sheet is empty</source>
        <translation>工作表为空</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/tables.py" line="327" />
        <source>the GPX file holds no track points</source>
        <translation>GPX 文件中没有轨迹点</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/io/tables.py" line="336" />
        <source>not a readable GPX file ({error})</source>
        <translation>无法读取的 GPX 文件({error})</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/outputs.py" line="69" />
        <source>row {row}, column {column}: a control character that an XLSX file cannot hold; export as CSV</source>
        <translation>第 {row} 行 {column} 列:含有 XLSX 文件无法保存的控制字符;请导出为 CSV</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/outputs.py" line="97" />
        <source>is the lock file of a GridMap project; choose another output file</source>
        <translation>是 GridMap 项目的锁文件;请选择其他输出文件</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/outputs.py" line="107" />
        <source>is a GridMap project; an export never replaces a project: choose another output file</source>
        <translation>是 GridMap 项目;导出不会覆盖项目:请选择其他输出文件</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/outputs.py" line="134" />
        <location filename="../../gridmap/core/records/stats.py" line="419" />
        <location filename="../../gridmap/core/visits/due.py" line="266" />
        <source>unknown format {format}; expected one of {expected}</source>
        <translation>未知格式 {format};应为 {expected} 之一</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/outputs.py" line="146" />
        <location filename="../../gridmap/ops/brief.py" line="62" />
        <location filename="../../gridmap/print/brief.py" line="347" />
        <location filename="../../gridmap/print/output.py" line="118" />
        <source>cannot write ({error})</source>
        <translation>无法写入({error})</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/printing/layout.py" line="86" />
        <source>unknown paper {paper}; expected one of {expected}</source>
        <translation>未知的纸张 {paper};应为 {expected} 之一</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/printing/layout.py" line="89" />
        <source>unknown template {template}; expected one of {expected}</source>
        <translation>未知的模板 {template};应为 {expected} 之一</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/printing/layout.py" line="92" />
        <source>unknown labels {labels}; expected one of {expected}</source>
        <translation>未知的标注方式 {labels};应为 {expected} 之一</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/printing/layout.py" line="95" />
        <source>unknown extent {extent}; expected one of {expected}</source>
        <translation>未知的范围 {extent};应为 {expected} 之一</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/printing/layout.py" line="98" />
        <source>unknown map language {lang}; expected one of {expected}</source>
        <translation>未知的地图语言 {lang};应为 {expected} 之一</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/printing/layout.py" line="101" />
        <source>the resolution must be between 72 and 1200 dpi, not {dpi}</source>
        <translation>分辨率须在 72 至 1200 dpi 之间,而不是 {dpi}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/printing/layout.py" line="104" />
        <source>margins of {margin} mm do not fit on {paper}</source>
        <translation>{paper} 纸张容不下 {margin} mm 的页边距</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/printing/model.py" line="201" />
        <source>the selection holds rows that are not grids of the project</source>
        <translation>所选内容含有不是本项目网格的行</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/printing/model.py" line="204" />
        <source>the current view has no extent (west, south, east, north)</source>
        <translation>当前视图没有范围(西、南、东、北)</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/printing/model.py" line="208" />
        <source>no grids to print</source>
        <translation>没有可打印的网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/printing/model.py" line="219" />
        <source>no district {district} in the project</source>
        <translation>项目中没有区县 {district}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/printing/model.py" line="221" />
        <source>which district? Give its name or its 6-digit code</source>
        <translation>哪个区县?请给出其名称或 6 位代码</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/printing/model.py" line="224" />
        <source>which street? Give its name or its 9-digit code</source>
        <translation>哪个街道?请给出其名称或 9 位代码</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/printing/model.py" line="230" />
        <source>no street {street} in the project</source>
        <translation>项目中没有街道 {street}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/printing/model.py" line="232" />
        <source>street {street} is in several districts ({districts}); give the district too</source>
        <translation>多个区县都有街道 {street}({districts});请同时指定区县</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/printing/model.py" line="414" />
        <location filename="../../gridmap/core/printing/model.py" line="526" />
        <location filename="../../gridmap/core/printing/model.py" line="631" />
        <location filename="../../gridmap/core/records/stats.py" line="139" />
        <source>the project has no {layer} layer</source>
        <translation>项目中没有 {layer} 图层</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/printing/model.py" line="420" />
        <source>not a date: {text} (expected YYYY-MM-DD)</source>
        <translation>不是日期:{text}(应为 YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/printing/model.py" line="426" />
        <source>the period starts after it ends ({start} &gt; {end})</source>
        <translation>时段的开始晚于结束({start} &gt; {end})</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/printing/model.py" line="653" />
        <source>unknown batch {batch}; expected one of {expected}</source>
        <translation>未知的分页方式 {batch};应为 {expected} 之一</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/problems.py" line="29" />
        <source>rows {rows}, … ({count} in all)</source>
        <translation>第 {rows} 等行(共 {count} 行)</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/problems.py" line="30" />
        <source>row {rows}</source>
        <translation>第 {rows} 行</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/problems.py" line="30" />
        <source>rows {rows}</source>
        <translation>第 {rows} 行</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/project/kinds.py" line="83" />
        <source>incidents</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/project/kinds.py" line="83" />
        <source>key persons</source>
        <translation>重点人员</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/project/kinds.py" line="83" />
        <source>key venues</source>
        <translation>重点场所</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/project/kinds.py" line="84" />
        <source>GPS track points</source>
        <translation>轨迹定位点</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/project/kinds.py" line="84" />
        <source>grid workers</source>
        <translation>网格员</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/project/kinds.py" line="84" />
        <source>visits</source>
        <translation>走访记录</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/project/model.py" line="109" />
        <source>code</source>
        <translation>网格编码</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/project/model.py" line="109" />
        <source>district</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/project/model.py" line="109" />
        <source>name</source>
        <translation>网格名称</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/project/model.py" line="109" />
        <source>street</source>
        <translation>街道</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/project/model.py" line="110" />
        <source>community</source>
        <translation>社区</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/project/model.py" line="110" />
        <source>households</source>
        <translation>户数</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/project/model.py" line="120" />
        <source>unknown coordinates {coords}; expected one of {expected}</source>
        <translation>未知的坐标类型 {coords};应为以下之一:{expected}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/project/model.py" line="122" />
        <location filename="../../gridmap/core/records/importing.py" line="193" />
        <source>Reading {name}</source>
        <translation>正在读取 {name}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/project/model.py" line="124" />
        <source>Checking grids</source>
        <translation>正在检查网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/project/model.py" line="130" />
        <source>no field {field} for the {role}; fields: {fields}</source>
        <translation>找不到用作{role}的字段 {field};现有字段:{fields}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/project/model.py" line="138" />
        <source>{problem} (and {count} more problems)</source>
        <translation>{problem}(另有 {count} 个问题)</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/project/privacy.py" line="128" />
        <location filename="../../gridmap/ops/records.py" line="151" />
        <source>a reveal needs a reason</source>
        <translation>显示完整号码须填写原因</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/assign.py" line="372" />
        <source>a manual assignment needs a reason</source>
        <translation>手动指定网格需要填写原因</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="159" />
        <source>visits: {rows} rows read, {imported} imported ({new} new, {updated} updated), {rejected} rejected, {far} checked in far from their target</source>
        <translation>走访记录:读取 {rows} 行,导入 {imported} 条(新增 {new},更新 {updated}),拒绝 {rejected} 行,{far} 条签到位置远离走访对象</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="162" />
        <source>{kind}: {rows} rows read, {imported} imported ({new} new, {updated} updated), {rejected} rejected, {unassigned} outside every grid</source>
        <translation>{kind}:读取 {rows} 行,导入 {imported} 条(新增 {new},更新 {updated}),拒绝 {rejected} 行,{unassigned} 条不在任何网格内</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="189" />
        <location filename="../../gridmap/core/records/stats.py" line="136" />
        <source>unknown record kind {kind}; expected one of {expected}</source>
        <translation>未知的记录类型 {kind};应为 {expected} 之一</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="202" />
        <source>Looking for ID and phone numbers</source>
        <translation>查找身份证号和电话号码</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="207" />
        <source>Checking rows</source>
        <translation>正在检查各行</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="273" />
        <source>{column} always stays private</source>
        <translation>{column} 始终为隐私列</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="281" />
        <source>{kind} have no column role {role}; roles: {roles}</source>
        <translation>{kind}没有列角色 {role};可用角色:{roles}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="284" />
        <location filename="../../gridmap/core/records/importing.py" line="264" />
        <source>no column {column}; columns: {columns}</source>
        <translation>没有列 {column};现有列:{columns}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="289" />
        <source>no longitude/latitude columns found; name them with --lon-col and --lat-col (columns: {columns})</source>
        <translation>找不到经度/纬度列;请用 --lon-col 和 --lat-col 指定(现有列:{columns})</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="293" />
        <source>no column for the visited target's id (走访对象编号) or the visit time (走访时间) found; name them with --col target_id=COLUMN --col visited_at=COLUMN (columns: {columns})</source>
        <translation>找不到走访对象编号列或走访时间列;请用 --col target_id=列名 --col visited_at=列名 指定(现有列:{columns})</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="297" />
        <source>no grid code column found for the workers; columns: {columns}</source>
        <translation>找不到网格员的网格编码列;现有列:{columns}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="319" />
        <source>no id</source>
        <translation>缺少编号</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="323" />
        <source>duplicate id {id} (first in row {row})</source>
        <translation>编号 {id} 重复(首次出现在第 {row} 行)</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="371" />
        <source>no time</source>
        <translation>缺少时间</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="374" />
        <source>unreadable time {value}</source>
        <translation>无法识别的时间 {value}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="515" />
        <source>not a point but a {geometry}</source>
        <translation>不是点,而是 {geometry}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="518" />
        <source>no coordinates</source>
        <translation>缺少坐标</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="522" />
        <source>coordinates are not numbers: {x}, {y}</source>
        <translation>坐标不是数字:{x}, {y}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="558" />
        <source>longitude and latitude look swapped ({count} rows, e.g. {x}, {y}); swap them (--fix-swapped) or choose the columns</source>
        <translation>经度和纬度似乎颠倒了({count} 行,如 {x}, {y});请交换(--fix-swapped)或重新选择列</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="560" />
        <source>longitude and latitude look swapped</source>
        <translation>经度和纬度似乎颠倒</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="575" />
        <location filename="../../gridmap/core/visits/rules.py" line="139" />
        <location filename="../../gridmap/core/visits/rules.py" line="179" />
        <source>unknown target kind {value}; expected 重点人员 (persons) or 重点场所 (venues)</source>
        <translation>未知的走访对象类型 {value};应为 重点人员 或 重点场所</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="606" />
        <source>coordinates out of range: {x}, {y}</source>
        <translation>坐标超出范围:{x}, {y}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="634" />
        <location filename="../../gridmap/ops/project.py" line="187" />
        <location filename="../../gridmap/ops/records.py" line="66" />
        <location filename="../../gridmap/print/brief.py" line="380" />
        <location filename="../../gridmap/print/output.py" line="119" />
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="645" />
        <source>Assigning grids</source>
        <translation>正在分配网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="684" />
        <source>unknown grid code {codes}</source>
        <translation>未知的网格编码 {codes}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="699" />
        <location filename="../../gridmap/core/visits/rules.py" line="143" />
        <source>the far check-in distance must be more than 0 m, not {value}</source>
        <translation>签到偏远距离必须大于 0 米,而不是 {value}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="714" />
        <source>no {kind} with id {id}</source>
        <translation>没有编号为 {id} 的{kind}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/importing.py" line="714" />
        <source>unknown target {id}</source>
        <translation>未知的走访对象 {id}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/ledger.py" line="22" />
        <source>already imported as {name} at {at}; not imported again</source>
        <translation>已于 {at} 作为 {name} 导入;不再重复导入</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/stats.py" line="88" />
        <source>unknown level {level}; expected one of {expected}</source>
        <translation>未知的统计层级 {level};应为 {expected} 之一</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/stats.py" line="276" />
        <source>unassigned</source>
        <translation>未分配网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/stats.py" line="286" />
        <source>unknown language {lang}; expected one of {expected}</source>
        <translation>未知的语言 {lang};应为 {expected} 之一</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/records/stats.py" line="477" />
        <source>unknown statistic {name}; expected one of {expected}</source>
        <translation>未知的统计值 {name};应为 {expected} 之一</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/sample/city.py" line="158" />
        <source>Generating grids for {county}</source>
        <translation>正在生成{county}的网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/sample/city.py" line="162" />
        <source>Grids generated</source>
        <translation>网格已生成</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/sample/city.py" line="436" />
        <source>Generating records</source>
        <translation>正在生成业务记录</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/sample/city.py" line="441" />
        <location filename="../../gridmap/core/sample/city.py" line="444" />
        <location filename="../../gridmap/ops/project.py" line="186" />
        <location filename="../../gridmap/ops/records.py" line="61" />
        <location filename="../../gridmap/store/gpkg.py" line="297" />
        <location filename="../../gridmap/store/gpkg.py" line="246" />
        <location filename="../../gridmap/store/postgis.py" line="409" />
        <location filename="../../gridmap/store/postgis.py" line="413" />
        <location filename="../../gridmap/store/postgis.py" line="771" />
        <source>Writing {name}</source>
        <translation>正在写入 {name}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/sample/city.py" line="446" />
        <source>Sample data written</source>
        <translation>示例数据已写入</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/style/choropleth.py" line="46" />
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/visits/due.py" line="174" />
        <location filename="../../gridmap/ops/visits.py" line="136" />
        <source>unknown unit {by}; expected one of {expected}</source>
        <translation>未知的统计单位 {by};应为 {expected} 之一</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/visits/rules.py" line="116" />
        <source>damaged project: its visit rules cannot be read</source>
        <translation>项目已损坏:无法读取走访规则</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/visits/rules.py" line="134" />
        <location filename="../../gridmap/core/visits/rules.py" line="200" />
        <source>unknown rule field {field}; expected one of {expected}</source>
        <translation>未知的规则字段 {field};应为 {expected} 之一</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/visits/rules.py" line="145" />
        <source>days before due must be 0 to {max}, not {value}</source>
        <translation>到期提醒天数必须在 0 到 {max} 之间,而不是 {value}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/visits/rules.py" line="150" />
        <source>{what}: days between visits must be 1 to {max}, not {days}</source>
        <translation>{what}:走访间隔天数必须在 1 到 {max} 之间,而不是 {days}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/visits/rules.py" line="165" />
        <source>no visit rule for {value}</source>
        <translation>没有 {value} 的走访规则</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/visits/rules.py" line="170" />
        <location filename="../../gridmap/core/visits/rules.py" line="174" />
        <source>expected VALUE=DAYS such as 高风险=7, not {text}</source>
        <translation>应为 值=天数,如 高风险=7,而不是 {text}</translation>
    </message>
    <message>
        <location filename="../../gridmap/core/visits/rules.py" line="212" />
        <source>cannot tell which field {value} is; write risk:{value}, category:{value} or type:{value}</source>
        <translation>无法判断 {value} 属于哪个字段;请写成 risk:{value}、category:{value} 或 type:{value}</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/basemaps.py" line="40" />
        <source>a basemap needs a name</source>
        <translation>底图需要名称</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/basemaps.py" line="42" />
        <source>{name}: unknown basemap kind '{kind}' (expected one of {kinds})</source>
        <translation>{name}:未知的底图类型“{kind}”(应为 {kinds} 之一)</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/basemaps.py" line="45" />
        <source>{name}: unknown coordinate system '{coords}' (expected wgs84 or gcj02)</source>
        <translation>{name}:未知的坐标系“{coords}”(应为 wgs84 或 gcj02)</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/basemaps.py" line="48" />
        <source>{name}: zoom levels must satisfy 0 ≤ min zoom ({min}) ≤ max zoom ({max}) ≤ {limit}</source>
        <translation>{name}:缩放级别须满足 0 ≤ 最小级别({min})≤ 最大级别({max})≤ {limit}</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/basemaps.py" line="51" />
        <source>{name}: no file or folder given</source>
        <translation>{name}:未指定文件或文件夹</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/basemaps.py" line="59" />
        <source>{name}: malformed URL template ({error})</source>
        <translation>{name}:URL 模板格式错误({error})</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/basemaps.py" line="62" />
        <source>{name}: unknown placeholder {placeholder} in the URL template (allowed: {allowed})</source>
        <translation>{name}:URL 模板中有未知占位符 {placeholder}(允许:{allowed})</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/basemaps.py" line="66" />
        <source>{name}: the URL template needs {{z}}, {{x}} and {{y}} (or {{-y}})</source>
        <translation>{name}:URL 模板需要 {{z}}、{{x}} 和 {{y}}(或 {{-y}})</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/basemaps.py" line="68" />
        <source>{name}: the URL template uses {{s}} but no subdomains are given</source>
        <translation>{name}:URL 模板使用了 {{s}},但未给出子域名</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/basemaps.py" line="70" />
        <source>{name}: only {{s}} may appear in the host name of the URL template</source>
        <translation>{name}:URL 模板的主机名中只能出现 {{s}}</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/basemaps.py" line="81" />
        <source>a basemap must be a mapping, not {type}</source>
        <translation>底图必须是键值映射,而不是 {type}</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/basemaps.py" line="85" />
        <source>a basemap needs a {field}</source>
        <translation>底图需要 {field}</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/basemaps.py" line="91" />
        <source>{name}: {field} must be a whole number, not '{value}'</source>
        <translation>{name}:{field} 必须是整数,而不是“{value}”</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/basemaps.py" line="113" />
        <source>{name} needs a key (the URL template contains {{key}})</source>
        <translation>{name} 需要密钥(URL 模板含有 {{key}})</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/export.py" line="51" />
        <location filename="../../gridmap/ops/brief.py" line="56" />
        <location filename="../../gridmap/print/brief.py" line="327" />
        <location filename="../../gridmap/print/output.py" line="105" />
        <location filename="../../gridmap/ui/snapshot.py" line="32" />
        <source>the folder does not exist</source>
        <translation>文件夹不存在</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/export.py" line="56" />
        <source>The basemap {name} needs a key, which was left out of this file.</source>
        <translation>底图 {name} 需要密钥,此文件未包含该密钥。</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/export.py" line="75" />
        <source>cannot write the HTML file: {error}</source>
        <translation>无法写入 HTML 文件:{error}</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/overlays.py" line="237" />
        <source>due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/overlays.py" line="237" />
        <source>on time</source>
        <translation>按时</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/overlays.py" line="237" />
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/overlays.py" line="238" />
        <source>never visited</source>
        <translation>从未走访</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/overlays.py" line="246" />
        <location filename="../../gridmap/map/overlays.py" line="147" />
        <location filename="../../gridmap/map/overlays.py" line="319" />
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/tiles.py" line="44" />
        <source>MBTiles file not found</source>
        <translation>找不到 MBTiles 文件</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/tiles.py" line="49" />
        <source>cannot open the MBTiles file: {error}</source>
        <translation>无法打开 MBTiles 文件:{error}</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/tiles.py" line="63" />
        <source>not an MBTiles file: {error}</source>
        <translation>不是 MBTiles 文件:{error}</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/tiles.py" line="65" />
        <source>not an MBTiles file (it has no tiles table)</source>
        <translation>不是 MBTiles 文件(没有 tiles 表)</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/tiles.py" line="72" />
        <source>cannot read tiles: {error}</source>
        <translation>无法读取瓦片:{error}</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/tiles.py" line="115" />
        <source>tile folder not found</source>
        <translation>找不到瓦片文件夹</translation>
    </message>
    <message>
        <location filename="../../gridmap/map/tiles.py" line="139" />
        <source>{name} is not a local tile source</source>
        <translation>{name} 不是本地瓦片源</translation>
    </message>
    <message>
        <location filename="../../gridmap/ops/project.py" line="179" />
        <location filename="../../gridmap/ops/project.py" line="336" />
        <source>a project file must end in .gpkg</source>
        <translation>项目文件的扩展名必须是 .gpkg</translation>
    </message>
    <message>
        <location filename="../../gridmap/ops/project.py" line="181" />
        <location filename="../../gridmap/ops/project.py" line="338" />
        <source>already exists; use --force to overwrite it</source>
        <translation>已存在;如需覆盖请使用 --force</translation>
    </message>
    <message>
        <location filename="../../gridmap/ops/project.py" line="263" />
        <location filename="../../gridmap/store/gpkg.py" line="388" />
        <source>project file not found</source>
        <translation>找不到项目文件</translation>
    </message>
    <message>
        <location filename="../../gridmap/ops/project.py" line="267" />
        <location filename="../../gridmap/store/gpkg.py" line="136" />
        <source>not a readable GeoPackage ({error})</source>
        <translation>不是可读取的 GeoPackage 文件({error})</translation>
    </message>
    <message>
        <location filename="../../gridmap/ops/project.py" line="307" />
        <source>push copies a project into a database: give a postgresql:// URL</source>
        <translation>push 把项目复制到数据库:请给出 postgresql:// 地址</translation>
    </message>
    <message>
        <location filename="../../gridmap/ops/project.py" line="333" />
        <source>pull copies a project out of a database: give a postgresql:// URL</source>
        <translation>pull 从数据库复制出项目:请给出 postgresql:// 地址</translation>
    </message>
    <message>
        <location filename="../../gridmap/ops/roles.py" line="41" />
        <location filename="../../gridmap/store/postgis.py" line="273" />
        <location filename="../../gridmap/store/postgis.py" line="380" />
        <source>no GridMap project in schema {schema} (copy one there with gridmap push)</source>
        <translation>模式 {schema} 中没有 GridMap 项目(可用 gridmap push 复制一个进去)</translation>
    </message>
    <message>
        <location filename="../../gridmap/ops/roles.py" line="52" />
        <location filename="../../gridmap/store/postgis.py" line="232" />
        <source>database error; nothing was changed ({error})</source>
        <translation>数据库错误;未做任何更改({error})</translation>
    </message>
    <message>
        <location filename="../../gridmap/ops/watch.py" line="61" />
        <source>{file}: {summary}</source>
        <translation>{file}:{summary}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ops/watch.py" line="62" />
        <source>{file}: {error}</source>
        <translation>{file}:{error}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ops/watch.py" line="71" />
        <source>not a folder</source>
        <translation>不是文件夹</translation>
    </message>
    <message>
        <location filename="../../gridmap/ops/watch.py" line="130" />
        <source>cannot move the file ({error})</source>
        <translation>无法移动文件({error})</translation>
    </message>
    <message>
        <location filename="../../gridmap/ops/watch.py" line="159" />
        <source>at: {at}</source>
        <translation>时间:{at}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ops/watch.py" line="159" />
        <source>file: {name}</source>
        <translation>文件:{name}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ops/watch.py" line="160" />
        <source>kind: {kind}</source>
        <translation>类型:{kind}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ops/watch.py" line="163" />
        <source>imported: {summary}</source>
        <translation>已导入:{summary}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ops/watch.py" line="164" />
        <source>row {row}: {reason}</source>
        <translation>第 {row} 行:{reason}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ops/watch.py" line="166" />
        <source>not imported: {error}</source>
        <translation>未导入:{error}</translation>
    </message>
    <message>
        <location filename="../../gridmap/ops/watch.py" line="168" />
        <source>failed: {error}</source>
        <translation>失败:{error}</translation>
    </message>
    <message>
        <location filename="../../gridmap/print/basemap.py" line="91" />
        <source>tile {zoom}/{x}/{y} is not an image</source>
        <translation>瓦片 {zoom}/{x}/{y} 不是图像</translation>
    </message>
    <message>
        <location filename="../../gridmap/print/brief.py" line="339" />
        <location filename="../../gridmap/print/output.py" line="157" />
        <location filename="../../gridmap/print/output.py" line="159" />
        <source>cannot write the PDF</source>
        <translation>无法写入 PDF</translation>
    </message>
    <message>
        <location filename="../../gridmap/print/brief.py" line="363" />
        <source>Counting</source>
        <translation>正在统计</translation>
    </message>
    <message>
        <location filename="../../gridmap/print/brief.py" line="373" />
        <location filename="../../gridmap/print/output.py" line="131" />
        <location filename="../../gridmap/print/output.py" line="151" />
        <source>Drawing {name}</source>
        <translation>正在绘制 {name}</translation>
    </message>
    <message>
        <location filename="../../gridmap/print/fonts.py" line="36" />
        <source>not a font file; expected one of {expected}</source>
        <translation>不是字体文件;应为 {expected} 之一</translation>
    </message>
    <message>
        <location filename="../../gridmap/print/fonts.py" line="39" />
        <source>no such font file</source>
        <translation>字体文件不存在</translation>
    </message>
    <message>
        <location filename="../../gridmap/print/fonts.py" line="43" />
        <source>cannot read this font file</source>
        <translation>无法读取此字体文件</translation>
    </message>
    <message>
        <location filename="../../gridmap/print/fonts.py" line="73" />
        <source>no font on this computer can draw Chinese (such as {chars}); install one (Debian/Ubuntu: apt-get install fonts-noto-cjk) or choose a font file (--font FILE.ttf|otf|ttc)</source>
        <translation>本机没有能显示中文(如 {chars})的字体:请安装中文字体(Debian/Ubuntu:apt-get install fonts-noto-cjk),或指定字体文件(--font FILE.ttf|otf|ttc)</translation>
    </message>
    <message>
        <location filename="../../gridmap/print/output.py" line="55" />
        <source>a {paper} page at {dpi} dpi is too big an image ({pixels} million pixels); choose a lower resolution or PDF</source>
        <translation>{dpi} dpi 的 {paper} 页面图像过大({pixels} 百万像素);请选择较低的分辨率或改用 PDF</translation>
    </message>
    <message>
        <location filename="../../gridmap/print/output.py" line="102" />
        <source>cannot print to a file named {name}; expected one of {expected}</source>
        <translation>无法输出到名为 {name} 的文件;扩展名应为 {expected} 之一</translation>
    </message>
    <message>
        <location filename="../../gridmap/print/output.py" line="136" />
        <location filename="../../gridmap/ui/snapshot.py" line="61" />
        <source>cannot write the image</source>
        <translation>无法写入图像</translation>
    </message>
    <message>
        <location filename="../../gridmap/print/output.py" line="175" />
        <source>cannot start printing</source>
        <translation>无法开始打印</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/base.py" line="117" />
        <source>another process</source>
        <translation>另一个进程</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/base.py" line="119" />
        <source>the project is open in another GridMap ({holder})</source>
        <translation>该项目已在另一个 GridMap 中打开({holder})</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/base.py" line="157" />
        <source>the lock file is a symbolic link; GridMap does not follow it: remove it</source>
        <translation>锁文件是符号链接;GridMap 不会跟随它:请删除该文件</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/base.py" line="159" />
        <source>cannot open the lock file ({error})</source>
        <translation>无法打开锁文件({error})</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/dburl.py" line="50" />
        <source>not a database URL (postgresql://USER@HOST:PORT/DBNAME?schema=NAME)</source>
        <translation>不是数据库地址(postgresql://用户@主机:端口/数据库?schema=模式名)</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/dburl.py" line="54" />
        <source>the port in the database URL is not a number</source>
        <translation>数据库地址中的端口不是数字</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/dburl.py" line="57" />
        <source>a database URL needs a host and a database name (postgresql://USER@HOST:PORT/DBNAME?schema=NAME)</source>
        <translation>数据库地址需要主机和数据库名(postgresql://用户@主机:端口/数据库?schema=模式名)</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/dburl.py" line="62" />
        <source>the database URL names no project: add ?schema=NAME</source>
        <translation>数据库地址未指明项目:请加上 ?schema=模式名</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/dburl.py" line="64" />
        <source>the schema name {name} is not a plain name (lower-case letters, digits and _, not starting with a digit)</source>
        <translation>模式名 {name} 不是简单名称(小写字母、数字和 _,不以数字开头)</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/dburl.py" line="119" />
        <source>cannot connect to the database {db} on {host} port {port}: {error}</source>
        <translation>无法连接 {host} 端口 {port} 上的数据库 {db}:{error}</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/gpkg.py" line="62" />
        <source>the project file is read-only; nothing was saved (make it writable or save it under another name)</source>
        <translation>项目文件为只读;未保存任何内容(请设为可写或另存为其他文件名)</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/gpkg.py" line="134" />
        <source>not a GridMap project (a project is a GeoPackage, .gpkg, made by GridMap)</source>
        <translation>不是 GridMap 项目(项目是由 GridMap 创建的 GeoPackage 文件,.gpkg)</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/gpkg.py" line="141" />
        <source>not a GridMap project (no grids layer or metadata)</source>
        <translation>不是 GridMap 项目(缺少网格图层或元数据)</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/gpkg.py" line="147" />
        <source>damaged project: the grids layer has no {columns} column</source>
        <translation>项目已损坏:网格图层缺少 {columns} 列</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/gpkg.py" line="243" />
        <location filename="../../gridmap/store/postgis.py" line="407" />
        <location filename="../../gridmap/store/postgis.py" line="766" />
        <source>Writing grids</source>
        <translation>正在写入网格</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/gpkg.py" line="260" />
        <location filename="../../gridmap/store/gpkg.py" line="359" />
        <source>cannot save; the previous file is unchanged ({error})</source>
        <translation>无法保存,原文件未改动({error})</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/gpkg.py" line="270" />
        <location filename="../../gridmap/store/gpkg.py" line="305" />
        <location filename="../../gridmap/store/postgis.py" line="427" />
        <location filename="../../gridmap/store/postgis.py" line="780" />
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/gpkg.py" line="390" />
        <location filename="../../gridmap/store/gpkg.py" line="139" />
        <source>is a boundary file, not a GridMap project</source>
        <translation>是边界文件,不是 GridMap 项目</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/gpkg.py" line="410" />
        <source>cannot record the reveal in the audit log ({error})</source>
        <translation>无法把本次显示记入审计日志({error})</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/gpkg.py" line="432" />
        <source>damaged project: cannot read its metadata ({error})</source>
        <translation>项目已损坏:无法读取元数据({error})</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/gpkg.py" line="438" />
        <source>damaged project: the metadata {key} is not valid JSON</source>
        <translation>项目已损坏:元数据 {key} 不是有效的 JSON</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/postgis.py" line="98" />
        <location filename="../../gridmap/store/postgis.py" line="528" />
        <source>the {layer} layer has a column named {column}, which a database project keeps for itself; rename it</source>
        <translation>{layer} 图层有名为 {column} 的列,数据库项目保留此列名;请重命名</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/postgis.py" line="310" />
        <source>the project has no layer {name}</source>
        <translation>项目没有图层 {name}</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/postgis.py" line="500" />
        <source>grids {codes} were changed by another program since this project was loaded; nothing was saved: reload the project and edit again</source>
        <translation>自载入本项目以来网格 {codes} 已被其他程序修改;未保存任何内容:请重新载入项目后再编辑</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/postgis.py" line="504" />
        <source>grids {codes} were changed by {who} at {desk} at {at} ({what}: {description}) since this project was loaded; nothing was saved: reload the project and edit again</source>
        <translation>自载入本项目以来网格 {codes} 已被 {desk} 的 {who} 于 {at} 修改({what}:{description});未保存任何内容:请重新载入项目后再编辑</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/postgis.py" line="756" />
        <source>schema {schema} exists; use --force to replace it</source>
        <translation>模式 {schema} 已存在;如需替换请使用 --force</translation>
    </message>
    <message>
        <location filename="../../gridmap/store/postgis.py" line="761" />
        <source>the database has no PostGIS: run CREATE EXTENSION postgis in it first</source>
        <translation>该数据库没有 PostGIS:请先在其中执行 CREATE EXTENSION postgis</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/display.py" line="51" />
        <source>no display: set DISPLAY, or run with QT_QPA_PLATFORM=offscreen for commands</source>
        <translation>没有显示器:请设置 DISPLAY,或以 QT_QPA_PLATFORM=offscreen 运行命令</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/display.py" line="56" />
        <source>Qt's X11 plugin cannot load {libraries}: install with apt-get install {packages}</source>
        <translation>Qt 的 X11 插件无法加载 {libraries}:请用 apt-get install {packages} 安装</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/snapshot.py" line="54" />
        <source>the map did not draw within {seconds} s</source>
        <translation>地图在 {seconds} 秒内未能绘制</translation>
    </message>
    <message>
        <location filename="../../gridmap/ui/snapshot.py" line="57" />
        <source>the map stayed blank for {seconds} s; nothing was written</source>
        <translation>地图 {seconds} 秒后仍为空白；未写入任何文件</translation>
    </message>
</context>
</TS>