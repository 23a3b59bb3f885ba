"""The ``gridmap`` command: the GUI, and the same operations as subcommands.

Every subcommand calls the same core function the GUI calls. ``--json`` prints one JSON object on stdout.
A user error (bad file, bad option) prints one line on stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gridmap import __version__
from gridmap.core.errors import Cancelled, GridMapError

COMMANDS = ("inspect", "new", "info", "add", "stats", "export", "demo", "snapshot", "export-html")


class UsageError(GridMapError):
    """A command line that does not parse."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        command = self.prog.removeprefix("gridmap").strip()
        raise UsageError(f"{command + ': ' if command else ''}{message} (see --help)")


def _stderr_progress(fraction: float, message: str) -> None:
    if sys.stderr.isatty():
        print(f"\r{fraction:4.0%} {message[:60]:<60}", end="", file=sys.stderr, flush=True)


def _done_progress() -> None:
    if sys.stderr.isatty():
        print("\r" + " " * 66 + "\r", end="", file=sys.stderr, flush=True)


def _emit(args, data: dict, text: str) -> None:
    print(json.dumps(data, ensure_ascii=False) if args.json else text)


def _problems_text(problems) -> str:
    return "".join(f"\n  ! {p.message}" for p in problems)


def cmd_inspect(args) -> int:
    from gridmap.core.reader import inspect_source

    report = inspect_source(Path(args.file), args.layer, args.encoding, args.crs)
    data = report.to_json()
    enc = data["encoding"]
    lines = [
        f"{report.path}: {report.format}, layer {report.layer!r} of {len(report.layers)}, "
        f"{report.features} features ({', '.join(report.geometry_types) or 'no geometry'})",
        f"  CRS: {data['crs']['name'] or 'unknown'}" + (f" (EPSG:{data['crs']['epsg']})" if data['crs']['epsg'] else "")
        + (" [inferred]" if report.crs_inferred else ""),
        "  encoding: " + (f"{enc['name']} ({enc['source']})" if enc else "n/a (UTF-8 by format)"),
        f"  bbox (lon/lat): {data['bbox_wgs84']}",
        "  fields: " + "; ".join(f"{f.name} [{f.type}] e.g. {', '.join(map(str, f.samples))}" for f in report.fields),
    ]
    _emit(args, data, "\n".join(lines) + _problems_text(report.problems))
    return 0


def _mapping(args):
    from gridmap.core.fields import ROLES, FieldMapping

    return FieldMapping(**{role: getattr(args, f"{role}_field") for role in ROLES})


def cmd_new(args) -> int:
    from gridmap.core.project import ImportOptions, new_project

    options = ImportOptions(Path(args.grids), args.layer, args.encoding, args.crs, args.coords, _mapping(args))
    try:
        project, problems = new_project(Path(args.project), options, args.force, _stderr_progress)
    finally:
        _done_progress()
    data = {"project": str(Path(args.project)), "grids": len(project.grids), "source": project.meta["sources"][0],
            "field_mapping": project.meta["field_mapping"], "problems": [p.to_json() for p in problems]}
    _emit(args, data, f"{args.project}: {len(project.grids)} grids from {args.grids}" + _problems_text(problems))
    return 0


def cmd_info(args) -> int:
    from gridmap.core.store import open_project

    summary = open_project(Path(args.project)).summary()
    text = "\n".join(f"{key}: {value}" for key, value in summary.items())
    _emit(args, summary, text)
    return 0


def _day(text: str):
    from gridmap.core.stats import parse_day

    try:
        return parse_day(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date such as 2026-01-05, 2026/1/5 or 2026年1月5日, "
                                         f"not {text!r}") from None


