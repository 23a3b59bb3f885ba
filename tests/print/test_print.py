"""Printed maps as a district office gets them: real PDFs read back with poppler (pdftotext, pdfinfo, pdffonts,
pdftoppm), PNGs checked pixel by pixel at the millimetre positions of the layout, the scale bar and the map
scale measured on the page, batches, masking, the command line."""

import json
import os
import shutil
import subprocess
import sys
import threading

import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Transformer

from gridmap.core.records.assign import assign_layer
from gridmap.core.errors import GridMapError
from gridmap.core.printing.layout import PrintSpec, page_layout
from gridmap.core.printing.model import compose, unit_specs
from gridmap.core.project.model import Project
from gridmap.store.gpkg import GpkgStore
from gridmap.ops import open_project

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

A3_LANDSCAPE_PT = (1190.55, 841.89)
PHONE = "13812345678"


def with_records(project: Project) -> Project:
    """Workers (two in the first grid), incidents and venues in the small project's grids."""
    codes = project.grids["code"].astype(str).tolist()
    centres = shapely.get_coordinates(shapely.point_on_surface(project.grids.geometry.values))
    project.layers["workers"] = pd.DataFrame({
        "id": [f"W{i}" for i in range(len(codes) + 1)],
        "name": ["张三", *[f"李{'一二三四五六七八九十甲乙丙'[i]}" for i in range(len(codes))]],
        "phone": [PHONE, *[f"139{i:08d}" for i in range(len(codes))]],
        "role": ["专职网格员"] * (len(codes) + 1),
        "grid_code": [codes[0], *codes]})
    n = 60
    rng = np.random.default_rng(1)
    at = rng.integers(0, len(codes), n)
    project.layers["incidents"] = pd.DataFrame({
        "id": [f"E{i}" for i in range(n)], "category": rng.choice(["盗窃", "诈骗"], n),
        "reported_at": pd.Timestamp("2026-01-01") + pd.to_timedelta(rng.integers(0, 90, n), unit="D"),
        "status": "结案", "lon": centres[at, 0] + rng.normal(0, 0.002, n),
        "lat": centres[at, 1] + rng.normal(0, 0.002, n), "grid_code": ""})
    project.layers["venues"] = pd.DataFrame({
        "id": [f"V{i}" for i in range(24)], "name": [f"场所{i}" for i in range(24)],
        "type": ["小商店", "小餐饮", "旅馆业"] * 8, "lon": centres[np.arange(24) % len(codes), 0],
        "lat": centres[np.arange(24) % len(codes), 1], "grid_code": ""})
    for kind in ("incidents", "venues"):
        assign_layer(project, kind)
    return project


@pytest.fixture
def project(small_project):
    return with_records(open_project(small_project))


@pytest.fixture
def saved(small_project):
    """The small project with records, saved (for the command line)."""
    project = with_records(open_project(small_project))
    store = GpkgStore(small_project)
    lock = store.lock()
    try:
        store.save(project)
    finally:
        lock.release()
    return small_project


@pytest.fixture(scope="module")
def city():
    """The sample city's 6,917 grids with generated records, built in memory."""
    from gridmap.core.sample.city import build_grids, build_records

    grids = build_grids()
    layers = build_records(grids, incidents=5000)
    layers = {k: v.assign(id=v.get("id", pd.Series(range(len(v))).astype(str))) for k, v in layers.items()}
    layers["incidents"]["reported_at"] = pd.to_datetime(layers["incidents"]["reported_at"])
    project = Project(grids, {"sources": [{"name": "taizhou_grids.shp", "crs": "EPSG:4528"}], "city": "台州市"},
                      None, layers)
    for kind in ("incidents", "venues"):
        layers[kind]["grid_code"] = ""
        assign_layer(project, kind)
    return project


