"""A deterministic sample city: Taizhou's real county boundaries with synthetic streets, grids and records.

The nine county boundaries are real (``maps/taizhou/counties.geojson``); the towns/streets carry their real
names but their extents, and everything below them (communities, grids, households, people, venues,
incidents), are synthetic. Grids are a Voronoi partition of random seed points, dense around the street
(街道) centres near each county seat and sparse in the mountain townships (乡), so they never overlap and
exactly cover each county. The same seed always gives the same output; nothing touches the network or Qt.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from gridmap.core.grids.build import polygonal_parts
from gridmap.core.i18n import tr
from gridmap.core.progress import ProgressFn, no_progress, scaled
from gridmap.core.shipped import maps_dir

COUNTIES: dict[str, str] = {
    "331002": "椒江区", "331003": "黄岩区", "331004": "路桥区", "331022": "三门县", "331023": "天台县",
    "331024": "仙居县", "331081": "温岭市", "331082": "临海市", "331083": "玉环市",
}

GRID_COUNTS = {
    "331002": 820, "331003": 680, "331004": 800, "331022": 457, "331023": 520,
    "331024": 520, "331081": 1320, "331082": 1150, "331083": 650,
}

# County seat (lon, lat, WGS84): the first street of each county is placed here.
SEATS = {
    "331002": (121.43, 28.67), "331003": (121.26, 28.64), "331004": (121.37, 28.58), "331022": (121.38, 29.11),
    "331023": (121.03, 29.14), "331024": (120.73, 28.85), "331081": (121.38, 28.37), "331082": (121.13, 28.85),
    "331083": (121.23, 28.13),
}

STREETS = {
    "331002": "海门街道 白云街道 葭沚街道 洪家街道 三甲街道 下陈街道 前所街道 章安街道 大陈镇",
    "331003": "东城街道 南城街道 西城街道 北城街道 江口街道 高桥街道 新前街道 澄江街道 院桥镇 沙埠镇 头陀镇 宁溪镇 "
              "北洋镇 上垟乡 屿头乡 富山乡 平田乡 上郑乡 茅畲乡",
    "331004": "路桥街道 路南街道 路北街道 螺洋街道 桐屿街道 峰江街道 新桥镇 横街镇 蓬街镇 金清镇",
    "331022": "海游街道 海润街道 沙柳街道 珠岙镇 亭旁镇 汀坦镇 健跳镇 横渡镇 花桥镇 浦坝港镇 小雄镇 高枧乡 蛇蟠乡",
    "331023": "赤城街道 始丰街道 福溪街道 白鹤镇 石梁镇 街头镇 平桥镇 坦头镇 三合镇 洪畴镇 三州乡 龙溪乡 雷峰乡 "
              "南屏乡 泳溪乡",
    "331024": "安洲街道 南峰街道 福应街道 横溪镇 埠头镇 白塔镇 田市镇 官路镇 下各镇 朱溪镇 湫山乡 皤滩乡 淡竹乡 "
              "步路乡 上张乡 广度乡 安岭乡 溪港乡 大战乡 双庙乡",
    "331081": "太平街道 城东街道 城西街道 城北街道 横峰街道 泽国镇 大溪镇 松门镇 箬横镇 新河镇 石塘镇 滨海镇 温峤镇 "
              "城南镇 石桥头镇 坞根镇",
    "331082": "古城街道 大洋街道 江南街道 大田街道 邵家渡街道 汛桥镇 东塍镇 杜桥镇 上盘镇 桃渚镇 小芝镇 沿江镇 "
              "尤溪镇 涌泉镇 永丰镇 括苍镇 河头镇 白水洋镇 汇溪镇",
    "331083": "玉城街道 坎门街道 大麦屿街道 楚门镇 清港镇 干江镇 沙门镇 龙溪镇 海山乡 鸡山乡",
}

METRIC = 4549  # CGCS2000 3-degree Gauss-Krueger, CM 120E, no zone prefix
SOURCE_CRS = 4528  # the same zone 40 with the zone number prefixed to the easting, as real files carry it

# Per street kind: grid-count weight, seed spread (sigma as a fraction of sqrt(area)), uniform share,
# share of communities that are 社区 (the rest are 村), households (mean, sd, min, max).
KINDS = {
    "街道": (3.0, 0.25, 0.15, 0.8, (420, 50, 300, 520)),
    "镇": (1.2, 0.35, 0.30, 0.15, (370, 60, 250, 500)),
    "乡": (0.35, 0.45, 0.50, 0.0, (210, 70, 80, 360)),
}

SURNAMES = list("王陈林张李黄吴徐郑周叶杨金蔡朱潘陶应梁赵许牟卢胡何鲍章罗冯阮洪戴蒋颜江符於管屈梅郭丁任孙")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志文辉鹏斌海燕红玲春晓云飞宇浩婷丹萍亮峰"
             "彬佳琪欣怡雨瑶俊豪凯乐宁慧娟兰君琳晨阳梅")
VILLAGE_A = list("东西南北前后上下新大小横长高里外中沙石塘岭山黄白金桥湖溪林杨陈王")
VILLAGE_B = list("洋岙塘桥浦岭溪头湾垟岸坑门屿田园港山店宅埠庄畈陈林周徐张")
COMMUNITY_A = list("东西南北中新和平安康华兴明光文景金银锦泰永丰福瑞翠青海江城凤")
COMMUNITY_B = list("山华园湖河江海阳城苑岸桥门湾屏峰街庭林泉晖辉源兴安宁盛丰")
NUMERALS = "一二三四五六七八九十"
PHONE_PREFIXES = np.array([130, 131, 132, 133, 135, 136, 137, 138, 139, 150, 151, 152, 153, 155, 157, 158, 159,
                           177, 180, 181, 183, 185, 186, 187, 188, 189, 191, 198, 199])

INCIDENT_CATEGORIES = {  # category: (weight, description templates appended to the place)
    "矛盾纠纷": (0.20, ["邻里因排水问题发生纠纷", "家庭矛盾需调解", "土地承包纠纷", "物业与业主发生纠纷"]),
    "群众诉求": (0.18, ["居民反映路灯损坏", "群众咨询医保办理", "居民反映噪音扰民", "群众要求修缮道路"]),
    "环境卫生": (0.17, ["河道漂浮垃圾", "垃圾桶满溢未及时清运", "占道堆放杂物", "违规焚烧垃圾"]),
    "安全隐患": (0.12, ["电动车楼道内充电", "广告牌松动存在坠落风险", "井盖缺失", "自建房墙体开裂"]),
    "消防隐患": (0.09, ["消防通道被占用", "灭火器过期", "出租房私拉电线", "疏散通道堆放杂物"]),
    "盗窃": (0.12, ["电动车被盗", "店铺夜间被盗", "手机被扒窃", "车内财物被盗"]),
    "诈骗": (0.10, ["居民遭遇冒充客服诈骗", "老人遭遇保健品诈骗", "网络刷单诈骗", "冒充公检法电话诈骗"]),
    "抢劫": (0.02, ["夜间路边抢包", "持刀抢劫未遂"]),
}
STATUSES = ["上报", "受理", "派遣", "处置", "反馈", "核查", "结案"]
SOURCES = {"网格员巡查": 0.55, "群众来电": 0.12, "12345热线": 0.15, "平台转办": 0.1, "视频监控": 0.08}
# The sample's CSV headers, as a city's systems export them (Chinese, and GCJ-02 venue positions from Amap).
CSV_HEADERS = {
    "incidents": {"id": "事件编号", "category": "事件类别", "reported_at": "上报时间", "status": "办理状态",
                  "source": "事件来源", "address": "发生地址", "lon": "经度", "lat": "纬度", "description": "事件描述"},
    "persons": {"name": "姓名", "gender": "性别", "id_number": "身份证号", "phone": "联系电话", "category": "人员类别",
                "risk_level": "风险等级", "address": "居住地址", "helper": "帮扶人", "lon": "经度", "lat": "纬度"},
    "venues": {"name": "场所名称", "type": "场所类型", "address": "地址", "owner": "负责人", "phone": "联系电话",
               "inspection": "检查状态", "lon": "经度", "lat": "纬度"},
    "workers": {"name": "姓名", "phone": "联系电话", "worker_id": "工号", "grid_code": "网格编码", "role": "角色"},
    "tracks": {"worker": "网格员", "worker_id": "工号", "time": "定位时间", "lon": "经度", "lat": "纬度"},
    "visits": {"id": "走访编号", "target_id": "走访对象编号", "target_kind": "走访对象类型", "worker": "走访人",
               "worker_id": "走访人工号", "visited_at": "走访时间", "result": "走访结果", "note": "备注",
               "lon": "签到经度", "lat": "签到纬度"},
}
# How each sample CSV is encoded and which coordinates it carries.
CSV_FORMATS = {"incidents": ("gbk", "wgs84"), "persons": ("utf-8-sig", "wgs84"), "venues": ("utf-8-sig", "gcj02"),
               "workers": ("utf-8-sig", "wgs84"), "visits": ("gbk", "gcj02"), "tracks": ("gbk", "wgs84")}
PERSON_CATEGORIES = {"刑满释放": 0.22, "社区矫正": 0.15, "吸毒": 0.16, "严重精神障碍": 0.20, "重点上访": 0.10,
                     "重点青少年": 0.12, "邪教": 0.05}
RISK_LEVELS = {"低": 0.6, "中": 0.3, "高": 0.1}
VENUE_TYPES = {  # venue type -> (weight, name suffixes)
    "旅馆业": (0.03, ["宾馆", "酒店"]), "刻字": (0.01, ["刻章店"]), "旧货": (0.02, ["旧货回收站"]),
    "印刷": (0.02, ["印刷厂", "图文快印店"]), "机动车修理": (0.05, ["汽修厂", "汽车维修中心"]),
    "开锁": (0.01, ["开锁店"]), "歌舞娱乐": (0.02, ["KTV"]), "按摩": (0.03, ["足浴店", "推拿馆"]),
    "游戏游艺": (0.01, ["游艺厅"]), "上网服务": (0.02, ["网咖"]), "小商店": (0.25, ["便利店", "超市", "商行"]),
    "小旅馆": (0.04, ["旅馆", "客栈"]), "小餐饮": (0.22, ["小吃店", "面馆", "饭店", "快餐店"]),
    "小网吧": (0.02, ["网吧"]), "小歌舞娱乐": (0.02, ["歌舞厅"]), "小美容洗浴": (0.08, ["美容美发店", "浴室"]),
    "小诊所": (0.04, ["诊所"]), "小学校/幼儿园": (0.04, ["幼儿园", "培训学校"]),
    "小生产加工": (0.08, ["五金加工厂", "服装加工厂"]), "危化品企业": (0.01, ["化工有限公司"]),
}
SHOP_WORDS = list("鑫源宏达华联顺发金永兴福缘如意佳美恒通瑞丰盛祥和")
INSPECTIONS = {"已检查": 0.75, "待检查": 0.18, "需整改": 0.07}
TODAY = pd.Timestamp("2027-01-01")
"""The sample city's "today": its incidents run through 2026; its visits cover the 90 days before."""
TRACK_STREET = "海门街道"
"""The street whose full-time workers' GPS tracks of the day before :data:`TODAY` the sample has."""
TRACK_SHIFTS = (("08:30", "11:30"), ("14:00", "17:00"))
TRACK_STEP_S = 30
WALK_M_S = 1.2
VISIT_DAYS = 90
VISIT_RESULTS = {"persons": {"正常": 0.86, "发现问题": 0.05, "未见到本人": 0.07, "已转办": 0.02},
                 "venues": {"正常": 0.84, "发现问题": 0.1, "未见到负责人": 0.04, "已转办": 0.02}}