def cmd_stats(args) -> int:
    from gridmap.core.stats import FORMATS, day_filter, record_stats, stats_text, write_stats
    from gridmap.core.store import open_project

    if args.start is not None and args.end is not None and args.start > args.end:
        raise UsageError("stats: --from is after --to")
    suffix = Path(args.out).suffix.lower().lstrip(".") if args.out else ""
    fmt = args.format or (suffix if suffix in FORMATS else "csv")
    if fmt == "xlsx" and not args.out:
        raise UsageError("stats: --format xlsx needs --out")
    project = open_project(Path(args.project))
    frame = record_stats(project, args.kind, args.by, day_filter(args.start, args.end))
    if not args.out:
        sys.stdout.write(stats_text(frame, fmt) + ("" if fmt == "csv" else "\n"))
        return 0
    out = write_stats(frame, Path(args.out), fmt)
    print(f"{out}: {len(frame)} rows, {int(frame['total'].sum()):,} {args.kind}")
    return 0


def cmd_demo(args) -> int:
    from gridmap.core.demo import build_demo

    try:
        path = build_demo(Path(args.dir) if args.dir else None, progress=_stderr_progress, force=args.force)
    finally:
        _done_progress()
    _emit(args, {"project": str(path)}, str(path))
    return 0


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1600x1000, not {text!r}") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise argparse.ArgumentTypeError(f"{text}: width and height must be between 200 and 8000 pixels")
    return width, height


def cmd_snapshot(args) -> int:
    from gridmap.ui.snapshot import snapshot

    data = snapshot(Path(args.project), Path(args.out), args.size, args.lang)
    _emit(args, data, f"{data['out']}: {data['size'][0]}x{data['size'][1]}, {data['grids']} grids, "
                      f"first paint {data['first_paint_s']} s")
    return 0


def cmd_export_html(args) -> int:
    from gridmap.core.store import open_project
    from gridmap.map.basemaps import NONE, Basemap
    from gridmap.map.export import export_html
    from gridmap.ui.labels import ENGLISH_LABELS

    project = open_project(Path(args.project))
    state = project.meta.get("map") or {}
    basemap = Basemap.from_dict(state["basemap"]) if state.get("basemap") else NONE
    colour_by = args.colour_by or state.get("colour_by", "district")
    out = export_html(project.grids, Path(args.out), colour_by=colour_by,
                      labels=args.labels or state.get("labels", "code"), basemap=basemap, extent=state.get("extent"),
                      legend_title={"district": "Districts", "street": "Streets / towns"}.get(colour_by, ""),
                      field_labels=ENGLISH_LABELS)
    data = {"out": str(out), "grids": len(project.grids), "bytes": out.stat().st_size}
    _emit(args, data, f"{out}: {data['grids']} grids, {data['bytes']:,} bytes")
    return 0


def cmd_add(args) -> int:
    from gridmap.core.record_import import RecordImportOptions, add_records

    columns = {role: getattr(args, f"{role}_col") for role in ("lon", "lat", "id", "time", "category", "status")
               if getattr(args, f"{role}_col")}
    if "time" in columns:
        columns["reported_at"] = columns.pop("time")
    if "category" in columns and args.kind == "venues":
        columns["type"] = columns.pop("category")
    for item in args.col or []:
        role, sep, column = item.partition("=")
        if not sep:
            raise UsageError(f"add: --col expects ROLE=COLUMN, not {item!r}")
        columns[role.strip()] = column.strip()
    options = RecordImportOptions(Path(args.file), args.kind, columns, args.coords, args.encoding, args.sheet,
                                  args.fix_swapped)
    try:
        result = add_records(Path(args.project), options, _stderr_progress)
    finally:
        _done_progress()
    lines = [result.summary()] + [f"  row {r}: {why}" for r, why in result.rejected_rows[:20]]
    if len(result.rejected_rows) > 20:
        lines.append(f"  … {len(result.rejected_rows) - 20} more rejected rows (--json lists them all)")
    _emit(args, result.to_json(), "\n".join(lines))
    return 0