def pdftotext(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdfinfo(path) -> dict:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def page_size_pt(path) -> tuple[float, float]:
    size = pdfinfo(path)["Page size"].split()
    return float(size[0]), float(size[2])


def pixels(image) -> np.ndarray:
    """A QImage as an (h, w, 3) uint8 array."""
    from PySide6.QtGui import QImage

    image = image.convertToFormat(QImage.Format_RGB888)
    row = image.bytesPerLine()
    data = np.frombuffer(image.constBits(), np.uint8, row * image.height()).reshape(image.height(), row)
    return data[:, :image.width() * 3].reshape(image.height(), image.width(), 3).copy()


def region(rgb: np.ndarray, rect, dpi: float) -> np.ndarray:
    k = dpi / 25.4
    x, y, w, h = rect
    return rgb[int(y * k):int((y + h) * k), int(x * k):int((x + w) * k)]


def inked(rgb: np.ndarray) -> int:
    """How many pixels are not white."""
    return int((rgb.min(axis=2) < 200).sum())


def test_pdf_is_vector_a3_with_title_chinese_names_and_embedded_fonts(qapp, project, tmp_path):
    from gridmap.print.output import write_print

    spec = PrintSpec(labels="name", title="椒江区网格总览图", author="椒江区综治中心")
    out = write_print(project, spec, tmp_path / "map.pdf")
    assert out == [tmp_path / "map.pdf"]
    width, height = page_size_pt(out[0])
    assert abs(width - A3_LANDSCAPE_PT[0]) < 1 and abs(height - A3_LANDSCAPE_PT[1]) < 1
    text = pdftotext(out[0])
    assert "椒江区网格总览图" in text
    for label in ("第1网格", "第12网格", "海门街道", "路南街道"):  # names without their street, streets labelled
        assert label in text
    assert "比例尺 1:" in text and "图例" in text and "EPSG:4528" in text and "椒江区综治中心" in text
    fonts = subprocess.run(["pdffonts", str(out[0])], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows), fonts  # every font embedded
    assert any("CJK" in row or "YaHei" in row or "Hei" in row for row in rows), fonts
    assert not list(tmp_path.glob(".*tmp*"))


def test_paper_sizes_and_orientation(qapp, project, tmp_path):
    from gridmap.print.output import write_print

    for paper, landscape, expected in (("A4", False, (595.28, 841.89)), ("A0", True, (3370.39, 2383.94))):
        out = write_print(project, PrintSpec(paper=paper, landscape=landscape), tmp_path / f"{paper}.pdf")[0]
        width, height = page_size_pt(out)
        assert abs(width - expected[0]) < 1 and abs(height - expected[1]) < 1


def test_png_size_and_the_legend_scale_bar_and_north_arrow_are_drawn(qapp, project, tmp_path):
    from PySide6.QtGui import QImage

    from gridmap.print.output import write_print

    spec = PrintSpec(dpi=150)
    out = write_print(project, spec, tmp_path / "map.png")[0]
    image = QImage(str(out))
    assert (image.width(), image.height()) == (round(420 / 25.4 * 150), round(297 / 25.4 * 150))
    assert abs(image.dotsPerMeterX() - 150 / 0.0254) < 2
    lay = compose(project, spec).layout
    rgb = pixels(image)
    drawn = {name: inked(region(rgb, getattr(lay, name), 150)) for name in ("legend", "scale", "north", "title")}
    assert all(count > 200 for count in drawn.values()), drawn
    bare = pixels(QImage(str(write_print(project, spec.with_(legend=False, scale_bar=False, north_arrow=False),
                                         tmp_path / "bare.png")[0])))
    assert {name: inked(region(bare, getattr(lay, name), 150)) for name in ("legend", "scale", "north")} == \
        {"legend": 0, "scale": 0, "north": 0}
    jpeg = write_print(project, spec.with_(dpi=100), tmp_path / "map.jpg")[0]
    assert jpeg.read_bytes()[:3] == b"\xff\xd8\xff" and QImage(str(jpeg)).width() == round(420 / 25.4 * 100)


def test_pdf_pages_show_the_same_parts(qapp, project, tmp_path):
    """The PDF itself, rasterised by poppler, has ink in the legend, scale bar and north arrow boxes."""
    from PySide6.QtGui import QImage

    from gridmap.print.output import write_print

    spec = PrintSpec()
    pdf = write_print(project, spec, tmp_path / "map.pdf")[0]
    subprocess.run(["pdftoppm", "-png", "-r", "72", "-singlefile", str(pdf), str(tmp_path / "page")], check=True)
    rgb = pixels(QImage(str(tmp_path / "page.png")))
    lay = compose(project, spec).layout
    for name in ("legend", "scale", "north", "map"):
        assert inked(region(rgb, getattr(lay, name), 72)) > 50, name


def bar_length_px(rgb: np.ndarray, rect, dpi: float) -> float:
    """The scale bar's drawn length: the longest run of dark pixels along a row of its box."""
    box = region(rgb, rect, dpi)
    dark = box.max(axis=2) < 100
    best = 0
    for row in dark:
        cols = np.flatnonzero(row)
        if len(cols) and len(cols) > 0.9 * (cols[-1] - cols[0] + 1):
            best = max(best, cols[-1] - cols[0] + 1)
    return float(best)


@pytest.mark.parametrize("paper, landscape", [("A3", True), ("A4", False)])
def test_scale_bar_length_matches_the_map_scale(qapp, project, paper, landscape):
    from gridmap.print.output import render_image

    dpi = 300
    spec = PrintSpec(paper=paper, landscape=landscape, dpi=dpi)
    model = compose(project, spec)
    bar = model.scale_bar
    expected_px = bar.metres / model.frame.scale * 1000 / 25.4 * dpi
    assert bar.metres / model.frame.scale * 1000 == pytest.approx(bar.width_mm)
    measured = bar_length_px(pixels(render_image(project, spec)), model.layout.scale, dpi)
    assert measured == pytest.approx(expected_px, rel=0.01)
    assert bar.metres in {m * 10 ** e for m in (1, 2, 2.5, 5) for e in range(0, 7)}


def test_map_scale_is_true(qapp, project):
    """Two grid corners are as far apart on the page as on the ground (Gauss-Krüger) divided by the scale."""
    from gridmap.print.output import render_image

    dpi = 200
    spec = PrintSpec(dpi=dpi, labels="none", legend=False)
    model = compose(project, spec)
    rgb = pixels(render_image(project, spec))
    k = dpi / 25.4
    x, y, w, h = model.layout.map
    inner = rgb[int(y * k) + 8:int((y + h) * k) - 8, int(x * k) + 8:int((x + w) * k) - 8]
    rows, cols = np.nonzero(inner.min(axis=2) < 245)
    # the grids span 121.30–121.38°E, 28.60–28.66°N: the top-left and bottom-right corners of the block
    nw, se = np.argmin(rows + cols), np.argmax(rows + cols)
    measured = np.hypot(rows[se] - rows[nw], cols[se] - cols[nw])
    to_gk = Transformer.from_crs(4490, project.gk_epsg(), always_xy=True)
    (x0, x1), (y0, y1) = to_gk.transform([121.30, 121.38], [28.66, 28.60])
    ground = np.hypot(x1 - x0, y1 - y0)
    assert measured == pytest.approx(ground / model.frame.scale * 1000 * k, rel=0.01)
    minx, miny, maxx, maxy = project.grids.to_crs(project.gk_epsg()).total_bounds
    assert cols.max() - cols.min() == pytest.approx((maxx - minx) / model.frame.scale * 1000 * k, rel=0.01)
    assert rows.max() - rows.min() == pytest.approx((maxy - miny) / model.frame.scale * 1000 * k, rel=0.01)


def test_workers_notice_map_masks_phones_unless_told(qapp, project, tmp_path):
    from gridmap.print.output import write_print

    spec = PrintSpec(template="workers", labels="name", extent="street", street="海门街道")
    text = pdftotext(write_print(project, spec, tmp_path / "masked.pdf")[0])
    assert "海门街道网格公示图" in text and "张三 138****5678" in text and PHONE not in text
    assert "联系电话已部分隐去" in text
    text = pdftotext(write_print(project, spec.with_(mask_private=False), tmp_path / "full.pdf")[0])
    assert f"张三 {PHONE}" in text and "****" not in text


def test_batch_one_page_per_street(qapp, project, tmp_path):
    from gridmap.print.output import batch_units, write_print

    units = batch_units(project, PrintSpec(title="2026年网格图"), "street")
    assert [name for name, _ in units] == ["海门街道", "东城街道", "路南街道"]
    assert units[0][1].extent == "street" and units[0][1].title == "海门街道 2026年网格图"
    pdf = write_print(project, PrintSpec(), tmp_path / "streets.pdf", batch="street")
    assert pdf == [tmp_path / "streets.pdf"] and pdfinfo(pdf[0])["Pages"].strip() == "3"
    pages = pdftotext(pdf[0]).split("\f")
    assert ["海门街道网格总览图" in pages[0], "东城街道网格总览图" in pages[1], "路南街道网格总览图" in pages[2]] == [True] * 3
    pngs = write_print(project, PrintSpec(dpi=72), tmp_path / "streets.png", batch="district")
    assert [p.name for p in pngs] == ["streets-椒江区.png", "streets-黄岩区.png", "streets-路桥区.png"]
    assert all(p.exists() for p in pngs) and not (tmp_path / "streets.png").exists()


def test_incident_and_venue_templates(qapp, project, tmp_path):
    from gridmap.print.output import write_print

    spec = PrintSpec(template="incidents", start="2026-01-01", end="2026-03-31", labels="none")
    model = compose(project, spec)
    assert model.subtitle == "2026-01-01 至 2026-03-31" and model.legend_title == "事件数（件/网格）"
    assert [i.kind for i in model.legend].count("fill") >= 2
    text = pdftotext(write_print(project, spec, tmp_path / "incidents.pdf")[0])
    assert "事件分布图" in text and "事件 60 件" in text
    heat = compose(project, spec.with_(heat=True))
    assert heat.heat is not None and heat.heat.values.max() == pytest.approx(1.0)
    write_print(project, spec.with_(heat=True), tmp_path / "heat.pdf")
    venues = compose(project, PrintSpec(template="venues"))
    assert len(venues.points.x) == 24 and [i.label for i in venues.legend if i.kind == "point"] == \
        ["小商店 (8)", "小餐饮 (8)", "旅馆业 (8)"]
    with pytest.raises(GridMapError, match="not a date"):
        compose(project, spec.with_(start="2026-13-01"))


def test_extents_and_errors(qapp, project):
    assert len(compose(project, PrintSpec(extent="district", district="331002")).rows) == 4
    assert len(compose(project, PrintSpec(extent="street", street="路南街道")).rows) == 4
    assert len(compose(project, PrintSpec(extent="selection", rows=(0, 5))).rows) == 2
    view = compose(project, PrintSpec(extent="view", bbox=(121.30, 28.60, 121.33, 28.63)))
    assert len(view.rows) == 4  # the grids touching the box
    for spec, message in ((PrintSpec(extent="district", district="西湖区"), "no district"),
                          (PrintSpec(extent="street"), "which street"),
                          (PrintSpec(extent="selection"), "no grids"),
                          (PrintSpec(extent="selection", rows=(99,)), "not grids")):
        with pytest.raises(GridMapError, match=message):
            compose(project, spec)
    with pytest.raises(GridMapError, match="unknown batch"):
        unit_specs(project, PrintSpec(), "community")
    del project.layers["workers"]
    with pytest.raises(GridMapError, match="no grid workers layer"):
        compose(project, PrintSpec(template="workers"))
    with pytest.raises(GridMapError, match="language"):
        PrintSpec(lang="fr")


def test_english_page(qapp, project, tmp_path):
    from gridmap.print.output import write_print

    spec = PrintSpec(lang="en", template="workers", labels="code", extent="street", street="海门街道")
    text = pdftotext(write_print(project, spec, tmp_path / "en.pdf")[0])
    for words in ("Grid workers: 海门街道", "Legend", "Scale 1:", "Phone numbers partly hidden", "331002001001"):
        assert words in text


def test_layout_parts_do_not_overlap():
    for paper in ("A4", "A3", "A0"):
        for landscape in (True, False):
            spec = PrintSpec(paper=paper, landscape=landscape)
            lay = page_layout(spec, ["坐标系：CGCS2000 / 3-degree Gauss-Kruger zone 40 (EPSG:4528)"] * 3, True)
            boxes = [shapely.box(x, y, x + w, y + h) for x, y, w, h in
                     (lay.title, lay.map, lay.north, lay.legend, lay.scale, lay.notes)]
            page = shapely.box(0, 0, *spec.page_mm).buffer(-spec.margin_mm + 1e-9)
            assert all(page.contains(b) for b in boxes), (paper, landscape)
            assert all(a.intersection(b).area < 1e-6 for i, a in enumerate(boxes) for b in boxes[i + 1:])
            assert lay.map[2] > 0.6 * (spec.page_mm[0] - 2 * spec.margin_mm) or not landscape


def test_render_image_on_a_worker_thread(qapp, project):
    from gridmap.print.output import render_image

    done = []
    thread = threading.Thread(target=lambda: done.append(render_image(project, PrintSpec(), dpi=45)))
    thread.start()
    thread.join(60)
    assert done and done[0].width() == round(420 / 25.4 * 45)
    assert inked(pixels(done[0])) > 1000


def test_print_pages_on_a_printer(qapp, project, tmp_path):
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtPrintSupport import QPrinter

    from gridmap.print.output import print_pages

    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageSize(QPageSize(QPageSize.A3))
    printer.setPageOrientation(QPageLayout.Landscape)
    assert print_pages(project, PrintSpec(), printer, batch="street") == 3
    assert pdfinfo(tmp_path / "printed.pdf")["Pages"].strip() == "3"
    assert "海门街道网格总览图" in pdftotext(tmp_path / "printed.pdf")


def test_the_whole_sample_city_on_a3(qapp, city, tmp_path):
    from gridmap.print.output import write_print

    out = write_print(city, PrintSpec(), tmp_path / "city.pdf")[0]
    text = pdftotext(out)
    assert "台州市网格总览图" in text
    assert all(name in text for name in city.grids["district"].unique())
    streets = city.grids["street"].unique()
    assert sum(name in text for name in streets) > 0.8 * len(streets)  # a few yield to their district's name
    codes = set(city.grids["code"])
    printed = {word for word in text.split() if word in codes}
    assert len(printed) > 50  # the grids big enough on the page carry their codes
    model = compose(city, PrintSpec())
    assert model.frame.scale == 600_000 and len(model.rows) == 6917
    spec = PrintSpec(template="workers", labels="name", extent="street", district="椒江区", street="海门街道")
    text = pdftotext(write_print(city, spec, tmp_path / "workers.pdf")[0])
    assert "海门街道网格公示图" in text and text.count("****") > 150 and "图中编号网格" in text
    assert "另有" in text  # 98 grids: A3 holds most of them, and says so
    text = pdftotext(write_print(city, spec.with_(paper="A2"), tmp_path / "workers-a2.pdf")[0])
    street = city.grids[city.grids["street"] == "海门街道"]
    short = street["name"].str.removeprefix("海门街道")
    assert all(name in text for name in short) and "另有" not in text  # each grid labelled or numbered and keyed
    workers = city.layers["workers"]
    phones = workers.loc[workers["grid_code"].isin(set(street["code"])), "phone"]
    assert all(f"{p[:3]}****{p[-4:]}" in text for p in phones)


def gridmap(*args):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "gridmap", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=180)