VISIT_NOTES = {"发现问题": "已上报事件", "已转办": "已转相关部门处理", "未见到本人": "电话联系", "未见到负责人": "留置告知单"}
DBF_FIELDS = {"code": "WGBM", "name": "WGMC", "district": "QXMC", "street": "JDMC", "community": "SQMC",
              "households": "HS"}


def counties_path() -> Path:
    """The shipped Taizhou county boundaries (GeoJSON, EPSG:4490)."""
    return maps_dir() / "taizhou" / "counties.geojson"


def read_counties() -> gpd.GeoDataFrame:
    """The nine counties as a GeoDataFrame (``code``, ``name``, ``geometry``) in EPSG:4490."""
    return gpd.read_file(counties_path(), engine="pyogrio")


def build_grids(seed: int = 2026, progress: ProgressFn = no_progress) -> gpd.GeoDataFrame:
    """The sample city's 6,917 grids in EPSG:4490, generated deterministically from ``seed``."""
    counties = read_counties().to_crs(METRIC)
    frames = []
    for i, (code, county) in enumerate(zip(counties["code"], counties.geometry)):
        progress(i / len(counties), tr("Generating grids for {county}", county=COUNTIES[code]))
        rng = np.random.default_rng([seed, int(code)])
        frames.append(_county_grids(rng, code, county))
    grids = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=METRIC).to_crs(4490)
    progress(1.0, tr("Grids generated"))
    return grids


