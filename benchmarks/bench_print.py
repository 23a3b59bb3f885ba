"""The whole sample city (6,917 grids) on A3 landscape as a labelled vector PDF: GridMap's print against
geopandas ``plot`` + matplotlib ``savefig`` of the same grids and labels, in the same run.

GridMap: ``write_print`` of the overview template (grids coloured by street, street and district boundaries
and names, grid codes placed without overlaps where they fit, legend, scale bar, north arrow, notes) from the
loaded project to the finished PDF file (projecting, merging the street and district boundaries, measuring and
placing 7,000 labels, drawing, writing, fixing the PDF's text map).
geopandas: from the same loaded grids, ``to_crs`` to the same Gauss-Krüger zone, ``plot(column="street")`` on
an A3 figure, one ``ax.text`` per grid code (matplotlib has no overlap removal), a title, ``savefig`` as PDF.
Run twice: with all 6,917 codes (the naive map the issue timed at about 15 s) and with only the codes GridMap
printed (read back from its PDF with ``pdftotext``), so that both files hold the same text.

Prints the median of ``--repeat`` runs of each and the ratios; asserts no timing. Needs matplotlib and
poppler's pdftotext.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import matplotlib  # noqa: E402

matplotlib.use("pdf")
import matplotlib.pyplot as plt  # noqa: E402
import shapely  # noqa: E402

from gridmap.ops.demo import build_demo  # noqa: E402
from gridmap.core.printing.layout import PrintSpec  # noqa: E402
from gridmap.ops import open_project  # noqa: E402
from gridmap.print.output import ensure_application, export_print, write_print  # noqa: E402

A3 = (420 / 25.4, 297 / 25.4)


def timed(fn, repeat: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def geopandas_pdf(grids, epsg: int, codes: set[str] | None, out: Path) -> None:
    """The map as geopandas and matplotlib draw it: fills by street, thin outlines, code labels, a title."""
    projected = grids.to_crs(epsg)
    fig = plt.figure(figsize=A3)
    ax = fig.add_axes((10 / 420, 10 / 297, 330 / 420, 257 / 297))
    projected.plot(column="street", ax=ax, cmap="Set3", edgecolor="#6e6e6e", linewidth=0.3)
    points = shapely.get_coordinates(shapely.point_on_surface(projected.geometry.values))
    for (x, y), code in zip(points, projected["code"].astype(str)):
        if codes is None or code in codes:
            ax.text(x, y, code, fontsize=4.5, ha="center", va="center")
    ax.set_axis_off()
    fig.suptitle("台州市网格总览图", fontsize=20)
    fig.savefig(out, format="pdf")
    plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is shown")
    parser.add_argument("--project", type=Path, help="a GridMap project (default: the sample city, built in a "
                                                     "temporary folder)")
    parser.add_argument("--keep", type=Path, help="folder to keep the PDFs in (default: a temporary folder)")
    args = parser.parse_args()
    plt.rcParams["font.family"] = ["Noto Sans CJK SC", "Microsoft YaHei", "SimHei", "DejaVu Sans"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = args.project or build_demo(Path(tmp) / "sample")
        project = open_project(path)
        project.meta.setdefault("city", "台州市")
        ensure_application()
        spec = PrintSpec(paper="A3", landscape=True, labels="code")
        gridmap_pdf = folder / "gridmap.pdf"
        scale = export_print(project, spec, gridmap_pdf).scales[0]  # fonts warm, as in a session
        ours, ours_runs = timed(lambda: write_print(project, spec, gridmap_pdf), args.repeat)
        text = subprocess.run(["pdftotext", str(gridmap_pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        all_codes = set(project.grids["code"].astype(str))
        printed = {word for word in text.split() if word in all_codes}
        epsg = project.gk_epsg()
        geopandas_pdf(project.grids, epsg, printed, folder / "warm.pdf")
        same, same_runs = timed(lambda: geopandas_pdf(project.grids, epsg, printed,
                                                      folder / "geopandas-same-labels.pdf"), args.repeat)
        naive, naive_runs = timed(lambda: geopandas_pdf(project.grids, epsg, None,
                                                        folder / "geopandas-all-labels.pdf"), args.repeat)
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "gridmap", "print", str(path), "--out", str(folder / "cli.pdf")],
                             capture_output=True, text=True)
        cli = time.perf_counter() - start
        print(f"{len(project.grids):,} grids, A3 landscape at 1:{scale:,.0f}; GridMap printed "
              f"{len(printed):,} grid codes (the rest do not fit their grid or would overlap)")
        print(f"GridMap write_print (vector PDF)          median {ours:6.2f} s  runs {fmt(ours_runs)}  "
              f"{gridmap_pdf.stat().st_size / 1e6:.1f} MB")
        print(f"geopandas + savefig, same {len(printed):,} labels     median {same:6.2f} s  runs {fmt(same_runs)}  "
              f"{(folder / 'geopandas-same-labels.pdf').stat().st_size / 1e6:.1f} MB")
        print(f"geopandas + savefig, all {len(all_codes):,} labels    median {naive:6.2f} s  runs {fmt(naive_runs)}  "
              f"{(folder / 'geopandas-all-labels.pdf').stat().st_size / 1e6:.1f} MB")
        print(f"ratio, same labels: {same / ours:.1f}x   ratio, all labels: {naive / ours:.1f}x")
        print(f"gridmap print as a command (start-up, reading the project, printing): {cli:.2f} s"
              + ("" if run.returncode == 0 else f" FAILED: {run.stderr.strip()}"))
        if args.keep:
            print(f"PDFs in {folder}")


def fmt(runs: list[float]) -> str:
    return " ".join(f"{t:.2f}" for t in runs)


if __name__ == "__main__":
    main()