def test_cli_print(saved, tmp_path):
    out = tmp_path / "公示图.pdf"
    run = gridmap("print", saved, "--out", out, "--template", "workers", "--street", "海门街道", "--paper", "A4",
                  "--portrait", "--title", "海门街道网格员公示", "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["out"] == [str(out)] and data["pages"] == 1 and data["scale"] > 0 and data["seconds"] > 0
    width, height = page_size_pt(out)
    assert abs(width - 595.28) < 1 and abs(height - 841.89) < 1
    assert "海门街道网格员公示" in pdftotext(out) and "138****5678" in pdftotext(out)
    run = gridmap("print", saved, "--out", tmp_path / "b.png", "--batch", "street", "--dpi", "72", "--json")
    assert run.returncode == 0, run.stderr
    assert len(json.loads(run.stdout)["out"]) == 3


@pytest.mark.parametrize("args, message", [
    (("--district", "西湖区"), "no district '西湖区'"),
    (("--street", "海门街道", "--district", "黄岩区"), "no street"),
    (("--dpi", "20"), "between 72 and 1200"),
    (("--template", "incidents", "--from", "2026-03-01", "--to", "2026-01-01"), "--from is after --to"),
])
def test_cli_print_errors(saved, tmp_path, args, message):
    run = gridmap("print", saved, "--out", tmp_path / "x.pdf", *args)
    assert run.returncode == 2 and message in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1 and not (tmp_path / "x.pdf").exists()


def test_cli_print_refuses_other_files(saved, tmp_path):
    run = gridmap("print", saved, "--out", tmp_path / "x.svg")
    assert run.returncode == 2 and "x.svg" in run.stderr and len(run.stderr.strip().splitlines()) == 1
    run = gridmap("print", tmp_path / "missing.gpkg", "--out", tmp_path / "x.pdf")
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1


def png(colour: str) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(256, 256, QImage.Format_RGB32)
    image.fill(QColor(colour))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def test_basemap_from_local_tiles_lines_up(qapp, project, tmp_path):
    """An MBTiles basemap, green west of a tile edge and blue east of it, printed south of the grids: the
    colour changes where that edge's longitude falls on the page."""
    from builders import make_mbtiles

    from gridmap.print.output import render_image

    z = 12
    n = 2 ** z
    edge_col = int((121.34 + 180) / 360 * n)
    edge_lon = edge_col / n * 360 - 180
    green, blue = png("#60d060"), png("#6060ff")
    tiles = {(z, x, n - 1 - y): green if x < edge_col else blue
             for x in range(edge_col - 3, edge_col + 3) for y in range(1700, 1720)}
    path = make_mbtiles(tmp_path / "底图.mbtiles", tiles)
    dpi = 100
    spec = PrintSpec(basemap=str(path), dpi=dpi, extent="view", bbox=(121.28, 28.50, 121.40, 28.60))
    model = compose(project, spec)
    assert "底图：底图.mbtiles" in model.notes and model.fill_alpha < 1
    rgb = pixels(render_image(project, spec)).astype(int)
    to_gk = Transformer.from_crs(4490, project.gk_epsg(), always_xy=True)
    x, y = model.frame.to_page(*to_gk.transform(edge_lon, 28.55))
    k = dpi / 25.4
    col, row = int(round(float(x) * k)), int(float(y) * k)
    west, east = rgb[row, col - 3], rgb[row, col + 3]
    assert west[1] > west[2] + 80 and east[2] > east[1] + 80, (west, east)