def _county_grids(rng: np.random.Generator, code: str, county: shapely.Geometry) -> pd.DataFrame:
    """All grids of one county (metric CRS)."""
    names = STREETS[code].split()
    kinds = [_kind(name) for name in names]
    centres = _street_centres(rng, code, county, kinds)
    regions = _clip(shapely.voronoi_polygons(shapely.multipoints(centres), extend_to=county, ordered=True), county)
    counts = _allocate(GRID_COUNTS[code], np.array([KINDS[k][0] for k in kinds]))
    rows = [_street_grids(rng, code, s, name, kind, centres[s], region, n)
            for s, (name, kind, region, n) in enumerate(zip(names, kinds, regions, counts))]
    return pd.concat(rows, ignore_index=True)


def _kind(street: str) -> str:
    return next(kind for kind in KINDS if street.endswith(kind))


def _street_centres(rng: np.random.Generator, code: str, county: shapely.Geometry, kinds: list[str]) -> np.ndarray:
    """Street centres: 街道 clustered around the county seat, towns spread by farthest-point sampling."""
    to_metric = pyproj.Transformer.from_crs(4490, METRIC, always_xy=True)
    seat = np.array(to_metric.transform(*SEATS[code]))
    shapely.prepare(county)
    sigma = max(3000.0, 0.12 * np.sqrt(county.area))
    centres = [_points_in(rng, county, 1, seat, 500.0, 0.0)[0]]
    while len(centres) < kinds.count("街道"):
        p = _points_in(rng, county, 1, seat, sigma, 0.0)[0]
        if np.min(np.hypot(*(np.array(centres) - p).T)) > 1500.0:
            centres.append(p)
    candidates = _points_in(rng, county, 3000, seat, 1.0, 1.0)
    for _ in range(len(kinds) - len(centres)):
        gap = np.min(np.hypot(candidates[:, None, 0] - np.array(centres)[None, :, 0],
                              candidates[:, None, 1] - np.array(centres)[None, :, 1]), axis=1)
        centres.append(candidates[np.argmax(gap)])
    return np.array(centres)