def cmd_export(args) -> int:
    from gridmap.core.layer_export import export_layer
    from gridmap.core.store import open_project

    project = open_project(Path(args.project))
    out = export_layer(project, args.layer, Path(args.out), reveal=args.reveal)
    rows = len(project.grids) if args.layer == "grids" else len(project.layers[args.layer])
    data = {"out": str(out), "layer": args.layer, "rows": rows, "masked": not args.reveal}
    _emit(args, data, f"{out}: {rows:,} {args.layer}" + ("" if args.reveal else " (ID and phone numbers masked)"))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gridmap", description="GridMap: desktop GIS for grid-based community governance. "
                     "Without a command, opens the GUI (on the bundled Taizhou sample city, or on PROJECT.gpkg).")
    parser.add_argument("--version", action="version", version=f"GridMap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def source_options(p):
        p.add_argument("--layer", help="layer to read (GeoPackage, KML)")
        p.add_argument("--encoding", help="attribute encoding of a Shapefile, e.g. GBK, UTF-8 (default: .cpg, "
                                          "DBF language driver, else detected)")
        p.add_argument("--crs", help="coordinate system: EPSG:4528, gk3:120 (3° Gauss-Krüger, CM 120°E, no zone "
                                     "prefix), gk3:zone40 (prefixed), WKT... (default: the file's, else inferred)")

    p = sub.add_parser("inspect", help="describe a boundary file: format, CRS, encoding, fields, problems")
    p.add_argument("file", help=".shp, .zip, .gpkg, .geojson or .kml")
    source_options(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_inspect)

    p = sub.add_parser("new", help="create a project (.gpkg) from a grid boundary file")
    p.add_argument("project", help="project file to create, *.gpkg")
    p.add_argument("--grids", required=True, help="grid boundary file (.shp, .zip, .gpkg, .geojson, .kml)")
    source_options(p)
    p.add_argument("--coords", choices=("wgs84", "gcj02", "bd09"), default="wgs84",
                   help="lon/lat flavour of the source: wgs84 (also CGCS2000), gcj02 (Amap, Tencent), bd09 (Baidu)")
    for role, example in (("code", "WGBM"), ("name", "WGMC"), ("community", "SQMC"), ("street", "JDMC"),
                          ("district", "QXMC"), ("households", "HS")):
        p.add_argument(f"--{role}-field", metavar="F", help=f"field holding the grid {role} (e.g. {example}; "
                                                            "default: guessed)")
    p.add_argument("--force", action="store_true", help="overwrite an existing project (atomically)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("info", help="summarise a project: grids, districts, streets, area, layers")
    p.add_argument("project")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("add", help="import incidents, key persons, key venues or grid workers into a project")
    p.add_argument("project")
    p.add_argument("--kind", required=True, choices=("incidents", "persons", "venues", "workers"),
                   help="record kind")
    p.add_argument("file", help="CSV (UTF-8, UTF-8 with BOM or GBK), XLSX, or a point layer (.shp, .gpkg, "
                                ".geojson)")
    p.add_argument("--lon-col", metavar="C", help="longitude column (default: guessed: 经度, lng, lon, x…)")
    p.add_argument("--lat-col", metavar="C", help="latitude column (default: guessed: 纬度, lat, y…)")
    p.add_argument("--coords", default="wgs84", metavar="CRS",
                   help="coordinates of the file: wgs84 (also CGCS2000), gcj02 (Amap, Tencent), bd09 (Baidu) or "
                        "a projected CRS such as EPSG:4549 (default wgs84)")
    p.add_argument("--encoding", help="text encoding of a CSV (default: detected, UTF-8 or GBK)")
    p.add_argument("--sheet", help="sheet of an XLSX file, or layer of a GeoPackage (default: the first)")
    p.add_argument("--id-col", metavar="C", help="record id column; records with an id already in the project "
                                                  "are updated, not duplicated (default: guessed)")
    p.add_argument("--time-col", metavar="C", help="incident time column (default: guessed: 上报时间, 发生时间…)")
    p.add_argument("--category-col", metavar="C", help="category column (venues: their type)")
    p.add_argument("--status-col", metavar="C", help="incident status column")
    p.add_argument("--col", action="append", metavar="ROLE=COLUMN",
                   help="any other column role, e.g. --col address=详细地址 --col phone=手机 (repeatable)")
    p.add_argument("--fix-swapped", action="store_true",
                   help="swap longitude and latitude where they look exchanged (default: such rows are rejected)")
    p.add_argument("--json", action="store_true",
                   help="print one JSON object: rows, imported, new, updated, rejected, unassigned, rejected_rows")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("export", help="write a layer to CSV, GeoPackage or Shapefile (ID and phone masked)")
    p.add_argument("project")
    p.add_argument("--layer", required=True, help="grids, incidents, persons, venues or workers")
    p.add_argument("--out", required=True, metavar="F", help="file to write: .csv, .gpkg, .shp or .geojson")
    p.add_argument("--reveal", action="store_true", help="write ID and phone numbers unmasked")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("stats", help="count records per grid, community, street or district")
    p.add_argument("project")
    p.add_argument("--by", choices=("grid", "community", "street", "district"), default="grid",
                   help="unit to count per (default grid)")
    p.add_argument("--kind", choices=("incidents", "persons", "venues", "workers"), default="incidents",
                   help="record layer to count (default incidents)")
    p.add_argument("--from", dest="start", type=_day, metavar="DATE",
                   help="first day counted (incidents reported from then on): 2026-01-05, 2026/1/5, 2026年1月5日")
    p.add_argument("--to", dest="end", type=_day, metavar="DATE", help="last day counted, the whole day included")
    p.add_argument("--format", choices=("csv", "json", "xlsx"),
                   help="output format (default: from --out's suffix, else csv); CSV is UTF-8 with a BOM in files")
    p.add_argument("--out", metavar="F", help="file to write atomically (default: print CSV or JSON on stdout)")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("demo", help="build the sample Taizhou city project and print its path")
    p.add_argument("dir", nargs="?", help="folder for the sample (default: the user's GridMap data folder)")
    p.add_argument("--force", action="store_true", help="rebuild even if it exists")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("snapshot", help="render the main window with the project's map to a PNG (offscreen)")
    p.add_argument("project")
    p.add_argument("--out", required=True, help="PNG file to write")
    p.add_argument("--size", type=_size, default=(1600, 1000), metavar="WxH", help="window size (default 1600x1000)")
    p.add_argument("--lang", choices=("zh", "en"), help="user interface language (default: the system's)")
    p.add_argument("--json", action="store_true", help='print {"first_paint_s": ..., "grids": n, ...}')
    p.set_defaults(func=cmd_snapshot)

    p = sub.add_parser("export-html", help="write the map as one HTML file that opens offline in a browser")
    p.add_argument("project")
    p.add_argument("--out", required=True, help="HTML file to write")
    p.add_argument("--colour-by", choices=("district", "street", "none"),
                   help="grid colours (default: as saved in the project, else district)")
    p.add_argument("--labels", choices=("code", "name", "none"), help="grid labels (default: as saved, else code)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_export_html)
    return parser


def _gui(argv: list[str]) -> int:
    parser = _Parser(prog="gridmap", description="Open the GridMap window.")
    parser.add_argument("project", nargs="?", help="project file (.gpkg); default: the sample city")
    parser.add_argument("--lang", choices=("zh", "en"), help="user interface language (default: the system's)")
    args = parser.parse_args(argv)
    from gridmap.ui.app import run

    return run(Path(args.project) if args.project else None, args.lang)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        first = next((a for a in argv if not a.startswith("-")), None)
        if first not in COMMANDS and not {"-h", "--help", "--version"} & set(argv):
            return _gui(argv)
        args = build_parser().parse_args(argv)
        if args.command is None:
            return _gui([])
        return args.func(args)
    except GridMapError as err:
        print(f"gridmap: {err}", file=sys.stderr)
        return 2
    except (Cancelled, KeyboardInterrupt):
        print("gridmap: cancelled; nothing was written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