def _points_in(rng: np.random.Generator, area: shapely.Geometry, n: int, centre: np.ndarray, sigma: float,
               uniform: float) -> np.ndarray:
    """``n`` points inside ``area``: a Gaussian cluster around ``centre`` plus a ``uniform`` share spread evenly."""
    minx, miny, maxx, maxy = area.bounds
    found, total = [], 0
    while total < n:
        m = max(64, 4 * n)
        k = rng.binomial(m, uniform)
        pts = np.vstack([rng.normal(centre, sigma, (m - k, 2)), rng.uniform((minx, miny), (maxx, maxy), (k, 2))])
        pts = pts[rng.permutation(m)]
        pts = pts[shapely.contains_xy(area, pts[:, 0], pts[:, 1])]
        found.append(pts)
        total += len(pts)
    return np.vstack(found)[:n]


def _allocate(total: int, weights: np.ndarray, minimum: int = 3) -> np.ndarray:
    """Split ``total`` in proportion to ``weights`` (largest remainder), at least ``minimum`` each."""
    share = minimum + weights / weights.sum() * (total - minimum * len(weights))
    counts = np.floor(share).astype(int)
    counts[np.argsort(counts - share)[: total - counts.sum()]] += 1
    return counts


def _clip(cells: shapely.Geometry, area: shapely.Geometry) -> np.ndarray:
    """Voronoi cells (a GeometryCollection, in input order) clipped to ``area``, keeping polygons only."""
    return polygonal_parts(shapely.intersection(shapely.get_parts(cells), area))


def _street_grids(rng: np.random.Generator, code: str, index: int, street: str, kind: str, centre: np.ndarray,
                  region: shapely.Geometry, n: int) -> pd.DataFrame:
    """The ``n`` grids of one street, numbered along a Hilbert curve and grouped into communities."""
    _, spread, uniform, share_shequ, (mean, sd, low, high) = KINDS[kind]
    shapely.prepare(region)
    seeds = _points_in(rng, region, n, centre, spread * np.sqrt(region.area), uniform)
    seeds = seeds[np.argsort(gpd.GeoSeries(shapely.points(seeds)).hilbert_distance().to_numpy(), kind="stable")]
    if n == 1:
        cells = np.array([region], dtype=object)
    else:
        cells = _clip(shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=region, ordered=True), region)
    sizes = _community_sizes(rng, n)
    community = np.repeat(_community_names(rng, len(sizes), share_shequ), sizes)
    within = np.concatenate([np.arange(1, s + 1) for s in sizes])
    return pd.DataFrame({
        "code": [f"{code}{index + 1:03d}{g:03d}" for g in range(1, n + 1)],
        "name": [f"{street}{c}第{NUMERALS[k - 1]}网格" for c, k in zip(community, within)],
        "district": COUNTIES[code],
        "street": street,
        "community": community,
        "households": np.clip(rng.normal(mean, sd, n), low, high).round().astype(np.int64),
        "geometry": cells,
    })


def _community_sizes(rng: np.random.Generator, n: int) -> np.ndarray:
    """Grids per community (1-6, mostly 2-4), summing to ``n``."""
    sizes = rng.choice(np.arange(1, 7), size=n, p=[0.08, 0.22, 0.3, 0.22, 0.12, 0.06])
    sizes = sizes[: np.searchsorted(np.cumsum(sizes), n) + 1]
    sizes[-1] -= sizes.sum() - n
    return sizes


def _community_names(rng: np.random.Generator, count: int, share_shequ: float) -> list[str]:
    """``count`` distinct 社区/村 names."""
    shequ = rng.random(count) < share_shequ
    pools = {True: _pairs(COMMUNITY_A, COMMUNITY_B, "社区"), False: _pairs(VILLAGE_A, VILLAGE_B, "村")}
    picks = {key: iter(rng.permutation(pool)) for key, pool in pools.items()}
    return [str(next(picks[bool(s)])) for s in shequ]


def _pairs(first: list[str], second: list[str], suffix: str) -> list[str]:
    return [a + b + suffix for a in first for b in second if a != b]


def build_records(grids: gpd.GeoDataFrame, seed: int = 2026, incidents: int = 20000) -> dict[str, pd.DataFrame]:
    """Synthetic incidents, key persons, key venues and grid workers located in ``grids`` (EPSG:4490)."""
    rng = np.random.default_rng([seed, 1])
    households = int(grids["households"].sum())
    return {
        "incidents": _incidents(rng, grids, incidents),
        "persons": _persons(rng, grids, households // 300),
        "venues": _venues(rng, grids, households // 150),
        "workers": _workers(rng, grids),
    }


def _places(rng: np.random.Generator, grids: gpd.GeoDataFrame, n: int) -> pd.DataFrame:
    """``n`` random places inside grids chosen in proportion to households: district, community, address, lon, lat."""
    weights = grids["households"].to_numpy(float)
    idx = rng.choice(len(grids), size=n, p=weights / weights.sum())
    geoms = grids.geometry.to_numpy()
    shapely.prepare(geoms)
    bounds = shapely.bounds(geoms)
    lon, lat, todo = np.empty(n), np.empty(n), np.arange(n)
    while len(todo):
        b = bounds[idx[todo]]
        x, y = rng.uniform(b[:, 0], b[:, 2]).round(6), rng.uniform(b[:, 1], b[:, 3]).round(6)
        inside = shapely.contains_xy(geoms[idx[todo]], x, y)
        lon[todo[inside]], lat[todo[inside]] = x[inside], y[inside]
        todo = todo[~inside]
    prefix = (grids["district"] + grids["street"] + grids["community"]).to_numpy(object)
    numbers = np.array([f"{k}号" for k in range(1, 300)], dtype=object)
    return pd.DataFrame({
        "district": grids["district"].to_numpy(object)[idx],
        "community": grids["community"].to_numpy(object)[idx],
        "address": prefix[idx] + numbers[rng.integers(0, len(numbers), n)],
        "lon": lon,
        "lat": lat,
    })


def _pick(rng: np.random.Generator, table: dict, n: int) -> np.ndarray:
    """``n`` keys of ``table`` drawn with the weights it holds (a float, or a tuple starting with one)."""
    keys = list(table)
    weights = np.array([v[0] if isinstance(v, tuple) else v for v in table.values()], float)
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=n, p=weights / weights.sum())]


def _names(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` Chinese personal names (surname + one or two given characters)."""
    surname = np.array(SURNAMES, dtype=object)[np.minimum(rng.geometric(0.09, n) - 1, len(SURNAMES) - 1)]
    given = np.array(GIVEN, dtype=object)
    second = np.where(rng.random(n) < 0.75, given[rng.integers(0, len(given), n)], "")
    return surname + given[rng.integers(0, len(given), n)] + second


def _phones(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` 11-digit mobile numbers."""
    numbers = PHONE_PREFIXES[rng.integers(0, len(PHONE_PREFIXES), n)] * 10**8 + rng.integers(0, 10**8, n)
    return numbers.astype(str).astype(object)


def _id_numbers(rng: np.random.Generator, counties: np.ndarray, male: np.ndarray) -> np.ndarray:
    """18-character resident ID numbers with valid GB 11643 check characters."""
    n = len(counties)
    born = np.datetime64("1946-01-01") + rng.integers(0, 365 * 62, n).astype("timedelta64[D]")
    sequence = rng.integers(0, 500, n) * 2 + male
    body = pd.Series(counties) + pd.Series(born.astype(str)).str.replace("-", "") + pd.Series(sequence).astype(
        str).str.zfill(3)
    digits = np.frombuffer("".join(body).encode("ascii"), np.uint8).reshape(n, 17) - ord("0")
    weights = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
    check = np.array(list("10X98765432"), dtype=object)[(digits @ weights) % 11]
    return body.to_numpy(object) + check


def _incidents(rng: np.random.Generator, grids: gpd.GeoDataFrame, n: int) -> pd.DataFrame:
    place = _places(rng, grids, n)
    category = _pick(rng, INCIDENT_CATEGORIES, n)
    seconds = np.sort(rng.integers(0, 365 * 86400, n))
    days = (np.datetime64("2026-01-01") + np.arange(365)).astype(str).astype(object) + " "
    clock = np.array([f"{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60)], object)
    reported = days[seconds // 86400] + clock[seconds % 86400]
    age_days = 365 - seconds / 86400
    closed = rng.random(n) < np.where(age_days > 30, 0.995, 0.4 + 0.02 * age_days)
    status = np.where(closed, "结案", np.array(STATUSES[:-1], dtype=object)[rng.integers(0, 6, n)])
    templates = {c: np.array(t, dtype=object) for c, (_, t) in INCIDENT_CATEGORIES.items()}
    text = np.empty(n, dtype=object)
    for c, t in templates.items():
        mask = category == c
        text[mask] = t[rng.integers(0, len(t), mask.sum())]
    width = max(6, len(str(n)))
    return pd.DataFrame({
        "id": [f"SJ2026{i:0{width}d}" for i in range(1, n + 1)],
        "category": category,
        "reported_at": reported,
        "status": status,
        "source": _pick(rng, SOURCES, n),
        "address": place["address"],
        "lon": place["lon"],
        "lat": place["lat"],
        "description": place["address"].to_numpy(object) + text,
    })


def _persons(rng: np.random.Generator, grids: gpd.GeoDataFrame, n: int) -> pd.DataFrame:
    place = _places(rng, grids, n)
    male = (rng.random(n) < 0.78).astype(int)
    district_codes = {name: code for code, name in COUNTIES.items()}
    home = place["district"].map(district_codes).to_numpy(object)
    counties = np.where(rng.random(n) < 0.9, home, rng.choice(list(COUNTIES), n))
    return pd.DataFrame({
        "name": _names(rng, n),
        "gender": np.where(male == 1, "男", "女"),
        "id_number": _id_numbers(rng, counties, male),
        "phone": _phones(rng, n),
        "category": _pick(rng, PERSON_CATEGORIES, n),
        "risk_level": _pick(rng, RISK_LEVELS, n),
        "address": place["address"],
        "helper": _names(rng, n),
        "lon": place["lon"],
        "lat": place["lat"],
    })


def _venues(rng: np.random.Generator, grids: gpd.GeoDataFrame, n: int) -> pd.DataFrame:
    place = _places(rng, grids, n)
    kind = _pick(rng, VENUE_TYPES, n)
    words = np.array(SHOP_WORDS, dtype=object)
    suffix = np.empty(n, dtype=object)
    for k, (_, options) in VENUE_TYPES.items():
        mask = kind == k
        suffix[mask] = np.array(options, dtype=object)[rng.integers(0, len(options), mask.sum())]
    community = place["community"].str.removesuffix("社区").str.removesuffix("村")
    return pd.DataFrame({
        "name": community.to_numpy() + words[rng.integers(0, len(words), n)]
        + words[rng.integers(0, len(words), n)] + suffix,
        "type": kind,
        "address": place["address"],
        "owner": _names(rng, n),
        "phone": _phones(rng, n),
        "inspection": _pick(rng, INSPECTIONS, n),
        "lon": place["lon"],
        "lat": place["lat"],
    })


def _workers(rng: np.random.Generator, grids: gpd.GeoDataFrame) -> pd.DataFrame:
    per_grid = rng.choice([1, 2, 3], size=len(grids), p=[0.3, 0.45, 0.25])
    grid_code = np.repeat(grids["code"].to_numpy(object), per_grid)
    rank = np.concatenate([np.arange(1, k + 1) for k in per_grid])
    n = len(grid_code)
    return pd.DataFrame({
        "name": _names(rng, n),
        "phone": _phones(rng, n),
        "worker_id": "WGY" + pd.Series(grid_code) + pd.Series(rank).astype(str).str.zfill(2),
        "grid_code": grid_code,
        "role": np.where(rank == 1, "专职网格员", "兼职网格员"),
    })


def write_sources(directory: Path, seed: int = 2026, progress: ProgressFn = no_progress) -> dict[str, Path]:
    """Write the sample city's files as users receive them: a GBK shapefile in EPSG:4528 and four CSVs."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    grids = build_grids(seed, scaled(progress, 0.0, 0.6))
    progress(0.6, tr("Generating records"))
    records = build_records(grids, seed)
    records["tracks"] = build_tracks(grids, records["workers"], seed)
    staging = Path(tempfile.mkdtemp(prefix=".sample-", dir=directory))
    try:
        progress(0.7, tr("Writing {name}", name="taizhou_grids.shp"))
        staged = {"grids": _write_shapefile(grids, staging / "taizhou_grids.shp")}
        for key, frame in records.items():
            progress(0.8 + 0.05 * len(staged), tr("Writing {name}", name=f"{key}.csv"))
            staged[key] = write_csv(frame, key, staging / f"{key}.csv")
        progress(1.0, tr("Sample data written"))
        for path in sorted(staging.iterdir()):
            os.replace(path, directory / path.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return {key: directory / path.name for key, path in staged.items()}


def write_csv(frame: pd.DataFrame, kind: str, path: Path) -> Path:
    """Write sample records as a city's export would: Chinese headers, the encoding and coordinates of
    :data:`CSV_FORMATS`, Windows line ends."""
    from gridmap.core.geo.chinacoords import from_wgs84

    encoding, coords = CSV_FORMATS[kind]
    if coords != "wgs84":
        lon, lat = from_wgs84(frame["lon"].to_numpy(float), frame["lat"].to_numpy(float), coords)
        frame = frame.assign(lon=np.round(lon, 6), lat=np.round(lat, 6))
    frame.rename(columns=CSV_HEADERS[kind]).to_csv(path, index=False, encoding=encoding, lineterminator="\r\n")
    return path


def _write_shapefile(grids: gpd.GeoDataFrame, path: Path) -> Path:
    """Grids as a shapefile with GBK attributes, truncated field names, no .cpg and DBF language byte 0."""
    frame = grids.rename(columns=DBF_FIELDS).to_crs(SOURCE_CRS)
    frame.to_file(path, driver="ESRI Shapefile", engine="pyogrio", encoding="GBK")
    path.with_suffix(".cpg").unlink(missing_ok=True)
    with path.with_suffix(".dbf").open("r+b") as dbf:
        dbf.seek(29)
        dbf.write(b"\x00")
    return path


def build_visits(targets: pd.DataFrame, seed: int = 2026, today: pd.Timestamp = TODAY) -> pd.DataFrame:
    """Visits in the :data:`VISIT_DAYS` days before ``today`` to ``targets`` (a
    :func:`~gridmap.core.visits.due.visit_status` table: kind, id, rule interval, worker, position). Each worker
    keeps his own pace: most visit before the rule's interval is up, some a little late, a few much too late
    (their targets overdue together); a worker's visits fall on his field days. Check-ins are near the target
    but for about 2 %. Lon/lat in WGS84."""
    rng = np.random.default_rng([seed, 3])
    workers = pd.Index(pd.unique(targets["worker_id"].to_numpy(dtype=object)))
    w = workers.get_indexer(targets["worker_id"].to_numpy(dtype=object))
    share = rng.random(len(workers))  # 72 % on time, 20 % a little late, 8 % much too late
    pace = np.select([share < 0.72, share < 0.92], [rng.uniform(0.55, 0.95, len(workers)),
                                                    rng.uniform(0.95, 1.35, len(workers))],
                     rng.uniform(1.4, 2.2, len(workers)))
    step = rng.integers(1, 4, len(workers))  # a worker goes out every 1, 2 or 3 days
    gap = np.maximum(1, np.round(targets["interval_days"].to_numpy(float) * pace[w]
                                 * rng.uniform(0.85, 1.05, len(targets)))).astype(np.int64)
    first = (rng.random(len(targets)) * gap).astype(np.int64)
    count = np.maximum(0, -(-(VISIT_DAYS - first) // gap))
    target = np.repeat(np.arange(len(targets)), count)
    nth = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    day = first[target] + nth * gap[target] + rng.integers(-1, 2, len(target))
    day = day - day % step[w[target]]  # the worker's field day
    keep = (day >= 0) & (day < VISIT_DAYS)
    target, day = target[keep], day[keep]
    n = len(target)
    seconds = rng.integers(8 * 3600 + 1800, 17 * 3600 + 1800, n)
    when = (today - pd.Timedelta(days=VISIT_DAYS)).to_datetime64() + day.astype("timedelta64[D]") \
        + seconds.astype("timedelta64[s]")
    order = np.argsort(when, kind="stable")
    target, when = target[order], when[order]
    kinds = targets["target_kind"].to_numpy(dtype=object)[target]
    result = np.empty(n, dtype=object)
    for kind, table in VISIT_RESULTS.items():
        mine = kinds == kind
        result[mine] = _pick(rng, table, int(mine.sum()))
    note = np.array([VISIT_NOTES.get(r, "") for r in result], dtype=object)
    far = rng.random(n) < 0.02
    metres = np.where(far, rng.uniform(600, 2000, n), np.abs(rng.normal(0, 40, n)))
    angle = rng.uniform(0, 2 * np.pi, n)
    lat0 = targets["lat"].to_numpy(float)[target]
    lat = lat0 + metres * np.sin(angle) / 111_320
    lon = targets["lon"].to_numpy(float)[target] + metres * np.cos(angle) / (111_320 * np.cos(np.radians(lat0)))
    return pd.DataFrame({
        "id": [f"ZF{i:07d}" for i in range(1, n + 1)],
        "target_id": targets["target_id"].to_numpy(dtype=object)[target],
        "target_kind": np.where(kinds == "persons", "重点人员", "重点场所"),
        "worker": targets["worker"].to_numpy(dtype=object)[target],
        "worker_id": targets["worker_id"].to_numpy(dtype=object)[target],
        "visited_at": pd.Series(when).dt.strftime("%Y-%m-%d %H:%M:%S").to_numpy(dtype=object),
        "result": result,
        "note": note,
        "lon": lon.round(6),
        "lat": lat.round(6),
    })


def build_tracks(grids: gpd.GeoDataFrame, workers: pd.DataFrame, seed: int = 2026,
                 day: pd.Timestamp = TODAY - pd.Timedelta(days=1)) -> pd.DataFrame:
    """GPS fixes of the full-time workers of :data:`TRACK_STREET` on ``day``: each walks his grid at about
    :data:`WALK_M_S` for 45 minutes to 2.5 hours of each shift of :data:`TRACK_SHIFTS` (the app on), one fix every
    :data:`TRACK_STEP_S` seconds, keeping a heading for a while and turning back at the grid's edge (WGS84
    lon/lat)."""
    rng = np.random.default_rng([seed, 4])
    street = grids[grids["street"] == TRACK_STREET]
    mine = workers[workers["grid_code"].isin(street["code"]) & (workers["role"] == "专职网格员")]
    geoms = street.set_index("code").geometry.loc[mine["grid_code"]].to_numpy()
    shapely.prepare(geoms)
    start = shapely.point_on_surface(geoms)
    x, y = shapely.get_x(start), shapely.get_y(start)
    heading = rng.uniform(0, 2 * np.pi, len(mine))
    step = WALK_M_S * TRACK_STEP_S / 111_320
    frames = []
    for begin, end in TRACK_SHIFTS:
        times = pd.date_range(day + pd.Timedelta(begin + ":00"), day + pd.Timedelta(end + ":00"),
                              freq=f"{TRACK_STEP_S}s")
        length = rng.uniform(45, 150, len(mine)) * 60 / TRACK_STEP_S  # fixes while the app is on
        first = rng.uniform(0, 1, len(mine)) * np.maximum(len(times) - length, 0)
        for k, when in enumerate(times):
            frames.append((when, x.copy(), y.copy(), (k >= first) & (k < first + length)))
            heading += rng.normal(0, 0.35, len(mine))
            todo = np.ones(len(mine), dtype=bool)
            for _ in range(8):  # a step out of the grid: turn and try again
                nx = x + step * np.cos(heading) / np.cos(np.radians(y)) * rng.uniform(0.6, 1.2, len(mine))
                ny = y + step * np.sin(heading) * rng.uniform(0.6, 1.2, len(mine))
                moved = todo & shapely.contains_xy(geoms, nx, ny)
                x, y = np.where(moved, nx, x), np.where(moved, ny, y)
                todo &= ~moved
                if not todo.any():
                    break
                heading = np.where(todo, heading + np.pi + rng.normal(0, 0.8, len(mine)), heading)
    n = len(mine)
    on = np.concatenate([active for *_, active in frames])
    return pd.DataFrame({
        "worker": np.tile(mine["name"].to_numpy(dtype=object), len(frames)),
        "worker_id": np.tile(mine["worker_id"].to_numpy(dtype=object), len(frames)),
        "time": np.repeat([f"{when:%Y-%m-%d %H:%M:%S}" for when, *_ in frames], n),
        "lon": np.concatenate([f[1] for f in frames]).round(6),
        "lat": np.concatenate([f[2] for f in frames]).round(6),
    })[on].sort_values(["worker_id", "time"], kind="stable").reset_index(drop=True)
